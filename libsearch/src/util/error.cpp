#include <search/error.h>

#include <algorithm>

namespace search {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kCorrupt: return "corrupt";
    case ErrorCode::kParse: return "parse";
    case ErrorCode::kQuery: return "query";
    case ErrorCode::kLocked: return "locked";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kLimit: return "limit";
    case ErrorCode::kUnsupported: return "unsupported";
  }
  return "unknown";
}

std::string QueryError::pointer() const {
  // At most kContext code points either side of the position, so that a huge query (a
  // 1 MB one refused by the size limit) gives a one-line excerpt, not a megabyte of text.
  constexpr std::size_t kContext = 60;
  auto is_lead = [&](std::size_t i) { return (static_cast<unsigned char>(query_[i]) & 0xC0) != 0x80; };
  const std::size_t at = std::min(position_, query_.size());
  std::size_t begin = at, before = 0;
  while (begin > 0 && before < kContext) {
    --begin;
    if (is_lead(begin)) ++before;
  }
  std::size_t end = at, after = 0;
  while (end < query_.size() && (after < kContext || !is_lead(end))) {
    if (is_lead(end)) ++after;
    ++end;
  }
  const std::string head = begin > 0 ? "..." : "";
  std::string line = head + query_.substr(begin, end - begin) + (end < query_.size() ? "..." : "");
  for (char& c : line) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  // The caret sits under the byte offset; count UTF-8 lead bytes so it lines up on a terminal.
  return line + "\n" + std::string(head.size() + before, ' ') + "^";
}

}  // namespace search
