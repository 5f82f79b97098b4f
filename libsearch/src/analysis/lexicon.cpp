// Compiled word list ("lexicon image"), version 1. All integers little-endian.
//
//   0         "LSLX" | version u32 (= 1)
//   8         source_size u64 | source_mtime_ns u64 | source_id u64 (hash of st_dev,
//             st_ino) | rules u64 (fingerprint of this build's normalisation and fold code)
//   40        slot_count u32 (a power of two) | word_count u32 | words_size u32 |
//             fold_count u32 | 0 u32 | crc32c u32 of bytes [0, 60)
//   64        slots: slot_count x {word offset u32 | tag u16 | length u8 | 0 u8}: open
//             addressing with linear probing on hash_bytes(word); tag = its top 16 bits;
//             length 0 marks an empty slot
//             words: words_size bytes, each word followed by '\n'; zero padding to 8 bytes
//             fold hashes: fold_count x u64, ascending: hash_bytes(ocr_fold(w)) | 1 for
//             every word w of 4+ letters (the shortest head); ties by word offset
//             fold words: fold_count x u32, the word offset of each fold hash
//             zero padding to a multiple of 4 KiB
//   data_end  page table: crc32c u32 per 4 KiB page of bytes [0, data_end)
//
// What a word may be in a compound (modifier, head) is not stored: it is decided at lookup
// from the word (letters, stop word, affix lists), so the image depends only on the list,
// normalize_word and ocr_fold, which `rules` fingerprints.
#include "analysis/lexicon.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <utility>

#include <search/error.h>

#include "analysis/fold.h"
#include "analysis/stemmer.h"
#include "analysis/unicode.h"
#include "index/crc32c.h"

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


constexpr std::string_view kImageMagic = "LSLX";
constexpr std::uint32_t kImageVersion = 1;
constexpr std::size_t kHeaderSize = 64;
constexpr std::size_t kImagePage = 4096;
// A head has 4+ letters (word_flags), so shorter words need no fold entry.
constexpr std::size_t kMinHeadLetters = 4;
// Bump when normalize_word, starts_upper or ocr_fold change in a way the probes below miss.
constexpr std::string_view kRulesSalt = "lexicon-rules-1";

static_assert(std::endian::native == std::endian::little, "the lexicon image is mapped in place");

