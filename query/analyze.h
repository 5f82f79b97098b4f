// search-query --analyze: shows the terms the Danish analyzer makes of a text.
#pragma once

#include <cstdio>
#include <string>

#include <search/analyzer.h>

namespace search::cli {

struct AnalyzeOptions {
  std::string text;          // the text to analyse
  std::string field_prefix;  // "" for the body, "S" for the title
  bool json = false;         // one JSON object instead of a table
  bool as_query = false;     // the weighted alternatives of query_terms() instead
  AnalyzerOptions analyzer;  // folding, decompounding, lexicon path
};

// Prints the analysis of options.text to `out`; returns the process exit code.
int run_analyze(const AnalyzeOptions& options, std::FILE* out);

}  // namespace search::cli
