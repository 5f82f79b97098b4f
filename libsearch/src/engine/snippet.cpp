#include "engine/snippet.h"

#include <algorithm>
#include <bit>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace search::engine {
namespace {

// Which query words (bit i = plan.highlights[i], at most 64) a term or surface form matches.
class WordMatcher {
 public:
  explicit WordMatcher(const Plan& plan) {
    for (std::size_t i = 0; i < plan.highlights.size() && i < 64; ++i) {
      const std::uint64_t bit = std::uint64_t{1} << i;
      for (const auto& t : plan.highlights[i].terms) masks_[t] |= bit;
      if (!plan.highlights[i].prefix.empty()) prefixes_.emplace_back(plan.highlights[i].prefix, bit);
    }
  }
  bool empty() const { return masks_.empty() && prefixes_.empty(); }
  std::uint64_t term(std::string_view t) const {
    auto it = masks_.find(std::string(t));
    return it == masks_.end() ? 0 : it->second;
  }
  std::uint64_t surface(std::string_view s) const {
    std::uint64_t m = term(s);
    for (const auto& [prefix, bit] : prefixes_) {
      if (s.starts_with(prefix)) m |= bit;
    }
    return m;
  }

 private:
  std::unordered_map<std::string, std::uint64_t> masks_;
  std::vector<std::pair<std::string, std::uint64_t>> prefixes_;
};

struct Mark {
  std::uint32_t begin;
  std::uint32_t end;
  std::uint32_t position;
  std::uint64_t words;  // query words this token matches
};

struct Emission {
  std::uint32_t position;
  std::string term;
  TermKind kind;
};

class Collector final : public TermSink {
 public:
  void term(std::string_view t, std::uint32_t position, TermKind kind) override {
    out.push_back({position, std::string(t), kind});
  }
  std::vector<Emission> out;
};

// The tokens of `text` with the query words each matches. Index terms are attributed to the
// token whose surface term precedes them (the analyzer emits a token's surface term, then
// its stem, fold and parts).
std::vector<Mark> mark_tokens(std::string_view text, const Analyzer& analyzer, const WordMatcher& matcher) {
  std::vector<Token> tokens = analyzer.tokenize(text);
  std::vector<Mark> marks;
  marks.reserve(tokens.size());
  for (const auto& t : tokens) marks.push_back({t.begin, t.end, t.position, 0});
  if (matcher.empty() || tokens.empty()) return marks;
  Collector sink;
  analyzer.index_text(text, "", 0, sink);
  std::size_t cursor = 0;  // first token not before the current position
  long current = -1;
  for (const auto& e : sink.out) {
    if (e.kind == TermKind::kSurface) {
      current = -1;
      while (cursor < tokens.size() && tokens[cursor].position < e.position) ++cursor;
      for (std::size_t j = cursor; j < tokens.size() && tokens[j].position == e.position; ++j) {
        if (tokens[j].text == e.term) {
          current = static_cast<long>(j);
          break;
        }
      }
      if (current >= 0) marks[current].words |= matcher.surface(e.term);
    } else if (current >= 0) {
      marks[current].words |= matcher.term(e.term);
    }
  }
  return marks;
}

struct Window {
  std::size_t text = 0;
  std::size_t first = 0;  // token indexes, inclusive
  std::size_t last = 0;
  int distinct = -1;
  int matches = 0;
};

// The best window of `marks` starting at a matching token.
void best_window(const std::vector<Mark>& marks, std::size_t text, std::uint32_t width, Window* best) {
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (marks[i].words == 0) continue;
    std::uint64_t words = 0;
    int matches = 0;
    std::size_t j = i;
    for (; j < marks.size() && marks[j].position < marks[i].position + width; ++j) {
      words |= marks[j].words;
      matches += marks[j].words != 0;
    }
    int distinct = std::popcount(words);
    if (distinct > best->distinct || (distinct == best->distinct && matches > best->matches)) {
      *best = {text, i, j - 1, distinct, matches};
    }
  }
}

