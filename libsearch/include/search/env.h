// The file-system seam of the index: every read, write, fsync, rename, lock and mmap the
// index does goes through an Env, so tests can inject faults (short writes, fsync
// failures, a crash between rename and directory fsync) by wrapping the default one.
//
// Errors: every method throws search::Error (kIo, kNotFound, kLocked) naming the path.
// Thread-safety: Env::posix() is safe to use from any number of threads; a WritableFile
// is used by one thread at a time. A MappedFile is immutable and may be shared freely.
#pragma once

#include <search/export.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace search {

// A file being written from start to end. Destroying it closes it (without fsync).
class SEARCH_EXPORT WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual void append(std::string_view data) = 0;
  // Flushes buffered bytes to the OS and fsyncs the file.
  virtual void sync() = 0;
  virtual void close() = 0;
};

// A read-only view of a whole file, normally an mmap. It stays valid after the file is
// unlinked or replaced (POSIX semantics), which is what keeps reader snapshots alive.
class SEARCH_EXPORT MappedFile {
 public:
  virtual ~MappedFile() = default;
  virtual const std::uint8_t* data() const = 0;
  virtual std::size_t size() const = 0;
  virtual const std::string& path() const = 0;
};

// A held exclusive lock; destroying it releases the lock.
class SEARCH_EXPORT FileLock {
 public:
  virtual ~FileLock() = default;
};

class SEARCH_EXPORT Env {
 public:
  virtual ~Env() = default;

  // The process-wide POSIX environment. Never null; never destroyed.
  static Env* posix();

  // Creates (or truncates) `path` for writing.
  virtual std::unique_ptr<WritableFile> new_writable_file(const std::string& path) = 0;
  // Maps `path` read-only. Throws kNotFound if it does not exist.
  virtual std::unique_ptr<MappedFile> map_file(const std::string& path) = 0;
  // Atomically replaces `to` by `from`.
  virtual void rename_file(const std::string& from, const std::string& to) = 0;
  // Removes `path`; a missing file is not an error.
  virtual void remove_file(const std::string& path) = 0;
  // fsyncs the directory itself, making renames and creations in it durable.
  virtual void sync_dir(const std::string& dir) = 0;
  // Creates `dir` (and missing parents); an existing directory is not an error.
  virtual void create_dir(const std::string& dir) = 0;
  // The names (not paths) of the entries of `dir`, without "." and "..".
  virtual std::vector<std::string> list_dir(const std::string& dir) = 0;
  virtual bool file_exists(const std::string& path) = 0;
  virtual std::uint64_t file_size(const std::string& path) = 0;
  // Takes an exclusive lock on `path` (created if missing) and writes this process's pid
  // into it. Throws kLocked naming the holder's pid if another holder has it.
  virtual std::unique_ptr<FileLock> lock_file(const std::string& path) = 0;
};

// Forwards every call to another Env; subclass it to override only what a test needs.
class SEARCH_EXPORT EnvWrapper : public Env {
 public:
  explicit EnvWrapper(Env* target) : target_(target) {}
  Env* target() const { return target_; }

  std::unique_ptr<WritableFile> new_writable_file(const std::string& path) override {
    return target_->new_writable_file(path);
  }
  std::unique_ptr<MappedFile> map_file(const std::string& path) override {
    return target_->map_file(path);
  }
  void rename_file(const std::string& from, const std::string& to) override {
    target_->rename_file(from, to);
  }
  void remove_file(const std::string& path) override { target_->remove_file(path); }
  void sync_dir(const std::string& dir) override { target_->sync_dir(dir); }
  void create_dir(const std::string& dir) override { target_->create_dir(dir); }
  std::vector<std::string> list_dir(const std::string& dir) override {
    return target_->list_dir(dir);
  }
  bool file_exists(const std::string& path) override { return target_->file_exists(path); }
  std::uint64_t file_size(const std::string& path) override { return target_->file_size(path); }
  std::unique_ptr<FileLock> lock_file(const std::string& path) override {
    return target_->lock_file(path);
  }

 private:
  Env* target_;
};

}  // namespace search
