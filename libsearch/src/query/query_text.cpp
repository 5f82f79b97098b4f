#include "query/query_text.h"

#include <search/error.h>

#include <cstdio>

namespace search::query_internal {
namespace {

unsigned char byte_at(std::string_view text, std::size_t pos) {
  return pos < text.size() ? static_cast<unsigned char>(text[pos]) : 0;
}

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Length of the valid UTF-8 sequence at `pos`, or 0 if it is malformed (overlong forms,
// surrogates and code points past U+10FFFF included).
std::size_t utf8_length(std::string_view text, std::size_t pos) {
  const unsigned char lead = byte_at(text, pos);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  const unsigned char second = byte_at(text, pos + 1);
  if (second < low || second > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (!is_continuation(byte_at(text, pos + i))) return 0;
  }
  return length;
}

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

void fail(std::string_view query, std::size_t position, const std::string& message) {
  throw QueryError(message, position, std::string(query));
}

std::string quoted(std::string_view text) {
  constexpr std::size_t kMaxBytes = 40;
  if (text.size() <= kMaxBytes) return "'" + std::string(text) + "'";
  std::size_t cut = kMaxBytes;
  while (cut > 0 && is_continuation(static_cast<unsigned char>(text[cut]))) --cut;
  return "'" + std::string(text.substr(0, cut)) + "…'";
}

void check_encoding(std::string_view query) {
  for (std::size_t pos = 0; pos < query.size();) {
    const unsigned char c = byte_at(query, pos);
    if ((c < 0x20 && !is_ascii_space(c)) || c == 0x7F) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
      fail(query, pos, std::string("control character ") + code + " in the query");
    }
    const std::size_t length = utf8_length(query, pos);
    if (length == 0) fail(query, pos, "invalid UTF-8 in the query");
    pos += length;
  }
}

std::size_t space_length(std::string_view text, std::size_t pos) {
  const unsigned char c = byte_at(text, pos);
  if (pos < text.size() && is_ascii_space(c)) return 1;
  if (c == 0xC2 && byte_at(text, pos + 1) == 0xA0) return 2;
  return 0;
}

std::size_t quote_length(std::string_view text, std::size_t pos) {
  if (byte_at(text, pos) == '"') return 1;
  if (byte_at(text, pos) == 0xE2 && byte_at(text, pos + 1) == 0x80) {
    const unsigned char third = byte_at(text, pos + 2);
    if (third == 0x9C || third == 0x9D || third == 0x9E) return 3;  // “ ” „
  }
  return 0;
}

std::size_t closing_quote_length(std::string_view text, std::size_t pos) {
  if (byte_at(text, pos) == 0xE2 && byte_at(text, pos + 2) == 0x9E) return 0;  // „ opens only
  return quote_length(text, pos);
}

bool is_delimiter(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return true;
  const char c = text[pos];
  return c == '(' || c == ')' || c == '|' || space_length(text, pos) > 0 ||
         quote_length(text, pos) > 0;
}

std::size_t count_chars(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += is_continuation(static_cast<unsigned char>(c)) ? 0 : 1;
  return count;
}

std::string fold_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const unsigned char next = byte_at(text, i + 1);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + ('a' - 'A'));
    } else if (c == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97) {
      // U+00C0..U+00DE except U+00D7 MULTIPLICATION SIGN: lower case is 0x20 higher.
      out += static_cast<char>(c);
      out += static_cast<char>(next + 0x20);
      ++i;
    } else if (c == 0xCC && next == 0x8A && !out.empty() && out.back() == 'a') {
      out.back() = static_cast<char>(0xC3);  // a + combining ring -> å (U+00E5)
      out += static_cast<char>(0xA5);
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string collapse_spaces(std::string_view text, char joiner) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t length = space_length(text, i); length > 0) {
      pending_space = true;
      i += length;
      continue;
    }
    if (pending_space && !out.empty()) out += joiner;
    pending_space = false;
    out += text[i++];
  }
  return out;
}

}  // namespace search::query_internal