// Moves the window back so that its matches sit in the middle of it rather than at its start.
void centre(const std::vector<Mark>& marks, std::uint32_t width, Window* w) {
  std::size_t last_match = w->first;
  for (std::size_t j = w->first; j <= w->last; ++j) {
    if (marks[j].words != 0) last_match = j;
  }
  const std::uint32_t span = marks[last_match].position - marks[w->first].position + 1;
  const std::uint32_t lead = span < width ? (width - span) / 2 : 0;
  const std::uint32_t start = marks[w->first].position >= lead ? marks[w->first].position - lead : 0;
  while (w->first > 0 && marks[w->first - 1].position >= start) --w->first;
  while (w->last > 0 && marks[w->last].position >= start + width) --w->last;
  while (w->last + 1 < marks.size() && marks[w->last + 1].position < start + width) ++w->last;
}

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Copies text[begin, end) with runs of whitespace collapsed to one space, moving the
// highlight ranges (absolute offsets, ascending, disjoint) along.
Snippet collapse(std::string_view text, std::size_t begin, std::size_t end, const std::vector<Highlight>& ranges) {
  std::vector<std::uint32_t> bounds;
  for (const auto& r : ranges) bounds.insert(bounds.end(), {r.begin, r.end});
  std::vector<std::uint32_t> mapped(bounds.size());
  Snippet s;
  std::size_t b = 0;
  for (std::size_t k = begin; k <= end; ++k) {
    while (b < bounds.size() && bounds[b] == k) mapped[b++] = static_cast<std::uint32_t>(s.text.size());
    if (k == end) break;
    const auto c = static_cast<unsigned char>(text[k]);
    if (is_space(c)) {
      if (!s.text.empty() && s.text.back() != ' ') s.text.push_back(' ');
    } else {
      s.text.push_back(static_cast<char>(c));
    }
  }
  for (std::size_t i = 0; i + 1 < mapped.size(); i += 2) {
    if (mapped[i] < mapped[i + 1]) s.highlights.push_back({mapped[i], mapped[i + 1]});
  }
  return s;
}

Snippet render(std::string_view text, const std::vector<Mark>& marks, const Window& w) {
  std::size_t begin = marks[w.first].begin;
  std::size_t end = marks[w.last].end;
  // Keep the punctuation that hugs the passage: "(…)", a final full stop.
  while (begin > 0 && std::string_view("(«\"'[").find(text[begin - 1]) != std::string_view::npos) --begin;
  while (end < text.size() && std::string_view(".,;:!?)»\"']").find(text[end]) != std::string_view::npos) ++end;
  std::vector<Highlight> ranges;
  for (std::size_t j = w.first; j <= w.last; ++j) {
    if (marks[j].words == 0) continue;
    if (!ranges.empty() && marks[j].begin <= ranges.back().end) {
      ranges.back().end = std::max(ranges.back().end, marks[j].end);  // composite and its parts
    } else {
      ranges.push_back({marks[j].begin, marks[j].end});
    }
  }
  Snippet s = collapse(text, begin, end, ranges);
  while (!s.text.empty() && s.text.back() == ' ') s.text.pop_back();
  s.starts_mid_text = w.first > 0;
  s.ends_mid_text = w.last + 1 < marks.size();
  return s;
}

}  // namespace

Snippet make_snippet(const Record& record, const Plan& plan, const Analyzer& analyzer, std::size_t words) {
  std::vector<std::string_view> texts;
  for (const auto& s : record.sections) texts.push_back(s.text);
  for (const auto& d : record.decisions) texts.push_back(d.text);
  for (const auto& a : record.attachments) texts.push_back(a);
  texts.push_back(record.title);
  const auto width = static_cast<std::uint32_t>(std::clamp<std::size_t>(words, 1, 10000));
  const WordMatcher matcher(plan);

  Window best;
  std::vector<std::vector<Mark>> marks(texts.size());
  std::size_t fallback = texts.size();
  for (std::size_t t = 0; t < texts.size(); ++t) {
    marks[t] = mark_tokens(texts[t], analyzer, matcher);
    if (fallback == texts.size() && !marks[t].empty()) fallback = t;
    best_window(marks[t], t, width, &best);
  }
  if (best.distinct < 0) {  // nothing matches: the start of the first text
    if (fallback == texts.size()) return {};
    best.text = fallback;
    best.first = 0;
    best.last = 0;
    while (best.last + 1 < marks[fallback].size() && marks[fallback][best.last + 1].position < width) ++best.last;
  } else {
    centre(marks[best.text], width, &best);
  }
  return render(texts[best.text], marks[best.text], best);
}

}  // namespace search::engine
