#include "text.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <unordered_set>

#include "phrases.h"

namespace gen {
namespace {

// Endings, longest first so that the first match is the longest.
constexpr std::string_view kEndings[] = {
    "ingerne", "elserne", "ingen", "elsen", "heden", "inger", "elser", "erne", "ende", "ene",
    "ede",     "ing",     "else",  "hed",   "ige",   "iske",  "isk",   "ig",   "et",   "en",
    "er",      "es",      "te",    "e"};
constexpr int kEndingCount = static_cast<int>(std::size(kEndings));
// Classes: 0 = any, 1..kEndingCount = an ending, kEndingCount + 1 = no listed ending.
constexpr int kClassCount = kEndingCount + 2;
// A class with fewer words than this draws from the whole vocabulary instead.
constexpr std::size_t kMinClassSize = 8;
// Zipf-Mandelbrot offset: flattens the very top so that no single word dominates.
constexpr std::uint64_t kZipfOffset = 3;

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

const std::unordered_set<std::string_view>& function_word_set() {
  static const std::unordered_set<std::string_view> set(function_words().begin(), function_words().end());
  return set;
}

// Number of code points in valid UTF-8.
std::size_t char_count(std::string_view word) {
  std::size_t n = 0;
  for (unsigned char c : word) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_lower_letter_start(std::string_view word) {
  const auto c0 = static_cast<unsigned char>(word[0]);
  if (c0 >= 'a' && c0 <= 'z') return true;
  // Latin-1 lower-case letters are U+00DF..U+00FF except U+00F7 (division sign).
  return c0 == 0xC3 && word.size() > 1 && static_cast<unsigned char>(word[1]) >= 0xA0 &&
         static_cast<unsigned char>(word[1]) != 0xB7;
}

// Word-list entries worth drawing: lower-case letters, inner hyphens, 2..30 bytes.
bool usable_list_word(std::string_view word) {
  if (word.size() < 4 || word.size() > 30 || !is_lower_letter_start(word)) return false;
  if (word.back() == '-' || !is_valid_utf8(word)) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c >= 0x80) {
      if (c == 0xC3 && i + 1 < word.size() && static_cast<unsigned char>(word[i + 1]) >= 0xA0) {
        ++i;
        continue;
      }
      return false;
    }
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return true;
}

std::vector<std::string> read_word_list(const std::string& path) {
  std::vector<std::string> words;
  std::ifstream in(path);
  if (!in) return words;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (usable_list_word(line) && !is_function_word(line)) words.push_back(line);
  }
  // Shorter words rank first (as in real text), mixed by a hash so that neither the list's
  // order nor its alphabet leaks into the ranking.
  std::vector<std::pair<std::uint64_t, std::string>> keyed;
  keyed.reserve(words.size());
  for (auto& word : words) {
    const std::uint64_t hash = fnv1a(word);
    const std::uint64_t key = ((char_count(word) + hash % 7) << 56) | (hash >> 8);
    keyed.emplace_back(key, std::move(word));
  }
  std::sort(keyed.begin(), keyed.end());
  words.clear();
  for (auto& entry : keyed) words.push_back(std::move(entry.second));
  return words;
}

Marker marker_from_name(std::string_view name, std::string_view context) {
  static constexpr std::pair<std::string_view, Marker> kNames[] = {
      {"KOMMUNE", Marker::kKommune}, {"KOMMUNES", Marker::kKommunes}, {"BY", Marker::kBy},
      {"DATO", Marker::kDato},       {"UGEDAG", Marker::kUgedag},     {"UDVALG", Marker::kUdvalg},
      {"UDVALGS", Marker::kUdvalgs}, {"ANTAL", Marker::kAntal},       {"STED", Marker::kSted},
      {"VEJ", Marker::kVej},         {"PCT", Marker::kPct},           {"ÅR", Marker::kAar},
      {"ÅR2", Marker::kAar2},        {"MÅNED", Marker::kMaaned},      {"LOV", Marker::kLov},
      {"PAR", Marker::kPar},         {"PAR2", Marker::kPar2},         {"BELØB", Marker::kBeloeb},
      {"NAVN", Marker::kNavn},       {"MEDLEM", Marker::kMedlem},     {"OMRÅDE", Marker::kOmraade}};
  for (const auto& [text, marker] : kNames) {
    if (text == name) return marker;
  }
  throw std::invalid_argument("unknown marker {" + std::string(name) + "} in template \"" +
                              std::string(context) + "\"");
}

bool has_upper_after_first(std::string_view word) {
  for (std::size_t i = 1; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c >= 'A' && c <= 'Z') return true;
    if (c == 0xC3 && i + 1 < word.size() && static_cast<unsigned char>(word[i + 1]) < 0xA0 && i > 0) return true;
  }
  return false;
}

