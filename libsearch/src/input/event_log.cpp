#include "input/event_log.h"

#include <search/error.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sys/stat.h>

namespace search::input {
namespace {

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
  }
  return "info";
}

// sd-daemon(3) priorities: <7> debug, <6> info, <4> warning, <3> error.
const char* syslog_prefix(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "<7>";
    case LogLevel::kInfo: return "<6>";
    case LogLevel::kWarning: return "<4>";
    case LogLevel::kError: return "<3>";
  }
  return "<6>";
}

// systemd sets JOURNAL_STREAM=<dev>:<inode> of the stream it connected to stderr.
bool stderr_is_journal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  struct stat st {};
  if (!stream || ::fstat(2, &st) != 0) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) return false;
  return dev == static_cast<unsigned long long>(st.st_dev) &&
         ino == static_cast<unsigned long long>(st.st_ino);
}

std::FILE* open_log(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "ae");
  if (!file) throw Error(ErrorCode::kIo, path + ": cannot open log: " + std::strerror(errno));
  return file;
}

bool is_bare(std::string_view value) {
  if (value.empty()) return false;
  for (unsigned char c : value) {
    if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7F) return false;
  }
  return true;
}

}  // namespace

EventLog::EventLog(std::string path) : path_(std::move(path)) {
  if (!path_.empty()) file_ = open_log(path_);
  journal_ = path_.empty() && stderr_is_journal();
}

EventLog::~EventLog() {
  if (file_) std::fclose(file_);
}

std::string EventLog::quote(std::string_view value) {
  if (is_bare(value)) return std::string(value);
  std::string out = "\"";
  for (unsigned char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < ' ' || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out += static_cast<char>(c);  // UTF-8 passes through
    }
  }
  return out + "\"";
}

std::string EventLog::format(LogLevel level, std::string_view event,
                             std::initializer_list<LogField> fields) {
  std::string line = "level=";
  line += level_name(level);
  line += " event=";
  line += quote(event);
  for (const auto& [key, value] : fields) {
    line += ' ';
    line += key;
    line += '=';
    line += quote(value);
  }
  return line;
}

void EventLog::write(LogLevel level, std::string_view event,
                     std::initializer_list<LogField> fields) {
  std::string line;
  if (file_) {
    char stamp[40];
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    std::strftime(stamp, sizeof stamp, "ts=%Y-%m-%dT%H:%M:%SZ ", &utc);
    line = stamp;
  } else if (journal_) {
    line = syslog_prefix(level);
  }
  line += format(level, event, fields);
  line += '\n';
  std::FILE* out = file_ ? file_ : stderr;
  std::fwrite(line.data(), 1, line.size(), out);
  std::fflush(out);
}

void EventLog::reopen() {
  if (!file_) return;
  std::FILE* fresh = nullptr;
  try {
    fresh = open_log(path_);
  } catch (const Error& e) {
    write(LogLevel::kError, "log_reopen_failed", {{"error", e.what()}});
    return;
  }
  std::fclose(file_);
  file_ = fresh;
}

}  // namespace search::input
