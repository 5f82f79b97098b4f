// analysis-bench: throughput of Analyzer::index_text, the indexing hot path.
//   analysis-bench [--seeds DIR] [--mb N] [--zipf | --dir DIR]
// Indexes the corpus seeds repeated to about N MB (default 8), one seed per call as the
// index writer does per decision, into a sink that only counts terms. --zipf instead draws
// words Zipf-distributed (s = 1) from the 100,000 first words of /usr/share/dict/danish,
// a vocabulary far larger than the seeds' (so the per-thread word cache misses more).
// --dir indexes every regular file under DIR (e.g. a search-gen-corpus output), one call
// per file, once.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <time.h>

#include <search/analyzer.h>

namespace {

// CPU time of this thread: on a shared machine wall time measures the neighbours too.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

class CountingSink : public search::TermSink {
 public:
  void term(std::string_view term, std::uint32_t, search::TermKind kind) override {
    ++terms;
    bytes += term.size();
    if (kind == search::TermKind::kSurface) ++tokens;
  }
  std::size_t terms = 0, tokens = 0, bytes = 0;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> seed_docs(const std::string& dir) {
  std::vector<std::string> docs;
  for (const char* name : {"norddjurs-hu-2022-09-08-status-velfaerdsomraadet.pdf-extracted.txt",
                           "norddjurs-hu-2022-11-09-afrapportering-socialomraadet.md",
                           "norddjurs-oek-kb-2022-05-politisk-initiativ.txt",
                           "norddjurs-omu-2023-09-12-faelles-strategi.ocr.txt",
                           "norddjurs-vpu-2024-04-24-status-udviklingsproces.txt"}) {
    std::string text = read_file(dir + "/" + name);
    if (text.empty())
      std::fprintf(stderr, "analysis-bench: cannot read %s/%s\n", dir.c_str(), name);
    docs.push_back(std::move(text));
  }
  return docs;
}

std::vector<std::string> zipf_docs(std::size_t words_per_doc, std::size_t docs) {
  std::vector<std::string> vocabulary;
  std::ifstream in("/usr/share/dict/danish");
  for (std::string w; vocabulary.size() < 100000 && std::getline(in, w);) vocabulary.push_back(w);
  if (vocabulary.empty()) return {};
  std::vector<double> weights(vocabulary.size());
  for (std::size_t i = 0; i < weights.size(); ++i) weights[i] = 1.0 / double(i + 1);
  std::vector<std::size_t> order(vocabulary.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(42);
  std::shuffle(order.begin(), order.end(), rng);  // rank independent of alphabetical order
  std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
  std::vector<std::string> out(docs);
  for (auto& d : out) {
    for (std::size_t i = 0; i < words_per_doc; ++i) {
      d += vocabulary[order[pick(rng)]];
      d += i % 12 == 11 ? ". " : " ";
    }
  }
  return out;
}

std::vector<std::string> dir_docs(const std::string& dir) {
  std::vector<std::string> docs;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) docs.push_back(read_file(e.path().string()));
  }
  return docs;
}

}  // namespace

int main(int argc, char** argv) {
  std::string seeds = SEARCH_CORPUS_DIR "/seeds";
  double mb = 8;
  bool zipf = false;
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--seeds") && i + 1 < argc)
      seeds = argv[++i];
    else if (!std::strcmp(argv[i], "--mb") && i + 1 < argc)
      mb = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--zipf"))
      zipf = true;
    else if (!std::strcmp(argv[i], "--dir") && i + 1 < argc)
      dir = argv[++i];
    else {
      std::fprintf(stderr, "usage: analysis-bench [--seeds DIR] [--mb N] [--zipf | --dir DIR]\n");
      return 2;
    }
  }
  const std::vector<std::string> docs = !dir.empty() ? dir_docs(dir)
                                        : zipf       ? zipf_docs(320, 2000)
                                                     : seed_docs(seeds);
  std::size_t doc_bytes = 0;
  for (const auto& d : docs) doc_bytes += d.size();
  if (doc_bytes == 0) return 1;
  const double load_start = thread_cpu_seconds();
  const search::Analyzer analyzer;
  const double load_cpu = thread_cpu_seconds() - load_start;
  const std::size_t rounds =
      dir.empty() ? std::max<std::size_t>(1, std::size_t(mb * 1e6 / double(doc_bytes))) : 1;
  CountingSink warm;
  // Build the OCR-repair fold table (once per process, on the first damaged compound) before
  // timing, and report it apart.
  const double repair_start = thread_cpu_seconds();
  analyzer.index_text("socialomridet", "", 0, warm);
  std::printf("ocr repair table %.1f ms CPU\n", (thread_cpu_seconds() - repair_start) * 1e3);
  if (dir.empty()) {
    for (const auto& d : docs) analyzer.index_text(d, "", 0, warm);  // fill the word cache
  }
  CountingSink sink;
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = thread_cpu_seconds();
  for (std::size_t r = 0; r < rounds; ++r) {
    for (const auto& d : docs) analyzer.index_text(d, "", 0, sink);
  }
  const double cpu = thread_cpu_seconds() - cpu_start;
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("analysis-bench: %s, %zu docs x %zu rounds, %.1f MB, lexicon %s\n",
              !dir.empty() ? dir.c_str()
              : zipf       ? "zipf words from wdanish"
                           : "corpus seeds",
              docs.size(), rounds, double(doc_bytes * rounds) / 1e6,
              analyzer.has_lexicon() ? "yes" : "no");
  std::printf("compiler %s, %s\n", __VERSION__,
#ifdef NDEBUG
              "NDEBUG"
#else
              "assertions on"
#endif
  );
  std::printf("lexicon load %.1f ms CPU\n", load_cpu * 1e3);
  std::printf("tokens %zu, terms %zu in %.3f s CPU (%.3f s wall)\n", sink.tokens, sink.terms, cpu,
              wall);
  std::printf(
      "per CPU second: %.2f M tokens, %.2f M terms, %.1f MB, %.0f decisions of 320 "
      "tokens\n",
      double(sink.tokens) / cpu / 1e6, double(sink.terms) / cpu / 1e6,
      double(doc_bytes * rounds) / cpu / 1e6, double(sink.tokens) / cpu / 320.0);
  return 0;
}
