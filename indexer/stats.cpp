// search-indexer stats --index DIR: generation, segments, documents, terms and bytes per
// file kind of the newest committed generation.
#include <search/index_reader.h>

#include "commands.h"
#include "index_commands.h"

namespace po = boost::program_options;

namespace search::indexer {

int run_stats(int argc, char** argv) {
  std::string index;
  po::options_description desc("options");
  desc.add_options()("index", po::value(&index)->required(), "the index directory");
  if (!parse_command_line(argc, argv, "search-indexer stats --index DIR", desc, nullptr, nullptr)) return 0;
  print_stats(IndexReader::open(index)->stats());
  return 0;
}

}  // namespace search::indexer
