// The term dictionary of one segment ("TERM" file): every term in byte order, with its
// document frequency and where its posting list and positions are.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "index/file_format.h"

namespace search::index {

struct TermInfo {
  std::uint32_t df = 0;                 // documents containing the term (deleted ones too)
  std::uint64_t postings_offset = 0;    // byte range of the posting list in the PSTG body
  std::uint32_t postings_size = 0;
  std::uint64_t positions_offset = 0;   // byte range of the positions in the POSN body
  std::uint32_t positions_size = 0;     // 0: the term has no positions (non-surface terms)
};

// Writes the TERM body. REQUIRES: add() in strictly increasing byte order, then finish().
class TermDictBuilder {
 public:
  explicit TermDictBuilder(FileBuilder* file) : file_(file) {}
  void add(std::string_view term, const TermInfo& info);
  void finish();
  std::uint64_t term_count() const { return term_count_; }

 private:
  void flush_block();

  FileBuilder* file_;
  std::string block_;
  std::string index_;
  std::string last_term_;
  std::uint64_t next_postings_ = 0;
  std::uint64_t next_positions_ = 0;
  std::uint32_t block_terms_ = 0;
  std::uint32_t block_count_ = 0;
  std::uint64_t term_count_ = 0;
};

class TermDict;

// Walks terms in byte order. Owned by its caller; the TermDict must outlive it.
class TermIterator {
 public:
  explicit TermIterator(const TermDict* dict) : dict_(dict) {}
  bool valid() const { return valid_; }
  std::string_view term() const { return term_; }   // REQUIRES: valid()
  const TermInfo& info() const { return info_; }    // REQUIRES: valid()
  void next();
  // Positions on the first term >= target.
  void seek(std::string_view target);
  void seek_to_first();

 private:
  void enter_block(std::size_t block);
  void decode_entry();

  const TermDict* dict_;
  std::size_t block_ = 0;
  Cursor cursor_{nullptr, nullptr, nullptr};
  std::string term_;
  TermInfo info_;
  std::uint64_t next_postings_ = 0;
  std::uint64_t next_positions_ = 0;
  bool valid_ = false;
};

// A segment's term dictionary over its mapped file. Immutable; thread-safe.
class TermDict {
 public:
  // Reads the block index (verifying its pages). Throws kCorrupt.
  explicit TermDict(std::unique_ptr<FileView> file);

  std::uint64_t term_count() const { return term_count_; }
  bool lookup(std::string_view term, TermInfo* info) const;
  TermIterator iterator() const { return TermIterator(this); }
  const FileView& file() const { return *file_; }
  // Every block decoded and every term checked for order; throws kCorrupt.
  void validate() const;

 private:
  friend class TermIterator;
  struct Block {
    std::string_view first_term;
    std::uint64_t offset;
    std::uint64_t size;
  };

  std::unique_ptr<FileView> file_;
  std::vector<Block> blocks_;
  std::uint64_t term_count_ = 0;
};

}  // namespace search::index
