// The manifest ("MNFT" file MANIFEST-<generation>): the list of segments, and of each
// segment's current tombstone file, that make up one committed generation of the index.
// Tombstones ("TOMB" file <segment>.<generation>.del): the deleted docids of one segment
// as of one generation.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <search/env.h>

namespace search::index {

struct SegmentEntry {
  std::string name;            // file-name stem: "s000001" -> s000001.term, ...
  std::uint32_t doc_count = 0;
  std::uint32_t deleted_count = 0;
  std::string tombstones;      // file name of the tombstone file; empty if none deleted
  std::uint64_t id = 0;        // the segment id in the header of each of its files
};

struct Manifest {
  std::uint64_t generation = 0;
  std::uint64_t next_segment = 1;  // the number of the next segment name
  std::vector<SegmentEntry> segments;
};

std::string manifest_file_name(std::uint64_t generation);
std::string segment_name(std::uint64_t number);
std::string tombstone_file_name(const std::string& segment, std::uint64_t generation);
// The extensions of a segment's files, one per kind.
inline constexpr const char* kSegmentExtensions[] = {"term", "pstg", "posn", "lens", "fact", "stor"};

// The committed generations found in `dir`, ascending (temporary files are ignored).
std::vector<std::uint64_t> list_generations(Env* env, const std::string& dir);
// Reads MANIFEST-<generation>. Throws kNotFound, kCorrupt.
Manifest read_manifest(Env* env, const std::string& dir, std::uint64_t generation);
// Commits `manifest`: written to a temporary name, fsync'd, renamed into place, and the
// directory fsync'd. After it returns, the generation survives a crash.
void write_manifest(Env* env, const std::string& dir, const Manifest& manifest);

// A deletion bitset of one segment.
class Tombstones {
 public:
  explicit Tombstones(std::uint32_t doc_count = 0) : doc_count_(doc_count), words_((doc_count + 63) / 64) {}
  std::uint32_t doc_count() const { return doc_count_; }
  std::uint32_t deleted_count() const { return deleted_; }
  bool is_deleted(std::uint32_t doc) const { return (words_[doc >> 6] >> (doc & 63)) & 1; }
  // Returns true if the doc was live.
  bool remove(std::uint32_t doc);
  const std::vector<std::uint64_t>& words() const { return words_; }

  // `segment_id`: the id of the segment the file belongs to (SegmentEntry::id), checked
  // against the header on read; `manifest`: the file name that recorded it, for the message.
  static Tombstones read(Env* env, const std::string& path, std::uint32_t doc_count, std::uint64_t segment_id,
                         const std::string& manifest);
  void write(Env* env, const std::string& path, std::uint64_t segment_id) const;

 private:
  std::uint32_t doc_count_;
  std::uint32_t deleted_ = 0;
  std::vector<std::uint64_t> words_;
};

}  // namespace search::index
