// The writer's in-memory buffer: documents analysed but not yet written, inverted into
// per-term posting buffers, until a flush writes them as one segment.
//
// Memory layout (why it is fast): the term table is an open-addressing hash table of
// 8-byte slots (hash << 32 | term id + 1) over a vector of fixed-size TermData records,
// the term bytes in one arena, and every term's postings in a byte pool as a chain of
// slices that double in size (as Lucene's ByteBlockPool): appending a posting never
// copies earlier postings and never calls malloc, and a hapax term costs one 16-byte
// slice. The terms of one document arrive as one batch, so the hash-table, term-record
// and slice cache misses of several terms are overlapped by software prefetching.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "index/doc_analysis.h"
#include "index/segment.h"

namespace search::index {

// Not thread-safe: the writer's thread alone adds to it.
class MemorySegment final : public TermConsumer {
 public:
  MemorySegment();
  // A document is added as docid doc_count() by handing its terms to doc_terms() (this
  // class is the TermConsumer of analyze_record), then the rest to add_document().
  void doc_terms(std::span<const DocTerm> terms) override;
  // Throws kLimit past 2^32 - 2 documents.
  void add_document(AnalyzedDoc&& doc);
  std::uint32_t doc_count() const { return static_cast<std::uint32_t>(docs_.size()); }
  bool empty() const { return docs_.empty(); }
  // Approximate bytes held, for the writer's memory budget.
  std::size_t memory_usage() const;
  // Writes everything to `builder` (terms in byte order, then documents).
  void write(SegmentBuilder* builder) const;
  void clear();

 private:
  // Postings of a term, in its slice chain: per doc, doc gap varint | freq varint |
  // (positional terms) freq position varints, the first absolute, then gaps.
  struct TermData {
    std::uint32_t text_offset;
    std::uint32_t text_size;
    std::uint32_t hash;
    std::uint32_t last_doc;
    std::uint32_t df;
    std::uint32_t head;       // pool address of the first slice
    std::uint32_t tail;       // pool address of the next byte to write
    std::uint32_t slice_end;  // pool address of the current slice's next-slice pointer
    std::uint8_t level;       // of the current slice
    bool positional;
  };
  struct StoredDoc {
    std::string encoded_record;
    std::uint32_t length;
    DocFacets facets;
  };
  std::uint32_t find_or_add(std::string_view term, std::uint32_t hash, bool positional);
  void add_posting(TermData& t, const DocTerm& d, std::uint32_t docid);
  void grow();
  std::string_view text(const TermData& t) const { return {text_.data() + t.text_offset, t.text_size}; }

  // ---- byte pool ----
  std::uint8_t* at(std::uint32_t address) const { return pages_[address >> kPageBits].get() + (address & kPageMask); }
  std::uint32_t allocate(std::uint32_t size);
  void next_slice(TermData& t);
  void put_byte(TermData& t, std::uint8_t b) {
    if (t.tail == t.slice_end) next_slice(t);
    *at(t.tail++) = b;
  }
  void put_varint(TermData& t, std::uint32_t v) {
    while (v >= 0x80) {
      put_byte(t, static_cast<std::uint8_t>(v | 0x80));
      v >>= 7;
    }
    put_byte(t, static_cast<std::uint8_t>(v));
  }

  static constexpr std::uint32_t kPageBits = 16;
  static constexpr std::uint32_t kPageSize = 1u << kPageBits;
  static constexpr std::uint32_t kPageMask = kPageSize - 1;

  std::string text_;
  std::vector<TermData> terms_;
  std::vector<std::uint64_t> slots_;
  std::vector<std::unique_ptr<std::uint8_t[]>> pages_;
  std::uint32_t page_used_ = kPageSize;  // bytes used of the last page
  std::vector<StoredDoc> docs_;
  std::size_t heap_bytes_ = 0;
  std::vector<std::uint32_t> candidates_;  // per batch term: its probable term id + 1, or 0
};

}  // namespace search::index
