// search-indexer delete --index DIR ID...: deletes records by id and commits. Exit 1 if
// some id was not in the index (the others are still deleted).
#include <search/error.h>
#include <search/index_writer.h>

#include <cstdio>

#include "commands.h"
#include "index_commands.h"

namespace po = boost::program_options;

namespace search::indexer {

int run_delete(int argc, char** argv) {
  std::string index;
  std::vector<std::string> ids;
  po::options_description desc("options");
  desc.add_options()("index", po::value(&index)->required(), "the index directory");
  if (!parse_command_line(argc, argv, "search-indexer delete --index DIR ID...", desc, "id", &ids)) return 0;
  if (ids.empty()) throw Error(ErrorCode::kInvalidArgument, "delete: no ID given");
  WriterOptions options;
  options.create_if_missing = false;
  auto writer = IndexWriter::open(index, options);
  int missing = 0;
  for (const auto& id : ids) {
    if (!writer->remove(id)) {
      std::fprintf(stderr, "search-indexer delete: no record with id %s\n", id.c_str());
      ++missing;
    }
  }
  std::uint64_t generation = writer->commit();
  std::printf("deleted %zu records; generation %llu\n", ids.size() - static_cast<std::size_t>(missing),
              static_cast<unsigned long long>(generation));
  return missing == 0 ? 0 : 1;
}

}  // namespace search::indexer
