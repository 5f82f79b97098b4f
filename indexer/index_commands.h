// Shared by the index maintenance commands (build, add, delete, merge, stats, check):
// option parsing, feeding minutes files to a writer with a progress bar, printing sizes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include <search/index_reader.h>
#include <search/index_writer.h>

namespace search::indexer {

// Parses `argc/argv` with `options` plus positional arguments collected into `positional`
// (named `positional_name` in the usage). Prints the usage and returns false on --help.
bool parse_command_line(int argc, char** argv, const char* usage,
                        boost::program_options::options_description& options,
                        const char* positional_name, std::vector<std::string>* positional);

struct IndexingTotals {
  std::uint64_t files = 0;
  std::uint64_t failed_files = 0;
  std::uint64_t decisions = 0;
  std::uint64_t bytes_read = 0;
};

// Reads every minutes file under `sources` (files or directories) and adds its records to
// `writer`; files run through the parser on a separate thread, ahead of the writer. A file
// that cannot be read is reported on stderr and skipped. Shows a progress bar on stderr
// when `progress` and stderr is a terminal.
IndexingTotals index_sources(IndexWriter& writer, const std::vector<std::string>& sources, bool progress);

// "12.3 MB"
std::string human_bytes(std::uint64_t bytes);
void print_stats(const IndexStats& stats);

}  // namespace search::indexer
