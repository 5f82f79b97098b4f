// Run-time choice of the SIMD code path.
#include <atomic>
#include <search/error.h>

#include "intersect/kernels.h"
#include "postings/bitpack.h"

namespace search::intersect {

namespace {
Isa detect() noexcept {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) return Isa::kAvx2;
  if (__builtin_cpu_supports("sse4.2")) return Isa::kSse42;
  return Isa::kScalar;
}
std::atomic<Isa> g_active{detect()};
Tuning g_tuning;
}  // namespace

const char* isa_name(Isa isa) noexcept {
  switch (isa) {
    case Isa::kScalar: return "scalar";
    case Isa::kSse42: return "sse4.2";
    case Isa::kAvx2: return "avx2";
  }
  return "unknown";
}

bool isa_supported(Isa isa) noexcept { return static_cast<int>(isa) <= static_cast<int>(best_isa()); }

Isa best_isa() noexcept {
  static const Isa best = detect();
  return best;
}

Isa active_isa() noexcept { return g_active.load(std::memory_order_relaxed); }

void force_isa(Isa isa) {
  if (!isa_supported(isa)) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string("intersect: this CPU does not support ") + isa_name(isa));
  }
  g_active.store(isa, std::memory_order_relaxed);
  postings::set_simd_decoding(isa == Isa::kAvx2);
}

void reset_isa() noexcept {
  g_active.store(best_isa(), std::memory_order_relaxed);
  postings::set_simd_decoding(best_isa() == Isa::kAvx2);
}

const Tuning& tuning() noexcept { return g_tuning; }
void set_tuning(const Tuning& t) noexcept { g_tuning = t; }

namespace detail {
ArrayKernel merge_kernel() noexcept {
  switch (active_isa()) {
    case Isa::kAvx2: return &merge_avx2;
    case Isa::kSse42: return &merge_sse42;
    case Isa::kScalar: break;
  }
  return &merge_scalar;
}
ArrayKernel gallop_kernel() noexcept {
  return active_isa() == Isa::kAvx2 ? &gallop_avx2 : &gallop_scalar;
}
}  // namespace detail

}  // namespace search::intersect
