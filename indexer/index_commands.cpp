#include "index_commands.h"

#include <search/error.h>

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "source_files.h"

namespace po = boost::program_options;

namespace search::indexer {

bool parse_command_line(int argc, char** argv, const char* usage, po::options_description& options,
                        const char* positional_name, std::vector<std::string>* positional) {
  options.add_options()("help,h", "show this help");
  po::options_description hidden;
  if (positional != nullptr) hidden.add_options()(positional_name, po::value(positional));
  po::positional_options_description p;
  if (positional != nullptr) p.add(positional_name, -1);
  po::options_description all;
  all.add(options).add(hidden);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(p).run(), vm);
    if (vm.count("help") != 0) {
      std::cout << usage << "\n\n" << options << "\n";
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw Error(ErrorCode::kInvalidArgument, std::string(e.what()) + "\nusage: " + usage);
  }
  return true;
}

namespace {

struct ParsedFile {
  std::string path;
  std::uint64_t bytes = 0;
  ParseResult result;
  std::string error;
};

// A single producer parses files ahead of the consumer, at most kAhead files ahead.
class FileQueue {
 public:
  explicit FileQueue(std::vector<SourceFile> files) : files_(std::move(files)), thread_([this] { run(); }) {}
  ~FileQueue() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  // False when every file has been handed out.
  bool next(ParsedFile* out) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty() || done_; });
    if (ready_.empty()) return false;
    *out = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();
    return true;
  }

 private:
  static constexpr std::size_t kAhead = 64;

  void run() {
    for (const auto& file : files_) {
      ParsedFile parsed;
      parsed.path = file.path;
      std::error_code ec;
      parsed.bytes = std::filesystem::file_size(file.path, ec);
      try {
        parsed.result = read_minutes(file.path, file.name);
      } catch (const std::exception& e) {
        parsed.error = e.what();
      }
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return ready_.size() < kAhead || stop_; });
      if (stop_) return;
      ready_.push_back(std::move(parsed));
      changed_.notify_all();
    }
    std::lock_guard lock(mutex_);
    done_ = true;
    changed_.notify_all();
  }

  std::vector<SourceFile> files_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<ParsedFile> ready_;
  bool done_ = false;
  bool stop_ = false;
  std::thread thread_;
};

class ProgressBar {
 public:
  ProgressBar(bool enabled, std::uint64_t total_bytes)
      : enabled_(enabled && ::isatty(STDERR_FILENO) != 0), total_(total_bytes), start_(Clock::now()) {}
  void update(const IndexingTotals& t, bool force = false) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double fraction = total_ == 0 ? 1.0 : static_cast<double>(t.bytes_read) / static_cast<double>(total_);
    int filled = static_cast<int>(fraction * 30);
    double seconds = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r[%-30s] %3.0f%% %llu files, %llu decisions, %.0f decisions/s ",
                 std::string(static_cast<std::size_t>(std::min(filled, 30)), '#').c_str(), fraction * 100,
                 static_cast<unsigned long long>(t.files), static_cast<unsigned long long>(t.decisions),
                 seconds > 0 ? static_cast<double>(t.decisions) / seconds : 0.0);
  }
  void finish(const IndexingTotals& t) {
    if (!enabled_) return;
    update(t, true);
    std::fprintf(stderr, "\n");
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  std::uint64_t total_;
  Clock::time_point start_, last_{};
};

}  // namespace

IndexingTotals index_sources(IndexWriter& writer, const std::vector<std::string>& sources, bool progress) {
  std::vector<SourceFile> files = list_source_files(sources);
  std::uint64_t total_bytes = 0;
  for (const auto& f : files) {
    std::error_code ec;
    total_bytes += std::filesystem::file_size(f.path, ec);
  }
  IndexingTotals totals;
  ProgressBar bar(progress, total_bytes);
  FileQueue queue(std::move(files));
  ParsedFile parsed;
  while (queue.next(&parsed)) {
    ++totals.files;
    totals.bytes_read += parsed.bytes;
    if (!parsed.error.empty()) {
      ++totals.failed_files;
      std::fprintf(stderr, "%swarning: skipped %s\n", progress && ::isatty(STDERR_FILENO) ? "\n" : "", parsed.error.c_str());
      continue;
    }
    for (auto& record : parsed.result.records) {
      writer.add(std::move(record));
      ++totals.decisions;
    }
    bar.update(totals);
  }
  bar.finish(totals);
  return totals;
}

std::string human_bytes(std::uint64_t bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return buf;
}

void print_stats(const IndexStats& s) {
  std::printf("generation  %llu\n", static_cast<unsigned long long>(s.generation));
  std::printf("segments    %llu\n", static_cast<unsigned long long>(s.segments));
  std::printf("documents   %llu\n", static_cast<unsigned long long>(s.documents));
  std::printf("deleted     %llu\n", static_cast<unsigned long long>(s.deleted));
  std::printf("terms       %llu\n", static_cast<unsigned long long>(s.terms));
  std::printf("tokens      %llu\n", static_cast<unsigned long long>(s.total_length));
  std::printf("bytes       %llu (%s)\n", static_cast<unsigned long long>(s.bytes), human_bytes(s.bytes).c_str());
  static const std::pair<const char*, const char*> kKinds[] = {
      {"term", "term dictionary"}, {"pstg", "posting lists"}, {"posn", "positions"},
      {"lens", "document lengths"}, {"fact", "facet columns"}, {"stor", "stored records"},
      {"del", "tombstones"}, {"manifest", "manifest"}};
  for (const auto& [kind, label] : kKinds) {
    auto it = s.bytes_by_kind.find(kind);
    std::uint64_t bytes = it == s.bytes_by_kind.end() ? 0 : it->second;
    double per_doc = s.documents == 0 ? 0.0 : static_cast<double>(bytes) / static_cast<double>(s.documents);
    std::printf("  %-8s %-18s %12llu  %9s  %8.1f B/doc\n", kind, label, static_cast<unsigned long long>(bytes),
                human_bytes(bytes).c_str(), per_doc);
  }
}

}  // namespace search::indexer
