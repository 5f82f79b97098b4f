// Hybrid compressed posting lists: the docids (and term frequencies) of one term in one
// segment. The byte format is described at the top of posting_list.cpp and in
// docs/format.md, section "Posting lists".
//
// Docids are uint32 local to a segment, 0 .. kMaxDocid (2^32 - 2); kEndDocid (2^32 - 1) is
// the cursor's end marker. Per chunk of 65,536 docids (the high 16 bits) a list stores
//   - an array chunk (cardinality <= 4096): gaps bit-packed in blocks of 128 with one skip
//     entry per block (last docid, byte offset, bit width),
//   - a bitmap chunk (cardinality > 4096): 8 KiB,
//   - a run chunk: [start, length] pairs, whenever that is smaller than the other two.
// Term frequencies live in a separate stream, bit-packed in blocks of 128 postings in list
// order, each block with a skip entry (byte offset, block-max tf for WAND), so docid-only
// work never touches them and scoring decodes only the blocks it scores.
//
// Alignment: none. The encoded bytes may sit at any address (e.g. inside an mmap'd
// segment); all multi-byte reads are unaligned little-endian loads.
//
// Thread safety: PostingListView is an immutable view, safe to share between threads.
// A PostingCursor is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace search::postings {

inline constexpr uint32_t kMaxDocid = 0xFFFFFFFEu;  // largest docid a list may hold
inline constexpr uint32_t kEndDocid = 0xFFFFFFFFu;  // PostingCursor::docid() at the end
inline constexpr uint32_t kBlockSize = 128;         // postings per skip entry
inline constexpr uint32_t kChunkBits = 16;          // docids per chunk: 1 << kChunkBits
inline constexpr uint32_t kArrayMaxCard = 4096;     // larger chunks become bitmaps (or runs)

enum class ChunkKind : uint8_t { kArray = 0, kBitmap = 1, kRuns = 2 };

// Appends the encoding of one posting list to `out` (existing bytes are kept, so several
// lists can be written back to back; the view needs each list's own [begin, end) range).
// REQUIRES: docids strictly increasing, each <= kMaxDocid.
// REQUIRES: freqs empty (a docid-only list: every freq() is 1) or freqs.size() ==
//           docids.size() with every freq >= 1.
// Throws Error(kInvalidArgument) when a requirement is violated (nothing is appended then).
// An empty docid list is valid and encodes to a few bytes.
void encode_posting_list(std::span<const uint32_t> docids, std::span<const uint32_t> freqs,
                         std::string* out);

// Incremental form of encode_posting_list for the index writer: add postings in docid
// order, then finish(). Memory: 8 bytes per posting until finish().
class PostingListBuilder {
 public:
  // REQUIRES: docid > every docid added before, docid <= kMaxDocid, freq >= 1.
  // Throws Error(kInvalidArgument) otherwise.
  void add(uint32_t docid, uint32_t freq = 1);
  // Appends the encoded list to `out` and resets the builder for the next list.
  // with_freqs = false drops the frequencies (they read back as 1).
  void finish(std::string* out, bool with_freqs = true);
  void clear();
  std::size_t size() const { return docids_.size(); }

 private:
  std::vector<uint32_t> docids_;
  std::vector<uint32_t> freqs_;
};

class PostingCursor;

// A read-only view over one encoded posting list. Does not own the bytes: they must
// outlive the view and every cursor made from it. Cheap to copy (a few words); a cursor
// holds its own copy of the view, so the view object itself may go away.
class PostingListView {
 public:
  PostingListView() = default;  // an empty list

  // Checks the header and the chunk directory (O(number of chunks), not O(df)); per-block
  // offsets are bounds-checked lazily when a block is first decoded.
  // Throws Error(kCorrupt, ...) if the bytes are not a well-formed list; the message names
  // the byte offset within the list. `where` (e.g. "segment 3 postings, term 'borger'") is
  // prefixed to every error message thrown by open() itself; errors thrown later while
  // decoding name the offset only, so callers wrap cursors' errors with their own context.
  static PostingListView open(std::string_view bytes, std::string_view where = {});

  uint32_t size() const { return df_; }                 // document frequency
  bool empty() const { return df_ == 0; }
  bool has_freqs() const { return freq_bits_present_; }  // false: every freq is 1
  uint32_t max_freq() const { return max_tf_; }          // 0 for an empty list
  uint32_t first_docid() const;                          // kEndDocid if empty
  uint32_t last_docid() const;                           // kEndDocid if empty
  std::size_t byte_size() const { return bytes_.size(); }
  std::string_view bytes() const { return bytes_; }

