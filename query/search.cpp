#include "search.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include <search/error.h>
#include <search/result_json.h>

namespace search::cli {
namespace {

// How highlights and emphasis are drawn.
struct Style {
  std::string_view mark_open, mark_close, title_open, title_close, dim_open, dim_close;
};
constexpr Style kColor{"\033[1;33m", "\033[0m", "\033[1m", "\033[0m", "\033[2m", "\033[0m"};
constexpr Style kPlain{"«", "»", "", "", "", ""};

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(std::string_view s, std::size_t width) {
  std::string out(s);
  for (std::size_t w = display_width(s); w < width; ++w) out += ' ';
  return out;
}

void print_hit(std::FILE* out, std::size_t number, const SearchHit& hit, const Style& style) {
  std::fprintf(out, "%3zu. %.*s%s%.*s\n", number, static_cast<int>(style.title_open.size()), style.title_open.data(),
               hit.title.empty() ? "(untitled)" : hit.title.c_str(), static_cast<int>(style.title_close.size()),
               style.title_close.data());
  std::vector<std::string> meta;
  if (!hit.date.empty()) meta.push_back(hit.date);
  if (!hit.committees.empty()) meta.push_back(join(hit.committees, ", "));
  if (!hit.outcome.empty()) meta.push_back(hit.outcome);
  if (!hit.case_number.empty()) meta.push_back("sag " + hit.case_number);
  std::string line = join(meta, " · ");
  std::fprintf(out, "     %.*s%s%.*s\n", static_cast<int>(style.dim_open.size()), style.dim_open.data(), line.c_str(),
               static_cast<int>(style.dim_close.size()), style.dim_close.data());
  if (!hit.snippet.text.empty()) {
    std::string snippet = marked_snippet(hit.snippet, style.mark_open, style.mark_close, false);
    std::fprintf(out, "     %s\n", snippet.c_str());
  }
  std::fprintf(out, "     %.*s%s%.*s\n\n", static_cast<int>(style.dim_open.size()), style.dim_open.data(),
               hit.source.c_str(), static_cast<int>(style.dim_close.size()), style.dim_close.data());
}

// Three columns side by side: committee, year, outcome.
void print_facets(std::FILE* out, const Facets& f, const Style& style) {
  const std::vector<const std::vector<FacetCount>*> columns{&f.committee, &f.year, &f.outcome};
  const char* headings[] = {"udvalg", "år", "beslutning"};
  std::vector<std::size_t> widths;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    std::size_t w = display_width(headings[c]);
    for (const auto& v : *columns[c]) w = std::max(w, display_width(v.value) + 1 + std::to_string(v.count).size());
    widths.push_back(w + 4);
  }
  std::string head;
  for (std::size_t c = 0; c < columns.size(); ++c) head += pad(headings[c], widths[c]);
  while (!head.empty() && head.back() == ' ') head.pop_back();
  std::fprintf(out, "%.*s%s%.*s\n", static_cast<int>(style.title_open.size()), style.title_open.data(), head.c_str(),
               static_cast<int>(style.title_close.size()), style.title_close.data());
  std::size_t rows = 0;
  for (const auto* c : columns) rows = std::max(rows, c->size());
  for (std::size_t r = 0; r < rows; ++r) {
    std::string line;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      std::string cell;
      if (r < columns[c]->size()) {
        const FacetCount& v = (*columns[c])[r];
        std::string count = std::to_string(v.count);
        cell = v.value + std::string(widths[c] - 4 - display_width(v.value) - count.size(), ' ') + count;
      }
      line += pad(cell, widths[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::fprintf(out, "%s\n", line.c_str());
  }
}

void print_human(std::FILE* out, const SearchResults& r, const SearchCommand& command, const Style& style) {
  for (std::size_t i = 0; i < r.hits.size(); ++i) print_hit(out, command.search.offset + i + 1, r.hits[i], style);
  std::fprintf(out, "%llu decision%s (took %.2f ms)\n", static_cast<unsigned long long>(r.total),
               r.total == 1 ? "" : "s", r.took_ms);
  if (command.facets && r.total > 0) {
    std::fprintf(out, "\n");
    print_facets(out, r.facets, style);
  }
}

bool use_color(ColorMode mode, std::FILE* out) {
  if (mode != ColorMode::kAuto) return mode == ColorMode::kAlways;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return ::isatty(::fileno(out)) && (no_color == nullptr || *no_color == '\0') &&
         !(term != nullptr && std::strcmp(term, "dumb") == 0);
}

}  // namespace

std::string results_json(const SearchResults& r) { return results_to_json(r); }

int run_search(const SearchCommand& command, std::FILE* out, std::FILE* err) {
  try {
    const std::unique_ptr<Searcher> searcher = Searcher::open(command.index_dir, command.searcher);
    if (command.explain) {
      std::string text = searcher->explain(command.query);
      std::fputs(text.c_str(), out);
      return 0;
    }
    SearchOptions options = command.search;
    options.facets = command.json || command.facets;
    const SearchResults results = searcher->search(command.query, options);
    if (command.json) {
      std::string json = results_json(results);
      std::fprintf(out, "%s\n", json.c_str());
    } else {
      print_human(out, results, command, use_color(command.color, out) ? kColor : kPlain);
    }
    return results.total > 0 ? 0 : 1;
  } catch (const QueryError& e) {
    std::fprintf(err, "search-query: %s\n%s\n", e.what(), e.pointer().c_str());
    return 2;
  } catch (const Error& e) {
    std::fprintf(err, "search-query: %s error: %s\n", error_code_name(e.code()), e.what());
    return 2;
  }
}

}  // namespace search::cli