std::uint64_t load64(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
std::uint32_t load32(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
void store64(std::string& out, std::size_t at, std::uint64_t v) { std::memcpy(out.data() + at, &v, 8); }
void store32(std::string& out, std::size_t at, std::uint32_t v) { std::memcpy(out.data() + at, &v, 4); }

std::size_t round_up(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

// Fingerprint of the code an image bakes in: a cache written by another build whose
// normalisation or fold differs is recompiled rather than trusted.
std::uint64_t rules_fingerprint() {
  static const std::uint64_t fingerprint = [] {
    constexpr std::string_view kProbes[] = {
        "Ærøskøbing", "ÅBENRÅ",   "socialområdet", "Socialomridet", "fzelles",  "Feelles",
        "façade",     "señor",    "straße",        "ðþ",            "a\u030Angström", "cafe\u0301",
        "ǻǽǿ",        "āēīōūœ",   "y-akse",        "tv-ADSL",       "ABC'erne", "naïve",
        "\uFB01nans", "22/6043",  "ÿýü",           "Øl",            "Ål",       "Å"};
    std::string acc(kRulesSalt);
    acc += "|" + std::to_string(kMaxWordBytes) + "|" + std::to_string(kMinHeadLetters) + "|" +
           std::to_string(kHeaderSize) + "|" + std::to_string(kImagePage) + "\n";
    std::string fold;
    for (const std::string_view p : kProbes) {
      const std::string n = normalize_word(p);
      ocr_fold(n, fold);
      acc += n + '|' + fold + (starts_upper(p) ? "|U" : "|l") + (already_normal(p) ? "N\n" : "n\n");
    }
    return hash_bytes(acc);
  }();
  return fingerprint;
}

// What identifies the word list a cache was compiled from.
struct SourceKey {
  std::uint64_t size = 0;
  std::uint64_t mtime_ns = 0;
  std::uint64_t id = 0;
};

std::string hex(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = kDigits[v & 15];
  return s;
}

}  // namespace

struct Lexicon::Slot {
  std::uint32_t offset;
  std::uint16_t tag;
  std::uint8_t length;  // 0: empty
  std::uint8_t zero;
};
static_assert(sizeof(Lexicon::Slot) == 8);

struct Lexicon::Mapping {
  void* base = nullptr;
  std::size_t size = 0;
  ~Mapping() {
    if (base != nullptr) ::munmap(base, size);
  }
};

namespace {

// Parses the word list and lays out the image (format above).
std::string compile(std::string_view text, const SourceKey& key) {
  const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  std::size_t capacity = 16;
  while (capacity * 3 < lines * 4) capacity *= 2;  // load at most 3/4
  std::vector<Lexicon::Slot> slots(capacity, Lexicon::Slot{0, 0, 0, 0});
  std::string words;
  words.reserve(text.size());
  std::size_t count = 0;
  auto insert = [&](std::string_view word) {
    if (word.empty() || word.size() > kMaxWordBytes || words.size() + word.size() + 1 > UINT32_MAX) return;
    const std::uint64_t h = hash_bytes(word);
    const auto tag = static_cast<std::uint16_t>(h >> 48);
    for (std::size_t i = h & (capacity - 1);; i = (i + 1) & (capacity - 1)) {
      Lexicon::Slot& s = slots[i];
      if (s.length == 0) {
        s = {static_cast<std::uint32_t>(words.size()), tag, static_cast<std::uint8_t>(word.size()), 0};
        words += word;
        words += '\n';
        ++count;
        return;
      }
      if (s.length == word.size() && s.tag == tag && std::string_view(words).substr(s.offset, s.length) == word) return;
    }
  };
  for (std::size_t start = 0; start < text.size();) {
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
  std::vector<std::pair<std::uint64_t, std::uint32_t>> folds;
  std::string fold;
  for (const Lexicon::Slot& s : slots) {
    if (s.length == 0) continue;
    const std::string_view w = std::string_view(words).substr(s.offset, s.length);
    if (count_code_points(w) < kMinHeadLetters) continue;
    ocr_fold(w, fold);
    folds.emplace_back(hash_bytes(fold) | 1, s.offset);
  }
  std::sort(folds.begin(), folds.end());

  const std::size_t slots_at = kHeaderSize;
  const std::size_t words_at = slots_at + capacity * sizeof(Lexicon::Slot);
  const std::size_t hashes_at = words_at + round_up(words.size(), 8);
  const std::size_t fold_words_at = hashes_at + folds.size() * 8;
  const std::size_t data_end = round_up(fold_words_at + folds.size() * 4, kImagePage);
  const std::size_t pages = data_end / kImagePage;
  std::string image(data_end + pages * 4, '\0');
  std::memcpy(image.data(), kImageMagic.data(), 4);
  store32(image, 4, kImageVersion);
  store64(image, 8, key.size);
  store64(image, 16, key.mtime_ns);
  store64(image, 24, key.id);
  store64(image, 32, rules_fingerprint());
  store32(image, 40, static_cast<std::uint32_t>(capacity));
  store32(image, 44, static_cast<std::uint32_t>(count));
  store32(image, 48, static_cast<std::uint32_t>(words.size()));
  store32(image, 52, static_cast<std::uint32_t>(folds.size()));
  store32(image, 60, index::crc32c(image.data(), 60));
  std::memcpy(image.data() + slots_at, slots.data(), capacity * sizeof(Lexicon::Slot));
  std::memcpy(image.data() + words_at, words.data(), words.size());
  for (std::size_t i = 0; i < folds.size(); ++i) {
    store64(image, hashes_at + 8 * i, folds[i].first);
    store32(image, fold_words_at + 4 * i, folds[i].second);
  }
  for (std::size_t p = 0; p < pages; ++p) {
    store32(image, data_end + 4 * p, index::crc32c(image.data() + p * kImagePage, kImagePage));
  }
  return image;
}

bool read_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  const std::streamoff size = in.tellg();
  if (size < 0 || size > (std::streamoff{1} << 30)) return false;  // not a word list
  text.assign(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  return static_cast<bool>(in.read(text.data(), size));
}

// Writes the image under a temporary name and renames it into place, so that readers never
// see a partial file. Best effort: a read-only or full cache directory only costs speed.
void write_cache(const std::string& dir, const std::string& file, const std::string& image) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  static std::atomic<unsigned> counter{0};
  const std::string tmp = file + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(image.data(), static_cast<std::streamsize>(image.size())) || !out.flush()) {
      std::filesystem::remove(tmp, ec);
      return;
    }
  }
  std::filesystem::rename(tmp, file, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

// The mapped cache file, if it holds an image of exactly this word list and these rules.
std::unique_ptr<Lexicon::Mapping> map_cache(const std::string& file, const SourceKey& key) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  auto mapping = std::make_unique<Lexicon::Mapping>();
  if (::fstat(fd, &st) == 0 && st.st_size >= static_cast<off_t>(kHeaderSize)) {
    void* base = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
    if (base != MAP_FAILED) {
      mapping->base = base;
      mapping->size = static_cast<std::size_t>(st.st_size);
    }
  }
  ::close(fd);
  if (mapping->base == nullptr) return nullptr;
  const auto* h = static_cast<const std::uint8_t*>(mapping->base);
  if (std::memcmp(h, kImageMagic.data(), 4) != 0 || load32(h + 4) != kImageVersion ||
      load32(h + 60) != index::crc32c(h, 60) || load64(h + 8) != key.size || load64(h + 16) != key.mtime_ns ||
      load64(h + 24) != key.id || load64(h + 32) != rules_fingerprint()) {
    return nullptr;
  }
  return mapping;
}

}  // namespace

Lexicon::Lexicon(std::string_view text) { attach(compile(text, SourceKey{}), nullptr, ""); }

Lexicon::~Lexicon() = default;

void Lexicon::attach(std::string image, std::unique_ptr<Mapping> mapping, std::string cache_file) {
  owned_ = std::move(image);
  mapping_ = std::move(mapping);
  cache_file_ = std::move(cache_file);
  image_ = mapping_ ? static_cast<const std::uint8_t*>(mapping_->base)
                    : reinterpret_cast<const std::uint8_t*>(owned_.data());
  image_size_ = mapping_ ? mapping_->size : owned_.size();
  const std::size_t slot_count = load32(image_ + 40);
  word_count_ = load32(image_ + 44);
  words_size_ = load32(image_ + 48);
  fold_count_ = load32(image_ + 52);
  const std::size_t words_at = kHeaderSize + slot_count * sizeof(Slot);
  const std::size_t hashes_at = words_at + round_up(words_size_, 8);
  const std::size_t fold_words_at = hashes_at + fold_count_ * 8;
  const std::size_t data_end = round_up(fold_words_at + fold_count_ * 4, kImagePage);
  if (slot_count == 0 || (slot_count & (slot_count - 1)) != 0 || word_count_ >= slot_count ||
      data_end + data_end / kImagePage * 4 != image_size_) {
    fail("the lexicon cache's layout does not match its size");
  }
  slots_ = reinterpret_cast<const Slot*>(image_ + kHeaderSize);
  slot_mask_ = slot_count - 1;
  words_ = reinterpret_cast<const char*>(image_ + words_at);
  fold_hashes_ = image_ + hashes_at;
  fold_words_ = image_ + fold_words_at;
  if (mapping_) {
    page_crcs_ = image_ + data_end;
    const std::size_t words64 = (data_end / kImagePage + 63) / 64;
    verified_ = std::make_unique<std::atomic<std::uint64_t>[]>(words64);
    for (std::size_t i = 0; i < words64; ++i) verified_[i].store(0, std::memory_order_relaxed);
  }
}

void Lexicon::fail(const std::string& problem) const {
  throw Error(ErrorCode::kCorrupt, (cache_file_.empty() ? std::string("lexicon") : cache_file_) + ": " + problem +
                                       " (a damaged lexicon cache: delete the file to rebuild it)");
}

void Lexicon::verify(std::size_t offset, std::size_t size) const {
  if (page_crcs_ == nullptr) return;
  const std::size_t last = (offset + std::max<std::size_t>(size, 1) - 1) / kImagePage;
  for (std::size_t p = offset / kImagePage; p <= last; ++p) {
    const std::uint64_t bit = std::uint64_t{1} << (p % 64);
    if (verified_[p / 64].load(std::memory_order_acquire) & bit) continue;
    if (index::crc32c(image_ + p * kImagePage, kImagePage) != load32(page_crcs_ + 4 * p)) {
      fail("checksum fails in bytes " + std::to_string(p * kImagePage) + ".." + std::to_string((p + 1) * kImagePage));
    }
    verified_[p / 64].fetch_or(bit, std::memory_order_acq_rel);
  }
}

std::shared_ptr<const Lexicon> Lexicon::load(const std::string& path, const std::string& cache_dir) {
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
  SourceKey key;
  key.size = static_cast<std::uint64_t>(st.st_size);
  key.mtime_ns = static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1000000000u + static_cast<std::uint64_t>(st.st_mtim.tv_nsec);
  key.id = hash_bytes(std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino));
  std::shared_ptr<Lexicon> lexicon(new Lexicon());
  std::string file;
  if (!cache_dir.empty()) {
    // The rules in the name too: builds of other rules (another version of the library on
    // the same machine) keep their own files instead of replacing each other's.
    file = cache_dir + "/lexicon-" + hex(hash_bytes(path) ^ rules_fingerprint()) + ".bin";
    if (auto mapping = map_cache(file, key)) {
      try {
        lexicon->attach({}, std::move(mapping), file);
        return lexicon;
      } catch (const Error&) {
        // a header that passed its checksum with an impossible layout: compile afresh
      }
    }
  }
  std::string text;
  if (!read_file(path, text)) return nullptr;
  std::string image = compile(text, key);
  if (!file.empty()) write_cache(cache_dir, file, image);
  lexicon->attach(std::move(image), nullptr, "");
  return lexicon;
}

