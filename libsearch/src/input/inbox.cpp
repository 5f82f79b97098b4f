#include "input/inbox.h"

#include <search/error.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>

namespace search::input {
namespace {

constexpr std::string_view kDoneDir = "done";
constexpr std::string_view kFailedDir = "failed";
constexpr std::string_view kSupersededDir = "superseded";
constexpr std::uint32_t kWatchMask =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ONLYDIR;

std::string errno_text() { return std::strerror(errno); }

void ensure_dir(const std::string& path) {
  if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
    throw Error(ErrorCode::kIo, path + ": cannot create directory: " + errno_text());
  }
}

struct FileState {
  bool regular = false;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

FileState stat_file(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  return {true, static_cast<std::uint64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

// "a.pdf" -> "a-3.pdf"; "README" -> "README-3".
std::string with_suffix(const std::string& name, int n) {
  auto dot = name.find_last_of('.');
  if (dot == std::string::npos || dot == 0) return name + "-" + std::to_string(n);
  return name.substr(0, dot) + "-" + std::to_string(n) + name.substr(dot);
}

// rename(2) that fails with EEXIST instead of replacing; link+unlink where the file
// system lacks RENAME_NOREPLACE.
int rename_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return -1;
  if (::link(from.c_str(), to.c_str()) != 0) return -1;
  return ::unlink(from.c_str());
}

void sync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorCode::kIo, dir + ": cannot open directory: " + errno_text());
  int rc = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  if (rc != 0) throw Error(ErrorCode::kIo, dir + ": fsync failed: " + std::strerror(saved));
}

}  // namespace

bool Inbox::is_candidate_name(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.back() == '~') return false;
  for (std::string_view suffix :
       {".part", ".partial", ".crdownload", ".tmp", ".swp", ".reason", ".download"}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) return false;
  }
  return name != kDoneDir && name != kFailedDir && name != kSupersededDir;
}

Inbox::Inbox(std::string dir, InboxOptions options) : dir_(std::move(dir)), options_(options) {
  struct stat st {};
  if (::stat(dir_.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    throw Error(ErrorCode::kNotFound, dir_ + ": inbox directory does not exist");
  }
  ensure_dir(dir_ + "/" + std::string(kDoneDir));
  ensure_dir(dir_ + "/" + std::string(kFailedDir));
  ensure_dir(dir_ + "/" + std::string(kSupersededDir));
  inotify_fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify_fd_ < 0) throw Error(ErrorCode::kIo, dir_ + ": inotify_init1: " + errno_text());
  if (::inotify_add_watch(inotify_fd_, dir_.c_str(), kWatchMask) < 0) {
    auto message = dir_ + ": inotify_add_watch: " + errno_text();
    ::close(inotify_fd_);
    throw Error(ErrorCode::kIo, message);
  }
  next_scan_ = Clock::now();  // the first take_ready() lists what is already there
}

Inbox::~Inbox() {
  if (inotify_fd_ >= 0) ::close(inotify_fd_);
}

std::vector<std::string> Inbox::take_ready() {
  drain_events();
  if (Clock::now() >= next_scan_) scan();
  std::vector<std::string> ready;
  ready.swap(ready_);
  return ready;
}

std::chrono::milliseconds Inbox::time_to_next_scan() const {
  auto wait = std::chrono::ceil<std::chrono::milliseconds>(next_scan_ - Clock::now());
  return std::max(wait, std::chrono::milliseconds(0));
}

void Inbox::drain_events() {
  alignas(inotify_event) std::array<char, 16384> buffer;
  for (;;) {
    ssize_t n = ::read(inotify_fd_, buffer.data(), buffer.size());
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return;  // EAGAIN: drained
    }
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      if (event->mask & (IN_Q_OVERFLOW | IN_IGNORED)) {
        next_scan_ = Clock::now();  // events were lost: look at everything
        continue;
      }
      if (event->len == 0) continue;
      std::string name(event->name);
      if (!is_candidate_name(name)) continue;
      if (event->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
        mark_ready(name);
      } else if (event->mask & (IN_MOVED_FROM | IN_DELETE)) {
        seen_.erase(name);
      }
    }
  }
}

