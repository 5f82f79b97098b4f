#include "analysis/unicode.h"

#include <algorithm>
#include <array>

namespace search::analysis {
namespace {

bool in(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

// Ranges of punctuation and symbols outside ASCII; everything else above U+00BF that is
// not a mark or ignorable counts as a letter (the tokenizer only needs word boundaries).
bool is_non_ascii_other(char32_t cp) {
  if (cp == 0x2126 || cp == 0x212A || cp == 0x212B) return false;  // Ω K Å signs: letters
  if (cp < 0xC0) return cp != 0xAA && cp != 0xB5 && cp != 0xBA;    // ª µ º are letters
  if (cp == 0xD7 || cp == 0xF7) return true;                       // × ÷
  if (cp == 0x37E || cp == 0x387 || cp == 0x482) return true;      // Greek ; · Cyrillic ҂
  if (in(cp, 0x55A, 0x55F) || cp == 0x589 || in(cp, 0x5BE, 0x5C6)) return true;
  if (in(cp, 0x600, 0x61F) || in(cp, 0x66A, 0x66D) || cp == 0x6D4) return true;
  if (in(cp, 0x2000, 0x2BFF) || in(cp, 0x2E00, 0x2E7F) || in(cp, 0x3000, 0x303F)) return true;
  if (in(cp, 0xE000, 0xF8FF) || in(cp, 0xFE10, 0xFE1F) || in(cp, 0xFE30, 0xFE6F)) return true;
  if (in(cp, 0xFF00, 0xFF0F) || in(cp, 0xFF1A, 0xFF20) || in(cp, 0xFF3B, 0xFF40) ||
      in(cp, 0xFF5B, 0xFF65) || in(cp, 0xFFE0, 0xFFFF))
    return true;
  if (in(cp, 0x1F000, 0x1FAFF) || in(cp, 0xF0000, 0x10FFFF)) return true;
  return false;
}

bool is_mark(char32_t cp) {
  return in(cp, 0x300, 0x36F) || in(cp, 0x483, 0x489) || in(cp, 0x591, 0x5BD) ||
         in(cp, 0x64B, 0x65F) || in(cp, 0x1AB0, 0x1AFF) || in(cp, 0x1DC0, 0x1DFF) ||
         in(cp, 0x20D0, 0x20FF) || in(cp, 0xFE20, 0xFE2F);
}

bool is_ignorable(char32_t cp) {
  return cp == 0xAD || in(cp, 0x200B, 0x200D) || cp == 0x2060 || cp == 0xFEFF ||
         in(cp, 0xFE00, 0xFE0F) || in(cp, 0xE0000, 0xE007F);
}

// Upper-case letters at even code points in [lo, hi] with their lower case at +1.
bool even_pair(char32_t cp, char32_t lo, char32_t hi) { return in(cp, lo, hi) && cp % 2 == 0; }
bool odd_pair(char32_t cp, char32_t lo, char32_t hi) { return in(cp, lo, hi) && cp % 2 == 1; }

struct Composition {
  char32_t base;
  char32_t mark;
  char32_t composed;
};

// Lower-case canonical compositions of Latin letters (UnicodeData.txt decompositions).
constexpr Composition kCompositions[] = {
    {'a', 0x300, 0xE0},  {'e', 0x300, 0xE8},   {'i', 0x300, 0xEC},   {'o', 0x300, 0xF2},
    {'u', 0x300, 0xF9},  {'a', 0x301, 0xE1},   {'e', 0x301, 0xE9},   {'i', 0x301, 0xED},
    {'o', 0x301, 0xF3},  {'u', 0x301, 0xFA},   {'y', 0x301, 0xFD},   {'c', 0x301, 0x107},
    {'l', 0x301, 0x13A}, {'n', 0x301, 0x144},  {'r', 0x301, 0x155},  {'s', 0x301, 0x15B},
    {'z', 0x301, 0x17A}, {0xE5, 0x301, 0x1FB}, {0xE6, 0x301, 0x1FD}, {0xF8, 0x301, 0x1FF},
    {'a', 0x302, 0xE2},  {'e', 0x302, 0xEA},   {'i', 0x302, 0xEE},   {'o', 0x302, 0xF4},
    {'u', 0x302, 0xFB},  {'c', 0x302, 0x109},  {'g', 0x302, 0x11D},  {'h', 0x302, 0x125},
    {'j', 0x302, 0x135}, {'s', 0x302, 0x15D},  {'w', 0x302, 0x175},  {'y', 0x302, 0x177},
    {'a', 0x303, 0xE3},  {'n', 0x303, 0xF1},   {'o', 0x303, 0xF5},   {'i', 0x303, 0x129},
    {'u', 0x303, 0x169}, {'a', 0x304, 0x101},  {'e', 0x304, 0x113},  {'i', 0x304, 0x12B},
    {'o', 0x304, 0x14D}, {'u', 0x304, 0x16B},  {'a', 0x306, 0x103},  {'e', 0x306, 0x115},
    {'g', 0x306, 0x11F}, {'i', 0x306, 0x12D},  {'o', 0x306, 0x14F},  {'u', 0x306, 0x16D},
    {'c', 0x307, 0x10B}, {'e', 0x307, 0x117},  {'g', 0x307, 0x121},  {'z', 0x307, 0x17C},
    {'a', 0x308, 0xE4},  {'e', 0x308, 0xEB},   {'i', 0x308, 0xEF},   {'o', 0x308, 0xF6},
    {'u', 0x308, 0xFC},  {'y', 0x308, 0xFF},   {'a', 0x30A, 0xE5},   {'u', 0x30A, 0x16F},
    {'o', 0x30B, 0x151}, {'u', 0x30B, 0x171},  {'c', 0x30C, 0x10D},  {'d', 0x30C, 0x10F},
    {'e', 0x30C, 0x11B}, {'n', 0x30C, 0x148},  {'r', 0x30C, 0x159},  {'s', 0x30C, 0x161},
    {'t', 0x30C, 0x165}, {'z', 0x30C, 0x17E},  {'c', 0x327, 0xE7},   {'g', 0x327, 0x123},
    {'k', 0x327, 0x137}, {'l', 0x327, 0x13C},  {'n', 0x327, 0x146},  {'r', 0x327, 0x157},
    {'s', 0x327, 0x15F}, {'t', 0x327, 0x163},  {'a', 0x328, 0x105},  {'e', 0x328, 0x119},
    {'i', 0x328, 0x12F}, {'u', 0x328, 0x173},
};

}  // namespace

CharClass char_class(char32_t cp) {
  if (cp < 0x80) {
    if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return CharClass::kLetter;
    if (cp >= '0' && cp <= '9') return CharClass::kDigit;
    return CharClass::kOther;
  }
  if (is_ignorable(cp)) return CharClass::kIgnorable;
  if (is_mark(cp)) return CharClass::kMark;
  if (is_non_ascii_other(cp)) return CharClass::kOther;
  return CharClass::kLetter;
}

char32_t to_lower(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (in(cp, 0xC0, 0xDE)) return cp == 0xD7 ? cp : cp + 32;
  if (cp < 0x100) return cp;
  if (cp == 0x130) return 'i';  // İ: the dotted i of Turkish
  if (even_pair(cp, 0x100, 0x137) || odd_pair(cp, 0x139, 0x148) || even_pair(cp, 0x14A, 0x177) ||
      odd_pair(cp, 0x179, 0x17E))
    return cp + 1;
  if (cp == 0x178) return 0xFF;  // Ÿ
  if (odd_pair(cp, 0x1CD, 0x1DC) || even_pair(cp, 0x1DE, 0x1EF) || even_pair(cp, 0x1F8, 0x21F) ||
      even_pair(cp, 0x222, 0x233) || even_pair(cp, 0x1E00, 0x1E95) || even_pair(cp, 0x1EA0, 0x1EFF))
    return cp + 1;
  if (in(cp, 0x391, 0x3AB) && cp != 0x3A2) return cp + 32;
  if (cp == 0x386) return 0x3AC;
  if (in(cp, 0x388, 0x38A)) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (in(cp, 0x38E, 0x38F)) return cp + 63;
  if (in(cp, 0x410, 0x42F)) return cp + 32;
  if (in(cp, 0x400, 0x40F)) return cp + 80;
  if (even_pair(cp, 0x460, 0x481) || even_pair(cp, 0x48A, 0x4BF) || even_pair(cp, 0x4D0, 0x52F))
    return cp + 1;
  if (in(cp, 0x531, 0x556)) return cp + 48;
  if (in(cp, 0xFF21, 0xFF3A)) return cp + 32;
  if (cp == 0x212B) return 0xE5;   // Angstrom sign: NFC maps it to Å
  if (cp == 0x212A) return 'k';    // Kelvin sign: NFC maps it to K
  if (cp == 0x2126) return 0x3C9;  // Ohm sign: NFC maps it to Ω
  return cp;
}

char32_t compose(char32_t base, char32_t mark) {
  for (const auto& c : kCompositions) {
    if (c.base == base && c.mark == mark) return c.composed;
  }
  return 0;
}

const char* expand_ligature(char32_t cp) {
  static constexpr std::array<const char*, 7> kLigatures{"ff",  "fi", "fl", "ffi",
                                                         "ffl", "st", "st"};
  return in(cp, 0xFB00, 0xFB06) ? kLigatures[cp - 0xFB00] : nullptr;
}

std::string normalize_word(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  char32_t last = 0;
  std::size_t last_at = 0;
  for (std::size_t i = 0; i < word.size();) {
    std::size_t len = 0;
    char32_t cp = decode_utf8(word, i, len);
    i += len;
    if (char_class(cp) == CharClass::kMark && last != 0) {
      if (const char32_t c = compose(last, cp); c != 0) {
        out.resize(last_at);
        append_utf8(out, c);
        last = c;
        continue;
      }
    }
    if (const char* lig = expand_ligature(cp)) {
      out += lig;
      last = 0;
      continue;
    }
    cp = to_lower(cp);
    last_at = out.size();
    last = cp;
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace search::analysis
