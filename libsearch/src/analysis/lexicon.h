// A Danish word list (Debian's wdanish: /usr/share/dict/danish), read once per process and
// shared, for splitting closed compounds and for estimating OCR damage.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace search::analysis {

// One part of a split compound: a byte range of the word, without the linking -s-/-e-.
struct CompoundPart {
  std::uint8_t begin;
  std::uint8_t end;
};

inline constexpr std::size_t kMaxCompoundParts = 4;
// Longer words are not split (the DP is quadratic, and such "words" are rarely real).
inline constexpr std::size_t kMaxCompoundBytes = 64;

// Immutable after construction, so any number of threads may use one Lexicon at once.
class Lexicon {
 public:
  // Builds from newline-separated words; each is lower-cased and composed like a token.
  // Capitalised entries (names) are skipped: they make bad compound parts.
  explicit Lexicon(std::string_view text);

  // The process-wide lexicon read from `path`, loaded on first use, kept until exit and
  // shared by every Analyzer naming the same path; nullptr if the file cannot be read (the
  // features that need it are then off; a later call tries again). Thread-safe.
  static std::shared_ptr<const Lexicon> shared(const std::string& path);

  // Allocation-free exact lookup of a normalised word.
  bool contains(std::string_view word) const;
  std::size_t size() const { return count_; }

  // Splits a closed compound ("socialområdet" -> "social" + "området", "arbejdsmiljøet" ->
  // "arbejd" + "miljøet" with the linking -s- dropped) into 2..kMaxCompoundParts parts.
  // Every part is a lexicon word and not a stop word or affix; modifiers have at least 3
  // letters, the head at least 4. Prefers the fewest parts, then the longest head. Returns
  // the number of parts (0: not a compound). Allocation-free.
  std::size_t split(std::string_view word,
                    std::array<CompoundPart, kMaxCompoundParts>& parts) const;

  // OCR repair of a compound the scan damaged: "socialomridet" -> modifier "social" (a byte
  // range of the word, as in split()) and head "området", the only list word whose OCR fold
  // (see ocr_fold) equals that of "omridet". Only two-part splits with an exact modifier and
  // a repaired head of 5+ letters; returns false if there is none or the fold is ambiguous.
  // The first call builds the fold table (about 50 ms for wdanish); thread-safe.
  bool split_repaired(std::string_view word, CompoundPart& modifier, std::string_view& head) const;

 private:
  // What a word may be in a compound, decided once at load time so that split() does one
  // hash lookup per candidate part.
  enum Flags : std::uint8_t { kPresent = 1, kModifier = 2, kHead = 4 };
  struct Slot {
    std::uint32_t offset = 0;
    std::uint16_t length = 0;  // 0: empty
    std::uint8_t flags = 0;
  };
  void insert(std::string_view word);
  std::uint8_t flags(std::string_view word) const;

  std::string words_;        // every word once, back to back
  std::vector<Slot> slots_;  // open addressing, linear probing, power-of-two size
  std::size_t count_ = 0;

  // fold -> the one head word with that fold (or kAmbiguous), built on first use. Folds
  // are kept as 64-bit hashes only: among ~300,000 folds a collision is a 1e-8 event.
  static constexpr std::uint32_t kAmbiguous = UINT32_MAX;
  struct FoldSlot {
    std::uint64_t fold_hash = 0;
    std::uint32_t word_offset = 0;  // into words_, or kAmbiguous
    std::uint16_t word_length = 0;  // 0: empty
  };
  void build_folds() const;
  const FoldSlot* find_fold(std::string_view fold) const;
  mutable std::once_flag folds_built_;
  mutable std::vector<FoldSlot> fold_slots_;
};

}  // namespace search::analysis
