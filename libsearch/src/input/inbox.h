// The daemon's inbox: a directory that minutes files are dropped into. Inbox finds the files
// that are complete and ready to index, and moves each one, once handled, to done/ or to
// failed/ (with a NAME.reason file beside it). Linux only (inotify).
//
// A file is ready when
//  - inotify reports it closed after writing (IN_CLOSE_WRITE) or moved in (IN_MOVED_TO), or
//  - a scan (at start-up, every rescan interval, and after an inotify queue overflow) has
//    seen the same size and mtime twice, at least `settle` apart, so that a file copied in by
//    a tool that inotify cannot see (NFS, a crashed watcher) is still not read half-written.
// Ignored: dotfiles, partial downloads (*.part, *.partial, *.crdownload, *.tmp, *.swp, *~),
// NAME.reason files, directories (done/ and failed/ included) and anything not a regular
// file (done/, failed/ and superseded/ are directories). Only the top level of the inbox is
// watched.
//
// Thread-safety: none; one thread owns an Inbox.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace search::input {

struct InboxOptions {
  // How often the whole directory is listed even without inotify events.
  std::chrono::milliseconds rescan_interval{std::chrono::seconds(30)};
  // How long a file found by a scan must keep its size and mtime before it is read.
  std::chrono::milliseconds settle{std::chrono::seconds(2)};
};

class Inbox {
 public:
  using Clock = std::chrono::steady_clock;

  // Creates `dir`/done and `dir`/failed if missing and starts watching `dir`.
  // Throws Error(kNotFound) if `dir` does not exist, Error(kIo) if inotify fails.
  Inbox(std::string dir, InboxOptions options);
  ~Inbox();
  Inbox(const Inbox&) = delete;
  Inbox& operator=(const Inbox&) = delete;

  // The inotify descriptor, for poll(): readable when events are waiting.
  int fd() const { return inotify_fd_; }
  const std::string& dir() const { return dir_; }

  // Drains inotify events, scans if a scan is due, and returns the names (relative to the
  // inbox) of files that became ready since the last call. A file is returned again only if
  // it changes (size or mtime) after being returned, e.g. a new version copied over it.
  std::vector<std::string> take_ready();

  // How long poll() may sleep before take_ready() has work to do (a scan or a settle check).
  std::chrono::milliseconds time_to_next_scan() const;

  // Moves `name` into done/ and returns its new path (always done/<name>). If done/ already
  // holds a file of that name (an earlier version of the same minutes) that one is first
  // moved to superseded/ with a suffix: "a.pdf" -> superseded/a-1.pdf, a-2.pdf, ... So done/
  // holds exactly the current version of every file indexed, and a rebuild from done/
  // indexes no stale version; nothing is ever replaced or deleted.
  std::string move_to_done(const std::string& name);
  // The path done/<name> if such a file exists, else "" (the version `name` replaces).
  std::string done_version(const std::string& name) const;
  // Moves `name` into failed/, with a suffix as above if failed/ has that name already, and
  // writes "<new name>.reason" beside it holding `reason` and a newline. Returns the new
  // path.
  std::string move_to_failed(const std::string& name, const std::string& reason);
  // fsyncs the inbox, done/, failed/ and superseded/ so that moves survive a power cut.
  void sync();

  // True if the name is one the inbox would ever pick up (see the list above).
  static bool is_candidate_name(std::string_view name);

 private:
  struct Seen {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    Clock::time_point first_seen;
    bool returned = false;  // handed out by take_ready and not changed since
  };

  void drain_events();
  void scan();
  void mark_ready(const std::string& name);
  // Renames dir_/<from> into dir_/<subdir>/, adding a suffix while the name is taken.
  std::string move_into(const std::string& from, const std::string& name,
                        const std::string& subdir);

  std::string dir_;
  InboxOptions options_;
  int inotify_fd_ = -1;
  Clock::time_point next_scan_;
  std::map<std::string, Seen> seen_;
  std::vector<std::string> ready_;
};

}  // namespace search::input
