#include "engine/plan.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "index/doc_analysis.h"

namespace search::engine {
namespace {

std::string_view field_prefix(TextField field) { return field == TextField::kTitle ? "S" : ""; }

// The body form of a term: the title's "Sx"/"ZSx" become "x"/"Zx", for highlighting.
std::string body_form(std::string_view term, TermKind kind, std::string_view prefix) {
  if (prefix.empty()) return std::string(term);
  if (kind == TermKind::kSurface) return std::string(term.substr(prefix.size()));
  return std::string(term.substr(0, 1)) + std::string(term.substr(1 + prefix.size()));
}

class Planner {
 public:
  Planner(const Analyzer& analyzer, const index::Snapshot& snapshot, const PlannerLimits& limits)
      : analyzer_(analyzer), snapshot_(snapshot), limits_(limits) {}

  Plan run(const QueryNode& query) {
    bool neutral = false;
    plan_.root = node(query, &neutral);
    if (neutral) plan_.root = PlanNode{};  // nothing left to search for
    std::sort(plan_.scored.begin(), plan_.scored.end(),
              [](const ScoredTerm& a, const ScoredTerm& b) { return a.term < b.term; });
    // One entry per term, with the best weight any word gave it.
    std::vector<ScoredTerm> unique;
    for (auto& t : plan_.scored) {
      if (!unique.empty() && unique.back().term == t.term) {
        unique.back().weight = std::max(unique.back().weight, t.weight);
      } else {
        unique.push_back(std::move(t));
      }
    }
    plan_.scored = std::move(unique);
    return std::move(plan_);
  }

 private:
  // Sets *neutral when the node analyses to nothing (then the result is unused).
  PlanNode node(const QueryNode& q, bool* neutral) {
    *neutral = false;
    switch (q.op) {
      case QueryOp::kAnd: return conjunction(q, neutral);
      case QueryOp::kOr: return disjunction(q, neutral);
      case QueryOp::kNot: {
        PlanNode n{PlanKind::kNot, {}, {}, {}, {}, 0, 0, "NOT"};
        bool child_neutral = false;
        ++negated_;
        n.children.push_back(node(q.children.at(0), &child_neutral));
        --negated_;
        *neutral = child_neutral;
        return n;
      }
      case QueryOp::kTerm: return word(q, neutral);
      case QueryOp::kPrefix: return prefix(q);
      case QueryOp::kPhrase: return phrase_node(q, neutral);
      case QueryOp::kCommittee: return boolean("XC" + committee_label(q.committee), "udvalg:" + q.committee.name);
      case QueryOp::kRoute: return boolean("XR" + route_label(q.committee), "sagsgang:" + q.committee.name);
      case QueryOp::kCase: return boolean("XK" + q.case_number, "sag:" + q.case_number);
      case QueryOp::kOutcome:
        return boolean("XO" + std::string(outcome_name(q.outcome)), "beslutning:" + std::string(outcome_name(q.outcome)));
      case QueryOp::kAccess: return boolean(q.access_open ? "XAåben" : "XAlukket", q.access_open ? "adgang:åben" : "adgang:lukket");
      case QueryOp::kYear: return years(q);
      case QueryOp::kDate: return dates(q);
    }
    return PlanNode{};
  }

  static std::string committee_label(const CommitteeRef& c) {
    if (c.resolved && !c.abbrev.empty()) return c.abbrev;
    return index::lower_utf8(c.name);
  }
  // Routes store the record's abbreviations as the parser wrote them.
  static std::string route_label(const CommitteeRef& c) {
    if (c.resolved && !c.abbrev.empty()) return c.abbrev;
    return c.name;
  }

  static PlanNode boolean(std::string term, std::string label) {
    PlanNode n;
    n.kind = PlanKind::kTerms;
    n.terms.push_back(std::move(term));
    n.label = std::move(label);
    return n;
  }

  bool is_stopword_word(const QueryNode& q) const {
    if (q.op != QueryOp::kTerm) return false;
    std::vector<Token> tokens = analyzer_.tokenize(q.text);
    return tokens.size() == 1 && tokens[0].kind == TokenKind::kWord && analyzer_.is_stopword(tokens[0].text);
  }

  PlanNode conjunction(const QueryNode& q, bool* neutral) {
    // Stopword words are dropped when a positive operand that is not one remains.
    bool has_content = false;
    for (const auto& c : q.children) has_content |= c.op != QueryOp::kNot && !is_stopword_word(c);
    PlanNode n;
    n.kind = PlanKind::kAnd;
    n.label = "AND";
    bool has_positive = false;
    for (const auto& c : q.children) {
      if (has_content && is_stopword_word(c)) {
        plan_.dropped_stopwords.push_back(c.text);
        continue;
      }
      bool child_neutral = false;
      PlanNode child = node(c, &child_neutral);
      if (child_neutral) continue;
      has_positive |= child.kind != PlanKind::kNot;
      n.children.push_back(std::move(child));
    }
    if (n.children.empty()) {
      *neutral = true;
    } else if (!has_positive) {
      n = PlanNode{};  // only exclusions left: matches nothing
      n.label = "only exclusions";
    } else if (n.children.size() == 1) {
      return std::move(n.children[0]);
    }
    return n;
  }

