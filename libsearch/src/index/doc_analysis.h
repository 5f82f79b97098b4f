// Turns one Record into what the index stores for it: its terms (free text through the
// analyzer, plus the boolean terms of docs/terms.md), its length, facet values and the
// encoded stored record. Runs on the writer's analysis threads.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <search/analyzer.h>
#include <search/record.h>

#include "index/doc_columns.h"

namespace search::index {

// The analysis the writer needs; the real one wraps search::Analyzer, tests may substitute
// a trivial one. Implementations must be callable from several threads at once.
class TextAnalyzer {
 public:
  virtual ~TextAnalyzer() = default;
  virtual std::uint32_t index_text(std::string_view text, std::string_view field_prefix,
                                   std::uint32_t first_position, TermSink& sink) const = 0;
};

std::shared_ptr<const TextAnalyzer> make_text_analyzer(const AnalyzerOptions& options);

// One analysed document, apart from its terms (which go straight to a TermConsumer).
struct AnalyzedDoc {
  std::string id;
  std::string encoded_record;
  std::uint32_t length = 0;
  DocFacets facets;
};

// A fast hash of a term, shared by the per-document and the per-segment term tables so a
// term is hashed once.
inline std::uint32_t term_hash(std::string_view s) {
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, s.data() + i, s.size() - i);
  h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
  return static_cast<std::uint32_t>(h ^ (h >> 29) ^ (h >> 47));
}

// One distinct term of a document. `positions` holds `freq` ascending positions when
// `positional`, else is null.
struct DocTerm {
  std::string_view term;
  std::uint32_t hash;  // term_hash(term)
  std::uint32_t freq;
  const std::uint32_t* positions;
  bool positional;
};

// Receives the distinct terms of one document, all at once (so that a consumer can
// overlap the memory latency of looking them up).
class TermConsumer {
 public:
  virtual ~TermConsumer() = default;
  virtual void doc_terms(std::span<const DocTerm> terms) = 0;
};

// Collects the terms of one document; reused from document to document by one thread.
class DocTermCollector final : public TermSink {
 public:
  void term(std::string_view term, std::uint32_t position, TermKind kind) override;
  void boolean_term(std::string_view term);
  // Hands every collected term to `out` and resets the collector.
  void finish(TermConsumer* out);

 private:
  struct Entry {
    std::uint32_t text_offset;
    std::uint32_t text_size;
    std::uint32_t hash;
    std::uint32_t count;
    bool positional;
    // A surface term's first occurrence records the terms the analyzer gave after it
    // (stem, fold, parts: derived_[derived_begin, + derived_count)); later occurrences
    // check the incoming terms against that list instead of hashing them again.
    bool derived_known = false;
    std::uint32_t derived_begin = 0;
    std::uint32_t derived_count = 0;
  };
  std::uint32_t intern(std::string_view term, bool positional);
  void grow();

  std::string text_;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_ = std::vector<std::uint32_t>(1024, 0);  // entry + 1
  std::vector<std::pair<std::uint32_t, std::uint32_t>> occurrences_;        // entry, position
  std::vector<std::uint32_t> scratch_, grouped_, fill_;
  std::vector<DocTerm> batch_;
  std::vector<std::uint32_t> derived_;
  static constexpr std::uint32_t kNone = 0xffffffffu;
  std::uint32_t recording_ = kNone;  // the surface entry whose derived terms are arriving
  std::uint32_t replay_at_ = 0;      // else: the next expected derived entry...
  std::uint32_t replay_end_ = 0;     // ...in derived_[replay_at_, replay_end_)
};

// Fills `doc` from `record`. Title words are analysed twice (as body text and with the
// "S" prefix); the body is title, section texts, decision texts, attachments and absent
// names, with a one-position gap between texts so phrases do not cross them.
void analyze_record(const Record& record, const TextAnalyzer& analyzer, DocTermCollector* collector,
                    AnalyzedDoc* doc, TermConsumer* terms);

// The facet label of a decision's committee, as in its XC term: the abbreviation, or the
// lower-cased canonical name when there is none.
std::string committee_label(const Decision& decision);
std::string lower_utf8(std::string_view text);

}  // namespace search::index
