#include "ocr.h"

#include <cstdint>

namespace gen {
namespace {

struct Confusion {
  std::string_view text;
  std::uint32_t weight;
};

// Weights read off the seed: most æ/ø/å are lost, in these proportions.
constexpr Confusion kAe[] = {{"ze", 15}, {"z", 10}, {"ee", 15}, {"e", 25}, {"a", 22},
                             {"ae", 5},  {"@", 2},  {"", 2},    {"æ", 6}};
constexpr Confusion kOe[] = {{"o", 55}, {"e", 28}, {"a", 4}, {"eo", 3}, {"ø", 10}};
constexpr Confusion kAa[] = {{"a", 62}, {"i", 8}, {"é", 6}, {"d", 10}, {"&", 2}, {"å", 12}};
constexpr Confusion kAeUpper[] = {{"AE", 30}, {"E", 30}, {"A", 25}, {"Æ", 15}};
constexpr Confusion kOeUpper[] = {{"O", 80}, {"Ø", 20}};
constexpr Confusion kAaUpper[] = {{"A", 80}, {"Å", 20}};

template <std::size_t N>
std::string_view pick(const Confusion (&table)[N], Rng& rng) {
  std::uint32_t total = 0;
  for (const auto& c : table) total += c.weight;
  std::uint32_t r = rng.below(total);
  for (const auto& c : table) {
    if (r < c.weight) return c.text;
    r -= c.weight;
  }
  return table[0].text;
}

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

}  // namespace

void append_ocr_damaged(std::string_view text, std::string& out, Rng& rng) {
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // Stray quotes before running text, as in the seed ("“der tydeliggor", "\" indeholde").
    if (line_start && c >= 'a' && c <= 'z' && rng.chance(4)) out += rng.chance(500) ? "\" " : "“";
    line_start = c == '\n';
    if (c == '\xC3' && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      std::string_view replacement;
      switch (next) {
        case 0xA6: replacement = pick(kAe, rng); break;
        case 0xB8: replacement = pick(kOe, rng); break;
        case 0xA5:
          // "På" at a word start: the seed's "P&".
          replacement = (i > 0 && text[i - 1] == 'P' && rng.chance(300)) ? "&" : pick(kAa, rng);
          break;
        case 0x86: replacement = pick(kAeUpper, rng); break;
        case 0x98: replacement = pick(kOeUpper, rng); break;
        case 0x85: replacement = pick(kAaUpper, rng); break;
        default: replacement = text.substr(i, 2); break;
      }
      out += replacement;
      ++i;
      continue;
    }
    const bool word_start = i == 0 || !is_word_byte(text[i - 1]);
    const bool word_end = i + 1 == text.size() || !is_word_byte(text[i + 1]);
    if (c == 'i' && word_start && word_end && rng.chance(150)) {
      out += '1';  // "tiltag 1 forlængelse"
    } else if (c == '1' && (i == 0 || text[i - 1] == '\n') && i + 1 < text.size() &&
               (text[i + 1] == ' ' || text[i + 1] == '-') && rng.chance(400)) {
      out += 'l';  // an attachment numbered "l- Aben Tids- og handleplan"
    } else if (c == 'f' && i + 1 < text.size() && text[i + 1] == 'h' && rng.chance(250)) {
      out += rng.chance(500) ? "ft" : "t";  // "aftholdes", "atholdt"
    } else if (c == 'r' && i + 1 < text.size() && text[i + 1] == 'n' && rng.chance(20)) {
      out += 'm';  // "rn" read as "m"
      ++i;
    } else if (c == 'l' && !word_start && rng.chance(3)) {
      out += '1';  // "Hovedudva1get"
    } else {
      out += c;
    }
  }
}

}  // namespace gen
