// Facet counts (committee, year, outcome) over a whole match set, read from the segments'
// facet columns: per segment, counters in flat arrays indexed by ordinal, year or outcome
// value (no stored records, no maps in the per-document loop); the committee ordinals of
// each segment are mapped to labels once per segment.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <search/searcher.h>

#include "index/snapshot.h"
#include "engine/execute.h"

namespace search::engine {

class FacetCounter {
 public:
  // Counts the facet values of `docs` (local docids of `segment`).
  void add(const index::Segment& segment, const DocSet& docs);
  Facets result() const;

 private:
  static constexpr int kFirstYear = 1800;  // years outside [1800, 2311] go to the slow map
  static constexpr int kYearSlots = 512;
  std::map<std::string, std::uint64_t> committees_;
  std::array<std::uint64_t, kYearSlots> years_{};
  std::map<int, std::uint64_t> other_years_;
  std::array<std::uint64_t, 256> outcomes_{};
  std::vector<std::uint64_t> ordinal_counts_;  // scratch, per segment
};

}  // namespace search::engine
