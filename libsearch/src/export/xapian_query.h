// Our query language on a Xapian database exported by export_snapshot(): a parsed query
// (search/query.h) turned into the Xapian::Query that matches exactly the documents our
// Searcher matches on the same snapshot. Used by the differential test against Xapian and
// by benchmarks that time both engines on the same queries.
//
// It is a second, independent implementation of the planner's rules (engine/plan.h,
// docs/query.md), written against Xapian's term list instead of our dictionaries:
//   word      OP_OR of Analyzer::query_terms() (surface, Z stem, P part, F fold); a word of
//             several tokens ("MED-systemet") is a phrase of their surface terms
//   phrase    OP_PHRASE (window = number of words) of one OP_OR per position: the surface
//             terms at that position and their inflections (the database's surface terms
//             starting with the word's stem and having that stem, at most 64, shortest
//             first; not for stopwords)
//   prefix*   OP_SYNONYM of the database's terms starting with the prefix, at most
//             max_prefix_terms of them (shortest first, then byte order)
//   AND/OR/NOT  OP_AND / OP_OR / OP_AND_NOT; stopword words are dropped from a conjunction
//             with another positive operand that is not one; operands without any token
//             are dropped; a query of nothing or only exclusions matches nothing
//   filters   boolean terms (XC, XR, XK, XO, XA; år: the XY terms in range) under OP_FILTER
//   dato:     decision dates are multi-valued and one value slot cannot say "some decision
//             date lies in [a, b]": a closed range is the OP_OR of the XD terms in range;
//             an open range uses the value slots (a.. : latest date >= a, slot 2;
//             ..b : earliest date <= b, slot 0), which is exact for open ranges.
// Differences from our dictionaries: a Xapian database holds only the terms of live
// documents, ours also those of deleted documents until a merge. The capped expansions
// (inflections, prefixes) can therefore differ once a cap is reached on an index with
// deletions.
#pragma once

#include <cstddef>

#include <xapian.h>

#include <search/analyzer.h>
#include <search/query.h>

namespace search::xapian_export {

struct XapianQueryOptions {
  // As SearcherOptions::max_prefix_terms.
  std::size_t max_prefix_terms = 1000;
  // Open-ended dato: ranges on the date value slots; false uses XD terms for every range.
  bool open_date_ranges_as_values = true;
};

// Throws Error(kUnsupported) for a phrase whose words are not at consecutive positions
// (OP_PHRASE cannot leave a gap); the analyzer never produces one today.
Xapian::Query to_xapian_query(const QueryNode& query, const Analyzer& analyzer, const Xapian::Database& db,
                              const XapianQueryOptions& options = {});

}  // namespace search::xapian_export
