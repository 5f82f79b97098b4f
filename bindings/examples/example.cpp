// Index minutes files and search them with the C++ API.
// Usage: example INDEX_DIR QUERY FILE...
#include <cstdio>
#include <string>

#include <search/error.h>
#include <search/extract.h>
#include <search/index_writer.h>
#include <search/minutes.h>
#include <search/searcher.h>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: example INDEX_DIR QUERY FILE...\n");
    return 2;
  }
  try {
    // Index: one writer per directory; commit() makes the changes durable and visible.
    auto writer = search::IndexWriter::open(argv[1]);
    for (int i = 3; i < argc; ++i) {
      search::ParseResult parsed = search::parse_minutes_file(argv[i]);
      for (search::Record& record : parsed.records) writer->add(std::move(record));
    }
    writer->commit();

    // Search: a Searcher on the newest committed generation.
    auto searcher = search::Searcher::open(argv[1]);
    search::SearchOptions options;
    options.limit = 5;
    search::SearchResults results = searcher->search(argv[2], options);
    for (const search::SearchHit& hit : results.hits) {
      std::printf("%s  %s  [%s]\n", hit.date.c_str(), hit.title.c_str(), hit.case_number.c_str());
    }
    for (const search::FacetCount& committee : results.facets.committee) {
      std::printf("udvalg:%s %llu\n", committee.value.c_str(), static_cast<unsigned long long>(committee.count));
    }
    std::printf("%llu decision(s)\n", static_cast<unsigned long long>(results.total));
    return results.total > 0 ? 0 : 1;
  } catch (const search::QueryError& e) {
    std::fprintf(stderr, "bad query: %s\n%s\n", e.what(), e.pointer().c_str());
  } catch (const search::Error& e) {
    std::fprintf(stderr, "%s: %s\n", search::error_code_name(e.code()), e.what());
  }
  return 2;
}
