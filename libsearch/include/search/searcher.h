// Searcher: runs queries (search/query.h) against one snapshot of an index
// (search/index_reader.h) and returns ranked hits with snippets, an exact total and facet
// counts.
//
//   auto reader = search::IndexReader::open("idx");
//   search::Searcher searcher(*reader);
//   search::SearchOptions options;
//   options.limit = 20;
//   search::SearchResults r = searcher.search("socialområdet udvalg:KB år:2022", options);
//   for (const search::SearchHit& hit : r.hits) ...
//
// Semantics (docs/query.md has the full description):
//   - A word matches any of its analyzer alternatives (Analyzer::query_terms: surface,
//     stem, compound part, OCR fold); words are ANDed. Stopwords are dropped from a
//     conjunction of words unless every word is one; inside phrases they are kept.
//   - A phrase matches its words at consecutive positions, each word as typed or inflected
//     (a surface form of the index with the same stem: "psykisk arbejdsmiljø" matches
//     "psykiske arbejdsmiljø"); stopwords in a phrase match only as typed.
//   - `område*` matches the surface terms of the dictionary that start with "område",
//     at most SearcherOptions::max_prefix_terms of them over the whole snapshot (the shortest
//     first, then byte order); the cap is reported by explain().
//   - Filters (udvalg:, sagsgang:, sag:, beslutning:, adgang:, år:) are the boolean terms
//     of docs/terms.md; dato: ranges are checked against the date facet column.
//   - Deleted documents never match. Totals are exact, never estimates.
//   - Scores are BM25 over the free-text terms (not the filters), each alternative
//     weighted by its kind (kSurfaceWeight ... kFoldedWeight of search/analyzer.h).
//
// Thread-safety: a Searcher is immutable after construction; any number of threads may
// call its const methods at once. It keeps the reader's snapshot (files mapped) alive for
// its own lifetime, so it stays valid and unchanged when the reader is destroyed or the
// index moves on; to see newer generations, build a new Searcher from reader.reopen().
#pragma once

#include <search/export.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <search/analyzer.h>
#include <search/index_reader.h>
#include <search/query.h>
#include <search/record.h>

