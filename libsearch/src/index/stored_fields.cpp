// STOR body layout (integers little-endian):
//
//   dictionary   zstd dictionary bytes (may be empty: then blocks use no dictionary)
//   block*       one zstd frame each; decompressed, a block is
//                  doc_count varint | record_size varint * doc_count | records
//   index        per block, 20 bytes: first_doc u32 | offset u64 | size u32 | raw_size u32
//   trailer      dict_offset u64 | dict_size u32 | index_offset u64 | block_count u32 |
//                doc_count u32                                            (28 bytes)
//
// Blocks close once they hold >= 16 KiB of records, so fetching one hit decompresses at
// most ~16 KiB plus one record.
#include "index/stored_fields.h"

#define ZDICT_STATIC_LINKING_ONLY  // ZDICT_trainFromBuffer_fastCover (exported by libzstd)
#include <zdict.h>
#include <zstd.h>

#include <algorithm>
#include <mutex>

#include "index/record_codec.h"

namespace search::index {
namespace {

constexpr std::size_t kBlockBytes = 16 * 1024;
constexpr std::size_t kTrainBytes = 1 << 20;
constexpr std::size_t kDictBytes = 32 * 1024;
constexpr unsigned kTrainSegment = 512;  // fastCover's k: bytes per dictionary segment
constexpr std::size_t kTrailerSize = 28;
constexpr std::size_t kIndexEntrySize = 20;

struct DCtxDeleter {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

ZSTD_DCtx* thread_dctx() {
  thread_local std::unique_ptr<ZSTD_DCtx, DCtxDeleter> dctx(ZSTD_createDCtx());
  return dctx.get();
}

}  // namespace

struct StoredFieldsBuilder::Zstd {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CDict* cdict = nullptr;
  ~Zstd() {
    ZSTD_freeCDict(cdict);
    ZSTD_freeCCtx(cctx);
  }
};

StoredFieldsBuilder::StoredFieldsBuilder(FileBuilder* file, int zstd_level)
    : file_(file), level_(zstd_level), zstd_(std::make_unique<Zstd>()) {}

StoredFieldsBuilder::~StoredFieldsBuilder() = default;

void StoredFieldsBuilder::add(std::string_view encoded_record) {
  if (!trained_) {
    pending_.append(encoded_record);
    pending_sizes_.push_back(encoded_record.size());
    if (pending_.size() >= kTrainBytes) train();
    return;
  }
  block_.append(encoded_record);
  block_sizes_.push_back(static_cast<std::uint32_t>(encoded_record.size()));
  if (block_.size() >= kBlockBytes) flush_block();
}

void StoredFieldsBuilder::train() {
  trained_ = true;
  dict_offset_ = file_->body_size();
  if (pending_sizes_.size() >= 8) {
    std::string dict(kDictBytes, '\0');
    // One fastCover pass with fixed parameters. ZDICT_trainFromBuffer searches four segment
    // sizes, compressing a quarter of the samples with each candidate, which made training
    // cost as much as compressing a whole flushed segment.
    ZDICT_fastCover_params_t params{};
    params.k = kTrainSegment;
    params.d = 8;
    params.f = 18;
    params.accel = 1;
    params.zParams.compressionLevel = level_;
    std::size_t n = ZDICT_trainFromBuffer_fastCover(dict.data(), dict.size(), pending_.data(),
                                                    pending_sizes_.data(),
                                                    static_cast<unsigned>(pending_sizes_.size()), params);
    if (!ZDICT_isError(n)) {  // too little or too uniform data: go without a dictionary
      dict.resize(n);
      file_->append(dict);
      dict_size_ = static_cast<std::uint32_t>(n);
      zstd_->cdict = ZSTD_createCDict(dict.data(), dict.size(), level_);
    }
  }
  std::string pending = std::move(pending_);
  std::vector<std::size_t> sizes = std::move(pending_sizes_);
  std::size_t at = 0;
  for (std::size_t size : sizes) {
    add(std::string_view(pending).substr(at, size));
    at += size;
  }
}

void StoredFieldsBuilder::flush_block() {
  if (block_sizes_.empty()) return;
  std::string raw;
  put_varint(raw, block_sizes_.size());
  for (std::uint32_t size : block_sizes_) put_varint(raw, size);
  raw.append(block_);
  scratch_.resize(ZSTD_compressBound(raw.size()));
  std::size_t n = zstd_->cdict != nullptr
                      ? ZSTD_compress_usingCDict(zstd_->cctx, scratch_.data(), scratch_.size(),
                                                 raw.data(), raw.size(), zstd_->cdict)
                      : ZSTD_compressCCtx(zstd_->cctx, scratch_.data(), scratch_.size(),
                                          raw.data(), raw.size(), level_);
  if (ZSTD_isError(n)) {
    throw Error(ErrorCode::kIo, file_->path() + ": zstd: " + ZSTD_getErrorName(n));
  }
  put_u32(index_, block_first_doc_);
  put_u64(index_, file_->body_size());
  put_u32(index_, static_cast<std::uint32_t>(n));
  put_u32(index_, static_cast<std::uint32_t>(raw.size()));
  file_->append(std::string_view(scratch_).substr(0, n));
  block_first_doc_ += static_cast<std::uint32_t>(block_sizes_.size());
  doc_count_ += static_cast<std::uint32_t>(block_sizes_.size());
  ++block_count_;
  block_.clear();
  block_sizes_.clear();
}

void StoredFieldsBuilder::finish() {
  if (!trained_) train();
  flush_block();
  std::uint64_t index_offset = file_->body_size();
  std::string tail = index_;
  put_u64(tail, dict_offset_);
  put_u32(tail, dict_size_);
  put_u64(tail, index_offset);
  put_u32(tail, block_count_);
  put_u32(tail, doc_count_);
  file_->append(tail);
}

struct StoredFields::DDict {
  std::once_flag once;
  ZSTD_DDict* ddict = nullptr;
  bool ok = false;
  ~DDict() { ZSTD_freeDDict(ddict); }
};

StoredFields::StoredFields(std::unique_ptr<FileView> file)
    : file_(std::move(file)), ddict_(std::make_unique<DDict>()) {
  std::size_t size = file_->body_size();
  if (size < kTrailerSize) file_->fail("stored-fields file too small");
  file_->verify_range(size - kTrailerSize, kTrailerSize);
  Cursor t = file_->cursor(size - kTrailerSize, kTrailerSize);
  dict_offset_ = t.u64();
  dict_size_ = t.u32();
  index_offset_ = t.u64();
  block_count_ = t.u32();
  doc_count_ = t.u32();
  if (index_offset_ > size - kTrailerSize ||
      std::uint64_t{block_count_} * kIndexEntrySize != size - kTrailerSize - index_offset_ ||
      dict_offset_ > index_offset_ || dict_size_ > index_offset_ - dict_offset_ ||
      (block_count_ == 0 && doc_count_ != 0)) {
    file_->fail("stored-fields trailer does not match the file");
  }
  // The block index and the dictionary are read when the first record is: a query that
  // shows no fields reads nothing of this file beyond its trailer.
}

const ZSTD_DDict* StoredFields::dictionary() const {
  if (dict_size_ == 0) return nullptr;
  std::call_once(ddict_->once, [this] {
    file_->verify_range(dict_offset_, dict_size_);
    ddict_->ddict = ZSTD_createDDict(file_->body() + dict_offset_, dict_size_);
    ddict_->ok = ddict_->ddict != nullptr;
  });
  if (!ddict_->ok) file_->fail("the zstd dictionary is damaged");
  return ddict_->ddict;
}

StoredFields::~StoredFields() = default;

StoredFields::BlockRef StoredFields::block_ref(std::uint32_t block) const {
  file_->verify_range(index_offset_ + std::uint64_t{block} * kIndexEntrySize, kIndexEntrySize);
  Cursor c = file_->cursor(index_offset_ + std::uint64_t{block} * kIndexEntrySize, kIndexEntrySize);
  BlockRef ref{c.u32(), c.u64(), c.u32(), c.u32()};
  if (ref.offset + ref.size > index_offset_) file_->fail("stored block " + std::to_string(block) + " out of range");
  return ref;
}

void StoredFields::read_block(std::uint32_t block, std::string* raw,
                              std::vector<std::string_view>* records) const {
  BlockRef ref = block_ref(block);
  file_->verify_range(ref.offset, ref.size);
  raw->resize(ref.raw_size);
  const std::uint8_t* src = file_->body() + ref.offset;
  const ZSTD_DDict* ddict = dictionary();
  std::size_t n = ddict != nullptr
                      ? ZSTD_decompress_usingDDict(thread_dctx(), raw->data(), raw->size(), src,
                                                   ref.size, ddict)
                      : ZSTD_decompressDCtx(thread_dctx(), raw->data(), raw->size(), src, ref.size);
  if (ZSTD_isError(n) || n != ref.raw_size) {
    file_->fail("stored block " + std::to_string(block) + " does not decompress" +
                (ZSTD_isError(n) ? std::string(": ") + ZSTD_getErrorName(n) : std::string()));
  }
  const auto* begin = reinterpret_cast<const std::uint8_t*>(raw->data());
  Cursor c(begin, begin + raw->size(), &file_->path());
  std::uint64_t count = c.varint();
  if (count > raw->size()) c.fail("stored block " + std::to_string(block) + ": bad record count");
  std::vector<std::uint64_t> sizes(count);
  for (auto& s : sizes) s = c.varint();
  records->clear();
  for (auto s : sizes) records->push_back(c.bytes(s));
  if (!c.at_end()) c.fail("stored block " + std::to_string(block) + ": trailing bytes");
}

std::uint32_t StoredFields::block_of(std::uint32_t docid) const {
  // The last block whose first doc is <= docid. Blocks hold similar numbers of records, so
  // the search starts with a window around the proportional guess: on a cold cache it reads
  // one page of the block index instead of one per step of a binary search over all of it.
  constexpr std::uint32_t kWindow = 64;
  std::uint32_t lo = 0, hi = block_count_;  // the answer is in [lo, hi)
  if (block_count_ > 4 * kWindow && doc_count_ > 0) {
    const auto guess = static_cast<std::uint32_t>(std::uint64_t{docid} * block_count_ / doc_count_);
    const std::uint32_t a = guess > kWindow ? guess - kWindow : 0;
    const std::uint32_t b = std::min(block_count_, guess + kWindow);
    if (block_ref(a).first_doc <= docid && (b == block_count_ || block_ref(b).first_doc > docid)) {
      lo = a;
      hi = b;
    }
  }
  while (hi - lo > 1) {
    std::uint32_t mid = lo + (hi - lo) / 2;
    if (block_ref(mid).first_doc <= docid) lo = mid; else hi = mid;
  }
  return lo;
}

Record StoredFields::get(std::uint32_t docid) const {
  if (docid >= doc_count_) {
    throw Error(ErrorCode::kInvalidArgument, file_->path() + ": docid " + std::to_string(docid) + " out of range");
  }
  std::uint32_t lo = block_of(docid);
  BlockRef ref = block_ref(lo);
  std::string raw;
  std::vector<std::string_view> records;
  read_block(lo, &raw, &records);
  if (docid < ref.first_doc || docid - ref.first_doc >= records.size()) {
    file_->fail("stored block " + std::to_string(lo) + " does not hold docid " + std::to_string(docid));
  }
  std::string_view bytes = records[docid - ref.first_doc];
  const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
  Cursor c(p, p + bytes.size(), &file_->path());
  Record record = decode_record(&c);
  if (!c.at_end()) c.fail("stored record " + std::to_string(docid) + " has trailing bytes");
  return record;
}

void StoredFields::validate() const {
  file_->verify_all();
  dictionary();
  std::string raw;
  std::vector<std::string_view> records;
  std::uint32_t expected_first = 0;
  for (std::uint32_t b = 0; b < block_count_; ++b) {
    if (block_ref(b).first_doc != expected_first) file_->fail("stored block " + std::to_string(b) + " starts at the wrong docid");
    read_block(b, &raw, &records);
    for (auto bytes : records) {
      const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
      Cursor c(p, p + bytes.size(), &file_->path());
      decode_record(&c);
      if (!c.at_end()) c.fail("stored record has trailing bytes");
    }
    expected_first += static_cast<std::uint32_t>(records.size());
  }
  if (expected_first != doc_count_) file_->fail("stored blocks hold " + std::to_string(expected_first) + " records, the trailer says " + std::to_string(doc_count_));
}

}  // namespace search::index
