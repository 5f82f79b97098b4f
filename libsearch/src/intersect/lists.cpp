// Set operations over encoded posting lists, one chunk (65,536 docids) at a time.
//
// Conjunction: the chunks of the smallest list drive; for each, the chunks with the same key
// are found in the other lists (skipping forward through their directories) and combined
// smallest cardinality first:
//   array  x array   decode only the blocks of the larger one that overlap the candidates,
//                    then SIMD merge, or (skewed) gallop over its skip entries and decode
//                    just the blocks that candidates land in;
//   array  x bitmap  probe each candidate;     array x runs: one merge pass;
//   bitmap x bitmap  word-wise AND (fused with the extraction when it is the last step);
//   bitmap x runs    clear the words outside the runs.
#include <algorithm>
#include <cstring>
#include <memory>
#include <search/error.h>

#include "intersect/kernels.h"
#include "postings/chunk.h"

namespace search::intersect {

using postings::ArrayChunk;
using postings::ChunkKind;
using postings::kBlockSize;
using postings::kChunkBits;
using postings::RunsChunk;
using Chunk = PostingListView::Chunk;

namespace {

constexpr std::size_t kChunkCap = 65536 + 64;  // room for a chunk's docids plus slack

// Per-thread buffers, so that a query allocates nothing per chunk.
struct Scratch {
  std::unique_ptr<uint32_t[]> a{new uint32_t[kChunkCap]};
  std::unique_ptr<uint32_t[]> b{new uint32_t[kChunkCap]};
  std::unique_ptr<uint32_t[]> c{new uint32_t[kChunkCap]};
  alignas(32) uint64_t bits[detail::kWords];
};
Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

const uint8_t* end_of(const PostingListView& v) {
  return reinterpret_cast<const uint8_t*>(v.bytes().data()) + v.bytes().size();
}

inline bool bit_set(const uint8_t* body, uint32_t docid) {
  uint32_t low = docid & 0xFFFF;
  return (body[low >> 3] >> (low & 7)) & 1;
}

// ---- Decoding whole containers ----

// Decodes the blocks of an array chunk that may hold docids in [lo, hi].
std::size_t decode_array(const ArrayChunk& a, uint32_t lo, uint32_t hi, uint32_t* out) {
  std::size_t n = 0;
  for (uint32_t b = a.find_block(lo, 0); b < a.block_count(); ++b) {
    n += a.decode(b, out + n);
    if (a.last(b) >= hi) break;
  }
  return n;
}

std::size_t expand_runs(const RunsChunk& r, uint32_t* out) {
  std::size_t n = 0;
  for (uint32_t k = 0; k < r.count(); ++k) {
    for (uint32_t d = r.start(k), e = r.end(k);; ++d) {
      out[n++] = d;
      if (d == e) break;
    }
  }
  return n;
}

void runs_to_bitmap(const RunsChunk& r, uint64_t* bits) {
  std::memset(bits, 0, detail::kWords * 8);
  for (uint32_t k = 0; k < r.count(); ++k) {
    for (uint32_t d = r.start(k) & 0xFFFF, e = r.end(k) & 0xFFFF;; ++d) {
      bits[d >> 6] |= uint64_t{1} << (d & 63);
      if (d == e) break;
    }
  }
}

// Decodes any container to an array (union and difference use this).
std::size_t decode_chunk(const Chunk& c, const uint8_t* end, uint32_t* out) {
  switch (c.kind) {
    case ChunkKind::kArray: {
      ArrayChunk a(c, end);
      std::size_t n = 0;
      for (uint32_t b = 0; b < a.block_count(); ++b) n += a.decode(b, out + n);
      return n;
    }
    case ChunkKind::kBitmap: {
      std::size_t n = detail::bitmap_extract_raw(c.body, uint32_t{c.key} << kChunkBits, out);
      if (n != c.card) postings::throw_corrupt("posting list: bitmap chunk " + std::to_string(c.key) + " cardinality mismatch");
      return n;
    }
    case ChunkKind::kRuns:
      return expand_runs(RunsChunk(c), out);
  }
  return 0;
}

// ---- Filters: keep the candidates (sorted) that the container holds ----

std::size_t filter_bitmap(const uint32_t* in, std::size_t n, const uint8_t* body, uint32_t* out) {
  if (n >= 8) return detail::bitmap_filter(in, n, body, out);
  std::size_t k = 0;  // a few candidates (skewed lists): inline, no dispatch
  for (std::size_t i = 0; i < n; ++i) {
    out[k] = in[i];
    k += bit_set(body, in[i]);
  }
  return k;
}

std::size_t filter_bits(const uint32_t* in, std::size_t n, const uint64_t* bits, uint32_t* out) {
  return detail::bitmap_filter(in, n, reinterpret_cast<const uint8_t*>(bits), out);
}

std::size_t filter_runs(const uint32_t* in, std::size_t n, const RunsChunk& r, uint32_t* out) {
  std::size_t k = 0;
  uint32_t run = 0;
  for (std::size_t i = 0; i < n; ++i) {
    uint32_t x = in[i];
    while (run < r.count() && r.end(run) < x) ++run;
    if (run == r.count()) break;
    out[k] = x;
    k += x >= r.start(run);
  }
  return k;
}

// Candidates x an array chunk. out must not overlap in; tmp has room for a chunk.
std::size_t and_array_chunk(const uint32_t* in, std::size_t n, const ArrayChunk& a, uint32_t* out,
                            uint32_t* tmp) {
  if (n == 0) return 0;
  if (a.card() >= uint64_t{tuning().probe_ratio} * n) {
    // Skewed: decode only the blocks that candidates fall in, and find each candidate in
    // its block by a branch-free binary search of fixed depth. A short last block is padded
    // with kEndDocid (above every docid), and the block's last docid is >= x, so the
    // search ends inside the block.
    static_assert(kBlockSize == 128, "the search below is unrolled for blocks of 128");
    alignas(32) uint32_t block[kBlockSize];
    uint32_t b = 0, decoded = ~0u;
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i) {
      uint32_t x = in[i];
      b = a.find_block(x, b);
      if (b == a.block_count()) break;
      if (b != decoded) {
        uint32_t len = a.decode(b, block);
        std::fill(block + len, block + kBlockSize, postings::kEndDocid);
        decoded = b;
      }
      const uint32_t* p = block;
      p += p[63] < x ? 64 : 0;  // unrolled by hand: GCC -O2 keeps the loop form
      p += p[31] < x ? 32 : 0;
      p += p[15] < x ? 16 : 0;
      p += p[7] < x ? 8 : 0;
      p += p[3] < x ? 4 : 0;
      p += p[1] < x ? 2 : 0;
      p += p[0] < x ? 1 : 0;
      out[k] = x;
      k += *p == x;
    }
    return k;
  }
  std::size_t m = decode_array(a, in[0], in[n - 1], tmp);
  return detail::intersect_arrays(in, n, tmp, m, out);
}

// The order in which a chunk's containers are combined: the smallest drives; after it the
// bitmaps and runs (a probe per candidate, and they thin the candidates out) before the
// arrays, smallest first within each group (an array has to be decoded block by block,
// and with fewer candidates fewer of its blocks are touched).
void combine_order(const Chunk* cs, std::size_t k, std::size_t* order) {
  if (k == 2) {  // the common case, without the general machinery
    order[0] = cs[1].card < cs[0].card;
    order[1] = 1 - order[0];
    return;
  }
  auto before = [cs](std::size_t x, std::size_t y) { return cs[x].card < cs[y].card; };
  for (std::size_t i = 0; i < k; ++i) order[i] = i;
  std::size_t first = static_cast<std::size_t>(std::min_element(order, order + k, before) - order);
  std::swap(order[0], order[first]);
  auto rank = [cs](std::size_t x) { return uint64_t{cs[x].kind == ChunkKind::kArray} << 32 | cs[x].card; };
  for (std::size_t i = 2; i < k; ++i) {  // insertion sort: k is small
    for (std::size_t j = i; j > 1 && rank(order[j]) < rank(order[j - 1]); --j) std::swap(order[j], order[j - 1]);
  }
}

// The conjunction of one chunk's containers (all with the same key); *result points into
// the scratch buffers s.
std::size_t and_chunk(const Chunk* cs, std::size_t k, const uint8_t* const* ends, Scratch& s,
                      const uint32_t** result) {
  std::size_t order[64];
  combine_order(cs, k, order);
  const uint32_t base = uint32_t{cs[0].key} << kChunkBits;
  uint32_t* cur = s.a.get();
  uint32_t* alt = s.b.get();
  bool is_bitmap = false;
  std::size_t n = 0, start = 1;

  const Chunk& first = cs[order[0]];
  if (first.kind == ChunkKind::kBitmap) {  // then every other container is a bitmap or runs
    if (k >= 2 && cs[order[1]].kind == ChunkKind::kBitmap) {
      if (k == 2) {
        *result = s.c.get();
        return detail::bitmap_and_extract(first.body, cs[order[1]].body, base, s.c.get());
      }
      n = detail::bitmap_and(first.body, cs[order[1]].body, s.bits);
      start = 2;
    } else {
      std::memcpy(s.bits, first.body, postings::kBitmapBytes);
    }
    is_bitmap = true;
  } else if (first.kind == ChunkKind::kRuns) {
    RunsChunk r(first);
    if (first.card > postings::kArrayMaxCard && k >= 2 && cs[order[1]].kind != ChunkKind::kArray) {
      runs_to_bitmap(r, s.bits);
      is_bitmap = true;
    } else {
      n = expand_runs(r, cur);
    }
  } else {
    ArrayChunk a(first, ends[order[0]]);
    n = decode_array(a, 0, 0xFFFFFFFFu, cur);
  }

  for (std::size_t i = start; i < k; ++i) {
    const Chunk& c = cs[order[i]];
    if (is_bitmap) {
      if (c.kind == ChunkKind::kBitmap) {
        n = detail::bitmap_and_inplace(s.bits, c.body);
      } else if (c.kind == ChunkKind::kRuns) {
        uint64_t* mask = reinterpret_cast<uint64_t*>(alt);
        runs_to_bitmap(RunsChunk(c), mask);
        n = detail::bitmap_and_inplace(s.bits, reinterpret_cast<const uint8_t*>(mask));
      } else {
        ArrayChunk a(c, ends[order[i]]);
        std::size_t m = decode_array(a, 0, 0xFFFFFFFFu, alt);
        n = filter_bits(alt, m, s.bits, cur);
        is_bitmap = false;
      }
      if (n == 0) return 0;
      continue;
    }
    if (n == 0) return 0;
    switch (c.kind) {
      case ChunkKind::kArray:
        n = and_array_chunk(cur, n, ArrayChunk(c, ends[order[i]]), alt, s.c.get());
        break;
      case ChunkKind::kBitmap:
        n = filter_bitmap(cur, n, c.body, alt);
        break;
      case ChunkKind::kRuns:
        n = filter_runs(cur, n, RunsChunk(c), alt);
        break;
    }
    std::swap(cur, alt);
  }
  if (is_bitmap) {
    *result = s.c.get();
    return detail::bitmap_extract(s.bits, base, s.c.get());
  }
  *result = cur;
  return n;
}

// A driving chunk of a few docids (a rare term's) against one other container: the
// general per-chunk machinery of and_chunk would cost more than the probes themselves.
constexpr uint32_t kFewDocids = 16;

void and_few(const Chunk& few, const uint8_t* few_end, const Chunk& other, const uint8_t* other_end,
             Scratch& s, std::vector<uint32_t>* out) {
  alignas(32) uint32_t in[kBlockSize];  // one block: kFewDocids < kBlockSize
  alignas(32) uint32_t hits[kBlockSize];
  std::size_t n = few.kind == ChunkKind::kRuns ? expand_runs(RunsChunk(few), in) : ArrayChunk(few, few_end).decode(0, in);
  std::size_t m = 0;
  switch (other.kind) {
    case ChunkKind::kBitmap: m = filter_bitmap(in, n, other.body, hits); break;
    case ChunkKind::kArray: m = and_array_chunk(in, n, ArrayChunk(other, other_end), hits, s.c.get()); break;
    case ChunkKind::kRuns: m = filter_runs(in, n, RunsChunk(other), hits); break;
  }
  out->insert(out->end(), hits, hits + m);
}

// Index of the first chunk of v with key >= key, galloping forward from `from`.
uint32_t seek_chunk(const PostingListView& v, uint16_t key, uint32_t from) {
  uint32_t n = v.chunk_count();
  if (from >= n) return from;
  const uint16_t at_from = v.chunk_key(from);
  if (at_from >= key) return from;
  // Keys strictly increase, so the key sits at most key - at_from chunks ahead, and exactly
  // there when the list has every chunk in between (a frequent term): one probe.
  uint32_t guess = from + (key - at_from);
  if (guess < n && v.chunk_key(guess) == key) return guess;
  uint32_t lo = from + 1, step = 1, hi = from + 1;  // key(lo - 1) < key throughout
  while (hi < n && v.chunk_key(hi) < key) {
    lo = hi + 1;
    step <<= 1;
    hi = from + step;
  }
  hi = std::min(hi, n);
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (v.chunk_key(mid) < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}

}  // namespace

namespace detail {
std::size_t bitmap_extract_raw(const uint8_t* body, uint32_t base, uint32_t* out) {
  uint64_t words[kWords];
  std::memcpy(words, body, sizeof words);
  return bitmap_extract(words, base, out);
}
}  // namespace detail

void intersect(std::span<const PostingListView> lists, std::vector<uint32_t>* out) {
  out->clear();
  if (lists.empty()) return;
  std::size_t k = lists.size();
  if (k > 64) throw Error(ErrorCode::kLimit, "intersect: more than 64 lists in one conjunction");
  std::size_t order[64];
  for (std::size_t i = 0; i < k; ++i) order[i] = i;
  std::stable_sort(order, order + k, [&](std::size_t x, std::size_t y) { return lists[x].size() < lists[y].size(); });
  const PostingListView& small = lists[order[0]];
  if (small.empty()) return;
  if (k == 1) {
    small.decode_all(out);
    return;
  }
  out->reserve(small.size());  // one allocation: the result is at most the smallest list
  Scratch& s = scratch();      // once per call: a thread_local costs a guard check per access
  Chunk cs[64];
  const uint8_t* ends[64];
  uint32_t next[64] = {};
  for (std::size_t i = 0; i < k; ++i) ends[i] = end_of(lists[order[i]]);
  for (uint32_t ci = 0; ci < small.chunk_count(); ++ci) {
    uint16_t key = small.chunk_key(ci);
    bool all = true;
    for (std::size_t i = 1; i < k; ++i) {
      const PostingListView& l = lists[order[i]];
      uint32_t at = seek_chunk(l, key, next[i]);
      next[i] = at;
      if (at == l.chunk_count()) return;  // this list has nothing further: nor has the result
      if (l.chunk_key(at) != key) {
        all = false;
        break;
      }
      cs[i] = l.chunk(at);
      next[i] = at + 1;
    }
    if (all) {
      cs[0] = small.chunk(ci);  // read only when every list has the key
      if (k == 2 && cs[0].card <= kFewDocids && cs[0].kind != ChunkKind::kBitmap) {
        and_few(cs[0], ends[0], cs[1], ends[1], s, out);
        continue;
      }
      const uint32_t* r = nullptr;
      std::size_t n = and_chunk(cs, k, ends, s, &r);
      out->insert(out->end(), r, r + n);
    }
  }
}

std::size_t intersect_count(std::span<const PostingListView> lists) {
  std::vector<uint32_t> out;
  intersect(lists, &out);
  return out.size();
}

void intersect(std::span<const uint32_t> docids, const PostingListView& list,
               std::vector<uint32_t>* out) {
  out->clear();
  Scratch& s = scratch();
  const uint8_t* end = end_of(list);
  uint32_t ci = 0;
  for (std::size_t i = 0; i < docids.size();) {
    uint16_t key = static_cast<uint16_t>(docids[i] >> kChunkBits);
    std::size_t j = i;
    while (j < docids.size() && (docids[j] >> kChunkBits) == key) ++j;
    ci = seek_chunk(list, key, ci);
    if (ci == list.chunk_count()) break;
    if (list.chunk_key(ci) == key) {
      Chunk c = list.chunk(ci);
      const uint32_t* in = docids.data() + i;
      uint32_t* o = s.a.get();
      std::size_t n = 0;
      switch (c.kind) {
        case ChunkKind::kArray: n = and_array_chunk(in, j - i, ArrayChunk(c, end), o, s.c.get()); break;
        case ChunkKind::kBitmap: n = filter_bitmap(in, j - i, c.body, o); break;
        case ChunkKind::kRuns: n = filter_runs(in, j - i, RunsChunk(c), o); break;
      }
      out->insert(out->end(), o, o + n);
    }
    i = j;
  }
}

void unite(std::span<const PostingListView> lists, std::vector<uint32_t>* out) {
  out->clear();
  std::size_t k = lists.size();
  std::vector<uint32_t> next(k, 0);
  Scratch& s = scratch();
  while (true) {
    // The smallest chunk key not yet done.
    uint32_t key = 0x10000;
    for (std::size_t i = 0; i < k; ++i) {
      if (next[i] < lists[i].chunk_count()) key = std::min<uint32_t>(key, lists[i].chunk_key(next[i]));
    }
    if (key == 0x10000) return;
    const uint32_t base = key << kChunkBits;
    std::memset(s.bits, 0, sizeof s.bits);
    for (std::size_t i = 0; i < k; ++i) {
      if (next[i] >= lists[i].chunk_count() || lists[i].chunk_key(next[i]) != key) continue;
      Chunk c = lists[i].chunk(next[i]++);
      if (c.kind == ChunkKind::kBitmap) {
        for (std::size_t w = 0; w < detail::kWords; ++w) s.bits[w] |= postings::bitmap_word(c.body, w);
      } else {
        std::size_t n = decode_chunk(c, end_of(lists[i]), s.a.get());
        for (std::size_t t = 0; t < n; ++t) {
          uint32_t low = s.a[t] & 0xFFFF;
          s.bits[low >> 6] |= uint64_t{1} << (low & 63);
        }
      }
    }
    std::size_t n = detail::bitmap_extract(s.bits, base, s.c.get());
    out->insert(out->end(), s.c.get(), s.c.get() + n);
  }
}

void subtract(std::span<const uint32_t> docids, const PostingListView& list,
              std::vector<uint32_t>* out) {
  out->clear();
  Scratch& s = scratch();
  const uint8_t* end = end_of(list);
  uint32_t ci = 0;
  for (std::size_t i = 0; i < docids.size();) {
    uint16_t key = static_cast<uint16_t>(docids[i] >> kChunkBits);
    std::size_t j = i;
    while (j < docids.size() && (docids[j] >> kChunkBits) == key) ++j;
    const uint32_t* in = docids.data() + i;
    ci = seek_chunk(list, key, ci);
    if (ci == list.chunk_count() || list.chunk_key(ci) != key) {
      out->insert(out->end(), in, in + (j - i));
    } else {
      Chunk c = list.chunk(ci);
      uint32_t* o = s.b.get();
      std::size_t k = 0;
      if (c.kind == ChunkKind::kBitmap) {
        for (std::size_t t = 0; t < j - i; ++t) {
          o[k] = in[t];
          k += !bit_set(c.body, in[t]);
        }
      } else {
        std::size_t m = decode_chunk(c, end, s.a.get());
        k = intersect::subtract(in, j - i, s.a.get(), m, o);
      }
      out->insert(out->end(), o, o + k);
    }
    i = j;
  }
}

void subtract(const PostingListView& a, const PostingListView& b, std::vector<uint32_t>* out) {
  std::vector<uint32_t> docids;
  a.decode_all(&docids);
  subtract(docids, b, out);
}

void lookup_freqs(const PostingListView& list, std::span<const uint32_t> docids, uint32_t* freqs) {
  postings::PostingCursor c = list.cursor();
  for (std::size_t i = 0; i < docids.size(); ++i) {
    c.advance(docids[i]);
    freqs[i] = c.docid() == docids[i] ? c.freq() : 0;
  }
}

}  // namespace search::intersect
