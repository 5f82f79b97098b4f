#define BOOST_TEST_MODULE index
#include <boost/test/unit_test.hpp>

#include <search/env.h>
#include <search/error.h>
#include <search/index_reader.h>
#include <search/index_writer.h>
#include <search/record.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "index/crc32c.h"
#include "index/doc_columns.h"
#include "index/snapshot.h"
#include "index/term_dict.h"
#include "index/file_format.h"
#include "index/writer_internal.h"

namespace fs = std::filesystem;
using search::ErrorCode;
using search::IndexReader;
using search::IndexWriter;
using search::Record;
using search::WriterOptions;

namespace {

// Splits on ASCII separators and lower-cases ASCII letters; emits each word as a
// positional surface term and its first five bytes as a "Z" stem: enough structure to
// check postings, positions and prefixes without the Danish analyzer.
class FakeAnalyzer final : public search::index::TextAnalyzer {
 public:
  std::uint32_t index_text(std::string_view text, std::string_view prefix, std::uint32_t position,
                           search::TermSink& sink) const override {
    std::string word;
    auto emit = [&] {
      if (word.empty()) return;
      sink.term(std::string(prefix) + word, position, search::TermKind::kSurface);
      sink.term("Z" + std::string(prefix) + word.substr(0, 5), position, search::TermKind::kStem);
      ++position;
      word.clear();
    };
    for (char c : text) {
      auto u = static_cast<unsigned char>(c);
      if (std::isalnum(u) || u >= 0x80) {
        word.push_back(static_cast<char>(std::tolower(u)));
      } else {
        emit();
      }
    }
    emit();
    return position;
  }
};

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "index_test.XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// fsync makes no difference to what these tests observe (a killed process loses nothing
// the kernel has), and costs seconds on slow disks: tests skip it unless they inject faults.
class NoSyncEnv final : public search::EnvWrapper {
 public:
  NoSyncEnv() : EnvWrapper(search::Env::posix()) {}
  std::unique_ptr<search::WritableFile> new_writable_file(const std::string& path) override {
    struct File final : search::WritableFile {
      std::unique_ptr<search::WritableFile> file;
      void append(std::string_view data) override { file->append(data); }
      void sync() override {}
      void close() override { file->close(); }
    };
    auto f = std::make_unique<File>();
    f->file = target()->new_writable_file(path);
    return f;
  }
  void sync_dir(const std::string&) override {}
};

NoSyncEnv* no_sync_env() {
  static NoSyncEnv env;
  return &env;
}

std::unique_ptr<IndexWriter> open_writer(const std::string& dir, WriterOptions options = {}) {
  if (options.threads == 0) options.threads = 2;
  if (options.env == nullptr) options.env = no_sync_env();
  return search::index::open_writer(dir, options, std::make_shared<FakeAnalyzer>());
}

const std::vector<std::string> kWords = {"borger", "udvalg", "socialområdet", "plan", "budget", "skole",
                                         "arbejdsmiljø", "strategi", "vej", "kommune", "ældre", "børn",
                                         "psykisk", "udvikling", "økonomi", "tiltrådt", "godkendt", "sag"};

Record make_record(const std::string& id, std::mt19937& rng, int words = 20) {
  auto word = [&] { return kWords[rng() % kWords.size()]; };
  auto text = [&](int n) {
    std::string t;
    for (int i = 0; i < n; ++i) t += (i ? " " : "") + word();
    return t;
  };
  Record r;
  r.id = id;
  r.title = text(3);
  r.case_number = std::to_string(rng() % 30) + "/" + std::to_string(1000 + rng() % 9000);
  r.access = rng() % 2 ? "Åben Sag" : "Lukket Sag";
  r.route = {"ØK", "KB"};
  search::Decision d;
  d.committee = rng() % 2 ? "Økonomiudvalget" : "Kommunalbestyrelsen";
  d.committee_abbrev = d.committee == "Økonomiudvalget" ? "ØK" : "KB";
  d.date = "20" + std::to_string(10 + rng() % 15) + "-0" + std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 10);
  d.outcome = static_cast<search::Outcome>(rng() % search::kOutcomeCount);
  d.outcome_raw = "Godkendt";
  d.text = text(words / 4 + 1);
  if (rng() % 3 == 0) d.points.push_back({"1-2", search::Outcome::kDroeftet, "Drøftet"});
  r.decisions.push_back(d);
  if (rng() % 4 == 0) {
    d.committee = "Særligt Udvalg";
    d.committee_abbrev.clear();
    d.date = "2023-12-31";
    r.decisions.push_back(d);
  }
  r.sections.push_back({"Sagsfremstilling", text(words)});
  r.sections.push_back({"Indstilling", text(words / 2)});
  r.absent = {"Hans Hansen"};
  r.attachments = {"Bilag 1: plan.pdf"};
  r.municipality = "Norddjurs Kommune";
  r.source = "minutes/" + id + ".txt";
  r.source_line = static_cast<std::uint32_t>(rng() % 1000);
  return r;
}

