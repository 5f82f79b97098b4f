#include "ops/live_index.h"

#include <search/error.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace search::ops {
namespace {

constexpr std::string_view kGenerationPrefix = "gen-";
// The lock file of an index directory (IndexWriter takes it with flock too).
constexpr const char* kIndexLockName = "LOCK";

std::string errno_text() { return std::strerror(errno); }

Error io_error(const std::string& path, const std::string& what) {
  return Error(ErrorCode::kIo, path + ": " + what + ": " + errno_text());
}

std::string parent_of(const std::string& path) {
  auto parent = fs::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

void sync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw io_error(dir, "cannot open directory");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw io_error(dir, "fsync failed");
}

// "gen-000123" -> 123; -1 for anything else.
long generation_number(const std::string& name) {
  if (!name.starts_with(kGenerationPrefix) || name.size() <= kGenerationPrefix.size()) return -1;
  long n = 0;
  for (char c : name.substr(kGenerationPrefix.size())) {
    if (c < '0' || c > '9' || n > 100'000'000) return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string generation_name(long n) {
  char name[32];
  std::snprintf(name, sizeof name, "gen-%06ld", n);
  return name;
}

// True if a process holds the index lock of `dir` (a writer is open there).
bool index_locked(const std::string& dir) {
  int fd = ::open((dir + "/" + kIndexLockName).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;  // no lock file: no writer ever opened it, or it is gone
  bool locked = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return locked;
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out;
}

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
  }
  return out;
}

}  // namespace

// ---- FileLockGuard ----

FileLockGuard& FileLockGuard::operator=(FileLockGuard&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileLockGuard::~FileLockGuard() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

std::optional<FileLockGuard> FileLockGuard::try_acquire(const std::string& path, Mode mode) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw io_error(path, "cannot open lock file");
  int op = (mode == Mode::kShared ? LOCK_SH : LOCK_EX) | LOCK_NB;
  while (::flock(fd, op) != 0) {
    if (errno == EINTR) continue;
    int saved = errno;
    ::close(fd);
    if (saved == EWOULDBLOCK) return std::nullopt;
    errno = saved;
    throw io_error(path, "flock failed");
  }
  if (mode == Mode::kExclusive) {
    auto pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
      // The pid is only for messages; the lock itself is held.
    }
  }
  return FileLockGuard(fd);
}

FileLockGuard FileLockGuard::acquire(const std::string& path, Mode mode) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw io_error(path, "cannot open lock file");
  int op = mode == Mode::kShared ? LOCK_SH : LOCK_EX;
  while (::flock(fd, op) != 0) {
    if (errno == EINTR) continue;
    int saved = errno;
    ::close(fd);
    errno = saved;
    throw io_error(path, "flock failed");
  }
  return FileLockGuard(fd);
}

std::string FileLockGuard::holder(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "re");
  if (!f) return "unknown";
  char buf[32] = {};
  auto n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  std::string pid(buf, n);
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid.empty() ? "unknown" : pid;
}

// ---- LiveIndex ----

LiveIndex::LiveIndex(std::string dir) : dir_(std::move(dir)) {
  while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
  if (dir_.empty()) throw Error(ErrorCode::kInvalidArgument, "index directory name is empty");
}

void LiveIndex::ensure_sidecar() const {
  if (::mkdir(sidecar().c_str(), 0755) != 0 && errno != EEXIST) {
    throw io_error(sidecar(), "cannot create directory");
  }
}

LiveIndex::Kind LiveIndex::kind() const {
  struct stat st {};
  if (::lstat(dir_.c_str(), &st) != 0) return Kind::kMissing;
  return S_ISLNK(st.st_mode) ? Kind::kSwitchable : Kind::kPlain;
}

std::string LiveIndex::resolve() const {
  char* real = ::realpath(dir_.c_str(), nullptr);
  if (!real) {
    if (errno == ENOENT) throw Error(ErrorCode::kNotFound, dir_ + ": no index (does not exist)");
    throw io_error(dir_, "cannot resolve");
  }
  std::string path(real);
  std::free(real);
  return path;
}

std::vector<std::string> LiveIndex::generations() const {
  std::vector<std::pair<long, std::string>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(sidecar(), ec)) {
    auto n = generation_number(entry.path().filename().string());
    if (n >= 0 && entry.is_directory()) found.emplace_back(n, entry.path().string());
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> paths;
  for (auto& [n, path] : found) paths.push_back(std::move(path));
  return paths;
}