bool is_upper_start(std::string_view word) {
  const auto c0 = static_cast<unsigned char>(word[0]);
  return (c0 >= 'A' && c0 <= 'Z') ||
         (c0 == 0xC3 && word.size() > 1 && static_cast<unsigned char>(word[1]) < 0xA0);
}

void push_fixed(Template& out, std::string_view text, bool space_before) {
  Token token;
  token.kind = Token::Kind::kFixed;
  token.space_before = space_before;
  token.text = std::string(text);
  out.tokens.push_back(std::move(token));
}

// One space-separated piece of a template: a word or marker plus trailing punctuation.
// A piece holding markers, "{ÅR}-{ÅR2}" or "{DATO}:": markers and literal text, glued.
void parse_marker_piece(std::string_view piece, std::string_view context, Template& out) {
  bool space = true;
  while (!piece.empty()) {
    const std::size_t open = piece.find('{');
    if (open != 0) {
      push_fixed(out, piece.substr(0, open), space);
      piece.remove_prefix(std::min(open, piece.size()));
    } else {
      const std::size_t close = piece.find('}');
      if (close == std::string_view::npos) {
        throw std::invalid_argument("unclosed marker in template \"" + std::string(context) + "\"");
      }
      Token token;
      token.kind = Token::Kind::kMarker;
      token.space_before = space;
      token.marker = marker_from_name(piece.substr(1, close - 1), context);
      out.tokens.push_back(std::move(token));
      piece.remove_prefix(close + 1);
    }
    space = false;
  }
}

void parse_piece(std::string_view piece, bool first, std::string_view context, Template& out) {
  if (piece.find('{') != std::string_view::npos) return parse_marker_piece(piece, context, out);
  if (is_function_word(to_lower(piece))) return push_fixed(out, piece, true);
  std::size_t end = piece.size();
  while (end > 0 && std::string_view(".,:;!?").find(piece[end - 1]) != std::string_view::npos) --end;
  std::string_view core = piece.substr(0, end);
  const std::string_view trailing = piece.substr(end);
  if (!core.empty() && is_function_word(to_lower(piece.substr(0, end + (trailing.empty() ? 0 : 1))))) {
    // An abbreviation ("mv.") followed by more punctuation.
    core = piece.substr(0, end + 1);
    push_fixed(out, core, true);
    if (end + 1 < piece.size()) push_fixed(out, piece.substr(end + 1), false);
    return;
  }
  if (core.empty()) return push_fixed(out, piece, true);
  if (core.front() == '=') {
    push_fixed(out, core.substr(1), true);
  } else {
    const std::string lower = to_lower(core);
    const bool fixed = is_function_word(lower) || core.find_first_of("0123456789§/") != std::string_view::npos ||
                       core.back() == '-' || has_upper_after_first(core) || (!first && is_upper_start(core)) ||
                       !is_lower_letter_start(lower);
    if (fixed) {
      push_fixed(out, core, true);
    } else {
      Token token;
      token.kind = Token::Kind::kSlot;
      token.capitalize = is_upper_start(core);
      token.word_class = static_cast<std::uint8_t>(word_class(lower));
      token.text = lower;
      out.tokens.push_back(std::move(token));
    }
  }
  if (!trailing.empty()) push_fixed(out, trailing, false);
}

}  // namespace

int word_class(std::string_view word) {
  for (int i = 0; i < kEndingCount; ++i) {
    const std::string_view ending = kEndings[i];
    if (word.size() > ending.size() + 1 && word.ends_with(ending)) return i + 1;
  }
  return kEndingCount + 1;
}

int word_class_count() { return kClassCount; }

bool is_function_word(std::string_view lower_word) { return function_word_set().count(lower_word) > 0; }

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& c = reinterpret_cast<unsigned char&>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<unsigned char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      auto& next = reinterpret_cast<unsigned char&>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) next = static_cast<unsigned char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

