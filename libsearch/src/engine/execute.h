// Runs a query plan (plan.h) on one segment: the set of matching live documents as local
// docids, ascending. Sets are plain sorted uint32 arrays; posting lists are combined with the
// intersection core (intersect/intersect.h):
//   AND   the operand with the fewest estimated matches first; further operands are
//         intersected with the candidates so far (a plain list by galloping over its skips,
//         an OR by intersecting each of its lists); runs of plain lists use the k-way
//         intersection. Phrases and date ranges only ever look at candidates.
//   OR    k-way union of plain lists, array unions otherwise.
//   NOT   subtraction from the candidates of the enclosing AND.
//   phrase  candidates from the AND of its slots, then positions decoded for candidates
//         only.
// Deleted documents are removed from the final set.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/snapshot.h"
#include "engine/plan.h"

namespace search::engine {

using DocSet = std::vector<std::uint32_t>;

struct ResolvedTerm {
  bool present = false;  // false: the segment does not have the term
  index::TermInfo info;
  postings::PostingListView list;
};

// Not thread-safe: one per (query, segment, thread). The plan and the segment must outlive
// it.
class SegmentExecutor {
 public:
  explicit SegmentExecutor(const index::SegmentRef& ref) : ref_(ref) {}

  // The live documents of the segment that match `root`.
  DocSet run(const PlanNode& root);
  // The term's posting list here, or nullptr if the segment lacks it. Cached per term;
  // the pointer stays valid for the executor's lifetime.
  const ResolvedTerm* resolve(const std::string& term);
  // Upper bound of the matches of `node` in this segment (for ordering conjunctions).
  std::uint64_t estimate(const PlanNode& node);

 private:
  DocSet eval(const PlanNode& node, const DocSet* restrict);
  DocSet eval_and(const PlanNode& node, const DocSet* restrict);
  DocSet eval_or(const PlanNode& node, const DocSet* restrict);
  DocSet eval_terms(const PlanNode& node, const DocSet* restrict);
  DocSet eval_phrase(const PlanNode& node, const DocSet* restrict);
  DocSet eval_lists(const std::vector<postings::PostingListView>& lists, const DocSet* restrict);
  DocSet eval_dates(const PlanNode& node, const DocSet* restrict);
  void subtract(const PlanNode& node, DocSet* candidates);
  void lists_of(const PlanNode& node, std::vector<postings::PostingListView>* out);
  bool is_single_list(const PlanNode& node);

  const index::SegmentRef& ref_;
  std::unordered_map<std::string, ResolvedTerm> resolved_;
};

// True if the two lists hold the same postings (same encoded bytes).
bool same_list(const postings::PostingListView& a, const postings::PostingListView& b);

// Sorted-array helpers over the intersection core.
void unite_into(DocSet* acc, const DocSet& other);
void remove_deleted(const index::SegmentRef& ref, DocSet* docs);

}  // namespace search::engine