std::string Lexicon::default_cache_dir() {
  if (const char* dir = std::getenv("SEARCH_LEXICON_CACHE")) {
    return std::string_view(dir) == "off" ? std::string() : std::string(dir);
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    return std::string(xdg) + "/libsearch";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    return std::string(home) + "/.cache/libsearch";
  }
  return {};
}

std::shared_ptr<const Lexicon> Lexicon::shared(const std::string& path) {
  static std::mutex mutex;
  // Kept for the life of the process: Analyzers come and go, and each would otherwise map
  // (or, without a cache, compile) the list again.
  static std::map<std::string, std::shared_ptr<const Lexicon>> loaded;
  std::lock_guard lock(mutex);
  if (auto it = loaded.find(path); it != loaded.end()) return it->second;
  auto lexicon = load(path, default_cache_dir());
  if (lexicon) loaded[path] = lexicon;
  return lexicon;
}

std::uint8_t Lexicon::flags(std::string_view word) const {
  if (word.empty() || word.size() > kMaxWordBytes || slots_ == nullptr) return 0;
  const std::uint64_t h = hash_bytes(word);
  const auto tag = static_cast<std::uint16_t>(h >> 48);
  std::size_t i = h & slot_mask_;
  for (std::size_t probes = 0; probes <= slot_mask_; ++probes, i = (i + 1) & slot_mask_) {
    verify(kHeaderSize + i * sizeof(Slot), sizeof(Slot));
    const Slot& s = slots_[i];
    if (s.length == 0) return 0;
    if (s.length != word.size() || s.tag != tag) continue;
    if (s.offset > words_size_ || s.length > words_size_ - s.offset) fail("word offset out of range");
    verify(static_cast<std::size_t>(reinterpret_cast<const std::uint8_t*>(words_) - image_) + s.offset, s.length);
    if (std::memcmp(words_ + s.offset, word.data(), word.size()) == 0) return word_flags(word);
  }
  return 0;
}

