// search-indexer check --index DIR: verifies every checksum and every structure of the
// newest generation. Exit 0 and "ok" when whole; otherwise main prints the error, which
// names the damaged file and the problem, and the exit status is 2.
#include <search/index_reader.h>

#include <chrono>
#include <cstdio>

#include "commands.h"
#include "index_commands.h"

namespace po = boost::program_options;

namespace search::indexer {

int run_check(int argc, char** argv) {
  std::string index;
  po::options_description desc("options");
  desc.add_options()("index", po::value(&index)->required(), "the index directory");
  if (!parse_command_line(argc, argv, "search-indexer check --index DIR", desc, nullptr, nullptr)) return 0;
  auto start = std::chrono::steady_clock::now();
  IndexStats stats = check_index(index);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("ok: generation %llu, %llu segments, %llu documents, %s verified in %.2f s\n",
              static_cast<unsigned long long>(stats.generation), static_cast<unsigned long long>(stats.segments),
              static_cast<unsigned long long>(stats.documents), human_bytes(stats.bytes).c_str(), seconds);
  return 0;
}

}  // namespace search::indexer
