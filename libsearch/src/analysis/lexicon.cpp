#include "analysis/lexicon.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>

#include "analysis/fold.h"
#include "analysis/stemmer.h"
#include "analysis/unicode.h"

namespace search::analysis {
namespace {

std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h ^ (h >> 29);
}

// Derivational prefixes and suffixes that are also dictionary words ("for", "skab"):
// splitting at them gives nonsense parts ("forslag" -> "for" + "slag").
// Verbal particles and prefixes, and words that look like modifiers only by accident;
// splitting at them gives nonsense ("forslaget" -> "fors" + "laget", "indeholde" -> "inde" +
// "holde", "godkendt" -> "god" + "kendt"), measured on the corpus seeds.
constexpr std::string_view kBadModifiers[] = {
    "and",    "aner",    "bag",    "bi",      "eks",      "fore", "fors", "fort", "frem",
    "før",    "gen",     "gennem", "gens",    "god",      "hen",  "inde", "mis",  "organ",
    "real",   "sam",     "sammen", "tilbage", "tilrette", "tilt", "van",  "ved",  "orient",
    "præcis", "præsent", "kvitte", "rev",     "red",      "rede", "forel"};
// Inflectional and derivational endings that happen to be words ("etablering" -> "eta" +
// "ble" + "ring", "præsenterede" -> "præsent" + "rede", "borgere" -> "bor" + "gere").
constexpr std::string_view kBadHeads[] = {
    "aget",  "dier",  "ede",    "else",   "elsen", "elser", "elses",  "ende",   "endes",
    "gere",  "gerne", "heden",  "heder",  "ighed", "inger", "ingen",  "ion",    "ionen",
    "ioner", "ions",  "iske",   "isme",   "kere",  "lige",  "ligt",   "logen",  "ning",
    "rede",  "ring",  "ringen", "ringer", "sion",  "skab",  "skabet", "skaber", "skabs",
    "turen", "ålet",  "uren",   "ægges",  "ledes"};

constexpr std::size_t kMaxWordBytes = 255;

bool in_sorted(const std::vector<std::string_view>& list, std::string_view w) {
  return std::binary_search(list.begin(), list.end(), w);
}

template <std::size_t N>
std::vector<std::string_view> sorted(const std::string_view (&words)[N]) {
  std::vector<std::string_view> v(std::begin(words), std::end(words));
  std::sort(v.begin(), v.end());
  return v;
}

// A modifier has 3+ letters, a head 4+; neither may be a stop word or a bare affix.
// (Called for every list word at load time: binary searches, not linear scans.)
std::uint8_t word_flags(std::string_view w) {
  static const std::vector<std::string_view> bad_modifiers = sorted(kBadModifiers);
  static const std::vector<std::string_view> bad_heads = sorted(kBadHeads);
  constexpr std::size_t kLongestAffix = 8;  // bytes of the longest entry of both lists
  std::uint8_t f = 1;                       // kPresent
  const std::size_t letters = count_code_points(w);
  if (letters < 3 || is_danish_stopword(w)) return f;
  const bool short_word = w.size() <= kLongestAffix;
  if (!short_word || !in_sorted(bad_modifiers, w)) f |= 2;                // kModifier
  if (letters >= 4 && (!short_word || !in_sorted(bad_heads, w))) f |= 4;  // kHead
  return f;
}

bool starts_upper(std::string_view w) {
  if (w.empty()) return false;
  std::size_t len = 0;
  const char32_t cp = decode_utf8(w, 0, len);
  return to_lower(cp) != cp;
}

// True if normalize_word would return `w` unchanged: ASCII without capitals and
// lower-case Latin-1 letters (U+00E0-U+00FF as C3 A0-C3 BF), which is what the word list
// holds apart from names.
bool already_normal(std::string_view w) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    const auto b = static_cast<unsigned char>(w[i]);
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') return false;
      continue;
    }
    if (b != 0xC3 || i + 1 == w.size()) return false;
    const auto c = static_cast<unsigned char>(w[++i]);
    if (c < 0xA0 || c > 0xBF) return false;
  }
  return true;
}

