#include "query/query_fields.h"

#include "query/committee_lookup.h"
#include "query/query_text.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <string>
#include <vector>

namespace search::query_internal {
namespace {

struct FieldName {
  std::string_view name;  // lower case
  FieldSpec spec;
};

constexpr FieldSpec kCommittee{"udvalg", QueryOp::kCommittee, false};
constexpr FieldSpec kRoute{"sagsgang", QueryOp::kRoute, false};
constexpr FieldSpec kCase{"sag", QueryOp::kCase, false};
constexpr FieldSpec kDate{"dato", QueryOp::kDate, false};
constexpr FieldSpec kYear{"år", QueryOp::kYear, false};
constexpr FieldSpec kOutcome{"beslutning", QueryOp::kOutcome, false};
constexpr FieldSpec kTitle{"titel", QueryOp::kTerm, true};
constexpr FieldSpec kAccess{"adgang", QueryOp::kAccess, false};

constexpr std::array<FieldName, 18> kFields{{
    {"udvalg", kCommittee},
    {"committee", kCommittee},
    {"sagsgang", kRoute},
    {"route", kRoute},
    {"sag", kCase},
    {"sagsnr", kCase},
    {"case", kCase},
    {"dato", kDate},
    {"date", kDate},
    {"år", kYear},
    {"aar", kYear},
    {"year", kYear},
    {"beslutning", kOutcome},
    {"outcome", kOutcome},
    {"titel", kTitle},
    {"title", kTitle},
    {"adgang", kAccess},
    {"access", kAccess},
}};

// Code points of a UTF-8 string, for edit distances that count "å" as one letter.
std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) == 0x80 && !out.empty()) {
      out.back() = (out.back() << 6) | (byte & 0x3F);
    } else {
      out.push_back(byte);
    }
  }
  return out;
}

// Levenshtein distance, O(|a| * |b|); `b` is a field name of at most ten letters.
std::size_t edit_distance(const std::vector<char32_t>& a, const std::vector<char32_t>& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

[[noreturn]] void fail_value(std::string_view query, const QueryNode& leaf, std::size_t offset,
                             const std::string& message) {
  fail(query, leaf.text_begin + offset, message);
}

// ---- dates ----------------------------------------------------------------------------

struct DaySpan {
  std::int32_t first;
  std::int32_t last;
};

std::int32_t day_number(std::chrono::year_month_day date) {
  return static_cast<std::int32_t>(std::chrono::sys_days(date).time_since_epoch().count());
}

// Splits "24-05-2022" into digit groups; false unless it is 1 to 3 groups of digits joined
// by one kind of separator ('-', '.' or '/').
bool split_date(std::string_view text, std::vector<std::string_view>& groups) {
  char separator = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] >= '0' && text[i] <= '9') continue;
    if (i < text.size()) {
      if (text[i] != '-' && text[i] != '.' && text[i] != '/') return false;
      if (separator != 0 && text[i] != separator) return false;
      separator = text[i];
    }
    if (i == start || groups.size() == 3) return false;
    groups.push_back(text.substr(start, i - start));
    start = i + 1;
  }
  return true;
}

unsigned to_number(std::string_view digits) {
  unsigned value = 0;
  for (char c : digits) value = value * 10 + static_cast<unsigned>(c - '0');
  return value;
}

// The days a date spec covers: a day, a month ("2022-05") or a year ("2022").
DaySpan parse_date_spec(std::string_view query, const QueryNode& leaf, std::size_t offset,
                        std::string_view spec) {
  using namespace std::chrono;
  const std::string expected =
      "bad date " + quoted(spec) + ": expected YYYY-MM-DD, DD-MM-YYYY, YYYY-MM or YYYY";
  std::vector<std::string_view> groups;
  if (!split_date(spec, groups)) fail_value(query, leaf, offset, expected);
  // Put the groups in year, month, day order; the year is the group of four digits.
  if (groups.size() > 1 && groups.front().size() != 4) std::reverse(groups.begin(), groups.end());
  if (groups[0].size() != 4) fail_value(query, leaf, offset, expected);
  for (std::size_t i = 1; i < groups.size(); ++i) {
    if (groups[i].size() > 2) fail_value(query, leaf, offset, expected);
  }
  const year y{static_cast<int>(to_number(groups[0]))};
  if (groups.size() == 1) {
    return {day_number(y / January / 1), day_number(y / December / 31)};
  }
  const month m{to_number(groups[1])};
  if (!m.ok() || !y.ok())
    fail_value(query, leaf, offset, "bad date " + quoted(spec) + ": no such month");
  if (groups.size() == 2) {
    return {day_number(y / m / 1), day_number(year_month_day(y / m / last))};
  }
  const year_month_day date{y, m, day{to_number(groups[2])}};
  if (!date.ok()) fail_value(query, leaf, offset, "bad date " + quoted(spec) + ": no such day");
  return {day_number(date), day_number(date)};
}

