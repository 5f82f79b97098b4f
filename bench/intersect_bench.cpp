// bench-intersect: the posting-list intersection core against its baselines, in one run.
//
//   bench-intersect [--quick] [--reps N] [--shape NAME] [--json FILE]
//                   [--index DIR [--tuples N] [--seed S]] [--no-synthetic] [--sweep]
//                   [--gallop-ratio N] [--probe-ratio N]
//
// Synthetic inputs: sorted unique uint32 lists drawn uniformly from a 10,000,000 universe
// (seeded), shapes 1M x 1M, 100k x 1M, 10k x 1M, 1k x 1M, 100 x 1M and 1M x 500k x 100k.
// Real inputs (--index DIR, an index written by search-indexer): the posting lists of
// frequent (F, in >= 20% of the documents), mid (M, 1-5%) and rare (R, <= 0.1%) words,
// classes taken from the index's own document frequencies, N seeded term tuples per shape
// (F x F, F x M, F x R, M x M, M x R, F x M x M); a run intersects every tuple once.
// Methods:
//   ours/encoded   search::intersect over the encoded hybrid posting lists (the real thing)
//   ours/array     search::intersect on plain uint32 arrays (run-time SIMD dispatch)
//   std::set_intersection, plain scalar galloping, CRoaring (and + to_uint32_array), all
//   three on the decoded arrays
// Each is timed warm (inputs in cache) and cold (a buffer twice the last-level cache is
// streamed through before each run); the median of the repetitions is reported, with the
// throughput (input ints consumed per second), ratios, and our throughput as a fraction of
// the single-core read bandwidth measured here.
//
// --sweep times ours/encoded and ours/array on skewed shapes for a range of gallop ratios
// (search::intersect::Tuning), warm and cold, and names the ratio whose worst slowdown
// against the best ratio of each shape is smallest. --gallop-ratio / --probe-ratio override
// the library's switch-over points for a run (experiments; the header names the values).
//
// --quick shrinks everything to seconds (for ctest); its numbers mean nothing.
#include <immintrin.h>
#include <roaring/roaring.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <search/error.h>
#include <search/index_reader.h>

#include "bench_commit.h"
#include "machine_facts.h"
#include "index/snapshot.h"
#include "intersect/intersect.h"
#include "postings/posting_list.h"

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
using search::postings::PostingListView;
namespace si = search::intersect;

struct Options {
  bool quick = false;
  bool synthetic = true;
  bool sweep = false;
  int reps = 21;
  int cold_reps = 9;
  int tuples = 16;
  unsigned seed = 1;
  std::string json;
  std::string shape;  // only this shape (e.g. 100kx1M); all if empty
  std::string index;  // real posting lists from this index
};

// ---- Machine facts for the header ----

using search::bench::cpu_model;

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

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a.empty() ? "unknown" : a + " " + b + " " + c;
}

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out;
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

// One intersection problem: k sorted lists, as arrays (smallest first), as encoded posting
// lists and as CRoaring bitmaps. The views point into `encoded` or into a mapped index.
struct Tuple {
  std::vector<Docids> sorted;
  std::vector<PostingListView> views;
  std::vector<roaring_bitmap_t*> bitmaps;
  std::size_t ints = 0;
};

struct Case {
  std::string name;
  double native_croaring_us = 0;  // CRoaring compiled for this CPU, warm (issue 7); 0: none
  std::vector<Tuple> tuples;
  std::vector<std::unique_ptr<std::string>> encoded;  // owns the bytes of synthetic views
  Case() = default;
  Case(const Case&) = delete;
  Case& operator=(const Case&) = delete;
  ~Case() {
    for (Tuple& t : tuples) {
      for (roaring_bitmap_t* b : t.bitmaps) roaring_bitmap_free(b);
    }
  }
  std::size_t ints() const {
    std::size_t n = 0;
    for (const Tuple& t : tuples) n += t.ints;
    return n;
  }
};

