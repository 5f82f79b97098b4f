#define BOOST_TEST_MODULE analysis
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <search/analyzer.h>
#include <search/error.h>

#include "analysis/fold.h"
#include "analysis/stemmer.h"
#include "analysis/unicode.h"

namespace {

using search::Analyzer;
using search::AnalyzerOptions;
using search::TermKind;
using search::Token;
using search::TokenKind;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot open " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const Analyzer& analyzer() {
  static const Analyzer a;
  return a;
}

struct Collected {
  std::string term;
  std::uint32_t position;
  TermKind kind;
};

class CollectingSink : public search::TermSink {
 public:
  void term(std::string_view term, std::uint32_t position, TermKind kind) override {
    terms.push_back({std::string(term), position, kind});
  }
  std::set<std::string> term_set() const {
    std::set<std::string> s;
    for (const auto& t : terms) s.insert(t.term);
    return s;
  }
  std::vector<Collected> terms;
};

std::vector<std::string> texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t.text);
  return out;
}

std::vector<std::string> texts(std::string_view text) { return texts(analyzer().tokenize(text)); }

const Token* find_token(const std::vector<Token>& tokens, std::string_view text) {
  for (const auto& t : tokens) {
    if (t.text == text) return &t;
  }
  return nullptr;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    if (search::analysis::decode_utf8(s, i, len) == search::analysis::kReplacementChar &&
        s.substr(i, 3) != "\xEF\xBF\xBD")
      return false;
    i += len;
  }
  return true;
}

bool has_lexicon() { return analyzer().has_lexicon(); }

const std::string kOcrSeed =
    std::string(SEARCH_CORPUS_DIR) + "/seeds/norddjurs-omu-2023-09-12-faelles-strategi.ocr.txt";
const std::vector<std::string> kCleanSeeds = {
    "norddjurs-hu-2022-09-08-status-velfaerdsomraadet.pdf-extracted.txt",
    "norddjurs-hu-2022-11-09-afrapportering-socialomraadet.md",
    "norddjurs-oek-kb-2022-05-politisk-initiativ.txt",
    "norddjurs-vpu-2024-04-24-status-udviklingsproces.txt",
};

