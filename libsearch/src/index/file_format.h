// The container every index file shares: a header naming the file kind and format
// version, the kind's body, a table of CRC-32C checksums (one per 64 KiB page) and a
// footer. Byte layout (all integers little-endian):
//
//   0         magic "LSIX" | kind, 4 ASCII bytes ("TERM", "PSTG", ...) | version u32 | 0 u32 |
//             segment id u64 (random per segment; 0 in a manifest)
//   24        body (the kind's own layout, see its encoder)
//   body_end  page table: crc32c u32 of each 64 KiB page of bytes [0, body_end)
//             (the last page may be shorter)
//   end-24    footer: body_end u64 | page_count u32 |
//                     crc32c u32 of (page table, body_end, page_count) | "LSIXEND\0"
//
// A truncated file loses its footer magic; a foreign file lacks the header magic; a flipped
// byte fails its page's checksum; a well-formed file of another index or segment carries
// another segment id than the manifest records for it. Pages are verified when first read (lazily: opening a
// 500 MB postings file must not read it all), or all at once by verify_all().
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <search/env.h>

#include "index/coding.h"

namespace search::index {

inline constexpr std::uint32_t kFormatVersion = 2;
inline constexpr std::size_t kFileHeaderSize = 24;
inline constexpr std::size_t kFileFooterSize = 24;
inline constexpr std::size_t kPageSize = 64 * 1024;

// Streams one index file to disk, checksumming as it goes.
// REQUIRES: append() calls, then exactly one finish().
class FileBuilder {
 public:
  // `segment_id`: the id of the segment the file belongs to (0 for a manifest).
  FileBuilder(Env* env, std::string path, std::string_view kind, std::uint64_t segment_id = 0);
  ~FileBuilder();
  FileBuilder(const FileBuilder&) = delete;
  FileBuilder& operator=(const FileBuilder&) = delete;

  void append(std::string_view data);
  // Bytes of body written so far: the offset the next append lands at, counted from the
  // start of the body.
  std::uint64_t body_size() const { return offset_ - kFileHeaderSize; }
  // Writes the page table and footer, fsyncs and closes. Returns the file's size.
  std::uint64_t finish();
  const std::string& path() const { return path_; }

 private:
  void raw_append(std::string_view data);

  std::string path_;
  std::unique_ptr<WritableFile> file_;
  std::uint64_t offset_ = 0;
  std::uint32_t page_crc_ = 0;
  std::string page_table_;
};

// A mapped, header- and footer-checked index file. Thread-safe: verify_range() may be
// called from several threads (page verification is memoised with atomics).
class FileView {
 public:
  // Maps and checks `path`. Throws kNotFound, kCorrupt (foreign, truncated, wrong kind,
  // damaged page table) or kUnsupported (another format version).
  static std::unique_ptr<FileView> open(Env* env, const std::string& path,
                                        std::string_view kind);

  const std::string& path() const { return file_->path(); }
  std::size_t file_size() const { return file_->size(); }
  // The body, as offsets relative to its first byte.
  const std::uint8_t* body() const { return file_->data() + kFileHeaderSize; }
  // The id of the segment the header says the file belongs to (0 for a manifest).
  std::uint64_t segment_id() const { return load_u64(file_->data() + 16); }
  // Throws kCorrupt naming the file unless it belongs to segment `id`, as `recorded_by`
  // (a manifest file name, say) records: the check that refuses a file of another index.
  void expect_segment(std::uint64_t id, const std::string& recorded_by) const;
  std::size_t body_size() const { return body_size_; }
  Cursor cursor(std::size_t offset, std::size_t size) const;
  // Checks the checksums of the pages covering body bytes [offset, offset + size);
  // throws kCorrupt naming the file and the page when one fails, or when the range
  // reaches past the body.
  void verify_range(std::size_t offset, std::size_t size) const;
  void verify_all() const { verify_range(0, body_size_); }
  [[noreturn]] void fail(const std::string& problem) const;

 private:
  FileView(std::unique_ptr<MappedFile> file, std::size_t body_size, std::size_t page_count);
  void verify_page(std::size_t page) const;

  std::unique_ptr<MappedFile> file_;
  std::size_t body_size_;
  std::size_t page_count_;
  const std::uint8_t* page_table_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> verified_;
};

}  // namespace search::index
