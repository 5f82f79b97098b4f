// Posting-list containers: round trips of every container kind and boundary, cursors
// against std::lower_bound, and damaged buffers (which must throw kCorrupt, never crash).
#define BOOST_TEST_MODULE postings
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>
#include <search/error.h>
#include <set>

#include "postings/posting_list.h"

using namespace search;
using namespace search::postings;

namespace {

struct List {
  std::vector<uint32_t> docids, freqs;
};

std::string encode(const List& l) {
  std::string out;
  encode_posting_list(l.docids, l.freqs, &out);
  return out;
}

std::vector<ChunkKind> kinds(const PostingListView& v) {
  std::vector<ChunkKind> k;
  for (uint32_t i = 0; i < v.chunk_count(); ++i) k.push_back(v.chunk(i).kind);
  return k;
}

// Decodes `bytes` every way the API offers and compares with the reference.
void check_round_trip(const List& l, const std::string& bytes) {
  PostingListView v = PostingListView::open(bytes, "test");
  BOOST_REQUIRE_EQUAL(v.size(), l.docids.size());
  std::vector<uint32_t> d, f;
  v.decode_all(&d, &f);
  BOOST_REQUIRE(d == l.docids);
  std::vector<uint32_t> want_f = l.freqs.empty() ? std::vector<uint32_t>(l.docids.size(), 1) : l.freqs;
  BOOST_REQUIRE(f == want_f);
  v.validate("test");
  if (!l.docids.empty()) {
    BOOST_CHECK_EQUAL(v.first_docid(), l.docids.front());
    BOOST_CHECK_EQUAL(v.last_docid(), l.docids.back());
  }
  // Iterate with next().
  PostingCursor c = v.cursor();
  std::vector<uint32_t> cd, ci, cf;
  for (; !c.at_end() && cd.size() <= l.docids.size(); c.next()) {
    cd.push_back(c.docid());
    ci.push_back(c.index());
    cf.push_back(c.freq());
  }
  std::vector<uint32_t> want_i(l.docids.size());
  for (std::size_t i = 0; i < want_i.size(); ++i) want_i[i] = static_cast<uint32_t>(i);
  BOOST_REQUIRE(cd == l.docids);
  BOOST_REQUIRE(ci == want_i);
  BOOST_REQUIRE(cf == want_f);
  BOOST_REQUIRE(c.at_end());
  BOOST_REQUIRE_EQUAL(c.docid(), kEndDocid);
}

// advance() to increasing random targets lands where std::lower_bound says.
void check_advance(const List& l, const std::string& bytes, uint32_t seed) {
  PostingListView v = PostingListView::open(bytes);
  std::mt19937 rng(seed);
  for (int round = 0; round < 6; ++round) {
    PostingCursor c = v.cursor();
    uint64_t target = 0;
    uint32_t span = l.docids.empty() ? 1000 : std::max<uint32_t>(1, (l.docids.back() - l.docids.front()) / 16 + 1);
    while (true) {
      auto next = std::upper_bound(l.docids.begin(), l.docids.end(), static_cast<uint32_t>(target));
      if (next != l.docids.end() && rng() % 2) {
        // Aim at (or just before) a docid a little way ahead.
        std::size_t skip = rng() % (round % 2 ? 200 : 3);
        auto aim = l.docids.end() - next > static_cast<std::ptrdiff_t>(skip) ? next + skip : next;
        target = std::max<uint64_t>(target + 1, *aim - rng() % 2);
      } else {
        target += 1 + rng() % (round % 2 ? span : 300);
      }
      if (target > kMaxDocid) target = kMaxDocid;
      c.advance(static_cast<uint32_t>(target));
      auto it = std::lower_bound(l.docids.begin(), l.docids.end(), static_cast<uint32_t>(target));
      if (it == l.docids.end()) {
        BOOST_REQUIRE(c.at_end());
        break;
      }
      if (it == l.docids.end() - 1 && rng() % 4 == 0) target = kMaxDocid - 1;
      BOOST_REQUIRE_EQUAL(c.docid(), *it);
      BOOST_REQUIRE_EQUAL(c.index(), it - l.docids.begin());
      if (!l.freqs.empty()) BOOST_REQUIRE_EQUAL(c.freq(), l.freqs[it - l.docids.begin()]);
      if (target == kMaxDocid) break;
    }
  }
}

List with_freqs(std::vector<uint32_t> docids, uint32_t seed = 1) {
  List l;
  l.docids = std::move(docids);
  std::mt19937 rng(seed);
  for (std::size_t i = 0; i < l.docids.size(); ++i) l.freqs.push_back(1 + (rng() % 4 == 0 ? rng() % 300 : 0));
  return l;
}

void check_all(const List& l) {
  std::string bytes = encode(l);
  check_round_trip(l, bytes);
  check_advance(l, bytes, 7);
}

std::vector<uint32_t> range(uint32_t first, uint32_t n, uint32_t step = 1) {
  std::vector<uint32_t> v;
  for (uint32_t i = 0; i < n; ++i) v.push_back(first + i * step);
  return v;
}

}  // namespace