bool is_boundary(std::string_view w, std::size_t i) {
  return i == w.size() || (static_cast<unsigned char>(w[i]) & 0xC0) != 0x80;
}

}  // namespace

Lexicon::Lexicon(std::string_view text) {
  std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  std::size_t capacity = 16;
  while (capacity < lines * 2) capacity *= 2;
  slots_.resize(capacity);
  words_.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || starts_upper(line)) continue;
    if (already_normal(line)) {
      insert(line);  // nearly every entry: no allocation
    } else {
      insert(normalize_word(line));
    }
  }
}

void Lexicon::insert(std::string_view word) {
  if (word.size() > kMaxWordBytes || words_.size() + word.size() + 1 > UINT32_MAX) return;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash_bytes(word) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.length == 0) {
      s.offset = static_cast<std::uint32_t>(words_.size());
      s.length = static_cast<std::uint16_t>(word.size());
      s.flags = word_flags(word);
      words_ += word;
      words_ += '\n';
      ++count_;
      return;
    }
    if (std::string_view(words_).substr(s.offset, s.length) == word) return;
  }
}

std::uint8_t Lexicon::flags(std::string_view word) const {
  if (word.empty() || word.size() > kMaxWordBytes || slots_.empty()) return 0;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash_bytes(word) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.length == 0) return 0;
    if (s.length == word.size() &&
        std::memcmp(words_.data() + s.offset, word.data(), word.size()) == 0)
      return s.flags;
  }
}

bool Lexicon::contains(std::string_view word) const { return flags(word) != 0; }

std::shared_ptr<const Lexicon> Lexicon::shared(const std::string& path) {
  static std::mutex mutex;
  // Kept for the life of the process (about 12 MB for wdanish): Analyzers come and go, and
  // reading the list again would cost every new one ~50 ms.
  static std::map<std::string, std::shared_ptr<const Lexicon>> loaded;
  std::lock_guard lock(mutex);
  if (auto it = loaded.find(path); it != loaded.end()) return it->second;
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (path.empty() || !in) return nullptr;
  const std::streamoff size = in.tellg();
  if (size < 0 || size > (std::streamoff{1} << 30)) return nullptr;  // not a word list
  std::string text(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(text.data(), size)) return nullptr;
  auto lexicon = std::make_shared<const Lexicon>(text);
  loaded[path] = lexicon;
  return lexicon;
}

std::size_t Lexicon::split(std::string_view word,
                           std::array<CompoundPart, kMaxCompoundParts>& parts) const {
  const std::size_t n = word.size();
  if (n < 7 || n > kMaxCompoundBytes || count_ == 0) return 0;
  // best[i]: fewest parts covering word[i..n) ending in a head (0: impossible); next[i]
  // and link[i] record the first part's end and whether a linking letter follows it.
  std::array<std::uint8_t, kMaxCompoundBytes + 1> best{}, next{}, head_len{};
  std::array<bool, kMaxCompoundBytes + 1> link{};
  const bool listed = contains(word);
  // i == 0 is the whole word, which may not be a lone head: it must be split.
  for (std::size_t i = n; i-- > 0;) {
    if (!is_boundary(word, i)) continue;
    if (i > 0 && (flags(word.substr(i)) & kHead)) {
      best[i] = 1;
      head_len[i] = static_cast<std::uint8_t>(n - i);
      next[i] = static_cast<std::uint8_t>(n);
    }
    for (std::size_t j = i + 3; j + 4 <= n; ++j) {
      if (!is_boundary(word, j)) continue;
      for (std::size_t l = 0; l < 2; ++l) {
        const std::size_t k = j + l;
        if (l == 1 && word[j] != 's' && word[j] != 'e') continue;
        if (best[k] == 0 || best[k] + 1u > kMaxCompoundParts) continue;
        const std::size_t parts_here = best[k] + 1u;
        const bool better = best[i] == 0 || parts_here < best[i] ||
                            (parts_here == best[i] && head_len[k] > head_len[i]);
        if (!better || !(flags(word.substr(i, j - i)) & kModifier)) continue;
        // A word of the list is split only into two substantial parts: "socialområdet"
        // yes, "borgere" (bor + gere) or "organisationen" (organ + isat + ionen) no.
        if (i == 0 && listed && (parts_here > 2 || count_code_points(word.substr(0, j)) < 4))
          continue;
        best[i] = static_cast<std::uint8_t>(parts_here);
        head_len[i] = head_len[k];
        next[i] = static_cast<std::uint8_t>(j);
        link[i] = l == 1;
      }
    }
  }
  if (best[0] == 0) return 0;
  std::size_t count = 0;
  for (std::size_t at = 0; at < n && count < kMaxCompoundParts;) {
    const std::size_t end = next[at];
    parts[count++] = {static_cast<std::uint8_t>(at), static_cast<std::uint8_t>(end)};
    at = end + (link[at] ? 1 : 0);
  }
  return count;
}

