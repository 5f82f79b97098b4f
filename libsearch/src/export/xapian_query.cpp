#include "export/xapian_query.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <search/error.h>

#include "export/xapian_export.h"
#include "index/doc_analysis.h"

namespace search::xapian_export {
namespace {

using Xapian::Query;

// A translated operand, or nullopt for one that analyses to no token at all ("neutral":
// dropped from AND and OR, as the planner does).
using Operand = std::optional<Query>;

std::string_view field_prefix(TextField field) { return field == TextField::kTitle ? "S" : ""; }

bool is_filter(QueryOp op) {
  switch (op) {
    case QueryOp::kCommittee:
    case QueryOp::kRoute:
    case QueryOp::kCase:
    case QueryOp::kDate:
    case QueryOp::kYear:
    case QueryOp::kOutcome:
    case QueryOp::kAccess: return true;
    default: return false;
  }
}

Query combine(Query::op op, const std::vector<Query>& parts) {
  if (parts.empty()) return Query::MatchNothing;
  if (parts.size() == 1) return parts[0];
  return Query(op, parts.begin(), parts.end());
}

Query any_term(const std::vector<std::string>& terms, Query::op op = Query::OP_OR) {
  if (terms.empty()) return Query::MatchNothing;
  if (terms.size() == 1) return Query(terms[0]);
  return Query(op, terms.begin(), terms.end());
}

// "YYYYMMDD" of a day number, as the XD terms and the date values store it.
std::string compact_date(std::int32_t day) {
  std::string iso = iso_date(day);
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

class Translator {
 public:
  Translator(const Analyzer& analyzer, const Xapian::Database& db, const XapianQueryOptions& options)
      : analyzer_(analyzer), db_(db), options_(options) {}

  Query run(const QueryNode& q) { return node(q).value_or(Query::MatchNothing); }

 private:
  Operand node(const QueryNode& q) {
    switch (q.op) {
      case QueryOp::kAnd: return conjunction(q);
      case QueryOp::kOr: return disjunction(q);
      case QueryOp::kNot: return node(q.children.at(0));  // only via conjunction()
      case QueryOp::kTerm: return word(q);
      case QueryOp::kPrefix: return prefix(q);
      case QueryOp::kPhrase: return phrase(q);
      case QueryOp::kCommittee: return Query("XC" + committee_label(q.committee));
      case QueryOp::kRoute: return Query("XR" + route_label(q.committee));
      case QueryOp::kCase: return Query("XK" + q.case_number);
      case QueryOp::kOutcome: return Query("XO" + std::string(outcome_name(q.outcome)));
      case QueryOp::kAccess: return Query(q.access_open ? "XAåben" : "XAlukket");
      case QueryOp::kYear: return years(q.years);
      case QueryOp::kDate: return dates(q.days);
    }
    return std::nullopt;
  }

  static std::string committee_label(const CommitteeRef& c) {
    return c.resolved && !c.abbrev.empty() ? c.abbrev : index::lower_utf8(c.name);
  }
  static std::string route_label(const CommitteeRef& c) {
    return c.resolved && !c.abbrev.empty() ? c.abbrev : c.name;
  }

  bool is_stopword_word(const QueryNode& q) const {
    if (q.op != QueryOp::kTerm) return false;
    std::vector<Token> tokens = analyzer_.tokenize(q.text);
    return tokens.size() == 1 && tokens[0].kind == TokenKind::kWord && analyzer_.is_stopword(tokens[0].text);
  }

  // Scoring operands ANDed, filters under OP_FILTER, exclusions under OP_AND_NOT.
  Operand conjunction(const QueryNode& q) {
    bool has_content = false;
    for (const auto& c : q.children) has_content |= c.op != QueryOp::kNot && !is_stopword_word(c);
    std::vector<Query> scoring, filters, excluded;
    for (const auto& c : q.children) {
      if (has_content && is_stopword_word(c)) continue;
      Operand part = node(c);
      if (!part) continue;
      if (c.op == QueryOp::kNot) {
        excluded.push_back(*part);
      } else {
        (is_filter(c.op) ? filters : scoring).push_back(*part);
      }
    }
    if (scoring.empty() && filters.empty()) {
      if (excluded.empty()) return std::nullopt;
      return Query::MatchNothing;  // only exclusions
    }
    Query positive = scoring.empty() ? combine(Query::OP_AND, filters)
                     : filters.empty() ? combine(Query::OP_AND, scoring)
                                       : Query(Query::OP_FILTER, combine(Query::OP_AND, scoring),
                                               combine(Query::OP_AND, filters));
    if (excluded.empty()) return positive;
    return Query(Query::OP_AND_NOT, positive, combine(Query::OP_OR, excluded));
  }

  Operand disjunction(const QueryNode& q) {
    std::vector<Query> parts;
    for (const auto& c : q.children) {
      if (Operand part = node(c)) parts.push_back(*part);
    }
    if (parts.empty()) return std::nullopt;
    return combine(Query::OP_OR, parts);
  }

  Operand word(const QueryNode& q) {
    std::string_view fp = field_prefix(q.field);
    std::vector<WeightedTerm> alternatives = analyzer_.query_terms(q.text, fp);
    if (alternatives.empty()) return std::nullopt;
    bool one_position = std::all_of(alternatives.begin(), alternatives.end(),
                                    [&](const WeightedTerm& t) { return t.position == alternatives[0].position; });
    if (!one_position) return phrase_of(alternatives, fp);
    std::vector<std::string> terms;
    for (const auto& t : alternatives) {
      if (std::find(terms.begin(), terms.end(), t.term) == terms.end()) terms.push_back(t.term);
    }
    return any_term(terms);
  }

  Operand phrase(const QueryNode& q) {
    std::string_view fp = field_prefix(q.field);
    std::vector<WeightedTerm> terms;
    for (const Token& t : analyzer_.tokenize(q.text)) {
      terms.push_back({std::string(fp) + t.text, kSurfaceWeight, TermKind::kSurface, t.position});
    }
    if (terms.empty()) return std::nullopt;
    return phrase_of(terms, fp);
  }

  // One slot per position of the surface terms; OP_PHRASE needs them consecutive.
  Query phrase_of(const std::vector<WeightedTerm>& terms, std::string_view fp) {
    std::vector<std::vector<std::string>> slots;
    std::uint32_t first = 0, last = 0;
    for (const auto& t : terms) {
      if (t.kind != TermKind::kSurface) continue;
      if (slots.empty()) {
        first = last = t.position;
        slots.emplace_back();
      } else if (t.position != last) {
        if (t.position != last + 1) {
          throw Error(ErrorCode::kUnsupported, "Xapian query: phrase word '" + t.term + "' at position " +
                                                   std::to_string(t.position - first) + " leaves a gap");
        }
        last = t.position;
        slots.emplace_back();
      }
      for (auto& form : inflections(t.term, fp)) {
        if (std::find(slots.back().begin(), slots.back().end(), form) == slots.back().end()) {
          slots.back().push_back(std::move(form));
        }
      }
    }
    if (slots.size() == 1) return any_term(slots[0]);
    std::vector<Query> parts;
    for (const auto& slot : slots) parts.push_back(any_term(slot));
    return Query(Query::OP_PHRASE, parts.begin(), parts.end(), static_cast<Xapian::termcount>(parts.size()));
  }

  // The term itself and, unless it is a stopword, the database's surface terms that start
  // with its stem, are at most 12 bytes longer and have the same stem: 64 at most, shortest
  // first.
  std::vector<std::string> inflections(const std::string& term, std::string_view fp) {
    std::vector<std::string> forms{term};
    const std::string surface = term.substr(fp.size());
    if (surface.empty() || analyzer_.is_stopword(surface)) return forms;
    const std::string stem = analyzer_.stem(surface);
    if (stem.empty()) return forms;
    std::vector<std::string> found = terms_with_prefix(std::string(fp) + stem);
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
    constexpr std::size_t kMaxInflections = 64, kMaxSuffixBytes = 12;
    std::size_t added = 0;
    for (auto& f : found) {
      if (added == kMaxInflections) break;
      if (f == term || f.size() > fp.size() + stem.size() + kMaxSuffixBytes) continue;
      if (analyzer_.stem(std::string_view(f).substr(fp.size())) != stem) continue;
      forms.push_back(std::move(f));
      ++added;
    }
    return forms;
  }

  std::string normalised_prefix(std::string_view text) const {
    std::vector<Token> tokens = analyzer_.tokenize(text);
    if (tokens.size() == 1 && tokens[0].begin == 0 && tokens[0].end == text.size()) return tokens[0].text;
    return index::lower_utf8(text);
  }

  Operand prefix(const QueryNode& q) {
    std::vector<std::string> found = terms_with_prefix(std::string(field_prefix(q.field)) + normalised_prefix(q.text));
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
    if (found.size() > options_.max_prefix_terms) found.resize(options_.max_prefix_terms);
    return any_term(found, Query::OP_SYNONYM);
  }

  Query years(const YearRange& range) {
    const std::int32_t lo = range.first.value_or(std::numeric_limits<std::int32_t>::min());
    const std::int32_t hi = range.last.value_or(std::numeric_limits<std::int32_t>::max());
    std::vector<std::string> terms;
    for (auto& t : terms_with_prefix("XY")) {
      std::int32_t year = 0;
      auto [p, ec] = std::from_chars(t.data() + 2, t.data() + t.size(), year);
      if (ec == std::errc() && p == t.data() + t.size() && year >= lo && year <= hi) terms.push_back(std::move(t));
    }
    return any_term(terms);
  }

  Query dates(const DayRange& range) {
    if (options_.open_date_ranges_as_values && range.first && !range.last) {
      return Query(Query::OP_VALUE_GE, kSlotLastDate, compact_date(*range.first));
    }
    if (options_.open_date_ranges_as_values && !range.first && range.last) {
      return Query(Query::OP_VALUE_LE, kSlotFirstDate, compact_date(*range.last));
    }
    const std::string lo = range.first ? "XD" + compact_date(*range.first) : "XD";
    const std::string hi = range.last ? "XD" + compact_date(*range.last) : "XE";
    std::vector<std::string> terms;
    for (auto& t : terms_with_prefix("XD")) {
      if (t >= lo && t <= hi) terms.push_back(std::move(t));
    }
    return any_term(terms);
  }

  // The database's terms starting with `prefix`, in byte order.
  std::vector<std::string> terms_with_prefix(const std::string& prefix) const {
    std::vector<std::string> out;
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) out.push_back(*it);
    return out;
  }

  const Analyzer& analyzer_;
  const Xapian::Database& db_;
  const XapianQueryOptions& options_;
};

}  // namespace

Xapian::Query to_xapian_query(const QueryNode& query, const Analyzer& analyzer, const Xapian::Database& db,
                              const XapianQueryOptions& options) {
  return Translator(analyzer, db, options).run(query);
}

}  // namespace search::xapian_export