BOOST_AUTO_TEST_CASE(empty_list_has_no_postings) {
  List l;
  std::string bytes = encode(l);
  PostingListView v = PostingListView::open(bytes);
  BOOST_CHECK(v.empty());
  BOOST_CHECK(v.cursor().at_end());
  BOOST_CHECK_EQUAL(v.first_docid(), kEndDocid);
  check_round_trip(l, bytes);
  BOOST_CHECK(PostingListView().cursor().at_end());
}

BOOST_AUTO_TEST_CASE(single_postings_at_the_docid_extremes) {
  for (uint32_t d : {0u, 1u, 127u, 65535u, 65536u, 0xFFFF0000u, kMaxDocid}) {
    check_all(List{{d}, {}});
    check_all(List{{d}, {42}});
  }
}

BOOST_AUTO_TEST_CASE(block_edges_round_trip) {
  for (uint32_t n : {127u, 128u, 129u, 255u, 256u, 257u, 4095u, 4096u}) {
    for (uint32_t step : {1u, 2u, 3u, 15u}) {
      if (n * step > 65536) continue;
      check_all(with_freqs(range(0, n, step), n));
      check_all(with_freqs(range(65536 - n * step, n, step), n + 1));  // up to the chunk edge
    }
  }
  // Gaps needing every bit width 0..16 in one block.
  std::vector<uint32_t> d{5};
  for (uint32_t b = 0; b <= 16 && d.back() + (1u << b) < 65536; ++b) d.push_back(d.back() + (1u << b));
  d.push_back(65535);
  check_all(with_freqs(d));
}

BOOST_AUTO_TEST_CASE(chunk_edges_round_trip) {
  check_all(with_freqs({65534, 65535, 65536, 65537}));
  check_all(with_freqs({0, 65535, 65536, 131071, 131072}));
  check_all(with_freqs({65535, 0xFFFF0000u, kMaxDocid}));
  check_all(with_freqs(range(kMaxDocid - 300, 301)));  // the last chunk, up to the largest docid
  std::vector<uint32_t> sparse_keys;
  for (uint32_t k = 0; k < 100; ++k) sparse_keys.push_back(k * 40000000u + k);
  check_all(with_freqs(sparse_keys));
}

