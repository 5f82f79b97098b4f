#include "rng.h"

#include <stdexcept>

namespace gen {

__extension__ typedef unsigned __int128 Uint128;

AliasTable::AliasTable(const std::vector<std::uint64_t>& weights)
    : size_(static_cast<std::uint32_t>(weights.size())),
      threshold_(weights.size(), UINT32_MAX),
      alias_(weights.size()) {
  if (weights.empty()) throw std::invalid_argument("alias table without weights");
  Uint128 total = 0;
  for (auto w : weights) total += w;
  // Scaled weight of i is weights[i] * n; the average bucket holds exactly `total`.
  std::vector<Uint128> scaled(weights.size());
  std::vector<std::uint32_t> small, large;
  for (std::uint32_t i = 0; i < size_; ++i) {
    alias_[i] = i;
    scaled[i] = static_cast<Uint128>(weights[i]) * size_;
    (scaled[i] < total ? small : large).push_back(i);
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back();
    small.pop_back();
    const std::uint32_t l = large.back();
    threshold_[s] = static_cast<std::uint32_t>((scaled[s] << 32) / total);
    alias_[s] = l;
    scaled[l] -= total - scaled[s];
    if (scaled[l] < total) {
      large.pop_back();
      small.push_back(l);
    }
  }
}

}  // namespace gen