// Fills the arrays and bitmaps of a tuple from its lists (any order).
void add_tuple(Case* c, std::vector<Docids> lists, std::vector<PostingListView> views) {
  Tuple t;
  for (const Docids& l : lists) {
    t.ints += l.size();
    t.bitmaps.push_back(roaring_bitmap_of_ptr(l.size(), l.data()));
    roaring_bitmap_run_optimize(t.bitmaps.back());
  }
  std::sort(lists.begin(), lists.end(), [](const Docids& x, const Docids& y) { return x.size() < y.size(); });
  t.sorted = std::move(lists);
  t.views = std::move(views);
  c->tuples.push_back(std::move(t));
}

void add_synthetic_tuple(Case* c, std::vector<Docids> lists) {
  std::vector<PostingListView> views;
  for (const Docids& l : lists) {
    c->encoded.push_back(std::make_unique<std::string>());
    search::postings::encode_posting_list(l, {}, c->encoded.back().get());
    views.push_back(PostingListView::open(*c->encoded.back()));
  }
  add_tuple(c, std::move(lists), std::move(views));
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

struct Result {
  std::string shape, method;
  double warm_us = 0, cold_us = 0;
  std::size_t ints = 0, matches = 0;
  double native_croaring_us = 0;
  bool real = false;
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

struct Method {
  std::string name;
  std::function<std::size_t()> fn;
};

// The five methods over every tuple of a case; each returns the total of matches.
std::vector<Method> methods_for(const Case& c, Docids* out, Docids* tmp, Docids* out_vec) {
  std::size_t room = 64;
  for (const Tuple& t : c.tuples) room = std::max(room, t.sorted[0].size() + 64);
  out->assign(room, 0);
  tmp->assign(room, 0);
  auto chain = [&c, out, tmp](auto kernel) {
    std::size_t total = 0;
    for (const Tuple& t : c.tuples) {
      const std::vector<Docids>& s = t.sorted;
      std::size_t n = kernel(s[0].data(), s[0].size(), s[1].data(), s[1].size(), out->data());
      for (std::size_t i = 2; i < s.size(); ++i) {
        std::copy(out->begin(), out->begin() + static_cast<std::ptrdiff_t>(n), tmp->begin());
        n = kernel(tmp->data(), n, s[i].data(), s[i].size(), out->data());
      }
      total += n;
    }
    return total;
  };
  return {
      {"ours/encoded",
       [&c, out_vec] {
         std::size_t total = 0;
         for (const Tuple& t : c.tuples) {
           si::intersect(t.views, out_vec);
           total += out_vec->size();
         }
         return total;
       }},
      {"ours/array", [chain] { return chain([](auto... a) { return si::intersect(a...); }); }},
      {"std::set_intersection",
       [chain] {
         return chain([](const uint32_t* a, std::size_t na, const uint32_t* b, std::size_t nb, uint32_t* dst) {
           return static_cast<std::size_t>(std::set_intersection(a, a + na, b, b + nb, dst) - dst);
         });
       }},
      {"scalar galloping", [chain] { return chain(gallop_plain); }},
      {"CRoaring (Debian)",
       [&c, out] {
         std::size_t total = 0;
         for (const Tuple& t : c.tuples) {
           roaring_bitmap_t* r = roaring_bitmap_and(t.bitmaps[0], t.bitmaps[1]);
           for (std::size_t i = 2; i < t.bitmaps.size(); ++i) roaring_bitmap_and_inplace(r, t.bitmaps[i]);
           std::size_t n = roaring_bitmap_get_cardinality(r);
           roaring_bitmap_to_uint32_array(r, out->data());
           roaring_bitmap_free(r);
           total += n;
         }
         return total;
       }},
  };
}

// Runs every method on a case and appends its rows; false if a method disagrees.
bool run_case(const Options& o, Flusher& flusher, const Case& c, bool real, std::vector<Result>* results) {
  Docids out, tmp, out_vec;
  std::vector<Method> methods = methods_for(c, &out, &tmp, &out_vec);
  std::size_t first = results->size();
  for (const Method& m : methods) {
    Result r;
    r.shape = c.name;
    r.method = m.name;
    r.ints = c.ints();
    r.native_croaring_us = c.native_croaring_us;
    r.real = real;
    measure(o, flusher, m.fn, &r);
    std::printf("%-13s %-22s %10.1f %10.0f %10.1f %10.0f %8zu\n", r.shape.c_str(), r.method.c_str(), r.warm_us,
                static_cast<double>(r.ints) / r.warm_us, r.cold_us, static_cast<double>(r.ints) / r.cold_us,
                r.matches);
    if (results->size() > first && r.matches != (*results)[first].matches) {
      std::fprintf(stderr, "error: %s on %s found %zu matches, ours found %zu\n", r.method.c_str(), c.name.c_str(),
                   r.matches, (*results)[first].matches);
      return false;
    }
    results->push_back(r);
  }
  std::fflush(stdout);
  return true;
}

// ---- Synthetic shapes ----

struct Shape {
  std::string name;
  std::vector<std::size_t> sizes;  // the lists, any order
  double native_croaring_us;       // CRoaring compiled for this CPU, warm (issue 7)
};

bool run_synthetic(const Options& o, Flusher& flusher, std::vector<Result>* results) {
  const uint32_t universe = o.quick ? 1000000 : 10000000;
  const std::size_t scale = o.quick ? 10 : 1;
  std::mt19937_64 rng(20261126);
  const std::vector<Shape> shapes = {
      {"1Mx1M", {1000000, 1000000}, 884},   {"100kx1M", {100000, 1000000}, 107},
      {"10kx1M", {10000, 1000000}, 24},     {"1kx1M", {1000, 1000000}, 9.0},
      {"100x1M", {100, 1000000}, 2.3},      {"1Mx500kx100k", {1000000, 500000, 100000}, 206}};
  for (const Shape& shape : shapes) {
    std::vector<Docids> lists;
    for (std::size_t n : shape.sizes) lists.push_back(uniform(rng, std::max<std::size_t>(1, n / scale), universe));
    if (!o.shape.empty() && shape.name != o.shape) continue;  // drawn anyway: same inputs
    Case c;
    c.name = shape.name;
    c.native_croaring_us = o.quick ? 0 : shape.native_croaring_us;
    add_synthetic_tuple(&c, std::move(lists));
    if (!run_case(o, flusher, c, false, results)) return false;
  }
  return true;
}

// ---- Real posting lists ----

bool plain_word(std::string_view t) {
  if (t.size() < 3 || t.size() > 20) return false;
  for (unsigned char c : t) {
    if ((c < 'a' || c > 'z') && c < 0x80) return false;  // lower-case letters only (UTF-8 passes)
  }
  return true;
}

struct RealTerm {
  std::string term;
  search::index::TermInfo info;
};

class RealLists {
 public:
  RealLists(const std::string& dir, unsigned seed) : reader_(search::IndexReader::open(dir)), rng_(seed) {
    snapshot_ = search::index::snapshot_of(*reader_);
    // The largest segment (search-indexer build --merge writes one).
    for (const search::index::SegmentRef& s : snapshot_->segments()) {
      if (segment_ == nullptr || s.segment->doc_count() > segment_->doc_count()) segment_ = s.segment.get();
    }
    if (segment_ == nullptr || segment_->doc_count() == 0) {
      throw search::Error(search::ErrorCode::kInvalidArgument, "bench-intersect: index " + dir + " has no documents");
    }
    const double docs = segment_->doc_count();
    search::index::TermIterator it = segment_->terms().iterator();
    for (it.seek_to_first(); it.valid(); it.next()) {
      if (!plain_word(it.term())) continue;
      double f = it.info().df / docs;
      RealTerm t{std::string(it.term()), it.info()};
      if (f >= 0.2) frequent_.push_back(t);
      if (f >= 0.01 && f <= 0.05) mid_.push_back(t);
      if (it.info().df >= 2 && it.info().df <= std::max(0.001 * docs, 5.0)) rare_.push_back(t);
    }
  }

  std::string describe() const {
    std::ostringstream s;
    s << "segment " << segment_->name() << " (" << segment_->doc_count() << " documents of "
      << snapshot_->total_documents() << "); words F(requent) >= 20% of documents: " << frequent_.size()
      << ", M(id) 1-5%: " << mid_.size() << ", R(are) 2 docs .. 0.1%: " << rare_.size();
    return s.str();
  }

  // A case of `tuples` seeded draws of distinct terms from the classes in `kinds` (F/M/R).
  bool make_case(const std::string& kinds, int tuples, Case* c) {
    c->name = "real:";
    for (std::size_t i = 0; i < kinds.size(); ++i) c->name += (i ? "x" : "") + std::string(1, kinds[i]);
    for (int n = 0; n < tuples; ++n) {
      std::vector<Docids> lists;
      std::vector<PostingListView> views;
      std::vector<std::string> used;
      for (char k : kinds) {
        const std::vector<RealTerm>& from = k == 'F' ? frequent_ : k == 'M' ? mid_ : rare_;
        if (from.size() < kinds.size()) return false;
        const RealTerm* t = nullptr;
        do {
          t = &from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng_)];
        } while (std::find(used.begin(), used.end(), t->term) != used.end());
        used.push_back(t->term);
        views.push_back(segment_->postings(t->info));
        lists.emplace_back();
        views.back().decode_all(&lists.back());
      }
      add_tuple(c, std::move(lists), std::move(views));
    }
    return true;
  }

 private:
  std::unique_ptr<search::IndexReader> reader_;
  std::shared_ptr<const search::index::Snapshot> snapshot_;
  const search::index::Segment* segment_ = nullptr;
  std::vector<RealTerm> frequent_, mid_, rare_;
  std::mt19937_64 rng_;
};

