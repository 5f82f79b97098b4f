#include <search/analyzer.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>

#include <search/error.h>

#include "analysis/fold.h"
#include "analysis/lexicon.h"
#include "analysis/stemmer.h"
#include "analysis/tokenizer.h"
#include "analysis/unicode.h"

namespace search {
namespace {

using analysis::Lexicon;
using analysis::Tokenizer;
using analysis::TokenView;

// Words shorter than this (in letters) get no fold: short skeletons collide too often
// ("m*d" is mad, med, mod, mød, ...).
constexpr std::size_t kMinFoldLetters = 4;

// Everything index_text needs about one distinct word, computed once per thread.
struct WordInfo {
  std::string word;
  std::string stem;
  std::string fold;   // empty: no folded term
  std::string parts;  // stems of the compound parts, each followed by '\0'
  // The word's terms after the surface term, as index_text emits them without a field
  // prefix: per term, TermKind u8 | length u16 | the term ("Z" + stem, ...).
  std::string terms;
  std::uint32_t hash = 0;
  bool known = false;  // in the lexicon, or a compound of lexicon words
  bool valid = false;
};

// A 4-way set-associative cache: word frequencies are Zipfian, so a few thousand entries
// catch nearly every token of running text and stemming, folding and decompounding become
// a hash and a compare. (Direct mapping thrashed: measured 20% more instructions per token.)
// Indexing sees far more distinct words than queries do (a generated corpus of 200,000
// decisions: ~300,000), and a miss costs a stemming, a fold and a lexicon split, so a
// cache that keeps missing grows, 4x at a time up to kMaxCacheSets (~25 MB); queries and
// snippets stay with the small one.
constexpr std::size_t kCacheWays = 4;
constexpr std::size_t kCacheSets = 4096;
constexpr std::size_t kMaxCacheSets = 16384;

struct WordCache {
  std::size_t sets = kCacheSets;
  std::vector<WordInfo> entries = std::vector<WordInfo>(kCacheSets * kCacheWays);
  // The hashes of `entries`, so that a lookup reads one cache line of tags and then only
  // the entry that matches.
  std::vector<std::uint32_t> tags = std::vector<std::uint32_t>(kCacheSets * kCacheWays);
  std::vector<std::uint8_t> victim = std::vector<std::uint8_t>(kCacheSets);
  std::size_t misses = 0;

