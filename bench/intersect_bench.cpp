// bench-intersect: the posting-list intersection core against its baselines, in one run.
//
//   bench-intersect [--quick] [--reps N] [--shape NAME] [--json FILE]
//
// Inputs: sorted unique uint32 lists drawn uniformly from a 10,000,000 universe (seeded),
// shapes 1M x 1M, 100k x 1M, 10k x 1M, 1k x 1M, 100 x 1M and 1M x 500k x 100k. Methods:
//   ours/encoded   search::intersect over the encoded hybrid posting lists (the real thing)
//   ours/array     search::intersect on plain uint32 arrays (run-time SIMD dispatch)
//   std::set_intersection, plain scalar galloping, CRoaring (and + to_uint32_array)
// Each is timed warm (inputs in cache) and cold (a buffer twice the last-level cache is
// streamed through before each run); the median of the repetitions is reported, with the
// throughput (input ints consumed per second), ratios, and our throughput as a fraction of
// the single-core read bandwidth measured here. --quick shrinks everything to seconds (for
// ctest); its numbers mean nothing.
#include <immintrin.h>
#include <roaring/roaring.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <time.h>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "intersect/intersect.h"
#include "postings/posting_list.h"

#ifndef SEARCH_GIT_COMMIT
#define SEARCH_GIT_COMMIT "unknown"
#endif
#ifndef SEARCH_CXX_FLAGS
#define SEARCH_CXX_FLAGS "unknown"
#endif

namespace {


// Thread CPU time in microseconds: the machine may be shared, and CPU time leaves out the
// time spent waiting for a core while still counting every cache miss and memory stall.
double cpu_us() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}
using Docids = std::vector<uint32_t>;
namespace si = search::intersect;

struct Options {
  bool quick = false;
  int reps = 21;
  int cold_reps = 9;
  std::string json;
  std::string shape;  // only this shape (e.g. 100kx1M); all if empty
};

// ---- Machine facts for the header ----

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

std::size_t llc_bytes() {
  long l3 = sysconf(_SC_LEVEL3_CACHE_SIZE);
  if (l3 > 0) return static_cast<std::size_t>(l3);
  std::ifstream in("/sys/devices/system/cpu/cpu0/cache/index3/size");
  std::size_t kb = 0;
  if (in >> kb) return kb * 1024;
  return 32u << 20;
}

std::string croaring_version() {
  return std::to_string(ROARING_VERSION_MAJOR) + "." + std::to_string(ROARING_VERSION_MINOR) + "." +
         std::to_string(ROARING_VERSION_REVISION);
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", std::gmtime(&t));
  return buf;
}

// ---- Cache flushing and bandwidth ----

class Flusher {
 public:
  explicit Flusher(std::size_t bytes) : buf_(bytes / 8, 1) {}
  // Writes and reads the whole buffer so that nothing else stays in any cache level.
  void flush() {
    uint64_t s = 0;
    for (std::size_t i = 0; i < buf_.size(); i += 8) {
      buf_[i] += 1;
      s += buf_[i];
    }
    sink_ += s;
  }
  const std::vector<uint64_t>& buffer() const { return buf_; }
  uint64_t sink_ = 0;

 private:
  std::vector<uint64_t> buf_;
};

__attribute__((target("avx2"))) uint64_t read_all(const uint64_t* p, std::size_t n) {
  __m256i a = _mm256_setzero_si256(), b = a, c = a, d = a;
  for (std::size_t i = 0; i + 16 <= n; i += 16) {
    a = _mm256_add_epi64(a, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)));
    b = _mm256_add_epi64(b, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 4)));
    c = _mm256_add_epi64(c, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 8)));
    d = _mm256_add_epi64(d, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 12)));
  }
  alignas(32) uint64_t t[4];
  _mm256_store_si256(reinterpret_cast<__m256i*>(t),
                     _mm256_add_epi64(_mm256_add_epi64(a, b), _mm256_add_epi64(c, d)));
  return t[0] + t[1] + t[2] + t[3];
}

uint64_t read_all_scalar(const uint64_t* p, std::size_t n) {
  uint64_t a = 0, b = 0, c = 0, d = 0;
  for (std::size_t i = 0; i + 4 <= n; i += 4) {
    a += p[i];
    b += p[i + 1];
    c += p[i + 2];
    d += p[i + 3];
  }
  return a + b + c + d;
}

