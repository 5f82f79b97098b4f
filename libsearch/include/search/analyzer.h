// Danish text analysis, shared by indexing and querying so that both sides agree on terms.
//
// Term scheme (docs/terms.md is the full contract, which the index, the query planner and
// the Xapian export all follow):
//   surface   "socialområdet"        lower-cased NFC token, positional (phrases, exact)
//   stem      "Zsocialområd"         Snowball Danish stem (with overrides), not positional
//   folded    "F..."                 OCR/Scandinavian-folded form, not positional
//   part      "P..."                 stem of a compound part, not positional
// A field prefix goes between the kind prefix and the text: the title's surface term is
// "Sstrategi", its stem "ZSstrategi".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace search {

enum class TermKind : std::uint8_t {
  kSurface,       // the token as written (lower-cased); carries a position
  kStem,          // "Z" + field prefix + stem
  kFolded,        // "F" + field prefix + folded form
  kCompoundPart,  // "P" + field prefix + stem of one part of a closed compound
};

enum class TokenKind : std::uint8_t {
  kWord,
  kNumber,
  kCaseNumber,  // 22/6043, EMN-2025-009242
  kDate,        // 24-05-2022, 24. maj 2022
  kAmount,      // 0,5 mio. kr.
  kParagraph,   // §17 stk. 4
};

struct Token {
  std::string text;          // normalised (NFC, lower-cased) surface form
  std::uint32_t position;    // word position within the analysed text
  std::uint32_t begin;       // byte offset of the token in the input
  std::uint32_t end;         // one past its last byte
  TokenKind kind;
};

// Receives the terms of one text. Implementations must copy `term` if they keep it.
class TermSink {
 public:
  virtual ~TermSink() = default;
  virtual void term(std::string_view term, std::uint32_t position, TermKind kind) = 0;
};

struct AnalyzerOptions {
  // Index folded forms beside stems so OCR'd scans are found by correctly spelt words.
  bool ocr_folding = true;
  // Split closed compounds ("familieområdet") and expand hyphenated coordinations.
  bool decompound = true;
  // Danish word list used for decompounding and OCR repair; a missing file disables both
  // lexicon-driven features rather than failing (the Debian package wdanish provides it).
  std::string lexicon_path = "/usr/share/dict/danish";
};

// Owns its stemmer and lexicon. All const methods may be called from several threads at once.
class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Emits every index term of `text` to `sink`. `field_prefix` is "" for the body and "S"
  // for the title. Positions start at `first_position`; returns one past the last position
  // used, so fields of one record can be analysed one after another.
  std::uint32_t index_text(std::string_view text, std::string_view field_prefix,
                           std::uint32_t first_position, TermSink& sink) const;

  // Splits `text` into normalised tokens with positions and byte offsets.
  std::vector<Token> tokenize(std::string_view text) const;

  // The Snowball Danish stem of an already normalised word, with this domain's overrides.
  std::string stem(std::string_view word) const;

  // True for the Danish stopwords dropped from free-text scoring (never from phrases).
  bool is_stopword(std::string_view word) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace search
