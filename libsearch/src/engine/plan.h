// The query plan: a parsed query (search/query.h) turned into index terms, once per query
// and independent of segments. The executor (execute.h) runs it on each segment.
//
// Planning rules (docs/search.md):
//   word      -> OR of Analyzer::query_terms() (surface, stem, compound part, fold); a word
//                that analyses to several positions ("MED-systemet") is a phrase of their
//                surface terms.
//   phrase    -> surface terms at consecutive positions (stopwords kept); one slot per
//                position, OR-ing the surface terms the analyzer puts at that position and
//                their inflections: the dictionary's surface terms that start with the
//                word's stem and have that stem ("psykisk" also matches "psykiske"; not for
//                stopwords; at most 64 per word, the shortest first).
//   prefix*   -> OR of the dictionary's surface terms starting with the prefix, at most
//                max_prefix_terms of them over the whole snapshot (shortest first, then
//                byte order), so the result does not depend on how segments are laid out.
//   filters   -> the boolean terms of docs/terms.md; år: ranges -> OR of the XY terms in
//                range; dato: -> a check of the date facet column.
//   stopwords -> a word that is a stopword is dropped from a conjunction that has another
//                positive operand that is not a stopword word.
//   A word or phrase with no token at all is "neutral": dropped from AND and OR; a query
//   left with nothing (or with only exclusions) matches nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <search/analyzer.h>
#include <search/query.h>

#include "index/snapshot.h"

namespace search::engine {

enum class PlanKind : std::uint8_t {
  kAnd,        // children; kNot children are subtracted
  kOr,         // children
  kNot,        // one child; only under kAnd
  kTerms,      // OR of `terms`
  kPhrase,     // `slots` at `offsets` (relative positions, ascending, first 0)
  kDateRange,  // a decision day in [first_day, last_day]
  kNothing,    // matches no document
};

struct PlanNode {
  PlanKind kind = PlanKind::kNothing;
  std::vector<PlanNode> children;
  std::vector<std::string> terms;                 // kTerms
  std::vector<std::vector<std::string>> slots;    // kPhrase: OR of surface terms per slot
  std::vector<std::uint32_t> offsets;             // kPhrase
  std::int32_t first_day = 0;                     // kDateRange, inclusive
  std::int32_t last_day = 0;
  std::string label;                              // for explain(): "word 'x'", "udvalg:KB"
};

// A free-text term that contributes to the BM25 score, with its weight (the best weight of
// any word that asked for it).
struct ScoredTerm {
  std::string term;
  double weight = 0.0;
};

// What snippets highlight: for each positive query word, phrase or prefix, the index terms
// it matches (surface, Z, F, P; with field prefix stripped to the body form) and prefixes.
struct HighlightWord {
  std::vector<std::string> terms;     // body-form index terms ("fælles", "Zfæl", ...)
  std::string prefix;                 // non-empty for a prefix wildcard: surface prefix
};

struct PrefixExpansion {
  std::string prefix;                 // the index-term prefix scanned ("område", "Sstrat")
  std::size_t matched = 0;            // distinct terms found before the cap
  std::size_t used = 0;               // terms kept
};

struct Plan {
  PlanNode root;
  std::vector<ScoredTerm> scored;
  std::vector<HighlightWord> highlights;
  std::vector<PrefixExpansion> prefixes;
  std::vector<std::string> dropped_stopwords;
};

struct PlannerLimits {
  std::size_t max_prefix_terms = 1000;
  // A prefix expanding to more terms than this is matched but not scored (a flat match):
  // scoring a thousand terms would cost more than the rest of the query.
  std::size_t max_scored_prefix_terms = 32;
};

// Builds the plan of `query` for `snapshot` (which supplies prefix and year expansions).
Plan make_plan(const QueryNode& query, const Analyzer& analyzer, const index::Snapshot& snapshot,
               const PlannerLimits& limits);

// Every distinct term of the snapshot starting with `prefix`, in byte order.
std::vector<std::string> terms_with_prefix(const index::Snapshot& snapshot, std::string_view prefix);

}  // namespace search::engine
