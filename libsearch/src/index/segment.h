// One immutable segment: the reader side the query executor works with, and the builder
// that writes one. Docids are local to a segment: 0 .. doc_count() - 1, in the order the
// documents were added to the writer thread that wrote the segment (merges keep the order
// of their inputs).
//
// Files of segment "s000001" (each an index file container, see file_format.h):
//   s000001.term  term dictionary          (term_dict.cpp)
//   s000001.pstg  posting lists            (postings/posting_list.cpp)
//   s000001.posn  positions                (segment.cpp, "POSN body layout")
//   s000001.lens  document lengths         (doc_columns.cpp)
//   s000001.fact  facet columns            (doc_columns.cpp)
//   s000001.stor  stored records, zstd     (stored_fields.cpp)
// Deletions are not part of a segment: they live in per-generation tombstone files
// (manifest.h) and are paired with the segment in a Snapshot.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <search/env.h>
#include <search/record.h>

#include "index/doc_columns.h"
#include "index/file_format.h"
#include "index/stored_fields.h"
#include "index/term_dict.h"
#include "postings/posting_list.h"

namespace search::index {

using postings::PostingCursor;
using postings::PostingListView;

// The positions of one term's postings in one segment. Cheap to construct; used by one
// thread at a time (it caches the decoded group it last looked at). The Segment and the
// posting list must outlive it.
class PositionReader {
 public:
  PositionReader() = default;  // a term without positions: positions() yields nothing
  PositionReader(const FileView* file, const TermInfo& info, PostingListView list);

  bool has_positions() const { return file_ != nullptr; }
  // Replaces *out with the positions (ascending) of the posting with ordinal `rank`
  // (PostingCursor::index()). Decodes only the group of 128 postings holding it, and of
  // that group only the bytes up to this posting. Throws kCorrupt naming the file.
  void positions(std::uint32_t rank, std::vector<std::uint32_t>* out);
  // The positions of every posting in list order, as stored (each posting's varints, the
  // first absolute, then gaps): a merge that keeps every posting copies them unchanged.
  std::string_view data() const;

 private:
  void load_group(std::uint32_t group);

  const FileView* file_ = nullptr;
  PostingListView list_;
  std::uint64_t offset_ = 0;       // of the term's blob in the POSN body
  std::uint32_t size_ = 0;
  std::uint32_t group_count_ = 0;
  std::uint32_t group_ = 0xffffffffu;
  std::uint32_t freqs_[postings::kBlockSize];
  std::uint32_t starts_[postings::kBlockSize + 1];  // byte offsets in the blob, per posting
};

class Segment {
 public:
  // Opens and checks the headers/footers of every file, reads the block index, and fully
  // verifies the small files (lengths, facets). Postings, positions and stored blocks are
  // verified page by page when first read. Every file must carry segment id `id`, as
  // `recorded_by` (the manifest's file name, say) records it. Throws kNotFound, kCorrupt,
  // kUnsupported.
  static std::shared_ptr<const Segment> open(Env* env, const std::string& dir, const std::string& name,
                                             std::uint64_t id, const std::string& recorded_by);

  const std::string& name() const { return name_; }
  std::uint32_t doc_count() const { return lengths_->doc_count(); }

  // ---- terms ----
  const TermDict& terms() const { return *terms_; }
  bool find_term(std::string_view term, TermInfo* info) const { return terms_->lookup(term, info); }
  // The posting list of a term found by find_term or a TermIterator. Throws kCorrupt.
  PostingListView postings(const TermInfo& info) const;
  // An empty list if the term is not in this segment.
  PostingListView postings(std::string_view term) const;
  PositionReader positions(const TermInfo& info, const PostingListView& list) const;

  // ---- per-document columns ----
  std::uint32_t doc_length(std::uint32_t doc) const { return lengths_->length(doc); }
  std::uint64_t total_length() const { return lengths_->total_length(); }
  const FacetColumns& facets() const { return *facets_; }
  const StoredFields& stored() const { return *stored_; }
  // Throws kInvalidArgument when doc >= doc_count(), kCorrupt when damaged.
  Record record(std::uint32_t doc) const { return stored_->get(doc); }

  // Bytes on disk per file kind (extension -> bytes).
  std::vector<std::pair<std::string, std::uint64_t>> file_sizes() const;
  // Verifies every checksum and decodes every structure; throws kCorrupt naming the file.
  void validate() const;

 private:
  Segment() = default;

  std::string name_;
  std::unique_ptr<TermDict> terms_;
  std::unique_ptr<FileView> postings_;
  std::unique_ptr<FileView> positions_;
  std::unique_ptr<DocLengths> lengths_;
  std::unique_ptr<FacetColumns> facets_;
  std::unique_ptr<StoredFields> stored_;
};

// Writes one segment's six files. REQUIRES: add_term() in strictly increasing byte order
// and add_doc() in docid order (the two streams are independent), then finish().
// Destroying an unfinished builder leaves partial files, which the writer removes as
// unreferenced.
class SegmentBuilder {
 public:
  SegmentBuilder(Env* env, const std::string& dir, const std::string& name, int zstd_level);
  ~SegmentBuilder();

  // `positions`: if has_positions, for each posting in order its freqs[i] positions as
  // varints, the first absolute and then gaps. `freqs` may be empty (every freq is 1).
  void add_term(std::string_view term, std::span<const std::uint32_t> docids,
                std::span<const std::uint32_t> freqs, std::string_view positions, bool has_positions);
  void add_doc(std::string_view encoded_record, std::uint32_t length, const DocFacets& facets);
  // Returns the total bytes written.
  std::uint64_t finish();
  std::uint32_t doc_count() const { return columns_.doc_count(); }
  // The random id written into every file's header; the manifest records it.
  std::uint64_t id() const { return id_; }

 private:
  std::string dir_, name_;
  std::uint64_t id_;
  std::unique_ptr<FileBuilder> term_file_, postings_file_, positions_file_, lengths_file_,
      facets_file_, stored_file_;
  std::unique_ptr<TermDictBuilder> dict_;
  std::unique_ptr<StoredFieldsBuilder> stored_;
  DocColumnsBuilder columns_;
  std::string scratch_;
};

}  // namespace search::index
