// search-query: searches a libsearch index from the command line. For now it analyses
// text (--analyze); searching is added with the query engine.
#include <boost/program_options.hpp>

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include <search/error.h>

#include "analyze.h"

namespace po = boost::program_options;

namespace {

po::options_description make_options() {
  po::options_description options("options");
  // clang-format off
  options.add_options()
    ("help,h", "print this help")
    ("version", "print the version")
    ("analyze", po::value<std::string>()->value_name("TEXT"),
     "print the index terms the Danish analyzer makes of TEXT: surface, stem (Z), OCR fold "
     "(F) and compound parts (P), with positions and byte offsets")
    ("as-query", "with --analyze: print the weighted alternatives of a query word instead")
    ("field", po::value<std::string>()->default_value("")->value_name("PREFIX"),
     "field prefix of the terms: none for the body, S for the title")
    ("json", "print JSON instead of a table")
    ("no-fold", "do not add OCR-folded terms")
    ("no-decompound", "do not split compounds or expand coordinations")
    ("lexicon", po::value<std::string>()->value_name("FILE"),
     "Danish word list for decompounding (default /usr/share/dict/danish)");
  // clang-format on
  return options;
}

void print_usage(std::FILE* out, const po::options_description& options) {
  std::fprintf(out, "usage: search-query --analyze TEXT [--json] [--as-query] [--field S]\n\n");
  std::cout.flush();
  std::ostream& os = out == stdout ? std::cout : std::cerr;
  os << options << "\nSearching an index is not available in this build yet.\n";
}

int run(int argc, char** argv) {
  const po::options_description options = make_options();
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "search-query: %s\n", e.what());
    print_usage(stderr, options);
    return 2;
  }
  if (vm.count("help")) {
    print_usage(stdout, options);
    return 0;
  }
  if (vm.count("version")) {
    std::printf("search-query %s\n", SEARCH_VERSION);
    return 0;
  }
  if (!vm.count("analyze")) {
    std::fprintf(stderr, "search-query: nothing to do: give --analyze TEXT\n");
    print_usage(stderr, options);
    return 2;
  }
  search::cli::AnalyzeOptions analyze;
  analyze.text = vm["analyze"].as<std::string>();
  analyze.field_prefix = vm["field"].as<std::string>();
  analyze.json = vm.count("json") > 0;
  analyze.as_query = vm.count("as-query") > 0;
  analyze.analyzer.ocr_folding = !vm.count("no-fold");
  analyze.analyzer.decompound = !vm.count("no-decompound");
  if (vm.count("lexicon")) analyze.analyzer.lexicon_path = vm["lexicon"].as<std::string>();
  return search::cli::run_analyze(analyze, stdout);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const search::Error& e) {
    std::fprintf(stderr, "search-query: %s error: %s\n", search::error_code_name(e.code()),
                 e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "search-query: %s\n", e.what());
    return 1;
  }
}