BOOST_AUTO_TEST_CASE(containers_are_chosen_by_cardinality_and_size) {
  // 100 docids 300 apart: an array (far below 4096; runs would need 400 bytes).
  std::string array_bytes = encode(List{range(0, 100, 300), {}});
  PostingListView a = PostingListView::open(array_bytes);
  // Every 13th docid of a chunk: 5042 > 4096, runs would take 20 KB: a bitmap.
  std::string bitmap_bytes = encode(List{range(65536, 5042, 13), {}});
  PostingListView b = PostingListView::open(bitmap_bytes);
  // A full chunk: one run of 65,536 (4 bytes).
  std::string full_bytes = encode(List{range(0, 65536), {}});
  PostingListView r = PostingListView::open(full_bytes);
  BOOST_CHECK(kinds(a) == std::vector<ChunkKind>{ChunkKind::kArray});
  BOOST_CHECK(kinds(b) == std::vector<ChunkKind>{ChunkKind::kBitmap});
  BOOST_CHECK(kinds(r) == std::vector<ChunkKind>{ChunkKind::kRuns});
  BOOST_CHECK_LT(full_bytes.size(), 40u);
  // Three runs of 200 in a small chunk: runs (12 bytes) beat an array (2 x 8 bytes of skips).
  std::vector<uint32_t> runs = range(1000, 200);
  for (uint32_t x : range(5000, 200)) runs.push_back(x);
  for (uint32_t x : range(60000, 200)) runs.push_back(x);
  std::string runs_bytes = encode(List{runs, {}});
  BOOST_CHECK(kinds(PostingListView::open(runs_bytes)) == std::vector<ChunkKind>{ChunkKind::kRuns});
  check_all(with_freqs(runs));
  check_all(with_freqs(range(0, 65536)));
  check_all(with_freqs(range(65536, 5042, 13)));
  check_all(with_freqs(range(kMaxDocid - 65534, 65535)));  // the full last chunk
}

BOOST_AUTO_TEST_CASE(random_lists_of_every_density_round_trip) {
  std::mt19937 rng(12345);
  for (double density : {0.00001, 0.001, 0.02, 0.06, 0.3, 0.9}) {
    for (int rep = 0; rep < 3; ++rep) {
      std::vector<uint32_t> d;
      uint32_t universe = 200000;
      std::bernoulli_distribution keep(density);
      uint32_t offset = rep == 2 ? 0xFFFFFFFEu - universe : rng() % 1000;
      for (uint32_t x = 0; x < universe; ++x) {
        if (keep(rng)) d.push_back(offset + x);
      }
      // Splice in a run so that mixed lists have all three kinds.
      List l = with_freqs(d, rep);
      check_all(l);
      check_all(List{d, {}});
    }
  }
}

BOOST_AUTO_TEST_CASE(frequencies_round_trip_with_block_maxima) {
  List l;
  l.docids = range(10, 300, 7);
  for (uint32_t i = 0; i < 300; ++i) l.freqs.push_back(i == 130 ? 0x80000000u : 1 + i % 5);
  std::string bytes = encode(l);
  check_round_trip(l, bytes);
  PostingListView v = PostingListView::open(bytes);
  BOOST_CHECK_EQUAL(v.max_freq(), 0x80000000u);
  BOOST_CHECK_EQUAL(v.block_max_freq(0), 5u);
  BOOST_CHECK_EQUAL(v.block_max_freq(1), 0x80000000u);
  PostingCursor c = v.cursor();
  c.advance(10 + 7 * 200);
  BOOST_CHECK_EQUAL(c.block_max_freq(), 0x80000000u);
  // All-ones frequencies are dropped from the encoding.
  std::string ones = encode(List{range(0, 500), std::vector<uint32_t>(500, 1)});
  BOOST_CHECK(!PostingListView::open(ones).has_freqs());
}

BOOST_AUTO_TEST_CASE(builder_matches_the_one_shot_encoder) {
  List l = with_freqs(range(3, 1000, 9), 4);
  PostingListBuilder b;
  for (std::size_t i = 0; i < l.docids.size(); ++i) b.add(l.docids[i], l.freqs[i]);
  std::string out = "prefix";
  b.finish(&out);
  BOOST_CHECK(out.substr(6) == encode(l));
  BOOST_CHECK_EQUAL(b.size(), 0u);
  BOOST_CHECK_THROW(b.add(kEndDocid), Error);
  b.add(5);
  BOOST_CHECK_THROW(b.add(5), Error);
}

