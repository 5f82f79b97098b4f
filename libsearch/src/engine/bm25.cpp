#include "engine/bm25.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "postings/chunk.h"

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
    list_frequencies(*terms[t].list, active_docs, freqs.data());
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

namespace {

using postings::kBlockSize;

// The frequency of the posting of a given rank, decoding each frequency block once.
class FreqBlocks {
 public:
  explicit FreqBlocks(const postings::PostingListView& list) : list_(list) {}
  std::uint32_t at(std::uint32_t rank) {
    const std::uint32_t block = rank / kBlockSize;
    if (block != block_) {
      list_.decode_freq_block(block, values_);
      block_ = block;
    }
    return values_[rank % kBlockSize];
  }

 private:
  const postings::PostingListView& list_;
  std::uint32_t block_ = 0xFFFFFFFFu;
  std::uint32_t values_[kBlockSize];
};

// Bitmap chunk: the rank of a docid is the postings in the words before its word plus the
// bits below it in its word; the words are counted once, walking with the docids.
template <typename Popcount>
void bitmap_ranks(const postings::PostingListView::Chunk& chunk, const std::uint32_t* docs, std::size_t n,
                  std::uint32_t* ranks, Popcount popcount) {
  std::uint32_t word_index = 0;
  std::uint32_t rank = chunk.rank_base;  // postings before word `word_index`
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t low = docs[i] & 0xFFFFu;
    const std::uint32_t target = low >> 6;
    for (; word_index < target; ++word_index) rank += popcount(postings::bitmap_word(chunk.body, word_index));
    const std::uint64_t word = postings::bitmap_word(chunk.body, target);
    const std::uint64_t bit = std::uint64_t{1} << (low & 63);
    ranks[i] = (word & bit) != 0 ? rank + popcount(word & (bit - 1)) : kAbsent;
  }
}

__attribute__((target("popcnt"))) void bitmap_ranks_popcnt(const postings::PostingListView::Chunk& chunk,
                                                           const std::uint32_t* docs, std::size_t n,
                                                           std::uint32_t* ranks) {
  bitmap_ranks(chunk, docs, n, ranks, [](std::uint64_t w) { return static_cast<std::uint32_t>(__builtin_popcountll(w)); });
}

void bitmap_ranks_generic(const postings::PostingListView::Chunk& chunk, const std::uint32_t* docs, std::size_t n,
                          std::uint32_t* ranks) {
  bitmap_ranks(chunk, docs, n, ranks, [](std::uint64_t w) { return static_cast<std::uint32_t>(__builtin_popcountll(w)); });
}

const bool kHasPopcnt = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("popcnt");
}();

// Array chunk: each docid's block found through the skips (galloping from the last one),
// each block decoded once. A chunk much smaller than the docids asked for is walked instead,
// each posting searched for among the docids.
void array_ranks(const postings::PostingListView::Chunk& chunk, const std::uint8_t* list_end, const std::uint32_t* docs,
                 std::size_t n, std::uint32_t* ranks) {
  const postings::ArrayChunk array(chunk, list_end);
  alignas(32) std::uint32_t buf[kBlockSize];
  if (std::size_t{array.card()} * 8 < n) {
    std::fill(ranks, ranks + n, kAbsent);
    const std::uint32_t* from = docs;
    for (std::uint32_t b = 0; b < array.block_count(); ++b) {
      const std::uint32_t length = array.decode(b, buf);
      for (std::uint32_t p = 0; p < length; ++p) {
        from = std::lower_bound(from, docs + n, buf[p]);
        if (from == docs + n) return;
        if (*from == buf[p]) ranks[from - docs] = chunk.rank_base + b * kBlockSize + p;
      }
    }
    return;
  }
  std::uint32_t block = 0;
  std::uint32_t loaded = 0xFFFFFFFFu;
  std::uint32_t length = 0;
  std::uint32_t p = 0;
  std::size_t i = 0;
  for (; i < n; ++i) {
    const std::uint32_t doc = docs[i];
    block = array.find_block(doc, block);
    if (block == array.block_count()) break;
    if (block != loaded) {
      length = array.decode(block, buf);
      loaded = block;
      p = 0;
    }
    while (p < length && buf[p] < doc) ++p;
    ranks[i] = p < length && buf[p] == doc ? chunk.rank_base + block * kBlockSize + p : kAbsent;
  }
  for (; i < n; ++i) ranks[i] = kAbsent;
}

void run_ranks(const postings::PostingListView::Chunk& chunk, const std::uint32_t* docs, std::size_t n,
               std::uint32_t* ranks) {
  const postings::RunsChunk runs(chunk);
  std::uint32_t k = 0;
  std::uint32_t rank = chunk.rank_base;  // postings before run k
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t doc = docs[i];
    while (k < runs.count() && runs.end(k) < doc) {
      rank += runs.end(k) - runs.start(k) + 1;
      ++k;
    }
    ranks[i] = k < runs.count() && runs.start(k) <= doc ? rank + (doc - runs.start(k)) : kAbsent;
  }
}

}  // namespace

// One pass over the list's chunks with the docids: each chunk holding some of them is
// searched by its own container's means (bit ranks, block skips, runs). Nothing is
// materialised.
void list_ranks(const postings::PostingListView& list, std::span<const std::uint32_t> docs, std::uint32_t* ranks) {
  const std::size_t n = docs.size();
  const auto* list_end = reinterpret_cast<const std::uint8_t*>(list.bytes().data()) + list.bytes().size();
  std::size_t i = 0;
  const std::uint32_t chunks = list.chunk_count();
  for (std::uint32_t c = 0; c < chunks && i < n; ++c) {
    const std::uint32_t key = list.chunk_key(c);
    while (i < n && (docs[i] >> postings::kChunkBits) < key) ranks[i++] = kAbsent;
    std::size_t j = i;
    while (j < n && (docs[j] >> postings::kChunkBits) == key) ++j;
    if (j == i) continue;
    const postings::PostingListView::Chunk chunk = list.chunk(c);
    switch (chunk.kind) {
      case postings::ChunkKind::kBitmap:
        if (kHasPopcnt) {
          bitmap_ranks_popcnt(chunk, docs.data() + i, j - i, ranks + i);
        } else {
          bitmap_ranks_generic(chunk, docs.data() + i, j - i, ranks + i);
        }
        break;
      case postings::ChunkKind::kArray:
        array_ranks(chunk, list_end, docs.data() + i, j - i, ranks + i);
        break;
      case postings::ChunkKind::kRuns:
        run_ranks(chunk, docs.data() + i, j - i, ranks + i);
        break;
    }
    i = j;
  }
  for (; i < n; ++i) ranks[i] = kAbsent;
}

// Ranks first, then only the frequency blocks of found postings are decoded.
void list_frequencies(const postings::PostingListView& list, std::span<const std::uint32_t> docs,
                      std::uint32_t* freqs) {
  list_ranks(list, docs, freqs);
  FreqBlocks freq_blocks(list);
  for (std::size_t i = 0; i < docs.size(); ++i) freqs[i] = freqs[i] == kAbsent ? 0 : freq_blocks.at(freqs[i]);
}

}  // namespace search::engine
