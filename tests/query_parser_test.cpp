#define BOOST_TEST_MODULE query_parser
#include <boost/test/unit_test.hpp>

#include <search/error.h>
#include <search/query.h>

#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

using search::parse_query;
using search::QueryError;
using search::QueryNode;
using search::QueryOp;
using search::QueryParserOptions;
using search::TextField;

namespace {

std::string canon(const std::string& query) { return search::to_string(parse_query(query)); }

struct Failure {
  std::size_t position;
  std::string message;
};

// The error parse_query throws for `query`; fails the test if it parses.
Failure failure(const std::string& query, const QueryParserOptions& options = {}) {
  try {
    const QueryNode tree = parse_query(query, options);
    BOOST_ERROR("expected an error for '" << query << "', got " << search::to_string(tree));
  } catch (const QueryError& error) {
    BOOST_TEST(error.query().size() == query.size());
    return {error.position(), error.what()};
  }
  return {std::string::npos, ""};
}

#define CHECK_ERROR(query, expected_position, expected_text)                              \
  do {                                                                                    \
    const Failure f = failure(query);                                                     \
    BOOST_TEST(f.position == std::size_t{expected_position}, "position for " << (query)); \
    BOOST_TEST(f.message.find(expected_text) != std::string::npos,                        \
               "message '" << f.message << "' lacks '" << (expected_text) << "'");        \
  } while (false)

// True when `a` and `b` mean the same query: everything but byte offsets and the as-typed
// text of field filters.
bool same_meaning(const QueryNode& a, const QueryNode& b) {
  if (a.op != b.op || a.children.size() != b.children.size()) return false;
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    if (!same_meaning(a.children[i], b.children[i])) return false;
  }
  switch (a.op) {
    case QueryOp::kTerm:
    case QueryOp::kPrefix:
    case QueryOp::kPhrase:
      return a.text == b.text && a.field == b.field;
    case QueryOp::kCommittee:
    case QueryOp::kRoute:
      return a.committee == b.committee;
    case QueryOp::kCase:
      return a.case_number == b.case_number;
    case QueryOp::kDate:
      return a.days == b.days;
    case QueryOp::kYear:
      return a.years == b.years;
    case QueryOp::kOutcome:
      return a.outcome == b.outcome;
    case QueryOp::kAccess:
      return a.access_open == b.access_open;
    default:
      return true;
  }
}

// The shape parse_query promises (search/query.h), and offsets that lie in the query.
void check_invariants(const QueryNode& node, const std::string& query, bool is_root) {
  BOOST_TEST(node.begin <= node.end);
  BOOST_TEST(node.end <= query.size());
  if (is_root) BOOST_TEST((node.op != QueryOp::kNot));
  switch (node.op) {
    case QueryOp::kAnd:
    case QueryOp::kOr: {
      BOOST_TEST(node.children.size() >= 2);
      bool has_positive = false;
      for (const QueryNode& child : node.children) {
        BOOST_TEST(child.begin >= node.begin);
        BOOST_TEST(child.end <= node.end);
        BOOST_TEST((child.op != node.op));
        if (node.op == QueryOp::kOr) BOOST_TEST((child.op != QueryOp::kNot));
        has_positive = has_positive || child.op != QueryOp::kNot;
        check_invariants(child, query, false);
      }
      BOOST_TEST(has_positive);
      return;
    }
    case QueryOp::kNot:
      BOOST_TEST(node.children.size() == 1u);
      BOOST_TEST((node.children.front().op != QueryOp::kNot));
      BOOST_TEST(node.children.front().begin >= node.begin);
      BOOST_TEST(node.children.front().end <= node.end);
      check_invariants(node.children.front(), query, false);
      return;
    case QueryOp::kTerm:
    case QueryOp::kPrefix:
    case QueryOp::kPhrase:
      BOOST_TEST(!node.text.empty());
      BOOST_TEST(query.compare(node.text_begin, node.text.size(), node.text) == 0);
      return;
    default:
      BOOST_TEST(node.children.empty());
      BOOST_TEST(node.text_begin + node.text.size() <= query.size());
      return;
  }
}

// 2022-05-24 is 19,136 days after 1970-01-01: 52 years of which 13 leap years (1972..2020)
// give 18,993 days to 2022-01-01, then 31 + 28 + 31 + 30 = 120 days to May 1 and 23 more.
constexpr std::int32_t kJan1st2022 = 52 * 365 + 13;
constexpr std::int32_t kMay24th2022 = kJan1st2022 + 120 + 23;
constexpr std::int32_t kDec31st2022 = kJan1st2022 + 364;

}  // namespace

// ---- words, phrases, operators ------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_single_word_keeps_its_text_and_byte_offsets) {
  const QueryNode tree = parse_query("Socialområdet");
  BOOST_TEST((tree.op == QueryOp::kTerm));
  BOOST_TEST(tree.text == "Socialområdet");  // not lower-cased, not stemmed
  BOOST_TEST((tree.field == TextField::kAll));
  BOOST_TEST(tree.begin == 0u);
  BOOST_TEST(tree.end == 14u);  // 13 characters, "å" is two bytes
  BOOST_TEST(tree.text_begin == 0u);
}

BOOST_AUTO_TEST_CASE(words_side_by_side_are_anded) {
  const QueryNode tree = parse_query("socialområdet  borgere");
  BOOST_TEST((tree.op == QueryOp::kAnd));
  BOOST_REQUIRE(tree.children.size() == 2u);
  BOOST_TEST(tree.children[1].text == "borgere");
  BOOST_TEST(tree.children[1].begin == 16u);
  BOOST_TEST(tree.begin == 0u);
  BOOST_TEST(tree.end == 23u);
  BOOST_TEST(canon("socialområdet  borgere") == "socialområdet borgere");
  BOOST_TEST(canon("a AND b") == "a b");
}

