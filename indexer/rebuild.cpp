// search-indexer rebuild: builds a complete new index from SOURCE files and directories in a
// new generation directory beside the live one, then switches the live link to it in one
// rename(2) (see libsearch/src/ops/live_index.h for the layout).
//
// Safety: everything is built and verified (check_index) before the switch; on any failure
// the new directory is removed and the live index has not been touched.
//
// Coordination with a running daemon (no inbox file is lost):
//  1. At the start, under the exclusive swap lock, the rebuild notes the end of the daemon's
//     journal. Every file the daemon committed before that point is already in done/ (the
//     daemon moves files before it releases the lock), so a rebuild whose SOURCEs include
//     the inbox's done/ directory reads it.
//  2. At the end it takes the swap lock again, which waits for a daemon commit in progress
//     and holds off the next one, replays every file the journal gained meanwhile into the
//     new index, commits, switches the link and empties the journal.
//  3. The daemon, at its next commit, sees the link point elsewhere, opens its writer on the
//     new index and re-adds the files it had not committed yet.
#include <search/error.h>
#include <search/index_reader.h>
#include <search/index_writer.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

#include <boost/program_options.hpp>

#include "commands.h"
#include "ops/live_index.h"
#include "source_files.h"

namespace fs = std::filesystem;
namespace po = boost::program_options;

namespace search::indexer {
namespace {

using Clock = std::chrono::steady_clock;
using ops::FileLockGuard;
using Mode = FileLockGuard::Mode;

struct RebuildOptions {
  std::string index;
  std::vector<std::string> sources;
  std::size_t keep = 2;
  std::size_t max_failures = 0;
  bool allow_empty = false;
  bool merge = true;
  bool verify = true;
  bool progress = false;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// "[#########           ]  45%  1234/2742 files  56789 decisions  3456/s" on one line.
class Progress {
 public:
  Progress(bool enabled, std::size_t total) : enabled_(enabled), total_(total) {}
  void update(std::size_t done, std::uint64_t records, bool force = false) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    constexpr int kWidth = 30;
    int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
    double rate = records / std::max(seconds_since(start_), 1e-3);
    std::fprintf(stderr, "\r[%-*s] %3d%%  %zu/%zu files  %llu decisions  %.0f/s ", kWidth,
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 total_ ? static_cast<int>(100 * done / total_) : 100, done, total_,
                 static_cast<unsigned long long>(records), rate);
    std::fflush(stderr);
  }
  void finish(std::size_t done, std::uint64_t records) {
    if (!enabled_) return;
    update(done, records, true);
    std::fputc('\n', stderr);
  }

 private:
  bool enabled_;
  std::size_t total_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
};

struct BuildStats {
  std::size_t files = 0;
  std::size_t failed = 0;
  std::size_t replayed = 0;
  std::uint64_t records = 0;
};

class Rebuild {
 public:
  explicit Rebuild(RebuildOptions options) : options_(std::move(options)), live_(options_.index),
        journal_(live_.sidecar_file("journal")) {}
  int run();

 private:
  void build(const std::vector<SourceFile>& files);
  void add_file(const std::string& path, const std::string& name);
  void replay_journal(std::uint64_t offset);
  void switch_live(const std::string& generation);
  void verify(const std::string& generation);

