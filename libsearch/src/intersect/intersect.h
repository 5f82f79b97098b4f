// Posting-list set operations: the performance core of query execution.
//
// Conjunction (AND), union (OR) and difference (NOT) over encoded posting lists
// (postings::PostingListView) and over plain sorted docid arrays. Lists are worked through
// chunk by chunk (65,536 docids); per pair of containers the kernel is chosen by kind and
// size: array x array by a SIMD block merge when sizes are similar and by galloping over
// block skip entries when skewed (only blocks that can match are decoded); array x bitmap
// by probing; bitmap x bitmap by a word-wise AND. k-way conjunctions start with the
// smallest list.
//
// SIMD: AVX2 and SSE4.2 kernels are compiled with __attribute__((target)) and chosen at run
// time (__builtin_cpu_supports); the scalar code is the fallback. force_isa() pins a code
// path for tests and benchmarks.
//
// All docid inputs must be sorted strictly increasing (as posting lists are); results are
// sorted strictly increasing. Functions are thread-safe (no shared mutable state besides the
// process-wide ISA choice, which tests and benchmarks set before starting work).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "postings/posting_list.h"

namespace search::intersect {

using postings::PostingListView;

// ---- Code path selection ----
enum class Isa : uint8_t { kScalar = 0, kSse42 = 1, kAvx2 = 2 };

const char* isa_name(Isa isa) noexcept;  // "scalar", "sse4.2", "avx2"
bool isa_supported(Isa isa) noexcept;    // what this CPU can run
Isa best_isa() noexcept;                 // the best supported path
Isa active_isa() noexcept;               // the path in use (best_isa() unless forced)
// Pins the code path for the whole process. Throws Error(kInvalidArgument) if the CPU
// does not support it. Not synchronised with running intersections: set it before.
void force_isa(Isa isa);
void reset_isa() noexcept;  // back to best_isa()

// RAII form of force_isa for tests.
class ScopedIsa {
 public:
  explicit ScopedIsa(Isa isa) : previous_(active_isa()) { force_isa(isa); }
  ~ScopedIsa() { force_isa(previous_); }
  ScopedIsa(const ScopedIsa&) = delete;
  ScopedIsa& operator=(const ScopedIsa&) = delete;

 private:
  Isa previous_;
};

// Switch-over points between kernels, measured warm and cold by `bench-intersect --sweep`
// (bench/README.md has the sweep).
struct Tuning {
  // Plain arrays: gallop (search the larger in strides / exponentially) when the larger
  // input is at least this many times the smaller; SIMD merge otherwise. Sweep: 8 is
  // within 10% of the best ratio on every skewed shape, warm and cold (64 was up to 1.9x
  // slower at 16:1 to 64:1).
  uint32_t gallop_ratio = 8;
  // Encoded array chunks: when the chunk holds at least this many times as many docids as
  // there are candidates, decode only the blocks that candidates fall in (found through the
  // skip entries) and search each candidate in its block; otherwise decode the chunk's
  // overlapping blocks and intersect the arrays. Sweep: 16 is within 8% of the best on
  // every skewed shape, warm and cold (64 was up to 2x slower at 16:1 to 128:1).
  uint32_t probe_ratio = 16;
};
const Tuning& tuning() noexcept;
void set_tuning(const Tuning& t) noexcept;  // benchmarks only

// ---- Plain arrays ----
// Each returns the number of docids written to `out`.
// REQUIRES: a and b sorted strictly increasing; `out` does not overlap a or b.
// intersect: out has room for min(na, nb) values.
std::size_t intersect(const uint32_t* a, std::size_t na, const uint32_t* b, std::size_t nb,
                      uint32_t* out);
// unite: out has room for na + nb values.
std::size_t unite(const uint32_t* a, std::size_t na, const uint32_t* b, std::size_t nb,
                  uint32_t* out);
// subtract: a minus b; out has room for na values.
std::size_t subtract(const uint32_t* a, std::size_t na, const uint32_t* b, std::size_t nb,
                     uint32_t* out);

// ---- Posting lists ----
// All of these replace the contents of *out. They may throw Error(kCorrupt) when a list's
// bytes turn out to be damaged while decoding.

// Docids present in every list (k-way AND; smallest list first). An empty span gives an
// empty result.
void intersect(std::span<const PostingListView> lists, std::vector<uint32_t>* out);
// Docids of a sorted array (e.g. an earlier result or a filter) that are in `list`.
void intersect(std::span<const uint32_t> docids, const PostingListView& list,
               std::vector<uint32_t>* out);
// Docids present in any list (k-way OR).
void unite(std::span<const PostingListView> lists, std::vector<uint32_t>* out);
// Docids of `docids` (sorted) not in `list` (NOT).
void subtract(std::span<const uint32_t> docids, const PostingListView& list,
              std::vector<uint32_t>* out);
// Docids of `a` not in `b`.
void subtract(const PostingListView& a, const PostingListView& b, std::vector<uint32_t>* out);
// Number of docids present in every list, without materialising them.
std::size_t intersect_count(std::span<const PostingListView> lists);

// ---- Term frequencies for scoring ----
// For each docid of the sorted array `docids`, writes the term frequency in `list` to
// freqs[i], or 0 if the docid is not in the list (so it serves AND and OR alike). Decodes
// only the frequency blocks of the docids asked for. `freqs` has room for docids.size().
void lookup_freqs(const PostingListView& list, std::span<const uint32_t> docids,
                  uint32_t* freqs);

}  // namespace search::intersect