BOOST_AUTO_TEST_CASE(a_phrase_keeps_what_stands_between_the_quotes) {
  const QueryNode tree = parse_query("x \"psykisk arbejdsmiljø\"");
  BOOST_REQUIRE(tree.children.size() == 2u);
  const QueryNode& phrase = tree.children[1];
  BOOST_TEST((phrase.op == QueryOp::kPhrase));
  BOOST_TEST(phrase.text == "psykisk arbejdsmiljø");
  BOOST_TEST(phrase.begin == 2u);
  BOOST_TEST(phrase.text_begin == 3u);
  BOOST_TEST(phrase.end == 3u + 21u + 1u);  // "arbejdsmiljø" has one two-byte letter
}

BOOST_AUTO_TEST_CASE(danish_and_english_typographic_quotes_make_phrases) {
  const QueryNode danish = parse_query("„psykisk arbejdsmiljø“");
  BOOST_TEST((danish.op == QueryOp::kPhrase));
  BOOST_TEST(danish.text == "psykisk arbejdsmiljø");
  BOOST_TEST(danish.text_begin == 3u);  // „ is three bytes
  BOOST_TEST(canon("“a b”") == "\"a b\"");
  BOOST_TEST(canon("\"a „b\"") == "\"a „b\"");  // „ only opens
}

BOOST_AUTO_TEST_CASE(or_is_written_or_or_bar) {
  for (const char* query : {"borgere OR pårørende", "borgere | pårørende", "borgere|pårørende"}) {
    const QueryNode tree = parse_query(query);
    BOOST_TEST((tree.op == QueryOp::kOr), query);
    BOOST_TEST(search::to_string(tree) == "borgere OR pårørende");
  }
  // Lower-case "or" is a word.
  BOOST_TEST((parse_query("borgere or pårørende").op == QueryOp::kAnd));
}

BOOST_AUTO_TEST_CASE(not_is_written_not_or_minus) {
  for (const char* query : {"borgere -lukket", "borgere NOT lukket"}) {
    const QueryNode tree = parse_query(query);
    BOOST_REQUIRE(tree.children.size() == 2u);
    BOOST_TEST((tree.children[1].op == QueryOp::kNot));
    BOOST_TEST(tree.children[1].begin == 8u);
    BOOST_TEST(tree.children[1].children.front().text == "lukket");
    BOOST_TEST(search::to_string(tree) == "borgere -lukket");
  }
  BOOST_TEST(canon("a-b") == "a-b");  // a hyphen inside a word is part of it
  BOOST_TEST(canon("Børne- og Ungdomsudvalget") == "Børne- og Ungdomsudvalget");
}

BOOST_AUTO_TEST_CASE(not_binds_tighter_than_and_which_binds_tighter_than_or) {
  BOOST_TEST(canon("a b OR c") == "a b OR c");
  const QueryNode left = parse_query("a b OR c");
  BOOST_TEST((left.op == QueryOp::kOr));
  BOOST_TEST((left.children[0].op == QueryOp::kAnd));
  const QueryNode right = parse_query("a OR b c");
  BOOST_TEST((right.op == QueryOp::kOr));
  BOOST_TEST((right.children[1].op == QueryOp::kAnd));
  const QueryNode negated = parse_query("-a b");
  BOOST_TEST((negated.op == QueryOp::kAnd));
  BOOST_TEST((negated.children[0].op == QueryOp::kNot));
  BOOST_TEST(canon("a AND b OR c AND d") == "a b OR c d");
  BOOST_TEST(canon("a -b OR c") == "a -b OR c");
  BOOST_TEST(canon("x NOT a OR b") == "x -a OR b");
}

BOOST_AUTO_TEST_CASE(parentheses_override_precedence) {
  const QueryNode tree = parse_query("(a OR b) c");
  BOOST_TEST((tree.op == QueryOp::kAnd));
  BOOST_TEST((tree.children[0].op == QueryOp::kOr));
  BOOST_TEST(search::to_string(tree) == "(a OR b) c");
  BOOST_TEST(canon("c -(a OR b)") == "c -(a OR b)");
  BOOST_TEST(canon("c NOT (a b)") == "c -(a b)");
  BOOST_TEST(canon("(a OR b) (c OR d)") == "(a OR b) (c OR d)");
}

BOOST_AUTO_TEST_CASE(nested_groups_of_one_operator_are_flattened) {
  BOOST_TEST(canon("(a b) (c d)") == "a b c d");
  BOOST_TEST(parse_query("(a b) (c d)").children.size() == 4u);
  BOOST_TEST(canon("a OR (b OR (c | d))") == "a OR b OR c OR d");
  BOOST_TEST(parse_query("a OR (b OR (c | d))").children.size() == 4u);
  BOOST_TEST(canon("((a))") == "a");
  BOOST_TEST(canon("(a b) OR c") == "a b OR c");
}

BOOST_AUTO_TEST_CASE(double_negation_cancels) {
  BOOST_TEST(canon("x NOT NOT a") == "x a");
  BOOST_TEST(canon("x --a") == "x a");
  BOOST_TEST(canon("x NOT -a") == "x a");
  BOOST_TEST(canon("x ---a") == "x -a");
}

BOOST_AUTO_TEST_CASE(a_trailing_star_makes_a_prefix_wildcard) {
  const QueryNode tree = parse_query("område*");
  BOOST_TEST((tree.op == QueryOp::kPrefix));
  BOOST_TEST(tree.text == "område");
  BOOST_TEST(tree.end == 8u);
  BOOST_TEST(canon("område*") == "område*");
  BOOST_TEST((parse_query("øk*").op == QueryOp::kPrefix));          // two characters, three bytes
  BOOST_TEST((parse_query("\"område*\"").op == QueryOp::kPhrase));  // literal inside quotes
}

BOOST_AUTO_TEST_CASE(colons_after_non_letters_are_part_of_the_word) {
  BOOST_TEST(canon("kl. 14:00") == "kl. 14:00");
  BOOST_TEST(canon(":x") == ":x");
}

BOOST_AUTO_TEST_CASE(no_break_spaces_and_newlines_separate_words) {
  BOOST_TEST(canon("a\xC2\xA0"
                   "b\n\tc\r\nd") == "a b c d");
}

