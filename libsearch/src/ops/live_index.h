// The switchable index layout used by the daemon and the nightly rebuild:
//
//   DIR            a symbolic link to DIR.d/gen-NNNNNN (relative), the live index
//   DIR.d/gen-NNNNNN/    complete index directories, one per rebuild; the live one and the
//                        previous ones kept for rollback
//   DIR.d/daemon.lock    held (flock) by the one daemon serving DIR
//   DIR.d/rebuild.lock   held by the one rebuild running on DIR
//   DIR.d/swap.lock      shared by the daemon while it commits, exclusive by a rebuild while
//                        it replays the daemon's journal and switches the link
//   DIR.d/journal        the files the daemon committed, one per line, for the rebuild
//
// Switching is one rename(2) of a new link over DIR: atomic, so a process resolving DIR sees
// either the old or the new index, whole. Readers must resolve DIR once per snapshot (see
// resolve()); a reader that had opened the old index keeps it, as its directory is kept.
// A plain index directory at DIR (made by `search-indexer build`) also works; the first
// rebuild turns it into a link (see convert_plain()).
//
// Thread-safety: none needed; each method is a few system calls with no shared state.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace search::ops {

// An flock(2) on a file, released when destroyed. The file is created if missing; an
// exclusive holder writes its pid into it so that others can name it in errors.
class FileLockGuard {
 public:
  enum class Mode { kShared, kExclusive };
  // Blocks until the lock is granted. Throws Error(kIo) naming the file.
  static FileLockGuard acquire(const std::string& path, Mode mode);
  // nullopt if another open file holds a conflicting lock.
  static std::optional<FileLockGuard> try_acquire(const std::string& path, Mode mode);
  // The pid written by the current exclusive holder, or "unknown".
  static std::string holder(const std::string& path);

  FileLockGuard(FileLockGuard&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLockGuard& operator=(FileLockGuard&& other) noexcept;
  FileLockGuard(const FileLockGuard&) = delete;
  FileLockGuard& operator=(const FileLockGuard&) = delete;
  ~FileLockGuard();

 private:
  explicit FileLockGuard(int fd) : fd_(fd) {}
  int fd_ = -1;
};

class LiveIndex {
 public:
  enum class Kind { kMissing, kPlain, kSwitchable };

  // `dir` as the user gave it; nothing is touched until a method is called.
  explicit LiveIndex(std::string dir);

  const std::string& path() const { return dir_; }
  // DIR.d, created on demand by the methods that need it.
  std::string sidecar() const { return dir_ + ".d"; }
  std::string sidecar_file(const std::string& name) const { return sidecar() + "/" + name; }
  void ensure_sidecar() const;

  Kind kind() const;
  // The absolute, symlink-free path of the live index directory right now. Open readers and
  // writers on this path, not on DIR, so that a switch in the middle of opening cannot mix
  // the files of two indexes. Throws Error(kNotFound) if DIR does not exist.
  std::string resolve() const;

  // Creates DIR.d/gen-NNNNNN with NNNNNN one above every generation there (and above the
  // live one), and returns its path.
  std::string new_generation() const;
  // The generation directories in DIR.d, oldest first (full paths).
  std::vector<std::string> generations() const;

  // Makes `generation_dir` (a directory in DIR.d) the live index: writes DIR.link-tmp
  // pointing to it and renames that over DIR, then fsyncs DIR's parent. REQUIRES: kind() is
  // kMissing or kSwitchable.
  void switch_to(const std::string& generation_dir) const;
  // For a plain DIR: exchanges DIR and a link to `generation_dir` in one renameat2
  // (RENAME_EXCHANGE), then moves the old directory into DIR.d as the generation before
  // `generation_dir`, kept for rollback. REQUIRES: no process has DIR open for writing.
  void convert_plain(const std::string& generation_dir) const;

  // Removes all but the newest `keep` generations other than the live one, skipping any
  // whose index lock is held (a daemon still writing there). Returns the removed paths.
  std::vector<std::string> prune(std::size_t keep) const;

 private:
  std::string dir_;
};

// The daemon's journal of committed files: one line "<name>\t<path>\n" per file, where name
// is the source name the records were parsed with and path where the file now lives.
// Appends are fsync'd; a torn last line (crash while appending) is ignored by read_from.
struct JournalEntry {
  std::string name;
  std::string path;
};

class Journal {
 public:
  explicit Journal(std::string path) : path_(std::move(path)) {}
  const std::string& path() const { return path_; }
  // The journal's size in bytes (0 if it does not exist); a position for read_from.
  std::uint64_t size() const;
  void append(const std::vector<JournalEntry>& entries) const;
  std::vector<JournalEntry> read_from(std::uint64_t offset) const;
  // Empties the journal (after a rebuild has taken in everything in it).
  void clear() const;

 private:
  std::string path_;
};

}  // namespace search::ops
