// search-indexer daemon: watches an inbox, indexes the minutes files dropped into it, commits
// every --commit-interval seconds and only then moves each file to done/ (or failed/ with a
// .reason file). The order commit -> journal -> move means that after a crash at any moment
// every file is in the inbox (and is indexed again, replacing its records by id), in done/
// (and its records are committed), or in failed/.
//
// Signals are read through a signalfd in the main loop, never in a handler: SIGTERM and
// SIGINT finish the file in hand, commit and exit 0; SIGHUP re-opens the --log file.
#include <search/error.h>
#include <search/index_writer.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <poll.h>
#include <set>
#include <string>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <boost/program_options.hpp>

#include "commands.h"
#include "input/event_log.h"
#include "input/inbox.h"
#include "ops/live_index.h"
#include "source_files.h"

namespace po = boost::program_options;

namespace search::indexer {
namespace {

using Clock = std::chrono::steady_clock;
using input::LogLevel;
using ops::FileLockGuard;

struct DaemonOptions {
  std::string index;
  std::string inbox;
  double commit_interval = 30;
  double rescan = 60;
  double settle = 2;
  std::string log;
  std::optional<std::string> lexicon;  // AnalyzerOptions::lexicon_path if given
};

std::chrono::milliseconds to_ms(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

long long ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// A file indexed but not yet committed: kept until the commit so that it can be moved, and
// re-added should a rebuild switch the index under us.
struct Pending {
  std::string name;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::vector<Record> records;
  std::vector<std::string> removed_ids;  // ids of the previous version that this one lacks
};

std::optional<std::pair<std::uint64_t, std::int64_t>> file_stamp(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return std::make_pair(static_cast<std::uint64_t>(st.st_size),
                        static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec);
}

class Signals {
 public:
  Signals() {
    sigemptyset(&set_);
    for (int sig : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&set_, sig);
    // Blocked before any thread starts, so every thread inherits the mask and the signals
    // queue for the signalfd.
    if (::pthread_sigmask(SIG_BLOCK, &set_, nullptr) != 0) throw Error(ErrorCode::kIo, "cannot block signals");
    fd_ = ::signalfd(-1, &set_, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd_ < 0) throw Error(ErrorCode::kIo, "signalfd failed");
  }
  ~Signals() {
    ::close(fd_);
    ::pthread_sigmask(SIG_UNBLOCK, &set_, nullptr);
  }
  int fd() const { return fd_; }
  // The next pending signal number, or 0.
  int next() {
    signalfd_siginfo info{};
    return ::read(fd_, &info, sizeof info) == sizeof info ? static_cast<int>(info.ssi_signo) : 0;
  }

 private:
  sigset_t set_{};
  int fd_ = -1;
};

class Daemon {
 public:
  explicit Daemon(const DaemonOptions& options)
      : options_(options), log_(options.log), live_(options.index),
        journal_(live_.sidecar_file("journal")) {}

  // Runs until SIGTERM/SIGINT; a fatal error is logged, then thrown.
  int run();

 private:
  int serve();
  void acquire_daemon_lock();
  void open_writer();
  WriterOptions writer_options() const;
  void follow_switch();
  void handle_signals();
  void process(const std::string& name);
  std::vector<std::string> stale_ids(const std::string& name, const std::vector<Record>& records);
  void fail(const std::string& name, const std::string& reason);
  void commit_batch();
  int poll_timeout() const;

  DaemonOptions options_;
  input::EventLog log_;
  ops::LiveIndex live_;
  ops::Journal journal_;
  Signals signals_;
  std::optional<FileLockGuard> daemon_lock_;
  std::unique_ptr<input::Inbox> inbox_;
  std::unique_ptr<IndexWriter> writer_;
  std::string writer_dir_;
  std::vector<Pending> pending_;
  Clock::time_point batch_started_;
  bool stopping_ = false;
};

void Daemon::acquire_daemon_lock() {
  live_.ensure_sidecar();
  auto path = live_.sidecar_file("daemon.lock");
  daemon_lock_ = FileLockGuard::try_acquire(path, FileLockGuard::Mode::kExclusive);
  if (!daemon_lock_) {
    throw Error(ErrorCode::kLocked, live_.path() + ": another daemon (pid " +
                                        FileLockGuard::holder(path) + ") is serving this index");
  }
}

// Opens the writer on the resolved live directory (never through the link, which a rebuild
// may switch). A missing index is created in the switchable layout.
void Daemon::open_writer() {
  writer_.reset();
  if (live_.kind() == ops::LiveIndex::Kind::kMissing) {
    auto generation = std::filesystem::canonical(live_.new_generation()).string();
    writer_ = IndexWriter::open(generation, writer_options());
    writer_->commit();  // an empty, readable first generation
    live_.switch_to(generation);
    log_.write(LogLevel::kInfo, "index_created", {{"index", live_.path()}, {"dir", generation}});
  }
  writer_dir_ = live_.resolve();
  if (!writer_ || writer_->directory() != writer_dir_) writer_ = IndexWriter::open(writer_dir_, writer_options());
}

WriterOptions Daemon::writer_options() const {
  WriterOptions options;
  if (options_.lexicon) options.analyzer.lexicon_path = *options_.lexicon;
  return options;
}

// A rebuild switched the live index: move the writer there and re-add what is pending (the
// old writer's uncommitted changes are dropped with it).
void Daemon::follow_switch() {
  if (live_.resolve() == writer_dir_) return;
  auto old_dir = writer_dir_;
  open_writer();
  for (const auto& file : pending_) {
    for (const auto& id : file.removed_ids) writer_->remove(id);
    for (const auto& record : file.records) writer_->add(record);
  }
  log_.write(LogLevel::kInfo, "index_switched",
             {{"from", old_dir}, {"to", writer_dir_}, {"pending_files", std::to_string(pending_.size())}});
}

void Daemon::handle_signals() {
  while (int sig = signals_.next()) {
    if (sig == SIGHUP) {
      log_.reopen();
      log_.write(LogLevel::kInfo, "log_reopened");
    } else if (!stopping_) {
      stopping_ = true;
      log_.write(LogLevel::kInfo, "stopping", {{"signal", sig == SIGTERM ? "TERM" : "INT"}});
    }
  }
}

// Ids of records that the version of `name` now in done/ has and this one lacks: a
// republished file with fewer items must not leave its old items behind.
std::vector<std::string> Daemon::stale_ids(const std::string& name, const std::vector<Record>& records) {
  auto previous = inbox_->done_version(name);
  if (previous.empty()) return {};
  std::set<std::string> current;
  for (const auto& record : records) current.insert(record.id);
  std::vector<std::string> stale;
  try {
    for (const auto& record : read_minutes(previous, name).records) {
      if (!current.count(record.id)) stale.push_back(record.id);
    }
  } catch (const Error&) {
    // The old version no longer parses (parser changed?): keep its records.
  }
  return stale;
}

void Daemon::fail(const std::string& name, const std::string& reason) {
  try {
    auto moved = inbox_->move_to_failed(name, reason);
    log_.write(LogLevel::kWarning, "failed", {{"file", name}, {"reason", reason}, {"moved_to", moved}});
  } catch (const Error& e) {
    log_.write(LogLevel::kError, "failed", {{"file", name}, {"reason", reason}, {"error", e.what()}});
  }
}

void Daemon::process(const std::string& name) {
  const auto start = Clock::now();
  const auto path = inbox_->dir() + "/" + name;
  auto stamp = file_stamp(path);
  if (!stamp) return;  // gone since it was reported
  Pending file{name, stamp->first, stamp->second, {}, {}};
  try {
    file.records = read_minutes(path, name).records;
  } catch (const Error& e) {
    if (!file_stamp(path)) return;  // deleted while we read it: nothing to move
    fail(name, e.what());
    return;
  }
  file.removed_ids = stale_ids(name, file.records);
  try {
    for (const auto& id : file.removed_ids) writer_->remove(id);
    for (const auto& record : file.records) writer_->add(record);
  } catch (const Error& e) {
    if (e.code() == ErrorCode::kIo) throw;  // the writer is unusable: fatal
    // A record the writer refuses (a limit, say). The file's records added before it stay
    // and are committed; the file goes to failed/ so that someone looks at it.
    fail(name, e.what());
    return;
  }
  log_.write(LogLevel::kInfo, "indexed",
             {{"file", name}, {"records", std::to_string(file.records.size())},
              {"removed", std::to_string(file.removed_ids.size())}, {"ms", std::to_string(ms_since(start))}});
  if (pending_.empty()) batch_started_ = Clock::now();
  std::erase_if(pending_, [&](const Pending& p) { return p.name == name; });
  pending_.push_back(std::move(file));
}

void Daemon::commit_batch() {
  if (pending_.empty()) return;
  const auto start = Clock::now();
  // Shared with other commits, exclusive to a rebuild's replay-and-switch.
  auto swap = FileLockGuard::acquire(live_.sidecar_file("swap.lock"), FileLockGuard::Mode::kShared);
  follow_switch();
  auto generation = writer_->commit();
  std::vector<ops::JournalEntry> entries;
  std::size_t records = 0;
  for (const auto& file : pending_) {
    entries.push_back({file.name, inbox_->dir() + "/done/" + file.name});
    records += file.records.size();
  }
  journal_.append(entries);
  for (const auto& file : pending_) {
    auto stamp = file_stamp(inbox_->dir() + "/" + file.name);
    if (!stamp || *stamp != std::make_pair(file.size, file.mtime_ns)) {
      // Replaced while we indexed it: the inbox reports the new version; leave it there.
      log_.write(LogLevel::kInfo, "changed_while_indexing", {{"file", file.name}});
      continue;
    }
    inbox_->move_to_done(file.name);
  }
  inbox_->sync();
  log_.write(LogLevel::kInfo, "committed",
             {{"generation", std::to_string(generation)}, {"files", std::to_string(pending_.size())},
              {"records", std::to_string(records)}, {"ms", std::to_string(ms_since(start))}});
  pending_.clear();
}

int Daemon::poll_timeout() const {
  auto wait = inbox_->time_to_next_scan();
  if (!pending_.empty()) {
    auto due = std::chrono::ceil<std::chrono::milliseconds>(
        batch_started_ + to_ms(options_.commit_interval) - Clock::now());
    wait = std::min(wait, std::max(due, std::chrono::milliseconds(0)));
  }
  return static_cast<int>(std::min<long long>(wait.count(), 60'000));
}

int Daemon::run() {
  try {
    return serve();
  } catch (const std::exception& e) {
    // Uncommitted files stay in the inbox and are indexed again at the next start.
    log_.write(LogLevel::kError, "fatal", {{"error", e.what()}});
    throw;
  }
}

int Daemon::serve() {
  // The journal records where files end up; a rebuild reads it from another directory.
  options_.inbox = std::filesystem::absolute(options_.inbox).lexically_normal().string();
  while (options_.inbox.size() > 1 && options_.inbox.back() == '/') options_.inbox.pop_back();
  acquire_daemon_lock();
  open_writer();
  input::InboxOptions inbox_options;
  inbox_options.rescan_interval = to_ms(options_.rescan);
  inbox_options.settle = to_ms(options_.settle);
  inbox_ = std::make_unique<input::Inbox>(options_.inbox, inbox_options);
  log_.write(LogLevel::kInfo, "started",
             {{"index", live_.path()}, {"dir", writer_dir_}, {"inbox", options_.inbox},
              {"generation", std::to_string(writer_->generation())}, {"pid", std::to_string(::getpid())}});
  while (!stopping_) {
    pollfd fds[2] = {{signals_.fd(), POLLIN, 0}, {inbox_->fd(), POLLIN, 0}};
    ::poll(fds, 2, poll_timeout());
    handle_signals();
    if (stopping_) break;
    auto ready = inbox_->take_ready();
    if (!ready.empty() && pending_.empty()) follow_switch();
    for (const auto& name : ready) {
      process(name);
      handle_signals();
      if (stopping_) break;  // finish the file in hand only; the rest stay in the inbox
    }
    if (!pending_.empty() && Clock::now() >= batch_started_ + to_ms(options_.commit_interval)) {
      commit_batch();
    }
  }
  commit_batch();
  log_.write(LogLevel::kInfo, "stopped", {{"generation", std::to_string(writer_->generation())}});
  return 0;
}

}  // namespace

int run_daemon(int argc, char** argv) {
  DaemonOptions options;
  po::options_description desc(
      "usage: search-indexer daemon --index DIR --inbox DIR [options]\n\n"
      "Indexes minutes files (.txt, .md, .pdf) dropped into the inbox; after each commit moves\n"
      "them to INBOX/done/, or to INBOX/failed/ with FILE.reason saying why.\n\noptions");
  desc.add_options()
      ("help,h", "show this help")
      ("index", po::value(&options.index)->required(), "index directory (created if missing)")
      ("inbox", po::value(&options.inbox)->required(), "directory to watch")
      ("commit-interval", po::value(&options.commit_interval)->default_value(30),
       "seconds between commits while files arrive")
      ("rescan", po::value(&options.rescan)->default_value(60),
       "seconds between full listings of the inbox (a fallback for missed events)")
      ("settle", po::value(&options.settle)->default_value(2),
       "seconds a file found by a listing must keep its size and mtime before it is read")
      ("log", po::value(&options.log), "append events to this file instead of stderr (SIGHUP re-opens it)")
      ("lexicon", po::value<std::string>(),
       "Danish word list for decompounding and OCR repair (default /usr/share/dict/danish; \"\" "
       "switches both off); must be the one the query side uses");
  po::variables_map vm;
  po::store(po::parse_command_line(argc, argv, desc), vm);
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return 0;
  }
  po::notify(vm);
  if (vm.count("lexicon")) options.lexicon = vm["lexicon"].as<std::string>();
  if (options.commit_interval < 0 || options.rescan <= 0 || options.settle < 0) {
    throw Error(ErrorCode::kInvalidArgument, "--commit-interval, --rescan and --settle must be positive");
  }
  Daemon daemon(options);
  return daemon.run();
}

}  // namespace search::indexer