bool same_record(const Record& a, const Record& b) {
  auto same_decision = [](const search::Decision& x, const search::Decision& y) {
    if (x.committee != y.committee || x.committee_abbrev != y.committee_abbrev || x.date != y.date ||
        x.outcome != y.outcome || x.outcome_raw != y.outcome_raw || x.text != y.text || x.points.size() != y.points.size()) {
      return false;
    }
    for (std::size_t i = 0; i < x.points.size(); ++i) {
      if (x.points[i].points != y.points[i].points || x.points[i].outcome != y.points[i].outcome ||
          x.points[i].raw != y.points[i].raw) {
        return false;
      }
    }
    return true;
  };
  if (a.id != b.id || a.title != b.title || a.case_number != b.case_number || a.access != b.access ||
      a.route != b.route || a.absent != b.absent || a.attachments != b.attachments ||
      a.municipality != b.municipality || a.source != b.source || a.source_line != b.source_line ||
      a.decisions.size() != b.decisions.size() || a.sections.size() != b.sections.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.decisions.size(); ++i) {
    if (!same_decision(a.decisions[i], b.decisions[i])) return false;
  }
  for (std::size_t i = 0; i < a.sections.size(); ++i) {
    if (a.sections[i].heading != b.sections[i].heading || a.sections[i].text != b.sections[i].text) return false;
  }
  return true;
}

// What a term's postings look like over the live documents of a snapshot, keyed by record
// id (docids differ between segment layouts, ids do not).
using Postings = std::map<std::string, std::pair<std::uint32_t, std::vector<std::uint32_t>>>;

std::map<std::string, Postings> dump_index(const IndexReader& reader) {
  auto snapshot = search::index::snapshot_of(reader);
  std::map<std::string, Postings> out;
  std::vector<std::uint32_t> positions;
  for (const auto& ref : snapshot->segments()) {
    const auto& seg = *ref.segment;
    std::vector<std::string> ids(seg.doc_count());
    for (std::uint32_t d = 0; d < seg.doc_count(); ++d) ids[d] = seg.record(d).id;
    auto it = seg.terms().iterator();
    for (it.seek_to_first(); it.valid(); it.next()) {
      auto list = seg.postings(it.info());
      auto reader_positions = seg.positions(it.info(), list);
      for (search::index::PostingCursor c(list); !c.at_end(); c.next()) {
        if (!ref.is_live(c.docid())) continue;
        reader_positions.positions(c.index(), &positions);
        out[std::string(it.term())][ids[c.docid()]] = {c.freq(), positions};
      }
    }
  }
  return out;
}

// The same from the records themselves, through the fake analyzer's rules.
std::map<std::string, Postings> expected_index(const std::map<std::string, Record>& records) {
  std::map<std::string, Postings> out;
  for (const auto& [id, r] : records) {
    std::vector<std::string> texts{r.title};
    for (const auto& s : r.sections) texts.push_back(s.text);
    for (const auto& d : r.decisions) texts.push_back(d.text);
    for (const auto& a : r.attachments) texts.push_back(a);
    for (const auto& a : r.absent) texts.push_back(a);
    struct Sink : search::TermSink {
      std::map<std::string, std::pair<std::uint32_t, std::vector<std::uint32_t>>> terms;
      void term(std::string_view t, std::uint32_t pos, search::TermKind kind) override {
        auto& e = terms[std::string(t)];
        ++e.first;
        if (kind == search::TermKind::kSurface) e.second.push_back(pos);
      }
    } sink;
    FakeAnalyzer fake;
    std::uint32_t pos = 0;
    for (const auto& t : texts) {
      if (t.empty()) continue;
      pos = fake.index_text(t, "", pos == 0 ? 0 : pos + 1, sink);
    }
    fake.index_text(r.title, "S", 0, sink);
    for (auto& [term, e] : sink.terms) out[term][id] = e;
    out["Q" + id][id] = {1, {}};
  }
  return out;
}

std::map<std::string, Postings> without_boolean_terms(std::map<std::string, Postings> m) {
  for (auto it = m.begin(); it != m.end();) {
    if (it->first[0] == 'X') it = m.erase(it); else ++it;
  }
  return m;
}

}  // namespace

BOOST_AUTO_TEST_CASE(round_trip_returns_every_stored_field) {
  TempDir dir;
  std::mt19937 rng(1);
  std::vector<Record> records;
  for (int i = 0; i < 300; ++i) records.push_back(make_record("r" + std::to_string(i), rng, 40));
  records[5].case_number.clear();
  records[6].decisions.clear();
  records[7].title = "Ærø – “citat” og emoji 😀 med \t tab";
  {
    WriterOptions options;
    options.threads = 1;  // one segment
    auto writer = open_writer(dir.path(), options);
    for (const auto& r : records) writer->add(r);
    BOOST_TEST(writer->commit() == 2u);
  }
  auto reader = IndexReader::open(dir.path());
  BOOST_TEST(reader->document_count() == records.size());
  for (const auto& r : records) {
    auto found = reader->find(r.id);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(same_record(*found, r), "record " << r.id);
  }
  BOOST_TEST(!reader->find("nope").has_value());
  auto snapshot = search::index::snapshot_of(*reader);
  BOOST_TEST(snapshot->segments().size() == 1u);
  BOOST_TEST(snapshot->segments()[0].segment->stored().block_count() > 3u);
}

