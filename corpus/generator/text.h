// Vocabulary and sentence templates of the corpus generator.
//
// The vocabulary ranks words the way real minutes use them: a core of the seed items' own
// words (most frequent first) and the domain words, and a tail from the Danish word list
// (shorter words first, mixed by a hash of the word, so the ranking depends only on the
// list's content, not its order). Words are drawn with a Zipf-Mandelbrot weight 1 / (rank + 3),
// within a class of words sharing an ending ("-ingen", "-et", "-ige", ...), so that a
// template word is replaced by a word of the same inflection and the prose keeps its shape.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rng.h"

namespace gen {

inline constexpr int kAnyClass = 0;
// The ending class of a lower-case word; kAnyClass never results.
int word_class(std::string_view word);
int word_class_count();

bool is_function_word(std::string_view lower_word);
// Lower-cases ASCII and the Latin-1 letters (Æ, Ø, Å, É, ...) of UTF-8 text.
std::string to_lower(std::string_view text);
// Appends `word` with its first letter upper-cased (ASCII or Latin-1 in UTF-8).
void append_capitalized(std::string& out, std::string_view word);
bool is_valid_utf8(std::string_view text);

class Vocabulary {
 public:
  // Builds the vocabulary from the built-in seed and domain words plus the word list at
  // `word_list_path` (one word per line, UTF-8), if it can be read and the path is not
  // empty. `description` receives a one-line account of what was used.
  static Vocabulary build(const std::string& word_list_path, std::string& description);

  // A word of the class (or of any class for kAnyClass), Zipf-distributed: from the core
  // (seed and domain words) with probability kCorePerMille, else from the word list.
  std::string_view draw(Rng& rng, int word_class) const {
    const bool core = tail_.empty() || rng.chance(kCorePerMille);
    const std::vector<Bucket>& table = (core ? core_ : tail_)[static_cast<std::size_t>(word_class)];
    // The alias method (rng.h), with each bucket's two words packed beside its threshold:
    // one cache miss for the bucket, one for the word, on tables of 300,000 words.
    const std::uint64_t r = rng.next();
    const Bucket& bucket = table[((r >> 32) * table.size()) >> 32];
    return static_cast<std::uint32_t>(r) < bucket.threshold
               ? std::string_view(arena_.data() + bucket.self_offset, bucket.self_length)
               : std::string_view(arena_.data() + bucket.alias_offset, bucket.alias_length);
  }
  std::size_t size() const { return core_[kAnyClass].size() + (tail_.empty() ? 0 : tail_[kAnyClass].size()); }

  // Real text takes most content words from a small common vocabulary and the rest from a
  // long tail; the seed and domain words stand for the former, the word list for the latter.
  static constexpr std::uint32_t kCorePerMille = 700;

 private:
  struct WordRef {
    std::uint32_t offset;
    std::uint32_t length;
  };
  struct Bucket {
    std::uint32_t threshold;
    std::uint32_t self_offset;
    std::uint32_t alias_offset;
    std::uint8_t self_length;
    std::uint8_t alias_length;
  };
  using ClassTable = std::vector<Bucket>;
  std::vector<ClassTable> class_tables(const std::vector<WordRef>& ranked) const;

  std::string arena_;
  std::vector<ClassTable> core_;
  std::vector<ClassTable> tail_;  // empty without a word list
};

// Markers that templates write as {NAME}.
enum class Marker : std::uint8_t {
  kKommune,    // "Norddjurs Kommune"
  kKommunes,   // "Norddjurs Kommunes"
  kBy,         // "Norddjurs"
  kDato,       // "24. maj 2022"
  kUgedag,     // "tirsdag den 8. november 2022"
  kUdvalg,     // a committee's name
  kUdvalgs,    // a committee's genitive
  kAntal,      // a count
  kSted,       // a town
  kVej,        // a street
  kPct,        // "12 pct.", "3,5 %"
  kAar,        // a year near the meeting's
  kAar2,       // the year after the last {ÅR}
  kMaaned,     // a month name
  kLov,        // a law
  kPar,        // "§ 17, stk. 4"
  kPar2,       // "§ 12"
  kBeloeb,     // "4,5 mio. kr."
  kNavn,       // a person's name
  kMedlem,     // a member's name with party, "Jytte Schmidt (F)"
  kOmraade,    // an area of the municipality's work, "ældreområdet"
};

struct Token {
  enum class Kind : std::uint8_t { kFixed, kSlot, kMarker };
  Kind kind = Kind::kFixed;
  bool space_before = true;
  bool capitalize = false;      // slots only: the word opens the sentence
  std::uint8_t word_class = 0;  // slots only
  Marker marker = Marker::kKommune;
  std::string text;             // fixed text, or the template's own word for a slot
};

struct Template {
  std::vector<Token> tokens;
};

// Parses templates (see phrases.h for the syntax); `keep_first_word` fixes each template's
// first word (titles: "Status", "Budget", "Høring" name the kind of item). Throws
// std::invalid_argument naming the template on an unknown marker.
std::vector<Template> parse_templates(std::span<const std::string_view> texts, bool keep_first_word = false);

}  // namespace gen