bool run_real(const Options& o, Flusher& flusher, std::vector<Result>* results, std::string* description) {
  RealLists real(o.index, o.seed);
  *description = real.describe();
  std::printf("# real posting lists of %s: %s; %d seeded term tuples per shape (seed %u), a run intersects all\n",
              o.index.c_str(), description->c_str(), o.tuples, o.seed);
  for (const char* kinds : {"FF", "FM", "FR", "MM", "MR", "FMM"}) {
    Case c;
    if (!real.make_case(kinds, o.tuples, &c)) {
      std::printf("%-13s (too few terms of a class in this index: skipped)\n", c.name.c_str());
      continue;
    }
    if (!o.shape.empty() && c.name != o.shape) continue;
    if (!run_case(o, flusher, c, true, results)) return false;
  }
  return true;
}

// ---- Switch-over sweep ----

struct SweepRow {
  std::string shape, method;
  std::vector<double> warm_us, cold_us;  // per ratio
};

// Times one method under each gallop ratio, warm and cold.
SweepRow sweep_one(const Options& o, Flusher& flusher, const std::string& shape, const std::string& method,
                   const std::vector<uint32_t>& ratios, const std::function<std::size_t()>& fn) {
  SweepRow row{shape, method, {}, {}};
  const si::Tuning before = si::tuning();
  for (uint32_t ratio : ratios) {
    si::Tuning t;
    t.gallop_ratio = ratio;  // plain arrays
    t.probe_ratio = ratio;   // encoded array chunks
    si::set_tuning(t);
    Result r;
    r.method = method;
    measure(o, flusher, fn, &r);
    row.warm_us.push_back(r.warm_us);
    row.cold_us.push_back(r.cold_us);
  }
  si::set_tuning(before);
  std::printf("%-11s %-13s", shape.c_str(), method.c_str());
  for (std::size_t i = 0; i < ratios.size(); ++i) std::printf(" %7.1f/%-7.1f", row.warm_us[i], row.cold_us[i]);
  std::printf("\n");
  std::fflush(stdout);
  return row;
}

