// Merges segments into one: live documents only, in input order (so the relative order
// of documents, and with it every tie-break by docid, survives the merge).
#pragma once

#include <memory>
#include <span>

#include "index/manifest.h"
#include "index/segment.h"

namespace search::index {

struct MergeInput {
  std::shared_ptr<const Segment> segment;
  const Tombstones* tombstones = nullptr;  // null: no deletions
};

// Writes the merged terms and documents to `builder` (not finished). Returns the number of
// documents written.
std::uint32_t merge_segments(std::span<const MergeInput> inputs, SegmentBuilder* builder);

}  // namespace search::index
