// Danish text analysis, shared by indexing and querying so that both sides agree on terms.
//
// Term scheme (docs/terms.md is the full contract, which the index, the query planner and
// the Xapian export all follow):
//   surface   "socialområdet"        lower-cased NFC token, positional (phrases, exact)
//   stem      "Zsocialområd"         Snowball Danish stem (with overrides), not positional
//   folded    "F..."                 OCR fold (vowels -> "*"), not positional
//   part      "P..."                 stem of a compound part, not positional
// Every term is reported with the position of its token (for highlighting); only the index
// decides what to store.
// A field prefix goes between the kind prefix and the text: the title's surface term is
// "Sstrategi", its stem "ZSstrategi".
#pragma once

#include <search/export.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace search {

// Tokens are cut to this many bytes of normalised UTF-8 (at a character boundary); the rest
// of a longer run of letters is skipped, so a 1 MB "word" is one 96-byte token.
inline constexpr std::size_t kMaxTokenBytes = 96;

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

// Composite tokens (case numbers, dates, amounts, paragraphs) share the position of their
// first part and are followed by their parts as ordinary tokens; their text is canonical:
// "22/6043", "emn-2025-009242", "2022-05-24" (for 24-05-2022 and 24. maj 2022), "500000kr"
// (for 0,5 mio. kr.), "§17" and "§17stk4" (for §17 stk. 4). A hyphenated coordination
// adds an expansion at the position of each dangling word: "Børne- og Ungdomsudvalget"
// gives "børne" and "børneudvalget" at one position (needs the lexicon).
struct Token {
  std::string text;        // normalised (NFC, lower-cased) surface form
  std::uint32_t position;  // word position within the analysed text
  std::uint32_t begin;     // byte offset of the token in the input
  std::uint32_t end;       // one past its last byte
  TokenKind kind;
};

// Weights of the alternatives query_terms() returns: an exact match beats a stem match,
// which beats a match on a compound part or on the OCR fold.
inline constexpr double kSurfaceWeight = 1.0;
inline constexpr double kStemWeight = 0.7;
inline constexpr double kCompoundPartWeight = 0.4;
inline constexpr double kFoldedWeight = 0.3;

// One alternative term for a query word, to be OR-ed with the others of its position.
struct WeightedTerm {
  std::string term;  // the full index term, kind and field prefix included
  double weight;     // kSurfaceWeight ... kFoldedWeight
  TermKind kind;
  std::uint32_t position;  // position within the analysed query text (0 for one word)
};

// Receives the terms of one text. Implementations must copy `term` if they keep it.
class SEARCH_EXPORT TermSink {
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

// Owns its options; shares the read-only lexicon with every Analyzer of the same path
// (loaded on first construction, ~60 ms for wdanish, kept for the process's life). All const
// methods may be called from several threads at once: each thread keeps its own Snowball
// stemmer and a cache of analysed words (16,384 entries per Analyzer, for the last four
// Analyzers the thread used). A moved-from Analyzer may only be assigned to or destroyed.
class SEARCH_EXPORT Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Emits every index term of `text` to `sink`. `field_prefix` is "" for the body and "S"
  // for the title. Positions start at `first_position`; returns one past the last position
  // used, so fields of one record can be analysed one after another. Terms arrive in
  // non-decreasing position order: for each token its surface term, then (words only) its
  // stem, its fold (words of 4+ letters that are not stop words, if ocr_folding) and the
  // stems of its compound parts (if decompound and the lexicon is present; an OCR-damaged
  // compound such as "Socialomridet" gets the parts of the word it was: "social", "området").
  // Throws Error(kLimit) if first_position + text.size() does not fit in 32 bits.
  std::uint32_t index_text(std::string_view text, std::string_view field_prefix,
                           std::uint32_t first_position, TermSink& sink) const;

  // The alternatives a query engine OR-s together for one query word, best first: the
  // surface term (kSurfaceWeight), the stem (kStemWeight), the stem as a compound part of
  // longer words ("område" -> "Pområd" finds "Socialområdet"; kCompoundPartWeight) and the
  // OCR fold (kFoldedWeight). If `word` analyses to several tokens ("MED-systemet") each
  // gets its alternatives with its own position (a phrase); a composite covering the whole
  // word ("22/6043", "24-05-2022") is returned alone as a surface term.
  std::vector<WeightedTerm> query_terms(std::string_view word,
                                        std::string_view field_prefix = {}) const;

  // Query-time OCR repair: the `candidates` (surface terms of an index's dictionary,
  // without prefixes) within `max_cost` of `word` under the OCR confusion costs (vowel for
  // vowel 0.3, å/d 0.5, ...), as surface terms weighted below kFoldedWeight by their cost.
  // The exact word itself is not returned. Cost is linear in the candidates given, so a
  // caller should pass a slice of its dictionary (e.g. the same first letter).
  std::vector<WeightedTerm> ocr_expand(std::string_view word,
                                       std::span<const std::string_view> candidates,
                                       std::string_view field_prefix = {},
                                       double max_cost = 1.0) const;

  // Share (0..1) of the text's word tokens of 2+ letters that are neither in the lexicon
  // nor compounds of its words: about 0.05-0.15 for clean minutes (names, rare compounds),
  // much more for damaged OCR. 0 if there is no lexicon or no word.
  double ocr_suspicion(std::string_view text) const;

  // The OCR fold of a normalised word, the text of its "F" term ("fælles" -> "f*ll*s").
  std::string fold(std::string_view word) const;

  // The parts a normalised closed compound is split into ("socialområdet" -> "social",
  // "området"); empty if it is not one or there is no lexicon.
  std::vector<std::string> compound_parts(std::string_view word) const;

  // True if the lexicon file was read (decompounding and ocr_suspicion work).
  bool has_lexicon() const;

  // Splits `text` into normalised tokens with positions and byte offsets.
  std::vector<Token> tokenize(std::string_view text) const;

  // The Snowball Danish stem of an already normalised word, with this domain's overrides.
  // Throws Error(kUnsupported) if libstemmer lacks the Danish stemmer.
  std::string stem(std::string_view word) const;

  // True for the Danish stopwords dropped from free-text scoring (never from phrases).
  bool is_stopword(std::string_view word) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace search
