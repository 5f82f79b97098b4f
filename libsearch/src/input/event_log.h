// One line per event, in logfmt ("level=info event=indexed file=a.pdf records=3 ms=12"),
// which journald stores as is and which grep, awk and log shippers split without a parser.
//
// Written to stderr, or appended to a file when one is given. On stderr under systemd
// (JOURNAL_STREAM names our stderr) each line starts with the syslog priority "<6>" so that
// journald files it at the right level; in a file each line starts with "ts=" and the UTC
// time, since no journal stamps it. reopen() re-opens the file after logrotate moved it
// (the daemon calls it on SIGHUP).
//
// Thread-safety: none; the daemon logs from one thread.
#pragma once

#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace search::input {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

using LogField = std::pair<std::string_view, std::string>;

class EventLog {
 public:
  // `path` empty: log to stderr. Otherwise the file is opened for appending (created if
  // missing); throws Error(kIo) naming it if that fails.
  explicit EventLog(std::string path = {});
  ~EventLog();
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  void write(LogLevel level, std::string_view event, std::initializer_list<LogField> fields = {});
  // Closes and re-opens the log file; a no-op on stderr. Keeps the old file on failure.
  void reopen();

  // One logfmt line without the trailing newline, the ts field or the priority prefix.
  static std::string format(LogLevel level, std::string_view event,
                            std::initializer_list<LogField> fields);
  // A value as logfmt writes it: bare when it is a simple word, else double-quoted with
  // '"' and '\\' escaped and control characters written as \n, \t or \xHH.
  static std::string quote(std::string_view value);

 private:
  std::string path_;
  std::FILE* file_ = nullptr;  // null: stderr
  bool journal_ = false;       // stderr is connected to journald
};

}  // namespace search::input
