// The query language: parsing a query string into a tree, and printing the tree back.
//
//   socialområdet borgere                  words, ANDed
//   "psykisk arbejdsmiljø"                 phrase (also „…“ and “…”)
//   borgere OR pårørende   a | b           OR
//   -lukket   NOT lukket                   NOT
//   (a OR b) c                             grouping
//   område*                                prefix wildcard (at least 2 characters before *)
//   udvalg:KB  committee:"Voksen- og Plejeudvalget"   sagsgang:HU  route:HU
//   (unquoted, a committee value the table does not know takes up to five following words
//   when they complete a known name: udvalg:Voksen- og Plejeudvalget)
//   sag:22/6043  case:EMN-2025-009242
//   dato:2022-05-24  date:24-05-2022  dato:2022-01-01..2022-12-31  dato:..2022-12-31
//   dato:2022-05 (a month)  dato:2022 (a year)
//   år:2022  aar:2020..2022  year:2021..
//   beslutning:godkendt  outcome:"taget til efterretning"  outcome:approved
//   titel:strategi  title:"psykisk arbejdsmiljø"  titel:strat*
//   adgang:åben  access:closed
//
// Precedence, tightest first: NOT / '-', then AND (explicit or implied by juxtaposition),
// then OR. Operators are the upper-case words AND, OR, NOT (lower-case "or" is a word) and
// the symbols '|' (OR) and a leading '-' (NOT). Field names are case-insensitive ("ÅR:",
// "Udvalg:") and come in Danish and English.
//
// The parser does no linguistic work: words keep the text the user typed (the planner runs
// them through the Analyzer so that query and index agree) together with byte offsets into
// the query, for error messages and highlighting. Field values are normalised here: dates
// to day numbers, outcomes to search::Outcome, committees to their canonical name and
// abbreviation, case numbers to lower case.
//
// Parsing is O(length of the query). Everything here is a plain value type; the functions
// are pure and may be called from any number of threads at once.
#pragma once

#include <search/export.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <search/record.h>

namespace search {

// What a QueryNode is. Operators have children; every other kind is a leaf.
enum class QueryOp : std::uint8_t {
  kAnd,        // all children match; >= 2 children, at least one of them not kNot
  kOr,         // any child matches; >= 2 children, none of them kNot
  kNot,        // exactly 1 child; only ever a child of kAnd (never the root, never under kOr)
  kTerm,       // a word: `text` as typed, in `field`
  kPrefix,     // a wildcard `text*`: `text` is the prefix without the '*', in `field`
  kPhrase,     // a quoted phrase: `text` is what stood between the quotes, in `field`
  kCommittee,  // udvalg:/committee: a committee that made a decision on the item
  kRoute,      // sagsgang:/route: a committee on the item's route
  kCase,       // sag:/case: a case number
  kDate,       // dato:/date: a decision date in `days`
  kYear,       // år:/aar:/year: a decision year in `years`
  kOutcome,    // beslutning:/outcome: a normalised outcome
  kAccess,     // adgang:/access: open or closed item
};

// The text field a word, prefix or phrase is searched in.
enum class TextField : std::uint8_t {
  kAll,    // the whole body (title included), no field prefix in the index
  kTitle,  // titel:/title:, the "S" field prefix of docs/terms.md
};

// An inclusive range of days, each counted from 1970-01-01 (= day 0) in the proleptic
// Gregorian calendar, as the index's date column stores them. A missing end is open.
// At least one end is present.
struct DayRange {
  std::optional<std::int32_t> first;
  std::optional<std::int32_t> last;
  bool operator==(const DayRange&) const = default;
};

// An inclusive range of calendar years; a missing end is open. At least one end is present.
struct YearRange {
  std::optional<std::int32_t> first;
  std::optional<std::int32_t> last;
  bool operator==(const YearRange&) const = default;
};

// A committee named in a filter. When the committee table knows the name or abbreviation,
// `resolved` is true and `name`/`abbrev` are its canonical spellings ("Kommunalbestyrelsen",
// "KB"; `abbrev` may still be empty for a committee without one). Otherwise `resolved` is
// false, `name` is the value as typed and `abbrev` is empty: the executor then matches the
// index's lower-cased-name form of unknown committees (docs/terms.md, prefix XC).
struct CommitteeRef {
  std::string name;
  std::string abbrev;
  bool resolved = false;
  bool operator==(const CommitteeRef&) const = default;
};

// One node of a parsed query. A fat value type rather than a class hierarchy so that the
// executor can switch on `op`; only the members listed for an op are meaningful, the others
// keep their defaults.
struct QueryNode {
  QueryOp op = QueryOp::kTerm;

