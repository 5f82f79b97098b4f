// Chunk bitmaps (65,536 bits): word-wise AND (AVX2 or 64-bit scalar) and extraction of the
// set bits as docids. Bitmap bodies come straight from the file, so they are read with
// unaligned loads.
#include <immintrin.h>

#include <cstring>

#include "intersect/kernels.h"

namespace search::intersect::detail {

namespace {

inline uint64_t load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Extracts the set bits of one word, branch-free for up to 4 bits (a mispredicted loop exit
// per word costs more than the AND itself on sparse results); the up to 3 extra stores land
// in out's slack.
__attribute__((target("bmi,popcnt"))) inline uint32_t* extract_word_fast(uint64_t word,
                                                                         uint32_t base,
                                                                         uint32_t* out) {
  int count = __builtin_popcountll(word);
  for (int i = 0; i < 4; ++i) {
    out[i] = base + static_cast<uint32_t>(_tzcnt_u64(word));
    word &= word - 1;
  }
  for (int i = 4; i < count; ++i) {
    out[i] = base + static_cast<uint32_t>(_tzcnt_u64(word));
    word &= word - 1;
  }
  return out + count;
}

inline uint32_t* extract_word(uint64_t word, uint32_t base, uint32_t* out) {
  while (word != 0) {
    *out++ = base + static_cast<uint32_t>(__builtin_ctzll(word));
    word &= word - 1;
  }
  return out;
}

std::size_t and_scalar(const uint8_t* x, const uint8_t* y, uint64_t* out) {
  std::size_t n = 0;
  for (std::size_t w = 0; w < kWords; ++w) {
    out[w] = load64(x + 8 * w) & load64(y + 8 * w);
    n += static_cast<std::size_t>(__builtin_popcountll(out[w]));
  }
  return n;
}

__attribute__((target("avx2,popcnt"))) std::size_t and_avx2(const uint8_t* x, const uint8_t* y,
                                                             uint64_t* out) {
  std::size_t n = 0;
  for (std::size_t w = 0; w < kWords; w += 4) {
    __m256i v = _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + 8 * w)),
                                 _mm256_loadu_si256(reinterpret_cast<const __m256i*>(y + 8 * w)));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + w), v);
    n += static_cast<std::size_t>(__builtin_popcountll(out[w]) + __builtin_popcountll(out[w + 1]) +
                                  __builtin_popcountll(out[w + 2]) + __builtin_popcountll(out[w + 3]));
  }
  return n;
}

__attribute__((target("avx2,popcnt,bmi"))) std::size_t and_extract_avx2(const uint8_t* x,
                                                                         const uint8_t* y,
                                                                         uint32_t base,
                                                                         uint32_t* out) {
  uint32_t* o = out;
  for (std::size_t w = 0; w < kWords; w += 4) {
    __m256i v = _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + 8 * w)),
                                 _mm256_loadu_si256(reinterpret_cast<const __m256i*>(y + 8 * w)));
    if (_mm256_testz_si256(v, v)) continue;
    alignas(32) uint64_t words[4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(words), v);
    for (std::size_t t = 0; t < 4; ++t) o = extract_word_fast(words[t], base + static_cast<uint32_t>((w + t) * 64), o);
  }
  return static_cast<std::size_t>(o - out);
}

std::size_t and_extract_scalar(const uint8_t* x, const uint8_t* y, uint32_t base, uint32_t* out) {
  uint32_t* o = out;
  for (std::size_t w = 0; w < kWords; ++w) {
    o = extract_word(load64(x + 8 * w) & load64(y + 8 * w), base + static_cast<uint32_t>(w * 64), o);
  }
  return static_cast<std::size_t>(o - out);
}

std::size_t filter_scalar(const uint32_t* in, std::size_t n, const uint8_t* body, uint32_t* out) {
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i) {
    uint32_t low = in[i] & 0xFFFF;
    out[k] = in[i];  // stored always, kept only on a hit: no unpredictable branch
    k += (body[low >> 3] >> (low & 7)) & 1;
  }
  return k;
}

// Eight candidates at a time: gather the 32-bit words holding their bits, shift each bit to
// the sign position, and compact the hits with one permute. A store of all eight lanes at
// out + k never passes in + i + 8 (k <= i), so out may be in.
__attribute__((target("avx2,popcnt"))) std::size_t filter_avx2(const uint32_t* in, std::size_t n,
                                                                const uint8_t* body, uint32_t* out) {
  const __m256i low_mask = _mm256_set1_epi32(0xFFFF), bit_mask = _mm256_set1_epi32(31);
  const int* words = reinterpret_cast<const int*>(body);
  std::size_t i = 0, k = 0;
  for (; i + 8 <= n; i += 8) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i));
    __m256i low = _mm256_and_si256(v, low_mask);
    __m256i w = _mm256_i32gather_epi32(words, _mm256_srli_epi32(low, 5), 4);
    __m256i top = _mm256_sllv_epi32(w, _mm256_xor_si256(_mm256_and_si256(low, bit_mask), bit_mask));
    unsigned mask = static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(top)));
    __m256i packed = _mm256_permutevar8x32_epi32(
        v, _mm256_load_si256(reinterpret_cast<const __m256i*>(kCompactLanes.idx[mask])));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + k), packed);
    k += static_cast<std::size_t>(__builtin_popcount(mask));
  }
  return k + filter_scalar(in + i, n - i, body, out + k);
}

}  // namespace

std::size_t bitmap_filter(const uint32_t* in, std::size_t n, const uint8_t* body, uint32_t* out) {
  return active_isa() == Isa::kAvx2 ? filter_avx2(in, n, body, out) : filter_scalar(in, n, body, out);
}

std::size_t bitmap_and(const uint8_t* x, const uint8_t* y, uint64_t* out) {
  return active_isa() == Isa::kAvx2 ? and_avx2(x, y, out) : and_scalar(x, y, out);
}

std::size_t bitmap_and_inplace(uint64_t* x, const uint8_t* y) {
  return bitmap_and(reinterpret_cast<const uint8_t*>(x), y, x);
}

std::size_t bitmap_and_extract(const uint8_t* x, const uint8_t* y, uint32_t base, uint32_t* out) {
  return active_isa() == Isa::kAvx2 ? and_extract_avx2(x, y, base, out)
                                    : and_extract_scalar(x, y, base, out);
}

std::size_t bitmap_extract(const uint64_t* x, uint32_t base, uint32_t* out) {
  uint32_t* o = out;
  if (active_isa() == Isa::kAvx2) {  // every AVX2 CPU has BMI1 and POPCNT
    for (std::size_t w = 0; w < kWords; ++w) {
      if (x[w] != 0) o = extract_word_fast(x[w], base + static_cast<uint32_t>(w * 64), o);
    }
    return static_cast<std::size_t>(o - out);
  }
  for (std::size_t w = 0; w < kWords; ++w) o = extract_word(x[w], base + static_cast<uint32_t>(w * 64), o);
  return static_cast<std::size_t>(o - out);
}

}  // namespace search::intersect::detail
