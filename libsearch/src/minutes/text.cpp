#include "minutes/text.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "analysis/unicode.h"

namespace search::minutes {
namespace {

// The fold of the second byte of a two-byte sequence starting with 0xC3 (U+00C0..U+00FF);
// ' ' means "separator" (× and ÷).
constexpr std::string_view kLatin1Fold =
    "aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuyty";

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Length of the valid UTF-8 sequence at text[i] and its code point; 0 if invalid. The
// decoder is the analyzer's, which reads an invalid byte as a one-byte U+FFFD.
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) noexcept {
  std::size_t length = 0;
  cp = analysis::decode_utf8(text, i, length);
  return cp == analysis::kReplacementChar && length == 1 ? 0 : length;
}

using analysis::append_utf8;

constexpr std::array<char16_t, 32> kCp1252High{
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

struct MonthName {
  std::string_view name;
  int month;
};
constexpr MonthName kMonths[] = {
    {"januar", 1},  {"jan", 1},     {"februar", 2}, {"feb", 2},   {"marts", 3},     {"mar", 3},
    {"april", 4},   {"apr", 4},     {"maj", 5},     {"juni", 6},  {"jun", 6},       {"juli", 7},
    {"jul", 7},     {"august", 8},  {"aug", 8},     {"september", 9}, {"sept", 9},  {"sep", 9},
    {"oktober", 10}, {"okt", 10},   {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
};

int days_in_month(int year, int month) noexcept {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string iso_date(int year, int month, int day) {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    return {};
  }
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

// Reads up to `max_digits` digits at text[i]; returns how many were read.
std::size_t read_number(std::string_view text, std::size_t i, std::size_t max_digits, int& value) {
  std::size_t n = 0;
  value = 0;
  while (i + n < text.size() && is_digit(text[i + n]) && n <= max_digits) {
    value = value * 10 + (text[i + n] - '0');
    ++n;
  }
  return n > max_digits ? 0 : n;
}

bool digit_at(std::string_view text, std::size_t i) noexcept {
  return i < text.size() && is_digit(text[i]);
}

// "24. maj 2022" from the month word on: text[i] is the first letter of the month.
std::string text_month_date(std::string_view text, std::size_t i, int day, std::size_t& stop) {
  std::size_t end = i;
  while (end < text.size() && is_ascii_alpha(text[end])) ++end;
  std::string word(text.substr(i, end - i));
  for (char& c : word) c = lower(c);
  int month = 0;
  for (const auto& m : kMonths) {
    if (word == m.name) month = m.month;
  }
  if (month == 0) return {};
  if (end < text.size() && text[end] == '.') ++end;
  std::size_t spaces = 0;
  while (end < text.size() && text[end] == ' ') ++end, ++spaces;
  int year = 0;
  if (spaces == 0 || read_number(text, end, 4, year) != 4 || digit_at(text, end + 4)) return {};
  stop = end + 4;
  return iso_date(year, month, day);
}

// A numeric date starting at text[i] (a digit not preceded by a digit or letter).
std::string numeric_date_at(std::string_view text, std::size_t i, std::size_t& stop) {
  int first = 0;
  std::size_t n1 = read_number(text, i, 4, first);
  std::size_t j = i + n1;
  if (n1 == 4 && j + 6 <= text.size() && text[j] == '-') {  // 2022-05-24
    int month = 0, day = 0;
    if (read_number(text, j + 1, 2, month) == 2 && text[j + 3] == '-' &&
        read_number(text, j + 4, 2, day) == 2 && !digit_at(text, j + 6)) {
      stop = j + 6;
      return iso_date(first, month, day);
    }
    return {};
  }
  if (n1 == 0 || n1 > 2 || j >= text.size()) return {};
  char sep = text[j];
  if (sep != '-' && sep != '.' && sep != '/') return {};
  int month = 0, year = 0;
  std::size_t n2 = read_number(text, j + 1, 2, month);
  if (sep == '/' && n2 > 0 && j + 2 + n2 < text.size() &&
      (text[j + 1 + n2] == ' ' || text[j + 1 + n2] == '-')) {  // "3/5 2023", "3/5-2023"
    std::size_t k = j + 2 + n2;
    if (read_number(text, k, 4, year) != 4 || digit_at(text, k + 4)) return {};
    stop = k + 4;
    return iso_date(year, month, first);
  }
  if (n2 > 0 && j + 1 + n2 < text.size() && text[j + 1 + n2] == sep) {
    std::size_t k = j + 2 + n2;
    std::size_t n3 = read_number(text, k, 4, year);
    if ((n3 != 4 && !(n3 == 2 && sep != '/')) || digit_at(text, k + n3)) return {};
    if (n3 == 2) year += year < 70 ? 2000 : 1900;
    stop = k + n3;
    return iso_date(year, month, first);
  }
  if (sep != '.') return {};
  std::size_t k = j + 1;
  while (k < text.size() && text[k] == ' ') ++k;
  if (k < text.size() && is_ascii_alpha(text[k])) return text_month_date(text, k, first, stop);
  return {};
}

// OCR reads "å" as "&" ("P& mødet", "Socialomr&det", "&ben"): a '&' touching a letter.
bool ocr_ring_a(std::string_view text, std::size_t i, std::size_t end) noexcept {
  bool before = i > 0 && is_ascii_alpha(text[i - 1]);
  bool after = i + 1 < end && is_ascii_alpha(text[i + 1]);
  return before || after;
}

}  // namespace

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view text) noexcept {
  for (;;) {
    if (!text.empty() && is_space(text.front())) {
      text.remove_prefix(1);
    } else if (text.size() >= 2 && text[0] == '\xC2' && text[1] == '\xA0') {
      text.remove_prefix(2);
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && is_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.size() >= 2 && text[text.size() - 2] == '\xC2' && text.back() == '\xA0') {
      text.remove_suffix(2);
    } else {
      break;
    }
  }
  return text;
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool nbsp = text[i] == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (is_space(text[i]) || nbsp) {
      pending = !out.empty();
      i += nbsp ? 1 : 0;
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(text[i]);
  }
  return out;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) noexcept {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(text[i]) != prefix[i]) return false;
  }
  return true;
}

