// BM25 scoring of a segment's matches (Robertson/Zaragoza, as Xapian's BM25Weight with
// Lucene's non-negative idf):
//   score(d) = sum over scored terms t of  w_t * idf(t) * tf(t,d) * (k1 + 1) / (tf(t,d) + K(d))
//   idf(t)   = ln(1 + (N - n_t + 0.5) / (n_t + 0.5))      N live documents, n_t its df
//   K(d)     = k1 * (1 - b + b * length(d) / average length)
// w_t is the weight of the term's kind (search/analyzer.h: exact > stem > compound > fold).
// Statistics are snapshot-wide, so a document scores the same whatever segment holds it.
// Term frequencies come from list_frequencies over the matched docids only.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <search/searcher.h>

#include "index/snapshot.h"
#include "engine/execute.h"
#include "engine/plan.h"

namespace search::engine {

inline constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;

// ranks[i] = the ordinal in `list` of the posting of docs[i] (sorted, strictly increasing),
// as PostingCursor::index() gives it (for positions), or kAbsent. Throws Error(kCorrupt)
// when the list is damaged.
void list_ranks(const postings::PostingListView& list, std::span<const std::uint32_t> docs, std::uint32_t* ranks);

// freqs[i] = the term frequency of docs[i] (sorted, strictly increasing) in `list`, 0 if
// absent. Throws Error(kCorrupt) when the list is damaged.
void list_frequencies(const postings::PostingListView& list, std::span<const std::uint32_t> docs,
                      std::uint32_t* freqs);

class Bm25Scorer {
 public:
  // `executors` are the snapshot's segments' executors (one per segment, in order): their
  // cached dictionary lookups give the document frequencies.
  Bm25Scorer(const Plan& plan, const index::Snapshot& snapshot, std::vector<SegmentExecutor>& executors,
             const Bm25Options& options);

  // scores[i] = BM25 of docs[i] (local docids of the executor's segment), except that a
  // document that provably cannot be among the best `keep` of `docs` nor reach `floor` gets
  // -infinity instead (MaxScore-style pruning: terms are scored in order of their largest
  // possible contribution, and after each term the documents whose score so far plus the
  // most the remaining terms could add falls below the keep-th best score so far are
  // dropped, so the remaining, weaker alternatives are looked up for fewer documents).
  // keep >= docs.size() and floor = -infinity score every document completely.
  void score(SegmentExecutor& executor, const index::Segment& segment, const DocSet& docs, std::size_t keep,
             double floor, std::vector<double>* scores) const;

  // The idf of each scored term, in plan order (for explain()).
  const std::vector<double>& idfs() const { return idf_; }

 private:
  const Plan& plan_;
  Bm25Options options_;
  double average_length_ = 0.0;
  std::vector<double> idf_;     // per plan.scored
  std::vector<double> factor_;  // w * idf * (k1 + 1)
};

}  // namespace search::engine