void Inbox::mark_ready(const std::string& name) {
  auto state = stat_file(dir_ + "/" + name);
  if (!state.regular) return;
  auto& seen = seen_[name];
  if (seen.returned && seen.size == state.size && seen.mtime_ns == state.mtime_ns) return;
  seen = {state.size, state.mtime_ns, Clock::now(), true};
  if (std::find(ready_.begin(), ready_.end(), name) == ready_.end()) ready_.push_back(name);
}

void Inbox::scan() {
  const auto now = Clock::now();
  next_scan_ = now + options_.rescan_interval;
  DIR* d = ::opendir(dir_.c_str());
  if (!d) throw Error(ErrorCode::kIo, dir_ + ": cannot list inbox: " + errno_text());
  std::map<std::string, Seen> still_there;
  while (const dirent* entry = ::readdir(d)) {
    std::string name(entry->d_name);
    if (!is_candidate_name(name)) continue;
    auto state = stat_file(dir_ + "/" + name);
    if (!state.regular) continue;
    auto it = seen_.find(name);
    Seen seen = it != seen_.end() ? it->second : Seen{state.size, state.mtime_ns, now, false};
    bool unchanged = seen.size == state.size && seen.mtime_ns == state.mtime_ns;
    if (!unchanged) seen = {state.size, state.mtime_ns, now, false};
    bool settled = now - seen.first_seen >= options_.settle;
    if (!seen.returned && unchanged && settled) {
      seen.returned = true;
      ready_.push_back(name);
    }
    if (!seen.returned) next_scan_ = std::min(next_scan_, seen.first_seen + options_.settle);
    still_there.emplace(std::move(name), seen);
  }
  ::closedir(d);
  seen_.swap(still_there);
  std::sort(ready_.begin(), ready_.end());
  ready_.erase(std::unique(ready_.begin(), ready_.end()), ready_.end());
}

std::string Inbox::move_into(const std::string& from_rel, const std::string& name,
                             const std::string& subdir) {
  const std::string from = dir_ + "/" + from_rel;
  for (int n = 0;; ++n) {
    std::string to = dir_ + "/" + subdir + "/" + (n == 0 ? name : with_suffix(name, n));
    if (rename_no_replace(from, to) == 0) return to;
    if (errno != EEXIST) {
      throw Error(ErrorCode::kIo, from + ": cannot move to " + subdir + "/: " + errno_text());
    }
  }
}

std::string Inbox::done_version(const std::string& name) const {
  auto path = dir_ + "/" + std::string(kDoneDir) + "/" + name;
  return stat_file(path).regular ? path : std::string();
}

std::string Inbox::move_to_done(const std::string& name) {
  const std::string done = std::string(kDoneDir);
  const std::string target = dir_ + "/" + done + "/" + name;
  // A crash between the two renames leaves the new version in the inbox, to be redone.
  if (::access(target.c_str(), F_OK) == 0) {
    move_into(done + "/" + name, name, std::string(kSupersededDir));
  }
  if (::rename((dir_ + "/" + name).c_str(), target.c_str()) != 0) {
    throw Error(ErrorCode::kIo, dir_ + "/" + name + ": cannot move to done/: " + errno_text());
  }
  seen_.erase(name);
  return target;
}

std::string Inbox::move_to_failed(const std::string& name, const std::string& reason) {
  auto to = move_into(name, name, std::string(kFailedDir));
  seen_.erase(name);
  std::ofstream out(to + ".reason", std::ios::trunc);
  out << reason << '\n';
  if (!out.flush()) throw Error(ErrorCode::kIo, to + ".reason: cannot write");
  return to;
}

void Inbox::sync() {
  sync_dir(dir_);
  sync_dir(dir_ + "/" + std::string(kDoneDir));
  sync_dir(dir_ + "/" + std::string(kFailedDir));
  sync_dir(dir_ + "/" + std::string(kSupersededDir));
}

}  // namespace search::input
