// A Danish word list (Debian's wdanish: /usr/share/dict/danish) for splitting closed
// compounds and for repairing OCR damage, read once per process and shared.
//
// The list is used in a compiled form (format below): an open-addressing hash table of
// its words and the OCR folds of the words sorted by hash, so that a lookup touches two or
// three pages and a process that analyses one query word does not parse 313,013 lines
// (~230M instructions) or fold them all (~130M). The compiled form is written once to a
// cache directory (default_cache_dir()) and mapped by later processes; with no usable cache
// directory it is compiled in memory, as before.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
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

// Immutable after construction, so any number of threads may use one Lexicon at once
// (pages of a mapped cache are checksummed on first use, memoised with atomics).
class Lexicon {
 public:
  // Compiles newline-separated words in memory; each is lower-cased and composed like a
  // token. Capitalised entries (names) are skipped: they make bad compound parts.
  explicit Lexicon(std::string_view text);
  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // The process-wide lexicon of the word list at `path`, through the compiled cache in
  // default_cache_dir(); loaded on first use, kept until exit and shared by every Analyzer
  // naming the same path; nullptr if the file cannot be read (the features that need it
  // are then off; a later call tries again). Thread-safe.
  static std::shared_ptr<const Lexicon> shared(const std::string& path);

  // Loads the word list at `path` (not shared): maps its compiled form from `cache_dir`
  // when a cache file there matches the list (size, modification time, inode) and this
  // build's normalisation and fold rules; otherwise compiles the list and writes the cache
  // file (atomically, by rename; failures to write are ignored). `cache_dir` "" disables
  // the cache. nullptr if the list cannot be read.
  static std::shared_ptr<const Lexicon> load(const std::string& path, const std::string& cache_dir);

  // Where shared() keeps compiled word lists: $SEARCH_LEXICON_CACHE if set ("" or "off":
  // no cache), else $XDG_CACHE_HOME/libsearch, else $HOME/.cache/libsearch, else none.
  static std::string default_cache_dir();

  // Allocation-free exact lookup of a normalised word. Throws Error(kCorrupt) naming the
  // cache file if a page of a mapped cache fails its checksum.
  bool contains(std::string_view word) const;
  std::size_t size() const { return word_count_; }
  // The cache file this lexicon was mapped from ("" if compiled in memory).
  const std::string& cache_file() const { return cache_file_; }

  // Splits a closed compound ("socialområdet" -> "social" + "området", "arbejdsmiljøet" ->
  // "arbejd" + "miljøet" with the linking -s- dropped) into 2..kMaxCompoundParts parts.
  // Every part is a lexicon word and not a stop word or affix; modifiers have at least 3
  // letters, the head at least 4. Prefers the fewest parts, then the longest head. Returns
  // the number of parts (0: not a compound). Allocation-free.
  std::size_t split(std::string_view word,
                    std::array<CompoundPart, kMaxCompoundParts>& parts) const;

  // OCR repair of a compound the scan damaged: "socialomridet" -> modifier "social" (a byte
  // range of the word, as in split()) and head "området", the only head word of the list
  // whose OCR fold (see ocr_fold) equals that of "omridet". Only two-part splits with an
  // exact modifier and a repaired head of 5+ letters; returns false if there is none or
  // the fold is ambiguous.
  bool split_repaired(std::string_view word, CompoundPart& modifier, std::string_view& head) const;

  // The image's hash-table slot and a mapped cache file (internal to lexicon.cpp).
  struct Slot;
  struct Mapping;

 private:
  enum Flags : std::uint8_t { kPresent = 1, kModifier = 2, kHead = 4 };

  Lexicon() = default;
  // Takes a compiled image (owned string or mapping); checks its header.
  void attach(std::string image, std::unique_ptr<Mapping> mapping, std::string cache_file);
  std::uint8_t flags(std::string_view word) const;
  std::string_view word_at(std::uint32_t offset) const;
  std::uint64_t fold_hash_at(std::size_t i) const;
  // The one head word whose fold is `fold`; false if none or several.
  bool unique_head_of_fold(std::string_view fold, std::string_view& head) const;
  void verify(std::size_t offset, std::size_t size) const;
  [[noreturn]] void fail(const std::string& problem) const;

  std::string owned_;                  // the image when compiled in memory
  std::unique_ptr<Mapping> mapping_;   // the image when mapped from the cache
  std::string cache_file_;
  const std::uint8_t* image_ = nullptr;
  std::size_t image_size_ = 0;
  const Slot* slots_ = nullptr;        // slot_mask_ + 1 slots
  std::size_t slot_mask_ = 0;
  const char* words_ = nullptr;        // every word once, each followed by '\n'
  std::size_t words_size_ = 0;
  const std::uint8_t* fold_hashes_ = nullptr;  // u64 * fold_count_, ascending
  const std::uint8_t* fold_words_ = nullptr;   // u32 * fold_count_: offsets into words_
  std::size_t fold_count_ = 0;
  std::size_t word_count_ = 0;
  const std::uint8_t* page_crcs_ = nullptr;    // null: nothing to verify (built here)
  std::unique_ptr<std::atomic<std::uint64_t>[]> verified_;
};

}  // namespace search::analysis