namespace search {

// Okapi BM25 parameters (Robertson/Zaragoza; the same defaults as Xapian and Lucene).
struct Bm25Options {
  // Term-frequency saturation: 0 ignores tf, larger lets repeated terms count longer.
  double k1 = 1.2;
  // Length normalisation: 0 ignores document length, 1 normalises fully.
  double b = 0.75;
};

enum class SortOrder : std::uint8_t {
  kScore,  // best BM25 score first; ties by snapshot docid (older documents first)
  kDate,   // newest decision date first (the latest date of the item); ties by score
};

// Per-query settings.
struct SearchOptions {
  // Hits returned, after skipping `offset` hits. 0 returns no hits (total and facets only).
  std::size_t limit = 10;
  // Hits skipped from the top of the ranking (paging).
  std::size_t offset = 0;
  SortOrder sort = SortOrder::kScore;
  // Count committee, year and outcome over the whole match set (SearchResults::facets).
  bool facets = true;
  // Read each returned hit's stored record for its fields (id, title, committees, ...).
  // false leaves only SearchHit::docid and score set, and no snippets: the fastest way to a
  // ranking (e.g. benchmarks against engines that return document numbers).
  bool load_fields = true;
  // Make a snippet for every returned hit (re-analyses each hit's stored record).
  bool snippets = true;
  // Words in a snippet's window.
  std::size_t snippet_words = 30;
  // Copy the whole stored Record into SearchHit::record.
  bool include_record = false;
  Bm25Options bm25;
};

// Per-searcher settings.
struct SearcherOptions {
  // Must equal the analyzer options the index was written with (WriterOptions::analyzer),
  // or query terms and index terms disagree.
  AnalyzerOptions analyzer;
  // Query syntax limits.
  QueryParserOptions parser;
  // Most dictionary terms a prefix wildcard expands to (distinct terms of the whole
  // snapshot, the shortest first, then in byte order). A prefix with more terms matches
  // only those: explain() says when the cap was hit. Prefixes expanding to more than 32
  // terms match without adding to the score.
  std::size_t max_prefix_terms = 1000;
};

// A byte range [begin, end) of SearchHit::snippet.text to highlight.
struct Highlight {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool operator==(const Highlight&) const = default;
};

// The best passage of a hit: about SearchOptions::snippet_words words of its decision and
// section texts (the title when nothing else matches), whitespace collapsed to single
// spaces, with the words that match a query word (by surface, stem, fold or compound part)
// marked. `text` is plain UTF-8 without markers; renderers add their own (ANSI colours,
// «…», <b>…</b>) at the highlight ranges, which are ascending and do not overlap.
struct Snippet {
  std::string text;
  std::vector<Highlight> highlights;
  bool starts_mid_text = false;  // text was cut before the passage: show a leading "…"
  bool ends_mid_text = false;    // text continues after the passage: show a trailing "…"
};

struct SearchHit {
  std::uint64_t docid = 0;  // snapshot-wide docid (valid for this Searcher's snapshot only)
  double score = 0.0;       // BM25; 0 for a query of filters only
  std::string id;           // Record::id
  std::string title;
  std::string case_number;  // empty if the item has none
  // The committees that made a decision on the item, in decision order, without repeats:
  // canonical names ("Økonomiudvalget", "Kommunalbestyrelsen").
  std::vector<std::string> committees;
  std::string date;     // ISO date of the latest decision; empty if none has a date
  std::string outcome;  // outcome_name() of the latest decision; empty if no decision
  std::string source;   // Record::source: the indexed file's path
  Snippet snippet;      // empty unless SearchOptions::snippets
  std::optional<Record> record;  // only with SearchOptions::include_record
};

// One facet value and the number of matching documents that have it (a document with
// several values counts once for each).
struct FacetCount {
  std::string value;
  std::uint64_t count = 0;
  bool operator==(const FacetCount&) const = default;
};

// Facet counts over the WHOLE match set (not just the returned page). Values with a zero
// count are left out.
struct Facets {
  // Keys as the XC terms store them: the abbreviation ("KB", "ØK") or, for a committee the
  // table does not know, its lower-cased name; usable as `udvalg:<value>`. Count desc,
  // then value ascending.
  std::vector<FacetCount> committee;
  // "2022", ...: newest year first.
  std::vector<FacetCount> year;
  // outcome_name(): "godkendt", "taget_til_efterretning", ... Count desc, then value.
  std::vector<FacetCount> outcome;
};

struct SearchResults {
  std::string query;          // the query as given
  std::uint64_t total = 0;    // exact number of matching live documents
  double took_ms = 0.0;       // wall time of search(), snippets included
  std::vector<SearchHit> hits;
  Facets facets;              // empty unless SearchOptions::facets
};

class SEARCH_EXPORT Searcher {
 public:
  // Searches the snapshot `reader` has now. The reader may be destroyed afterwards.
  // Throws Error(kUnsupported) if the Danish stemmer is unavailable.
  explicit Searcher(const IndexReader& reader, SearcherOptions options = {});
  // Opens the newest generation of the index in `dir`. Throws what IndexReader::open throws.
  static std::unique_ptr<Searcher> open(const std::string& dir, SearcherOptions options = {});
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  // Parses and runs `query`. Throws QueryError (with the position) if it is malformed,
  // Error(kCorrupt) if index data turns out damaged while reading.
  SearchResults search(std::string_view query, const SearchOptions& options = {}) const;
  // Runs an already parsed query; `query_text` is copied to SearchResults::query.
  SearchResults search(const QueryNode& query, std::string_view query_text,
                       const SearchOptions& options = {}) const;

  // The exact number of matching live documents (no ranking, facets or records).
  std::uint64_t count(std::string_view query) const;
  // Every matching live document, as snapshot-wide docids ascending. For differential
  // tests and tools; O(matches).
  std::vector<std::uint64_t> match_docids(std::string_view query) const;
  // Every matching live document's record id, sorted by byte order. Reads each match's
  // stored record: meant for tests on small and medium indexes.
  std::vector<std::string> match_ids(std::string_view query) const;

  // A multi-line description of how the query runs: the parsed tree, each word's weighted
  // alternatives with their document frequencies, prefix expansions (and whether the cap
  // was hit), the plan per segment with list sizes, and the total.
  std::string explain(std::string_view query) const;

  const Analyzer& analyzer() const;
  std::uint64_t generation() const;        // of the snapshot searched
  std::uint64_t document_count() const;    // live documents of the snapshot

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace search