// Byte length of the whitespace at the start of `text`.
std::size_t leading_space(std::string_view text) {
  std::size_t pos = 0;
  while (const std::size_t length = space_length(text, pos)) pos += length;
  return pos;
}

std::string_view trim(std::string_view text, std::size_t& offset) {
  const std::size_t lead = leading_space(text);
  offset += lead;
  text.remove_prefix(lead);
  while (!text.empty()) {
    if (space_length(text, text.size() - 1) == 1) {
      text.remove_suffix(1);
    } else if (text.size() >= 2 && space_length(text, text.size() - 2) == 2) {
      text.remove_suffix(2);  // U+00A0
    } else {
      break;
    }
  }
  return text;
}

// Splits "a..b" at the "..". Returns false when there is none. Throws on a second "..".
struct RangeText {
  std::string_view first, last;
  std::size_t first_offset = 0, last_offset = 0;
  bool is_range = false;
};

RangeText split_range(std::string_view query, const QueryNode& leaf, std::string_view value,
                      std::size_t offset) {
  RangeText range;
  const std::size_t dots = value.find("..");
  if (dots == std::string_view::npos) {
    range.first = value;
    range.first_offset = offset;
    return range;
  }
  range.is_range = true;
  range.first = value.substr(0, dots);
  range.first_offset = offset;
  range.last = value.substr(dots + 2);
  range.last_offset = offset + dots + 2;
  if (const std::size_t more = range.last.find(".."); more != std::string_view::npos) {
    fail_value(query, leaf, range.last_offset + more,
               "bad range " + quoted(value) + ": a range has one '..' between its two ends");
  }
  if (range.first.empty() && range.last.empty()) {
    fail_value(query, leaf, offset, "bad range " + quoted(value) + ": give at least one end");
  }
  return range;
}

void normalise_date(std::string_view query, QueryNode& leaf) {
  std::size_t offset = 0;
  const std::string_view value = trim(leaf.text, offset);
  const RangeText range = split_range(query, leaf, value, offset);
  if (!range.first.empty()) {
    const DaySpan span = parse_date_spec(query, leaf, range.first_offset, range.first);
    leaf.days.first = span.first;
    if (!range.is_range) leaf.days.last = span.last;
  }
  if (!range.last.empty()) {
    leaf.days.last = parse_date_spec(query, leaf, range.last_offset, range.last).last;
  }
  if (leaf.days.first && leaf.days.last && *leaf.days.first > *leaf.days.last) {
    fail_value(query, leaf, offset,
               "bad range " + quoted(value) + ": the start date is after the end date");
  }
}

std::int32_t parse_year(std::string_view query, const QueryNode& leaf, std::size_t offset,
                        std::string_view text) {
  const bool digits = text.size() == 4 && std::all_of(text.begin(), text.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || text[0] == '0') {
    fail_value(query, leaf, offset,
               "bad year " + quoted(text) + ": expected four digits, e.g. 2022");
  }
  return static_cast<std::int32_t>(to_number(text));
}

void normalise_year(std::string_view query, QueryNode& leaf) {
  std::size_t offset = 0;
  const std::string_view value = trim(leaf.text, offset);
  const RangeText range = split_range(query, leaf, value, offset);
  if (!range.first.empty())
    leaf.years.first = parse_year(query, leaf, range.first_offset, range.first);
  if (!range.is_range) leaf.years.last = leaf.years.first;
  if (!range.last.empty()) leaf.years.last = parse_year(query, leaf, range.last_offset, range.last);
  if (leaf.years.first && leaf.years.last && *leaf.years.first > *leaf.years.last) {
    fail_value(query, leaf, offset,
               "bad range " + quoted(value) + ": the first year is after the last year");
  }
}

