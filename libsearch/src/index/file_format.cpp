#include "index/file_format.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include <search/error.h>

#include "index/crc32c.h"

namespace search::index {
namespace {

constexpr std::string_view kMagic = "LSIX";
constexpr std::string_view kEndMagic{"LSIXEND\0", 8};

// Checksum pages read ahead at once when a range is verified: up to 8 MiB per hint.
constexpr std::size_t kPrefetchPages = 128;

// madvise over [data + offset, +size), widened to whole memory pages. Errors are ignored:
// the hints only change what the kernel reads ahead (and an Env may map memory that
// madvise cannot advise).
void advise(const std::uint8_t* data, std::size_t offset, std::size_t size, int advice) {
  constexpr std::uintptr_t kMemoryPage = 4096;
  const auto start = reinterpret_cast<std::uintptr_t>(data + offset) & ~(kMemoryPage - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(data + offset + size);
  if (size > 0) ::madvise(reinterpret_cast<void*>(start), end - start, advice);
}

std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

FileBuilder::FileBuilder(Env* env, std::string path, std::string_view kind, std::uint64_t segment_id)
    : path_(std::move(path)), file_(env->new_writable_file(path_)) {
  std::string header(kMagic);
  header.append(kind.substr(0, 4));
  header.resize(8, ' ');
  put_u32(header, kFormatVersion);
  put_u32(header, 0);
  put_u64(header, segment_id);
  raw_append(header);
}

FileBuilder::~FileBuilder() = default;

void FileBuilder::append(std::string_view data) { raw_append(data); }

void FileBuilder::raw_append(std::string_view data) {
  while (!data.empty()) {
    std::size_t room = kPageSize - offset_ % kPageSize;
    std::size_t n = std::min(room, data.size());
    page_crc_ = crc32c_extend(page_crc_, data.data(), n);
    file_->append(data.substr(0, n));
    offset_ += n;
    data.remove_prefix(n);
    if (offset_ % kPageSize == 0) {
      put_u32(page_table_, page_crc_);
      page_crc_ = 0;
    }
  }
}

std::uint64_t FileBuilder::finish() {
  std::uint64_t body_end = offset_;
  if (offset_ % kPageSize != 0) put_u32(page_table_, page_crc_);
  auto page_count = static_cast<std::uint32_t>(page_table_.size() / 4);
  std::string tail = page_table_;
  put_u64(tail, body_end);
  put_u32(tail, page_count);
  put_u32(tail, crc32c(tail.data(), tail.size()));
  tail.append(kEndMagic);
  file_->append(tail);
  file_->sync();
  file_->close();
  return body_end + tail.size();
}

FileView::FileView(std::unique_ptr<MappedFile> file, std::size_t body_size,
                   std::size_t page_count)
    : file_(std::move(file)),
      body_size_(body_size),
      page_count_(page_count),
      page_table_(file_->data() + kFileHeaderSize + body_size),
      verified_(new std::atomic<std::uint64_t>[(page_count + 63) / 64]) {
  for (std::size_t i = 0; i < (page_count + 63) / 64; ++i) verified_[i].store(0);
}

void FileView::expect_segment(std::uint64_t id, const std::string& recorded_by) const {
  // The header is not verified page-wise yet: a flipped id byte fails here or at the first
  // page's checksum, both naming this file.
  if (segment_id() != id) {
    fail("belongs to segment id " + hex(segment_id()) + ", " + recorded_by + " records id " + hex(id) +
         " (a file of another index?)");
  }
}

void FileView::fail(const std::string& problem) const {
  throw Error(ErrorCode::kCorrupt, path() + ": " + problem);
}

std::unique_ptr<FileView> FileView::open(Env* env, const std::string& path,
                                         std::string_view kind) {
  auto file = env->map_file(path);
  const std::uint8_t* d = file->data();
  std::size_t size = file->size();
  // Index files are read at random, one checksum page (64 KiB) at a time, and verify_range()
  // asks for exactly those pages. Without this hint every fault on a cold mapping reads the
  // device's whole read-ahead window around it (read_ahead_kb: 8 MiB on the benchmark VM),
  // so one cold term lookup read megabytes of postings.
  advise(d, 0, size, MADV_RANDOM);
  // The header and the footer with its page table are read next: ask for both at once, so
  // that a cold open waits for one read rather than two in turn.
  const std::size_t tail = std::min(size, 4 * (size / kPageSize + 1) + kFileFooterSize);
  advise(d, 0, std::min(size, kFileHeaderSize), MADV_WILLNEED);
  advise(d, size - tail, tail, MADV_WILLNEED);
  auto corrupt = [&](const std::string& problem) {
    throw Error(ErrorCode::kCorrupt, path + ": " + problem);
  };
  if (size < kFileHeaderSize || std::string_view(reinterpret_cast<const char*>(d), 4) != kMagic) {
    corrupt("not a libsearch index file (bad magic)");
  }
  std::string_view file_kind(reinterpret_cast<const char*>(d) + 4, 4);
  if (file_kind != kind.substr(0, 4)) {
    corrupt("is a '" + std::string(file_kind) + "' file, expected '" + std::string(kind) + "'");
  }
  std::uint32_t version = load_u32(d + 8);
  if (version != kFormatVersion) {
    throw Error(ErrorCode::kUnsupported, path + ": format version " + std::to_string(version) +
                                             ", this build reads version " +
                                             std::to_string(kFormatVersion));
  }
  if (size < kFileHeaderSize + kFileFooterSize ||
      std::string_view(reinterpret_cast<const char*>(d + size - 8), 8) != kEndMagic) {
    corrupt("truncated (no footer)");
  }
  const std::uint8_t* footer = d + size - kFileFooterSize;
  std::uint64_t body_end = load_u64(footer);
  std::uint32_t page_count = load_u32(footer + 8);
  std::uint64_t expected_pages = (body_end + kPageSize - 1) / kPageSize;
  if (body_end < kFileHeaderSize || page_count != expected_pages ||
      body_end + 4ull * page_count + kFileFooterSize != size) {
    corrupt("footer does not match the file size " + std::to_string(size));
  }
  const std::uint8_t* table = d + body_end;
  if (crc32c(table, 4ull * page_count + 12) != load_u32(footer + 12)) {
    corrupt("checksum of the page table fails");
  }
  return std::unique_ptr<FileView>(
      new FileView(std::move(file), body_end - kFileHeaderSize, page_count));
}

Cursor FileView::cursor(std::size_t offset, std::size_t size) const {
  if (offset > body_size_ || size > body_size_ - offset) {
    fail("range " + std::to_string(offset) + "+" + std::to_string(size) + " is past the end");
  }
  return Cursor(body() + offset, body() + offset + size, &path());
}

void FileView::verify_page(std::size_t page) const {
  std::uint64_t bit = 1ull << (page % 64);
  if (verified_[page / 64].load(std::memory_order_acquire) & bit) return;
  std::size_t begin = page * kPageSize;
  std::size_t end = std::min(begin + kPageSize, body_size_ + kFileHeaderSize);
  if (crc32c(file_->data() + begin, end - begin) != load_u32(page_table_ + 4 * page)) {
    fail("checksum fails in bytes " + std::to_string(begin) + ".." + std::to_string(end));
  }
  verified_[page / 64].fetch_or(bit, std::memory_order_acq_rel);
}

void FileView::verify_range(std::size_t offset, std::size_t size) const {
  if (offset > body_size_ || size > body_size_ - offset) {
    fail("range " + std::to_string(offset) + "+" + std::to_string(size) + " is past the end");
  }
  std::size_t begin = offset + kFileHeaderSize;
  std::size_t first = begin / kPageSize;
  std::size_t last = (begin + std::max<std::size_t>(size, 1) - 1) / kPageSize;
  if (offset == 0) first = 0;  // the header is checked with the first page
  std::size_t prefetched_to = first;  // pages before this one were asked for
  for (std::size_t p = first; p <= last && p < page_count_; ++p) {
    const bool verified = verified_[p / 64].load(std::memory_order_acquire) & (1ull << (p % 64));
    if (!verified && p >= prefetched_to) {
      // One read of the pages about to be checked rather than a fault per memory page.
      prefetched_to = std::min({last + 1, page_count_, p + kPrefetchPages});
      const std::size_t end = std::min(prefetched_to * kPageSize, body_size_ + kFileHeaderSize);
      advise(file_->data(), p * kPageSize, end - p * kPageSize, MADV_WILLNEED);
    }
    verify_page(p);
  }
}

}  // namespace search::index
