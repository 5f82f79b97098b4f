// Random numbers for the corpus generator. Our own generators rather than std::
// distributions, whose output differs between standard libraries: the corpus must be the
// same bytes on every machine for a given seed.
#pragma once

#include <cstdint>
#include <vector>

namespace gen {

// splitmix64 step: used to seed and to derive independent streams from keys.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Combines a seed with a key into a new well-mixed seed (order matters).
inline std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t key) {
  std::uint64_t state = seed ^ (key * 0xD1B54A32D192ED03ull);
  splitmix64(state);
  return splitmix64(state);
}

// xoshiro256**: fast, small state, good statistical quality.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& word : state_) word = splitmix64(seed);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n) by multiply-shift; the bias (n / 2^32) is irrelevant here.
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }
  // Uniform in [lo, hi], inclusive.
  int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1))); }
  // True with probability per_mille / 1000.
  bool chance(std::uint32_t per_mille) { return below(1000) < per_mille; }
  // True with probability per_million / 1,000,000.
  bool chance_ppm(std::uint32_t per_million) { return below(1000000) < per_million; }

  // Index drawn by the integer weights (a short table; linear scan).
  template <typename Weights>
  std::size_t weighted(const Weights& weights) {
    std::uint32_t total = 0;
    for (auto w : weights) total += static_cast<std::uint32_t>(w);
    std::uint32_t r = below(total);
    std::size_t i = 0;
    for (auto w : weights) {
      if (r < static_cast<std::uint32_t>(w)) return i;
      r -= static_cast<std::uint32_t>(w);
      ++i;
    }
    return i - 1;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t state_[4];
};

// Walker's alias method: O(1) draws from a fixed discrete distribution. Built with integer
// arithmetic only, so the table (and every draw) is identical on every platform.
class AliasTable {
 public:
  AliasTable() = default;
  explicit AliasTable(const std::vector<std::uint64_t>& weights);

  std::uint32_t sample(Rng& rng) const {
    const std::uint64_t r = rng.next();
    const auto i = static_cast<std::uint32_t>(((r >> 32) * size_) >> 32);
    return static_cast<std::uint32_t>(r) < threshold_[i] ? i : alias_[i];
  }
  std::uint32_t size() const { return size_; }
  // The raw table, for callers that pack it with their own data: bucket i yields i when the
  // low 32 bits of the draw are below threshold(i), else alias(i).
  std::uint32_t threshold(std::uint32_t i) const { return threshold_[i]; }
  std::uint32_t alias(std::uint32_t i) const { return alias_[i]; }

 private:
  std::uint32_t size_ = 0;
  std::vector<std::uint32_t> threshold_;
  std::vector<std::uint32_t> alias_;
};

}  // namespace gen