// ASCII letters and digits fold to themselves in lower case; other ASCII bytes separate.
constexpr std::array<char, 128> kAsciiFold = [] {
  std::array<char, 128> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = static_cast<char>(c);
  for (int c = 'a'; c <= 'z'; ++c) table[c] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = static_cast<char>(c + 32);
  return table;
}();

void fold(std::string_view text, std::string& out, std::size_t max_in, bool digraphs) {
  std::size_t end = std::min(text.size(), max_in);
  // Every output character consumes at least one input byte, a space included (it stands for
  // the separator bytes before the next character), so `end` bytes are always enough.
  out.resize(end);
  char* const begin = out.data();
  char* w = begin;
  bool pending_space = false;
  auto put = [&](char c) {
    if (pending_space) {
      if (w != begin) *w++ = ' ';
      pending_space = false;
    } else if (digraphs && w != begin) {
      char previous = w[-1];
      if ((previous == 'a' && (c == 'a' || c == 'e')) || (previous == 'o' && c == 'e')) return;
    }
    *w++ = c;
  };
  for (std::size_t i = 0; i < end;) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      char c = kAsciiFold[b];
      if (c != 0) {
        put(c);
      } else if (b == '&' && ocr_ring_a(text, i, end)) {
        put('a');
      } else {
        pending_space = true;
      }
      ++i;
      continue;
    }
    if (b == 0xC3 && i + 1 < end) {
      unsigned char b1 = static_cast<unsigned char>(text[i + 1]);
      if (b1 >= 0x80 && b1 < 0xC0 && kLatin1Fold[b1 - 0x80] != ' ') {
        put(kLatin1Fold[b1 - 0x80]);
      } else {
        pending_space = true;
      }
      i += 2;
      continue;
    }
    char32_t cp = 0;
    std::size_t n = decode_utf8(text, i, cp);
    if (n == 0) {
      ++i;  // a stray byte vanishes like an unknown mark
      continue;
    }
    bool vanishes = (cp >= 0x300 && cp <= 0x36F) || cp == 0xFFFD || cp == 0xAD || cp == 0x200B;
    if (!vanishes) pending_space = true;
    i += n;
  }
  out.resize(static_cast<std::size_t>(w - begin));
}

std::string fold(std::string_view text) {
  std::string out;
  fold(text, out);
  return out;
}

void collapse_digraphs(std::string& folded) {
  std::size_t w = 0;
  for (std::size_t r = 0; r < folded.size(); ++r) {
    char c = folded[r];
    if (w > 0 && ((c == 'a' && folded[w - 1] == 'a') || (c == 'e' && folded[w - 1] == 'a') ||
                  (c == 'e' && folded[w - 1] == 'o'))) {
      continue;
    }
    folded[w++] = c;
  }
  folded.resize(w);
}

int bounded_edit_distance(std::string_view a, std::string_view b, int limit) noexcept {
  int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > limit) return limit + 1;
  if (la > 255 || lb > 255) return a == b ? 0 : limit + 1;
  int row[256], next[256];
  for (int j = 0; j <= lb; ++j) row[j] = j;
  for (int i = 1; i <= la; ++i) {
    next[0] = i;
    int best = next[0];
    for (int j = 1; j <= lb; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      next[j] = std::min({row[j] + 1, next[j - 1] + 1, row[j - 1] + cost});
      best = std::min(best, next[j]);
    }
    if (best > limit) return limit + 1;
    std::memcpy(row, next, sizeof(int) * (lb + 1));
  }
  return std::min(row[lb], limit + 1);
}

