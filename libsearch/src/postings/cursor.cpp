// PostingCursor: forward iteration with skipping. Array chunks are decoded a block of 128
// at a time; bitmaps are walked word by word, counting bits to keep the posting's ordinal.
#include <algorithm>

#include "postings/chunk.h"
#include "postings/posting_list.h"

namespace search::postings {

namespace {
uint64_t low_mask(uint32_t bits) { return bits == 0 ? 0 : ~uint64_t{0} >> (64 - bits); }

// Set bits in words [begin, end) of a bitmap body: the rank of a seek into a bitmap chunk,
// up to 1,024 words. The build targets baseline x86-64, where __builtin_popcountll is a
// library call; the popcnt instruction is chosen at run time when the CPU has it.
uint32_t count_words_generic(const uint8_t* body, uint32_t begin, uint32_t end) {
  uint32_t n = 0;
  for (uint32_t w = begin; w < end; ++w) n += static_cast<uint32_t>(__builtin_popcountll(bitmap_word(body, w)));
  return n;
}

__attribute__((target("popcnt"))) uint32_t count_words_popcnt(const uint8_t* body, uint32_t begin,
                                                              uint32_t end) {
  uint32_t n = 0;
  for (uint32_t w = begin; w < end; ++w) n += static_cast<uint32_t>(__builtin_popcountll(bitmap_word(body, w)));
  return n;
}

using CountWords = uint32_t (*)(const uint8_t*, uint32_t, uint32_t);
const CountWords count_words = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("popcnt") ? count_words_popcnt : count_words_generic;
}();
}  // namespace

PostingCursor::PostingCursor(const PostingListView& list) : list_(list) {
  if (list_.df_ == 0) {
    set_end();
    return;
  }
  enter_chunk(0, 0);
}

void PostingCursor::set_end() {
  docid_ = kEndDocid;
  rank_ = list_.df_;
  chunk_index_ = list_.n_chunks_;
}

void PostingCursor::load_array_block(uint32_t block) {
  const uint8_t* end = reinterpret_cast<const uint8_t*>(list_.bytes_.data()) + list_.bytes_.size();
  ArrayChunk a(chunk_, end);
  buf_len_ = a.decode(block, buf_);
  block_ = block;
}

// Positions on the first posting >= target in chunk i or a later one.
void PostingCursor::enter_chunk(uint32_t i, uint32_t target) {
  const uint8_t* list_end = reinterpret_cast<const uint8_t*>(list_.bytes_.data()) + list_.bytes_.size();
  for (; i < list_.n_chunks_; ++i) {
    chunk_index_ = i;
    chunk_ = list_.chunk(i);
    uint32_t base = uint32_t{chunk_.key} << kChunkBits;
    if ((target >> kChunkBits) > chunk_.key) continue;
    uint32_t t = std::max(target, base);
    switch (chunk_.kind) {
      case ChunkKind::kArray: {
        ArrayChunk a(chunk_, list_end);
        n_blocks_ = a.block_count();
        uint32_t b = a.find_block(t, 0);
        if (b == n_blocks_) continue;
        load_array_block(b);
        pos_ = static_cast<uint32_t>(std::lower_bound(buf_, buf_ + buf_len_, t) - buf_);
        docid_ = buf_[pos_];
        rank_ = chunk_.rank_base + b * kBlockSize + pos_;
        return;
      }
      case ChunkKind::kBitmap: {
        uint32_t low = t & 0xFFFF, w = low >> 6;
        uint32_t rank = chunk_.rank_base;
        rank += count_words(chunk_.body, 0, w);
        uint64_t word = bitmap_word(chunk_.body, w);
        rank += __builtin_popcountll(word & low_mask(low & 63));
        word &= ~low_mask(low & 63);
        while (word == 0 && ++w < kBitmapWords) word = bitmap_word(chunk_.body, w);
        if (word == 0) continue;
        word_ = word;
        pos_ = w;
        rank_ = rank;
        docid_ = base + w * 64 + static_cast<uint32_t>(__builtin_ctzll(word));
        return;
      }
      case ChunkKind::kRuns: {
        RunsChunk r(chunk_);  // validates the runs once per chunk entered
        n_blocks_ = r.count();
        uint32_t rank = chunk_.rank_base;
        for (uint32_t k = 0; k < n_blocks_; ++k) {
          uint32_t s = r.start(k), e = r.end(k);
          if (e >= t) {
            docid_ = std::max(s, t);
            rank_ = rank + (docid_ - s);
            run_end_ = e;
            pos_ = k;
            return;
          }
          rank += e - s + 1;
        }
        continue;
      }
    }
  }
  set_end();
}