// ---- field filters ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(committee_filter_resolves_abbreviations_and_full_names) {
  for (const char* query : {"udvalg:KB", "committee:KB", "UDVALG:kb", "Udvalg:Kommunalbestyrelsen",
                            "committee:\"Kommunalbestyrelsen\""}) {
    const QueryNode tree = parse_query(query);
    BOOST_TEST((tree.op == QueryOp::kCommittee), query);
    BOOST_TEST(tree.committee.resolved, query);
    BOOST_TEST(tree.committee.name == "Kommunalbestyrelsen", query);
    BOOST_TEST(tree.committee.abbrev == "KB", query);
    BOOST_TEST(search::to_string(tree) == "udvalg:KB", query);
  }
  const QueryNode quoted = parse_query("committee:\"Voksen- og Plejeudvalget\"");
  BOOST_TEST(quoted.committee.abbrev == "VPU");
  BOOST_TEST(quoted.text == "Voksen- og Plejeudvalget");
  BOOST_TEST(quoted.text_begin == 11u);
  BOOST_TEST(quoted.end == 36u);
}

BOOST_AUTO_TEST_CASE(an_unquoted_committee_name_with_spaces_takes_the_words_that_complete_it) {
  const QueryNode tree = parse_query("udvalg:Voksen- og Plejeudvalget");
  BOOST_TEST((tree.op == QueryOp::kCommittee));
  BOOST_TEST(tree.committee.abbrev == "VPU");
  BOOST_TEST(tree.text == "Voksen- og Plejeudvalget");
  BOOST_TEST(tree.end == 31u);
  const QueryNode followed = parse_query("route:Børne- og Ungdomsudvalget budget");
  BOOST_REQUIRE(followed.children.size() == 2u);
  BOOST_TEST(followed.children[0].committee.abbrev == "BUU");
  BOOST_TEST(followed.children[1].text == "budget");
  BOOST_TEST(followed.children[1].begin ==
             33u);  // "route:" 6, "Børne- og Ungdomsudvalget" 26, a space
  // A known committee takes no more words, and an unknown one none that do not complete it.
  BOOST_TEST(canon("udvalg:KB og budget") == "udvalg:KB og budget");
  BOOST_TEST(canon("udvalg:Fisk og vildt") == "udvalg:Fisk og vildt");
  BOOST_TEST(canon("udvalg:Voksen- OR Plejeudvalget") == "udvalg:Voksen- OR Plejeudvalget");
}

BOOST_AUTO_TEST_CASE(an_unknown_committee_keeps_the_value_as_typed) {
  const QueryNode tree = parse_query("udvalg:\"Fiskeri  udvalget\"");
  BOOST_TEST(!tree.committee.resolved);
  BOOST_TEST(tree.committee.name == "Fiskeri udvalget");
  BOOST_TEST(tree.committee.abbrev.empty());
  BOOST_TEST(search::to_string(tree) == "udvalg:\"Fiskeri udvalget\"");
  QueryParserOptions raw;
  raw.resolve_committees = false;
  const QueryNode unresolved = parse_query("udvalg:KB", raw);
  BOOST_TEST(!unresolved.committee.resolved);
  BOOST_TEST(unresolved.committee.name == "KB");
}

BOOST_AUTO_TEST_CASE(route_filter_in_danish_and_english) {
  for (const char* query : {"sagsgang:HU", "route:hu", "ROUTE:Hovedudvalget"}) {
    const QueryNode tree = parse_query(query);
    BOOST_TEST((tree.op == QueryOp::kRoute), query);
    BOOST_TEST(tree.committee.abbrev == "HU", query);
    BOOST_TEST(search::to_string(tree) == "sagsgang:HU", query);
  }
}

BOOST_AUTO_TEST_CASE(case_filter_lower_cases_the_number) {
  const QueryNode tree = parse_query("sag:22/6043");
  BOOST_TEST((tree.op == QueryOp::kCase));
  BOOST_TEST(tree.case_number == "22/6043");
  const QueryNode english = parse_query("case:EMN-2025-009242");
  BOOST_TEST(english.case_number == "emn-2025-009242");
  BOOST_TEST(english.text == "EMN-2025-009242");
  BOOST_TEST(search::to_string(english) == "sag:emn-2025-009242");
  BOOST_TEST(canon("sagsnr:23/7776") == "sag:23/7776");
}

BOOST_AUTO_TEST_CASE(date_filter_accepts_iso_and_danish_day_order) {
  for (const char* query : {"dato:2022-05-24", "date:24-05-2022", "dato:24.05.2022",
                            "dato:24/5/2022", "DATO:2022-5-24"}) {
    const QueryNode tree = parse_query(query);
    BOOST_TEST((tree.op == QueryOp::kDate), query);
    BOOST_TEST((tree.days.first == kMay24th2022), query);
    BOOST_TEST((tree.days.last == kMay24th2022), query);
    BOOST_TEST(search::to_string(tree) == "dato:2022-05-24", query);
  }
  BOOST_TEST((parse_query("dato:1970-01-01").days.first == 0));
  BOOST_TEST((parse_query("dato:1969-12-31").days.first == -1));
  BOOST_TEST((parse_query("dato:2024-02-29").days.first.has_value()));
}

BOOST_AUTO_TEST_CASE(date_ranges_may_be_open_at_either_end) {
  const QueryNode closed = parse_query("dato:2022-01-01..2022-12-31");
  BOOST_TEST((closed.days.first == kJan1st2022));
  BOOST_TEST((closed.days.last == kDec31st2022));
  const QueryNode until = parse_query("dato:..2022-12-31");
  BOOST_TEST(!until.days.first.has_value());
  BOOST_TEST((until.days.last == kDec31st2022));
  const QueryNode since = parse_query("date:2022-01-01..");
  BOOST_TEST((since.days.first == kJan1st2022));
  BOOST_TEST(!since.days.last.has_value());
  BOOST_TEST(search::to_string(closed) == "dato:2022-01-01..2022-12-31");
  BOOST_TEST(search::to_string(until) == "dato:..2022-12-31");
  BOOST_TEST(search::to_string(since) == "dato:2022-01-01..");
  BOOST_TEST(canon("dato:01-01-2022..31-12-2022") == "dato:2022-01-01..2022-12-31");
}

