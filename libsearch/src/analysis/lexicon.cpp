#include "analysis/lexicon.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>

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
constexpr std::string_view kBadModifiers[] = {"bag", "frem", "fore", "gen", "mis", "sam",
                                              "van", "and", "hen", "før", "bi", "eks"};
constexpr std::string_view kBadHeads[] = {"else", "elsen", "elser", "elses", "heden",
                                          "heder", "skab", "skabet", "skaber", "skabs",
                                          "ende", "endes", "lige", "ligt", "ning", "isme",
                                          "iske", "ighed", "inger", "ingen", "ning", "sion"};

bool starts_upper(std::string_view w) {
  if (w.empty()) return false;
  std::size_t len = 0;
  const char32_t cp = decode_utf8(w, 0, len);
  return to_lower(cp) != cp;
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
    insert(normalize_word(line));
  }
}

void Lexicon::insert(std::string_view word) {
  if (word.size() > 255 || words_.size() + word.size() > UINT32_MAX) return;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash_bytes(word) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.length == 0) {
      s.offset = static_cast<std::uint32_t>(words_.size());
      s.length = static_cast<std::uint32_t>(word.size());
      words_ += word;
      ++count_;
      return;
    }
    if (std::string_view(words_).substr(s.offset, s.length) == word) return;
  }
}

bool Lexicon::contains(std::string_view word) const {
  if (word.empty() || slots_.empty()) return false;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash_bytes(word) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.length == 0) return false;
    if (s.length == word.size() && std::string_view(words_).substr(s.offset, s.length) == word)
      return true;
  }
}

std::shared_ptr<const Lexicon> Lexicon::shared(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const Lexicon>> loaded;
  std::lock_guard lock(mutex);
  if (auto existing = loaded[path].lock()) return existing;
  std::ifstream in(path, std::ios::binary);
  if (path.empty() || !in) return nullptr;
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return nullptr;
  auto lexicon = std::make_shared<const Lexicon>(text);
  loaded[path] = lexicon;
  return lexicon;
}

bool Lexicon::is_modifier(std::string_view part) const {
  if (count_code_points(part) < 3 || is_danish_stopword(part)) return false;
  if (std::find(std::begin(kBadModifiers), std::end(kBadModifiers), part) !=
      std::end(kBadModifiers))
    return false;
  return contains(part);
}

bool Lexicon::is_head(std::string_view part) const {
  if (count_code_points(part) < 4 || is_danish_stopword(part)) return false;
  if (std::find(std::begin(kBadHeads), std::end(kBadHeads), part) != std::end(kBadHeads))
    return false;
  return contains(part);
}

std::size_t Lexicon::split(std::string_view word,
                           std::array<CompoundPart, kMaxCompoundParts>& parts) const {
  const std::size_t n = word.size();
  if (n < 7 || n > kMaxCompoundBytes || count_ == 0) return 0;
  // best[i]: fewest parts covering word[i..n) ending in a head (0: impossible); next[i]
  // and link[i] record the first part's end and whether a linking letter follows it.
  std::array<std::uint8_t, kMaxCompoundBytes + 1> best{}, next{}, head_len{};
  std::array<bool, kMaxCompoundBytes + 1> link{};
  // i == 0 is the whole word, which may not be a lone head: it must be split.
  for (std::size_t i = n; i-- > 0;) {
    if (!is_boundary(word, i)) continue;
    if (i > 0 && is_head(word.substr(i))) {
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
        if (!better || !is_modifier(word.substr(i, j - i))) continue;
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

}  // namespace search::analysis