std::set<std::string> index_terms(std::string_view text, const Analyzer& a = analyzer()) {
  CollectingSink sink;
  a.index_text(text, "", 0, sink);
  return sink.term_set();
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Stemming

BOOST_AUTO_TEST_CASE(snowball_reference_vocabulary_stems_identically) {
  const auto voc = read_lines(std::string(SEARCH_TEST_DATA) + "/snowball-danish/voc.txt");
  const auto expected = read_lines(std::string(SEARCH_TEST_DATA) + "/snowball-danish/output.txt");
  BOOST_REQUIRE_EQUAL(voc.size(), 23832u);
  BOOST_REQUIRE_EQUAL(expected.size(), voc.size());
  std::size_t mismatches = 0;
  std::string stem;
  for (std::size_t i = 0; i < voc.size(); ++i) {
    search::analysis::raw_stem(voc[i], stem);
    if (stem != expected[i] && ++mismatches <= 10) {
      BOOST_ERROR("stem(" << voc[i] << ") = " << stem << ", expected " << expected[i]);
    }
  }
  BOOST_TEST(mismatches == 0u);
}

BOOST_AUTO_TEST_CASE(overrides_unify_decision_verbs_the_stemmer_splits) {
  const Analyzer& a = analyzer();
  // The raw stemmer splits these families (which is why the table exists).
  std::string raw1, raw2;
  search::analysis::raw_stem("godkendes", raw1);
  search::analysis::raw_stem("godkendt", raw2);
  BOOST_TEST(raw1 == "godk");
  BOOST_TEST(raw2 == "godkend");
  for (const char* w : {"godkendes", "godkendt", "godkende", "godkender", "godkendte"}) {
    BOOST_TEST(a.stem(w) == "godkend", w);
  }
  for (const char* w : {"tiltrådt", "tiltræder", "tiltrådte", "tiltræde"}) {
    BOOST_TEST(a.stem(w) == "tiltræd", w);
  }
  for (const char* w : {"udsat", "udsættes", "udsætte", "udsatte"}) {
    BOOST_TEST(a.stem(w) == "udsæt", w);
  }
  // Compounds ending in a table word follow it; a too short modifier does not.
  BOOST_TEST(a.stem("forhåndsgodkendes") == "forhåndsgodkend");
  // Applied on both sides: a query for "godkendes" matches an index of "godkendt".
  const auto doc = index_terms("Indstillingen blev godkendt");
  const auto q = a.query_terms("godkendes");
  BOOST_TEST(std::any_of(q.begin(), q.end(), [&](const auto& t) { return doc.count(t.term); }));
}

// ---------------------------------------------------------------------------------------
// Stop words

BOOST_AUTO_TEST_CASE(stopwords_are_the_snowball_danish_list) {
  const Analyzer& a = analyzer();
  for (const char* w : {"og", "i", "ikke", "mod", "over", "under", "efter", "på", "sådan", "været",
                        "skulle", "hendes"}) {
    BOOST_TEST(a.is_stopword(w), w);
  }
  for (const char* w : {"godkendt", "strategi", "kommune", "", "ikk", "ikkee"}) {
    BOOST_TEST(!a.is_stopword(w), w);
  }
}

BOOST_AUTO_TEST_CASE(stopwords_match_the_snowball_list_exactly) {
  // snowballstem.org/algorithms/danish/stop.txt, in its own order.
  const std::string list =
      "og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har "
      "om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad "
      "skal selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned "
      "skulle denne end dette mit også under have dig anden hende mine alt meget sit sine vor "
      "mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan";
  std::istringstream in(list);
  std::size_t n = 0;
  for (std::string w; in >> w; ++n) BOOST_TEST(analyzer().is_stopword(w), w);
  BOOST_TEST(n == 94u);
  // Words next to them in byte order are not (the lookup is a binary search).
  for (const char* w : {"a", "ab", "og ", "ogs", "på ", "sådanne", "været!", "æ", "øl"}) {
    BOOST_TEST(!analyzer().is_stopword(w), w);
  }
}

BOOST_AUTO_TEST_CASE(stopwords_stay_in_the_index_with_positions) {
  CollectingSink sink;
  analyzer().index_text("Forslaget blev ikke godkendt", "", 0, sink);
  std::map<std::string, std::uint32_t> surface;
  for (const auto& t : sink.terms) {
    if (t.kind == TermKind::kSurface) surface[t.term] = t.position;
  }
  BOOST_TEST(surface.at("blev") == 1u);
  BOOST_TEST(surface.at("ikke") == 2u);
  BOOST_TEST(surface.at("godkendt") == 3u);
}

// ---------------------------------------------------------------------------------------
// Tokenizer

BOOST_AUTO_TEST_CASE(words_are_lower_cased_including_danish_and_accented_letters) {
  BOOST_TEST(texts("ÆBLE Øre ÅEN Élan ÜBER Ÿ Ĳ") ==
                 (std::vector<std::string>{"æble", "øre", "åen", "élan", "über", "ÿ", "ĳ"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(decomposed_letters_are_composed) {
  // a + combining ring above, A + ring, e + acute, u + diaeresis, Angstrom sign.
  BOOST_TEST(texts("a\u030Arhus A\u030Ar cafe\u0301 u\u0308ber \u212Brhus") ==
                 (std::vector<std::string>{"århus", "år", "café", "über", "århus"}),
             boost::test_tools::per_element());
  // An uncomposable mark stays attached to its letter.
  BOOST_TEST(texts("q\u0301x") == (std::vector<std::string>{"q\u0301x"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(positions_and_byte_offsets_point_into_the_input) {
  const auto tokens = analyzer().tokenize("Hej  verden, på\tgensyn");
  BOOST_REQUIRE_EQUAL(tokens.size(), 4u);
  const std::uint32_t expected[][3] = {{0, 0, 3}, {1, 5, 11}, {2, 13, 16}, {3, 17, 23}};
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    BOOST_TEST(tokens[i].position == expected[i][0]);
    BOOST_TEST(tokens[i].begin == expected[i][1]);
    BOOST_TEST(tokens[i].end == expected[i][2]);
  }
}

BOOST_AUTO_TEST_CASE(numbers_keep_decimal_and_thousands_separators) {
  const auto tokens = analyzer().tokenize("1.000,50 og 15. november, 3,5");
  BOOST_TEST(texts(tokens) == (std::vector<std::string>{"1.000,50", "og", "15", "november", "3,5"}),
             boost::test_tools::per_element());
  BOOST_TEST((tokens[0].kind == TokenKind::kNumber));
  BOOST_TEST((tokens[3].kind == TokenKind::kWord));
}

BOOST_AUTO_TEST_CASE(case_numbers_are_single_tokens_followed_by_their_parts) {
  const auto tokens = analyzer().tokenize("Sag 22/6043 og EMN-2025-009242.");
  BOOST_TEST(
      texts(tokens) == (std::vector<std::string>{"sag", "22/6043", "22", "6043", "og",
                                                 "emn-2025-009242", "emn", "2025", "009242"}),
      boost::test_tools::per_element());
  BOOST_TEST((tokens[1].kind == TokenKind::kCaseNumber));
  BOOST_TEST(tokens[1].position == tokens[2].position);
  BOOST_TEST(tokens[1].begin == 4u);
  BOOST_TEST(tokens[1].end == 11u);
  BOOST_TEST((tokens[5].kind == TokenKind::kCaseNumber));
  BOOST_TEST(tokens[5].end == 30u);
  // Not case numbers: a fraction, a word with one number.
  BOOST_TEST(find_token(analyzer().tokenize("1/2 Covid-19"), "1/2") == nullptr);
  BOOST_TEST(texts("Covid-19") == (std::vector<std::string>{"covid", "19"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(dates_in_every_spelling_become_iso_dates) {
  for (const char* text : {"24-05-2022", "24.05.2022", "24/05/2022", "24.05.22", "2022-05-24",
                           "24. maj 2022", "24 maj 2022", "24. Maj 2022", "24. MAJ 2022"}) {
    const auto tokens = analyzer().tokenize(text);
    BOOST_REQUIRE_MESSAGE(!tokens.empty(), text);
    BOOST_TEST(tokens[0].text == "2022-05-24", text);
    BOOST_TEST((tokens[0].kind == TokenKind::kDate), text);
    BOOST_TEST(tokens[0].end == std::string_view(text).size(), text);
  }
  BOOST_TEST(texts("1. jan. 2023").front() == "2023-01-01");
  BOOST_TEST(texts("den 15. november 2022 blev")[1] == "2022-11-15");
  // Impossible or incomplete dates are only numbers and words.
  for (const char* text :
       {"32-05-2022", "24-13-2022", "30. februar 2022", "24. maj", "2023-2024"}) {
    for (const auto& t : analyzer().tokenize(text)) {
      BOOST_TEST((t.kind != TokenKind::kDate), text << " gave date " << t.text);
    }
  }
}

BOOST_AUTO_TEST_CASE(amounts_are_normalised_to_kroner) {
  const std::pair<const char*, const char*> cases[] = {
      {"0,5 mio. kr.", "500000kr"},    {"500.000 kr.", "500000kr"},
      {"kr. 1.250", "1250kr"},         {"2,5 mia. kroner", "2500000000kr"},
      {"12,50 kr", "12,5kr"},          {"1,2 mio.kr.", "1200000kr"},
      {"300 t.kr.", "300000kr"},       {"40 tkr.", "40000kr"},
      {"3 millioner kr", "3000000kr"},
  };
  for (const auto& [text, expected] : cases) {
    const auto tokens = analyzer().tokenize(text);
    BOOST_REQUIRE_MESSAGE(!tokens.empty(), text);
    BOOST_TEST(tokens[0].text == expected, text);
    BOOST_TEST((tokens[0].kind == TokenKind::kAmount), text);
  }
  // A number without a currency is no amount.
  for (const auto& t : analyzer().tokenize("0,5 mio. borgere")) {
    BOOST_TEST((t.kind != TokenKind::kAmount));
  }
}

BOOST_AUTO_TEST_CASE(paragraph_references_keep_section_and_subsection) {
  BOOST_TEST(texts("§17 stk. 4") == (std::vector<std::string>{"§17", "§17stk4", "17", "stk", "4"}),
             boost::test_tools::per_element());
  BOOST_TEST(texts("jf. § 17, stk. 4")[1] == "§17");
  BOOST_TEST(texts("jf. § 17, stk. 4")[2] == "§17stk4");
  BOOST_TEST(texts("§ 17a")[0] == "§17a");
  const auto tokens = analyzer().tokenize("efter §17 stk. 4");
  BOOST_TEST((tokens[1].kind == TokenKind::kParagraph));
  BOOST_TEST(tokens[1].position == 1u);
  BOOST_TEST(tokens[3].text == "17");
  BOOST_TEST(tokens[3].position == 1u);
  // A lone section sign is no token.
  BOOST_TEST(texts("§ og §§").size() == 1u);
}

BOOST_AUTO_TEST_CASE(mixed_scripts_form_words) {
  BOOST_TEST(texts("Москва Αθήνα 東京 café straße") ==
                 (std::vector<std::string>{"москва", "αθήνα", "東京", "café", "straße"}),
             boost::test_tools::per_element());
  // Punctuation and symbols of other blocks separate words.
  BOOST_TEST(texts("a\u2014b\u201Cc\u201D d\u00A0e €5") ==
                 (std::vector<std::string>{"a", "b", "c", "d", "e", "5"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ligatures_soft_hyphens_and_zero_width_characters_do_not_split_words) {
  BOOST_TEST(texts("\uFB01nansiering ud\u00ADvalg be\u200Bslutning") ==
                 (std::vector<std::string>{"finansiering", "udvalg", "beslutning"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced_and_separates_words) {
  BOOST_TEST(texts("ab\xFF\xFE"
                   "cd \xC3") == (std::vector<std::string>{"ab", "cd"}),
             boost::test_tools::per_element());
  // Overlong encoding of '/', a surrogate, a truncated sequence.
  BOOST_TEST(
      texts("x\xC0\xAFy \xED\xA0\x80z w\xE2\x82") == (std::vector<std::string>{"x", "y", "z", "w"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(random_bytes_never_crash_and_give_well_formed_tokens) {
  std::mt19937 rng(20260926);
  const std::string alphabet = "aæøå §/-.,0123456789 \xC3\xA5\xCC\x8A\xFF\xE2\x82\xAC-og kr mio.";
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 64);
    for (int i = 0; i < n; ++i) {
      text.push_back(rng() % 3 == 0 ? static_cast<char>(rng() % 256)
                                    : alphabet[rng() % alphabet.size()]);
    }
    const auto tokens = analyzer().tokenize(text);
    std::uint32_t last_position = 0;
    for (const auto& t : tokens) {
      BOOST_REQUIRE(t.begin < t.end);
      BOOST_REQUIRE(t.end <= text.size());
      BOOST_REQUIRE(t.position >= last_position);
      BOOST_REQUIRE(!t.text.empty());
      BOOST_REQUIRE(t.text.size() <= search::kMaxTokenBytes);
      BOOST_REQUIRE(valid_utf8(t.text));
      last_position = t.position;
    }
    CollectingSink sink;
    analyzer().index_text(text, "S", 7, sink);
    for (const auto& t : sink.terms) BOOST_REQUIRE(t.position >= 7u);
  }
}

BOOST_AUTO_TEST_CASE(random_plain_words_tokenize_like_a_whitespace_split) {
  // Reference: lower-cased ASCII words separated by spaces and punctuation.
  std::mt19937 rng(4711);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    std::vector<std::string> expected;
    const int words = 1 + static_cast<int>(rng() % 20);
    for (int w = 0; w < words; ++w) {
      std::string word;
      const int len = 1 + static_cast<int>(rng() % 12);
      for (int i = 0; i < len; ++i) word.push_back(static_cast<char>('a' + rng() % 26));
      expected.push_back(word);
      if (rng() % 2) word[0] = static_cast<char>(word[0] - 32);
      text += word;
      text += " ,;:!?()\n"[rng() % 9];
      if (rng() % 4 == 0) text += ' ';
    }
    std::vector<std::string> got;
    for (const auto& t : analyzer().tokenize(text)) got.push_back(t.text);
    BOOST_REQUIRE_MESSAGE(got == expected, text);
  }
}

BOOST_AUTO_TEST_CASE(a_one_megabyte_word_is_one_capped_token) {
  const std::string ascii(1 << 20, 'a');
  auto tokens = analyzer().tokenize(ascii + " slut");
  BOOST_REQUIRE_EQUAL(tokens.size(), 2u);
  BOOST_TEST(tokens[0].text == std::string(search::kMaxTokenBytes, 'a'));
  BOOST_TEST(tokens[0].end == ascii.size());
  BOOST_TEST(tokens[1].text == "slut");
  BOOST_TEST(tokens[1].position == 1u);
  // Two-byte letters are cut at a character boundary.
  std::string danish;
  for (int i = 0; i < (1 << 19); ++i) danish += "ø";
  tokens = analyzer().tokenize(danish);
  BOOST_REQUIRE_EQUAL(tokens.size(), 1u);
  BOOST_TEST(tokens[0].text.size() == search::kMaxTokenBytes);
  BOOST_TEST(valid_utf8(tokens[0].text));
  // And the whole pipeline copes (stemming, folding, decompounding of the capped token).
  CollectingSink sink;
  BOOST_TEST(analyzer().index_text(danish + " " + ascii, "", 0, sink) == 2u);
}

BOOST_AUTO_TEST_CASE(text_too_long_for_32_bit_positions_is_a_limit_error) {
  CollectingSink sink;
  const std::string text = "ord";
  BOOST_CHECK_EXCEPTION(
      analyzer().index_text(text, "", 0xFFFFFFFEu, sink), search::Error,
      [](const search::Error& e) { return e.code() == search::ErrorCode::kLimit; });
}

// ---------------------------------------------------------------------------------------
// Index terms

BOOST_AUTO_TEST_CASE(index_text_emits_surface_stem_fold_and_parts_with_field_prefix) {
  CollectingSink sink;
  const std::uint32_t end = analyzer().index_text("Fælles strategi", "S", 10, sink);
  BOOST_TEST(end == 12u);
  const auto terms = sink.term_set();
  for (const char* t : {"Sfælles", "ZSfæl", "FSf*ll*s", "Sstrategi", "ZSstrategi"}) {
    BOOST_TEST(terms.count(t) == 1u, t);
  }
  BOOST_TEST((sink.terms.front().kind == TermKind::kSurface));
  BOOST_TEST(sink.terms.front().position == 10u);
  // Stop words and short words get no fold.
  const auto short_terms = index_terms("på mad");
  BOOST_TEST(short_terms.count("Fp*") == 0u);
  BOOST_TEST(short_terms.count("Fm*d") == 0u);
}

BOOST_AUTO_TEST_CASE(options_turn_folding_and_decompounding_off) {
  AnalyzerOptions options;
  options.ocr_folding = false;
  options.decompound = false;
  const Analyzer plain(options);
  for (const auto& t : index_terms("Socialområdet Børne- og Ungdomsudvalget", plain)) {
    BOOST_TEST((t[0] != 'F' && t[0] != 'P'), t);
    BOOST_TEST(t != "børneudvalget");
  }
}

// ---------------------------------------------------------------------------------------
// Compounds

BOOST_AUTO_TEST_CASE(closed_compounds_split_against_the_lexicon) {
  if (!has_lexicon()) {
    BOOST_TEST_MESSAGE("no /usr/share/dict/danish: decompounding untested");
    return;
  }
  const Analyzer& a = analyzer();
  BOOST_TEST(a.compound_parts("socialområdet") == (std::vector<std::string>{"social", "området"}),
             boost::test_tools::per_element());
  BOOST_TEST(a.compound_parts("familieområdet") == (std::vector<std::string>{"familie", "området"}),
             boost::test_tools::per_element());
  BOOST_TEST(a.compound_parts("arbejdsmiljøet") == (std::vector<std::string>{"arbejd", "miljøet"}),
             boost::test_tools::per_element());
  BOOST_TEST(a.compound_parts("kommunalbestyrelsesmødet").size() >= 2u);
  // Prefixed words and short words are not compounds.
  for (const char* w : {"forslag", "udvalg", "strategi", "område", "bestemmelse", "ledelse",
                        "borgere", "godkendt", "kulturen", "etablering", "organisationen",
                        "forslaget", "indeholder", "præsenterede", "dialogen"}) {
    BOOST_TEST(a.compound_parts(w).empty(), w);
  }
}

BOOST_AUTO_TEST_CASE(a_compound_part_query_finds_the_compound) {
  if (!has_lexicon()) return;
  const auto doc = index_terms("Udviklingsprocessen på Socialområdet");
  auto matches = [&](const char* word) {
    for (const auto& t : analyzer().query_terms(word)) {
      if (doc.count(t.term)) return t.kind;
    }
    return TermKind::kSurface;  // sentinel below
  };
  BOOST_TEST(doc.count("Pområd") == 1u);
  BOOST_TEST((matches("område") == TermKind::kCompoundPart));
  BOOST_TEST((matches("områderne") == TermKind::kCompoundPart));
  // arbejdsmiljø finds arbejdsmiljøet through the stem, with a higher weight.
  const auto doc2 = index_terms("arbejdsmiljøet for medarbejdere");
  const auto q = analyzer().query_terms("arbejdsmiljø");
  BOOST_TEST(std::any_of(q.begin(), q.end(), [&](const auto& t) {
    return doc2.count(t.term) && t.weight == search::kStemWeight;
  }));
}

BOOST_AUTO_TEST_CASE(ocr_damaged_compounds_get_the_parts_of_the_repaired_word) {
  if (!has_lexicon()) return;
  // "omridet" is no word, but "området" is the only list word with its OCR fold.
  const auto doc = index_terms("Strategi pa Socialomridet");
  BOOST_TEST(doc.count("Psocial") == 1u);
  BOOST_TEST(doc.count("Pområd") == 1u);
  // So a query for "område" finds the scan through a compound part, as it finds clean text.
  const auto ocr = index_terms(read_file(kOcrSeed));
  const auto q = analyzer().query_terms("område");
  BOOST_TEST(std::any_of(q.begin(), q.end(), [&](const auto& t) {
    return t.kind == TermKind::kCompoundPart && ocr.count(t.term);
  }));
  // Words of the list and exact compounds are not "repaired".
  BOOST_TEST(index_terms("madet").count("Pmød") == 0u);
}

BOOST_AUTO_TEST_CASE(hyphenated_coordinations_are_expanded) {
  if (!has_lexicon()) return;
  const auto tokens = analyzer().tokenize("Børne- og Ungdomsudvalget mødes");
  const Token* expanded = find_token(tokens, "børneudvalget");
  BOOST_REQUIRE(expanded != nullptr);
  BOOST_TEST(expanded->position == 0u);
  BOOST_TEST(expanded->begin == 0u);
  BOOST_TEST(expanded->end == 26u);
  BOOST_TEST(find_token(tokens, "ungdomsudvalget")->position == 2u);
  BOOST_TEST(find_token(tokens, "mødes")->position == 3u);
  BOOST_TEST(find_token(analyzer().tokenize("social- og sundhedsudvalget"), "socialudvalget"));
  BOOST_TEST(find_token(analyzer().tokenize("Borne- og\n\nfamilieomradet"), "børneområdet") ==
             nullptr);  // OCR'd head: not in the lexicon, no expansion
  const auto three = analyzer().tokenize("Børne-, Unge- og Familieudvalget");
  BOOST_TEST(find_token(three, "børneudvalget"));
  BOOST_TEST(find_token(three, "ungeudvalget"));
  // A joining hyphen is no coordination.
  BOOST_TEST(texts("MED-systemet") == (std::vector<std::string>{"med", "systemet"}),
             boost::test_tools::per_element());
  // Positions stay in order when the expansion repeats a later word.
  std::uint32_t last = 0;
  for (const auto& t : analyzer().tokenize("Børne- og børneudvalget og Børne- og Ungeudvalget")) {
    BOOST_TEST(t.position >= last);
    last = t.position;
  }
}

BOOST_AUTO_TEST_CASE(a_missing_lexicon_disables_decompounding_gracefully) {
  AnalyzerOptions options;
  options.lexicon_path = "/nonexistent/dict/danish";
  const Analyzer a(options);
  BOOST_TEST(!a.has_lexicon());
  BOOST_TEST(a.compound_parts("socialområdet").empty());
  BOOST_TEST(a.ocr_suspicion("Fzelles strategi") == 0.0);
  const auto terms = index_terms("Børne- og Ungdomsudvalget på Socialområdet", a);
  BOOST_TEST(terms.count("socialområdet") == 1u);
  BOOST_TEST(terms.count("Zsocialområd") == 1u);
  BOOST_TEST(terms.count("børneudvalget") == 0u);
  for (const auto& t : terms) BOOST_TEST(t[0] != 'P');
}

// ---------------------------------------------------------------------------------------
// OCR tolerance

BOOST_AUTO_TEST_CASE(ocr_fold_meets_the_archive_misreadings) {
  using search::analysis::ocr_fold;
  auto fold = [](std::string_view w) {
    std::string out;
    ocr_fold(w, out);
    return out;
  };
  BOOST_TEST(fold("fælles") == "f*ll*s");
  for (const char* w : {"fzelles", "feelles", "falles", "felles"}) BOOST_TEST(fold(w) == "f*ll*s");
  for (const char* w : {"socialomridet", "socialomradet", "socialomrédet"}) {
    BOOST_TEST(fold(w) == fold("socialområdet"), w);
  }
  for (const char* w : {"borne", "berne", "barne"}) BOOST_TEST(fold(w) == fold("børne"));
  BOOST_TEST(fold("omréadet") == fold("området"));
  BOOST_TEST(fold("kommunalbestyrelsesmadet") == fold("kommunalbestyrelsesmødet"));
  // Invalid bytes (only possible through the public Analyzer::fold) widen to U+FFFD safely.
  BOOST_TEST(fold("\xFF\xFF\xFF") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  BOOST_TEST(analyzer().fold("þórr") == "th*rr");
}

BOOST_AUTO_TEST_CASE(every_title_word_of_the_ocr_item_finds_it) {
  const auto doc = index_terms(read_file(kOcrSeed));
  const std::string title =
      "Fælles langsigtet strategi på Socialområdet og Børne- og familieområdet";
  std::size_t content_words = 0;
  for (const auto& token : analyzer().tokenize(title)) {
    if (analyzer().is_stopword(token.text) || token.text == "børneområdet") continue;
    ++content_words;
    std::string matched;
    for (const auto& t : analyzer().query_terms(token.text)) {
      if (doc.count(t.term)) {
        matched = t.term;
        break;
      }
    }
    BOOST_TEST(!matched.empty(), token.text << " does not find the OCR'd item");
    BOOST_TEST_MESSAGE("title word " << token.text << " matches via " << matched);
  }
  BOOST_TEST(content_words == 6u);
}

BOOST_AUTO_TEST_CASE(ocr_recall_over_hand_checked_misreadings) {
  // Correct word -> how the OCR'd item spells it (read off the scan by hand).
  const std::pair<const char*, const char*> pairs[] = {
      {"fælles", "fzelles"},
      {"socialområdet", "socialomridet"},
      {"børne", "borne"},
      {"familieområdet", "familieomradet"},
      {"området", "omréadet"},
      {"kommunalbestyrelsesmødet", "kommunalbestyrelsesmadet"},
      {"undersøgelse", "underseogelse"},
      {"gennemført", "gennemfort"},
      {"række", "reekke"},
      {"forlængelse", "forlengelse"},
      {"tydeliggør", "tydeliggor"},
      {"følge", "folge"},
      {"understøttelse", "understottelse"},
      {"tværgående", "tveergdende"},
      {"chefområder", "chefomrdder"},
      {"chefområde", "chefomrade"},
      {"påbegyndt", "pabegyndt"},
      {"medarbejderrepræsentanter", "medarbejderreprasentanter"},
      {"afsæt", "afsaet"},
      {"trækker", "traekker"},
      {"målsætninger", "malsatninger"},
      {"efterfølgende", "efterfelgende"},
      {"efteråret", "efteraret"},
      {"iværksattes", "ivaerksattes"},
      {"udmønte", "udmente"},
      {"iværksættelse", "iverksattelse"},
      {"udsættes", "udsettes"},
      {"øvrige", "ovrige"},
      {"igangværende", "igangvarende"},
      {"sammenhæng", "sammenhzeng"},
      {"fagområder", "fagomrader"},
      {"økonomiske", "okonomiske"},
      {"drøftes", "droftes"},
      {"bemærkning", "bemerkning"},
      {"omsættes", "omsettes"},
      {"fraværende", "fravarende"},
      {"nøgleord", "negleord"},
      {"afholdes", "aftholdes"},
      {"drøftet", "droftet"},
      {"familiechef", "familiechef"},
  };
  const std::string text = read_file(kOcrSeed);
  const auto doc = index_terms(text);
  // The query layer's second chance: OCR-confusion edit distance against the dictionary
  // (here the item's own word tokens).
  std::vector<std::string_view> dictionary;
  for (const auto& t : doc) {
    if (!t.empty() && static_cast<unsigned char>(t[0]) >= 'a') dictionary.push_back(t);
  }
  std::size_t found = 0, expanded = 0, total = 0;
  for (const auto& [correct, scanned] : pairs) {
    BOOST_REQUIRE_MESSAGE(doc.count(scanned) == 1u, scanned << " is not in the OCR'd item");
    ++total;
    bool hit = false;
    for (const auto& t : analyzer().query_terms(correct)) hit = hit || doc.count(t.term) > 0;
    if (hit) {
      ++found;
      continue;
    }
    const auto repaired = analyzer().ocr_expand(correct, dictionary);
    BOOST_TEST_MESSAGE("OCR recall miss: " << correct << " (scanned " << scanned
                                           << "), ocr_expand: "
                                           << (repaired.empty() ? "-" : repaired[0].term));
    if (!repaired.empty()) ++expanded;
  }
  BOOST_TEST_MESSAGE("OCR recall: index terms " << found << "/" << total << ", with ocr_expand "
                                                << found + expanded << "/" << total);
  BOOST_TEST(found * 100 >= total * 85);
  BOOST_TEST((found + expanded) * 100 >= total * 95);
}

BOOST_AUTO_TEST_CASE(folded_terms_rarely_match_unrelated_clean_words) {
  // Over the vocabulary of the four clean seeds: a word falsely matches when its fold
  // equals the fold of another word of that vocabulary with a different stem (so the F term
  // would bring in a document that neither the surface nor the stem matches).
  std::set<std::string> vocabulary;
  for (const auto& name : kCleanSeeds) {
    for (const auto& t :
         analyzer().tokenize(read_file(std::string(SEARCH_CORPUS_DIR) + "/seeds/" + name))) {
      if (t.kind == TokenKind::kWord) vocabulary.insert(t.text);
    }
  }
  std::map<std::string, std::set<std::string>> stems_by_fold;
  for (const auto& w : vocabulary) {
    for (const auto& q : analyzer().query_terms(w)) {
      if (q.kind == TermKind::kFolded) stems_by_fold[q.term].insert(analyzer().stem(w));
    }
  }
  std::size_t false_matches = 0;
  for (const auto& w : vocabulary) {
    for (const auto& q : analyzer().query_terms(w)) {
      if (q.kind == TermKind::kFolded && stems_by_fold[q.term].size() > 1) {
        ++false_matches;
        BOOST_TEST_MESSAGE("fold collision: " << w << " ~ " << q.term);
      }
    }
  }
  // Document level: a clean seed matched by a word's F term but by none of its exact, stem
  // or part terms.
  std::vector<std::set<std::string>> docs;
  for (const auto& name : kCleanSeeds) {
    docs.push_back(index_terms(read_file(std::string(SEARCH_CORPUS_DIR) + "/seeds/" + name)));
  }
  std::size_t false_docs = 0, fold_docs = 0;
  for (const auto& w : vocabulary) {
    for (const auto& d : docs) {
      bool by_fold = false, legit = false;
      for (const auto& q : analyzer().query_terms(w)) {
        if (!d.count(q.term)) continue;
        (q.kind == TermKind::kFolded ? by_fold : legit) = true;
      }
      fold_docs += by_fold;
      false_docs += by_fold && !legit;
    }
  }
  BOOST_TEST_MESSAGE("(word, clean seed) pairs matched by the fold: "
                     << fold_docs << ", by the fold alone: " << false_docs << " of "
                     << vocabulary.size() * docs.size());
  const double rate = static_cast<double>(false_matches) / static_cast<double>(vocabulary.size());
  BOOST_TEST_MESSAGE("clean vocabulary " << vocabulary.size() << " words, folded false matches "
                                         << false_matches << " (" << rate * 100 << "%)");
  BOOST_TEST(rate < 0.05);
}

BOOST_AUTO_TEST_CASE(ocr_suspicion_separates_the_scan_from_clean_minutes) {
  if (!has_lexicon()) return;
  const double ocr = analyzer().ocr_suspicion(read_file(kOcrSeed));
  BOOST_TEST_MESSAGE("ocr_suspicion of the OCR'd item: " << ocr);
  for (const auto& name : kCleanSeeds) {
    const double clean =
        analyzer().ocr_suspicion(read_file(std::string(SEARCH_CORPUS_DIR) + "/seeds/" + name));
    BOOST_TEST_MESSAGE("ocr_suspicion of " << name << ": " << clean);
    BOOST_TEST(clean < ocr, name);
  }
  BOOST_TEST(analyzer().ocr_suspicion("") == 0.0);
}

BOOST_AUTO_TEST_CASE(ocr_expand_finds_misreadings_in_a_dictionary) {
  const std::vector<std::string_view> dictionary = {"socialomridet", "socialomradet", "sociale",
                                                    "socialområdet", "fzelles",       "social"};
  const auto terms = analyzer().ocr_expand("Socialområdet", dictionary, "S");
  BOOST_REQUIRE_EQUAL(terms.size(), 2u);
  // å->i and å->a both cost 0.3: equal weights keep the dictionary's order.
  BOOST_TEST(terms[0].term == "Ssocialomridet");
  BOOST_TEST(terms[1].term == "Ssocialomradet");
  BOOST_TEST(terms[0].weight < search::kFoldedWeight);
  BOOST_TEST(search::analysis::ocr_distance("fælles", "fzelles") <= 1.0);
  BOOST_TEST(search::analysis::ocr_distance("fælles", "fælles") == 0.0);
  BOOST_TEST(search::analysis::ocr_distance("mødet", "rådet") > 1.0);
}

// ---------------------------------------------------------------------------------------
// Query terms

BOOST_AUTO_TEST_CASE(query_terms_are_weighted_exact_over_stem_over_part_and_fold) {
  const auto terms = analyzer().query_terms("Strategien", "S");
  BOOST_REQUIRE(terms.size() >= 3u);
  BOOST_TEST(terms[0].term == "Sstrategien");
  BOOST_TEST(terms[0].weight == search::kSurfaceWeight);
  BOOST_TEST(terms[1].term == "ZSstrategi");
  BOOST_TEST(terms[1].weight == search::kStemWeight);
  for (const auto& t : terms) BOOST_TEST(t.position == 0u);
  BOOST_TEST(search::kSurfaceWeight > search::kStemWeight);
  BOOST_TEST(search::kStemWeight > search::kCompoundPartWeight);
  BOOST_TEST(search::kCompoundPartWeight >= search::kFoldedWeight);
}

BOOST_AUTO_TEST_CASE(a_composite_query_word_is_one_exact_term) {
  for (const auto& [word, term] : std::vector<std::pair<std::string, std::string>>{
           {"22/6043", "22/6043"}, {"24-05-2022", "2022-05-24"}, {"§17", "§17"}}) {
    const auto terms = analyzer().query_terms(word);
    BOOST_REQUIRE_EQUAL(terms.size(), 1u);
    BOOST_TEST(terms[0].term == term);
  }
  const auto phrase = analyzer().query_terms("MED-systemet");
  BOOST_TEST(phrase.front().term == "med");
  BOOST_TEST(phrase.back().position == 1u);
}

// ---------------------------------------------------------------------------------------
// Threads

BOOST_AUTO_TEST_CASE(one_analyzer_serves_several_threads) {
  const std::string text =
      read_file(kOcrSeed) + read_file(std::string(SEARCH_CORPUS_DIR) + "/seeds/" + kCleanSeeds[0]);
  CollectingSink reference;
  analyzer().index_text(text, "", 0, reference);
  std::vector<CollectingSink> sinks(4);
  std::vector<std::thread> threads;
  for (auto& sink : sinks) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        sink.terms.clear();
        analyzer().index_text(text, "", 0, sink);
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& sink : sinks) {
    BOOST_REQUIRE_EQUAL(sink.terms.size(), reference.terms.size());
    for (std::size_t i = 0; i < sink.terms.size(); ++i) {
      BOOST_REQUIRE(sink.terms[i].term == reference.terms[i].term);
      BOOST_REQUIRE(sink.terms[i].position == reference.terms[i].position);
    }
  }
}