BOOST_AUTO_TEST_CASE(a_month_or_a_year_as_a_date_covers_all_its_days) {
  const QueryNode month = parse_query("dato:2022-05");
  BOOST_TEST((month.days.first == kJan1st2022 + 120));
  BOOST_TEST((month.days.last == kJan1st2022 + 120 + 30));
  BOOST_TEST(canon("dato:2022") == "dato:2022-01-01..2022-12-31");
  BOOST_TEST(canon("dato:2022-02..2022-03") == "dato:2022-02-01..2022-03-31");
  BOOST_TEST(canon("dato:2024-02") == "dato:2024-02-01..2024-02-29");
}

BOOST_AUTO_TEST_CASE(year_filter_accepts_every_spelling_of_its_name) {
  for (const char* query : {"år:2022", "ÅR:2022", "År:2022", "aar:2022", "AAR:2022", "year:2022",
                            "a\xCC\x8Ar:2022" /* å decomposed */}) {
    const QueryNode tree = parse_query(query);
    BOOST_TEST((tree.op == QueryOp::kYear), query);
    BOOST_TEST((tree.years.first == 2022), query);
    BOOST_TEST((tree.years.last == 2022), query);
    BOOST_TEST(search::to_string(tree) == "år:2022", query);
  }
  const QueryNode range = parse_query("år:2020..2022");
  BOOST_TEST((range.years.first == 2020));
  BOOST_TEST((range.years.last == 2022));
  BOOST_TEST(canon("year:..2021") == "år:..2021");
  BOOST_TEST(canon("year:2020..") == "år:2020..");
  BOOST_TEST(canon("år:2022..2022") == "år:2022");
}

BOOST_AUTO_TEST_CASE(outcome_filter_accepts_danish_ascii_spaced_and_english_names) {
  using search::Outcome;
  const std::vector<std::pair<const char*, Outcome>> cases = {
      {"beslutning:godkendt", Outcome::kGodkendt},
      {"outcome:approved", Outcome::kGodkendt},
      {"beslutning:Godkendt", Outcome::kGodkendt},
      {"beslutning:tiltrådt", Outcome::kTiltraadt},
      {"beslutning:TILTRÅDT", Outcome::kTiltraadt},
      {"beslutning:tiltraadt", Outcome::kTiltraadt},
      {"beslutning:taget_til_efterretning", Outcome::kTagetTilEfterretning},
      {"beslutning:\"taget til efterretning\"", Outcome::kTagetTilEfterretning},
      {"outcome:\"Taget  til efterretning\"", Outcome::kTagetTilEfterretning},
      {"outcome:noted", Outcome::kTagetTilEfterretning},
      {"beslutning:drøftet", Outcome::kDroeftet},
  };
  for (const auto& [query, outcome] : cases) {
    const QueryNode tree = parse_query(query);
    BOOST_TEST((tree.op == QueryOp::kOutcome), query);
    BOOST_TEST((tree.outcome == outcome), query);
  }
  BOOST_TEST(canon("outcome:\"taget til efterretning\"") == "beslutning:taget_til_efterretning");
  BOOST_TEST(canon("beslutning:tiltraadt") == "beslutning:tiltrådt");
}

BOOST_AUTO_TEST_CASE(title_filter_takes_a_word_a_phrase_or_a_wildcard) {
  const QueryNode word = parse_query("titel:strategi");
  BOOST_TEST((word.op == QueryOp::kTerm));
  BOOST_TEST((word.field == TextField::kTitle));
  BOOST_TEST(word.text == "strategi");
  BOOST_TEST(word.text_begin == 6u);
  const QueryNode phrase = parse_query("title:\"psykisk arbejdsmiljø\"");
  BOOST_TEST((phrase.op == QueryOp::kPhrase));
  BOOST_TEST((phrase.field == TextField::kTitle));
  BOOST_TEST(phrase.text_begin == 7u);
  const QueryNode prefix = parse_query("TITEL:strat*");
  BOOST_TEST((prefix.op == QueryOp::kPrefix));
  BOOST_TEST((prefix.field == TextField::kTitle));
  BOOST_TEST(prefix.text == "strat");
  BOOST_TEST(search::to_string(prefix) == "titel:strat*");
  BOOST_TEST(canon("title:\"a b\"") == "titel:\"a b\"");
}

BOOST_AUTO_TEST_CASE(access_filter_reads_open_and_closed_in_both_languages) {
  for (const char* query :
       {"adgang:åben", "access:open", "adgang:Åben", "adgang:aaben", "adgang:\"Åben Sag\""}) {
    const QueryNode tree = parse_query(query);
    BOOST_TEST((tree.op == QueryOp::kAccess), query);
    BOOST_TEST(tree.access_open, query);
  }
  for (const char* query : {"adgang:lukket", "access:closed", "adgang:\"Lukket Sag\""}) {
    BOOST_TEST(!parse_query(query).access_open, query);
  }
  BOOST_TEST(canon("access:closed") == "adgang:lukket");
}

BOOST_AUTO_TEST_CASE(a_field_applies_to_a_parenthesised_group) {
  const QueryNode tree = parse_query("udvalg:(KB OR ØK)");
  BOOST_TEST((tree.op == QueryOp::kOr));
  BOOST_TEST(tree.children[1].committee.name == "Økonomiudvalget");
  BOOST_TEST(search::to_string(tree) == "udvalg:KB OR udvalg:ØK");
  BOOST_TEST(canon("titel:(strategi -plan)") == "titel:strategi -titel:plan");
  BOOST_TEST(canon("år:(2020 OR 2022) x") == "(år:2020 OR år:2022) x");
  // A group's span covers its parentheses and field name; its leaves keep their own.
  const QueryNode grouped = parse_query("udvalg:(KB OR ØK) x");
  BOOST_TEST(grouped.children[0].begin == 0u);
  BOOST_TEST(grouped.children[0].end == 18u);
  BOOST_TEST(grouped.children[0].children[0].begin == 8u);
  BOOST_TEST(grouped.children[0].children[0].end == 10u);
  BOOST_TEST(grouped.begin == 0u);
  BOOST_TEST(grouped.end == 20u);
}

