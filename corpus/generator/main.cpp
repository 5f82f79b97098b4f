// search-gen-corpus: writes realistic synthetic Danish council minutes, deterministically.
//
//   search-gen-corpus --decisions 200000 --seed 1 --out /tmp/corpus
//
// Output: DIR/<year>/<municipality>-<committee>-<date>.{md,txt}, one meeting per file with
// several agenda items, and DIR/manifest.tsv with one row of ground truth per item.
#include <boost/program_options.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "corpus.h"

namespace po = boost::program_options;

namespace {

void parse_items_range(const std::string& text, gen::Options& options) {
  const auto dots = text.find("..");
  const std::string low = dots == std::string::npos ? text : text.substr(0, dots);
  const std::string high = dots == std::string::npos ? text : text.substr(dots + 2);
  auto parse = [&](const std::string& part, int& value) {
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || end != part.data() + part.size()) {
      throw std::invalid_argument("--items-per-meeting: expected A..B, got \"" + text + "\"");
    }
  };
  parse(low, options.items_min);
  parse(high, options.items_max);
}

// The OCR rate as parts per million, read from the decimal text so that the same argument
// gives the same threshold on every platform.
std::uint32_t parse_rate(const std::string& text) {
  double rate = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), rate);
  if (ec != std::errc() || end != text.data() + text.size() || !(rate >= 0.0 && rate <= 1.0)) {
    throw std::invalid_argument("--ocr-rate: expected a number within 0..1, got \"" + text + "\"");
  }
  return static_cast<std::uint32_t>(rate * 1e6 + 0.5);
}

void print_vocabulary(const std::string& description) {
  std::cerr << "search-gen-corpus: vocabulary: " << description << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  gen::Options options;
  std::string items = "6..14";
  std::string ocr_rate = "0.05";
  po::options_description described("search-gen-corpus: synthetic Danish council minutes (deterministic)");
  described.add_options()
      ("help,h", "show this help")
      ("version", "print the version")
      ("decisions,n", po::value(&options.decisions)->required(), "agenda items (decisions) to write, exactly")
      ("seed,s", po::value(&options.seed)->default_value(1), "random seed; same seed and arguments, same bytes")
      ("out,o", po::value(&options.out_dir)->required(), "output directory (must be empty or absent)")
      ("ocr-rate", po::value(&ocr_rate)->default_value(ocr_rate), "share of meetings scanned and OCR'd (0..1)")
      ("items-per-meeting", po::value(&items)->default_value(items), "agenda items per meeting file, A..B")
      ("municipality", po::value(&options.municipality), "one municipality's name for every meeting "
                                                         "(default: real municipalities, as many as the size needs)")
      ("word-list", po::value(&options.word_list)->default_value(options.word_list),
       "Danish word list, one word per line; \"none\" for the built-in vocabulary only")
      ("threads,j", po::value(&options.threads)->default_value(0), "worker threads (0: all cores); "
                                                                   "the output does not depend on it");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, described), vm);
    if (vm.count("help")) {
      std::cout << described << "\n";
      return 0;
    }
    if (vm.count("version")) {
      std::cout << "search-gen-corpus " << SEARCH_VERSION << "\n";
      return 0;
    }
    po::notify(vm);
    parse_items_range(items, options);
    options.ocr_ppm = parse_rate(ocr_rate);
    if (options.word_list == "none") options.word_list.clear();
  } catch (const std::exception& e) {
    std::cerr << "search-gen-corpus: " << e.what() << "\n" << described << "\n";
    return 2;
  }

  try {
    const auto start = std::chrono::steady_clock::now();
    const gen::Summary summary = gen::generate_corpus(options, print_vocabulary);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr,
                 "search-gen-corpus: %llu decisions in %llu files (%llu municipalities), %.1f MB, %llu words "
                 "(%.0f per decision), %.2f s: %.0f decisions/s, %.1f MB/s\n",
                 static_cast<unsigned long long>(summary.decisions), static_cast<unsigned long long>(summary.files),
                 static_cast<unsigned long long>(summary.municipalities), summary.bytes / 1e6,
                 static_cast<unsigned long long>(summary.words),
                 static_cast<double>(summary.words) / static_cast<double>(summary.decisions), seconds,
                 static_cast<double>(summary.decisions) / seconds, summary.bytes / 1e6 / seconds);
  } catch (const std::exception& e) {
    std::cerr << "search-gen-corpus: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
