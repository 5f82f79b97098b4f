// IndexWriter: adds, replaces and deletes records in an index directory and commits them
// as new generations. One writer per directory at a time (a lock file); readers
// (search/index_reader.h) may run alongside it, in this or other processes.
#pragma once

#include <search/export.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <search/analyzer.h>
#include <search/env.h>
#include <search/record.h>

namespace search {

// When the writer merges segments on its own (after each commit). Modelled on Lucene's
// log merge policy: segments whose live sizes lie within one level (a factor of
// `merge_factor`) are merged `merge_factor` at a time; only neighbouring segments are
// merged, so documents keep their relative order.
struct MergePolicy {
  // Merge automatically after commit(). merge() merges regardless.
  bool enabled = true;
  // Segments of one level merged at once; also the size ratio between levels.
  std::uint32_t merge_factor = 10;
  // Segments with more live documents than this are not merged automatically.
  std::uint32_t max_merge_docs = 2'000'000;
};

struct WriterOptions {
  // File-system access; nullptr means Env::posix(). Not owned; must outlive the writer.
  Env* env = nullptr;
  // Create the directory and an empty index if there is none.
  bool create_if_missing = true;
  // Fail with kInvalidArgument if the directory already holds an index.
  bool error_if_exists = false;
  // Buffered documents are written as a segment once they take this much memory.
  std::size_t memory_budget = std::size_t{256} << 20;
  // Worker threads; 0 means one per core. Each analyses, inverts and flushes its own
  // share of the documents into its own segments (so a flush writes up to `threads`
  // segments, and memory_budget is shared between them).
  unsigned threads = 0;
  // zstd level of the stored records (1 fastest .. 19 smallest).
  int zstd_level = 3;
  MergePolicy merge_policy;
  AnalyzerOptions analyzer;
};

// Not thread-safe: one thread at a time calls its methods. Owns its analysis threads.
// Uncommitted changes are lost when the writer is destroyed without commit() (a crash
// loses them too; committed generations are never lost).
// After any method throws kIo (a failed write, fsync or rename), the writer refuses further
// work (kIo) and should be destroyed; the index keeps its last committed generation.
class SEARCH_EXPORT IndexWriter {
 public:
  // Opens `dir` for writing, taking its lock. Throws kLocked naming the holder's pid,
  // kNotFound (no index and !create_if_missing), kCorrupt, kIo.
  static std::unique_ptr<IndexWriter> open(const std::string& dir, const WriterOptions& options = {});

  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Adds `record`, replacing any record with the same id (committed or not).
  // REQUIRES: !record.id.empty() (else kInvalidArgument). Analysis runs asynchronously;
  // analysis errors surface from a later add(), commit() or flush().
  void add(Record record);
  // Deletes the record with this id. Returns false if there was none.
  bool remove(std::string_view id);
  // Writes buffered documents as a segment (not yet committed).
  void flush();
  // Makes every change so far durable as a new generation, then applies the merge policy
  // (which may commit further generations). Returns the generation committed.
  std::uint64_t commit();
  // Commits, then merges the whole index into one segment and commits that.
  std::uint64_t merge();
  // The last committed generation (0 for a new, empty index).
  std::uint64_t generation() const;
  // Documents added since the last commit (including those already flushed).
  std::uint64_t pending_documents() const;
  const std::string& directory() const;

  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace search