BOOST_AUTO_TEST_CASE(filters_combine_with_words_and_operators) {
  const std::string query = "socialområdet arbejdsmiljø udvalg:KB år:2022";
  const QueryNode tree = parse_query(query);
  BOOST_REQUIRE(tree.children.size() == 4u);
  BOOST_TEST((tree.children[2].op == QueryOp::kCommittee));
  BOOST_TEST(tree.children[2].begin == 29u);
  BOOST_TEST(tree.children[2].end == 38u);
  BOOST_TEST(tree.children[2].text_begin == 36u);
  BOOST_TEST((tree.children[3].op == QueryOp::kYear));
  BOOST_TEST(canon("borgere -udvalg:KB") == "borgere -udvalg:KB");
  BOOST_TEST(canon("(udvalg:KB OR sagsgang:KB) beslutning:godkendt") ==
             "(udvalg:KB OR sagsgang:KB) beslutning:godkendt");
}

BOOST_AUTO_TEST_CASE(a_filter_alone_is_a_query) {
  BOOST_TEST((parse_query("udvalg:KB").op == QueryOp::kCommittee));
  BOOST_TEST(canon("udvalg:KB -beslutning:godkendt") == "udvalg:KB -beslutning:godkendt");
}

// ---- errors ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(unbalanced_parentheses_point_at_the_lonely_one) {
  CHECK_ERROR("(a b", 0, "unbalanced '('");
  CHECK_ERROR("x (a (b)", 2, "unbalanced '('");
  CHECK_ERROR("a b)", 3, "unbalanced ')'");
  CHECK_ERROR("a)", 1, "unbalanced ')'");
  CHECK_ERROR("()", 0, "empty parentheses");
  CHECK_ERROR("a ( )", 2, "empty parentheses");
  CHECK_ERROR("udvalg:(KB", 7, "unbalanced '('");
}

BOOST_AUTO_TEST_CASE(unterminated_quote_points_at_the_opening_mark) {
  CHECK_ERROR("\"abc", 0, "unterminated quote");
  CHECK_ERROR("a \"b c", 2, "unterminated quote");
  CHECK_ERROR("a „b c", 2, "unterminated quote");
  CHECK_ERROR("udvalg:\"KB", 7, "unterminated quote");
}

BOOST_AUTO_TEST_CASE(unknown_field_suggests_the_nearest_known_one) {
  CHECK_ERROR("borgere udvalgt:KB", 8, "unknown field 'udvalgt:'; did you mean 'udvalg:'?");
  CHECK_ERROR("commitee:KB", 0, "did you mean 'committee:'?");
  CHECK_ERROR("Tittle:x", 0, "did you mean 'title:'?");
  CHECK_ERROR("Titl:x", 0, "did you mean 'titel:'?");  // a tie goes to the Danish name
  CHECK_ERROR("ÅRR:2022", 0, "did you mean 'år:'?");
  CHECK_ERROR("ar:2022", 0, "did you mean 'år:'?");
  CHECK_ERROR("datum:2022", 0, "did you mean 'dato:'?");
  CHECK_ERROR("fisk:hest", 0, "unknown field 'fisk:'; known fields: udvalg/committee");
}

BOOST_AUTO_TEST_CASE(empty_field_value_points_after_the_colon) {
  CHECK_ERROR("udvalg:", 7, "empty value for field 'udvalg:'");
  CHECK_ERROR("udvalg: KB", 7, "empty value for field 'udvalg:'");
  CHECK_ERROR("(Committee:)", 11, "empty value for field 'Committee:'");
  CHECK_ERROR("udvalg:\"\"", 8, "empty value");
  CHECK_ERROR("sag:\"  \"", 5, "empty value");
  CHECK_ERROR("titel:", 6, "empty value");
  CHECK_ERROR("titel:\"\"", 0, "empty phrase");
  CHECK_ERROR("a \" \"", 2, "empty phrase");
}

BOOST_AUTO_TEST_CASE(bad_dates_point_at_the_date) {
  CHECK_ERROR("dato:hest", 5, "bad date 'hest'");
  CHECK_ERROR("dato:2022-13-01", 5, "no such month");
  CHECK_ERROR("dato:2022-02-30", 5, "no such day");
  CHECK_ERROR("dato:2023-02-29", 5, "no such day");
  CHECK_ERROR("dato:24-05-22", 5, "bad date");
  CHECK_ERROR("dato:2022-05-24-01", 5, "bad date");
  CHECK_ERROR("dato:2022-05.24", 5, "bad date");
  CHECK_ERROR("dato:2022-01-01..hest", 17, "bad date 'hest'");
}

BOOST_AUTO_TEST_CASE(bad_ranges_are_refused) {
  CHECK_ERROR("dato:2022-01-01..2021-01-01", 5, "start date is after the end date");
  CHECK_ERROR("dato:..", 5, "give at least one end");
  CHECK_ERROR("dato:2020..2021..2022", 15, "bad range");
  CHECK_ERROR("år:2022..2020", 4, "first year is after the last year");
  CHECK_ERROR("år:22", 4, "bad year '22'");
  CHECK_ERROR("år:2022..hest", 10, "bad year 'hest'");
  CHECK_ERROR("year:..", 5, "give at least one end");
}

BOOST_AUTO_TEST_CASE(only_exclusions_is_refused) {
  CHECK_ERROR("-a", 0, "nothing to search for besides the exclusion '-a'");
  CHECK_ERROR("NOT a", 0, "besides the exclusion");
  CHECK_ERROR("-a -b", 0, "besides the exclusion");
  CHECK_ERROR("a OR -b", 5, "besides the exclusion");
  CHECK_ERROR("a (-b)", 3, "besides the exclusion");
  CHECK_ERROR("-udvalg:KB", 0, "besides the exclusion");
}

