// Damaged indexes: a real index (the seed minutes plus a few hundred generated decisions,
// through the real Danish analyzer, two segments and a tombstone file) has each of its files
// in turn damaged: bytes flipped at several offsets, truncated (to 0, to half, by one byte),
// replaced with a foreign text file, and replaced with the same-named file of ANOTHER valid
// index (right magic, right checksum, wrong content). Opening and querying it through the
// public API must throw a search::Error naming the file, or give exactly the answers of the
// undamaged index; check_index and `search-indexer check` must refuse it, naming the file.
// (index_test covers flips and truncations of one segment with the internal reader; this
// adds the query path, the wrong-answer check, other-index files and the CLI.)
#define BOOST_TEST_MODULE damage
#include <boost/test/unit_test.hpp>

#include <search/error.h>
#include <search/index_reader.h>
#include <search/index_writer.h>
#include <search/minutes.h>
#include <search/searcher.h>

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace fs = std::filesystem;
using search::ErrorCode;

namespace {

struct TempDir : search::test::TempDir {
  TempDir() : search::test::TempDir("damage_test") {}
};

const char* const kQueries[] = {
    "socialområdet",      "arbejdsmiljø udvalg:KB", "\"psykisk arbejdsmiljø\"", "borgere OR pårørende",
    "år:2022 -lukket",    "beslutning:godkendt",    "strat*",                   "sag:22/6043",
};

// The seed records plus `generated` records made from their words by a seeded generator.
std::vector<search::Record> make_records(int generated, unsigned seed) {
  std::vector<search::Record> records;
  for (const auto& e : fs::directory_iterator(SEARCH_CORPUS_DIR "/seeds")) {
    auto parsed = search::parse_minutes_file(e.path().string());
    for (auto& r : parsed.records) records.push_back(std::move(r));
  }
  std::sort(records.begin(), records.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  BOOST_REQUIRE(!records.empty());
  std::vector<std::string> words;
  for (const auto& r : records) {
    for (const auto& s : r.sections) {
      std::string w;
      for (char c : s.text + " ") {
        if (c == ' ' || c == '\n') {
          if (!w.empty()) words.push_back(w);
          w.clear();
        } else {
          w += c;
        }
      }
    }
  }
  std::mt19937 rng(seed);
  auto text = [&](int n) {
    std::string t;
    for (int i = 0; i < n; ++i) t += (i ? " " : "") + words[rng() % words.size()];
    return t;
  };
  const std::size_t seeds = records.size();
  for (int i = 0; i < generated; ++i) {
    search::Record r = records[rng() % seeds];
    r.id = "gen/" + std::to_string(i);
    r.title = text(5);
    for (auto& s : r.sections) s.text = text(40);
    for (auto& d : r.decisions) {
      d.text = text(8);
      d.date = "20" + std::to_string(18 + rng() % 7) + "-0" + std::to_string(1 + rng() % 9) + "-1" +
               std::to_string(rng() % 10);
    }
    r.source = "generated/" + std::to_string(i) + ".txt";
    records.push_back(std::move(r));
  }
  return records;
}

// Two commits (two segments), then a delete (a tombstone file); no merge.
void build_index(const std::string& dir, const std::vector<search::Record>& records) {
  search::WriterOptions options;
  options.threads = 1;
  options.merge_policy.enabled = false;
  auto writer = search::IndexWriter::open(dir, options);
  const std::size_t half = records.size() / 2;
  for (std::size_t i = 0; i < half; ++i) writer->add(records[i]);
  writer->commit();
  for (std::size_t i = half; i < records.size(); ++i) writer->add(records[i]);
  writer->commit();
  writer->remove(records[1].id);
  writer->remove(records[half + 1].id);
  writer->commit();
}

// Everything a user can ask of the index, as one string: every query's total, top hits with
// fields and snippets and facets, and every record by id.
std::string answers(const std::string& dir, const std::vector<search::Record>& records) {
  auto reader = search::IndexReader::open(dir);
  search::Searcher searcher(*reader);
  std::string out = std::to_string(reader->document_count()) + "\n";
  search::SearchOptions options;
  options.limit = 20;
  for (const char* query : kQueries) {
    auto r = searcher.search(query, options);
    out += std::string(query) + " " + std::to_string(r.total) + ":";
    for (const auto& h : r.hits) out += " " + h.id + "|" + h.title + "|" + h.date + "|" + h.snippet.text;
    for (const auto& f : r.facets.committee) out += " c" + f.value + "=" + std::to_string(f.count);
    for (const auto& f : r.facets.year) out += " y" + f.value + "=" + std::to_string(f.count);
    for (const auto& f : r.facets.outcome) out += " o" + f.value + "=" + std::to_string(f.count);
    out += "\n";
  }
  for (const auto& record : records) {
    auto found = reader->find(record.id);
    out += found ? found->id + "|" + found->title + "|" + std::to_string(found->sections.size()) + "\n" : "-\n";
  }
  return out;
}

int run_check(const std::string& dir, std::string* output) {
  std::string command = std::string(SEARCH_BIN_DIR) + "/search-indexer check --index '" + dir + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  BOOST_REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  output->clear();
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output->append(buffer.data(), n);
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

struct Counts {
  int cases = 0;
  int query_errors = 0;        // the query path threw, naming the file
  int unnoticed_by_query = 0;  // the query path gave the undamaged answers (check still refuses)
};

// The damaged copy `dir` (with `file` damaged as `what`) must never answer wrongly, and
// every error must be a search::Error naming the file; both checks must refuse it.
void expect_refused(const std::string& dir, const std::string& file, const std::string& what,
                    const std::string& baseline, const std::vector<search::Record>& records, Counts* counts) {
  ++counts->cases;
  try {
    std::string got = answers(dir, records);
    BOOST_TEST(got == baseline, what << ": a different answer without an error");
    ++counts->unnoticed_by_query;
  } catch (const search::Error& e) {
    ++counts->query_errors;
    BOOST_TEST(std::string(e.what()).find(file) != std::string::npos, what << ": error does not name the file: " << e.what());
  } catch (const std::exception& e) {
    BOOST_ERROR(what << ": not a search::Error: " << e.what());
  }
  try {
    search::check_index(dir);
    BOOST_ERROR(what << ": check_index passed");
  } catch (const search::Error& e) {
    BOOST_TEST(std::string(e.what()).find(file) != std::string::npos, what << ": check_index: " << e.what());
  }
  std::string output;
  int status = run_check(dir, &output);
  BOOST_TEST(status != 0, what << ": search-indexer check exited 0");
  BOOST_TEST(output.find(file) != std::string::npos, what << ": search-indexer check: " << output);
}

void flip(const std::string& path, std::uintmax_t at) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(at));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(at));
  f.put(static_cast<char>(c ^ 0x21));
}