  // Byte range [begin, end) of the node in the query: for a leaf the whole construct
  // including field name, quotes and '*'; for kNot from the NOT/'-' to the end of its
  // operand; for kAnd/kOr from the first child's begin to the last child's end.
  std::size_t begin = 0;
  std::size_t end = 0;

  // kAnd, kOr, kNot.
  std::vector<QueryNode> children;

  // Every leaf: the value as typed, without field name, quotes or trailing '*'
  // ("Socialområdet", "psykisk arbejdsmiljø", "22/6043", "2022-01-01..2022-12-31"), and the
  // byte offset in the query where that text starts (so text_begin + i is the offset of
  // text[i]). kPhrase text is never empty but may hold only punctuation; the planner decides
  // what a text that analyses to no token means.
  std::string text;
  std::size_t text_begin = 0;

  // kTerm, kPrefix, kPhrase.
  TextField field = TextField::kAll;

  // kCommittee, kRoute.
  CommitteeRef committee;

  // kCase: the case number lower-cased (ASCII), as the XK terms store it: "emn-2025-009242".
  std::string case_number;

  // kDate.
  DayRange days;

  // kYear.
  YearRange years;

  // kOutcome. Never kUkendt unless the user asked for beslutning:ukendt.
  Outcome outcome = Outcome::kUkendt;

  // kAccess: true for åben/open, false for lukket/closed.
  bool access_open = true;

  bool operator==(const QueryNode&) const = default;
};

struct QueryParserOptions {
  // Longest query accepted, in bytes. A longer query is refused before any parsing.
  std::size_t max_query_bytes = 64 * 1024;
  // Most leaves (words, prefixes, phrases and field filters) in one query.
  std::size_t max_terms = 1024;
  // Deepest nesting of parentheses; bounds the parser's recursion and the tree's depth.
  std::size_t max_depth = 64;
  // Fewest characters (code points, not bytes) before a trailing '*'.
  std::size_t min_prefix_chars = 2;
  // Resolve udvalg:/sagsgang: values through the committee table (search/committees.h).
  // Off leaves `resolved` false and `name` as typed.
  bool resolve_committees = true;
};

// Parses `query`.
// Returns the root of the tree: never kNot, and (recursively) no kAnd or kOr has a child of
// the same op (groups are flattened), no group has a single child, and double negation is
// removed.
// Throws search::QueryError, whose position() is the byte offset of the fault and whose
// message names the token, when the query is malformed (unbalanced parenthesis or quote,
// unknown field, empty or invalid field value, bad date or range, only exclusions, a
// dangling operator, invalid UTF-8, a control character, ...) or exceeds a limit of
// `options` (the message then says "limit").
SEARCH_EXPORT QueryNode parse_query(std::string_view query, const QueryParserOptions& options = {});

// The canonical text of a tree: Danish field names, normalised values (udvalg:KB, ISO
// dates, beslutning:taget_til_efterretning), implicit AND, " OR ", a leading '-' for NOT,
// parentheses only where precedence needs them. parse_query(to_string(t)) gives back a tree
// equal to `t` except for byte offsets. Precondition: `t` has the shape parse_query returns.
SEARCH_EXPORT std::string to_string(const QueryNode& tree);

// A multi-line, indented view of the tree with resolved values and byte ranges, for
// `search-query --explain` and for debugging.
SEARCH_EXPORT std::string explain(const QueryNode& tree);

// "2022-05-24" for the day number 19136 (see DayRange).
SEARCH_EXPORT std::string iso_date(std::int32_t day);

}  // namespace search