BOOST_AUTO_TEST_CASE(dangling_operators_are_named) {
  CHECK_ERROR("a OR", 2, "'OR' needs something to search for on its right, found end of query");
  CHECK_ERROR("a |", 2, "'|' needs something to search for on its right");
  CHECK_ERROR("OR a", 0, "'OR' needs something to search for on its left");
  CHECK_ERROR("a OR OR b", 2, "found 'OR'");
  CHECK_ERROR("(a OR) b", 3, "'OR' needs something to search for on its right, found ')'");
  CHECK_ERROR("a AND", 2, "'AND' needs something to search for on its right");
  CHECK_ERROR("AND a", 0, "'AND' needs something to search for on its left");
  CHECK_ERROR("a NOT", 2, "'NOT' must be followed");
  CHECK_ERROR("a - b", 2, "'-' must be directly followed");
  CHECK_ERROR("a -", 2, "'-' must be directly followed");
}

BOOST_AUTO_TEST_CASE(misplaced_wildcards_are_refused) {
  CHECK_ERROR("a*", 0, "wildcard 'a*' needs at least 2 characters");
  CHECK_ERROR("x å*", 2, "wildcard 'å*' needs at least 2 characters");
  CHECK_ERROR("*", 0, "needs at least 2 characters");
  CHECK_ERROR("om*råde", 2, "'*' is allowed only at the end of a word");
  CHECK_ERROR("område**", 7, "'*' is allowed only at the end");
  CHECK_ERROR("udvalg:K*", 8, "wildcards are allowed in words and titel: only");
}

BOOST_AUTO_TEST_CASE(bad_keyword_values_list_the_known_ones) {
  CHECK_ERROR("beslutning:maybe", 11,
              "unknown outcome 'maybe'; known outcomes: godkendt, tiltrådt");
  CHECK_ERROR("adgang:halvåben", 7, "unknown access 'halvåben'");
}

BOOST_AUTO_TEST_CASE(empty_query_is_an_error) {
  CHECK_ERROR("", 0, "empty query");
  CHECK_ERROR("  \n ", 0, "empty query");
}

BOOST_AUTO_TEST_CASE(a_field_inside_a_field_group_is_refused) {
  CHECK_ERROR("udvalg:(KB sag:1)", 11, "inside the group of field 'udvalg:'");
}

BOOST_AUTO_TEST_CASE(bad_bytes_are_refused_at_their_offset) {
  CHECK_ERROR(std::string("ab\xFF"
                          "cd"),
              2, "invalid UTF-8");
  CHECK_ERROR(std::string("å\xC3"), 2, "invalid UTF-8");          // truncated sequence
  CHECK_ERROR(std::string("a\xC0\xAF"), 1, "invalid UTF-8");      // overlong '/'
  CHECK_ERROR(std::string("a\xED\xA0\x80"), 1, "invalid UTF-8");  // surrogate
  CHECK_ERROR(std::string("a\x01"
                          "b"),
              1, "control character U+0001");
  CHECK_ERROR(std::string("a\0b", 3), 1, "control character U+0000");
}

BOOST_AUTO_TEST_CASE(error_pointer_shows_the_query_and_a_caret) {
  try {
    parse_query("borgere udvalgt:KB");
    BOOST_ERROR("no error");
  } catch (const QueryError& error) {
    BOOST_TEST(error.pointer() == "borgere udvalgt:KB\n        ^");
    BOOST_TEST((error.code() == search::ErrorCode::kQuery));
  }
}

// ---- limits ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_query_longer_than_the_limit_is_refused_before_parsing) {
  const std::string at_limit = std::string(64 * 1024 - 1, 'a') + " ";
  BOOST_TEST((parse_query(at_limit).op == QueryOp::kTerm));
  CHECK_ERROR(at_limit + "b", 64 * 1024, "longer than the limit of 65536 bytes");
  const std::string megabyte = std::string(1 << 20, '(');  // would nest a million levels
  CHECK_ERROR(megabyte, 64 * 1024, "limit");
}

BOOST_AUTO_TEST_CASE(a_megabyte_query_parses_in_linear_time_when_the_limits_allow_it) {
  QueryParserOptions options;
  options.max_query_bytes = 2 << 20;
  options.max_terms = 1 << 20;
  std::string query;
  std::size_t words = 0;
  for (; query.size() < (1u << 20); ++words)
    query += (words % 7 == 3 ? "OR w" : "w") + std::to_string(words % 1000) + " ";
  const QueryNode tree = parse_query(query, options);
  BOOST_TEST((tree.op == QueryOp::kOr));
  std::size_t leaves = 0;
  for (const QueryNode& side : tree.children)
    leaves += side.children.empty() ? 1 : side.children.size();
  BOOST_TEST(leaves == words);
}

BOOST_AUTO_TEST_CASE(more_terms_than_the_limit_is_refused_at_the_first_one_too_many) {
  std::string query;
  for (int i = 0; i < 1024; ++i) query += "ab ";
  BOOST_TEST(parse_query(query).children.size() == 1024u);
  CHECK_ERROR(query + "udvalg:KB", 1024 * 3, "more than 1024 terms");
}

BOOST_AUTO_TEST_CASE(nesting_deeper_than_the_limit_is_refused_without_recursing) {
  const std::string deepest = std::string(64, '(') + "a" + std::string(64, ')');
  BOOST_TEST(canon(deepest) == "a");
  CHECK_ERROR(std::string(65, '(') + "a" + std::string(65, ')'), 64,
              "nested deeper than the limit of 64");
  CHECK_ERROR(std::string(1000, '(') + "a" + std::string(1000, ')'), 64, "nested deeper");
  QueryParserOptions options;
  options.max_query_bytes = 4 << 20;
  const std::string huge = std::string(1 << 20, '(') + "a" + std::string(1 << 20, ')');
  try {
    parse_query(huge, options);
    BOOST_ERROR("no error");
  } catch (const QueryError& error) {
    BOOST_TEST(error.position() == 64u);
  }
  // Alternating groups build a tree three levels deep per parenthesis; still bounded.
  std::string alternating;
  for (int i = 0; i < 64; ++i) alternating += "x OR (y -(";
  alternating += "z";
  for (int i = 0; i < 64; ++i) alternating += "))";
  // The 65th '(' is the first one of the 33rd "x OR (y -(": 32 * 10 + 5 bytes in.
  CHECK_ERROR(alternating, 325, "nested deeper than the limit");
}

