// The small part of Unicode the Danish analyzer needs, without ICU: UTF-8 decoding with
// replacement, a coarse character class, lower-casing of the Latin, Greek, Cyrillic and
// Armenian cased letters, and canonical composition of a base letter with a combining mark
// (enough to produce NFC for the letters Danish text uses: "a\u030a" -> "å").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace search::analysis {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes one code point at `s[i]` (REQUIRES: i < s.size()). Invalid, overlong, surrogate
// or truncated sequences decode to U+FFFD and consume exactly one byte, so decoding always
// advances and never reads past the end.
inline char32_t decode_utf8(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    length = 1;
    return b0;
  }
  auto cont = [&](std::size_t k) -> int {
    if (i + k >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  length = 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    const int c1 = cont(1);
    if (c1 < 0) return kReplacementChar;
    length = 2;
    return (char32_t(b0 & 0x1F) << 6) | char32_t(c1);
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const int c1 = cont(1);
    const int c2 = c1 < 0 ? -1 : cont(2);
    if (c2 < 0) return kReplacementChar;
    const char32_t cp = (char32_t(b0 & 0x0F) << 12) | (char32_t(c1) << 6) | char32_t(c2);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return kReplacementChar;
    length = 3;
    return cp;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const int c1 = cont(1);
    const int c2 = c1 < 0 ? -1 : cont(2);
    const int c3 = c2 < 0 ? -1 : cont(3);
    if (c3 < 0) return kReplacementChar;
    const char32_t cp =
        (char32_t(b0 & 0x07) << 18) | (char32_t(c1) << 12) | (char32_t(c2) << 6) | char32_t(c3);
    if (cp < 0x10000 || cp > 0x10FFFF) return kReplacementChar;
    length = 4;
    return cp;
  }
  return kReplacementChar;
}

// Writes the UTF-8 encoding of `cp` to out[0..3] (REQUIRES: a valid scalar value);
// returns its length.
inline std::size_t encode_utf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// Appends the UTF-8 encoding of `cp` (REQUIRES: a valid scalar value).
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

inline std::size_t utf8_length(char32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

enum class CharClass : std::uint8_t {
  kOther,      // space, punctuation, symbols, U+FFFD: ends a token
  kLetter,     // a letter of any script (CJK runs form one token)
  kDigit,      // ASCII 0-9 only
  kMark,       // a combining mark: composes with, or stays attached to, the letter before
  kIgnorable,  // soft hyphen, zero-width characters: dropped without ending the token
};

CharClass char_class(char32_t cp);

// The lower-case form of `cp` (itself if it has none). Covers Latin-1, Latin Extended-A,
// the regular pairs of Latin Extended-B and Additional, Greek, Cyrillic, Armenian and the
// full-width Latin letters; NFC singletons (Angstrom sign, Kelvin sign) map to their letter.
char32_t to_lower(char32_t cp);

// The precomposed lower-case letter for `base` followed by combining `mark`, or 0 if there
// is none (REQUIRES: `base` already lower-cased).
char32_t compose(char32_t base, char32_t mark);

// Latin ligatures (U+FB00-U+FB06, common in PDF-extracted text) as their letters, or nullptr.
const char* expand_ligature(char32_t cp);

// Lower-cases and composes a whole string with the tokenizer's rules, keeping every
// character (used for lexicon entries, which must match tokens byte for byte).
std::string normalize_word(std::string_view word);

// Number of code points in valid UTF-8 (continuation bytes are not counted).
inline std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace search::analysis