  PostingCursor cursor() const;

  // Appends all docids (and, if `freqs` is not null, their frequencies) to the vectors.
  void decode_all(std::vector<uint32_t>* docids, std::vector<uint32_t>* freqs = nullptr) const;

  // Decodes everything and checks every invariant (sorted, counts, offsets, freqs >= 1);
  // for `search-indexer check`. Throws Error(kCorrupt) naming `where` and the offset.
  void validate(std::string_view where = {}) const;

  // ---- Low-level access for the intersection kernels (search::intersect). ----
  struct Chunk {
    uint16_t key = 0;        // high 16 bits of every docid in the chunk
    ChunkKind kind = ChunkKind::kArray;
    uint32_t card = 0;       // 1 .. 65536
    uint32_t rank_base = 0;  // number of postings in earlier chunks
    const uint8_t* body = nullptr;
    std::size_t body_size = 0;
  };
  uint32_t chunk_count() const { return n_chunks_; }
  uint16_t chunk_key(uint32_t i) const;  // REQUIRES: i < chunk_count()
  Chunk chunk(uint32_t i) const;         // REQUIRES: i < chunk_count(); bounds-checked at open
  // Index of the first chunk whose key >= key, searching from `from`; chunk_count() if none.
  uint32_t find_chunk(uint16_t key, uint32_t from = 0) const;

  // Frequencies of the postings with ranks [block * 128, min(size(), block * 128 + 128)):
  // writes that many values (1s for a docid-only list). Throws Error(kCorrupt).
  void decode_freq_block(uint32_t block, uint32_t* out) const;
  uint32_t block_max_freq(uint32_t block) const;

 private:
  std::string_view bytes_;
  const uint8_t* dir_ = nullptr;     // chunk directory, 12 bytes per chunk
  const uint8_t* bodies_ = nullptr;  // docid bodies section
  std::size_t bodies_size_ = 0;
  const uint8_t* fskip_ = nullptr;   // freq skip table, 8 bytes per block of 128 postings
  const uint8_t* fdata_ = nullptr;   // freq data
  std::size_t fdata_size_ = 0;
  uint32_t df_ = 0;
  uint32_t n_chunks_ = 0;
  uint32_t max_tf_ = 0;
  bool freq_bits_present_ = false;

  friend class PostingCursor;
};

// Forward iteration with skipping over one list. Starts on the first posting.
class PostingCursor {
 public:
  explicit PostingCursor(const PostingListView& list);

  bool at_end() const { return docid_ == kEndDocid; }
  uint32_t docid() const { return docid_; }  // kEndDocid at the end
  // Ordinal of the current posting in the list (0 .. size()-1): lets the index layer find
  // per-posting data it stores in parallel arrays (e.g. positions). REQUIRES: !at_end().
  uint32_t index() const { return rank_; }
  // Term frequency of the current posting; decodes its freq block on first use.
  // REQUIRES: !at_end().
  uint32_t freq();
  // Upper bound of freq() over the current posting's block of 128 (WAND). REQUIRES: !at_end().
  uint32_t block_max_freq() const;

  void next();
  // Moves to the first posting with docid >= target (never backwards: a target <= docid()
  // leaves the cursor where it is). Decodes only the blocks it lands in.
  void advance(uint32_t target);

 private:
  void enter_chunk(uint32_t chunk, uint32_t target);
  void load_array_block(uint32_t block);
  void set_end();
  bool seek_in_chunk(uint32_t target);

  PostingListView list_;
  PostingListView::Chunk chunk_;
  uint32_t chunk_index_ = 0;
  uint32_t docid_ = kEndDocid;
  uint32_t rank_ = 0;  // global ordinal
  // array chunks: the decoded block
  uint32_t block_ = 0;        // block within chunk
  uint32_t n_blocks_ = 0;
  uint32_t pos_ = 0;          // position within buf_ (arrays), word (bitmaps), run (runs)
  uint32_t buf_len_ = 0;
  uint64_t word_ = 0;         // bitmaps: remaining bits of the current word
  uint32_t run_end_ = 0;      // runs: last docid of the current run
  uint32_t freq_block_ = 0xFFFFFFFFu;
  alignas(32) uint32_t buf_[kBlockSize];
  uint32_t freqs_[kBlockSize];
};

}  // namespace search::postings