  PlanNode disjunction(const QueryNode& q, bool* neutral) {
    PlanNode n;
    n.kind = PlanKind::kOr;
    n.label = "OR";
    for (const auto& c : q.children) {
      bool child_neutral = false;
      PlanNode child = node(c, &child_neutral);
      if (!child_neutral) n.children.push_back(std::move(child));
    }
    if (n.children.empty()) *neutral = true;
    if (n.children.size() == 1) return std::move(n.children[0]);
    return n;
  }

  PlanNode word(const QueryNode& q, bool* neutral) {
    std::string_view fp = field_prefix(q.field);
    std::vector<WeightedTerm> alternatives = analyzer_.query_terms(q.text, fp);
    if (alternatives.empty()) {
      *neutral = true;
      return PlanNode{};
    }
    bool one_position = std::all_of(alternatives.begin(), alternatives.end(),
                                     [&](const WeightedTerm& t) { return t.position == alternatives[0].position; });
    if (!one_position) return phrase_of(alternatives, fp, "word '" + q.text + "'");
    PlanNode n;
    n.kind = PlanKind::kTerms;
    n.label = "word '" + q.text + "'";
    HighlightWord h;
    for (const auto& t : alternatives) {
      if (std::find(n.terms.begin(), n.terms.end(), t.term) != n.terms.end()) continue;
      n.terms.push_back(t.term);
      score(t.term, t.weight);
      h.terms.push_back(body_form(t.term, t.kind, fp));
    }
    highlight(std::move(h));
    return n;
  }

  // Surface terms grouped by position, as a phrase. Each slot matches the inflections of
  // its word: the dictionary's surface forms with the same stem (see inflections()).
  PlanNode phrase_of(const std::vector<WeightedTerm>& terms, std::string_view fp, std::string label) {
    PlanNode n;
    n.kind = PlanKind::kPhrase;
    n.label = std::move(label);
    std::vector<HighlightWord> words;  // one per slot, so snippets favour whole phrases
    std::uint32_t first = 0;
    bool started = false;
    for (const auto& t : terms) {
      if (t.kind != TermKind::kSurface) continue;
      if (!started) first = t.position, started = true;
      std::uint32_t offset = t.position - first;
      if (n.offsets.empty() || n.offsets.back() != offset) {
        n.offsets.push_back(offset);
        n.slots.emplace_back();
        words.emplace_back();
      }
      auto& slot = n.slots.back();
      for (auto& form : inflections(t.term, fp, &words.back())) {
        if (std::find(slot.begin(), slot.end(), form) == slot.end()) slot.push_back(std::move(form));
      }
    }
    for (auto& w : words) highlight(std::move(w));
    if (n.slots.size() == 1) {
      n.kind = PlanKind::kTerms;
      n.terms = std::move(n.slots[0]);
      n.slots.clear();
      n.offsets.clear();
    }
    return n;
  }

