// The one error model of libsearch: every failure is thrown as a search::Error (or a
// subclass) whose message names the file, position or term at fault. The C API and the
// command-line programs catch it at their edge; nothing else is thrown across the API
// except std::bad_alloc.
#pragma once

#include <search/export.h>

#include <cstddef>
#include <stdexcept>
#include <string>

namespace search {

enum class ErrorCode {
  kInvalidArgument = 1,  // a caller passed something the API does not accept
  kIo = 2,               // the operating system refused a read, write, fsync or rename
  kCorrupt = 3,          // an index file is damaged, truncated or not ours
  kParse = 4,            // a minutes file could not be read as minutes
  kQuery = 5,            // a query is malformed (see QueryError::position)
  kLocked = 6,           // another writer holds the index lock
  kNotFound = 7,         // an index, file or record does not exist
  kLimit = 8,            // an input exceeds a documented limit
  kUnsupported = 9,      // a format version or feature this build does not handle
};

// Returns a stable lower-case name for `code`, e.g. "corrupt".
SEARCH_EXPORT const char* error_code_name(ErrorCode code) noexcept;

class SEARCH_EXPORT Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

// A malformed query. position() is the byte offset in the query text where the problem is.
class SEARCH_EXPORT QueryError : public Error {
 public:
  QueryError(const std::string& message, std::size_t position, std::string query)
      : Error(ErrorCode::kQuery, message), position_(position), query_(std::move(query)) {}
  std::size_t position() const noexcept { return position_; }
  const std::string& query() const noexcept { return query_; }
  // The query on one line and a caret under the offending position, for terminals.
  std::string pointer() const;

 private:
  std::size_t position_;
  std::string query_;
};

}  // namespace search