void Lexicon::build_folds() const {
  std::size_t capacity = 16;
  while (capacity * 3 < count_ * 4) capacity *= 2;
  fold_slots_.resize(capacity);
  const std::size_t mask = capacity - 1;
  std::string fold;
  // Walks the word table rather than re-deriving each word's flags (stop-word and affix
  // lookups cost more than the fold itself); ambiguity does not depend on the order.
  for (const Slot& s : slots_) {
    if (s.length == 0 || !(s.flags & kHead)) continue;
    ocr_fold(std::string_view(words_).substr(s.offset, s.length), fold);
    const std::uint64_t h = hash_bytes(fold) | 1;  // never 0, which marks an empty slot
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      FoldSlot& f = fold_slots_[i];
      if (f.fold_hash == 0) {
        f = {h, s.offset, s.length};
        break;
      }
      if (f.fold_hash == h) {
        f.word_offset = kAmbiguous;
        break;
      }
    }
  }
}

const Lexicon::FoldSlot* Lexicon::find_fold(std::string_view fold) const {
  if (fold.empty() || fold_slots_.empty()) return nullptr;
  const std::uint64_t h = hash_bytes(fold) | 1;
  const std::size_t mask = fold_slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const FoldSlot& f = fold_slots_[i];
    if (f.fold_hash == 0) return nullptr;
    if (f.fold_hash == h) return &f;
  }
}

// Shorter heads have folds too common to trust ("søgaard" is no "søg" + "yard").
constexpr std::size_t kMinRepairedHeadLetters = 5;

bool Lexicon::split_repaired(std::string_view word, CompoundPart& modifier,
                             std::string_view& head) const {
  const std::size_t n = word.size();
  if (n < 7 || n > kMaxCompoundBytes || count_ == 0) return false;
  std::call_once(folds_built_, [this] { build_folds(); });
  std::string fold;
  // The longest exact modifier first: its head is the shortest, most specific repair.
  for (std::size_t j = n - 4; j >= 3; --j) {
    if (!is_boundary(word, j) || !(flags(word.substr(0, j)) & kModifier)) continue;
    for (std::size_t l = 0; l < 2; ++l) {
      const std::size_t k = j + l;
      if (l == 1 && word[j] != 's' && word[j] != 'e') continue;
      if (count_code_points(word.substr(k)) < kMinRepairedHeadLetters) continue;
      ocr_fold(word.substr(k), fold);
      const FoldSlot* f = find_fold(fold);
      if (f == nullptr || f->word_offset == kAmbiguous) continue;
      modifier = {0, static_cast<std::uint8_t>(j)};
      head = std::string_view(words_).substr(f->word_offset, f->word_length);
      return true;
    }
  }
  return false;
}

}  // namespace search::analysis