BOOST_AUTO_TEST_CASE(long_chains_of_negations_do_not_recurse) {
  BOOST_TEST(canon("x " + std::string(30000, '-') + "a") == "x a");
  BOOST_TEST(canon("x " + std::string(30001, '-') + "a") == "x -a");
}

BOOST_AUTO_TEST_CASE(limits_come_from_the_options) {
  QueryParserOptions options;
  options.max_terms = 2;
  options.max_depth = 1;
  options.min_prefix_chars = 4;
  BOOST_TEST(parse_query("a (b)", options).children.size() == 2u);
  BOOST_CHECK_THROW(parse_query("a b c", options), QueryError);
  BOOST_CHECK_THROW(parse_query("((a))", options), QueryError);
  BOOST_CHECK_THROW(parse_query("abc*", options), QueryError);
  BOOST_TEST((parse_query("abcd*", options).op == QueryOp::kPrefix));
}

// ---- printer round trips ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(canonical_text_parses_back_to_the_same_query) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"socialområdet borgere", "socialområdet borgere"},
      {"\"psykisk arbejdsmiljø\"", "\"psykisk arbejdsmiljø\""},
      {"borgere OR pårørende -lukket", "borgere OR pårørende -lukket"},
      {"(borgere | pårørende) NOT lukket", "(borgere OR pårørende) -lukket"},
      {"udvalg:KB committee:\"Voksen- og Plejeudvalget\"", "udvalg:KB udvalg:VPU"},
      {"sag:22/6043 OR case:22/6043", "sag:22/6043 OR sag:22/6043"},
      {"dato:2022-05-24 dato:2022-01-01..2022-12-31 år:2022",
       "dato:2022-05-24 dato:2022-01-01..2022-12-31 år:2022"},
      {"beslutning:godkendt outcome:godkendt", "beslutning:godkendt beslutning:godkendt"},
      {"titel:strategi område*", "titel:strategi område*"},
      {"-(a OR b) c d", "-(a OR b) c d"},
      {"a AND (b OR (c AND d))", "a (b OR c d)"},
      {"x -(y -z)", "x -(y -z)"},
      {"udvalg:\"(x\"", "udvalg:\"(x\""},
      {"sag:\"a*\"", "sag:\"a*\""},
      {"udvalg:\"Vole::strat*t\"", "udvalg:\"Vole::strat*t\""},  // found by fuzzing
      {"sag:\"a b\"", "sag:\"a b\""},
      {"titel:\"a*\"", "titel:\"a*\""},
      {"titel:AND", "titel:AND"},
      {"titel:-x", "titel:-x"},
      {"adgang:Åben access:closed", "adgang:åben adgang:lukket"},
  };
  for (const auto& [query, expected] : cases) {
    const QueryNode tree = parse_query(query);
    const std::string printed = search::to_string(tree);
    BOOST_TEST(printed == expected, query);
    const QueryNode again = parse_query(printed);
    BOOST_TEST(same_meaning(tree, again), query);
    BOOST_TEST(search::to_string(again) == printed, query);
  }
}

BOOST_AUTO_TEST_CASE(explain_shows_resolved_values_and_offsets) {
  const std::string text = search::explain(parse_query("borgere udvalg:kb dato:2022-05-24"));
  BOOST_TEST(text ==
             "AND  @0..33\n"
             "  TERM \"borgere\"  @0..7\n"
             "  COMMITTEE Kommunalbestyrelsen (KB)  @8..17\n"
             "  DATE 2022-05-24 (days 19136)  @18..33\n");
  BOOST_TEST(search::iso_date(kMay24th2022) == "2022-05-24");
  BOOST_TEST(search::iso_date(-1) == "1969-12-31");
}

// ---- randomized ------------------------------------------------------------------------------