BOOST_AUTO_TEST_CASE(postings_and_positions_match_a_reference_across_segment_layouts) {
  TempDir dir;
  std::mt19937 rng(7);
  std::map<std::string, Record> records;
  WriterOptions options;
  options.memory_budget = 1 << 20;  // several small segments
  options.merge_policy.enabled = false;
  auto writer = open_writer(dir.path(), options);
  for (int i = 0; i < 700; ++i) {
    Record r = make_record("d" + std::to_string(i % 600), rng, 30);  // ids 0..99 updated
    records[r.id] = r;
    writer->add(r);
    if (i % 97 == 0) writer->commit();
  }
  for (int i = 0; i < 40; ++i) {
    std::string id = "d" + std::to_string(rng() % 600);
    BOOST_TEST(writer->remove(id) == (records.erase(id) == 1));
  }
  writer->commit();
  auto expected = expected_index(records);
  auto many = IndexReader::open(dir.path());
  BOOST_TEST(search::index::snapshot_of(*many)->segments().size() > 3u);
  BOOST_TEST(many->document_count() == records.size());
  auto dumped_many = dump_index(*many);
  BOOST_TEST((without_boolean_terms(dumped_many) == expected));

  writer->merge();
  auto one = IndexReader::open(dir.path());
  BOOST_TEST(search::index::snapshot_of(*one)->segments().size() == 1u);
  BOOST_TEST((dump_index(*one) == dumped_many));
  // The earlier snapshot still reads its own files, though they are gone from the directory.
  BOOST_TEST((dump_index(*many) == dumped_many));
  BOOST_TEST(search::check_index(dir.path()).documents == records.size());
}

BOOST_AUTO_TEST_CASE(boolean_terms_and_facet_columns_follow_the_record) {
  TempDir dir;
  Record r;
  r.id = "norddjurs/2022-05-24/7";
  r.title = "Politisk initiativ";
  r.case_number = "22/6043";
  r.access = "Åben Sag";
  r.route = {"ØK", "KB"};
  r.decisions.push_back({"Økonomiudvalget", "ØK", "2022-05-17", search::Outcome::kTiltraadt, "Ad 1-2 Tiltrådt", "Tiltrådt.", {}});
  r.decisions.push_back({"Kommunalbestyrelsen", "KB", "2022-05-24", search::Outcome::kGodkendt, "Godkendt", "Godkendt.",
                         {{"3", search::Outcome::kUdsat, "Udsat"}}});
  r.decisions.push_back({"Særligt Udvalg", "", "2023-01-02", search::Outcome::kGodkendt, "Godkendt", "", {}});
  {
    auto writer = open_writer(dir.path());
    writer->add(r);
    writer->commit();
  }
  auto reader = IndexReader::open(dir.path());
  auto snapshot = search::index::snapshot_of(*reader);
  const auto& seg = *snapshot->segments()[0].segment;
  for (const char* term : {"Qnorddjurs/2022-05-24/7", "XCØK", "XCKB", "XCsærligt udvalg", "XRØK", "XRKB", "XOtiltrådt",
                           "XOgodkendt", "XOudsat", "XY2022", "XY2023", "XD20220517", "XD20220524", "XD20230102",
                           "XK22/6043", "XAåben", "Sstrategi"}) {
    if (std::string(term) == "Sstrategi") {
      BOOST_TEST(seg.postings(term).size() == 0u);
    } else {
      BOOST_TEST(seg.postings(term).size() == 1u, term);
    }
  }
  BOOST_TEST(seg.postings("Spolitisk").size() == 1u);
  BOOST_TEST(seg.postings("XAlukket").size() == 0u);
  const auto& f = seg.facets();
  std::vector<std::string> labels;
  for (auto ord : f.committees().of(0)) labels.emplace_back(f.committee_label(ord));
  BOOST_TEST((labels == std::vector<std::string>{"ØK", "KB", "særligt udvalg"}));
  std::vector<std::string> days;
  for (auto day : f.days().of(0)) days.push_back(search::index::iso_from_day(day));
  BOOST_TEST((days == std::vector<std::string>{"2022-05-17", "2022-05-24", "2023-01-02"}));
  auto years = f.years().of(0);
  BOOST_TEST((std::vector<std::uint16_t>(years.begin(), years.end()) == std::vector<std::uint16_t>{2022, 2023}));
  auto outcomes = f.outcomes().of(0);
  std::vector<int> got(outcomes.begin(), outcomes.end());
  BOOST_TEST((got == std::vector<int>{1, 2, 6}));  // godkendt, tiltrådt, udsat
  std::int32_t day = 0;
  BOOST_TEST(search::index::parse_iso_day("1970-01-02", &day));
  BOOST_TEST(day == 1);
  BOOST_TEST(search::index::parse_iso_day("2000-03-01", &day));
  BOOST_TEST(day == 11017);  // 10957 days to 2000-01-01, then 31 + 29 more
}

