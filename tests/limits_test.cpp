// Limits: inputs far beyond normal use are answered or refused with a clear error, in
// bounded time and memory: a 1 MB query, 10,000 query terms, 1,000 nested parentheses
// (through parse_query, Searcher and search-query), a 1 GB minutes file (sparse: no real
// gigabyte is written), a 1 MB word, and many distinct terms through IndexWriter with a
// small memory budget.
//
// The distinct-terms case runs at 200,000 terms here; SEARCH_LIMITS_TERMS scales it, e.g.
//   SEARCH_LIMITS_TERMS=10000000 /usr/bin/time -v build/tests/limits_test
//     --run_test=many_distinct_terms_are_flushed_by_the_memory_budget --log_level=message
#define BOOST_TEST_MODULE limits
#include <boost/test/unit_test.hpp>

#include <search/analyzer.h>
#include <search/error.h>
#include <search/index_reader.h>
#include <search/index_writer.h>
#include <search/minutes.h>
#include <search/query.h>
#include <search/searcher.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace fs = std::filesystem;
using search::ErrorCode;

namespace {

struct TempDir : search::test::TempDir {
  TempDir() : search::test::TempDir("limits_test") {}
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Peak resident set of this process in MiB (VmHWM), 0 if unknown.
long peak_rss_mib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6) / 1024;
  }
  return 0;
}

search::AnalyzerOptions plain_analysis() {
  search::AnalyzerOptions options;
  options.decompound = false;
  options.ocr_folding = false;
  return options;
}

// A letters-only word for n: distinct n give distinct words ("qa", "qb", ... "qbaa", ...).
std::string word_for(std::uint64_t n) {
  std::string w = "q";
  do {
    w += static_cast<char>('a' + n % 26);
    n /= 26;
  } while (n != 0);
  return w;
}

// A small index of three records, for queries to run against.
std::string small_index(const TempDir& tmp) {
  std::string dir = tmp.sub("small");
  search::WriterOptions options;
  options.threads = 1;
  auto writer = search::IndexWriter::open(dir, options);
  for (int i = 0; i < 3; ++i) {
    search::Record r;
    r.id = "r" + std::to_string(i);
    r.title = "Budget for socialområdet " + std::to_string(i);
    r.sections.push_back({"Sagsfremstilling", "borgere og pårørende " + word_for(i)});
    writer->add(r);
  }
  writer->commit();
  return dir;
}

struct Run {
  int status = -1;
  std::string output;
};