bool repair_utf8(std::string_view text, std::string& out, std::size_t& first_bad,
                 bool& as_cp1252) {
  std::size_t i = 0, valid_multibyte = 0;
  bool bad = false;
  while (i < text.size()) {
    if (i + 8 <= text.size()) {  // eight ASCII bytes at a time
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t n = decode_utf8(text, i, cp);
    if (n == 0) {
      if (!bad) first_bad = i;
      bad = true;
      ++i;
    } else {
      ++valid_multibyte;
      i += n;
    }
  }
  as_cp1252 = false;
  if (!bad) return true;
  if (valid_multibyte == 0) {
    as_cp1252 = true;
    out = cp1252_to_utf8(text);
    return false;
  }
  out.clear();
  out.reserve(text.size() + 16);
  for (i = 0; i < text.size();) {
    char32_t cp = 0;
    std::size_t n = decode_utf8(text, i, cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return false;
}

namespace {

bool is_lower_letter_before(std::string_view text, std::size_t i) noexcept {  // text[i - 1]
  if (i == 0) return false;
  char c = text[i - 1];
  if (c >= 'a' && c <= 'z') return true;
  return i >= 2 && text[i - 2] == '\xC3' && (c == '\xA6' || c == '\xB8' || c == '\xA5');
}

// Words that follow a suspended compound ("Børne- og Ungdomsudvalget"): keep the hyphen.
bool is_conjunction(std::string_view word) noexcept {
  for (std::string_view w : {"og", "eller", "samt", "el", "som", "til", "&"}) {
    if (word == w) return true;
  }
  return false;
}

// If text[i] is a '-' ending a line after a lower-case letter and the next non-blank line
// (at most one blank line between) starts with a lower-case word that is no conjunction,
// returns where that word starts; else npos.
std::size_t hyphenated_word_at(std::string_view text, std::size_t i) {
  if (!is_lower_letter_before(text, i)) return std::string_view::npos;
  auto skip_blanks = [&](std::size_t j) {
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
    return j;
  };
  std::size_t j = skip_blanks(i + 1);
  if (j >= text.size() || text[j] != '\n') return std::string_view::npos;
  j = skip_blanks(j + 1);
  if (j < text.size() && text[j] == '\n') j = skip_blanks(j + 1);  // double-spaced PDF text
  std::size_t first = j < text.size() && text[j] == '\xC3' ? 2 : 1;
  if (j + first > text.size() || !is_lower_letter_before(text, j + first)) {
    return std::string_view::npos;
  }
  std::size_t end = j;
  while (end < text.size() && !is_space(text[end])) ++end;
  if (is_conjunction(text.substr(j, end - j))) return std::string_view::npos;
  return j;
}

constexpr std::string_view kLigatures[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};

// Bytes where the layout pass may have something to do.
constexpr std::array<bool, 256> kLayoutBytes = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : {'\t', '-', '\xC2', '\xE2', '\xEF'}) table[c] = true;
  return table;
}();

// False if none of the eight bytes at `p` is one of kLayoutBytes (a word at a time: a byte
// equal to b is a zero byte of word ^ b, found by the usual carry trick).
bool may_need_layout(const char* p) noexcept {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has = [&](unsigned char b) {
    std::uint64_t x = word ^ (kOnes * b);
    return ((x - kOnes) & ~x & kHigh) != 0;
  };
  if (has('\t') || has('-')) return true;
  return (word & kHigh) != 0 && (has(0xC2) || has(0xE2) || has(0xEF));
}

// What replaces the sequence at text[i] (a byte of kLayoutBytes): sets `length` to the bytes
// replaced and returns the replacement, or returns nullptr when the sequence stays.
const char* layout_replacement(std::string_view text, std::size_t i, std::size_t& length) {
  auto at = [&](std::size_t k) { return i + k < text.size() ? text[i + k] : '\0'; };
  length = 1;
  switch (text[i]) {
    case '\t':
      return " ";
    case '\xC2':
      length = 2;
      if (at(1) == '\xAD') return "";   // soft hyphen
      if (at(1) == '\xA0') return " ";  // no-break space
      return nullptr;
    case '\xE2':
      length = 3;
      if (at(1) == '\x80') {
        char c = at(2);
        if (c == '\x8B' || c == '\x8C' || c == '\x8D') return "";  // zero-width space, (non-)joiner
        if (c == '\x82' || c == '\x83' || c == '\x87' || c == '\x89' || c == '\xAF') return " ";
      }
      if (at(1) == '\x81' && at(2) == '\xA0') return "";  // word joiner
      return nullptr;
    case '\xEF':
      length = 3;
      if (at(1) == '\xBB' && at(2) == '\xBF') return "";  // a byte-order mark inside the text
      if (at(1) == '\xAC' && static_cast<unsigned char>(at(2)) >= 0x80 && static_cast<unsigned char>(at(2)) <= 0x86) {
        return kLigatures[static_cast<unsigned char>(at(2)) - 0x80].data();
      }
      return nullptr;
    default:
      return nullptr;
  }
}

// At a '-' (text[i]): if it ends a hyphenated line, hands the joined word to `replace` and
// returns where to go on; else returns i + 1.
template <typename Replace>
std::size_t join_hyphenated(std::string_view text, std::size_t i, Replace& replace) {
  std::size_t word = hyphenated_word_at(text, i);
  if (word == std::string_view::npos) return i + 1;
  std::size_t end = word;
  while (end < text.size() && !is_space(text[end])) ++end;
  std::string joined(text.substr(word, end - word));
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  // The rest of the word's line goes on the next line; an emptied line disappears.
  if (end < text.size() && text[end] != '\n' && text[end] != '\r') joined.push_back('\n');
  replace(i, end, joined);
  return end;
}

}  // namespace

bool normalize_layout(std::string_view text, std::string& out) {
  bool changed = false;
  std::size_t copied = 0;  // text before this offset is in `out` (once changed)
  auto replace = [&](std::size_t from, std::size_t to, std::string_view with) {
    if (!changed) {
      out.clear();
      out.reserve(text.size());
      changed = true;
    }
    out.append(text.substr(copied, from - copied));
    out.append(with);
    copied = to;
  };
  for (std::size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size() && !may_need_layout(text.data() + i)) {
      i += 8;
      continue;
    }
    // A candidate among these eight bytes (or the tail): look at them one at a time.
    for (std::size_t stop = std::min(text.size(), i + 8); i < stop;) {
      if (!kLayoutBytes[static_cast<unsigned char>(text[i])]) {
        ++i;
      } else if (text[i] == '-') {
        i = join_hyphenated(text, i, replace);
      } else {
        std::size_t length = 1;
        const char* with = layout_replacement(text, i, length);
        if (with != nullptr) replace(i, i + length, with);
        i += length;
      }
    }
  }
  if (changed) out.append(text.substr(copied));
  return changed;
}

