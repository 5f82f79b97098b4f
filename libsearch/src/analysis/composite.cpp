#include "analysis/composite.h"

#include <array>
#include <cstdint>

#include "analysis/unicode.h"

namespace search::analysis {
namespace {

constexpr std::size_t kMaxSpaces = 8;

// A cursor over ASCII patterns in UTF-8 text.
struct Cursor {
  std::string_view s;
  std::size_t i;

  bool at_end() const { return i >= s.size(); }
  char peek() const { return at_end() ? '\0' : s[i]; }
  bool digit() const { return peek() >= '0' && peek() <= '9'; }
  bool ch(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  std::size_t digits(std::string* out = nullptr) {
    std::size_t n = 0;
    for (; digit(); ++i, ++n) {
      if (out) out->push_back(s[i]);
    }
    return n;
  }
  std::size_t spaces() {
    std::size_t n = 0;
    while (n < kMaxSpaces) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i;
      } else if (s.substr(i, 2) == "\xC2\xA0") {  // no-break space
        i += 2;
      } else {
        break;
      }
      ++n;
    }
    return n;
  }
  std::size_t letters(std::string* out = nullptr) {
    std::size_t n = 0;
    for (; (peek() | 0x20) >= 'a' && (peek() | 0x20) <= 'z'; ++i, ++n) {
      if (out) out->push_back(static_cast<char>(peek() | 0x20));
    }
    return n;
  }
  // True if no letter or digit follows (the composite ends at a word boundary).
  bool boundary() const {
    if (at_end()) return true;
    std::size_t len = 0;
    const CharClass c = char_class(decode_utf8(s, i, len));
    return c != CharClass::kLetter && c != CharClass::kDigit && c != CharClass::kMark;
  }
  // Consumes `word` (lower-case ASCII) case-insensitively if a non-letter follows it.
  bool word_ci(std::string_view word) {
    if (s.size() - std::min(i, s.size()) < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
      if ((s[i + k] | 0x20) != word[k]) return false;
    }
    Cursor after{s, i + word.size()};
    if (!after.boundary()) return false;
    i += word.size();
    return true;
  }
};

int to_int(std::string_view digits) {
  int v = 0;
  for (const char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool valid_day_month(int day, int month) {
  static constexpr std::array<int, 13> kDays{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month >= 1 && month <= 12 && day >= 1 && day <= kDays[static_cast<std::size_t>(month)];
}

std::string iso_date(int year, int month, int day) {
  std::array<char, 16> buf{};
  buf[0] = static_cast<char>('0' + year / 1000 % 10);
  buf[1] = static_cast<char>('0' + year / 100 % 10);
  buf[2] = static_cast<char>('0' + year / 10 % 10);
  buf[3] = static_cast<char>('0' + year % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + month / 10);
  buf[6] = static_cast<char>('0' + month % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + day / 10);
  buf[9] = static_cast<char>('0' + day % 10);
  return std::string(buf.data(), 10);
}

// Full Danish month names and their three-letter abbreviations.
int month_name(Cursor& c) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "januar", "februar", "marts",     "april",   "maj",      "juni",
      "juli",   "august",  "september", "oktober", "november", "december"};
  if (std::string_view("jfmasond").find(static_cast<char>(c.peek() | 0x20)) ==
      std::string_view::npos)
    return 0;  // most numbers are followed by no month: skip the 24 comparisons
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (c.word_ci(kMonths[m])) return static_cast<int>(m) + 1;
  }
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (kMonths[m].size() > 3 && c.word_ci(kMonths[m].substr(0, 3))) {
      c.ch('.');
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

bool match_numeric_date(std::string_view text, std::size_t at, Composite& out) {
  Cursor c{text, at};
  std::string a, b, y;
  const std::size_t na = c.digits(&a);
  const char sep = c.peek();
  if (sep != '-' && sep != '.' && sep != '/') return false;
  ++c.i;
  const std::size_t nb = c.digits(&b);
  if (!c.ch(sep)) return false;
  const std::size_t ny = c.digits(&y);
  if (!c.boundary()) return false;
  int year = 0, month = 0, day = 0;
  if (na == 4 && sep == '-' && nb == 2 && ny == 2) {  // ISO 2022-05-24
    year = to_int(a), month = to_int(b), day = to_int(y);
  } else if (na >= 1 && na <= 2 && nb >= 1 && nb <= 2 && (ny == 4 || ny == 2)) {
    day = to_int(a), month = to_int(b), year = to_int(y);
    if (ny == 2) year += year < 70 ? 2000 : 1900;
  } else {
    return false;
  }
  if (!valid_day_month(day, month)) return false;
  out = {iso_date(year, month, day), c.i, TokenKind::kDate};
  return true;
}

bool match_written_date(std::string_view text, std::size_t at, Composite& out) {
  Cursor c{text, at};
  std::string d, y;
  const std::size_t nd = c.digits(&d);
  if (nd < 1 || nd > 2) return false;
  const bool dot = c.ch('.');
  if (c.spaces() == 0 && !dot) return false;
  const int month = month_name(c);
  if (month == 0 || c.spaces() == 0 || c.digits(&y) != 4 || !c.boundary()) return false;
  if (!valid_day_month(to_int(d), month)) return false;
  out = {iso_date(to_int(y), month, to_int(d)), c.i, TokenKind::kDate};
  return true;
}

bool match_case_number(std::string_view text, std::size_t at, Composite& out) {
  Cursor c{text, at};
  std::string s;
  if (c.digit()) {  // 22/6043
    const std::size_t n1 = c.digits(&s);
    if (n1 < 2 || n1 > 6 || !c.ch('/')) return false;
    s.push_back('/');
    const std::size_t n2 = c.digits(&s);
    if (n2 < 2 || n2 > 8 || !c.boundary()) return false;
    out = {s, c.i, TokenKind::kCaseNumber};
    return true;
  }
  const std::size_t nl = c.letters(&s);  // EMN-2025-009242
  if (nl < 2 || nl > 6) return false;
  std::size_t groups = 0;
  while (c.peek() == '-' && c.i + 1 < text.size() && text[c.i + 1] >= '0' && text[c.i + 1] <= '9') {
    ++c.i;
    s.push_back('-');
    if (c.digits(&s) > 12) return false;
    ++groups;
  }
  if (groups < 2 || !c.boundary()) return false;
  out = {s, c.i, TokenKind::kCaseNumber};
  return true;
}

// Reads a Danish number ("1.234,5"; a '.' group not of three digits is a decimal point)
// into integer and fraction digits.
bool read_number(Cursor& c, std::string& whole, std::string& fraction) {
  if (c.digits(&whole) == 0) return false;
  while ((c.peek() == '.' || c.peek() == ',') && c.i + 1 < c.s.size() && c.s[c.i + 1] >= '0' &&
         c.s[c.i + 1] <= '9') {
    const char sep = c.s[c.i++];
    std::string group;
    const std::size_t n = c.digits(&group);
    if (sep == '.' && n == 3 && fraction.empty()) {
      whole += group;
    } else if (fraction.empty()) {
      fraction = group;
    } else {
      return false;
    }
  }
  return true;
}

// "mio.", "mia.", "millioner", "tusind", "t." as a power of ten; 0 if none.
int read_scale(Cursor& c) {
  struct Scale {
    std::string_view word;
    int power;
  };
  static constexpr std::array<Scale, 10> kScales{{{"millioner", 6},
                                                  {"million", 6},
                                                  {"milliarder", 9},
                                                  {"milliard", 9},
                                                  {"mio", 6},
                                                  {"mia", 9},
                                                  {"mill", 6},
                                                  {"tusind", 3},
                                                  {"t", 3},
                                                  {"tus", 3}}};
  const char first = static_cast<char>(c.peek() | 0x20);
  if (first != 'm' && first != 't') return 0;
  for (const auto& s : kScales) {
    Cursor k = c;
    if (k.word_ci(s.word)) {
      k.ch('.');
      c = k;
      return s.power;
    }
  }
  return 0;
}

bool read_currency(Cursor& c) {
  const char first = static_cast<char>(c.peek() | 0x20);
  if (first != 'k' && first != 'd') return false;
  for (std::string_view w : {"kroner", "kr", "dkk"}) {
    if (c.word_ci(w)) {
      c.ch('.');
      return true;
    }
  }
  return false;
}

std::string amount_text(std::string whole, std::string fraction, int power) {
  for (; power > 0; --power) {
    whole.push_back(fraction.empty() ? '0' : fraction.front());
    if (!fraction.empty()) fraction.erase(0, 1);
  }
  const std::size_t nz = whole.find_first_not_of('0');
  whole = nz == std::string::npos ? "0" : whole.substr(nz);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return whole + (fraction.empty() ? "" : "," + fraction) + "kr";
}

bool match_amount(std::string_view text, std::size_t at, Composite& out) {
  Cursor c{text, at};
  std::string whole, fraction;
  if (!c.digit()) {  // kr. 500.000
    if (!read_currency(c)) return false;
    c.spaces();
    if (!read_number(c, whole, fraction) || !c.boundary()) return false;
    Cursor scaled = c;
    scaled.spaces();
    const int power = read_scale(scaled);
    if (power != 0) c = scaled;
    out = {amount_text(whole, fraction, power), c.i, TokenKind::kAmount};
    return true;
  }
  if (!read_number(c, whole, fraction) || !c.boundary()) return false;
  c.spaces();
  int power = read_scale(c);
  c.spaces();
  if (power == 0 && c.word_ci("tkr")) {  // 500 tkr.
    c.ch('.');
    power = 3;
  } else if (!read_currency(c)) {
    return false;
  }
  out = {amount_text(whole, fraction, power), c.i, TokenKind::kAmount};
  return true;
}

void match_paragraph(std::string_view text, std::size_t at, std::vector<Composite>& out) {
  Cursor c{text, at};
  const std::string_view kSection = "\xC2\xA7";  // §
  if (text.substr(c.i, 2) != kSection) return;
  c.i += 2;
  if (text.substr(c.i, 2) == kSection) c.i += 2;  // §§ 17-18
  c.spaces();
  std::string s(kSection);
  if (c.digits(&s) == 0) return;
  if ((c.peek() | 0x20) >= 'a' && (c.peek() | 0x20) <= 'z') {
    Cursor letter{text, c.i + 1};
    if (letter.boundary()) s.push_back(static_cast<char>(c.s[c.i++] | 0x20));  // § 17a
  }
  if (!c.boundary()) return;
  out.push_back({s, c.i, TokenKind::kParagraph});
  c.ch(',');
  c.spaces();
  if (!c.word_ci("stk")) return;
  c.ch('.');
  c.spaces();
  std::string sub;
  if (c.digits(&sub) == 0 || !c.boundary()) return;
  out.push_back({s + "stk" + sub, c.i, TokenKind::kParagraph});
}

// True if no composite can start with the number at `at`: it is followed neither by a
// separator of dates, case numbers and decimals nor, after spaces, by a letter that can
// start a month, a scale ("mio.", "t.") or a currency. Most numbers end here, cheaply.
bool number_stands_alone(std::string_view text, std::size_t at) {
  Cursor c{text, at};
  c.digits();
  const char next = c.peek();
  if (next == '-' || next == '.' || next == '/' || next == ',') return false;
  c.spaces();
  return std::string_view("jfmasondtk").find(static_cast<char>(c.peek() | 0x20)) ==
         std::string_view::npos;
}

}  // namespace

void match_composites(std::string_view text, std::size_t at, std::vector<Composite>& out) {
  const char first = text[at];
  if (first == '\xC2') {
    match_paragraph(text, at, out);
    return;
  }
  Composite c;
  const bool digit = first >= '0' && first <= '9';
  const bool letter = (first | 0x20) >= 'a' && (first | 0x20) <= 'z';
  if (digit && number_stands_alone(text, at)) return;
  if (digit && (match_numeric_date(text, at, c) || match_written_date(text, at, c) ||
                match_case_number(text, at, c) || match_amount(text, at, c))) {
    out.push_back(std::move(c));
  } else if (letter) {
    // Cheap pre-checks: most tokens are words, which must not pay for the full patterns.
    std::size_t j = at;
    while (j < text.size() && j - at <= 6 && (text[j] | 0x20) >= 'a' && (text[j] | 0x20) <= 'z')
      ++j;
    const char lower = static_cast<char>(first | 0x20);
    if ((j < text.size() && text[j] == '-' && match_case_number(text, at, c)) ||
        ((lower == 'k' || lower == 'd') && j - at <= 6 && match_amount(text, at, c))) {
      out.push_back(std::move(c));
    }
  }
}

}  // namespace search::analysis
