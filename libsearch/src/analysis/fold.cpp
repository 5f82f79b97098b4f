#include "analysis/fold.h"

#include <algorithm>
#include <array>
#include <limits>

#include "analysis/unicode.h"

namespace search::analysis {
namespace {

bool is_fold_vowel(char32_t cp) {
  switch (cp) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
    case 'z':
      return true;
    default:
      break;
  }
  // à-æ, è-ï, ò-ö, ø-ü, ý, ÿ; ā-ŏ/ő/œ/ũ-ų of Latin Extended-A; ǻ ǽ ǿ.
  if ((cp >= 0xE0 && cp <= 0xE6) || (cp >= 0xE8 && cp <= 0xEF) || (cp >= 0xF2 && cp <= 0xF6) ||
      (cp >= 0xF8 && cp <= 0xFD) || cp == 0xFF)
    return true;
  if ((cp >= 0x100 && cp <= 0x105) || (cp >= 0x112 && cp <= 0x11B) ||
      (cp >= 0x128 && cp <= 0x131) || (cp >= 0x14C && cp <= 0x153) ||
      (cp >= 0x168 && cp <= 0x173) || cp == 0x17C || cp == 0x17E)
    return true;
  return cp == 0x1FB || cp == 0x1FD || cp == 0x1FF;
}

// is_fold_vowel for ASCII as a table: the fold of the whole lexicon spends most of its time here.
constexpr std::array<bool, 128> kAsciiVowel = [] {
  std::array<bool, 128> t{};
  for (const char c : std::string_view("aeiouyz")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

const char* fold_consonant(char32_t cp) {
  switch (cp) {
    case 0xE7:
      return "c";  // ç
    case 0xF1:
      return "n";  // ñ
    case 0xDF:
      return "ss";  // ß
    case 0xF0:
      return "d";  // ð
    case 0xFE:
      return "th";  // þ
    default:
      return nullptr;
  }
}

constexpr std::size_t kMaxDistanceChars = 64;

std::size_t to_code_points(std::string_view s, std::array<char32_t, kMaxDistanceChars>& out) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (n == out.size()) return out.size() + 1;
    std::size_t len = 0;
    out[n++] = decode_utf8(s, i, len);
    i += len;
  }
  return n;
}

bool is_pair(char32_t a, char32_t b, char32_t x, char32_t y) {
  return (a == x && b == y) || (a == y && b == x);
}

double substitution_cost(char32_t clean, char32_t scanned) {
  if (clean == scanned) return 0.0;
  if (is_fold_vowel(clean) && is_fold_vowel(scanned)) return 0.3;
  if (is_pair(clean, scanned, 0xE5, 'd') || is_pair(clean, scanned, 'e', 'c') ||
      is_pair(clean, scanned, 'l', 'i') || is_pair(clean, scanned, 'l', '1') ||
      is_pair(clean, scanned, 'i', '1') || is_pair(clean, scanned, 'f', 't'))
    return 0.5;
  return 1.0;
}

double indel_cost(char32_t cp) { return is_fold_vowel(cp) ? 0.5 : 1.0; }

}  // namespace

void ocr_fold(std::string_view word, std::string& out) {
  // Written through a pointer into a buffer of the worst-case size (an invalid byte becomes
  // the 3-byte U+FFFD): this runs for every word of the lexicon when the OCR-repair table is
  // built.
  out.resize(word.size() * 3);
  char* const begin = out.data();
  char* p = begin;
  bool in_vowels = false;
  for (std::size_t i = 0; i < word.size();) {
    std::size_t len = 1;
    char32_t cp = static_cast<unsigned char>(word[i]);
    if (cp < 0x80) {  // ASCII, most of every word: no decoding, no consonant to rewrite
      const bool vowel = kAsciiVowel[cp];
      if (!vowel) *p++ = static_cast<char>(cp);
      else if (!in_vowels) *p++ = '*';
      in_vowels = vowel;
      ++i;
      continue;
    }
    if (cp == 0xC3 && i + 1 < word.size() &&
        (static_cast<unsigned char>(word[i + 1]) & 0xC0) == 0x80) {  // Latin-1: æ ø å é
      cp = 0xC0 + (static_cast<unsigned char>(word[i + 1]) & 0x3F);
      len = 2;
    } else if (cp >= 0x80) {
      cp = decode_utf8(word, i, len);
    }
    i += len;
    if (is_fold_vowel(cp)) {
      if (!in_vowels) *p++ = '*';
      in_vowels = true;
      continue;
    }
    in_vowels = false;
    if (const char* c = fold_consonant(cp)) {
      while (*c != '\0') *p++ = *c++;
    } else {
      p += encode_utf8(cp, p);
    }
  }
  out.resize(static_cast<std::size_t>(p - begin));
}

double ocr_distance(std::string_view clean, std::string_view scanned) {
  std::array<char32_t, kMaxDistanceChars> a{}, b{};
  const std::size_t n = to_code_points(clean, a);
  const std::size_t m = to_code_points(scanned, b);
  if (n > kMaxDistanceChars || m > kMaxDistanceChars) {
    return std::numeric_limits<double>::infinity();
  }
  std::array<double, kMaxDistanceChars + 1> prev{}, cur{};
  for (std::size_t j = 1; j <= m; ++j) prev[j] = prev[j - 1] + indel_cost(b[j - 1]);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = prev[0] + indel_cost(a[i - 1]);
    for (std::size_t j = 1; j <= m; ++j) {
      cur[j] = std::min({prev[j - 1] + substitution_cost(a[i - 1], b[j - 1]),
                         prev[j] + indel_cost(a[i - 1]), cur[j - 1] + indel_cost(b[j - 1])});
    }
    prev = cur;
  }
  return prev[m];
}

}  // namespace search::analysis
