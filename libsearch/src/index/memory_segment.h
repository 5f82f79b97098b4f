// The writer's in-memory buffer: documents analysed but not yet written, inverted into
// per-term posting buffers, until a flush writes them as one segment.
#pragma once

#include <cstdint>
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
  // A document is added as docid doc_count() by handing its terms to doc_term() (this
  // class is the TermConsumer of analyze_record), then the rest to add_document().
  void doc_term(std::string_view term, std::uint32_t hash, bool positional, std::uint32_t freq,
                const std::uint32_t* positions) override;
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
  struct TermData {
    std::uint32_t text_offset;
    std::uint32_t text_size;
    std::uint32_t hash;
    std::uint32_t last_doc;
    std::uint32_t df;
    bool positional;
    std::string postings;  // per doc: doc gap varint | freq varint | positions varints
  };
  struct StoredDoc {
    std::string encoded_record;
    std::uint32_t length;
    DocFacets facets;
  };
  std::uint32_t find_or_add(std::string_view term, std::uint32_t hash, bool positional);
  void grow();
  std::string_view text(const TermData& t) const { return {text_.data() + t.text_offset, t.text_size}; }

  std::string text_;
  std::vector<TermData> terms_;
  std::vector<std::uint64_t> slots_;
  std::vector<StoredDoc> docs_;
  std::size_t heap_bytes_ = 0;
};

}  // namespace search::index