bool Lexicon::contains(std::string_view word) const { return flags(word) != 0; }

std::string_view Lexicon::word_at(std::uint32_t offset) const {
  if (offset >= words_size_) fail("fold entry out of range");
  const std::size_t avail = std::min(words_size_ - offset, kMaxWordBytes + 1);
  const std::size_t base = static_cast<std::size_t>(reinterpret_cast<const std::uint8_t*>(words_) - image_);
  verify(base + offset, avail);
  const void* nl = std::memchr(words_ + offset, '\n', avail);
  if (nl == nullptr) fail("unterminated word at offset " + std::to_string(offset));
  return {words_ + offset, static_cast<std::size_t>(static_cast<const char*>(nl) - (words_ + offset))};
}

std::uint64_t Lexicon::fold_hash_at(std::size_t i) const {
  verify(static_cast<std::size_t>(fold_hashes_ - image_) + 8 * i, 8);
  return load64(fold_hashes_ + 8 * i);
}

std::size_t Lexicon::split(std::string_view word,
                           std::array<CompoundPart, kMaxCompoundParts>& parts) const {
  const std::size_t n = word.size();
  if (n < 7 || n > kMaxCompoundBytes || word_count_ == 0) return 0;
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

// Shorter heads have folds too common to trust ("søgaard" is no "søg" + "yard").
constexpr std::size_t kMinRepairedHeadLetters = 5;

bool Lexicon::split_repaired(std::string_view word, CompoundPart& modifier,
                             std::string_view& head) const {
  const std::size_t n = word.size();
  if (n < 7 || n > kMaxCompoundBytes || word_count_ == 0) return false;
  std::string fold;
  // The longest exact modifier first: its head is the shortest, most specific repair.
  for (std::size_t j = n - 4; j >= 3; --j) {
    if (!is_boundary(word, j) || !(flags(word.substr(0, j)) & kModifier)) continue;
    for (std::size_t l = 0; l < 2; ++l) {
      const std::size_t k = j + l;
      if (l == 1 && word[j] != 's' && word[j] != 'e') continue;
      if (count_code_points(word.substr(k)) < kMinRepairedHeadLetters) continue;
      ocr_fold(word.substr(k), fold);
      std::string_view found;
      if (!unique_head_of_fold(fold, found)) continue;
      modifier = {0, static_cast<std::uint8_t>(j)};
      head = found;
      return true;
    }
  }
  return false;
}

bool Lexicon::unique_head_of_fold(std::string_view fold, std::string_view& head) const {
  if (fold.empty() || fold_count_ == 0) return false;
  const std::uint64_t h = hash_bytes(fold) | 1;
  // The hashes are uniform, so the entry sits near h / 2^64 of the way through the array:
  // search a window around there (two or three pages) when it brackets h, else all of it.
  constexpr std::size_t kWindow = 1024;
  const std::size_t guess = static_cast<std::size_t>(((h >> 32) * fold_count_) >> 32);
  std::size_t lo = guess > kWindow ? guess - kWindow : 0;
  std::size_t hi = std::min(fold_count_, guess + kWindow);
  if ((lo > 0 && fold_hash_at(lo - 1) >= h) || (hi < fold_count_ && fold_hash_at(hi) < h)) {
    lo = 0;
    hi = fold_count_;
  }
  while (lo < hi) {  // first entry >= h
    const std::size_t mid = lo + (hi - lo) / 2;
    if (fold_hash_at(mid) < h) lo = mid + 1;
    else hi = mid;
  }
  bool found = false;
  for (std::size_t i = lo; i < fold_count_ && fold_hash_at(i) == h; ++i) {
    verify(static_cast<std::size_t>(fold_words_ - image_) + 4 * i, 4);
    const std::string_view w = word_at(load32(fold_words_ + 4 * i));
    if (!(word_flags(w) & kHead)) continue;
    if (found) return false;  // two heads share the fold: ambiguous
    head = w;
    found = true;
  }
  return found;
}

}  // namespace search::analysis