// ---- keyword values -------------------------------------------------------------------

// "Taget til efterretning" -> "taget_til_efterretning".
std::string keyword(std::string_view text) {
  std::string key = collapse_spaces(fold_case(text), '_');
  std::replace(key.begin(), key.end(), '-', '_');
  return key;
}

void normalise_outcome(std::string_view query, QueryNode& leaf) {
  if (const auto outcome = outcome_from_name(keyword(leaf.text))) {
    leaf.outcome = *outcome;
    return;
  }
  std::string known;
  for (int i = 1; i < kOutcomeCount; ++i) {
    known += (i > 1 ? ", " : "") + std::string(outcome_name(static_cast<Outcome>(i)));
  }
  fail_value(query, leaf, 0, "unknown outcome " + quoted(leaf.text) + "; known outcomes: " + known);
}

void normalise_access(std::string_view query, QueryNode& leaf) {
  const std::string key = keyword(leaf.text);
  for (std::string_view open : {"åben", "aaben", "aben", "open", "åben_sag", "aaben_sag"}) {
    if (key == open) {
      leaf.access_open = true;
      return;
    }
  }
  for (std::string_view closed : {"lukket", "closed", "lukket_sag"}) {
    if (key == closed) {
      leaf.access_open = false;
      return;
    }
  }
  fail_value(query, leaf, 0,
             "unknown access " + quoted(leaf.text) + ": expected åben (open) or lukket (closed)");
}

void normalise_case(QueryNode& leaf) {
  std::string number = collapse_spaces(leaf.text, ' ');
  for (char& c : number) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  leaf.case_number = std::move(number);
}

void normalise_committee(QueryNode& leaf, const QueryParserOptions& options) {
  if (options.resolve_committees) {
    if (auto committee = lookup_committee(leaf.text)) {
      leaf.committee = std::move(*committee);
      return;
    }
  }
  leaf.committee = CommitteeRef{collapse_spaces(leaf.text, ' '), "", false};
}

}  // namespace

const FieldSpec* find_field(std::string_view name) {
  const std::string folded = fold_case(name);
  for (const auto& field : kFields) {
    if (field.name == folded) return &field.spec;
  }
  return nullptr;
}

std::string_view suggest_field(std::string_view name) {
  const auto typed = code_points(fold_case(name));
  const FieldName* best = nullptr;
  std::size_t best_distance = 3;  // suggest only within two edits
  for (const auto& field : kFields) {
    const std::size_t distance = edit_distance(typed, code_points(field.name));
    if (distance < best_distance && distance < typed.size()) {
      best = &field;
      best_distance = distance;
    }
  }
  return best != nullptr ? best->name : std::string_view();
}

std::string_view field_list() {
  return "udvalg/committee, sagsgang/route, sag/case, dato/date, år/aar/year, "
         "beslutning/outcome, titel/title, adgang/access";
}

std::string_view field_name(QueryOp op) {
  switch (op) {
    case QueryOp::kCommittee:
      return kCommittee.canonical;
    case QueryOp::kRoute:
      return kRoute.canonical;
    case QueryOp::kCase:
      return kCase.canonical;
    case QueryOp::kDate:
      return kDate.canonical;
    case QueryOp::kYear:
      return kYear.canonical;
    case QueryOp::kOutcome:
      return kOutcome.canonical;
    case QueryOp::kAccess:
      return kAccess.canonical;
    default:
      return kTitle.canonical;
  }
}

void normalise_filter(std::string_view query, QueryNode& leaf, const QueryParserOptions& options) {
  if (collapse_spaces(leaf.text, ' ').empty()) {
    fail(query, leaf.text_begin,
         "empty value for field '" + std::string(field_name(leaf.op)) + ":'");
  }
  switch (leaf.op) {
    case QueryOp::kCommittee:
    case QueryOp::kRoute:
      normalise_committee(leaf, options);
      break;
    case QueryOp::kCase:
      normalise_case(leaf);
      break;
    case QueryOp::kDate:
      normalise_date(query, leaf);
      break;
    case QueryOp::kYear:
      normalise_year(query, leaf);
      break;
    case QueryOp::kOutcome:
      normalise_outcome(query, leaf);
      break;
    case QueryOp::kAccess:
      normalise_access(query, leaf);
      break;
    default:
      break;
  }
}

}  // namespace search::query_internal