BOOST_AUTO_TEST_CASE(update_replaces_and_delete_removes_by_id) {
  TempDir dir;
  std::mt19937 rng(3);
  auto writer = open_writer(dir.path());
  Record a = make_record("a", rng), b = make_record("b", rng);
  writer->add(a);
  writer->add(b);
  writer->commit();
  a.title = "ny titel";
  writer->add(a);  // replaces the committed one
  Record c = make_record("c", rng);
  writer->add(c);
  c.title = "anden titel";
  writer->add(c);  // replaces the buffered one
  BOOST_TEST(writer->remove("b"));
  BOOST_TEST(!writer->remove("b"));
  BOOST_TEST(!writer->remove("zzz"));
  writer->commit();
  auto reader = IndexReader::open(dir.path());
  BOOST_TEST(reader->document_count() == 2u);
  BOOST_TEST(reader->find("a")->title == "ny titel");
  BOOST_TEST(reader->find("c")->title == "anden titel");
  BOOST_TEST(!reader->find("b").has_value());
  BOOST_TEST(reader->stats().deleted == 3u);  // the old a, the first c, b
  writer->merge();
  auto merged = reader->reopen();
  BOOST_TEST(merged->stats().deleted == 0u);
  BOOST_TEST(merged->stats().segments == 1u);
  BOOST_TEST(merged->find("a")->title == "ny titel");
}

BOOST_AUTO_TEST_CASE(postings_cross_the_chunk_edge_and_positions_cross_group_edges) {
  TempDir dir;
  WriterOptions options;
  options.merge_policy.enabled = false;
  options.threads = 1;  // one segment
  auto writer = open_writer(dir.path(), options);
  const std::uint32_t n = 65536 + 300;
  for (std::uint32_t i = 0; i < n; ++i) {
    Record r;
    r.id = std::to_string(i);
    // "alle" in every doc, twice in every 7th; "sjælden" at docid 0, 65535, 65536 and the last.
    r.title = i % 7 == 0 ? "alle x alle" : "alle";
    if (i == 0 || i == 65535 || i == 65536 || i == n - 1) r.title += " sjælden";
    writer->add(std::move(r));
  }
  writer->commit();
  auto reader = IndexReader::open(dir.path());
  auto snapshot = search::index::snapshot_of(*reader);
  BOOST_REQUIRE(snapshot->segments().size() == 1u);
  const auto& seg = *snapshot->segments()[0].segment;
  search::index::TermInfo info;
  BOOST_REQUIRE(seg.find_term("alle", &info));
  auto list = seg.postings(info);
  BOOST_TEST(list.size() == n);
  auto positions = seg.positions(info, list);
  std::vector<std::uint32_t> pos;
  std::uint32_t expected_doc = 0;
  bool all_right = true;
  for (search::index::PostingCursor c(list); !c.at_end(); c.next(), ++expected_doc) {
    positions.positions(c.index(), &pos);
    auto want = expected_doc % 7 == 0 ? std::vector<std::uint32_t>{0, 2} : std::vector<std::uint32_t>{0};
    all_right = all_right && c.docid() == expected_doc && pos == want && c.freq() == want.size();
  }
  BOOST_TEST(all_right);
  BOOST_TEST(expected_doc == n);
  std::vector<std::uint32_t> docs;
  seg.postings("sjælden").decode_all(&docs);
  BOOST_TEST((docs == std::vector<std::uint32_t>{0, 65535, 65536, n - 1}));
  BOOST_TEST(reader->find(std::to_string(n - 2))->title == "alle");
  BOOST_TEST(reader->find(std::to_string(65536))->title == "alle sjælden");
  BOOST_TEST(snapshot->average_length() > 1.0);
}

BOOST_AUTO_TEST_CASE(prefix_scan_walks_terms_in_order) {
  TempDir dir;
  {
    auto writer = open_writer(dir.path());
    Record r;
    r.id = "1";
    r.title = "område områder områdets omvej ord";
    for (int i = 0; i < 200; ++i) r.title += " w" + std::to_string(i);  // several dictionary blocks
    writer->add(r);
    writer->commit();
  }
  auto reader = IndexReader::open(dir.path());
  const auto& seg = *search::index::snapshot_of(*reader)->segments()[0].segment;
  std::vector<std::string> found;
  auto it = seg.terms().iterator();
  for (it.seek("område"); it.valid() && it.term().rfind("område", 0) == 0; it.next()) found.emplace_back(it.term());
  BOOST_TEST((found == std::vector<std::string>{"område", "områder", "områdets"}));
  found.clear();
  for (it.seek("w19"); it.valid() && it.term().rfind("w19", 0) == 0; it.next()) found.emplace_back(it.term());
  BOOST_TEST(found.size() == 11u);  // w19, w190..w199
  it.seek("zzz");
  BOOST_TEST(!it.valid());
}

