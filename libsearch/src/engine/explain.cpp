#include "engine/explain.h"

#include <cstdio>

#include "engine/execute.h"

namespace search::engine {
namespace {

const char* kind_name(PlanKind kind) {
  switch (kind) {
    case PlanKind::kAnd: return "AND";
    case PlanKind::kOr: return "OR";
    case PlanKind::kNot: return "NOT";
    case PlanKind::kTerms: return "TERMS";
    case PlanKind::kPhrase: return "PHRASE";
    case PlanKind::kDateRange: return "DATES";
    case PlanKind::kNothing: return "NOTHING";
  }
  return "?";
}

void describe(const PlanNode& n, const index::Snapshot& snapshot, int depth, std::string* out) {
  out->append(static_cast<std::size_t>(depth) * 2, ' ');
  *out += kind_name(n.kind);
  if (!n.label.empty()) *out += "  " + n.label;
  *out += '\n';
  auto term_line = [&](const std::string& t, int extra) {
    out->append(static_cast<std::size_t>(depth + extra) * 2, ' ');
    *out += t + "  df=" + std::to_string(snapshot.doc_freq(t)) + '\n';
  };
  for (const auto& t : n.terms) term_line(t, 1);
  for (std::size_t s = 0; s < n.slots.size(); ++s) {
    out->append(static_cast<std::size_t>(depth + 1) * 2, ' ');
    *out += "+" + std::to_string(n.offsets[s]) + ":\n";
    for (const auto& t : n.slots[s]) term_line(t, 2);
  }
  for (const auto& c : n.children) describe(c, snapshot, depth + 1, out);
}

}  // namespace

std::string explain_plan(const QueryNode& tree, const Plan& plan, const index::Snapshot& snapshot) {
  std::string out = "query:\n" + explain(tree);
  if (!out.empty() && out.back() != '\n') out += '\n';
  out += "plan:\n";
  describe(plan.root, snapshot, 1, &out);
  for (const auto& w : plan.dropped_stopwords) out += "stopword dropped: " + w + "\n";
  for (const auto& p : plan.prefixes) {
    out += "prefix '" + p.prefix + "': " + std::to_string(p.matched) + " terms, " + std::to_string(p.used) + " used" +
           (p.used < p.matched ? " (capped)" : "") + "\n";
  }
  out += "scored terms:\n";
  for (const auto& t : plan.scored) {
    char weight[32];
    std::snprintf(weight, sizeof weight, "%.2f", t.weight);
    out += "  " + t.term + "  weight=" + weight + "  df=" + std::to_string(snapshot.doc_freq(t.term)) + "\n";
  }
  std::uint64_t total = 0;
  out += "segments:\n";
  for (const auto& ref : snapshot.segments()) {
    SegmentExecutor executor(ref);
    const std::uint64_t estimate = executor.estimate(plan.root);
    const std::uint64_t matches = executor.run(plan.root).size();
    total += matches;
    out += "  " + ref.segment->name() + ": " + std::to_string(ref.live_count()) + " live docs, estimate " +
           std::to_string(estimate) + ", matches " + std::to_string(matches) + "\n";
  }
  out += "total: " + std::to_string(total) + "\n";
  return out;
}

}  // namespace search::engine
