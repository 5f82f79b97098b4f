// The stored-fields file of a segment ("STOR"): every record, zstd-compressed in blocks of
// about 16 KiB with a dictionary trained on this segment's own records.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <search/record.h>

#include "index/file_format.h"

struct ZSTD_DDict_s;

namespace search::index {

// Streams records (already encoded by encode_record) into a STOR body. Buffers the first
// ~1 MiB to train the dictionary, then compresses block by block.
// REQUIRES: add() in docid order, then finish().
class StoredFieldsBuilder {
 public:
  StoredFieldsBuilder(FileBuilder* file, int zstd_level);
  ~StoredFieldsBuilder();
  void add(std::string_view encoded_record);
  void finish();

 private:
  void train();
  void flush_block();

  FileBuilder* file_;
  int level_;
  bool trained_ = false;
  std::string pending_;                    // records waiting for the dictionary
  std::vector<std::size_t> pending_sizes_;
  std::string block_;                      // records of the current block
  std::vector<std::uint32_t> block_sizes_;
  std::string index_;
  std::string scratch_;
  std::uint32_t doc_count_ = 0;
  std::uint32_t block_first_doc_ = 0;
  std::uint32_t block_count_ = 0;
  std::uint64_t dict_offset_ = 0;
  std::uint32_t dict_size_ = 0;
  struct Zstd;
  std::unique_ptr<Zstd> zstd_;
};

// Reads records back. Immutable and thread-safe (each thread decompresses with its own
// context). Opening reads only the trailer; the block index is checksummed page by page as
// it is searched, and the dictionary when the first record is read.
class StoredFields {
 public:
  explicit StoredFields(std::unique_ptr<FileView> file);
  ~StoredFields();
  std::uint32_t doc_count() const { return doc_count_; }
  // Decompresses the one block holding `docid`. Throws kCorrupt, kInvalidArgument (range).
  Record get(std::uint32_t docid) const;
  // The encoded bytes of every record of block `block`, for merging and checking.
  std::uint32_t block_count() const { return block_count_; }
  void read_block(std::uint32_t block, std::string* raw, std::vector<std::string_view>* records) const;
  const FileView& file() const { return *file_; }
  void validate() const;

 private:
  struct BlockRef {
    std::uint32_t first_doc;
    std::uint64_t offset;
    std::uint32_t size;
    std::uint32_t raw_size;
  };
  BlockRef block_ref(std::uint32_t block) const;
  std::uint32_t block_of(std::uint32_t docid) const;
  // The zstd dictionary (nullptr if the segment has none), digested on first use.
  const ZSTD_DDict_s* dictionary() const;

  std::unique_ptr<FileView> file_;
  std::uint32_t doc_count_ = 0;
  std::uint32_t block_count_ = 0;
  std::uint64_t index_offset_ = 0;
  std::uint64_t dict_offset_ = 0;
  std::uint32_t dict_size_ = 0;
  struct DDict;
  std::unique_ptr<DDict> ddict_;
};

}  // namespace search::index
