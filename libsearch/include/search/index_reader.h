// IndexReader: a consistent, read-only snapshot of one committed generation of an index.
// The snapshot stays valid and unchanged while writers commit newer generations and merge
// segments away (its files are mapped; POSIX keeps unlinked files alive while mapped);
// reopen() moves to the newest generation. Query execution works on the snapshot through
// the library's internal reader API (libsearch/src/index/snapshot.h).
#pragma once

#include <search/export.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <search/env.h>
#include <search/record.h>

namespace search {

struct ReaderOptions {
  // File-system access; nullptr means Env::posix(). Not owned; must outlive the reader.
  Env* env = nullptr;
};

struct IndexStats {
  std::uint64_t generation = 0;
  std::uint64_t segments = 0;
  std::uint64_t documents = 0;          // live documents
  std::uint64_t deleted = 0;            // deleted but not yet merged away
  std::uint64_t terms = 0;              // sum over segments of distinct terms
  std::uint64_t total_length = 0;       // body tokens of live documents
  std::uint64_t bytes = 0;              // all files of the generation
  std::map<std::string, std::uint64_t> bytes_by_kind;  // "term", "pstg", "posn", "lens",
                                                       // "fact", "stor", "del", "manifest"
};

// Immutable after open; every const method is thread-safe. Owns its mappings.
class SEARCH_EXPORT IndexReader {
 public:
  // Opens the newest committed generation. Throws kNotFound (no index), kCorrupt,
  // kUnsupported, kIo.
  static std::unique_ptr<IndexReader> open(const std::string& dir, const ReaderOptions& options = {});
  ~IndexReader();

  // A reader on the newest generation, sharing the segments that did not change.
  std::unique_ptr<IndexReader> reopen() const;

  std::uint64_t generation() const;
  std::uint64_t document_count() const;  // live documents
  IndexStats stats() const;
  // The stored record with this id, if live in this snapshot.
  std::optional<Record> find(std::string_view id) const;
  const std::string& directory() const;

  struct Impl;
  explicit IndexReader(std::unique_ptr<Impl> impl);
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Verifies every file of the newest generation: every checksum, every structure. Throws
// search::Error (kCorrupt naming the file and the problem, kNotFound, ...) on the first
// problem; returns the stats of the verified generation.
SEARCH_EXPORT IndexStats check_index(const std::string& dir, Env* env = nullptr);

}  // namespace search