void PostingCursor::next() {
  if (at_end()) return;
  ++rank_;
  switch (chunk_.kind) {
    case ChunkKind::kArray:
      if (++pos_ < buf_len_) {
        docid_ = buf_[pos_];
        return;
      }
      if (block_ + 1 < n_blocks_) {
        load_array_block(block_ + 1);
        pos_ = 0;
        docid_ = buf_[0];
        return;
      }
      break;
    case ChunkKind::kBitmap:
      word_ &= word_ - 1;
      while (word_ == 0) {
        if (++pos_ == kBitmapWords) break;
        word_ = bitmap_word(chunk_.body, pos_);
      }
      if (word_ != 0) {
        docid_ = (uint32_t{chunk_.key} << kChunkBits) + pos_ * 64 +
                 static_cast<uint32_t>(__builtin_ctzll(word_));
        return;
      }
      break;
    case ChunkKind::kRuns:
      if (docid_ < run_end_) {
        ++docid_;
        return;
      }
      if (++pos_ < n_blocks_) {
        uint32_t base = uint32_t{chunk_.key} << kChunkBits;
        docid_ = base | load_u16(chunk_.body + 4 * pos_);
        run_end_ = docid_ + load_u16(chunk_.body + 4 * pos_ + 2);
        return;
      }
      break;
  }
  enter_chunk(chunk_index_ + 1, 0);
}

// Moves forward within the current chunk to the first posting >= target (target is in this
// chunk and > docid_). Returns false if the chunk has none.
bool PostingCursor::seek_in_chunk(uint32_t target) {
  switch (chunk_.kind) {
    case ChunkKind::kArray: {
      if (target > buf_[buf_len_ - 1]) {
        const uint8_t* end = reinterpret_cast<const uint8_t*>(list_.bytes_.data()) + list_.bytes_.size();
        ArrayChunk a(chunk_, end);
        uint32_t b = a.find_block(target, block_ + 1);
        if (b == n_blocks_) return false;
        load_array_block(b);
        pos_ = 0;
      }
      pos_ = static_cast<uint32_t>(std::lower_bound(buf_ + pos_, buf_ + buf_len_, target) - buf_);
      docid_ = buf_[pos_];
      rank_ = chunk_.rank_base + block_ * kBlockSize + pos_;
      return true;
    }
    case ChunkKind::kBitmap: {
      uint32_t low = target & 0xFFFF, tw = low >> 6;
      uint64_t below = low_mask(low & 63);
      if (tw == pos_) {
        rank_ += __builtin_popcountll(word_ & below);
        word_ &= ~below;
      } else {
        rank_ += __builtin_popcountll(word_);
        rank_ += count_words(chunk_.body, pos_ + 1, tw);
        uint64_t full = bitmap_word(chunk_.body, tw);
        rank_ += __builtin_popcountll(full & below);
        word_ = full & ~below;
        pos_ = tw;
      }
      while (word_ == 0) {
        if (++pos_ == kBitmapWords) return false;
        word_ = bitmap_word(chunk_.body, pos_);
      }
      docid_ = (uint32_t{chunk_.key} << kChunkBits) + pos_ * 64 + static_cast<uint32_t>(__builtin_ctzll(word_));
      return true;
    }
    case ChunkKind::kRuns: {
      if (target <= run_end_) {
        rank_ += target - docid_;
        docid_ = target;
        return true;
      }
      rank_ += run_end_ - docid_ + 1;
      uint32_t base = uint32_t{chunk_.key} << kChunkBits;
      for (uint32_t k = pos_ + 1; k < n_blocks_; ++k) {
        uint32_t s = base | load_u16(chunk_.body + 4 * k), e = s + load_u16(chunk_.body + 4 * k + 2);
        if (e >= target) {
          docid_ = std::max(s, target);
          rank_ += docid_ - s;
          run_end_ = e;
          pos_ = k;
          return true;
        }
        rank_ += e - s + 1;
      }
      return false;
    }
  }
  return false;
}

void PostingCursor::advance(uint32_t target) {
  if (target <= docid_) return;  // also covers at_end(): docid_ is kEndDocid there
  if (target > kMaxDocid) {
    set_end();
    return;
  }
  uint32_t key = target >> kChunkBits;
  if (key == chunk_.key) {
    if (seek_in_chunk(target)) return;
    enter_chunk(chunk_index_ + 1, target);
    return;
  }
  enter_chunk(list_.find_chunk(static_cast<uint16_t>(key), chunk_index_ + 1), target);
}

uint32_t PostingCursor::freq() {
  if (!list_.freq_bits_present_) return 1;
  uint32_t b = rank_ / kBlockSize;
  if (b != freq_block_) {
    list_.decode_freq_block(b, freqs_);
    freq_block_ = b;
  }
  return freqs_[rank_ % kBlockSize];
}

uint32_t PostingCursor::block_max_freq() const { return list_.block_max_freq(rank_ / kBlockSize); }

}  // namespace search::postings
