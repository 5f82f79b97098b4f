// Readers for the three chunk containers of a posting list (format: posting_list.cpp),
// shared by PostingCursor and the intersection kernels. Each reader bounds-checks what it
// touches and throws Error(kCorrupt) on damage, so decoding never reads out of bounds.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

#include "postings/bitpack.h"
#include "postings/posting_list.h"

namespace search::postings {

inline constexpr std::size_t kBitmapBytes = 8192;
inline constexpr std::size_t kBitmapWords = 1024;
inline constexpr std::size_t kArraySkipBytes = 8;  // per block: u16 last, u8 bits, u8 0, u32 offset

[[noreturn]] void throw_corrupt(const std::string& message);

// An array chunk: a skip table (one entry per block of 128) and the bit-packed gap blocks.
class ArrayChunk {
 public:
  ArrayChunk(const PostingListView::Chunk& c, const uint8_t* list_end)
      : skip_(c.body),
        data_(c.body + (c.card + kBlockSize - 1) / kBlockSize * kArraySkipBytes),
        data_size_(c.body_size - (c.card + kBlockSize - 1) / kBlockSize * kArraySkipBytes),
        list_end_(list_end),
        card_(c.card),
        n_blocks_((c.card + kBlockSize - 1) / kBlockSize),
        key_base_(uint32_t{c.key} << kChunkBits) {}

  uint32_t block_count() const { return n_blocks_; }
  uint32_t card() const { return card_; }
  uint32_t key_base() const { return key_base_; }
  // Last docid of block b (full docid, key included).
  uint32_t last(uint32_t b) const { return key_base_ | load_u16(skip_ + b * kArraySkipBytes); }
  uint32_t block_length(uint32_t b) const {
    return b + 1 < n_blocks_ ? kBlockSize : card_ - kBlockSize * (n_blocks_ - 1);
  }
  // First block whose last docid >= target, searching from `from`; block_count() if none.
  uint32_t find_block(uint32_t target, uint32_t from) const {
    // Gallop, then binary search: skewed probes land a few blocks ahead.
    uint32_t lo = from, step = 1, hi = from;
    while (hi < n_blocks_ && last(hi) < target) {
      lo = hi + 1;
      hi += step;
      step <<= 1;
    }
    if (hi > n_blocks_) hi = n_blocks_;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (last(mid) < target) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
  // Decodes block b into out[0 .. 128) (only block_length(b) values are meaningful) and
  // returns block_length(b). Throws Error(kCorrupt) if the block is damaged.
  uint32_t decode(uint32_t b, uint32_t* out) const;

 private:
  const uint8_t* skip_;
  const uint8_t* data_;
  std::size_t data_size_;
  const uint8_t* list_end_;
  uint32_t card_;
  uint32_t n_blocks_;
  uint32_t key_base_;
};

// A run chunk: (start, length - 1) pairs of u16.
class RunsChunk {
 public:
  // Checks that the runs are ordered, disjoint, inside the chunk and add up to the card.
  explicit RunsChunk(const PostingListView::Chunk& c);
  uint32_t count() const { return n_; }
  uint32_t start(uint32_t i) const { return key_base_ | load_u16(body_ + 4 * i); }
  uint32_t end(uint32_t i) const {  // last docid of run i (inclusive)
    return start(i) + load_u16(body_ + 4 * i + 2);
  }

 private:
  const uint8_t* body_;
  uint32_t n_;
  uint32_t key_base_;
};

inline uint64_t bitmap_word(const uint8_t* body, std::size_t w) { return load_u64(body + 8 * w); }

}  // namespace search::postings
