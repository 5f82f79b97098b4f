#include "engine/bm25.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "intersect/intersect.h"

namespace search::engine {

Bm25Scorer::Bm25Scorer(const Plan& plan, const index::Snapshot& snapshot, std::vector<SegmentExecutor>& executors,
                       const Bm25Options& options)
    : plan_(plan), options_(options), average_length_(snapshot.average_length()) {
  const double n_docs = static_cast<double>(snapshot.live_documents());
  for (const auto& t : plan.scored) {
    double df = 0;
    for (auto& e : executors) {
      if (const ResolvedTerm* r = e.resolve(t.term)) df += r->info.df;
    }
    // Deleted documents still count in df until a merge: keep N - df from going negative.
    const double idf = std::log(1.0 + std::max(0.0, n_docs - df + 0.5) / (df + 0.5));
    idf_.push_back(idf);
    factor_.push_back(t.weight * idf * (options_.k1 + 1.0));
  }
}

namespace {

// The keep-th largest of `values` (REQUIRES: 0 < keep <= values.size()); reorders them.
double kth_largest(std::vector<double>* values, std::size_t keep) {
  auto nth = values->begin() + static_cast<std::ptrdiff_t>(keep - 1);
  std::nth_element(values->begin(), nth, values->end(), std::greater<double>());
  return *nth;
}

}  // namespace

void Bm25Scorer::score(SegmentExecutor& executor, const index::Segment& segment, const DocSet& docs, std::size_t keep,
                       double floor, std::vector<double>* scores) const {
  const std::size_t n = docs.size();
  scores->assign(n, 0.0);
  if (n == 0) return;
  const double k1 = options_.k1;
  const double b = options_.b;

  // The terms present here, strongest possible contribution first.
  struct Term {
    const postings::PostingListView* list;
    double factor;
    double bound;  // factor * tf / (tf + K) at the list's largest tf and the smallest K
  };
  std::vector<Term> terms;
  for (std::size_t t = 0; t < plan_.scored.size(); ++t) {
    const ResolvedTerm* r = executor.resolve(plan_.scored[t].term);
    if (r == nullptr || factor_[t] <= 0.0) continue;
    const double mf = std::max<double>(1.0, r->list.max_freq());
    const double k_min = k1 * (1.0 - b);
    const double bound = factor_[t] * mf / (mf + k_min);
    // Alternatives with the very same postings are scored as one term of summed weight.
    auto same = std::find_if(terms.begin(), terms.end(), [&](const Term& x) { return same_list(*x.list, r->list); });
    if (same != terms.end()) {
      same->factor += factor_[t];
      same->bound += bound;
    } else {
      terms.push_back({&r->list, factor_[t], bound});
    }
  }
  if (terms.empty()) return;
  std::stable_sort(terms.begin(), terms.end(), [](const Term& x, const Term& y) { return x.bound > y.bound; });
  std::vector<double> remaining(terms.size(), 0.0);  // most the terms after t can add
  for (std::size_t t = terms.size() - 1; t > 0; --t) remaining[t - 1] = remaining[t] + terms[t].bound;

  // K(d) once per document, shared by every term.
  std::vector<double> norm(n);
  const double inv_avg = average_length_ > 0.0 ? 1.0 / average_length_ : 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    norm[i] = k1 * (1.0 - b + b * static_cast<double>(segment.doc_length(docs[i])) * inv_avg);
  }

  const bool prune = keep < n || floor > -std::numeric_limits<double>::infinity();
  std::vector<std::uint32_t> active(n);  // indexes into docs of the documents still in play
  for (std::size_t i = 0; i < n; ++i) active[i] = static_cast<std::uint32_t>(i);
  DocSet active_docs = docs;
  std::vector<std::uint32_t> freqs(n);
  std::vector<double> partial;
  double* out = scores->data();
  for (std::size_t t = 0; t < terms.size(); ++t) {
    frequencies(*terms[t].list, active_docs, freqs.data());
    const double factor = terms[t].factor;
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (std::size_t j = 0; j < active.size(); ++j) {
      const double f = freqs[j];
      double& score = out[active[j]];
      if (f > 0) score += factor * f / (f + norm[active[j]]);
      low = std::min(low, score);
      high = std::max(high, score);
    }
    if (!prune || t + 1 == terms.size()) continue;
    // Nothing can be cut while the spread of scores is within what the rest may add.
    if (low + remaining[t] >= std::max(high, floor)) continue;
    double theta = floor;
    if (keep > 0 && keep < active.size()) {
      partial.clear();
      for (std::uint32_t i : active) partial.push_back(out[i]);
      theta = std::max(theta, kth_largest(&partial, keep));
    }
    // A margin for rounding: the full sum is added in the same order, but do not bet on it.
    const double cut = theta - remaining[t] - 1e-9 * std::abs(theta);
    std::size_t kept = 0;
    for (std::size_t j = 0; j < active.size(); ++j) {
      if (out[active[j]] < cut) {
        out[active[j]] = -std::numeric_limits<double>::infinity();
      } else {
        active[kept] = active[j];
        active_docs[kept] = active_docs[j];
        ++kept;
      }
    }
    active.resize(kept);
    active_docs.resize(kept);
    if (kept == 0) break;
  }
}

void Bm25Scorer::frequencies(const postings::PostingListView& list, const DocSet& docs, std::uint32_t* freqs) {
  // Probing costs some hundred instructions per document (skip search, block decode);
  // decoding a whole list a few per posting. So a list up to kDecodeRatio times longer than
  // the documents asked for is decoded whole and merged with them.
  constexpr std::size_t kDecodeRatio = 8;
  if (static_cast<std::size_t>(list.size()) > kDecodeRatio * docs.size()) {
    intersect::lookup_freqs(list, docs, freqs);
    return;
  }
  thread_local std::vector<std::uint32_t> list_docs;
  thread_local std::vector<std::uint32_t> list_freqs;
  list_docs.clear();
  list_freqs.clear();
  list.decode_all(&list_docs, &list_freqs);
  const std::size_t n = docs.size();
  const std::size_t m = list_docs.size();
  std::size_t j = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t d = docs[i];
    while (j < m && list_docs[j] < d) ++j;
    freqs[i] = j < m && list_docs[j] == d ? list_freqs[j] : 0;
  }
}

}  // namespace search::engine