// For each ratio the worst slowdown against the best ratio of the same row and mode; the
// choice is the ratio whose worst slowdown is smallest.
std::vector<double> worst_slowdowns(const std::vector<SweepRow>& rows, const std::string& method,
                                    std::size_t n_ratios) {
  std::vector<double> worst(n_ratios, 1.0);
  for (const SweepRow& r : rows) {
    if (r.method != method) continue;
    for (const std::vector<double>* v : {&r.warm_us, &r.cold_us}) {
      double best = *std::min_element(v->begin(), v->end());
      for (std::size_t i = 0; i < n_ratios; ++i) worst[i] = std::max(worst[i], (*v)[i] / best);
    }
  }
  return worst;
}

std::vector<SweepRow> run_sweep(const Options& o, Flusher& flusher, std::vector<uint32_t>* ratios_out,
                                std::string* choice) {
  const std::vector<uint32_t> ratios = {4, 8, 16, 32, 64, 128, 256, 512, 1u << 30};
  *ratios_out = ratios;
  const std::size_t scale = o.quick ? 10 : 1;
  const uint32_t universe = o.quick ? 1000000 : 10000000;
  // Encoded lists: the large list must stay in array chunks (<= 4096 per 65,536 docids, so
  // 500k of 10M) for the ratio to decide anything; plain arrays: 1M.
  const std::vector<uint32_t> skews = {4, 16, 32, 64, 128, 256, 1024};
  std::printf("\n# switch-over sweep: Tuning::gallop_ratio (ours/array) and probe_ratio (ours/encoded) on "
              "skewed shapes; warm/cold us "
              "(median of %d / %d)\n%-11s %-13s", o.reps, o.cold_reps, "shape", "method");
  for (uint32_t r : ratios) {
    if (r == (1u << 30)) std::printf(" %15s", "never"); else std::printf(" %15u", r);
  }
  std::printf("\n");
  std::mt19937_64 rng(7);
  std::vector<SweepRow> rows;
  for (const bool encoded : {true, false}) {
    const std::size_t big = (encoded ? 500000 : 1000000) / scale;
    Docids large = uniform(rng, big, universe);
    for (uint32_t skew : skews) {
      Case c;
      c.name = std::to_string(skew) + ":1";
      add_synthetic_tuple(&c, {uniform(rng, std::max<std::size_t>(1, big / skew), universe), large});
      Docids out, tmp, out_vec;
      std::vector<Method> methods = methods_for(c, &out, &tmp, &out_vec);
      const Method& m = methods[encoded ? 0 : 1];
      rows.push_back(sweep_one(o, flusher, c.name + " of " + std::to_string(big / 1000) + "k", m.name, ratios, m.fn));
    }
  }
  std::ostringstream s;
  for (const char* method : {"ours/encoded", "ours/array"}) {
    std::vector<double> worst = worst_slowdowns(rows, method, ratios.size());
    std::size_t best = static_cast<std::size_t>(std::min_element(worst.begin(), worst.end()) - worst.begin());
    std::printf("%-13s worst slowdown vs each row's best, warm and cold:", method);
    for (double w : worst) std::printf(" %.2f", w);
    std::printf("  -> best ratio %u\n", ratios[best]);
    s << (s.str().empty() ? "" : "; ") << method << ": " << ratios[best] << " (worst slowdown "
      << static_cast<int>(100 * (worst[best] - 1) + 0.5) << "%)";
  }
  *choice = s.str();
  std::printf("library defaults: gallop ratio %u (ours/array), probe ratio %u (ours/encoded)\n",
              si::Tuning{}.gallop_ratio, si::Tuning{}.probe_ratio);
  return rows;
}