std::string LiveIndex::new_generation() const {
  ensure_sidecar();
  long next = 1;
  for (const auto& path : generations()) {
    next = std::max(next, generation_number(fs::path(path).filename().string()) + 1);
  }
  // A plain DIR will become the generation just below this one (convert_plain).
  if (kind() == Kind::kPlain) ++next;
  for (;; ++next) {
    auto path = sidecar_file(generation_name(next));
    if (::mkdir(path.c_str(), 0755) == 0) return path;
    if (errno != EEXIST) throw io_error(path, "cannot create directory");
  }
}

void LiveIndex::switch_to(const std::string& generation_dir) const {
  // A relative target keeps working when the whole tree is moved or mounted elsewhere.
  auto target = fs::path(sidecar()).filename() / fs::path(generation_dir).filename();
  // The new link is made beside DIR (its target is relative to the directory holding it).
  auto tmp_in_parent = dir_ + ".link-tmp";
  ::unlink(tmp_in_parent.c_str());
  if (::symlink(target.c_str(), tmp_in_parent.c_str()) != 0) {
    throw io_error(tmp_in_parent, "cannot create link");
  }
  if (::rename(tmp_in_parent.c_str(), dir_.c_str()) != 0) {
    auto error = io_error(dir_, "cannot switch the link");
    ::unlink(tmp_in_parent.c_str());
    throw error;
  }
  sync_dir(parent_of(dir_));
}

void LiveIndex::convert_plain(const std::string& generation_dir) const {
  auto number = generation_number(fs::path(generation_dir).filename().string());
  auto previous = sidecar_file(generation_name(number - 1));
  if (number < 1 || fs::exists(previous)) {
    throw Error(ErrorCode::kIo, previous + ": exists; cannot keep the plain index " + dir_);
  }
  auto target = fs::path(sidecar()).filename() / fs::path(generation_dir).filename();
  auto link = dir_ + ".link-tmp";
  ::unlink(link.c_str());
  if (::symlink(target.c_str(), link.c_str()) != 0) throw io_error(link, "cannot create link");
  if (::renameat2(AT_FDCWD, link.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) != 0) {
    auto error = io_error(dir_, "cannot exchange the plain index for a link");
    ::unlink(link.c_str());
    throw error;
  }
  // `link` is now the old directory.
  if (::rename(link.c_str(), previous.c_str()) != 0) throw io_error(link, "cannot move aside");
  sync_dir(parent_of(dir_));
  sync_dir(sidecar());
}

std::vector<std::string> LiveIndex::prune(std::size_t keep) const {
  std::string live;
  try {
    live = resolve();
  } catch (const Error&) {
    return {};  // nothing is live: keep everything
  }
  auto live_number = generation_number(fs::path(live).filename().string());
  std::vector<std::string> removed;
  std::size_t kept = 0;
  auto all = generations();
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    auto n = generation_number(fs::path(*it).filename().string());
    if (*it == live || fs::equivalent(*it, live)) continue;
    if (n < live_number && kept < keep) {
      ++kept;
      continue;
    }
    if (index_locked(*it)) continue;  // a daemon has not yet moved to the new index
    std::error_code ec;
    fs::remove_all(*it, ec);
    if (!ec) removed.push_back(*it);
  }
  return removed;
}

// ---- Journal ----

std::uint64_t Journal::size() const {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return 0;
  return static_cast<std::uint64_t>(st.st_size);
}

void Journal::append(const std::vector<JournalEntry>& entries) const {
  std::string lines;
  for (const auto& e : entries) lines += escape(e.name) + "\t" + escape(e.path) + "\n";
  int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw io_error(path_, "cannot open journal");
  const char* p = lines.data();
  std::size_t left = lines.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      auto error = io_error(path_, "cannot append to journal");
      ::close(fd);
      throw error;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw io_error(path_, "fsync failed");
}

std::vector<JournalEntry> Journal::read_from(std::uint64_t offset) const {
  std::vector<JournalEntry> entries;
  std::FILE* f = std::fopen(path_.c_str(), "re");
  if (!f) return entries;
  std::string data;
  if (std::fseek(f, static_cast<long>(offset), SEEK_SET) == 0) {
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
  }
  std::fclose(f);
  std::size_t start = 0;
  for (auto end = data.find('\n'); end != std::string::npos; end = data.find('\n', start)) {
    std::string_view line(data.data() + start, end - start);
    start = end + 1;
    auto tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    entries.push_back({unescape(line.substr(0, tab)), unescape(line.substr(tab + 1))});
  }
  return entries;  // a torn last line (no newline) is left out
}

void Journal::clear() const {
  if (::truncate(path_.c_str(), 0) != 0 && errno != ENOENT) throw io_error(path_, "cannot truncate");
}

}  // namespace search::ops
