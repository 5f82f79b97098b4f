// TERM body layout (integers little-endian, varints LEB128):
//
//   block*      up to 64 terms each:
//                 postings_start varint | positions_start varint   (absolute body offsets)
//                 entry*: shared varint | suffix_len varint | suffix bytes |
//                         df varint | postings_size varint | positions_size varint
//               A term's postings/positions offsets are its block's start plus the sizes
//               of the entries before it in the block. `shared` counts the bytes the term
//               shares with the previous term of the same block (0 for the first).
//   index       per block: first_term (varint length + bytes) | offset varint | size varint
//   trailer     index_offset u64 | block_count u32 | term_count u64
//
// Lookup: binary search of the in-memory block index, then a scan of one block.
#include "index/term_dict.h"

#include <algorithm>

namespace search::index {
namespace {

constexpr std::uint32_t kTermsPerBlock = 64;
constexpr std::size_t kTrailerSize = 20;

std::size_t shared_prefix(std::string_view a, std::string_view b) {
  std::size_t n = std::min(a.size(), b.size());
  std::size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

}  // namespace

void TermDictBuilder::add(std::string_view term, const TermInfo& info) {
  if (block_terms_ == kTermsPerBlock) flush_block();
  if (block_terms_ == 0) {
    put_varint(block_, info.postings_offset);
    put_varint(block_, info.positions_offset);
    put_bytes(index_, term);
    put_varint(index_, file_->body_size());
    last_term_.clear();
  }
  std::size_t shared = shared_prefix(last_term_, term);
  put_varint(block_, shared);
  put_bytes(block_, term.substr(shared));
  put_varint(block_, info.df);
  put_varint(block_, info.postings_size);
  put_varint(block_, info.positions_size);
  last_term_.assign(term);
  ++block_terms_;
  ++term_count_;
}

void TermDictBuilder::flush_block() {
  if (block_terms_ == 0) return;
  put_varint(index_, block_.size());
  file_->append(block_);
  block_.clear();
  block_terms_ = 0;
  ++block_count_;
}

void TermDictBuilder::finish() {
  flush_block();
  std::uint64_t index_offset = file_->body_size();
  put_u64(index_, index_offset);
  put_u32(index_, block_count_);
  put_u64(index_, term_count_);
  file_->append(index_);
}

TermDict::TermDict(std::unique_ptr<FileView> file) : file_(std::move(file)) {
  std::size_t size = file_->body_size();
  if (size < kTrailerSize) file_->fail("term dictionary too small");
  file_->verify_range(size - kTrailerSize, kTrailerSize);
  Cursor trailer = file_->cursor(size - kTrailerSize, kTrailerSize);
  std::uint64_t index_offset = trailer.u64();
  std::uint32_t block_count = trailer.u32();
  term_count_ = trailer.u64();
  if (index_offset > size - kTrailerSize) file_->fail("block index offset out of range");
  file_->verify_range(index_offset, size - kTrailerSize - index_offset);
  Cursor index = file_->cursor(index_offset, size - kTrailerSize - index_offset);
  blocks_.reserve(block_count);
  std::uint64_t expected = 0;
  for (std::uint32_t i = 0; i < block_count; ++i) {
    Block b;
    b.first_term = index.length_prefixed();
    b.offset = index.varint();
    b.size = index.varint();
    if (b.offset != expected || b.size == 0 || b.offset + b.size > index_offset) {
      index.fail("term block " + std::to_string(i) + " out of range");
    }
    if (i > 0 && b.first_term <= blocks_.back().first_term) {
      index.fail("term blocks out of order at block " + std::to_string(i));
    }
    expected = b.offset + b.size;
    blocks_.push_back(b);
  }
  if (expected != index_offset || !index.at_end()) index.fail("block index does not cover the terms");
}

// One block scanned without rebuilding its terms: `matched` is how many leading bytes of
// the target the previous term (which sorts before the target) shares with it. An entry
// sharing more than that with the previous term also sorts before the target; one sharing
// less sorts after it (the target is absent); only an entry sharing exactly `matched`
// bytes needs its suffix compared.
bool TermDict::lookup(std::string_view target, TermInfo* info) const {
  auto it = std::upper_bound(blocks_.begin(), blocks_.end(), target,
                             [](std::string_view t, const Block& b) { return t < b.first_term; });
  if (it == blocks_.begin()) return false;  // before the first term
  const Block& b = *(it - 1);
  file_->verify_range(b.offset, b.size);
  Cursor c = file_->cursor(b.offset, b.size);
  std::uint64_t postings = c.varint();
  std::uint64_t positions = c.varint();
  std::size_t matched = 0;
  std::size_t previous_size = 0;
  while (!c.at_end()) {
    const std::uint64_t shared = c.varint();
    if (shared > previous_size) c.fail("term prefix longer than the previous term");
    const std::string_view suffix = c.length_prefixed();
    const std::uint32_t df = c.varint32();
    const std::uint32_t postings_size = c.varint32();
    const std::uint32_t positions_size = c.varint32();
    previous_size = shared + suffix.size();
    if (shared < matched) return false;
    if (shared == matched) {
      const std::string_view rest = target.substr(matched);
      const std::size_t n = std::min(rest.size(), suffix.size());
      std::size_t l = 0;
      while (l < n && rest[l] == suffix[l]) ++l;
      if (l == suffix.size() && l == rest.size()) {
        info->df = df;
        info->postings_size = postings_size;
        info->positions_size = positions_size;
        info->postings_offset = postings;
        info->positions_offset = positions;
        return true;
      }
      const bool before = l == suffix.size() ||
                          (l < rest.size() && static_cast<unsigned char>(suffix[l]) < static_cast<unsigned char>(rest[l]));
      if (!before) return false;
      matched += l;
    }
    postings += postings_size;
    positions += positions_size;
  }
  return false;  // the next block starts after the target
}

void TermDict::validate() const {
  file_->verify_all();
  TermIterator it(this);
  std::string previous;
  std::uint64_t count = 0;
  bool first = true;
  for (it.seek_to_first(); it.valid(); it.next()) {
    if (!first && it.term() <= previous) file_->fail("terms out of order at '" + std::string(it.term()) + "'");
    if (it.info().df == 0) file_->fail("term '" + std::string(it.term()) + "' has df 0");
    previous.assign(it.term());
    first = false;
    ++count;
  }
  if (count != term_count_) file_->fail("term count " + std::to_string(count) + " differs from the trailer's " + std::to_string(term_count_));
}

void TermIterator::enter_block(std::size_t block) {
  block_ = block;
  if (block >= dict_->blocks_.size()) {
    valid_ = false;
    return;
  }
  const auto& b = dict_->blocks_[block];
  dict_->file_->verify_range(b.offset, b.size);
  cursor_ = dict_->file_->cursor(b.offset, b.size);
  next_postings_ = cursor_.varint();
  next_positions_ = cursor_.varint();
  term_.clear();
  decode_entry();
}

void TermIterator::decode_entry() {
  std::uint64_t shared = cursor_.varint();
  if (shared > term_.size()) cursor_.fail("term prefix longer than the previous term");
  term_.resize(shared);
  term_.append(cursor_.length_prefixed());
  info_.df = cursor_.varint32();
  info_.postings_size = cursor_.varint32();
  info_.positions_size = cursor_.varint32();
  info_.postings_offset = next_postings_;
  info_.positions_offset = next_positions_;
  next_postings_ += info_.postings_size;
  next_positions_ += info_.positions_size;
  valid_ = true;
}

void TermIterator::next() {
  if (!valid_) return;
  if (cursor_.at_end()) {
    enter_block(block_ + 1);
  } else {
    decode_entry();
  }
}

void TermIterator::seek_to_first() { enter_block(0); }

void TermIterator::seek(std::string_view target) {
  const auto& blocks = dict_->blocks_;
  // The last block whose first term is <= target.
  auto it = std::upper_bound(blocks.begin(), blocks.end(), target,
                             [](std::string_view t, const TermDict::Block& b) { return t < b.first_term; });
  std::size_t block = it == blocks.begin() ? 0 : static_cast<std::size_t>(it - blocks.begin()) - 1;
  enter_block(block);
  while (valid_ && term_ < target) next();
}

}  // namespace search::index
