#include "index/doc_analysis.h"

#include <algorithm>
#include <cstring>

#include "index/record_codec.h"

namespace search::index {
namespace {

class RealTextAnalyzer final : public TextAnalyzer {
 public:
  explicit RealTextAnalyzer(const AnalyzerOptions& options) : analyzer_(options) {}
  std::uint32_t index_text(std::string_view text, std::string_view field_prefix,
                           std::uint32_t first_position, TermSink& sink) const override {
    return analyzer_.index_text(text, field_prefix, first_position, sink);
  }

 private:
  Analyzer analyzer_;
};

}  // namespace

std::shared_ptr<const TextAnalyzer> make_text_analyzer(const AnalyzerOptions& options) {
  return std::make_shared<RealTextAnalyzer>(options);
}

std::string lower_utf8(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xc3 && i + 1 < out.size()) {
      auto d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9e && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);  // À..Þ
      ++i;
    }
  }
  return out;
}

std::string committee_label(const Decision& decision) {
  return decision.committee_abbrev.empty() ? lower_utf8(decision.committee) : decision.committee_abbrev;
}

namespace {

// Terms are short: a byte loop beats a call to memcmp.
bool same_bytes(const char* a, const char* b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

void DocTermCollector::grow() {
  std::vector<std::uint32_t> slots(slots_.size() * 2, 0);
  std::size_t mask = slots.size() - 1;
  for (std::uint32_t e = 0; e < entries_.size(); ++e) {
    std::size_t i = entries_[e].hash & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = e + 1;
  }
  slots_.swap(slots);
}

std::uint32_t DocTermCollector::intern(std::string_view term, bool positional) {
  if (entries_.size() * 2 >= slots_.size()) grow();
  std::size_t mask = slots_.size() - 1;
  std::uint32_t h = term_hash(term);
  std::size_t i = h & mask;
  while (slots_[i] != 0) {
    Entry& e = entries_[slots_[i] - 1];
    if (e.hash == h && e.text_size == term.size() && same_bytes(text_.data() + e.text_offset, term.data(), term.size())) {
      e.positional = e.positional || positional;
      return slots_[i] - 1;
    }
    i = (i + 1) & mask;
  }
  entries_.push_back({static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(term.size()), h, 0, positional});
  text_.append(term);
  slots_[i] = static_cast<std::uint32_t>(entries_.size());
  return static_cast<std::uint32_t>(entries_.size() - 1);
}

void DocTermCollector::term(std::string_view term, std::uint32_t position, TermKind kind) {
  if (term.empty()) return;
  if (kind == TermKind::kSurface) {
    std::uint32_t e = intern(term, true);
    Entry& entry = entries_[e];
    ++entry.count;
    occurrences_.emplace_back(e, position);
    if (entry.derived_known) {
      recording_ = kNone;
      replay_at_ = entry.derived_begin;
      replay_end_ = entry.derived_begin + entry.derived_count;
    } else {
      entry.derived_known = true;
      entry.derived_begin = static_cast<std::uint32_t>(derived_.size());
      recording_ = e;
      replay_at_ = replay_end_ = 0;
    }
    return;
  }
  // The analyzer gives a word the same derived terms every time: expect them in order.
  if (replay_at_ < replay_end_) {
    Entry& expected = entries_[derived_[replay_at_]];
    if (expected.text_size == term.size() && same_bytes(text_.data() + expected.text_offset, term.data(), term.size())) {
      ++replay_at_;
      ++expected.count;
      return;
    }
    replay_at_ = replay_end_ = 0;  // not as before: intern every further term
  }
  std::uint32_t e = intern(term, false);
  ++entries_[e].count;
  if (recording_ != kNone) {
    derived_.push_back(e);
    ++entries_[recording_].derived_count;
  }
}

void DocTermCollector::boolean_term(std::string_view term) {
  recording_ = kNone;
  replay_at_ = replay_end_ = 0;
  std::uint32_t e = intern(term, false);
  entries_[e].count = 1;
}

void DocTermCollector::finish(TermConsumer* out) {
  // Group the positions by entry (a stable counting sort keeps them in emission order).
  std::size_t n = entries_.size();
  scratch_.assign(n + 1, 0);
  for (const auto& [e, pos] : occurrences_) ++scratch_[e + 1];
  for (std::size_t i = 0; i < n; ++i) scratch_[i + 1] += scratch_[i];
  grouped_.resize(occurrences_.size());
  fill_.assign(scratch_.begin(), scratch_.end() - 1);
  for (const auto& [e, pos] : occurrences_) grouped_[fill_[e]++] = pos;

  batch_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Entry& e = entries_[i];
    std::string_view term(text_.data() + e.text_offset, e.text_size);
    auto begin = grouped_.begin() + scratch_[i];
    auto end = grouped_.begin() + scratch_[i + 1];
    if (!e.positional || begin == end) {
      batch_[i] = {term, e.hash, std::max<std::uint32_t>(e.count, 1), nullptr, false};
      continue;
    }
    if (!std::is_sorted(begin, end)) std::sort(begin, end);
    end = std::unique(begin, end);
    batch_[i] = {term, e.hash, static_cast<std::uint32_t>(end - begin), &*begin, true};
  }
  out->doc_terms(batch_);
  text_.clear();
  entries_.clear();
  occurrences_.clear();
  derived_.clear();
  recording_ = kNone;
  replay_at_ = replay_end_ = 0;
  if (slots_.size() > 1024 * 64) slots_.assign(1024, 0); else std::fill(slots_.begin(), slots_.end(), 0);
}

namespace {

void add_facets_and_boolean_terms(const Record& r, DocTermCollector* c, DocFacets* facets) {
  c->boolean_term("Q" + r.id);
  for (const auto& d : r.decisions) {
    std::string label = committee_label(d);
    if (!label.empty()) {
      c->boolean_term("XC" + label);
      if (std::find(facets->committees.begin(), facets->committees.end(), label) == facets->committees.end()) {
        facets->committees.push_back(label);
      }
    }
    std::int32_t day;
    if (parse_iso_day(d.date, &day)) {
      facets->days.push_back(day);
      c->boolean_term("XY" + d.date.substr(0, 4));
      c->boolean_term("XD" + d.date.substr(0, 4) + d.date.substr(5, 2) + d.date.substr(8, 2));
    }
    facets->outcomes.push_back(static_cast<std::uint8_t>(d.outcome));
    c->boolean_term("XO" + std::string(outcome_name(d.outcome)));
    for (const auto& p : d.points) {
      facets->outcomes.push_back(static_cast<std::uint8_t>(p.outcome));
      c->boolean_term("XO" + std::string(outcome_name(p.outcome)));
    }
  }
  for (const auto& abbrev : r.route) {
    if (!abbrev.empty()) c->boolean_term("XR" + abbrev);
  }
  if (!r.case_number.empty()) c->boolean_term("XK" + lower_utf8(r.case_number));
  std::string access = lower_utf8(r.access);
  if (access.rfind("åben", 0) == 0) c->boolean_term("XAåben");
  if (access.rfind("lukket", 0) == 0) c->boolean_term("XAlukket");
  std::sort(facets->days.begin(), facets->days.end());
  facets->days.erase(std::unique(facets->days.begin(), facets->days.end()), facets->days.end());
  std::sort(facets->outcomes.begin(), facets->outcomes.end());
  facets->outcomes.erase(std::unique(facets->outcomes.begin(), facets->outcomes.end()), facets->outcomes.end());
}

}  // namespace

void analyze_record(const Record& r, const TextAnalyzer& analyzer, DocTermCollector* c, AnalyzedDoc* doc,
                    TermConsumer* terms) {
  doc->id = r.id;
  doc->facets = DocFacets();
  doc->encoded_record.clear();
  encode_record(r, &doc->encoded_record);
  std::uint32_t position = 0;
  std::uint32_t length = 0;
  auto body = [&](const std::string& text) {
    if (text.empty()) return;
    std::uint32_t start = position == 0 ? 0 : position + 1;
    position = analyzer.index_text(text, "", start, *c);
    length += position - start;
  };
  body(r.title);
  analyzer.index_text(r.title, "S", 0, *c);
  for (const auto& s : r.sections) body(s.text);
  for (const auto& d : r.decisions) body(d.text);
  for (const auto& a : r.attachments) body(a);
  for (const auto& a : r.absent) body(a);
  doc->length = length;
  add_facets_and_boolean_terms(r, c, &doc->facets);
  c->finish(terms);
}

}  // namespace search::index