void append_capitalized(std::string& out, std::string_view word) {
  const std::size_t at = out.size();
  out += word;
  if (word.empty()) return;
  auto& c = reinterpret_cast<unsigned char&>(out[at]);
  if (c >= 'a' && c <= 'z') {
    c = static_cast<unsigned char>(c - 32);
  } else if (c == 0xC3 && word.size() > 1) {
    auto& next = reinterpret_cast<unsigned char&>(out[at + 1]);
    if (next >= 0xA0 && next <= 0xBE && next != 0xB7) next = static_cast<unsigned char>(next - 0x20);
  }
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > text.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr std::uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

Vocabulary Vocabulary::build(const std::string& word_list_path, std::string& description) {
  std::vector<std::string> core;
  std::vector<std::string> tail;
  std::unordered_set<std::string> seen;
  // Words that would read as structure when they open a line ("Beslutning ...", "5. maj").
  static constexpr std::string_view kStructureWords[] = {
      "sagsgang", "sagsfremstilling", "indstilling", "beslutning", "beslutninger", "bilag", "afbud",
      "fraværende", "lovgrundlag", "punkt", "resume", "sagsnummer", "referat", "januar", "februar", "marts",
      "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december", "mandag",
      "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"};
  for (std::string_view word : kStructureWords) seen.insert(std::string(word));
  auto add = [&](std::vector<std::string>& to, std::string_view word) {
    std::string lower = to_lower(word);
    // Skips function words and the pieces of abbreviations ("mio", "kr", "bl" of "bl.a.").
    if (lower.size() < 3 || lower.size() > 60 || is_function_word(lower) || is_function_word(lower + ".") ||
        !seen.insert(lower).second) {
      return;
    }
    to.push_back(std::move(lower));
  };
  for (const SeedWord& seed : seed_words()) add(core, seed.word);
  for (std::string_view word : domain_words()) add(core, word);
  if (!word_list_path.empty()) {
    for (const std::string& word : read_word_list(word_list_path)) add(tail, word);
  }

  if (tail.empty()) {
    description = "built-in seed and domain words only (" + std::to_string(core.size()) + " words; " +
                  (word_list_path.empty() ? std::string("no word list requested")
                                          : "word list " + word_list_path + " not readable or empty") +
                  ")";
  } else {
    description = std::to_string(core.size()) + " built-in seed and domain words and " +
                  std::to_string(tail.size()) + " words of " + word_list_path;
  }

  Vocabulary vocabulary;
  auto store = [&](const std::vector<std::string>& words) {
    std::vector<WordRef> refs;
    refs.reserve(words.size());
    for (const std::string& word : words) {
      refs.push_back({static_cast<std::uint32_t>(vocabulary.arena_.size()), static_cast<std::uint32_t>(word.size())});
      vocabulary.arena_ += word;
    }
    return refs;
  };
  const std::vector<WordRef> core_refs = store(core);
  const std::vector<WordRef> tail_refs = store(tail);
  vocabulary.core_ = vocabulary.class_tables(core_refs);
  if (!tail_refs.empty()) vocabulary.tail_ = vocabulary.class_tables(tail_refs);
  return vocabulary;
}

std::vector<Vocabulary::ClassTable> Vocabulary::class_tables(const std::vector<WordRef>& ranked) const {
  std::vector<std::vector<WordRef>> members(kClassCount);
  members[kAnyClass] = ranked;
  for (const WordRef& ref : ranked) {
    members[static_cast<std::size_t>(word_class({arena_.data() + ref.offset, ref.length}))].push_back(ref);
  }
  std::vector<ClassTable> tables(kClassCount);
  for (std::size_t c = 0; c < members.size(); ++c) {
    const auto& words = members[c].size() >= kMinClassSize ? members[c] : members[kAnyClass];
    std::vector<std::uint64_t> weights(words.size());
    for (std::size_t rank = 0; rank < words.size(); ++rank) weights[rank] = (1ull << 40) / (rank + kZipfOffset);
    const AliasTable alias(weights);
    tables[c].resize(words.size());
    for (std::uint32_t i = 0; i < words.size(); ++i) {
      const WordRef self = words[i];
      const WordRef other = words[alias.alias(i)];
      tables[c][i] = {alias.threshold(i), self.offset, other.offset, static_cast<std::uint8_t>(self.length),
                      static_cast<std::uint8_t>(other.length)};
    }
  }
  return tables;
}

std::vector<Template> parse_templates(std::span<const std::string_view> texts, bool keep_first_word) {
  std::vector<Template> templates;
  templates.reserve(texts.size());
  for (std::string_view text : texts) {
    Template parsed;
    std::size_t pos = 0;
    bool first = true;
    while (pos < text.size()) {
      std::size_t end = text.find(' ', pos);
      if (end == std::string_view::npos) end = text.size();
      if (end > pos) {
        const std::string_view piece = text.substr(pos, end - pos);
        if (first && keep_first_word && piece.find('{') == std::string_view::npos) {
          push_fixed(parsed, piece, true);
        } else {
          parse_piece(piece, first, text, parsed);
        }
        first = false;
      }
      pos = end + 1;
    }
    templates.push_back(std::move(parsed));
  }
  return templates;
}

}  // namespace gen
