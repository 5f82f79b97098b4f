#define BOOST_TEST_MODULE lexicon
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <search/error.h>

#include "analysis/lexicon.h"

namespace {

namespace fs = std::filesystem;
using search::analysis::CompoundPart;
using search::analysis::kMaxCompoundParts;
using search::analysis::Lexicon;

// A scratch directory removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("lexicon_test." + std::to_string(::getpid()) + "." +
                                        std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// A small word list with what the real one holds: names (skipped), capitals inside a word,
// a decomposed å, CRLF line ends, a duplicate, and the parts of a few compounds.
const std::string kWords =
    "Aarhus\nsocial\nområdet\nområde\nfamilie\narbejde\nmiljøet\nmiljø\nhoved\nudvalget\n"
    "tv-ADSL\nomra\xCC\x8A" "de\r\nborger\nborgere\nfælles\nfalles\nskole\nskolen\nog\n"
    "udvalg\nprojekt\nforslaget\nsocial\n";

// Every query the tests compare between two lexicons.
const std::vector<std::string> kProbes = {
    "social",      "området",        "område",       "aarhus",          "tv-adsl",       "borgere",
    "og",          "xyz",            "",             "socialområdet",   "familieområdet", "hovedudvalget",
    "arbejdsmiljøet", "projektforslaget", "skoleudvalget", "socialomridet", "hovedudvalgct", "fællesskolen"};

std::string describe(const Lexicon& lex, const std::string& w) {
  std::string out = lex.contains(w) ? "+" : "-";
  std::array<CompoundPart, kMaxCompoundParts> parts{};
  const std::size_t n = lex.split(w, parts);
  for (std::size_t i = 0; i < n; ++i) out += " " + w.substr(parts[i].begin, parts[i].end - parts[i].begin);
  CompoundPart modifier{};
  std::string_view head;
  if (lex.split_repaired(w, modifier, head)) {
    out += " | " + w.substr(modifier.begin, modifier.end - modifier.begin) + " " + std::string(head);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_small_list_splits_and_repairs_as_worked_out_by_hand) {
  const Lexicon lex(kWords);
  BOOST_TEST(lex.size() == 20u);  // 23 lines less the name "Aarhus" and two duplicates
  BOOST_TEST(lex.contains("social"));
  BOOST_TEST(!lex.contains("aarhus"));  // capitalised: a name
  BOOST_TEST(lex.contains("tv-adsl"));  // lower-cased
  BOOST_TEST(lex.contains("område"));   // composed from a + combining ring
  // A split also "repairs" to its own head when that head's fold is unique (the analyzer
  // asks for repairs of unknown words only).
  BOOST_TEST(describe(lex, "socialområdet") == "- social området | social området");
  BOOST_TEST(describe(lex, "hovedudvalget") == "- hoved udvalget | hoved udvalget");
  BOOST_TEST(describe(lex, "fællesskolen") == "- fælles skolen | fælles skolen");
  // OCR: "omridet" folds like "området" (o*mr*d*t), the only head with that fold.
  BOOST_TEST(describe(lex, "socialomridet") == "- | social området");
  // "fælles" and "falles" share a fold, so a repair to either is ambiguous.
  BOOST_TEST(describe(lex, "skolefzelles") == "-");
}

BOOST_AUTO_TEST_CASE(the_cache_is_written_once_and_mapped_with_the_same_answers) {
  TempDir dir;
  const std::string list = dir / "words";
  write(list, kWords);
  const std::string cache = dir / "cache";
  const Lexicon reference(kWords);

  auto first = Lexicon::load(list, cache);
  BOOST_REQUIRE(first);
  BOOST_TEST(first->cache_file().empty());  // compiled here, then written
  BOOST_TEST(std::distance(fs::directory_iterator(cache), fs::directory_iterator()) == 1);

  auto second = Lexicon::load(list, cache);
  BOOST_REQUIRE(second);
  BOOST_TEST(!second->cache_file().empty());  // mapped
  BOOST_TEST(second->size() == reference.size());
  for (const auto& w : kProbes) {
    BOOST_TEST(describe(*second, w) == describe(reference, w), w);
    BOOST_TEST(describe(*first, w) == describe(reference, w), w);
  }
}

BOOST_AUTO_TEST_CASE(a_changed_list_is_compiled_again) {
  TempDir dir;
  const std::string list = dir / "words";
  const std::string cache = dir / "cache";
  write(list, kWords);
  BOOST_REQUIRE(Lexicon::load(list, cache));
  BOOST_TEST(!Lexicon::load(list, cache)->contains("kommune"));
  write(list, kWords + "kommune\n");
  auto changed = Lexicon::load(list, cache);
  BOOST_REQUIRE(changed);
  BOOST_TEST(changed->cache_file().empty());  // stale cache: compiled again
  BOOST_TEST(changed->contains("kommune"));
  BOOST_TEST(Lexicon::load(list, cache)->contains("kommune"));  // and the new cache is used
  BOOST_TEST(!Lexicon::load(list, cache)->cache_file().empty());
}

BOOST_AUTO_TEST_CASE(a_damaged_cache_header_is_compiled_again_and_a_damaged_page_is_an_error) {
  TempDir dir;
  const std::string list = dir / "words";
  const std::string cache = dir / "cache";
  write(list, kWords);
  BOOST_REQUIRE(Lexicon::load(list, cache));
  const std::string file = fs::directory_iterator(cache)->path().string();
  auto flip = [&](std::size_t at) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(at));
    char c = 0;
    f.get(c);
    f.seekp(static_cast<std::streamoff>(at));
    f.put(static_cast<char>(c ^ 0x20));
  };
  flip(44);  // word count: the header checksum fails
  auto recompiled = Lexicon::load(list, cache);
  BOOST_REQUIRE(recompiled);
  BOOST_TEST(recompiled->cache_file().empty());
  BOOST_TEST(recompiled->contains("social"));