std::string cp1252_to_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else if (b < 0xA0) {
      append_utf8(out, kCp1252High[b - 0x80]);
    } else {
      append_utf8(out, b);
    }
  }
  return out;
}

std::string find_date(std::string_view text, std::size_t* at, std::size_t* end) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_digit(text[i])) continue;
    if (i > 0 && (is_digit(text[i - 1]) || is_ascii_alpha(text[i - 1]))) continue;
    std::size_t stop = i;
    std::string date = numeric_date_at(text, i, stop);
    if (!date.empty()) {
      if (at != nullptr) *at = i;
      if (end != nullptr) *end = stop;
      return date;
    }
    while (i + 1 < text.size() && is_digit(text[i + 1])) ++i;
  }
  return {};
}

bool is_case_number(std::string_view token) noexcept {
  while (!token.empty() && std::strchr(".,;:)]", token.back()) != nullptr) token.remove_suffix(1);
  std::size_t i = 0;
  auto digits = [&](std::size_t lo, std::size_t hi) {
    std::size_t n = 0;
    while (i < token.size() && is_digit(token[i])) ++i, ++n;
    return n >= lo && n <= hi;
  };
  auto accept = [&](char c) {
    if (i < token.size() && token[i] == c) return ++i, true;
    return false;
  };
  if (token.empty()) return false;
  if (is_ascii_alpha(token[0])) {  // EMN-2025-009242
    std::size_t letters = 0;
    while (i < token.size() && is_ascii_alpha(token[i])) ++i, ++letters;
    return letters >= 2 && letters <= 6 && accept('-') && digits(2, 4) && accept('-') &&
           digits(2, 8) && i == token.size();
  }
  if (!digits(1, 4)) return false;
  if (accept('/')) return digits(2, 7) && i == token.size();  // 22/6043
  if (i == 4 && (token[0] == '1' || token[0] == '2') && accept('-')) {  // 2019-0081234
    return digits(5, 8) && i == token.size();
  }
  i = 0;                                                       // KLE 00.01.00[-A00[-1-22]]
  if (!(digits(2, 2) && accept('.') && digits(2, 2) && accept('.') && digits(2, 2))) return false;
  if (i == token.size()) return true;
  if (!accept('-') || i >= token.size() || !is_ascii_alpha(token[i])) return false;
  ++i;
  if (!digits(2, 2)) return false;
  if (i == token.size()) return true;
  return accept('-') && digits(1, 6) && accept('-') && digits(2, 2) && i == token.size();
}

}  // namespace search::minutes
