// search-indexer build --index DIR SOURCE...: indexes minutes files into a new index.
// DIR must not exist or be empty; --force replaces an index already there (only index
// files are removed: a directory holding anything else is refused). The nightly rebuild
// with an atomic switch is `search-indexer rebuild`.
#include <search/env.h>
#include <search/error.h>
#include <search/index_writer.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "commands.h"
#include "index_commands.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace search::indexer {
namespace {

bool is_index_file(const std::string& name) {
  return name == "LOCK" || name.starts_with("MANIFEST-") ||
         (name.size() > 7 && name[0] == 's' && name.find('.') == 7);
}

// Empties DIR of a previous index, refusing to touch anything that is not one.
void prepare_directory(const std::string& dir, bool force) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return;
  if (!fs::is_directory(dir, ec)) throw Error(ErrorCode::kInvalidArgument, dir + ": exists and is not a directory");
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  if (names.empty()) return;
  if (!force) throw Error(ErrorCode::kInvalidArgument, dir + ": is not empty (use --force to replace the index in it)");
  for (const auto& name : names) {
    if (!is_index_file(name)) throw Error(ErrorCode::kInvalidArgument, dir + ": holds " + name + ", which is not an index file; refusing to replace it");
  }
  auto lock = Env::posix()->lock_file(dir + "/LOCK");  // no writer may be at work meanwhile
  for (const auto& name : names) {
    if (name != "LOCK") fs::remove(fs::path(dir) / name);
  }
}

}  // namespace

int run_build(int argc, char** argv) {
  std::string index;
  std::vector<std::string> sources;
  bool force = false, no_progress = false, merge = false;
  WriterOptions options;
  std::size_t memory_mb = options.memory_budget >> 20;
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index)->required(), "the index directory to create")
      ("force", po::bool_switch(&force), "replace an index already in the directory")
      ("threads", po::value(&options.threads)->default_value(0), "analysis threads (0: one per core)")
      ("memory", po::value(&memory_mb)->default_value(memory_mb), "MB of buffered documents per segment")
      ("zstd-level", po::value(&options.zstd_level)->default_value(options.zstd_level), "compression level of stored records")
      ("merge", po::bool_switch(&merge), "merge the index into one segment at the end")
      ("no-progress", po::bool_switch(&no_progress), "no progress bar even on a terminal");
  if (!parse_command_line(argc, argv, "search-indexer build --index DIR SOURCE...", desc, "source", &sources)) return 0;
  if (sources.empty()) throw Error(ErrorCode::kInvalidArgument, "build: no SOURCE given");
  options.memory_budget = memory_mb << 20;
  options.error_if_exists = true;
  if (merge) options.merge_policy.enabled = false;  // the final merge rewrites everything once
  prepare_directory(index, force);

  auto start = std::chrono::steady_clock::now();
  auto writer = IndexWriter::open(index, options);
  IndexingTotals totals = index_sources(*writer, sources, !no_progress);
  writer->commit();
  if (merge) writer->merge();
  writer.reset();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  IndexStats stats = IndexReader::open(index)->stats();
  std::printf("indexed %llu files (%llu skipped), %llu decisions, %llu terms, %llu bytes (%s) in %.2f s: %.0f decisions/s\n",
              static_cast<unsigned long long>(totals.files), static_cast<unsigned long long>(totals.failed_files),
              static_cast<unsigned long long>(totals.decisions), static_cast<unsigned long long>(stats.terms),
              static_cast<unsigned long long>(stats.bytes), human_bytes(stats.bytes).c_str(), seconds,
              seconds > 0 ? static_cast<double>(totals.decisions) / seconds : 0.0);
  return totals.failed_files == 0 ? 0 : 1;
}

}  // namespace search::indexer
