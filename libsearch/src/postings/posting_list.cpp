// Posting-list encoder and reader.
//
// Byte layout (format version 1; all integers little-endian, no alignment; varint =
// LEB128 of a uint32, at most 5 bytes):
//
//   u8      version            1
//   u8      flags              bit 0: has frequencies; other bits 0
//   varint  df                 number of postings; if 0 the list ends here
//   varint  n_chunks           1 .. min(df, 65536)
//   varint  bodies_size        bytes of the chunk bodies section
//   varint  max_tf             only if has frequencies (>= 1)
//   chunk directory            n_chunks x 12 bytes, keys strictly increasing:
//     u16   key                high 16 bits of the chunk's docids
//     u16   card - 1           postings in the chunk, 1 .. 65536
//     u32   rank_base          postings in earlier chunks
//     u32   offset << 2 | kind body offset within the bodies section; kind 0 array,
//                              1 bitmap, 2 runs. Bodies are back to back in chunk order; a
//                              body ends where the next one starts.
//   bodies                     bodies_size bytes
//   frequency skip table       only if has frequencies: ceil(df / 128) x 8 bytes, one per
//                              block of 128 postings in list order:
//     u32   offset             of the block within the frequency data
//     u32   max_tf             largest frequency in the block (>= 1)
//   frequency data             to the end of the list: block j holds its n (128, or what is
//                              left for the last block) values tf - 1, bit-packed with
//                              b = bit_width(max_tf - 1) bits each: ceil(n * b / 8) bytes.
//
// Chunk bodies (low = docid & 0xFFFF):
//   array   (chosen when card <= 4096): nb = ceil(card / 128) skip entries of 8 bytes
//           {u16 low of the block's last docid, u8 bits (0..16), u8 0, u32 offset of the
//           block in the data that follows}, then the blocks: gaps g_i = low_i - low_{i-1} - 1
//           (low_{-1} = the previous block's last low, or -1 for the first block),
//           bit-packed least significant bit first, ceil(n * bits / 8) bytes.
//   bitmap  (card > 4096): 1024 u64 words; bit (low & 63) of word (low >> 6).
//   runs    (whenever smaller than the above): n x {u16 start low, u16 length - 1}, ordered
//           and disjoint.
//
// A list without frequencies reads back every tf as 1; the encoder drops frequencies that
// are all 1.
#include "postings/posting_list.h"

#include <algorithm>
#include <search/error.h>

#include "postings/chunk.h"

