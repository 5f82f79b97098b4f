// search-query: searches a libsearch index from the command line, or shows how the Danish
// analyzer sees a text (--analyze).
//
//   search-query --index DIR [--json] [--limit N] [--offset N] [--sort score|date]
//                [--facets] [--explain] [--color auto|always|never] QUERY
//   (QUERY "-" reads the query from standard input)
//   search-query --analyze TEXT [--json] [--as-query] [--field S]
//
// Exit status: 0 with hits, 1 with none, 2 on error.
#include <boost/program_options.hpp>

#include <cstdio>
#include <exception>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <search/error.h>

#include "analyze.h"
#include "search.h"

namespace po = boost::program_options;

namespace {

po::options_description make_options() {
  po::options_description options("options");
  // clang-format off
  options.add_options()
    ("help,h", "print this help")
    ("version", "print the version")
    ("index", po::value<std::string>()->value_name("DIR"), "the index to search")
    ("json", "print JSON instead of a human-readable view")
    ("limit,n", po::value<std::size_t>()->default_value(10)->value_name("N"), "hits to show")
    ("offset", po::value<std::size_t>()->default_value(0)->value_name("N"), "hits to skip (paging)")
    ("sort", po::value<std::string>()->default_value("score")->value_name("score|date"),
     "rank by BM25 score, or newest decision first")
    ("facets", "show committee, year and outcome counts over all matches")
    ("explain", "print the parsed query and its plan (terms, frequencies, per segment) "
                "instead of searching")
    ("color", po::value<std::string>()->default_value("auto")->value_name("WHEN"),
     "colour the human view: auto (on a terminal), always, never")
    ("k1", po::value<double>()->default_value(1.2), "BM25 k1")
    ("b", po::value<double>()->default_value(0.75), "BM25 b")
    ("analyze", po::value<std::string>()->value_name("TEXT"),
     "print the index terms the Danish analyzer makes of TEXT: surface, stem (Z), OCR fold "
     "(F) and compound parts (P), with positions and byte offsets")
    ("as-query", "with --analyze: print the weighted alternatives of a query word instead")
    ("field", po::value<std::string>()->default_value("")->value_name("PREFIX"),
     "with --analyze: field prefix of the terms: none for the body, S for the title")
    ("no-fold", "do not add OCR-folded terms")
    ("no-decompound", "do not split compounds or expand coordinations")
    ("lexicon", po::value<std::string>()->value_name("FILE"),
     "Danish word list for decompounding (default /usr/share/dict/danish)")
    ("query", po::value<std::vector<std::string>>()->value_name("QUERY"),
     "the query (several arguments are joined with spaces; - reads it from standard input)");
  // clang-format on
  return options;
}

void print_usage(std::FILE* out, const po::options_description& options) {
  std::fprintf(out,
               "usage: search-query --index DIR [--json] [--limit N] [--offset N] [--sort score|date]\n"
               "                    [--facets] [--explain] QUERY\n"
               "       search-query --analyze TEXT [--json] [--as-query] [--field S]\n\n"
               "QUERY: words (ANDed), \"phrases\", OR, NOT/-word, (groups), prefix*, and the fields\n"
               "udvalg: sagsgang: sag: dato: år: beslutning: titel: adgang: (English: committee: route:\n"
               "case: date: year: outcome: title: access:). Exit status: 0 hits, 1 none, 2 error.\n\n");
  std::fflush(out);
  std::ostream& os = out == stdout ? std::cout : std::cerr;
  os << options;
}

search::AnalyzerOptions analyzer_options(const po::variables_map& vm) {
  search::AnalyzerOptions a;
  a.ocr_folding = !vm.count("no-fold");
  a.decompound = !vm.count("no-decompound");
  if (vm.count("lexicon")) a.lexicon_path = vm["lexicon"].as<std::string>();
  return a;
}

int run_analyze(const po::variables_map& vm) {
  search::cli::AnalyzeOptions analyze;
  analyze.text = vm["analyze"].as<std::string>();
  analyze.field_prefix = vm["field"].as<std::string>();
  analyze.json = vm.count("json") > 0;
  analyze.as_query = vm.count("as-query") > 0;
  analyze.analyzer = analyzer_options(vm);
  return search::cli::run_analyze(analyze, stdout);
}

// QUERY "-": the query is standard input (for queries too long for a command line), its line
// breaks read as spaces.
std::string read_stdin_query() {
  std::string query((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  for (char& c : query) c = (c == '\n' || c == '\r') ? ' ' : c;
  while (!query.empty() && (query.back() == ' ' || query.back() == '\t')) query.pop_back();
  return query;
}

// Fills `command` from the options; returns false (after printing why) if they are invalid.
bool search_command(const po::variables_map& vm, search::cli::SearchCommand* command) {
  command->index_dir = vm["index"].as<std::string>();
  for (const auto& part : vm["query"].as<std::vector<std::string>>()) {
    if (!command->query.empty()) command->query += ' ';
    command->query += part;
  }
  if (command->query == "-") command->query = read_stdin_query();
  command->json = vm.count("json") > 0;
  command->facets = vm.count("facets") > 0;
  command->explain = vm.count("explain") > 0;
  command->search.limit = vm["limit"].as<std::size_t>();
  command->search.offset = vm["offset"].as<std::size_t>();
  command->search.bm25.k1 = vm["k1"].as<double>();
  command->search.bm25.b = vm["b"].as<double>();
  command->searcher.analyzer = analyzer_options(vm);
  const std::string sort = vm["sort"].as<std::string>();
  const std::string color = vm["color"].as<std::string>();
  if (sort == "score") {
    command->search.sort = search::SortOrder::kScore;
  } else if (sort == "date") {
    command->search.sort = search::SortOrder::kDate;
  } else {
    std::fprintf(stderr, "search-query: --sort must be score or date, not '%s'\n", sort.c_str());
    return false;
  }
  if (color == "auto") {
    command->color = search::cli::ColorMode::kAuto;
  } else if (color == "always") {
    command->color = search::cli::ColorMode::kAlways;
  } else if (color == "never") {
    command->color = search::cli::ColorMode::kNever;
  } else {
    std::fprintf(stderr, "search-query: --color must be auto, always or never, not '%s'\n", color.c_str());
    return false;
  }
  return true;
}

int run(int argc, char** argv) {
  const po::options_description options = make_options();
  po::positional_options_description positional;
  positional.add("query", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
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
  if (vm.count("analyze")) return run_analyze(vm);
  if (!vm.count("index") || !vm.count("query")) {
    std::fprintf(stderr, "search-query: give --index DIR and a QUERY (or --analyze TEXT)\n");
    print_usage(stderr, options);
    return 2;
  }
  search::cli::SearchCommand command;
  if (!search_command(vm, &command)) return 2;
  return search::cli::run_search(command, stdout, stderr);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const search::Error& e) {
    std::fprintf(stderr, "search-query: %s error: %s\n", search::error_code_name(e.code()), e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "search-query: %s\n", e.what());
    return 2;
  }
}
