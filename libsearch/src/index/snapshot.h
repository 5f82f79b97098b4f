// The internal reader API for query execution: one committed generation, as its segments
// and their deletions. Obtain it from a public IndexReader with snapshot_of().
//
// Docids: each segment numbers its documents 0 .. doc_count() - 1; a snapshot-wide docid
// is doc_base + local docid (segments in manifest order, so merges keep docid order).
// Deleted documents still appear in posting lists; check is_live() (or skip them via
// SegmentRef::tombstones) before counting or scoring.
//
// Statistics for BM25: live_documents() and average_length() count live documents only;
// doc_freq() sums segment document frequencies, which include deleted documents until a
// merge drops them (as in Lucene), so scores may shift slightly after a merge of segments
// that had deletions (with no deletions, merged and unmerged indexes score identically).
//
// Thread-safety: everything here is immutable; any number of threads may read it. The
// snapshot keeps every segment's files mapped for as long as a shared_ptr to it lives.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <search/index_reader.h>

#include "index/manifest.h"
#include "index/segment.h"

namespace search::index {

struct SegmentRef {
  std::shared_ptr<const Segment> segment;
  std::shared_ptr<const Tombstones> tombstones;  // never null (empty when nothing deleted)
  std::uint64_t doc_base = 0;                    // snapshot-wide docid of local docid 0
  bool is_live(std::uint32_t doc) const { return !tombstones->is_deleted(doc); }
  std::uint32_t live_count() const { return segment->doc_count() - tombstones->deleted_count(); }
};

class Snapshot {
 public:
  // Opens generation `generation` of `dir`, reusing segments of `previous` when given.
  // Throws kNotFound if a file of the generation is missing (a writer removed it: retry
  // with the newest generation), kCorrupt, kUnsupported.
  static std::shared_ptr<const Snapshot> open(Env* env, const std::string& dir, std::uint64_t generation,
                                              const Snapshot* previous);
  // Opens the newest generation, retrying when a concurrent commit removes its files.
  static std::shared_ptr<const Snapshot> open_newest(Env* env, const std::string& dir, const Snapshot* previous);

  std::uint64_t generation() const { return manifest_.generation; }
  const Manifest& manifest() const { return manifest_; }
  const std::vector<SegmentRef>& segments() const { return segments_; }
  std::uint64_t total_documents() const { return total_docs_; }   // live + deleted
  std::uint64_t live_documents() const { return live_docs_; }
  std::uint64_t live_length() const { return live_length_; }     // body tokens of live docs
  double average_length() const {
    return live_docs_ == 0 ? 0.0 : static_cast<double>(live_length_) / static_cast<double>(live_docs_);
  }
  // Sum over segments of the term's document frequency.
  std::uint64_t doc_freq(std::string_view term) const;
  // The live document with record id `id` (via its Q term): segment index and local docid.
  bool find_id(std::string_view id, std::size_t* segment, std::uint32_t* doc) const;
  const std::string& directory() const { return dir_; }
  Env* env() const { return env_; }

 private:
  Env* env_ = nullptr;
  std::string dir_;
  Manifest manifest_;
  std::vector<SegmentRef> segments_;
  std::uint64_t total_docs_ = 0;
  std::uint64_t live_docs_ = 0;
  std::uint64_t live_length_ = 0;
};

// The snapshot of a public reader. It outlives the reader if the caller keeps the pointer.
std::shared_ptr<const Snapshot> snapshot_of(const IndexReader& reader);

}  // namespace search::index