  // Called between texts: grows (emptied) once misses reach twice the capacity.
  void maybe_grow() {
    if (misses < 2 * entries.size() || sets >= kMaxCacheSets) return;
    sets *= 4;
    entries = std::vector<WordInfo>(sets * kCacheWays);
    tags = std::vector<std::uint32_t>(sets * kCacheWays);
    victim = std::vector<std::uint8_t>(sets);
    misses = 0;
  }
};

WordCache& thread_cache(std::uint64_t owner) {
  struct Entry {
    std::uint64_t owner = 0;
    std::unique_ptr<WordCache> cache;
  };
  // One cache per Analyzer (their options differ), for the last few Analyzers this thread
  // used.
  thread_local std::array<Entry, 4> entries;
  thread_local std::size_t victim = 0;
  for (auto& e : entries) {
    if (e.owner == owner) return *e.cache;
  }
  Entry& e = entries[victim++ % entries.size()];
  e.owner = owner;
  if (!e.cache) {
    e.cache = std::make_unique<WordCache>();
  } else {
    for (auto& w : e.cache->entries) w.valid = false;
  }
  return *e.cache;
}

std::uint32_t hash_word(std::string_view word) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (const char c : word) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

std::atomic<std::uint64_t> next_analyzer_id{1};

// Words are short: a byte loop beats a call to memcmp.
bool same_word(const std::string& a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

struct Analyzer::Impl {
  AnalyzerOptions options;
  std::shared_ptr<const Lexicon> lexicon;
  std::uint64_t id = next_analyzer_id.fetch_add(1);

  const WordInfo& word_info(WordCache& cache, std::string_view word) const {
    const std::uint32_t h = hash_word(word);
    const std::size_t set = h & (cache.sets - 1);
    WordInfo* ways = &cache.entries[set * kCacheWays];
    const std::uint32_t* tags = &cache.tags[set * kCacheWays];
    for (std::size_t w = 0; w < kCacheWays; ++w) {
      if (tags[w] == h && ways[w].valid && same_word(ways[w].word, word)) return ways[w];
    }
    const std::size_t victim = cache.victim[set]++ % kCacheWays;
    WordInfo& info = ways[victim];
    ++cache.misses;
    analyze_word(word, info);
    info.hash = h;
    cache.tags[set * kCacheWays + victim] = h;
    return info;
  }

  void analyze_word(std::string_view word, WordInfo& info) const {
    info.valid = false;
    info.word.assign(word);
    analysis::danish_stem(word, info.stem);
    info.fold.clear();
    if (options.ocr_folding && analysis::count_code_points(word) >= kMinFoldLetters &&
        !analysis::is_danish_stopword(word)) {
      analysis::ocr_fold(word, info.fold);
    }
    info.parts.clear();
    std::size_t n = 0;
    if (lexicon) {
      std::array<analysis::CompoundPart, analysis::kMaxCompoundParts> parts{};
      n = lexicon->split(word, parts);
      std::string part_stem;
      for (std::size_t i = 0; options.decompound && i < n; ++i) {
        analysis::danish_stem(word.substr(parts[i].begin, parts[i].end - parts[i].begin),
                              part_stem);
        info.parts += part_stem;
        info.parts.push_back('\0');
      }
      info.known = n > 0 || lexicon->contains(word);
      if (!info.known && options.decompound) add_repaired_parts(word, info);
    }
    info.terms.clear();
    add_term(info.terms, TermKind::kStem, 'Z', info.stem);
    if (!info.fold.empty()) add_term(info.terms, TermKind::kFolded, 'F', info.fold);
    for (std::size_t at = 0; at < info.parts.size();) {
      const std::size_t stop = info.parts.find('\0', at);
      add_term(info.terms, TermKind::kCompoundPart, 'P', std::string_view(info.parts).substr(at, stop - at));
      at = stop + 1;
    }
    info.valid = true;
  }

  static void add_term(std::string& out, TermKind kind, char prefix, std::string_view body) {
    out.push_back(static_cast<char>(kind));
    const std::size_t size = body.size() + 1;
    out.push_back(static_cast<char>(size & 0xff));
    out.push_back(static_cast<char>(size >> 8));  // bodies come from tokens: < 64 KiB
    out.push_back(prefix);
    out.append(body);
  }

  // An OCR-damaged compound ("socialomridet") gets the parts of the word it must have been
  // ("social" + "området"), so that a query for "område" finds the scan too.
  void add_repaired_parts(std::string_view word, WordInfo& info) const {
    analysis::CompoundPart modifier{};
    std::string_view head;
    if (!lexicon->split_repaired(word, modifier, head)) return;
    std::string part_stem;
    analysis::danish_stem(word.substr(modifier.begin, modifier.end - modifier.begin), part_stem);
    info.parts += part_stem;
    info.parts.push_back('\0');
    analysis::danish_stem(head, part_stem);
    info.parts += part_stem;
    info.parts.push_back('\0');
  }

  Tokenizer tokenizer(std::string_view text, std::uint32_t first_position) const {
    if (text.size() > std::numeric_limits<std::uint32_t>::max() - first_position) {
      throw Error(ErrorCode::kLimit, "analyzer: text of " + std::to_string(text.size()) +
                                         " bytes at position " + std::to_string(first_position) +
                                         " exceeds the 32-bit offset and position range");
    }
    return Tokenizer(text, options.decompound ? lexicon.get() : nullptr, first_position);
  }
};

Analyzer::Analyzer(AnalyzerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  if (impl_->options.decompound || impl_->options.ocr_folding) {
    impl_->lexicon = Lexicon::shared(impl_->options.lexicon_path);
  }
}

Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::uint32_t Analyzer::index_text(std::string_view text, std::string_view field_prefix,
                                   std::uint32_t first_position, TermSink& sink) const {
  Tokenizer tokens = impl_->tokenizer(text, first_position);
  WordCache& cache = thread_cache(impl_->id);
  cache.maybe_grow();
  std::uint32_t end = first_position;
  TokenView t{};
  if (field_prefix.empty()) {
    // The common case: every term comes ready-made from the token or the word cache.
    while (tokens.next(t)) {
      end = std::max(end, t.position + 1);
      sink.term(t.text, t.position, TermKind::kSurface);
      if (t.kind != TokenKind::kWord) continue;
      const std::string& terms = impl_->word_info(cache, t.text).terms;
      for (std::size_t at = 0; at < terms.size();) {
        const auto kind = static_cast<TermKind>(terms[at]);
        const std::size_t size = static_cast<unsigned char>(terms[at + 1]) |
                                 std::size_t{static_cast<unsigned char>(terms[at + 2])} << 8;
        sink.term(std::string_view(terms).substr(at + 3, size), t.position, kind);
        at += 3 + size;
      }
    }
    return end;
  }
  std::string term;
  term.reserve(kMaxTokenBytes + 16);
  auto emit = [&](char kind, std::string_view body, std::uint32_t position, TermKind k) {
    term.clear();
    if (kind != '\0') term.push_back(kind);
    term.append(field_prefix);
    term.append(body);
    sink.term(term, position, k);
  };
  while (tokens.next(t)) {
    end = std::max(end, t.position + 1);
    emit('\0', t.text, t.position, TermKind::kSurface);
    if (t.kind != TokenKind::kWord) continue;
    const WordInfo& info = impl_->word_info(cache, t.text);
    emit('Z', info.stem, t.position, TermKind::kStem);
    if (!info.fold.empty()) emit('F', info.fold, t.position, TermKind::kFolded);
    for (std::size_t at = 0; at < info.parts.size();) {
      const std::size_t stop = info.parts.find('\0', at);
      emit('P', std::string_view(info.parts).substr(at, stop - at), t.position,
           TermKind::kCompoundPart);
      at = stop + 1;
    }
  }
  return end;
}

std::vector<Token> Analyzer::tokenize(std::string_view text) const {
  Tokenizer tokens = impl_->tokenizer(text, 0);
  std::vector<Token> out;
  TokenView t{};
  while (tokens.next(t)) out.push_back({std::string(t.text), t.position, t.begin, t.end, t.kind});
  return out;
}

std::vector<WeightedTerm> Analyzer::query_terms(std::string_view word,
                                                std::string_view field_prefix) const {
  Tokenizer tokens = impl_->tokenizer(word, 0);
  std::vector<TokenView> views;
  std::vector<std::string> texts;  // views into the tokenizer die at its next call
  TokenView t{};
  while (tokens.next(t)) {
    if (t.expansion) continue;
    texts.emplace_back(t.text);
    views.push_back(t);
  }
  std::vector<WeightedTerm> out;
  auto add = [&](char kind, std::string_view body, double weight, TermKind k, std::uint32_t pos) {
    std::string term;
    if (kind != '\0') term.push_back(kind);
    term.append(field_prefix);
    term.append(body);
    out.push_back({std::move(term), weight, k, pos});
  };
  if (!views.empty()) {
    const std::uint32_t first = views.front().begin;
    const std::uint32_t last = views.back().end;
    for (std::size_t i = 0; i < views.size(); ++i) {
      const TokenKind k = views[i].kind;
      if (k != TokenKind::kWord && k != TokenKind::kNumber && views[i].begin == first &&
          views[i].end == last) {
        add('\0', texts[i], kSurfaceWeight, TermKind::kSurface, 0);
        return out;
      }
    }
  }
  WordCache& cache = thread_cache(impl_->id);
  for (std::size_t i = 0; i < views.size(); ++i) {
    const std::uint32_t pos = views[i].position;
    add('\0', texts[i], kSurfaceWeight, TermKind::kSurface, pos);
    if (views[i].kind != TokenKind::kWord) continue;
    const WordInfo& info = impl_->word_info(cache, texts[i]);
    add('Z', info.stem, kStemWeight, TermKind::kStem, pos);
    if (impl_->options.decompound && impl_->lexicon && !analysis::is_danish_stopword(texts[i])) {
      add('P', info.stem, kCompoundPartWeight, TermKind::kCompoundPart, pos);
    }
    if (!info.fold.empty()) add('F', info.fold, kFoldedWeight, TermKind::kFolded, pos);
  }
  return out;
}

std::vector<WeightedTerm> Analyzer::ocr_expand(std::string_view word,
                                               std::span<const std::string_view> candidates,
                                               std::string_view field_prefix,
                                               double max_cost) const {
  const std::string clean = analysis::normalize_word(word);
  const auto length = static_cast<long>(analysis::count_code_points(clean));
  std::vector<WeightedTerm> out;
  for (const std::string_view c : candidates) {
    if (c == clean) continue;
    if (std::labs(static_cast<long>(analysis::count_code_points(c)) - length) > 3) continue;
    const double cost = analysis::ocr_distance(clean, c);
    if (!(cost <= max_cost)) continue;
    std::string term(field_prefix);
    term.append(c);
    out.push_back(
        {std::move(term), kFoldedWeight * (1.0 - cost / (max_cost + 1.0)), TermKind::kSurface, 0});
  }
  std::stable_sort(out.begin(), out.end(), [](const WeightedTerm& a, const WeightedTerm& b) {
    return a.weight > b.weight;
  });
  return out;
}

double Analyzer::ocr_suspicion(std::string_view text) const {
  if (!impl_->lexicon) return 0.0;
  Tokenizer tokens = impl_->tokenizer(text, 0);
  WordCache& cache = thread_cache(impl_->id);
  std::size_t words = 0;
  std::size_t unknown = 0;
  TokenView t{};
  while (tokens.next(t)) {
    if (t.kind != TokenKind::kWord || t.expansion || analysis::count_code_points(t.text) < 2 ||
        std::any_of(t.text.begin(), t.text.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    ++words;
    if (!impl_->word_info(cache, t.text).known) ++unknown;
  }
  return words == 0 ? 0.0 : static_cast<double>(unknown) / static_cast<double>(words);
}

std::string Analyzer::stem(std::string_view word) const {
  std::string out;
  analysis::danish_stem(word, out);
  return out;
}

bool Analyzer::is_stopword(std::string_view word) const {
  return analysis::is_danish_stopword(word);
}

std::string Analyzer::fold(std::string_view word) const {
  std::string out;
  analysis::ocr_fold(word, out);
  return out;
}

std::vector<std::string> Analyzer::compound_parts(std::string_view word) const {
  std::vector<std::string> out;
  if (!impl_->lexicon) return out;
  std::array<analysis::CompoundPart, analysis::kMaxCompoundParts> parts{};
  const std::size_t n = impl_->lexicon->split(word, parts);
  for (std::size_t i = 0; i < n; ++i) {
    out.emplace_back(word.substr(parts[i].begin, parts[i].end - parts[i].begin));
  }
  return out;
}

bool Analyzer::has_lexicon() const { return impl_->lexicon != nullptr; }

}  // namespace search
