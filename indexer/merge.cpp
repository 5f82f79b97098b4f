// search-indexer merge --index DIR: merges every segment into one, dropping deleted records.
#include <search/index_writer.h>

#include <chrono>
#include <cstdio>

#include "commands.h"
#include "index_commands.h"

namespace po = boost::program_options;

namespace search::indexer {

int run_merge(int argc, char** argv) {
  std::string index;
  po::options_description desc("options");
  desc.add_options()("index", po::value(&index)->required(), "the index directory");
  if (!parse_command_line(argc, argv, "search-indexer merge --index DIR", desc, nullptr, nullptr)) return 0;
  WriterOptions options;
  options.create_if_missing = false;
  auto start = std::chrono::steady_clock::now();
  auto writer = IndexWriter::open(index, options);
  std::uint64_t generation = writer->merge();
  writer.reset();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  IndexStats stats = IndexReader::open(index)->stats();
  std::printf("merged into %llu segment(s), %llu documents, %s; generation %llu, %.2f s\n",
              static_cast<unsigned long long>(stats.segments), static_cast<unsigned long long>(stats.documents),
              human_bytes(stats.bytes).c_str(), static_cast<unsigned long long>(generation), seconds);
  return 0;
}

}  // namespace search::indexer