  // The rewritten cache maps again; damage past the header is found when the page is read.
  BOOST_REQUIRE(!Lexicon::load(list, cache)->cache_file().empty());
  flip(64 + 3);  // inside the slot table (page 0)
  auto damaged = Lexicon::load(list, cache);
  BOOST_REQUIRE(damaged);
  BOOST_REQUIRE(!damaged->cache_file().empty());
  try {
    damaged->contains("social");
    BOOST_FAIL("a damaged page was used");
  } catch (const search::Error& e) {
    BOOST_TEST((e.code() == search::ErrorCode::kCorrupt));
    BOOST_TEST(std::string(e.what()).find(file) != std::string::npos, e.what());
  }
}

BOOST_AUTO_TEST_CASE(no_cache_directory_or_an_unwritable_one_still_loads_the_list) {
  TempDir dir;
  const std::string list = dir / "words";
  write(list, kWords);
  write(dir / "plain-file", "x");
  for (const std::string& cache : {std::string(), dir / "plain-file/sub"}) {
    auto lex = Lexicon::load(list, cache);
    BOOST_REQUIRE(lex);
    BOOST_TEST(lex->contains("området"));
    BOOST_TEST(lex->cache_file().empty());
  }
  BOOST_TEST(!Lexicon::load(dir / "missing", dir / "cache"));
  BOOST_TEST(!Lexicon::load("", dir / "cache"));
}

BOOST_AUTO_TEST_CASE(the_cache_directory_follows_the_environment) {
  const char* saved = std::getenv("SEARCH_LEXICON_CACHE");
  const std::string saved_value = saved ? saved : "";
  ::setenv("SEARCH_LEXICON_CACHE", "/some/dir", 1);
  BOOST_TEST(Lexicon::default_cache_dir() == "/some/dir");
  ::setenv("SEARCH_LEXICON_CACHE", "off", 1);
  BOOST_TEST(Lexicon::default_cache_dir().empty());
  ::unsetenv("SEARCH_LEXICON_CACHE");
  const char* home = std::getenv("HOME");
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && *xdg == '/') {
    BOOST_TEST(Lexicon::default_cache_dir() == std::string(xdg) + "/libsearch");
  } else if (home != nullptr && *home == '/') {
    BOOST_TEST(Lexicon::default_cache_dir() == std::string(home) + "/.cache/libsearch");
  }
  if (saved) ::setenv("SEARCH_LEXICON_CACHE", saved_value.c_str(), 1);
}

// The Debian word list, mapped from a cache, against the same list compiled in memory: every
// word of a seeded sample and their pairwise compounds split and repair alike.
BOOST_AUTO_TEST_CASE(the_real_word_list_answers_alike_mapped_and_in_memory) {
  const std::string path = "/usr/share/dict/danish";
  std::ifstream in(path, std::ios::binary);
  if (!in) return;  // wdanish not installed: nothing to compare
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  TempDir dir;
  BOOST_REQUIRE(Lexicon::load(path, dir / "cache"));
  auto mapped = Lexicon::load(path, dir / "cache");
  BOOST_REQUIRE(mapped);
  BOOST_REQUIRE(!mapped->cache_file().empty());
  const Lexicon reference(text);
  BOOST_TEST(mapped->size() == reference.size());
  BOOST_TEST(mapped->size() > 250000u);
  std::vector<std::string> words;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::mt19937 rng(42);
  std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
  std::size_t splits = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string a = words[pick(rng)], b = words[pick(rng)];
    for (const std::string& w : {a, a + b, a + "s" + b}) {
      const std::string d = describe(*mapped, w);
      BOOST_TEST(d == describe(reference, w), w);
      splits += d.size() > 1;
    }
  }
  BOOST_TEST(splits > 1000u);
  BOOST_TEST(describe(*mapped, "socialomridet") == "- | social området");
}