namespace search::postings {

namespace {

constexpr uint8_t kVersion = 1;
constexpr uint8_t kFlagFreqs = 1;
constexpr std::size_t kDirEntryBytes = 12;
constexpr std::size_t kFreqSkipBytes = 8;

void put_u16(std::string* out, uint32_t v) {
  out->push_back(static_cast<char>(v & 0xFF));
  out->push_back(static_cast<char>((v >> 8) & 0xFF));
}
void put_u32(std::string* out, uint32_t v) {
  put_u16(out, v & 0xFFFF);
  put_u16(out, v >> 16);
}
void put_varint(std::string* out, uint32_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

std::string at(std::size_t offset) { return " at byte " + std::to_string(offset); }

// Reads a varint at bytes[*pos]; throws kCorrupt naming the offset if it runs off the end.
uint32_t get_varint(std::string_view bytes, std::size_t* pos, const char* what) {
  uint64_t v = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (*pos >= bytes.size()) throw_corrupt(std::string("posting list truncated in ") + what + at(*pos));
    uint8_t byte = static_cast<uint8_t>(bytes[(*pos)++]);
    v |= uint64_t{byte & 0x7Fu} << shift;
    if ((byte & 0x80) == 0) {
      if (v > 0xFFFFFFFFull) break;
      return static_cast<uint32_t>(v);
    }
  }
  throw_corrupt(std::string("posting list: bad varint in ") + what + at(*pos));
}

uint32_t block_count(uint32_t n) { return (n + kBlockSize - 1) / kBlockSize; }

// ---- Encoding of chunk bodies. `lows` are the low 16 bits of the chunk's docids. ----

void encode_array(const uint32_t* lows, uint32_t card, std::string* body) {
  uint32_t nb = block_count(card);
  thread_local std::string data;  // scratch reused across lists: the writer encodes millions
  data.clear();
  uint32_t gaps[kBlockSize];
  for (uint32_t b = 0; b < nb; ++b) {
    uint32_t begin = b * kBlockSize, n = std::min(kBlockSize, card - begin);
    uint32_t prev = b == 0 ? 0xFFFFFFFFu : lows[begin - 1];
    uint32_t max_gap = 0;
    for (uint32_t i = 0; i < n; ++i) {
      gaps[i] = lows[begin + i] - prev - 1;
      prev = lows[begin + i];
      max_gap = std::max(max_gap, gaps[i]);
    }
    uint32_t bits = bit_width(max_gap);
    put_u16(body, lows[begin + n - 1]);
    body->push_back(static_cast<char>(bits));
    body->push_back(0);
    put_u32(body, static_cast<uint32_t>(data.size()));
    pack(gaps, n, bits, &data);
  }
  body->append(data);
}

void encode_bitmap(const uint32_t* lows, uint32_t card, std::string* body) {
  uint64_t words[kBitmapWords] = {};
  for (uint32_t i = 0; i < card; ++i) words[lows[i] >> 6] |= uint64_t{1} << (lows[i] & 63);
  for (uint64_t w : words) {
    put_u32(body, static_cast<uint32_t>(w));
    put_u32(body, static_cast<uint32_t>(w >> 32));
  }
}

void encode_runs(const uint32_t* lows, uint32_t card, std::string* body) {
  uint32_t start = lows[0];
  for (uint32_t i = 1; i <= card; ++i) {
    if (i == card || lows[i] != lows[i - 1] + 1) {
      put_u16(body, start);
      put_u16(body, lows[i - 1] - start);
      if (i < card) start = lows[i];
    }
  }
}

uint32_t count_runs(const uint32_t* lows, uint32_t card) {
  uint32_t runs = 1;
  for (uint32_t i = 1; i < card; ++i) runs += lows[i] != lows[i - 1] + 1;
  return runs;
}

// Appends the smallest body for the chunk (ties favour arrays and bitmaps, which intersect
// faster) and returns its kind.
ChunkKind encode_chunk(const uint32_t* lows, uint32_t card, std::string* bodies) {
  std::size_t runs_bytes = std::size_t{4} * count_runs(lows, card);
  if (card > kArrayMaxCard) {
    if (runs_bytes < kBitmapBytes) {
      encode_runs(lows, card, bodies);
      return ChunkKind::kRuns;
    }
    encode_bitmap(lows, card, bodies);
    return ChunkKind::kBitmap;
  }
  thread_local std::string array;
  array.clear();
  encode_array(lows, card, &array);
  if (runs_bytes < array.size()) {
    encode_runs(lows, card, bodies);
    return ChunkKind::kRuns;
  }
  bodies->append(array);
  return ChunkKind::kArray;
}

void encode_freqs(std::span<const uint32_t> freqs, std::string* out) {
  uint32_t nb = block_count(static_cast<uint32_t>(freqs.size()));
  thread_local std::string data;
  data.clear();
  uint32_t values[kBlockSize];
  for (uint32_t b = 0; b < nb; ++b) {
    std::size_t begin = std::size_t{b} * kBlockSize;
    uint32_t n = static_cast<uint32_t>(std::min<std::size_t>(kBlockSize, freqs.size() - begin));
    uint32_t max_tf = 1;
    for (uint32_t i = 0; i < n; ++i) {
      values[i] = freqs[begin + i] - 1;
      max_tf = std::max(max_tf, freqs[begin + i]);
    }
    put_u32(out, static_cast<uint32_t>(data.size()));
    put_u32(out, max_tf);
    pack(values, n, bit_width(max_tf - 1), &data);
  }
  out->append(data);
}

void check_input(std::span<const uint32_t> docids, std::span<const uint32_t> freqs) {
  if (!freqs.empty() && freqs.size() != docids.size()) {
    throw Error(ErrorCode::kInvalidArgument,
                "posting list: " + std::to_string(freqs.size()) + " frequencies for " +
                    std::to_string(docids.size()) + " docids");
  }
  for (std::size_t i = 0; i < docids.size(); ++i) {
    if (docids[i] > kMaxDocid || (i > 0 && docids[i] <= docids[i - 1])) {
      throw Error(ErrorCode::kInvalidArgument,
                  "posting list: docid " + std::to_string(docids[i]) + " at index " +
                      std::to_string(i) + " is out of order or above the largest docid");
    }
    if (!freqs.empty() && freqs[i] == 0) {
      throw Error(ErrorCode::kInvalidArgument, "posting list: frequency 0 for docid " +
                                                   std::to_string(docids[i]));
    }
  }
}

}  // namespace

void throw_corrupt(const std::string& message) { throw Error(ErrorCode::kCorrupt, message); }

void encode_posting_list(std::span<const uint32_t> docids, std::span<const uint32_t> freqs,
                         std::string* out) {
  check_input(docids, freqs);
  uint32_t max_tf = docids.empty() ? 0 : 1;
  for (uint32_t f : freqs) max_tf = std::max(max_tf, f);
  bool with_freqs = max_tf > 1;
  out->push_back(static_cast<char>(kVersion));
  out->push_back(static_cast<char>(with_freqs ? kFlagFreqs : 0));
  put_varint(out, static_cast<uint32_t>(docids.size()));
  if (docids.empty()) return;

  thread_local std::string dir, bodies;
  thread_local std::vector<uint32_t> lows;
  dir.clear();
  bodies.clear();
  uint32_t n_chunks = 0;
  for (std::size_t begin = 0; begin < docids.size();) {
    uint32_t key = docids[begin] >> kChunkBits;
    std::size_t end = begin;
    lows.clear();
    while (end < docids.size() && (docids[end] >> kChunkBits) == key) lows.push_back(docids[end++] & 0xFFFF);
    uint32_t card = static_cast<uint32_t>(end - begin);
    std::size_t offset = bodies.size();
    if (offset >= (std::size_t{1} << 30)) {
      throw Error(ErrorCode::kLimit, "posting list: more than 1 GiB of docid data");
    }
    ChunkKind kind = encode_chunk(lows.data(), card, &bodies);
    put_u16(&dir, key);
    put_u16(&dir, card - 1);
    put_u32(&dir, static_cast<uint32_t>(begin));
    put_u32(&dir, static_cast<uint32_t>(offset << 2) | static_cast<uint32_t>(kind));
    ++n_chunks;
    begin = end;
  }
  put_varint(out, n_chunks);
  put_varint(out, static_cast<uint32_t>(bodies.size()));
  if (with_freqs) put_varint(out, max_tf);
  out->append(dir);
  out->append(bodies);
  if (with_freqs) encode_freqs(freqs, out);
}

void PostingListBuilder::add(uint32_t docid, uint32_t freq) {
  if (docid > kMaxDocid || (!docids_.empty() && docid <= docids_.back()) || freq == 0) {
    throw Error(ErrorCode::kInvalidArgument,
                "posting list: docid " + std::to_string(docid) + " (freq " +
                    std::to_string(freq) + ") is out of order, too large or has freq 0");
  }
  docids_.push_back(docid);
  freqs_.push_back(freq);
}

void PostingListBuilder::finish(std::string* out, bool with_freqs) {
  encode_posting_list(docids_, with_freqs ? std::span<const uint32_t>(freqs_)
                                          : std::span<const uint32_t>(), out);
  clear();
}

void PostingListBuilder::clear() {
  docids_.clear();
  freqs_.clear();
}

// ---- PostingListView ----

PostingListView PostingListView::open(std::string_view bytes, std::string_view where) {
  PostingListView v;
  v.bytes_ = bytes;
  std::string prefix = where.empty() ? std::string("posting list") : std::string(where) + ": posting list";
  auto fail = [&](const std::string& what, std::size_t pos) {
    throw_corrupt(prefix + ": " + what + at(pos));
  };
  {
    if (bytes.size() < 3) fail("truncated header (" + std::to_string(bytes.size()) + " bytes)", 0);
    auto u8 = reinterpret_cast<const uint8_t*>(bytes.data());
    if (u8[0] != kVersion) fail("unknown format version " + std::to_string(u8[0]), 0);
    if ((u8[1] & ~kFlagFreqs) != 0) fail("unknown flags " + std::to_string(u8[1]), 1);
    v.freq_bits_present_ = (u8[1] & kFlagFreqs) != 0;
    std::size_t pos = 2;
    v.df_ = get_varint(bytes, &pos, "df");
    if (v.df_ == 0) {
      if (pos != bytes.size() || v.freq_bits_present_) fail("bytes after an empty list", pos);
      return v;
    }
    v.n_chunks_ = get_varint(bytes, &pos, "chunk count");
    if (v.n_chunks_ == 0 || v.n_chunks_ > v.df_ || v.n_chunks_ > 65536) {
      fail("bad chunk count " + std::to_string(v.n_chunks_) + " for df " + std::to_string(v.df_), pos);
    }
    v.bodies_size_ = get_varint(bytes, &pos, "bodies size");
    v.max_tf_ = v.freq_bits_present_ ? get_varint(bytes, &pos, "max tf") : 1;
    if (v.max_tf_ == 0) fail("max tf 0", pos);
    std::size_t dir_bytes = std::size_t{v.n_chunks_} * kDirEntryBytes;
    if (bytes.size() - pos < dir_bytes + v.bodies_size_) fail("truncated directory or bodies", pos);
    v.dir_ = u8 + pos;
    v.bodies_ = v.dir_ + dir_bytes;
    pos += dir_bytes + v.bodies_size_;
    if (v.freq_bits_present_) {
      std::size_t skip_bytes = std::size_t{block_count(v.df_)} * kFreqSkipBytes;
      if (bytes.size() - pos < skip_bytes) fail("truncated frequency skip table", pos);
      v.fskip_ = u8 + pos;
      v.fdata_ = v.fskip_ + skip_bytes;
      v.fdata_size_ = bytes.size() - pos - skip_bytes;
    } else if (pos != bytes.size()) {
      fail(std::to_string(bytes.size() - pos) + " stray bytes after the bodies", pos);
    }
    // The directory: keys increasing, ranks adding up, bodies tiling the bodies section.
    uint32_t rank = 0;
    for (uint32_t i = 0; i < v.n_chunks_; ++i) {
      const uint8_t* e = v.dir_ + i * kDirEntryBytes;
      std::size_t epos = static_cast<std::size_t>(e - u8);
      if (i > 0 && load_u16(e) <= load_u16(e - kDirEntryBytes)) fail("chunk keys out of order", epos);
      if (load_u32(e + 4) != rank) fail("chunk rank base mismatch", epos);
      uint32_t card = uint32_t{load_u16(e + 2)} + 1;
      if (card > v.df_ - rank) fail("chunk cardinalities exceed df", epos);
      rank += card;
      uint32_t ok = load_u32(e + 8), kind = ok & 3;
      std::size_t off = ok >> 2;
      std::size_t end = i + 1 < v.n_chunks_ ? load_u32(e + kDirEntryBytes + 8) >> 2 : v.bodies_size_;
      if ((i == 0 && off != 0) || end < off || end > v.bodies_size_) fail("chunk body out of bounds", epos);
      std::size_t size = end - off;
      bool good = (kind == 0 && card <= kArrayMaxCard && size >= block_count(card) * kArraySkipBytes) ||
                  (kind == 1 && size == kBitmapBytes && card > 0) ||
                  (kind == 2 && size >= 4 && size % 4 == 0 && size / 4 <= card);
      if (!good) fail("bad chunk kind " + std::to_string(kind) + " or body size " + std::to_string(size), epos);
    }
    if (rank != v.df_) fail("chunk cardinalities do not add up to df", 2);
    // Docid 2^32 - 1 is the cursors' end marker, never a posting.
    Chunk last = v.chunk(v.n_chunks_ - 1);
    if (last.key == 0xFFFF) {
      std::size_t tail = static_cast<std::size_t>(last.body - u8);
      bool top = false;
      if (last.kind == ChunkKind::kArray) {
        top = load_u16(last.body + (block_count(last.card) - 1) * kArraySkipBytes) == 0xFFFF;
      } else if (last.kind == ChunkKind::kBitmap) {
        top = (last.body[kBitmapBytes - 1] & 0x80) != 0;
      } else {
        const uint8_t* run = last.body + last.body_size - 4;
        top = uint32_t{load_u16(run)} + load_u16(run + 2) >= 0xFFFF;
      }
      if (top) fail("docid 4294967295 in the last chunk", tail);
    }
  }
  return v;
}

uint16_t PostingListView::chunk_key(uint32_t i) const { return load_u16(dir_ + i * kDirEntryBytes); }

PostingListView::Chunk PostingListView::chunk(uint32_t i) const {
  const uint8_t* e = dir_ + i * kDirEntryBytes;
  Chunk c;
  c.key = load_u16(e);
  c.card = uint32_t{load_u16(e + 2)} + 1;
  c.rank_base = load_u32(e + 4);
  uint32_t ok = load_u32(e + 8);
  c.kind = static_cast<ChunkKind>(ok & 3);
  std::size_t off = ok >> 2;
  std::size_t end = i + 1 < n_chunks_ ? load_u32(e + kDirEntryBytes + 8) >> 2 : bodies_size_;
  c.body = bodies_ + off;
  c.body_size = end - off;
  return c;
}

uint32_t PostingListView::find_chunk(uint16_t key, uint32_t from) const {
  uint32_t lo = from, hi = n_chunks_;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (chunk_key(mid) < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}

uint32_t PostingListView::first_docid() const {
  if (df_ == 0) return kEndDocid;
  PostingCursor c(*this);
  return c.docid();
}

uint32_t PostingListView::last_docid() const {
  if (df_ == 0) return kEndDocid;
  Chunk c = chunk(n_chunks_ - 1);
  uint32_t base = uint32_t{c.key} << kChunkBits;
  const uint8_t* end = reinterpret_cast<const uint8_t*>(bytes_.data()) + bytes_.size();
  switch (c.kind) {
    case ChunkKind::kArray: {
      ArrayChunk a(c, end);
      return a.last(a.block_count() - 1);
    }
    case ChunkKind::kBitmap:
      for (std::size_t w = kBitmapWords; w-- > 0;) {
        uint64_t word = bitmap_word(c.body, w);
        if (word != 0) return base + static_cast<uint32_t>(w * 64 + 63 - __builtin_clzll(word));
      }
      throw_corrupt("posting list: empty bitmap chunk");
    case ChunkKind::kRuns: {
      RunsChunk r(c);
      return r.end(r.count() - 1);
    }
  }
  throw_corrupt("posting list: bad chunk kind");
}

PostingCursor PostingListView::cursor() const { return PostingCursor(*this); }

uint32_t PostingListView::block_max_freq(uint32_t block) const {
  if (!freq_bits_present_) return 1;
  if (block >= block_count(df_)) throw_corrupt("posting list: frequency block out of range");
  return load_u32(fskip_ + block * kFreqSkipBytes + 4);
}

void PostingListView::decode_freq_block(uint32_t block, uint32_t* out) const {
  if (block >= block_count(df_)) {
    throw_corrupt("posting list: frequency block " + std::to_string(block) + " out of range");
  }
  uint32_t n = std::min(kBlockSize, df_ - block * kBlockSize);
  if (!freq_bits_present_) {
    std::fill(out, out + n, 1u);
    return;
  }
  const uint8_t* e = fskip_ + block * kFreqSkipBytes;
  std::size_t off = load_u32(e);
  uint32_t max_tf = load_u32(e + 4);
  if (max_tf == 0) throw_corrupt("posting list: frequency block " + std::to_string(block) + " has max tf 0");
  uint32_t bits = bit_width(max_tf - 1);
  std::size_t need = packed_bytes(n, bits);
  if (off > fdata_size_ || fdata_size_ - off < need) {
    throw_corrupt("posting list: frequency block " + std::to_string(block) + " out of bounds");
  }
  const uint8_t* in = fdata_ + off;
  const uint8_t* list_end = reinterpret_cast<const uint8_t*>(bytes_.data()) + bytes_.size();
  uint8_t padded[16 * 32 + 8];
  if (static_cast<std::size_t>(list_end - in) < 16 * bits + 8) {
    std::memset(padded, 0, sizeof padded);
    std::memcpy(padded, in, need);
    in = padded;
  }
  uint32_t values[kBlockSize];
  kUnpack[bits](in, values);
  // A frequency above the block maximum would break WAND's bound (and 2^32 would wrap to 0).
  uint32_t over = 0;
  for (uint32_t i = 0; i < n; ++i) {
    over |= values[i] > max_tf - 1;
    out[i] = values[i] + 1;
  }
  if (over != 0) {
    throw_corrupt("posting list: frequency block " + std::to_string(block) + " exceeds its max tf");
  }
}

void PostingListView::decode_all(std::vector<uint32_t>* docids, std::vector<uint32_t>* freqs) const {
  const uint8_t* list_end = reinterpret_cast<const uint8_t*>(bytes_.data()) + bytes_.size();
  docids->reserve(docids->size() + df_);
  uint32_t buf[kBlockSize];
  for (uint32_t i = 0; i < n_chunks_; ++i) {
    Chunk c = chunk(i);
    uint32_t base = uint32_t{c.key} << kChunkBits;
    switch (c.kind) {
      case ChunkKind::kArray: {
        ArrayChunk a(c, list_end);
        for (uint32_t b = 0; b < a.block_count(); ++b) {
          uint32_t n = a.decode(b, buf);
          docids->insert(docids->end(), buf, buf + n);
        }
        break;
      }
      case ChunkKind::kBitmap: {
        std::size_t before = docids->size();
        for (std::size_t w = 0; w < kBitmapWords; ++w) {
          for (uint64_t word = bitmap_word(c.body, w); word != 0; word &= word - 1) {
            docids->push_back(base + static_cast<uint32_t>(w * 64 + __builtin_ctzll(word)));
          }
        }
        if (docids->size() - before != c.card) throw_corrupt("posting list: bitmap chunk " + std::to_string(c.key) + " cardinality mismatch");
        break;
      }
      case ChunkKind::kRuns: {
        RunsChunk r(c);
        for (uint32_t k = 0; k < r.count(); ++k) {
          for (uint32_t d = r.start(k);; ++d) {
            docids->push_back(d);
            if (d == r.end(k)) break;
          }
        }
        break;
      }
    }
  }
  if (freqs != nullptr) {
    freqs->reserve(freqs->size() + df_);
    for (uint32_t b = 0; b < block_count(df_); ++b) {
      decode_freq_block(b, buf);
      freqs->insert(freqs->end(), buf, buf + std::min(kBlockSize, df_ - b * kBlockSize));
    }
  }
}

void PostingListView::validate(std::string_view where) const {
  try {
    PostingListView checked = open(bytes_, where);
    std::vector<uint32_t> docids, freqs;
    checked.decode_all(&docids, &freqs);
    if (docids.size() != df_) throw_corrupt("posting list: decoded " + std::to_string(docids.size()) + " docids, df is " + std::to_string(df_));
    for (std::size_t i = 1; i < docids.size(); ++i) {
      if (docids[i] <= docids[i - 1]) throw_corrupt("posting list: docids out of order at index " + std::to_string(i));
    }
    for (uint32_t b = 0; b < block_count(df_); ++b) {
      uint32_t m = 0;
      for (uint32_t i = b * kBlockSize; i < std::min(df_, (b + 1) * kBlockSize); ++i) m = std::max(m, freqs[i]);
      if (m != block_max_freq(b) || m > max_tf_) throw_corrupt("posting list: block max tf mismatch in block " + std::to_string(b));
    }
  } catch (const Error& e) {
    if (where.empty() || std::string_view(e.what()).starts_with(where)) throw;
    throw Error(e.code(), std::string(where) + ": " + e.what());
  }
}

// ---- Chunk readers ----

uint32_t ArrayChunk::decode(uint32_t b, uint32_t* out) const {
  const uint8_t* e = skip_ + b * kArraySkipBytes;
  uint32_t n = block_length(b), bits = e[2];
  std::size_t off = load_u32(e + 4);
  std::size_t end = b + 1 < n_blocks_ ? load_u32(e + kArraySkipBytes + 4) : data_size_;
  if (bits > 16 || off > end || end > data_size_ || end - off < packed_bytes(n, bits)) {
    throw_corrupt("posting list: array block " + std::to_string(b) + " of chunk " +
                  std::to_string(key_base_ >> kChunkBits) + " out of bounds");
  }
  const uint8_t* in = data_ + off;
  uint32_t base = b == 0 ? key_base_ - 1 : last(b - 1);
  if (n < 32 && !simd_decoding()) {
    // A short (last) block: unpacking only its values beats the unrolled 128.
    std::size_t nbytes = packed_bytes(n, bits);
    uint32_t mask = (1u << bits) - 1, acc = base;
    for (uint32_t i = 0; i < n; ++i) {
      std::size_t pos = std::size_t{i} * bits, byte = pos >> 3;
      uint32_t v = 0;
      for (std::size_t t = 0; t < 3 && byte + t < nbytes; ++t) v |= uint32_t{in[byte + t]} << (8 * t);
      out[i] = acc += ((v >> (pos & 7)) & mask) + 1;
    }
  } else {
    // The unpackers read up to 16 bytes past a full block; near the end of the list they
    // work on a zero-padded copy.
    uint8_t padded[16 * 16 + 16];
    if (static_cast<std::size_t>(list_end_ - in) < 16 * bits + 16) {
      std::memset(padded, 0, sizeof padded);
      std::memcpy(padded, in, packed_bytes(n, bits));
      in = padded;
    }
    if (simd_decoding()) {
      unpack_gaps_avx2(in, bits, n, base, out);
    } else {
      kUnpackGaps[bits](in, base, out);
    }
  }
  if (out[n - 1] != last(b)) {
    throw_corrupt("posting list: array block " + std::to_string(b) + " of chunk " +
                  std::to_string(key_base_ >> kChunkBits) + " does not decode to its skip entry");
  }
  return n;
}

RunsChunk::RunsChunk(const PostingListView::Chunk& c)
    : body_(c.body), n_(static_cast<uint32_t>(c.body_size / 4)), key_base_(uint32_t{c.key} << kChunkBits) {
  uint32_t total = 0;
  int64_t prev_end = -1;
  for (uint32_t i = 0; i < n_; ++i) {
    uint32_t s = load_u16(body_ + 4 * i), len = uint32_t{load_u16(body_ + 4 * i + 2)} + 1;
    if (static_cast<int64_t>(s) <= prev_end || s + len > 65536) {
      throw_corrupt("posting list: run " + std::to_string(i) + " of chunk " + std::to_string(c.key) + " overlaps or leaves the chunk");
    }
    prev_end = s + len - 1;
    total += len;
  }
  if (total != c.card) throw_corrupt("posting list: runs of chunk " + std::to_string(c.key) + " do not add up to its cardinality");
}

}  // namespace search::postings
