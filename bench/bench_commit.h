// The commit a benchmark ran on, read when it runs: a value fixed when CMake configured the
// build goes stale as soon as someone commits without reconfiguring.
//
//   git -C SEARCH_SOURCE_DIR describe --always --dirty
//
// falls back to SEARCH_GIT_COMMIT (the configure-time value, marked as such) when git or
// the source tree is not there (e.g. a binary copied to another machine).
#pragma once

#include <cstdio>
#include <string>

#ifndef SEARCH_GIT_COMMIT
#define SEARCH_GIT_COMMIT "unknown"
#endif
#ifndef SEARCH_SOURCE_DIR
#define SEARCH_SOURCE_DIR ""
#endif

namespace search::bench {

inline std::string run_time_commit() {
  const std::string dir = SEARCH_SOURCE_DIR;
  if (!dir.empty() && dir.find('\'') == std::string::npos) {
    const std::string cmd = "git -C '" + dir + "' describe --always --dirty 2>/dev/null";
    if (FILE* p = popen(cmd.c_str(), "r")) {
      char buf[128];
      std::string out;
      while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
      int rc = pclose(p);
      while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
      if (rc == 0 && !out.empty() && out.find('\n') == std::string::npos) return out;
    }
  }
  return std::string(SEARCH_GIT_COMMIT) + " (at configure time)";
}

// Computed once per process.
inline const std::string& commit() {
  static const std::string c = run_time_commit();
  return c;
}

}  // namespace search::bench
