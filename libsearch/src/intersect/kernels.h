// Internal kernels of the intersection module, one file per strategy:
//   array_scalar.cpp  merge and galloping on sorted uint32 arrays (portable)
//   array_sse.cpp     SSE4.2 block merge (4 x 4 all-pairs compare, shuffle compaction)
//   array_avx2.cpp    AVX2 block merge (8 x 8)
//   bitmap.cpp        bitmap AND, probes (filters) and extraction of 65,536-bit chunk bitmaps
//   lists.cpp         chunk-wise conjunction, union and difference over posting lists
#pragma once

#include <cstddef>
#include <cstdint>

#include "intersect/intersect.h"

namespace search::intersect::detail {

using ArrayKernel = std::size_t (*)(const uint32_t* a, std::size_t na, const uint32_t* b,
                                    std::size_t nb, uint32_t* out);

// Merge intersections of arrays of similar size. Same contract as intersect(): out has room
// for min(na, nb) and may equal a.
std::size_t merge_scalar(const uint32_t* a, std::size_t na, const uint32_t* b, std::size_t nb,
                         uint32_t* out);
std::size_t merge_sse42(const uint32_t* a, std::size_t na, const uint32_t* b, std::size_t nb,
                        uint32_t* out);
std::size_t merge_avx2(const uint32_t* a, std::size_t na, const uint32_t* b, std::size_t nb,
                       uint32_t* out);
// Galloping: every element of the small array a is searched in the large array b.
std::size_t gallop_scalar(const uint32_t* a, std::size_t na, const uint32_t* b, std::size_t nb,
                          uint32_t* out);
std::size_t gallop_avx2(const uint32_t* a, std::size_t na, const uint32_t* b, std::size_t nb,
                        uint32_t* out);
// The galloping kernel of the active ISA.
ArrayKernel gallop_kernel() noexcept;

// The merge kernel of the active ISA.
ArrayKernel merge_kernel() noexcept;

// Dispatching array intersection (merge or gallop by the size ratio).
inline std::size_t intersect_arrays(const uint32_t* a, std::size_t na, const uint32_t* b,
                                    std::size_t nb, uint32_t* out) {
  if (na == 0 || nb == 0) return 0;
  uint64_t ratio = tuning().gallop_ratio;
  if (nb >= ratio * na) return gallop_kernel()(a, na, b, nb, out);
  if (na >= ratio * nb) return gallop_kernel()(b, nb, a, na, out);
  return merge_kernel()(a, na, b, nb, out);
}

// Lane indices that move the lanes set in an 8-bit mask to the front: the AVX2 kernels
// compact their matches with one permute (vpermd) and a popcount.
struct CompactLanes {
  alignas(32) uint32_t idx[256][8];
  constexpr CompactLanes() : idx() {
    for (int m = 0; m < 256; ++m) {
      int out = 0;
      for (int lane = 0; lane < 8; ++lane) {
        if (m & (1 << lane)) idx[m][out++] = static_cast<uint32_t>(lane);
      }
      for (; out < 8; ++out) idx[m][out] = 0;
    }
  }
};
inline constexpr CompactLanes kCompactLanes;

// ---- Bitmaps of one chunk: 1024 words, possibly unaligned (they come from the file). ----
inline constexpr std::size_t kWords = 1024;
// out[w] = x[w] & y[w]; returns the number of set bits. x and y are raw chunk bodies.
std::size_t bitmap_and(const uint8_t* x, const uint8_t* y, uint64_t* out);
std::size_t bitmap_and_inplace(uint64_t* x, const uint8_t* y);
// Writes base + position of each set bit of x & y to out (room for 65,536); returns count.
std::size_t bitmap_and_extract(const uint8_t* x, const uint8_t* y, uint32_t base, uint32_t* out);
std::size_t bitmap_extract(const uint64_t* x, uint32_t base, uint32_t* out);
std::size_t bitmap_extract_raw(const uint8_t* body, uint32_t base, uint32_t* out);
// Keeps the docids of in[0, n) (all of one chunk) whose bit is set in the chunk bitmap
// `body` (8 KiB, any alignment); returns how many. out has room for n and may equal in.
// AVX2: eight probes per gather.
std::size_t bitmap_filter(const uint32_t* in, std::size_t n, const uint8_t* body, uint32_t* out);

}  // namespace search::intersect::detail