// Lookups against a std::map on random byte strings that share long prefixes (the dictionary
// stores each term as the bytes shared with the previous one plus a suffix), probing present
// terms, absent ones between, before and after them, and prefixes and extensions of terms.
BOOST_AUTO_TEST_CASE(term_lookup_agrees_with_a_map_on_random_dictionaries) {
  TempDir dir;
  std::mt19937 rng(4242);
  for (int round = 0; round < 6; ++round) {
    std::map<std::string, search::index::TermInfo> reference;
    const char alphabet[] = {'a', 'b', 'c', '\x00', '\xc3', '\xff'};
    const int n = 1 + static_cast<int>(rng() % 3000);
    while (static_cast<int>(reference.size()) < n) {
      std::string t;
      const int len = static_cast<int>(rng() % 7);
      for (int i = 0; i < len; ++i) t += alphabet[rng() % 6];
      reference.try_emplace(t);
    }
    const std::string path = dir.sub("dict" + std::to_string(round));
    {
      search::index::FileBuilder file(no_sync_env(), path, "TERM");
      search::index::TermDictBuilder builder(&file);
      std::uint64_t postings = 0, positions = 0;
      for (auto& [term, info] : reference) {
        info.df = 1 + rng() % 1000;
        info.postings_offset = postings;
        info.postings_size = 1 + rng() % 5000;
        info.positions_offset = positions;
        info.positions_size = rng() % 3 == 0 ? 0 : 1 + rng() % 5000;
        postings += info.postings_size;
        positions += info.positions_size;
        builder.add(term, info);
      }
      builder.finish();
      file.finish();
    }
    search::index::TermDict dict(search::index::FileView::open(no_sync_env(), path, "TERM"));
    auto check = [&](const std::string& probe) {
      search::index::TermInfo got;
      const bool found = dict.lookup(probe, &got);
      auto it = reference.find(probe);
      BOOST_REQUIRE_EQUAL(found, it != reference.end());
      if (!found) return;
      BOOST_REQUIRE_EQUAL(got.df, it->second.df);
      BOOST_REQUIRE_EQUAL(got.postings_offset, it->second.postings_offset);
      BOOST_REQUIRE_EQUAL(got.postings_size, it->second.postings_size);
      BOOST_REQUIRE_EQUAL(got.positions_offset, it->second.positions_offset);
      BOOST_REQUIRE_EQUAL(got.positions_size, it->second.positions_size);
    };
    for (const auto& [term, info] : reference) {
      check(term);
      check(term + '\x00');
      check(term + 'b');
      if (!term.empty()) check(term.substr(0, term.size() - 1));
    }
    for (int i = 0; i < 2000; ++i) {
      std::string t;
      const int len = static_cast<int>(rng() % 8);
      for (int k = 0; k < len; ++k) t += alphabet[rng() % 6];
      check(t);
    }
  }
}

BOOST_AUTO_TEST_CASE(crc32c_matches_the_published_check_value) {
  // RFC 3720 B.4: CRC-32C of "123456789" is 0xE3069283.
  BOOST_TEST(search::index::crc32c("123456789", 9) == 0xE3069283u);
  std::string zeros(32, '\0');
  BOOST_TEST(search::index::crc32c(zeros.data(), zeros.size()) == 0x8A9136AAu);
}

