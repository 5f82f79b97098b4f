#include "engine/facet_counter.h"

#include <algorithm>

namespace search::engine {

void FacetCounter::add(const index::Segment& segment, const DocSet& docs) {
  const index::FacetColumns& f = segment.facets();
  ordinal_counts_.assign(f.committee_label_count(), 0);
  const auto& committees = f.committees();
  const auto& years = f.years();
  const auto& outcomes = f.outcomes();
  for (std::uint32_t doc : docs) {
    for (std::uint32_t i = committees.offsets[doc], e = committees.offsets[doc + 1]; i < e; ++i) {
      ++ordinal_counts_[committees.values[i]];
    }
    for (std::uint32_t i = years.offsets[doc], e = years.offsets[doc + 1]; i < e; ++i) {
      const int slot = static_cast<int>(years.values[i]) - kFirstYear;
      if (slot >= 0 && slot < kYearSlots) {
        ++years_[slot];
      } else {
        ++other_years_[years.values[i]];
      }
    }
    for (std::uint32_t i = outcomes.offsets[doc], e = outcomes.offsets[doc + 1]; i < e; ++i) {
      ++outcomes_[outcomes.values[i]];
    }
  }
  for (std::size_t o = 0; o < ordinal_counts_.size(); ++o) {
    if (ordinal_counts_[o] > 0) {
      committees_[std::string(f.committee_label(static_cast<std::uint16_t>(o)))] += ordinal_counts_[o];
    }
  }
}

namespace {

void sort_by_count(std::vector<FacetCount>* v) {
  std::sort(v->begin(), v->end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
}

}  // namespace

Facets FacetCounter::result() const {
  Facets out;
  for (const auto& [label, count] : committees_) out.committee.push_back({label, count});
  sort_by_count(&out.committee);
  std::map<int, std::uint64_t> years = other_years_;
  for (int s = 0; s < kYearSlots; ++s) {
    if (years_[s] > 0) years[s + kFirstYear] += years_[s];
  }
  for (auto it = years.rbegin(); it != years.rend(); ++it) out.year.push_back({std::to_string(it->first), it->second});
  for (int o = 0; o < 256; ++o) {
    if (outcomes_[o] == 0) continue;
    std::string name = o < kOutcomeCount ? std::string(outcome_name(static_cast<Outcome>(o))) : "outcome" + std::to_string(o);
    out.outcome.push_back({std::move(name), outcomes_[o]});
  }
  sort_by_count(&out.outcome);
  return out;
}

}  // namespace search::engine
