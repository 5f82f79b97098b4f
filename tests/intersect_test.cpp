// Intersection, union and difference against std::set_intersection / set_union /
// set_difference, on seeded random and adversarial inputs, for every code path this CPU
// supports (each forced in turn) and both sides of every switch-over point.
#define BOOST_TEST_MODULE intersect
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <iterator>
#include <random>
#include <search/error.h>

#include "intersect/intersect.h"

using namespace search;
using namespace search::intersect;
using postings::kMaxDocid;
using Docids = std::vector<uint32_t>;

namespace {

std::vector<Isa> supported_isas() {
  std::vector<Isa> v;
  for (Isa isa : {Isa::kScalar, Isa::kSse42, Isa::kAvx2}) {
    if (isa_supported(isa)) v.push_back(isa);
  }
  return v;
}

Docids ref_and(const Docids& a, const Docids& b) {
  Docids r;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(r));
  return r;
}
Docids ref_or(const Docids& a, const Docids& b) {
  Docids r;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(r));
  return r;
}
Docids ref_not(const Docids& a, const Docids& b) {
  Docids r;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(r));
  return r;
}

Docids random_set(std::mt19937& rng, std::size_t n, uint64_t universe, uint32_t offset = 0) {
  std::vector<uint32_t> v;
  if (universe <= 4 * n) {  // dense: Bernoulli sampling
    std::bernoulli_distribution keep(static_cast<double>(n) / static_cast<double>(universe));
    for (uint64_t x = 0; x < universe; ++x) {
      if (keep(rng)) v.push_back(static_cast<uint32_t>(offset + x));
    }
    return v;
  }
  for (std::size_t i = 0; i < n; ++i) v.push_back(static_cast<uint32_t>(offset + rng() % universe));
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

Docids range(uint32_t first, uint32_t n, uint32_t step = 1) {
  Docids v;
  for (uint32_t i = 0; i < n; ++i) v.push_back(first + i * step);
  return v;
}

// Checks every array and posting-list operation on (a, b) against the references.
void check_pair(const Docids& a, const Docids& b) {
  const Docids want_and = ref_and(a, b), want_or = ref_or(a, b), want_not = ref_not(a, b);
  std::string ea, eb;
  std::vector<uint32_t> fa(a.size()), fb(b.size());
  for (std::size_t i = 0; i < a.size(); ++i) fa[i] = 1 + a[i] % 7;
  for (std::size_t i = 0; i < b.size(); ++i) fb[i] = 1 + b[i] % 5;
  postings::encode_posting_list(a, fa, &ea);
  postings::encode_posting_list(b, fb, &eb);
  const PostingListView va = PostingListView::open(ea), vb = PostingListView::open(eb);

  for (Isa isa : supported_isas()) {
    ScopedIsa forced(isa);
    for (uint32_t ratio : {1u, 32u, 1000000u}) {  // always gallop / probe, between, never
      set_tuning(Tuning{ratio, ratio});
      BOOST_TEST_CONTEXT("isa " << isa_name(isa) << ", gallop and probe ratio " << ratio << ", |a| "
                                << a.size() << ", |b| " << b.size()) {
        Docids out(std::min(a.size(), b.size()));
        out.resize(intersect::intersect(a.data(), a.size(), b.data(), b.size(), out.data()));
        BOOST_REQUIRE(out == want_and);
        out.assign(std::min(a.size(), b.size()), 0);
        out.resize(intersect::intersect(b.data(), b.size(), a.data(), a.size(), out.data()));
        BOOST_REQUIRE(out == want_and);

        PostingListView both[] = {va, vb};
        intersect::intersect(both, &out);
        BOOST_REQUIRE(out == want_and);
        BOOST_REQUIRE_EQUAL(intersect_count(both), want_and.size());
        intersect::intersect(a, vb, &out);
        BOOST_REQUIRE(out == want_and);
        PostingListView three[] = {vb, va, vb};
        intersect::intersect(three, &out);
        BOOST_REQUIRE(out == want_and);
      }
    }
  }
  set_tuning(Tuning{});

  Docids out(a.size() + b.size());
  out.resize(unite(a.data(), a.size(), b.data(), b.size(), out.data()));
  BOOST_REQUIRE(out == want_or);
  out.assign(a.size(), 0);
  out.resize(intersect::subtract(a.data(), a.size(), b.data(), b.size(), out.data()));
  BOOST_REQUIRE(out == want_not);

  PostingListView both[] = {va, vb};
  unite(both, &out);
  BOOST_REQUIRE(out == want_or);
  intersect::subtract(a, vb, &out);
  BOOST_REQUIRE(out == want_not);
  intersect::subtract(va, vb, &out);
  BOOST_REQUIRE(out == want_not);

  // Frequencies of b for the docids of a: b's tf where present, else 0.
  std::vector<uint32_t> got(a.size());
  lookup_freqs(vb, a, got.data());
  for (std::size_t i = 0; i < a.size(); ++i) {
    bool in_b = std::binary_search(b.begin(), b.end(), a[i]);
    BOOST_REQUIRE_EQUAL(got[i], in_b ? 1 + a[i] % 5 : 0);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_supported_code_path_can_be_forced) {
  BOOST_CHECK(isa_supported(Isa::kScalar));
  BOOST_TEST_MESSAGE("best code path: " << isa_name(best_isa()));
  for (Isa isa : supported_isas()) {
    ScopedIsa forced(isa);
    BOOST_CHECK(active_isa() == isa);
  }
  BOOST_CHECK(active_isa() == best_isa());
  if (!isa_supported(Isa::kAvx2)) BOOST_CHECK_THROW(force_isa(Isa::kAvx2), Error);
}

BOOST_AUTO_TEST_CASE(adversarial_inputs_match_the_standard_algorithms) {
  const Docids empty, one{7}, top{kMaxDocid}, zero{0};
  const Docids evens = range(0, 3000, 2), odds = range(1, 3000, 2);
  const Docids block_edges = {0, 126, 127, 128, 129, 255, 256, 257, 65535, 65536, 65537, 131071};
  const Docids run_at_edges = range(120, 20);                 // crosses the first block edge
  const Docids full_chunk = range(65536, 65536);              // one run of a whole chunk
  const Docids dense = range(0, 30000, 2);                    // bitmap chunks
  const Docids last_chunk = range(kMaxDocid - 9000, 9001);    // up to the largest docid
  const Docids sparse_top = range(kMaxDocid - 900000, 1000, 900);
  std::vector<const Docids*> all = {&empty, &one, &top, &zero, &evens, &odds, &block_edges,
                                    &run_at_edges, &full_chunk, &dense, &last_chunk, &sparse_top};
  for (const Docids* a : all) {
    for (const Docids* b : all) check_pair(*a, *b);
  }
  check_pair(evens, evens);  // identical
}

BOOST_AUTO_TEST_CASE(random_inputs_match_the_standard_algorithms) {
  std::mt19937 rng(20261126);
  struct Shape {
    std::size_t na, nb;
    uint64_t universe;
  };
  const Shape shapes[] = {{100, 100, 1000},      {1000, 1000, 4000},     {5000, 5000, 200000},
                          {300, 20000, 200000},  {20, 20000, 300000},    {10, 10000, 10000000},
                          {40000, 40000, 100000}, {3000, 60000, 131072}, {1, 50000, 65536}};
  for (const Shape& s : shapes) {
    for (int rep = 0; rep < 2; ++rep) {
      uint32_t offset = rep == 1 ? static_cast<uint32_t>(kMaxDocid - s.universe + 1) : 0;
      check_pair(random_set(rng, s.na, s.universe, offset), random_set(rng, s.nb, s.universe, offset));
    }
  }
}

BOOST_AUTO_TEST_CASE(skewed_one_to_a_thousand) {
  std::mt19937 rng(99);
  Docids big = random_set(rng, 100000, 1000000);
  Docids small;
  for (std::size_t i = 0; i < big.size(); i += 1000) small.push_back(big[i] + (i % 2000 == 0 ? 0 : 1));
  check_pair(small, big);
}

BOOST_AUTO_TEST_CASE(k_way_conjunction_and_union_match_pairwise_references) {
  std::mt19937 rng(5);
  for (int rep = 0; rep < 4; ++rep) {
    std::vector<Docids> sets = {random_set(rng, 50000, 300000), random_set(rng, 20000, 300000),
                                random_set(rng, 3000, 300000), range(65536 * 2, 65536)};
    std::vector<std::string> bytes(sets.size());
    std::vector<PostingListView> views;
    for (std::size_t i = 0; i < sets.size(); ++i) postings::encode_posting_list(sets[i], {}, &bytes[i]);
    for (const std::string& b : bytes) views.push_back(PostingListView::open(b));
    std::size_t k = 2 + rep % 3;
    Docids want_and = sets[0], want_or = sets[0];
    for (std::size_t i = 1; i < k; ++i) {
      want_and = ref_and(want_and, sets[i]);
      want_or = ref_or(want_or, sets[i]);
    }
    for (Isa isa : supported_isas()) {
      ScopedIsa forced(isa);
      Docids out;
      intersect::intersect(std::span(views).first(k), &out);
      BOOST_REQUIRE(out == want_and);
      unite(std::span(views).first(k), &out);
      BOOST_REQUIRE(out == want_or);
    }
  }
  Docids out{1, 2};
  intersect::intersect(std::span<const PostingListView>(), &out);
  BOOST_CHECK(out.empty());
}

// Per chunk: a small array drives, a bitmap thins the candidates out, and only then is the
// large array decoded (probing its blocks or merging, by the probe ratio); every order of
// the lists, every code path, both sides of the switch-over points.
BOOST_AUTO_TEST_CASE(three_way_with_arrays_and_a_bitmap_matches_the_reference) {
  std::mt19937 rng(77);
  const uint64_t universe = 65536 * 6;
  std::vector<Docids> sets = {random_set(rng, 1800, universe),     // ~300 per chunk: array
                              random_set(rng, 21000, universe),    // ~3,500 per chunk: array
                              random_set(rng, 36000, universe)};   // ~6,000 per chunk: bitmap
  sets[1].insert(sets[1].end(), sets[0].begin(), sets[0].begin() + 200);  // some certain matches
  sets[2].insert(sets[2].end(), sets[0].begin(), sets[0].begin() + 300);
  for (Docids* d : {&sets[1], &sets[2]}) {
    std::sort(d->begin(), d->end());
    d->erase(std::unique(d->begin(), d->end()), d->end());
  }
  const Docids want = ref_and(ref_and(sets[0], sets[1]), sets[2]);
  BOOST_REQUIRE_GE(want.size(), 200u);
  std::vector<std::string> bytes(3);
  for (std::size_t i = 0; i < 3; ++i) postings::encode_posting_list(sets[i], {}, &bytes[i]);
  std::size_t perm[] = {0, 1, 2};
  do {
    PostingListView views[] = {PostingListView::open(bytes[perm[0]]), PostingListView::open(bytes[perm[1]]),
                               PostingListView::open(bytes[perm[2]])};
    for (Isa isa : supported_isas()) {
      ScopedIsa forced(isa);
      for (uint32_t ratio : {1u, 8u, 64u, 1000000u}) {
        set_tuning(Tuning{ratio, ratio});
        BOOST_TEST_CONTEXT("isa " << isa_name(isa) << ", ratio " << ratio << ", order " << perm[0] << perm[1]
                                  << perm[2]) {
          Docids out;
          intersect::intersect(views, &out);
          BOOST_REQUIRE(out == want);
        }
      }
    }
  } while (std::next_permutation(perm, perm + 3));
  set_tuning(Tuning{});
}
