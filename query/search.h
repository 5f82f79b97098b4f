// search-query QUERY: runs a query against an index and prints the hits, human-readable
// (colour on a terminal) or as JSON for tools.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

#include <search/analyzer.h>
#include <search/searcher.h>

namespace search::cli {

enum class ColorMode { kAuto, kAlways, kNever };

struct SearchCommand {
  std::string index_dir;
  std::string query;
  bool json = false;
  bool facets = false;    // human view: print the facet table (JSON always has facets)
  bool explain = false;   // print the query plan instead of searching
  ColorMode color = ColorMode::kAuto;
  SearchOptions search;   // limit, offset, sort
  SearcherOptions searcher;
};

// Runs the command; returns the exit code: 0 with hits, 1 with none, 2 on error (a malformed
// query prints the query with a caret under the fault to `err`).
int run_search(const SearchCommand& command, std::FILE* out, std::FILE* err);

// The JSON document of `results` (docs/search.md, "search-query --json"), one line.
std::string results_json(const SearchResults& results);

}  // namespace search::cli
