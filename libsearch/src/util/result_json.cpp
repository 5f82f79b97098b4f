#include <search/result_json.h>

#include <vector>

#include "util/json.h"

namespace search {
namespace {

void append_text(std::string& out, std::string_view text, bool escape_html) {
  if (!escape_html) {
    out += text;
    return;
  }
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

void facet_object(util::JsonWriter& w, std::string_view name, const std::vector<FacetCount>& values) {
  w.key(name).begin_object();
  for (const auto& v : values) w.field(v.value, v.count);
  w.end_object();
}

// Absent fields are null rather than "" so that consumers can tell "none" at a glance.
void string_or_null(util::JsonWriter& w, std::string_view name, const std::string& value) {
  w.key(name);
  if (value.empty()) {
    w.null();
  } else {
    w.value(value);
  }
}

void hit_object(util::JsonWriter& w, const SearchHit& h) {
  w.begin_object();
  w.field("id", h.id);
  w.field("score", h.score);
  w.field("title", h.title);
  string_or_null(w, "case_number", h.case_number);
  string_or_null(w, "committee", join(h.committees, ", "));
  string_or_null(w, "date", h.date);
  string_or_null(w, "outcome", h.outcome);
  w.field("source", h.source);
  w.field("snippet", marked_snippet(h.snippet, "<b>", "</b>", true));
  w.end_object();
}

}  // namespace

std::string marked_snippet(const Snippet& s, std::string_view open, std::string_view close, bool escape_html) {
  std::string out;
  if (s.starts_mid_text) out += "…";
  const std::string_view text(s.text);
  std::size_t at = 0;
  for (const auto& h : s.highlights) {
    if (h.begin < at || h.end < h.begin || h.end > text.size()) continue;  // never out of range
    append_text(out, text.substr(at, h.begin - at), escape_html);
    out += open;
    append_text(out, text.substr(h.begin, h.end - h.begin), escape_html);
    out += close;
    at = h.end;
  }
  append_text(out, text.substr(at), escape_html);
  if (s.ends_mid_text) out += "…";
  return out;
}

void append_results_json(const SearchResults& r, std::string& out) {
  util::JsonWriter w(out);
  w.begin_object();
  w.field("query", r.query);
  w.field("total", r.total);
  w.field("took_ms", r.took_ms);
  w.key("hits").begin_array();
  for (const auto& h : r.hits) hit_object(w, h);
  w.end_array();
  w.key("facets").begin_object();
  facet_object(w, "committee", r.facets.committee);
  facet_object(w, "year", r.facets.year);
  facet_object(w, "outcome", r.facets.outcome);
  w.end_object();
  w.end_object();
}

std::string results_to_json(const SearchResults& results) {
  std::string out;
  append_results_json(results, out);
  return out;
}

}  // namespace search