namespace {

void build_small_index(const std::string& dir) {
  std::mt19937 rng(11);
  WriterOptions options;
  options.merge_policy.enabled = false;
  options.threads = 1;  // one segment: one file of each kind
  auto writer = open_writer(dir, options);
  for (int i = 0; i < 200; ++i) writer->add(make_record("k" + std::to_string(i), rng, 60));
  writer->commit();
  writer->remove("k3");
  writer->commit();
}

// Reads everything a query could touch.
void read_everything(const std::string& dir) {
  auto reader = IndexReader::open(dir);
  dump_index(*reader);
  auto snapshot = search::index::snapshot_of(*reader);
  for (const auto& ref : snapshot->segments()) {
    for (std::uint32_t d = 0; d < ref.segment->doc_count(); ++d) ref.segment->record(d);
  }
}

void expect_corrupt(const std::string& dir, const std::string& file, const std::string& what) {
  bool open_failed = false;
  try {
    read_everything(dir);
  } catch (const search::Error& e) {
    open_failed = true;
    bool named = std::string(e.what()).find(file) != std::string::npos;
    BOOST_TEST((e.code() == ErrorCode::kCorrupt || e.code() == ErrorCode::kUnsupported), what << ": " << e.what());
    BOOST_TEST(named, what << ": message does not name " << file << ": " << e.what());
  }
  try {
    search::check_index(dir);
    BOOST_ERROR(what << ": check passed");
  } catch (const search::Error& e) {
    BOOST_TEST((e.code() == ErrorCode::kCorrupt || e.code() == ErrorCode::kUnsupported), what << ": " << e.what());
    if (!open_failed) BOOST_TEST(std::string(e.what()).find(file) != std::string::npos, what << ": " << e.what());
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(damaged_or_truncated_files_of_every_kind_are_corrupt_errors_naming_the_file) {
  TempDir dir;
  std::string original = dir.sub("index");
  build_small_index(original);
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(original)) {
    if (e.path().filename() != "LOCK") files.push_back(e.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  BOOST_TEST(files.size() == 8u);  // manifest, six segment files, one tombstone file
  std::mt19937 rng(5);
  int cases = 0;
  for (const auto& file : files) {
    auto size = fs::file_size(original + "/" + file);
    std::vector<std::uintmax_t> flips = {0, 5, 9, size / 2, size - 30, size - 1};
    for (int i = 0; i < 6; ++i) flips.push_back(rng() % size);
    for (auto at : flips) {
      std::string copy = dir.sub("copy");
      fs::remove_all(copy);
      fs::copy(original, copy);
      {
        std::fstream f(copy + "/" + file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(static_cast<std::streamoff>(at));
        char c = 0;
        f.get(c);
        f.seekp(static_cast<std::streamoff>(at));
        f.put(static_cast<char>(c ^ 0x5a));
      }
      expect_corrupt(copy, file, file + " byte " + std::to_string(at) + " flipped");
      ++cases;
    }
    for (auto keep : {std::uintmax_t{0}, std::uintmax_t{10}, size / 2, size - 1}) {
      std::string copy = dir.sub("copy");
      fs::remove_all(copy);
      fs::copy(original, copy);
      fs::resize_file(copy + "/" + file, keep);
      expect_corrupt(copy, file, file + " truncated to " + std::to_string(keep));
      ++cases;
    }
  }
  BOOST_TEST(cases == 8 * 16);
  // A foreign file in the place of a segment file.
  std::string copy = dir.sub("copy");
  fs::remove_all(copy);
  fs::copy(original, copy);
  std::ofstream(copy + "/s000001.term") << "this is not an index file, just some text that is long enough";
  expect_corrupt(copy, "s000001.term", "foreign file");
}

BOOST_AUTO_TEST_CASE(a_reader_keeps_its_snapshot_across_commits_and_merges) {
  TempDir dir;
  std::mt19937 rng(9);
  WriterOptions options;
  options.merge_policy.merge_factor = 3;
  auto writer = open_writer(dir.path(), options);
  for (int i = 0; i < 50; ++i) writer->add(make_record("x" + std::to_string(i), rng));
  writer->commit();
  auto reader = IndexReader::open(dir.path());
  auto before = dump_index(*reader);
  auto generation = reader->generation();
  for (int round = 0; round < 6; ++round) {
    for (int i = 0; i < 20; ++i) writer->add(make_record("y" + std::to_string(round * 20 + i), rng));
    writer->remove("x" + std::to_string(round));
    writer->commit();
  }
  writer->merge();
  BOOST_TEST(reader->generation() == generation);
  BOOST_TEST(reader->document_count() == 50u);
  BOOST_TEST(reader->find("x0").has_value());
  BOOST_TEST((dump_index(*reader) == before));
  auto newest = reader->reopen();
  BOOST_TEST(newest->generation() > generation);
  BOOST_TEST(newest->document_count() == 50u - 6u + 120u);
  BOOST_TEST(!newest->find("x0").has_value());
  BOOST_TEST(newest->find("y119").has_value());
}

BOOST_AUTO_TEST_CASE(log_merge_policy_bounds_the_segment_count) {
  TempDir dir;
  std::mt19937 rng(2);
  WriterOptions options;
  options.merge_policy.merge_factor = 4;
  auto writer = open_writer(dir.path(), options);
  for (int i = 0; i < 60; ++i) {
    writer->add(make_record("m" + std::to_string(i), rng, 4));
    writer->commit();
  }
  auto reader = IndexReader::open(dir.path());
  BOOST_TEST(reader->stats().segments < 10u);
  BOOST_TEST(reader->document_count() == 60u);
  for (int i = 0; i < 60; ++i) BOOST_TEST(reader->find("m" + std::to_string(i)).has_value());
}

BOOST_AUTO_TEST_CASE(a_second_writer_gets_locked_naming_the_holder) {
  TempDir dir;
  auto first = open_writer(dir.path());
  try {
    open_writer(dir.path());
    BOOST_ERROR("second writer opened");
  } catch (const search::Error& e) {
    BOOST_TEST((e.code() == ErrorCode::kLocked));
    BOOST_TEST(std::string(e.what()).find("pid " + std::to_string(::getpid())) != std::string::npos, e.what());
  }
  first.reset();
  BOOST_CHECK_NO_THROW(open_writer(dir.path()));
}

namespace {

// Fails chosen operations: an fsync of a file whose name contains `fail_sync_of`, appends
// after `short_write_after` bytes, or the directory fsync after a rename.
class FaultEnv final : public search::EnvWrapper {
 public:
  FaultEnv() : EnvWrapper(search::Env::posix()) {}
  std::string fail_sync_of;
  long long short_write_after = -1;
  bool fail_dir_sync = false;

  std::unique_ptr<search::WritableFile> new_writable_file(const std::string& path) override {
    return std::make_unique<File>(this, path, target()->new_writable_file(path));
  }
  void sync_dir(const std::string& dir) override {
    if (fail_dir_sync) throw search::Error(ErrorCode::kIo, "injected: cannot fsync directory " + dir);
    target()->sync_dir(dir);
  }

 private:
  class File final : public search::WritableFile {
   public:
    File(FaultEnv* env, std::string path, std::unique_ptr<search::WritableFile> file)
        : env_(env), path_(std::move(path)), file_(std::move(file)) {}
    void append(std::string_view data) override {
      if (env_->short_write_after >= 0) {
        auto room = static_cast<std::size_t>(env_->short_write_after);
        if (data.size() > room) {
          file_->append(data.substr(0, room));
          env_->short_write_after = 0;
          throw search::Error(ErrorCode::kIo, "injected: short write to " + path_);
        }
        env_->short_write_after -= static_cast<long long>(data.size());
      }
      file_->append(data);
    }
    void sync() override {
      if (!env_->fail_sync_of.empty() && path_.find(env_->fail_sync_of) != std::string::npos) {
        throw search::Error(ErrorCode::kIo, "injected: cannot fsync " + path_);
      }
      file_->sync();
    }
    void close() override { file_->close(); }

   private:
    FaultEnv* env_;
    std::string path_;
    std::unique_ptr<search::WritableFile> file_;
  };
};

}  // namespace

BOOST_AUTO_TEST_CASE(failed_fsync_or_short_write_fails_the_commit_and_keeps_the_previous_generation) {
  for (int fault = 0; fault < 4; ++fault) {
    TempDir dir;
    FaultEnv env;
    std::mt19937 rng(4);
    WriterOptions options;
    options.env = &env;
    auto writer = open_writer(dir.path(), options);
    for (int i = 0; i < 30; ++i) writer->add(make_record("f" + std::to_string(i), rng));
    auto committed = writer->commit();
    for (int i = 30; i < 60; ++i) writer->add(make_record("f" + std::to_string(i), rng));
    writer->remove("f0");
    if (fault == 0) env.fail_sync_of = "MANIFEST";
    if (fault == 1) env.fail_sync_of = ".pstg";
    if (fault == 2) env.short_write_after = 5000;
    if (fault == 3) env.fail_sync_of = ".del";
    BOOST_CHECK_THROW(writer->commit(), search::Error);
    BOOST_CHECK_THROW(writer->add(make_record("late", rng)), search::Error);  // the writer is poisoned
    writer.reset();
    env.fail_sync_of.clear();
    env.short_write_after = -1;
    auto reader = IndexReader::open(dir.path());
    BOOST_TEST(reader->generation() == committed, "fault " << fault);
    BOOST_TEST(reader->document_count() == 30u);
    BOOST_TEST(reader->find("f0").has_value());
    search::check_index(dir.path());
    // A new writer cleans up the leftovers and carries on.
    auto again = open_writer(dir.path(), options);
    again->add(make_record("f99", rng));
    again->commit();
    BOOST_TEST(IndexReader::open(dir.path())->document_count() == 31u);
  }
}

BOOST_AUTO_TEST_CASE(a_failed_directory_fsync_after_rename_leaves_a_readable_index) {
  TempDir dir;
  FaultEnv env;
  std::mt19937 rng(4);
  WriterOptions options;
  options.env = &env;
  auto writer = open_writer(dir.path(), options);
  writer->add(make_record("a", rng));
  writer->commit();
  writer->add(make_record("b", rng));
  env.fail_dir_sync = true;
  BOOST_CHECK_THROW(writer->commit(), search::Error);
  writer.reset();
  // The rename happened, so either generation may be the durable one; both are whole.
  auto reader = IndexReader::open(dir.path());
  BOOST_TEST(reader->find("a").has_value());
  search::check_index(dir.path());
}

BOOST_AUTO_TEST_CASE(a_writer_killed_at_random_moments_loses_nothing_committed) {
  TempDir dir;
  std::mt19937 rng(12345);
  int committed_batches = 0;  // batches whose commit() returned in some earlier child
  unsigned delay_limit_us = 80000;  // grows while a loaded machine lets children commit nothing
#if defined(__SANITIZE_THREAD__)
  const unsigned kMaxDelayUs = 5000000;  // ThreadSanitizer runs the child 5-15x slower
#else
  const unsigned kMaxDelayUs = 1000000;
#endif
  for (int round = 0; round < 60; ++round) {
    int fds[2];
    BOOST_REQUIRE(::pipe(fds) == 0);
    pid_t pid = ::fork();
    BOOST_REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      try {
        std::mt19937 child_rng(static_cast<unsigned>(round));
        WriterOptions options;
        options.threads = 1;
        options.merge_policy.merge_factor = 3;
        auto writer = open_writer(dir.path(), options);
        for (int batch = committed_batches;; ++batch) {
          for (int i = 0; i < 5; ++i) writer->add(make_record("b" + std::to_string(batch) + "-" + std::to_string(i), child_rng, 8));
          if (batch > 0) writer->remove("b" + std::to_string(batch - 1) + "-0");
          writer->commit();
          int done = batch + 1;
          if (::write(fds[1], &done, sizeof done) != sizeof done) ::_exit(3);
        }
      } catch (...) {
        ::_exit(2);
      }
    }
    ::close(fds[1]);
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % delay_limit_us));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL), "child exited by itself: " << status);
    int done = 0, before = committed_batches;
    while (::read(fds[0], &done, sizeof done) == sizeof done) committed_batches = std::max(committed_batches, done);
    delay_limit_us = committed_batches == before ? std::min(delay_limit_us * 3 / 2, kMaxDelayUs)
                                                 : std::max(delay_limit_us * 4 / 5, 40000u);
    ::close(fds[0]);
    if (committed_batches == 0) continue;
    auto reader = IndexReader::open(dir.path());
    // Every batch reported committed is there, with its first record deleted by the next.
    int last = committed_batches - 1;
    bool all_there = true;
    for (int b = std::max(0, last - 3); b <= last; ++b) {
      for (int i = 1; i < 5; ++i) all_there = all_there && reader->find("b" + std::to_string(b) + "-" + std::to_string(i)).has_value();
    }
    BOOST_TEST(all_there, "round " << round);
    // Its first record survives unless a later, unreported commit deleted it.
    BOOST_TEST((reader->find("b" + std::to_string(last) + "-0").has_value() ||
                reader->find("b" + std::to_string(last + 1) + "-1").has_value()));
  }
  BOOST_TEST(committed_batches >= 8);
  auto stats = search::check_index(dir.path());
  BOOST_TEST(stats.documents >= static_cast<std::uint64_t>(4 * committed_batches + 1));
}