  // The surface terms a phrase word matches: itself, and unless it is a stopword the surface
  // terms of the dictionary that start with its stem and have the same stem ("psykisk" ->
  // "psykiske"), at most kMaxInflections of them (the shortest first). Scored and highlighted.
  std::vector<std::string> inflections(const std::string& term, std::string_view fp, HighlightWord* h) {
    const std::string surface = term.substr(fp.size());
    std::vector<std::string> forms{term};
    score(term, kSurfaceWeight);
    h->terms.push_back(surface);
    if (surface.empty() || analyzer_.is_stopword(surface)) return forms;
    const std::string stem = analyzer_.stem(surface);
    if (stem.empty()) return forms;
    h->terms.push_back("Z" + stem);
    std::vector<std::string> found = terms_with_prefix(snapshot_, std::string(fp) + stem);
    std::stable_sort(found.begin(), found.end(),
                     [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
    std::size_t added = 0;
    for (auto& f : found) {
      if (added == kMaxInflections) break;
      if (f == term || f.size() > fp.size() + stem.size() + kMaxSuffixBytes) continue;
      if (analyzer_.stem(std::string_view(f).substr(fp.size())) != stem) continue;
      score(f, kStemWeight);
      forms.push_back(std::move(f));
      ++added;
    }
    return forms;
  }

  static constexpr std::size_t kMaxInflections = 64;
  static constexpr std::size_t kMaxSuffixBytes = 12;  // longer than any Snowball Danish suffix

  PlanNode phrase_node(const QueryNode& q, bool* neutral) {
    std::string_view fp = field_prefix(q.field);
    std::vector<WeightedTerm> terms;
    for (const Token& t : analyzer_.tokenize(q.text)) {
      terms.push_back({std::string(fp) + t.text, kSurfaceWeight, TermKind::kSurface, t.position});
    }
    if (terms.empty()) {
      *neutral = true;
      return PlanNode{};
    }
    return phrase_of(terms, fp, "phrase \"" + q.text + "\"");
  }

  std::string normalised_prefix(std::string_view text) const {
    std::vector<Token> tokens = analyzer_.tokenize(text);
    if (tokens.size() == 1 && tokens[0].begin == 0 && tokens[0].end == text.size()) return tokens[0].text;
    return index::lower_utf8(text);
  }

  PlanNode prefix(const QueryNode& q) {
    std::string_view fp = field_prefix(q.field);
    std::string surface = normalised_prefix(q.text);
    std::string scan = std::string(fp) + surface;
    std::vector<std::string> found = terms_with_prefix(snapshot_, scan);
    PrefixExpansion e{scan, found.size(), 0};
    // The shortest terms first: the words the prefix most likely stands for.
    std::stable_sort(found.begin(), found.end(),
                     [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
    if (found.size() > limits_.max_prefix_terms) found.resize(limits_.max_prefix_terms);
    std::sort(found.begin(), found.end());
    e.used = found.size();
    plan_.prefixes.push_back(e);
    PlanNode n;
    n.kind = PlanKind::kTerms;
    n.label = "prefix '" + q.text + "*'";
    if (found.size() <= limits_.max_scored_prefix_terms) {
      for (const auto& t : found) score(t, kSurfaceWeight);
    }
    n.terms = std::move(found);
    HighlightWord h;
    h.prefix = surface;
    highlight(std::move(h));
    return n;
  }

  PlanNode years(const QueryNode& q) {
    std::int32_t lo = q.years.first.value_or(std::numeric_limits<std::int32_t>::min());
    std::int32_t hi = q.years.last.value_or(std::numeric_limits<std::int32_t>::max());
    PlanNode n;
    n.kind = PlanKind::kTerms;
    n.label = "år:" + (q.years.first ? std::to_string(*q.years.first) : "") +
              (q.years.first == q.years.last ? "" : ".." + (q.years.last ? std::to_string(*q.years.last) : ""));
    for (auto& t : terms_with_prefix(snapshot_, "XY")) {
      std::int32_t year = 0;
      auto [p, ec] = std::from_chars(t.data() + 2, t.data() + t.size(), year);
      if (ec == std::errc() && p == t.data() + t.size() && year >= lo && year <= hi) n.terms.push_back(std::move(t));
    }
    return n;
  }

  static PlanNode dates(const QueryNode& q) {
    PlanNode n;
    n.kind = PlanKind::kDateRange;
    n.first_day = q.days.first.value_or(std::numeric_limits<std::int32_t>::min());
    n.last_day = q.days.last.value_or(std::numeric_limits<std::int32_t>::max());
    n.label = "dato:" + (q.days.first ? iso_date(*q.days.first) : "") + ".." + (q.days.last ? iso_date(*q.days.last) : "");
    return n;
  }

  // Only positive (not negated) words score and highlight.
  void score(const std::string& term, double weight) {
    if (negated_ == 0) plan_.scored.push_back({term, weight});
  }
  void highlight(HighlightWord h) {
    if (negated_ == 0) plan_.highlights.push_back(std::move(h));
  }

  const Analyzer& analyzer_;
  const index::Snapshot& snapshot_;
  const PlannerLimits& limits_;
  Plan plan_;
  int negated_ = 0;
};

}  // namespace

namespace {

// Term dictionaries keep the terms of deleted documents until a merge. Such a term must not
// take one of the capped expansion slots from a live term, or results would depend on the
// segment layout.
bool has_live_posting(const index::SegmentRef& ref, const index::TermInfo& info) {
  if (ref.tombstones->deleted_count() == 0) return true;
  for (postings::PostingCursor c = ref.segment->postings(info).cursor(); !c.at_end(); c.next()) {
    if (ref.is_live(c.docid())) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> terms_with_prefix(const index::Snapshot& snapshot, std::string_view prefix) {
  std::vector<std::string> out;
  for (const auto& ref : snapshot.segments()) {
    index::TermIterator it = ref.segment->terms().iterator();
    for (it.seek(prefix); it.valid() && it.term().starts_with(prefix); it.next()) {
      if (has_live_posting(ref, it.info())) out.emplace_back(it.term());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Plan make_plan(const QueryNode& query, const Analyzer& analyzer, const index::Snapshot& snapshot,
               const PlannerLimits& limits) {
  return Planner(analyzer, snapshot, limits).run(query);
}

}  // namespace search::engine