// Best of 5 sequential reads of a buffer larger than the LLC, in bytes per second.
double read_bandwidth(const Flusher& f) {
  const std::vector<uint64_t>& buf = f.buffer();
  bool avx2 = __builtin_cpu_supports("avx2");
  double best = 0;
  uint64_t sink = 0;
  for (int r = 0; r < 5; ++r) {
    double t0 = cpu_us();
    sink += avx2 ? read_all(buf.data(), buf.size()) : read_all_scalar(buf.data(), buf.size());
    double s = (cpu_us() - t0) * 1e-6;
    best = std::max(best, static_cast<double>(buf.size() * 8) / s);
  }
  if (sink == 42) std::puts("");
  return best;
}

// ---- Inputs ----

Docids uniform(std::mt19937_64& rng, std::size_t n, uint32_t universe) {
  std::vector<bool> taken(universe);
  std::size_t have = 0;
  while (have < n) {
    uint32_t x = static_cast<uint32_t>(rng() % universe);
    if (!taken[x]) {
      taken[x] = true;
      ++have;
    }
  }
  Docids v;
  v.reserve(n);
  for (uint32_t x = 0; x < universe; ++x) {
    if (taken[x]) v.push_back(x);
  }
  return v;
}

// ---- Baselines ----

std::size_t gallop_plain(const uint32_t* a, std::size_t na, const uint32_t* b, std::size_t nb,
                         uint32_t* out) {
  // Textbook galloping: for each element of the smaller list, exponential then binary search.
  if (na > nb) {
    std::swap(a, b);
    std::swap(na, nb);
  }
  std::size_t j = 0, k = 0;
  for (std::size_t i = 0; i < na && j < nb; ++i) {
    uint32_t x = a[i];
    std::size_t step = 1, lo = j, hi = j;
    while (hi < nb && b[hi] < x) {
      lo = hi;
      hi = j + step;
      step *= 2;
    }
    if (hi > nb) hi = nb;
    j = static_cast<std::size_t>(std::lower_bound(b + lo, b + hi, x) - b);
    if (j < nb && b[j] == x) out[k++] = x;
  }
  return k;
}

struct Shape {
  std::string name;
  std::vector<std::size_t> sizes;  // the lists, any order
  double native_croaring_us;       // CRoaring compiled for this CPU, warm (issue 7)
};