namespace {

int run_command(const std::string& command, std::string* output) {
  std::string out_file = (fs::temp_directory_path() / ("index_test_out." + std::to_string(::getpid()))).string();
  int status = std::system((command + " > " + out_file + " 2>&1").c_str());
  std::ifstream in(out_file);
  output->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  fs::remove(out_file);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

BOOST_AUTO_TEST_CASE(search_indexer_builds_checks_deletes_and_names_a_damaged_file) {
  std::string bin = std::string(SEARCH_BIN_DIR) + "/search-indexer";
  if (!fs::exists(bin)) {
    BOOST_TEST_MESSAGE("skipped: " << bin << " is not built");
    return;
  }
  TempDir dir;
  std::string index = dir.sub("idx");
  std::string seeds = std::string(SEARCH_CORPUS_DIR) + "/seeds";
  std::string out;
  BOOST_TEST(run_command(bin + " build --no-progress --index " + index + " " + seeds, &out) == 0, out);
  BOOST_TEST(out.find("5 files") != std::string::npos, out);
  BOOST_TEST(run_command(bin + " build --no-progress --index " + index + " " + seeds, &out) != 0, out);
  BOOST_TEST(out.find("--force") != std::string::npos, out);
  BOOST_TEST(run_command(bin + " build --no-progress --force --index " + index + " " + seeds, &out) == 0, out);
  BOOST_TEST(run_command(bin + " check --index " + index, &out) == 0, out);
  BOOST_TEST(run_command(bin + " stats --index " + index, &out) == 0, out);
  auto reader = IndexReader::open(index);
  std::uint64_t documents = reader->document_count();
  BOOST_TEST(out.find("documents   " + std::to_string(documents)) != std::string::npos, out);
  std::string id = search::index::snapshot_of(*reader)->segments()[0].segment->record(0).id;
  BOOST_TEST(run_command(bin + " delete --index " + index + " '" + id + "'", &out) == 0, out);
  BOOST_TEST(run_command(bin + " delete --index " + index + " no-such-id", &out) == 1, out);
  BOOST_TEST(run_command(bin + " merge --index " + index, &out) == 0, out);
  auto after = reader->reopen();
  BOOST_TEST(after->document_count() == documents - 1);
  BOOST_TEST(!after->find(id).has_value());
  BOOST_TEST(reader->find(id).has_value());  // the old snapshot still has it
  std::string victim;
  for (const auto& e : fs::directory_iterator(index)) {
    if (e.path().extension() == ".pstg") victim = e.path().string();
  }
  {
    std::fstream f(victim, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('\x7f');
  }
  BOOST_TEST(run_command(bin + " check --index " + index, &out) != 0, out);
  BOOST_TEST(out.find(fs::path(victim).filename().string()) != std::string::npos, out);
}
