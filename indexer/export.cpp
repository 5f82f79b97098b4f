// search-indexer export --index DIR --xapian OUT: writes the newest generation of an index
// as a Xapian glass database with the same terms, positions, values and document data
// (docs/xapian.md), for Xapian's tools and bindings and for serving with xapian-tcpsrv.
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include <search/index_reader.h>

#include "commands.h"
#include "export/xapian_export.h"
#include "index/snapshot.h"
#include "index_commands.h"

namespace po = boost::program_options;

namespace search::indexer {

int run_export(int argc, char** argv) {
  std::string index, out;
  xapian_export::ExportOptions options;
  bool quiet = false, no_compact = false;
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index)->required(), "the index directory")
      ("xapian", po::value(&out)->required(), "the Xapian database directory to write")
      ("overwrite", po::bool_switch(&options.overwrite), "replace an existing database at --xapian")
      ("no-compact", po::bool_switch(&no_compact), "leave the database uncompacted (larger, faster to update)")
      ("batch", po::value(&options.batch_documents)->default_value(options.batch_documents),
       "documents inverted in memory at once")
      ("quiet,q", po::bool_switch(&quiet), "no progress on stderr");
  if (!parse_command_line(argc, argv, "search-indexer export --index DIR --xapian OUT", desc, nullptr, nullptr)) {
    return 0;
  }
  options.compact = !no_compact;
  auto start = std::chrono::steady_clock::now();
  auto reader = IndexReader::open(index);
  auto snapshot = index::snapshot_of(*reader);
  if (!quiet && ::isatty(STDERR_FILENO) != 0) {
    options.progress = [](std::uint64_t done, std::uint64_t total) {
      std::fprintf(stderr, "\rexported %llu / %llu documents", static_cast<unsigned long long>(done),
                   static_cast<unsigned long long>(total));
    };
  }
  xapian_export::ExportStats stats = xapian_export::export_snapshot(*snapshot, out, options);
  if (options.progress) std::fprintf(stderr, "\n");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("exported generation %llu: %llu documents (%llu deleted left out), %llu postings, %llu positions "
              "to %s, %s (index: %s) in %.2f s\n",
              static_cast<unsigned long long>(snapshot->generation()), static_cast<unsigned long long>(stats.documents),
              static_cast<unsigned long long>(stats.skipped_deleted), static_cast<unsigned long long>(stats.postings),
              static_cast<unsigned long long>(stats.positions), out.c_str(), human_bytes(stats.bytes).c_str(),
              human_bytes(reader->stats().bytes).c_str(), seconds);
  return 0;
}

}  // namespace search::indexer