// ---- Output ----

void print_ratios(const std::vector<Result>& results, double bandwidth) {
  std::printf("\n%-13s %-13s %9s %9s %9s %9s %9s %9s %9s\n", "shape", "ours", "x std", "x gallop", "x roaring",
              "x native*", "cold x std", "cold x roar", "of bw");
  for (std::size_t s = 0; s + 5 <= results.size(); s += 5) {
    const Result* row = &results[s];
    for (int which = 0; which < 2; ++which) {
      const Result& ours = row[which];
      double frac = static_cast<double>(ours.ints) * 4 / (ours.warm_us * 1e-6) / bandwidth;
      char native[16] = "-";
      if (ours.native_croaring_us > 0) std::snprintf(native, sizeof native, "%.2f", ours.native_croaring_us / ours.warm_us);
      std::printf("%-13s %-13s %9.2f %9.2f %9.2f %9s %9.2f %9.2f %8.0f%%\n", ours.shape.c_str(), ours.method.c_str(),
                  row[2].warm_us / ours.warm_us, row[3].warm_us / ours.warm_us, row[4].warm_us / ours.warm_us, native,
                  row[2].cold_us / ours.cold_us, row[4].cold_us / ours.cold_us, 100 * frac);
    }
  }
  std::printf("\nx native*: CRoaring compiled for the reference CPU (issue 7: 884, 107, 24, 9.0, 2.3, 206 us warm);"
              " ratios > 1 mean ours is faster.\n"
              "of bw: input ints x 4 bytes / warm time, as a share of the measured read bandwidth.\n");
}