  RebuildOptions options_;
  ops::LiveIndex live_;
  ops::Journal journal_;
  std::unique_ptr<IndexWriter> writer_;
  std::map<std::string, std::vector<std::string>> ids_by_name_;  // for the replay
  BuildStats stats_;
};

void Rebuild::add_file(const std::string& path, const std::string& name) {
  auto records = read_minutes(path, name).records;
  auto& ids = ids_by_name_[name];
  // A later file of the same name (another SOURCE, or a newer version from the journal)
  // replaces the earlier one's records, including those it no longer has.
  std::set<std::string> fresh;
  for (const auto& record : records) fresh.insert(record.id);
  for (const auto& id : ids) {
    if (!fresh.count(id)) writer_->remove(id);
  }
  ids.assign(fresh.begin(), fresh.end());
  stats_.records += records.size();
  for (auto& record : records) writer_->add(std::move(record));
}

void Rebuild::build(const std::vector<SourceFile>& files) {
  Progress progress(options_.progress, files.size());
  for (const auto& file : files) {
    try {
      add_file(file.path, file.name);
    } catch (const Error& e) {
      if (e.code() == ErrorCode::kIo && !fs::exists(file.path)) {
        // Moved away since the listing (e.g. superseded by the daemon): its successor is in
        // the listing or in the journal.
      } else {
        ++stats_.failed;
        std::fprintf(stderr, "%swarning: %s\n", options_.progress ? "\n" : "", e.what());
        if (stats_.failed > options_.max_failures) {
          throw Error(e.code(), std::to_string(stats_.failed) + " source file(s) failed, more than --max-failures " +
                                    std::to_string(options_.max_failures) + "; last: " + e.what());
        }
      }
    }
    ++stats_.files;
    progress.update(stats_.files, stats_.records);
  }
  progress.finish(stats_.files, stats_.records);
}

void Rebuild::replay_journal(std::uint64_t offset) {
  for (const auto& entry : journal_.read_from(offset)) {
    try {
      add_file(entry.path, entry.name);
      ++stats_.replayed;
    } catch (const Error& e) {
      if (fs::exists(entry.path)) throw;
      // Superseded since: its newer version follows in the journal.
      std::fprintf(stderr, "note: %s from the daemon's journal is gone; skipped\n", entry.path.c_str());
    }
  }
}

void Rebuild::verify(const std::string& generation) {
  auto reader = IndexReader::open(generation);
  if (reader->document_count() == 0 && !options_.allow_empty) {
    throw Error(ErrorCode::kInvalidArgument,
                "the new index has no decisions (use --allow-empty to switch to an empty index)");
  }
  if (options_.verify) check_index(generation);
}

void Rebuild::switch_live(const std::string& generation) {
  switch (live_.kind()) {
    case ops::LiveIndex::Kind::kSwitchable:
    case ops::LiveIndex::Kind::kMissing:
      live_.switch_to(generation);
      return;
    case ops::LiveIndex::Kind::kPlain: {
      // The directory itself moves: nothing may be writing in it.
      auto daemon = FileLockGuard::try_acquire(live_.sidecar_file("daemon.lock"), Mode::kExclusive);
      auto writer = FileLockGuard::try_acquire(live_.path() + "/LOCK", Mode::kExclusive);
      if (!daemon || !writer) {
        throw Error(ErrorCode::kLocked, live_.path() +
                                            ": a plain index directory in use by a writer; stop the daemon "
                                            "for the first rebuild, which turns it into a switchable link");
      }
      live_.convert_plain(generation);
      return;
    }
  }
}

int Rebuild::run() {
  const auto start = Clock::now();
  live_.ensure_sidecar();
  auto rebuild_lock = FileLockGuard::try_acquire(live_.sidecar_file("rebuild.lock"), Mode::kExclusive);
  if (!rebuild_lock) {
    throw Error(ErrorCode::kLocked, live_.path() + ": another rebuild (pid " +
                                        FileLockGuard::holder(live_.sidecar_file("rebuild.lock")) + ") is running");
  }
  const auto swap_lock = live_.sidecar_file("swap.lock");
  std::uint64_t journal_start = 0;
  {
    auto swap = FileLockGuard::acquire(swap_lock, Mode::kExclusive);
    journal_start = journal_.size();
  }
  auto files = list_source_files(options_.sources);  // a missing SOURCE fails here
  const auto generation = live_.new_generation();
  std::string previous;
  try {
    WriterOptions writer_options;
    writer_options.error_if_exists = true;
    writer_ = IndexWriter::open(generation, writer_options);
    build(files);
    if (options_.merge) {
      writer_->merge();
    } else {
      writer_->commit();
    }
    verify(generation);  // the full check runs before the lock: the daemon keeps committing
    auto swap = FileLockGuard::acquire(swap_lock, Mode::kExclusive);
    replay_journal(journal_start);
    writer_->commit();
    writer_.reset();  // releases the new index's lock before the daemon moves there
    IndexReader::open(generation);  // what is switched to must open
    if (live_.kind() != ops::LiveIndex::Kind::kMissing) previous = live_.resolve();
    switch_live(generation);
    journal_.clear();
  } catch (...) {
    writer_.reset();
    std::error_code ec;
    fs::remove_all(generation, ec);
    throw;
  }
  auto removed = live_.prune(options_.keep);
  auto stats = IndexReader::open(generation)->stats();
  double secs = seconds_since(start);
  std::printf("rebuilt %s -> %s\n", live_.path().c_str(), generation.c_str());
  std::printf("  files %zu (failed %zu, replayed from the daemon %zu)\n", stats_.files, stats_.failed,
              stats_.replayed);
  std::printf("  decisions %llu, index %.1f MB, %.1f s, %.0f decisions/s\n",
              static_cast<unsigned long long>(stats.documents), stats.bytes / 1e6, secs,
              stats_.records / std::max(secs, 1e-3));
  if (!previous.empty()) std::printf("  previous %s (kept for rollback)\n", previous.c_str());
  for (const auto& path : removed) std::printf("  removed %s\n", path.c_str());
  return 0;
}

}  // namespace

int run_rebuild(int argc, char** argv) {
  RebuildOptions options;
  po::options_description desc(
      "usage: search-indexer rebuild --index DIR [options] SOURCE...\n\n"
      "Builds a new index from SOURCE files and directories (.txt, .md, .pdf) beside the live\n"
      "one, verifies it and switches DIR to it atomically. DIR becomes a link into DIR.d/.\n"
      "Include the daemon's INBOX/done in the SOURCEs.\n\noptions");
  bool no_merge = false, no_verify = false, no_progress = false;
  desc.add_options()
      ("help,h", "show this help")
      ("index", po::value(&options.index)->required(), "the live index (a link, a directory, or new)")
      ("keep", po::value(&options.keep)->default_value(2), "previous indexes to keep for rollback")
      ("max-failures", po::value(&options.max_failures)->default_value(0),
       "source files that may fail to parse before the rebuild gives up")
      ("allow-empty", po::bool_switch(&options.allow_empty), "switch even if the new index is empty")
      ("no-merge", po::bool_switch(&no_merge), "do not merge the new index into one segment")
      ("no-verify", po::bool_switch(&no_verify), "skip the full check of the new index")
      ("no-progress", po::bool_switch(&no_progress), "no progress bar even on a terminal");
  po::options_description hidden;
  hidden.add_options()("source", po::value(&options.sources));
  po::positional_options_description positional;
  positional.add("source", -1);
  po::options_description all;
  all.add(desc).add(hidden);
  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return 0;
  }
  po::notify(vm);
  if (options.sources.empty()) throw Error(ErrorCode::kInvalidArgument, "rebuild needs at least one SOURCE");
  options.merge = !no_merge;
  options.verify = !no_verify;
  options.progress = !no_progress && ::isatty(2);
  return Rebuild(std::move(options)).run();
}

}  // namespace search::indexer