struct Fixture {
  TempDir tmp;
  std::vector<search::Record> records = make_records(300, 7);
  std::vector<search::Record> other_records = make_records(300, 8);
  std::string original = tmp.sub("index");
  std::string other = tmp.sub("other");  // same commits, different text: same file names
  std::string baseline;
  std::vector<std::string> files;
  Fixture() {
    build_index(original, records);
    build_index(other, other_records);
    baseline = answers(original, records);
    for (const auto& e : fs::directory_iterator(original)) {
      if (e.path().filename() != "LOCK") files.push_back(e.path().filename().string());
    }
    std::sort(files.begin(), files.end());
  }
  std::string fresh_copy() const {
    std::string copy = tmp.sub("copy");
    fs::remove_all(copy);
    fs::copy(original, copy);
    return copy;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(damage, Fixture)

BOOST_AUTO_TEST_CASE(the_undamaged_index_passes_both_checks_and_has_every_file_kind) {
  BOOST_TEST(search::check_index(original).segments == 2u);
  std::string output;
  BOOST_TEST(run_check(original, &output) == 0, output);
  std::string kinds;
  for (const auto& f : files) kinds += fs::path(f).extension().string() + " ";
  BOOST_TEST_MESSAGE("files: " << kinds);
  BOOST_TEST(files.size() >= 14u, kinds);  // a manifest, 2 x 6 segment files, tombstones
  BOOST_TEST(baseline.find("-\n") != std::string::npos);  // the deleted records are gone
}

BOOST_AUTO_TEST_CASE(every_file_flipped_truncated_or_replaced_is_refused_naming_it) {
  Counts counts;
  std::mt19937 rng(3);
  for (const auto& file : files) {
    const std::uintmax_t size = fs::file_size(original + "/" + file);
    BOOST_TEST_REQUIRE(size > 16u, file);
    std::vector<std::uintmax_t> offsets = {0, 4, 8, 12, size / 3, size / 2, size - 5, size - 1,
                                           rng() % size, rng() % size};
    for (auto at : offsets) {
      std::string copy = fresh_copy();
      flip(copy + "/" + file, at);
      expect_refused(copy, file, file + " byte " + std::to_string(at) + " flipped", baseline, records, &counts);
    }
    for (auto keep : {std::uintmax_t{0}, size / 2, size - 1}) {
      std::string copy = fresh_copy();
      fs::resize_file(copy + "/" + file, keep);
      expect_refused(copy, file, file + " truncated to " + std::to_string(keep), baseline, records, &counts);
    }
    {
      std::string copy = fresh_copy();
      std::ofstream(copy + "/" + file, std::ios::trunc) << "Dagsorden\nthis is a minutes text, not an index file\n";
      expect_refused(copy, file, file + " replaced by a text file", baseline, records, &counts);
    }
  }
  BOOST_TEST_MESSAGE(counts.cases << " damaged copies: the query path refused " << counts.query_errors
                                  << ", gave the undamaged answers for " << counts.unnoticed_by_query);
  BOOST_TEST(counts.cases == static_cast<int>(files.size()) * 14);
}

// Every file's header carries its segment's random id and the manifest records it, so a
// well-formed file of another index (right magic, version and checksum) is refused at open,
// naming it; a swapped manifest records other ids, and the error names it too. (The other
// index has the same file names, and its .del file would even be byte-identical but for
// the id.)
BOOST_AUTO_TEST_CASE(a_file_of_another_index_is_refused_naming_it) {
  Counts counts;
  for (const auto& file : files) {
    if (!fs::exists(other + "/" + file)) continue;
    std::string copy = fresh_copy();
    fs::copy_file(other + "/" + file, copy + "/" + file, fs::copy_options::overwrite_existing);
    expect_refused(copy, file, file + " replaced by the file of another index", baseline, records, &counts);
  }
  BOOST_TEST(counts.cases == static_cast<int>(files.size()));
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_refused_naming_it) {
  Counts counts;
  for (const auto& file : files) {
    std::string copy = fresh_copy();
    fs::remove(copy + "/" + file);
    bool manifest = file.find("MANIFEST") != std::string::npos || file.find("manifest") != std::string::npos;
    if (manifest) continue;  // without its manifest the generation does not exist
    expect_refused(copy, file, file + " missing", baseline, records, &counts);
  }
}

BOOST_AUTO_TEST_SUITE_END()