struct Report {
  std::string date, load, real_description, sweep_choice;
  double bandwidth = 0;
  std::vector<Result> results;
  std::vector<uint32_t> sweep_ratios;
  std::vector<SweepRow> sweep;
};

void write_json(const Options& o, const Report& rep) {
  std::ofstream j(o.json);
  j << "{\n  \"benchmark\": \"intersect\",\n  \"quick\": " << (o.quick ? "true" : "false") << ",\n  \"commit\": \""
    << json_escape(search::bench::commit()) << "\",\n  \"compiler\": \"gcc " << __VERSION__ << "\",\n  \"flags\": \""
    << SEARCH_CXX_FLAGS << "\",\n  \"cpu\": \"" << json_escape(cpu_model()) << "\",\n  \"date\": \"" << rep.date
    << "\",\n  \"loadavg\": \"" << rep.load << "\",\n  \"isa\": \"" << si::isa_name(si::active_isa())
    << "\",\n  \"croaring\": \"" << croaring_version() << " (Debian, no SIMD)\",\n  \"read_bandwidth_gbs\": "
    << rep.bandwidth / 1e9 << ",\n  \"gallop_ratio\": " << si::tuning().gallop_ratio << ",\n  \"probe_ratio\": "
    << si::tuning().probe_ratio << ",\n";
  if (!o.index.empty()) {
    j << "  \"real\": {\"index\": \"" << json_escape(o.index) << "\", \"description\": \""
      << json_escape(rep.real_description) << "\", \"tuples\": " << o.tuples << ", \"seed\": " << o.seed << "},\n";
  }
  if (!rep.sweep.empty()) {
    j << "  \"sweep\": {\"ratios\": [";
    for (std::size_t i = 0; i < rep.sweep_ratios.size(); ++i) j << (i ? ", " : "") << rep.sweep_ratios[i];
    j << "], \"choice\": \"" << json_escape(rep.sweep_choice) << "\", \"rows\": [\n";
    for (std::size_t i = 0; i < rep.sweep.size(); ++i) {
      const SweepRow& r = rep.sweep[i];
      j << "    {\"shape\": \"" << r.shape << "\", \"method\": \"" << r.method << "\", \"warm_us\": [";
      for (std::size_t k = 0; k < r.warm_us.size(); ++k) j << (k ? ", " : "") << r.warm_us[k];
      j << "], \"cold_us\": [";
      for (std::size_t k = 0; k < r.cold_us.size(); ++k) j << (k ? ", " : "") << r.cold_us[k];
      j << "]}" << (i + 1 < rep.sweep.size() ? ",\n" : "\n");
    }
    j << "  ]},\n";
  }
  j << "  \"results\": [\n";
  for (std::size_t i = 0; i < rep.results.size(); ++i) {
    const Result& r = rep.results[i];
    j << "    {\"shape\": \"" << r.shape << "\", \"real\": " << (r.real ? "true" : "false") << ", \"method\": \""
      << r.method << "\", \"ints\": " << r.ints << ", \"warm_us\": " << r.warm_us << ", \"cold_us\": " << r.cold_us
      << ", \"warm_mints_per_s\": " << static_cast<double>(r.ints) / r.warm_us
      << ", \"cold_mints_per_s\": " << static_cast<double>(r.ints) / r.cold_us << ", \"matches\": " << r.matches;
    if (r.native_croaring_us > 0) j << ", \"native_croaring_us\": " << r.native_croaring_us;
    j << "}" << (i + 1 < rep.results.size() ? ",\n" : "\n");
  }
  j << "  ]\n}\n";
}

int usage() {
  std::fprintf(stderr,
               "usage: bench-intersect [--quick] [--reps N] [--shape NAME] [--json FILE]\n"
               "                       [--index DIR [--tuples N] [--seed S]] [--no-synthetic] [--sweep]\n"
               "                       [--gallop-ratio N] [--probe-ratio N]\n");
  return 2;
}

