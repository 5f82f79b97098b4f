#include "engine/bm25.h"

#include <algorithm>
#include <cmath>

#include "intersect/intersect.h"

namespace search::engine {

Bm25Scorer::Bm25Scorer(const Plan& plan, const index::Snapshot& snapshot, const Bm25Options& options)
    : plan_(plan), options_(options), average_length_(snapshot.average_length()) {
  const double n_docs = static_cast<double>(snapshot.live_documents());
  for (const auto& t : plan.scored) {
    const double df = static_cast<double>(snapshot.doc_freq(t.term));
    // Deleted documents still count in df until a merge: keep N - df from going negative.
    const double idf = std::log(1.0 + std::max(0.0, n_docs - df + 0.5) / (df + 0.5));
    idf_.push_back(idf);
    factor_.push_back(t.weight * idf * (options_.k1 + 1.0));
  }
}

void Bm25Scorer::score(SegmentExecutor& executor, const index::Segment& segment, const DocSet& docs,
                       std::vector<double>* scores) const {
  const std::size_t n = docs.size();
  scores->assign(n, 0.0);
  if (n == 0 || plan_.scored.empty()) return;
  // K(d) once per document, shared by every term.
  std::vector<double> norm(n);
  const double k1 = options_.k1;
  const double b = options_.b;
  const double inv_avg = average_length_ > 0.0 ? 1.0 / average_length_ : 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    norm[i] = k1 * (1.0 - b + b * static_cast<double>(segment.doc_length(docs[i])) * inv_avg);
  }
  std::vector<std::uint32_t> freqs(n);
  double* out = scores->data();
  for (std::size_t t = 0; t < plan_.scored.size(); ++t) {
    const ResolvedTerm* r = executor.resolve(plan_.scored[t].term);
    if (r == nullptr || factor_[t] == 0.0) continue;
    intersect::lookup_freqs(r->list, docs, freqs.data());
    const double factor = factor_[t];
    for (std::size_t i = 0; i < n; ++i) {
      const double f = freqs[i];
      if (f > 0) out[i] += factor * f / (f + norm[i]);
    }
  }
}

}  // namespace search::engine
