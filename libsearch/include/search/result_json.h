// SearchResults as one line of JSON: the output of `search-query --json`, the C API's
// sx_search_json() and sx_results_json(). The shape (stable; docs/search.md describes it):
//   {"query": string, "total": int, "took_ms": number,
//    "hits": [{"id", "score", "title", "case_number" (string or null),
//              "committee" (the hit's committees joined by ", ", or null),
//              "date" (ISO date or null), "outcome" (string or null), "source",
//              "snippet" (HTML-escaped, highlights as <b>...</b>, "…" where cut)}],
//    "facets": {"committee": {value: count}, "year": {...}, "outcome": {...}}}
// Strings are escaped so that the line is valid JSON and valid UTF-8 whatever it holds.
#pragma once

#include <search/export.h>

#include <string>
#include <string_view>

#include <search/searcher.h>

namespace search {

// Appends the JSON object (no newline) to `out`.
SEARCH_EXPORT void append_results_json(const SearchResults& results, std::string& out);
SEARCH_EXPORT std::string results_to_json(const SearchResults& results);

// The snippet's text with `open` and `close` around every highlight and "…" where the
// passage was cut; `escape_html` escapes &, < and > in the text (not in the markers).
SEARCH_EXPORT std::string marked_snippet(const Snippet& snippet, std::string_view open,
                                         std::string_view close, bool escape_html);

}  // namespace search
