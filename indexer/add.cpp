// search-indexer add --index DIR FILE...: adds (or, by record id, replaces) the records of
// minutes files and commits before exiting 0.
#include <search/error.h>
#include <search/index_writer.h>

#include <cstdio>

#include "commands.h"
#include "index_commands.h"

namespace po = boost::program_options;

namespace search::indexer {

int run_add(int argc, char** argv) {
  std::string index;
  std::vector<std::string> files;
  bool no_progress = false;
  WriterOptions options;
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index)->required(), "the index directory (created if missing)")
      ("threads", po::value(&options.threads)->default_value(0), "analysis threads (0: one per core)")
      ("no-progress", po::bool_switch(&no_progress), "no progress bar even on a terminal");
  if (!parse_command_line(argc, argv, "search-indexer add --index DIR FILE...", desc, "file", &files)) return 0;
  if (files.empty()) throw Error(ErrorCode::kInvalidArgument, "add: no FILE given");
  auto writer = IndexWriter::open(index, options);
  IndexingTotals totals = index_sources(*writer, files, !no_progress);
  std::uint64_t generation = writer->commit();
  std::printf("added %llu decisions from %llu files (%llu skipped); generation %llu\n",
              static_cast<unsigned long long>(totals.decisions), static_cast<unsigned long long>(totals.files),
              static_cast<unsigned long long>(totals.failed_files), static_cast<unsigned long long>(generation));
  return totals.failed_files == 0 ? 0 : 1;
}

}  // namespace search::indexer