namespace {

// parse_query either returns a well-formed tree whose canonical text round-trips, or throws
// a QueryError pointing inside the query (or just past its end, for "nothing after this").
void check_any_input(const std::string& query, const QueryParserOptions& options = {}) {
  try {
    const QueryNode tree = parse_query(query, options);
    check_invariants(tree, query, true);
    const std::string printed = search::to_string(tree);
    const QueryNode again = parse_query(printed, options);
    BOOST_TEST(same_meaning(tree, again),
               "round trip of '" << query << "' via '" << printed << "'");
  } catch (const QueryError& error) {
    BOOST_TEST(error.position() <= query.size(), "position for '" << query << "'");
    BOOST_TEST(std::string(error.what()).size() > 0u);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(random_bytes_give_a_tree_or_a_positioned_error) {
  std::mt19937 rng(20221115);
  std::uniform_int_distribution<int> length(0, 40);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> printable(0x20, 0x7E);
  for (int i = 0; i < 20000; ++i) {
    std::string query;
    const int n = length(rng);
    const bool ascii = i % 2 == 0;  // printable ASCII reaches the parser past the UTF-8 check
    for (int j = 0; j < n; ++j) query += static_cast<char>(ascii ? printable(rng) : byte(rng));
    check_any_input(query);
  }
}

BOOST_AUTO_TEST_CASE(random_token_soup_gives_a_tree_or_a_positioned_error) {
  const std::vector<std::string> tokens = {
      "a",
      "ab",
      "borgere",
      "Socialområdet",
      "OR",
      "AND",
      "NOT",
      "or",
      "|",
      "-",
      "(",
      ")",
      "\"",
      "„",
      "“",
      "”",
      "*",
      "om*",
      "områd*",
      ":",
      "x:y",
      "14:00",
      "udvalg:",
      "udvalg:KB",
      "committee:\"Voksen- og Plejeudvalget\"",
      "udvalg:(",
      "sagsgang:HU",
      "sag:22/6043",
      "dato:2022-05-24",
      "dato:..2022-12-31",
      "date:24-05-2022..",
      "dato:2022-02-30",
      "..",
      "år:2022",
      "ÅR:2020..2022",
      "aar:",
      "beslutning:godkendt",
      "outcome:\"taget til efterretning\"",
      "titel:",
      "titel:strat*",
      "title:\"a b\"",
      "adgang:lukket",
      "\xC2\xA0",
      "é",
      "-a",
      "--",
      "\"a b\"",
      "fisk:hest",
  };
  std::mt19937 rng(5);
  std::uniform_int_distribution<std::size_t> pick(0, tokens.size() - 1);
  std::uniform_int_distribution<int> count(1, 12);
  for (int i = 0; i < 20000; ++i) {
    std::string query;
    const int n = count(rng);
    for (int j = 0; j < n; ++j) {
      if (j > 0 && rng() % 3 != 0) query += ' ';
      query += tokens[pick(rng)];
    }
    check_any_input(query);
  }
}

namespace {

// A random valid tree, built together with a query text written independently of
// to_string: full parentheses, random spacing and random operator spellings.
struct Generated {
  std::string text;
  QueryNode tree;
};

struct LeafSample {
  std::string text;
  std::function<void(QueryNode&)> expect;
};

std::vector<LeafSample> leaf_samples() {
  auto term = [](std::string text, QueryOp op, TextField field) {
    return [=](QueryNode& n) {
      n.op = op;
      n.text = text;
      n.field = field;
    };
  };
  return {
      {"borgere", term("borgere", QueryOp::kTerm, TextField::kAll)},
      {"Arbejdsmiljø", term("Arbejdsmiljø", QueryOp::kTerm, TextField::kAll)},
      {"områd*", term("områd", QueryOp::kPrefix, TextField::kAll)},
      {"\"psykisk arbejdsmiljø\"", term("psykisk arbejdsmiljø", QueryOp::kPhrase, TextField::kAll)},
      {"titel:plan", term("plan", QueryOp::kTerm, TextField::kTitle)},
      {"title:\"a b\"", term("a b", QueryOp::kPhrase, TextField::kTitle)},
      {"udvalg:økonomiudvalget",
       [](QueryNode& n) {
         n.op = QueryOp::kCommittee;
         n.committee = {"Økonomiudvalget", "ØK", true};
       }},
      {"route:KB",
       [](QueryNode& n) {
         n.op = QueryOp::kRoute;
         n.committee = {"Kommunalbestyrelsen", "KB", true};
       }},
      {"case:EMN-1",
       [](QueryNode& n) {
         n.op = QueryOp::kCase;
         n.case_number = "emn-1";
       }},
      {"date:24-05-2022..",
       [](QueryNode& n) {
         n.op = QueryOp::kDate;
         n.days.first = kMay24th2022;
       }},
      {"year:2021..2022",
       [](QueryNode& n) {
         n.op = QueryOp::kYear;
         n.years = {2021, 2022};
       }},
      {"beslutning:approved",
       [](QueryNode& n) {
         n.op = QueryOp::kOutcome;
         n.outcome = search::Outcome::kGodkendt;
       }},
      {"access:closed",
       [](QueryNode& n) {
         n.op = QueryOp::kAccess;
         n.access_open = false;
       }},
  };
}

class TreeGenerator {
 public:
  explicit TreeGenerator(unsigned seed) : rng_(seed), samples_(leaf_samples()) {}

  Generated positive(int depth) {
    const unsigned choice = depth <= 0 ? 0 : rng_() % 3;
    if (choice == 0) return leaf();
    return choice == 1 ? conjunction(depth) : disjunction(depth);
  }

 private:
  std::string space() { return rng_() % 4 == 0 ? "  " : " "; }

  Generated leaf() {
    const LeafSample& sample = samples_[rng_() % samples_.size()];
    Generated g{sample.text, {}};
    sample.expect(g.tree);
    return g;
  }

  // An operand of AND: positive, or a negation of a positive.
  Generated and_operand(int depth) {
    Generated inner = positive(depth - 1);
    const bool group = inner.tree.op == QueryOp::kAnd || inner.tree.op == QueryOp::kOr;
    if (group || rng_() % 2 == 0) inner.text = "(" + inner.text + ")";
    if (rng_() % 3 != 0) return inner;
    Generated negated{(rng_() % 2 == 0 ? "NOT " : "-") + inner.text, {}};
    negated.tree.op = QueryOp::kNot;
    negated.tree.children.push_back(std::move(inner.tree));
    return negated;
  }

  Generated conjunction(int depth) {
    Generated g{"", {}};
    g.tree.op = QueryOp::kAnd;
    const int n = 2 + static_cast<int>(rng_() % 3);
    bool has_positive = false;
    for (int i = 0; i < n; ++i) {
      Generated child = and_operand(depth);
      if (i == n - 1 && !has_positive && child.tree.op == QueryOp::kNot) {
        child = leaf();  // keep at least one positive operand
      }
      has_positive = has_positive || child.tree.op != QueryOp::kNot;
      if (i > 0) g.text += rng_() % 2 == 0 ? space() : space() + "AND" + space();
      g.text += child.text;
      splice(g.tree, std::move(child.tree));
    }
    return g;
  }

  Generated disjunction(int depth) {
    Generated g{"", {}};
    g.tree.op = QueryOp::kOr;
    const int n = 2 + static_cast<int>(rng_() % 3);
    for (int i = 0; i < n; ++i) {
      Generated child = positive(depth - 1);
      if (i > 0) g.text += rng_() % 2 == 0 ? space() + "OR" + space() : "|";
      g.text += "(" + child.text + ")";
      splice(g.tree, std::move(child.tree));
    }
    return g;
  }

  static void splice(QueryNode& parent, QueryNode child) {
    if (child.op != parent.op) {
      parent.children.push_back(std::move(child));
      return;
    }
    for (QueryNode& grandchild : child.children) parent.children.push_back(std::move(grandchild));
  }

  std::mt19937 rng_;
  std::vector<LeafSample> samples_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(random_trees_written_out_parse_back_to_the_same_tree) {
  TreeGenerator generator(42);
  for (int i = 0; i < 3000; ++i) {
    const Generated g = generator.positive(4);
    const QueryNode parsed = parse_query(g.text);
    BOOST_TEST(same_meaning(parsed, g.tree),
               "query: " << g.text << "\nparsed: " << search::to_string(parsed));
    check_invariants(parsed, g.text, true);
    BOOST_TEST(same_meaning(parse_query(search::to_string(parsed)), parsed), g.text);
  }
}