struct Result {
  std::string shape, method;
  double warm_us = 0, cold_us = 0;
  std::size_t ints = 0, matches = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Times fn: `reps` warm runs after one untimed, and `cold_reps` runs each after a flush.
void measure(const Options& o, Flusher& flusher, const std::function<std::size_t()>& fn,
             Result* r) {
  std::vector<double> warm, cold;
  r->matches = fn();
  for (int i = 0; i < o.reps; ++i) {
    double t0 = cpu_us();
    std::size_t m = fn();
    warm.push_back(cpu_us() - t0);
    if (m != r->matches) std::fprintf(stderr, "warning: %s varies\n", r->method.c_str());
  }
  for (int i = 0; i < o.cold_reps; ++i) {
    flusher.flush();
    double t0 = cpu_us();
    fn();
    cold.push_back(cpu_us() - t0);
  }
  r->warm_us = median(warm);
  r->cold_us = median(cold);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--quick") {
      o.quick = true;
      o.reps = 3;
      o.cold_reps = 2;
    } else if (a == "--reps" && i + 1 < argc) {
      o.reps = std::max(1, std::atoi(argv[++i]));
      o.cold_reps = std::max(1, o.reps / 2);
    } else if (a == "--shape" && i + 1 < argc) {
      o.shape = argv[++i];
    } else if (a == "--json" && i + 1 < argc) {
      o.json = argv[++i];
    } else {
      std::fprintf(stderr, "usage: bench-intersect [--quick] [--reps N] [--shape NAME] [--json FILE]\n");
      return 2;
    }
  }
  const uint32_t universe = o.quick ? 1000000 : 10000000;
  const std::size_t scale = o.quick ? 10 : 1;
  const std::size_t flush_bytes = o.quick ? (64u << 20) : std::max<std::size_t>(2 * llc_bytes(), 64u << 20);

  std::printf("# bench-intersect%s\n", o.quick ? " --quick (smoke run: numbers mean nothing)" : "");
  std::printf("commit:    %s\n", SEARCH_GIT_COMMIT);
  std::printf("compiler:  %s %s\n", "gcc", __VERSION__);
  std::printf("flags:     %s\n", SEARCH_CXX_FLAGS);
  std::printf("cpu:       %s (LLC %zu MiB)\n", cpu_model().c_str(), llc_bytes() >> 20);
  std::printf("date:      %s\n", utc_now().c_str());
  std::printf("code path: %s (best: %s)\n", si::isa_name(si::active_isa()), si::isa_name(si::best_isa()));
  std::printf("CRoaring:  %s, Debian libroaring (built portable, without SIMD)\n", croaring_version().c_str());
  std::printf("timer:     thread CPU time (excludes waiting for a core on a shared machine)\n");
  std::printf("inputs:    uniform sorted unique uint32 in [0, %u), seeded; warm median of %d, "
              "cold median of %d (flushing %zu MiB before each)\n",
              universe, o.reps, o.cold_reps, flush_bytes >> 20);
  Flusher flusher(flush_bytes);
  double bandwidth = read_bandwidth(flusher);
  std::printf("read bandwidth (1 core, measured): %.2f GB/s\n\n", bandwidth / 1e9);

  std::mt19937_64 rng(20261126);
  const std::vector<Shape> shapes = {
      {"1Mx1M", {1000000, 1000000}, 884},   {"100kx1M", {100000, 1000000}, 107},
      {"10kx1M", {10000, 1000000}, 24},     {"1kx1M", {1000, 1000000}, 9.0},
      {"100x1M", {100, 1000000}, 2.3},      {"1Mx500kx100k", {1000000, 500000, 100000}, 206}};

  std::vector<Result> results;
  std::printf("%-13s %-22s %10s %10s %10s %10s %8s\n", "shape", "method", "warm_us", "warm_Mi/s",
              "cold_us", "cold_Mi/s", "matches");
  for (const Shape& shape : shapes) {
    if (!o.shape.empty() && shape.name != o.shape) {
      for (std::size_t n : shape.sizes) (void)uniform(rng, std::max<std::size_t>(1, n / scale), universe);
      continue;
    }
    std::vector<Docids> lists;
    std::size_t ints = 0;
    for (std::size_t n : shape.sizes) {
      lists.push_back(uniform(rng, std::max<std::size_t>(1, n / scale), universe));
      ints += lists.back().size();
    }
    // Smallest first for the array pipelines (as a query planner would order them).
    std::vector<Docids> sorted = lists;
    std::sort(sorted.begin(), sorted.end(), [](const Docids& x, const Docids& y) { return x.size() < y.size(); });
    std::vector<std::string> encoded(lists.size());
    std::vector<search::postings::PostingListView> views;
    std::vector<roaring_bitmap_t*> bitmaps;
    for (std::size_t i = 0; i < lists.size(); ++i) {
      search::postings::encode_posting_list(lists[i], {}, &encoded[i]);
      bitmaps.push_back(roaring_bitmap_of_ptr(lists[i].size(), lists[i].data()));
      roaring_bitmap_run_optimize(bitmaps.back());
    }
    for (const std::string& e : encoded) views.push_back(search::postings::PostingListView::open(e));
    Docids out(sorted[0].size() + 64), tmp(sorted[0].size() + 64), out_vec;

    auto chain = [&](auto kernel) {
      std::size_t n = kernel(sorted[0].data(), sorted[0].size(), sorted[1].data(), sorted[1].size(), out.data());
      for (std::size_t i = 2; i < sorted.size(); ++i) {
        std::copy(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), tmp.begin());
        n = kernel(tmp.data(), n, sorted[i].data(), sorted[i].size(), out.data());
      }
      return n;
    };
    struct Method {
      std::string name;
      std::function<std::size_t()> fn;
    };
    std::vector<Method> methods = {
        {"ours/encoded",
         [&] {
           si::intersect(views, &out_vec);
           return out_vec.size();
         }},
        {"ours/array", [&] { return chain([](auto... a) { return si::intersect(a...); }); }},
        {"std::set_intersection",
         [&] {
           return chain([](const uint32_t* a, std::size_t na, const uint32_t* b, std::size_t nb, uint32_t* dst) {
             return static_cast<std::size_t>(std::set_intersection(a, a + na, b, b + nb, dst) - dst);
           });
         }},
        {"scalar galloping", [&] { return chain(gallop_plain); }},
        {"CRoaring (Debian)",
         [&] {
           roaring_bitmap_t* r = roaring_bitmap_and(bitmaps[0], bitmaps[1]);
           for (std::size_t i = 2; i < bitmaps.size(); ++i) roaring_bitmap_and_inplace(r, bitmaps[i]);
           std::size_t n = roaring_bitmap_get_cardinality(r);
           roaring_bitmap_to_uint32_array(r, out.data());
           roaring_bitmap_free(r);
           return n;
         }},
    };
    std::size_t first = results.size();
    for (const Method& m : methods) {
      Result r;
      r.shape = shape.name;
      r.method = m.name;
      r.ints = ints;
      measure(o, flusher, m.fn, &r);
      std::printf("%-13s %-22s %10.1f %10.0f %10.1f %10.0f %8zu\n", r.shape.c_str(), r.method.c_str(),
                  r.warm_us, ints / r.warm_us, r.cold_us, ints / r.cold_us, r.matches);
      if (results.size() > first && r.matches != results[first].matches) {
        std::fprintf(stderr, "error: %s on %s found %zu matches, ours found %zu\n", r.method.c_str(),
                     shape.name.c_str(), r.matches, results[first].matches);
        return 1;
      }
      results.push_back(r);
    }
    for (roaring_bitmap_t* b : bitmaps) roaring_bitmap_free(b);
    std::fflush(stdout);
  }

  // Ratios: how many times faster ours (encoded and array) is than each baseline.
  std::printf("\n%-13s %-13s %9s %9s %9s %9s %9s %9s %9s\n", "shape", "ours", "x std", "x gallop",
              "x roaring", "x native*", "cold x std", "cold x roar", "of bw");
  for (std::size_t s = 0; s < results.size() / 5; ++s) {
    const Result* row = &results[s * 5];
    const Shape& shape = *std::find_if(shapes.begin(), shapes.end(), [&](const Shape& x) { return x.name == row->shape; });
    for (int which = 0; which < 2; ++which) {
      const Result& ours = row[which];
      double frac = static_cast<double>(ours.ints) * 4 / (ours.warm_us * 1e-6) / bandwidth;
      std::printf("%-13s %-13s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %8.0f%%\n", ours.shape.c_str(),
                  ours.method.c_str(), row[2].warm_us / ours.warm_us, row[3].warm_us / ours.warm_us,
                  row[4].warm_us / ours.warm_us, shape.native_croaring_us / ours.warm_us,
                  row[2].cold_us / ours.cold_us, row[4].cold_us / ours.cold_us, 100 * frac);
    }
  }
  std::printf("\nx native*: CRoaring compiled for the reference CPU (issue 7: 884, 107, 24, 9.0, 2.3, 206 us warm);"
              " ratios > 1 mean ours is faster.\n"
              "of bw: input ints x 4 bytes / warm time, as a share of the measured read bandwidth.\n");

  if (!o.json.empty()) {
    std::ofstream j(o.json);
    j << "{\n  \"benchmark\": \"intersect\",\n  \"quick\": " << (o.quick ? "true" : "false")
      << ",\n  \"commit\": \"" << SEARCH_GIT_COMMIT << "\",\n  \"compiler\": \"gcc " << __VERSION__
      << "\",\n  \"flags\": \"" << SEARCH_CXX_FLAGS << "\",\n  \"cpu\": \"" << cpu_model()
      << "\",\n  \"date\": \"" << utc_now() << "\",\n  \"isa\": \"" << si::isa_name(si::active_isa())
      << "\",\n  \"croaring\": \"" << croaring_version() << " (Debian, no SIMD)\",\n  \"read_bandwidth_gbs\": "
      << bandwidth / 1e9 << ",\n  \"results\": [\n";
    for (std::size_t i = 0; i < results.size(); ++i) {
      const Result& r = results[i];
      j << "    {\"shape\": \"" << r.shape << "\", \"method\": \"" << r.method << "\", \"warm_us\": " << r.warm_us
        << ", \"cold_us\": " << r.cold_us << ", \"warm_mints_per_s\": " << r.ints / r.warm_us
        << ", \"cold_mints_per_s\": " << r.ints / r.cold_us << ", \"matches\": " << r.matches << "}"
        << (i + 1 < results.size() ? ",\n" : "\n");
    }
    j << "  ]\n}\n";
  }
  return flusher.sink_ == 1 ? 3 : 0;
}
