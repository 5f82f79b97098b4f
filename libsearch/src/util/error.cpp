#include <search/error.h>

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
  std::string line = query_;
  for (char& c : line) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  // The caret sits under the byte offset; count UTF-8 lead bytes so it lines up on a terminal.
  std::size_t columns = 0;
  for (std::size_t i = 0; i < position_ && i < query_.size(); ++i) {
    if ((static_cast<unsigned char>(query_[i]) & 0xC0) != 0x80) ++columns;
  }
  return line + "\n" + std::string(columns, ' ') + "^";
}

}  // namespace search