bool parse(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--quick") {
      o->quick = true;
      o->reps = 3;
      o->cold_reps = 2;
      o->tuples = 4;
    } else if (a == "--reps" && has_value) {
      o->reps = std::max(1, std::atoi(argv[++i]));
      o->cold_reps = std::max(1, o->reps / 2);
    } else if (a == "--shape" && has_value) {
      o->shape = argv[++i];
    } else if (a == "--json" && has_value) {
      o->json = argv[++i];
    } else if (a == "--index" && has_value) {
      o->index = argv[++i];
    } else if (a == "--tuples" && has_value) {
      o->tuples = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--seed" && has_value) {
      o->seed = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    } else if (a == "--no-synthetic") {
      o->synthetic = false;
    } else if (a == "--sweep") {
      o->sweep = true;
    } else if ((a == "--gallop-ratio" || a == "--probe-ratio") && has_value) {
      si::Tuning t = si::tuning();
      (a == "--gallop-ratio" ? t.gallop_ratio : t.probe_ratio) =
          static_cast<uint32_t>(std::max(1ul, std::strtoul(argv[++i], nullptr, 10)));
      si::set_tuning(t);
    } else {
      return false;
    }
  }
  return true;
}

void print_header(const Options& o, const Report& rep, std::size_t flush_bytes) {
  std::printf("# bench-intersect%s\n", o.quick ? " --quick (smoke run: numbers mean nothing)" : "");
  std::printf("commit:    %s\n", search::bench::commit().c_str());
  std::printf("compiler:  %s %s\n", "gcc", __VERSION__);
  std::printf("flags:     %s\n", SEARCH_CXX_FLAGS);
  std::printf("cpu:       %s (LLC %zu MiB)\n", cpu_model().c_str(), llc_bytes() >> 20);
  std::printf("date:      %s\n", rep.date.c_str());
  std::printf("load:      %s (1, 5, 15 min at start; the machine may be shared)\n", rep.load.c_str());
  std::printf("code path: %s (best: %s); gallop ratio %u, probe ratio %u\n", si::isa_name(si::active_isa()),
              si::isa_name(si::best_isa()), si::tuning().gallop_ratio, si::tuning().probe_ratio);
  std::printf("CRoaring:  %s, Debian libroaring (built portable, without SIMD)\n", croaring_version().c_str());
  std::printf("timer:     thread CPU time (excludes waiting for a core on a shared machine)\n");
  std::printf("inputs:    synthetic: uniform sorted unique uint32 in [0, %u), seeded; warm median of %d, "
              "cold median of %d (flushing %zu MiB before each)\n",
              o.quick ? 1000000 : 10000000, o.reps, o.cold_reps, flush_bytes >> 20);
}

}  // namespace

int main(int argc, char** argv) try {
  Options o;
  if (!parse(argc, argv, &o)) return usage();
  const std::size_t flush_bytes = o.quick ? (64u << 20) : std::max<std::size_t>(2 * llc_bytes(), 64u << 20);
  Report rep;
  rep.date = utc_now();
  rep.load = load_average();
  print_header(o, rep, flush_bytes);
  Flusher flusher(flush_bytes);
  rep.bandwidth = read_bandwidth(flusher);
  std::printf("read bandwidth (1 core, measured): %.2f GB/s\n\n", rep.bandwidth / 1e9);

  std::printf("%-13s %-22s %10s %10s %10s %10s %8s\n", "shape", "method", "warm_us", "warm_Mi/s", "cold_us",
              "cold_Mi/s", "matches");
  if (o.synthetic && !run_synthetic(o, flusher, &rep.results)) return 1;
  if (!o.index.empty() && !run_real(o, flusher, &rep.results, &rep.real_description)) return 1;
  print_ratios(rep.results, rep.bandwidth);
  if (o.sweep) rep.sweep = run_sweep(o, flusher, &rep.sweep_ratios, &rep.sweep_choice);
  if (!o.json.empty()) write_json(o, rep);
  return flusher.sink_ == 1 ? 3 : 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench-intersect: %s\n", e.what());
  return 1;
}