BOOST_AUTO_TEST_CASE(encoder_rejects_bad_input) {
  std::string out;
  auto code = [&](std::vector<uint32_t> d, std::vector<uint32_t> f) {
    try {
      encode_posting_list(d, f, &out);
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::kIo;
  };
  BOOST_CHECK(code({3, 2}, {}) == ErrorCode::kInvalidArgument);
  BOOST_CHECK(code({2, 2}, {}) == ErrorCode::kInvalidArgument);
  BOOST_CHECK(code({kEndDocid}, {}) == ErrorCode::kInvalidArgument);
  BOOST_CHECK(code({1, 2}, {1}) == ErrorCode::kInvalidArgument);
  BOOST_CHECK(code({1, 2}, {1, 0}) == ErrorCode::kInvalidArgument);
  BOOST_CHECK(out.empty());
}

namespace {
// Everything a reader might do with a list; must either work or throw kCorrupt.
void exercise(const std::string& bytes) {
  try {
    PostingListView v = PostingListView::open(bytes);
    std::vector<uint32_t> d, f;
    v.decode_all(&d, &f);
    PostingCursor c = v.cursor();
    for (int i = 0; i < 50 && !c.at_end(); ++i, c.next()) (void)c.freq();
    PostingCursor s = v.cursor();
    for (uint32_t t = 0; !s.at_end() && t < 2000000; t += 40000) {
      s.advance(t);
      if (!s.at_end()) (void)s.freq();
    }
    (void)v.last_docid();
    v.validate();
  } catch (const Error& e) {
    BOOST_REQUIRE_MESSAGE(e.code() == ErrorCode::kCorrupt, e.what());
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(damaged_lists_throw_corrupt_and_never_crash) {
  std::mt19937 rng(2024);
  std::vector<std::string> samples;
  samples.push_back(encode(with_freqs(range(5, 300, 3))));                // arrays
  samples.push_back(encode(with_freqs(range(65536, 5042, 13))));          // bitmap
  std::vector<uint32_t> mixed = range(0, 1000, 1);
  for (uint32_t x : range(70000, 700, 50)) mixed.push_back(x);
  for (uint32_t x : range(140000, 6000, 3)) mixed.push_back(x);
  samples.push_back(encode(with_freqs(mixed)));                           // runs, array, bitmap
  for (const std::string& good : samples) {
    for (std::size_t len = 0; len < good.size(); len += 1 + len / 64) exercise(good.substr(0, len));
    for (int round = 0; round < 1500; ++round) {
      std::string bad = good;
      int flips = 1 + static_cast<int>(rng() % 4);
      for (int k = 0; k < flips; ++k) {
        // Damage the header and directory most: that is where offsets live.
        std::size_t pos = rng() % 2 ? rng() % std::min<std::size_t>(bad.size(), 64) : rng() % bad.size();
        bad[pos] = static_cast<char>(rng() % 2 ? bad[pos] ^ (1 << (rng() % 8)) : rng());
      }
      exercise(bad);
    }
  }
}

BOOST_AUTO_TEST_CASE(open_names_the_context_of_damage) {
  try {
    PostingListView::open(std::string("\x07\x00\x01", 3), "segment 3, term 'borger'");
    BOOST_FAIL("expected an error");
  } catch (const Error& e) {
    BOOST_CHECK(e.code() == ErrorCode::kCorrupt);
    BOOST_CHECK(std::string(e.what()).find("term 'borger'") != std::string::npos);
    BOOST_CHECK(std::string(e.what()).find("version 7") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_posting_at_the_end_marker_is_corrupt) {
  // {kMaxDocid} is one run (start 0xFFFE, length 1) in chunk 0xFFFF; lengthen it by one so
  // that it would yield docid 2^32 - 1, the cursors' end marker.
  std::string bytes = encode(List{{kMaxDocid}, {}});
  BOOST_REQUIRE(kinds(PostingListView::open(bytes)) == std::vector<ChunkKind>{ChunkKind::kRuns});
  bytes[bytes.size() - 2] = 1;
  try {
    PostingListView::open(bytes);
    BOOST_FAIL("expected an error");
  } catch (const Error& e) {
    BOOST_CHECK(e.code() == ErrorCode::kCorrupt);
  }
}