Run search_query(const std::string& index, const std::string& query) {
  std::string command = std::string(SEARCH_BIN_DIR) + "/search-query --index '" + index + "' '" + query + "' 2>&1";
  Run run;
  FILE* pipe = ::popen(command.c_str(), "r");
  BOOST_REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
  int status = ::pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// The query must be refused by parse_query and by Searcher with a QueryError that says
// "limit", quickly.
void expect_query_limit(const search::Searcher& searcher, const std::string& query, const std::string& what) {
  auto start = std::chrono::steady_clock::now();
  for (int pass = 0; pass < 2; ++pass) {
    try {
      if (pass == 0) {
        search::parse_query(query);
      } else {
        searcher.search(query);
      }
      BOOST_ERROR(what << ": accepted");
    } catch (const search::QueryError& e) {
      BOOST_TEST((e.code() == ErrorCode::kQuery));
      BOOST_TEST(std::string(e.what()).find("limit") != std::string::npos, what << ": " << e.what());
      BOOST_TEST(e.position() <= query.size());
      BOOST_TEST(std::string(e.what()).size() < 500u, what << ": the message repeats the query");
      BOOST_TEST(e.pointer().size() < 400u, what << ": pointer() repeats the query");
    }
  }
  BOOST_TEST(seconds_since(start) < 2.0, what << ": took " << seconds_since(start) << " s");
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_query_of_one_megabyte_is_refused_with_a_limit_error) {
  TempDir tmp;
  search::Searcher searcher(*search::IndexReader::open(small_index(tmp)));
  std::string query;
  while (query.size() < (1u << 20)) query += "socialområdet ";
  expect_query_limit(searcher, query, "1 MB of words");
  expect_query_limit(searcher, std::string(1u << 20, 'a'), "a 1 MB word");
}

BOOST_AUTO_TEST_CASE(ten_thousand_terms_are_refused_with_a_limit_error) {
  TempDir tmp;
  search::Searcher searcher(*search::IndexReader::open(small_index(tmp)));
  std::string query;
  for (int i = 0; i < 10000; ++i) query += word_for(i) + " ";
  BOOST_TEST_REQUIRE(query.size() < 64u * 1024);  // under the byte limit: the term limit refuses it
  expect_query_limit(searcher, query, "10,000 terms");
  std::string ors;
  for (int i = 0; i < 10000; ++i) ors += (i ? " OR " : "") + word_for(i);
  expect_query_limit(searcher, ors, "10,000 terms OR-ed");
}

BOOST_AUTO_TEST_CASE(a_thousand_nested_parentheses_are_refused_without_deep_recursion) {
  TempDir tmp;
  search::Searcher searcher(*search::IndexReader::open(small_index(tmp)));
  expect_query_limit(searcher, std::string(1000, '(') + "budget" + std::string(1000, ')'), "1,000 nested");
  expect_query_limit(searcher, std::string(100000, '('), "100,000 unclosed");
  std::string negations;
  for (int i = 0; i < 1000; ++i) negations += "(borgere -";
  negations += "budget" + std::string(1000, ')');
  expect_query_limit(searcher, negations, "1,000 nested negations");
  // Within the limits the same shapes are answered.
  BOOST_TEST(searcher.search(std::string(60, '(') + "budget" + std::string(60, ')')).total == 3u);
}

BOOST_AUTO_TEST_CASE(search_query_refuses_an_oversized_query_with_a_clear_message) {
  TempDir tmp;
  std::string index = small_index(tmp);
  // One argument can hold at most 128 KiB on Linux: 100 KB is over the 64 KiB query limit.
  std::string big;
  while (big.size() < 100000) big += "budget ";
  Run run = search_query(index, big);
  BOOST_TEST(run.status != 0);
  BOOST_TEST(run.output.find("limit") != std::string::npos, run.output.substr(0, 300));
  BOOST_TEST(run.output.size() < 2000u, "the message repeats the query: " << run.output.size() << " bytes: " << run.output.substr(0, 300));
  run = search_query(index, std::string(1000, '(') + "budget" + std::string(1000, ')'));
  BOOST_TEST(run.status != 0);
  BOOST_TEST(run.output.find("limit") != std::string::npos, run.output.substr(0, 300));
  run = search_query(index, "budget");
  BOOST_TEST(run.status == 0, run.output);
}

BOOST_AUTO_TEST_CASE(a_one_gigabyte_minutes_file_is_refused_before_it_is_read) {
  TempDir tmp;
  std::string path = tmp.sub("huge.txt");
  { std::ofstream(path) << "Dagsorden\n"; }
  fs::resize_file(path, std::uintmax_t{1} << 30);  // sparse: takes no disk space
  auto start = std::chrono::steady_clock::now();
  long rss_before = peak_rss_mib();
  try {
    search::parse_minutes_file(path);
    BOOST_ERROR("a 1 GB file was accepted");
  } catch (const search::Error& e) {
    BOOST_TEST((e.code() == ErrorCode::kLimit), e.what());
    BOOST_TEST(std::string(e.what()).find(path) != std::string::npos, e.what());
  }
  BOOST_TEST(seconds_since(start) < 1.0);
  BOOST_TEST(peak_rss_mib() - rss_before < 64, "peak RSS grew by " << peak_rss_mib() - rss_before << " MiB");
}

BOOST_AUTO_TEST_CASE(a_file_under_the_limit_that_is_mostly_holes_is_refused_as_binary) {
  // 32 MiB of NUL bytes after a text line: read (it is under the limit), found binary.
  TempDir tmp;
  std::string path = tmp.sub("holes.txt");
  { std::ofstream(path) << "Dagsorden\nPunkt 1: Budget\n"; }
  fs::resize_file(path, std::uintmax_t{32} << 20);
  auto start = std::chrono::steady_clock::now();
  try {
    search::parse_minutes_file(path);
    BOOST_ERROR("NUL bytes were accepted as minutes");
  } catch (const search::Error& e) {
    BOOST_TEST((e.code() == ErrorCode::kParse), e.what());
    BOOST_TEST(std::string(e.what()).find(path) != std::string::npos, e.what());
  }
  BOOST_TEST_MESSAGE("32 MiB of holes refused in " << seconds_since(start) << " s");
  BOOST_TEST(seconds_since(start) < 10.0);
}

BOOST_AUTO_TEST_CASE(a_word_of_one_megabyte_becomes_one_capped_token) {
  search::Analyzer analyzer;
  std::string text = "budget " + std::string(1u << 20, 'x') + " plan";
  struct Sink : search::TermSink {
    std::vector<std::string> terms;
    void term(std::string_view t, std::uint32_t, search::TermKind) override { terms.emplace_back(t); }
  } sink;
  auto start = std::chrono::steady_clock::now();
  analyzer.index_text(text, "", 0, sink);
  BOOST_TEST(seconds_since(start) < 2.0);
  std::size_t longest = 0;
  for (const auto& t : sink.terms) longest = std::max(longest, t.size());
  BOOST_TEST(longest <= search::kMaxTokenBytes + 2);  // + the kind and field prefix
  BOOST_TEST(sink.terms.size() < 20u);
  bool plan_read = false;  // the text after the long word is still analysed
  for (const auto& t : sink.terms) plan_read = plan_read || t.find("plan") != std::string::npos;
  BOOST_TEST(plan_read);

  // Through the writer and a query for the capped word.
  TempDir tmp;
  std::string dir = tmp.sub("index");
  {
    auto writer = search::IndexWriter::open(dir);
    search::Record r;
    r.id = "long";
    r.title = "Et langt ord";
    r.sections.push_back({"Sagsfremstilling", text});
    writer->add(r);
    writer->commit();
  }
  search::check_index(dir);
  search::Searcher searcher(*search::IndexReader::open(dir));
  BOOST_TEST(searcher.count(std::string(200, 'x')) == 1u);  // cut to the same 96 bytes
  BOOST_TEST(searcher.count("plan") == 1u);
}

BOOST_AUTO_TEST_CASE(many_distinct_terms_are_flushed_by_the_memory_budget) {
  const char* scale = std::getenv("SEARCH_LIMITS_TERMS");
  const std::uint64_t terms = scale ? std::strtoull(scale, nullptr, 10) : 200000;
  const std::uint64_t per_doc = 100;
  TempDir tmp;
  std::string dir = tmp.sub("index");
  search::WriterOptions options;
  options.threads = 1;
  options.memory_budget = std::size_t{4} << 20;
  options.merge_policy.enabled = false;
  options.analyzer = plain_analysis();
  auto start = std::chrono::steady_clock::now();
  {
    auto writer = search::IndexWriter::open(dir, options);
    for (std::uint64_t doc = 0; doc * per_doc < terms; ++doc) {
      search::Record r;
      r.id = "d" + std::to_string(doc);
      r.title = "terms";
      std::string body;
      for (std::uint64_t t = doc * per_doc; t < std::min(terms, (doc + 1) * per_doc); ++t) body += word_for(t) + " ";
      r.sections.push_back({"Sagsfremstilling", std::move(body)});
      writer->add(std::move(r));
    }
    writer->commit();
  }
  const double index_seconds = seconds_since(start);
  auto stats = search::check_index(dir);
  BOOST_TEST_MESSAGE(terms << " distinct terms: indexed in " << index_seconds << " s, " << stats.segments
                           << " segments, " << stats.terms << " dictionary terms, " << stats.bytes / (1 << 20)
                           << " MiB on disk, peak RSS " << peak_rss_mib() << " MiB");
  BOOST_TEST(stats.terms >= terms);
  // 200,000 distinct words take well over 4 MiB of buffer: the writer flushed by its budget.
  BOOST_TEST(stats.segments >= 2u);
  search::SearcherOptions searcher_options;
  searcher_options.analyzer = plain_analysis();
  search::Searcher searcher(*search::IndexReader::open(dir), searcher_options);
  for (std::uint64_t t : {std::uint64_t{0}, terms / 2, terms - 1}) {
    BOOST_TEST(searcher.count(word_for(t)) == 1u, word_for(t));
  }
  BOOST_TEST(searcher.count(word_for(terms)) == 0u);
}
