// Searcher: plan once, run per segment (execute.h), score (bm25.h), count facets
// (facet_counter.h), keep the top offset + limit across segments, then read records and
// make snippets for the returned hits only.
#include <search/searcher.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <limits>
#include <utility>

#include <search/error.h>

#include "index/snapshot.h"
#include "engine/bm25.h"
#include "engine/explain.h"
#include "engine/execute.h"
#include "engine/facet_counter.h"
#include "engine/plan.h"
#include "engine/snippet.h"

namespace search {

struct Searcher::Impl {
  std::shared_ptr<const index::Snapshot> snapshot;
  SearcherOptions options;
  Analyzer analyzer;

  Impl(std::shared_ptr<const index::Snapshot> s, SearcherOptions o)
      : snapshot(std::move(s)), options(std::move(o)), analyzer(options.analyzer) {}

  engine::Plan plan(const QueryNode& query) const {
    engine::PlannerLimits limits;
    limits.max_prefix_terms = options.max_prefix_terms;
    return engine::make_plan(query, analyzer, *snapshot, limits);
  }

  QueryNode parse(std::string_view query) const { return parse_query(query, options.parser); }

  std::vector<engine::SegmentExecutor> executors() const {
    std::vector<engine::SegmentExecutor> out;
    out.reserve(snapshot->segments().size());
    for (const auto& ref : snapshot->segments()) out.emplace_back(ref);
    return out;
  }

  // Calls fn(segment index, ref, executor, live matches) for every segment.
  template <typename Fn>
  void each_segment(const engine::Plan& plan, std::vector<engine::SegmentExecutor>& executors, Fn&& fn) const {
    const auto& segments = snapshot->segments();
    for (std::size_t s = 0; s < segments.size(); ++s) {
      engine::DocSet docs = executors[s].run(plan.root);
      fn(s, segments[s], executors[s], docs);
    }
  }
  template <typename Fn>
  void each_segment(const engine::Plan& plan, Fn&& fn) const {
    std::vector<engine::SegmentExecutor> e = executors();
    each_segment(plan, e, std::forward<Fn>(fn));
  }
};

namespace {

struct Ranked {
  double score;
  std::int32_t day;        // latest decision day; INT32_MIN when undated
  std::uint64_t docid;     // snapshot-wide
  std::uint32_t segment;
  std::uint32_t local;
};

// True if a ranks before b.
struct RankOrder {
  SortOrder sort;
  bool operator()(const Ranked& a, const Ranked& b) const {
    if (sort == SortOrder::kDate && a.day != b.day) return a.day > b.day;
    if (a.score != b.score) return a.score > b.score;
    return a.docid < b.docid;
  }
};

// Keeps the best `k` entries: a heap whose top is the worst kept.
class TopK {
 public:
  TopK(std::size_t k, SortOrder sort) : k_(k), order_{sort} {}
  void offer(const Ranked& r) {
    if (heap_.size() < k_) {
      heap_.push_back(r);
      std::push_heap(heap_.begin(), heap_.end(), order_);
    } else if (order_(r, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), order_);
      heap_.back() = r;
      std::push_heap(heap_.begin(), heap_.end(), order_);
    }
  }
  // The score a document must beat to enter (when full and sorting by score).
  double floor() const {
    return heap_.size() < k_ ? -std::numeric_limits<double>::infinity() : heap_.front().score;
  }
  // The latest day a document must reach to enter (when full and sorting by date).
  std::int32_t day_floor() const {
    return heap_.size() < k_ ? std::numeric_limits<std::int32_t>::min() : heap_.front().day;
  }
  std::size_t k() const { return k_; }
  std::vector<Ranked> sorted() && {
    std::sort_heap(heap_.begin(), heap_.end(), order_);
    return std::move(heap_);
  }

 private:
  std::size_t k_;
  RankOrder order_;
  std::vector<Ranked> heap_;
};

std::int32_t latest_day(const index::Segment& segment, std::uint32_t doc) {
  auto days = segment.facets().days().of(doc);
  return days.empty() ? std::numeric_limits<std::int32_t>::min() : days.back();
}

// Date order: only the documents of the newest k days (ties included) can make the top k,
// so only they are scored.
void offer_by_date(const engine::Bm25Scorer& scorer, engine::SegmentExecutor& executor, const index::Segment& segment,
                   const engine::DocSet& docs, std::uint64_t doc_base, std::uint32_t s, TopK* top) {
  std::vector<std::int32_t> days(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) days[i] = latest_day(segment, docs[i]);
  std::int32_t cut = top->day_floor();
  if (top->k() < days.size()) {
    std::vector<std::int32_t> sorted_days = days;
    auto nth = sorted_days.begin() + static_cast<std::ptrdiff_t>(top->k() - 1);
    std::nth_element(sorted_days.begin(), nth, sorted_days.end(), std::greater<std::int32_t>());
    cut = std::max(cut, *nth);
  }
  engine::DocSet candidates;
  std::vector<std::int32_t> candidate_days;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (days[i] >= cut) {
      candidates.push_back(docs[i]);
      candidate_days.push_back(days[i]);
    }
  }
  std::vector<double> scores;
  scorer.score(executor, segment, candidates, candidates.size(), -std::numeric_limits<double>::infinity(), &scores);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    top->offer({scores[i], candidate_days[i], doc_base + candidates[i], s, candidates[i]});
  }
}

void fill_hit(const Record& r, SearchHit* hit) {
  hit->id = r.id;
  hit->title = r.title;
  hit->case_number = r.case_number;
  hit->source = r.source;
  const Decision* latest = nullptr;
  for (const auto& d : r.decisions) {
    if (std::find(hit->committees.begin(), hit->committees.end(), d.committee) == hit->committees.end() &&
        !d.committee.empty()) {
      hit->committees.push_back(d.committee);
    }
    if (latest == nullptr || d.date >= latest->date) latest = &d;
  }
  if (latest != nullptr) {
    hit->date = latest->date;
    hit->outcome = std::string(outcome_name(latest->outcome));
  }
}

}  // namespace

Searcher::Searcher(const IndexReader& reader, SearcherOptions options)
    : impl_(std::make_unique<Impl>(index::snapshot_of(reader), std::move(options))) {}

std::unique_ptr<Searcher> Searcher::open(const std::string& dir, SearcherOptions options) {
  auto reader = IndexReader::open(dir);
  return std::make_unique<Searcher>(*reader, std::move(options));
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(std::string_view query, const SearchOptions& options) const {
  const auto start = std::chrono::steady_clock::now();
  QueryNode tree = impl_->parse(query);
  SearchResults r = search(tree, query, options);
  r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return r;
}

SearchResults Searcher::search(const QueryNode& query, std::string_view query_text,
                               const SearchOptions& options) const {
  const auto start = std::chrono::steady_clock::now();
  SearchResults results;
  results.query = std::string(query_text);
  const engine::Plan plan = impl_->plan(query);
  const std::size_t k = options.limit == 0 ? 0 : options.offset + options.limit;
  std::vector<engine::SegmentExecutor> executors = impl_->executors();
  const engine::Bm25Scorer scorer(plan, *impl_->snapshot, executors, options.bm25);
  engine::FacetCounter facets;
  TopK top(k, options.sort);
  std::vector<double> scores;
  impl_->each_segment(plan, executors, [&](std::size_t s, const index::SegmentRef& ref, engine::SegmentExecutor& executor,
                                const engine::DocSet& docs) {
    results.total += docs.size();
    if (options.facets) facets.add(*ref.segment, docs);
    if (k == 0 || docs.empty()) return;
    if (options.sort == SortOrder::kDate) {
      offer_by_date(scorer, executor, *ref.segment, docs, ref.doc_base, static_cast<std::uint32_t>(s), &top);
      return;
    }
    scorer.score(executor, *ref.segment, docs, k, top.floor(), &scores);
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (scores[i] == -std::numeric_limits<double>::infinity()) continue;  // cannot make the top k
      top.offer({scores[i], 0, ref.doc_base + docs[i], static_cast<std::uint32_t>(s), docs[i]});
    }
  });
  if (options.facets) results.facets = facets.result();

  std::vector<Ranked> ranked = std::move(top).sorted();
  const auto& segments = impl_->snapshot->segments();
  for (std::size_t i = options.offset; i < ranked.size(); ++i) {
    const Ranked& h = ranked[i];
    SearchHit hit;
    hit.docid = h.docid;
    hit.score = h.score;
    if (!options.load_fields) {
      results.hits.push_back(std::move(hit));
      continue;
    }
    Record record = segments[h.segment].segment->record(h.local);
    fill_hit(record, &hit);
    if (options.snippets) hit.snippet = engine::make_snippet(record, plan, impl_->analyzer, options.snippet_words);
    if (options.include_record) hit.record = std::move(record);
    results.hits.push_back(std::move(hit));
  }
  results.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return results;
}

std::uint64_t Searcher::count(std::string_view query) const {
  const engine::Plan plan = impl_->plan(impl_->parse(query));
  std::uint64_t total = 0;
  impl_->each_segment(plan, [&](std::size_t, const index::SegmentRef&, engine::SegmentExecutor&,
                                const engine::DocSet& docs) { total += docs.size(); });
  return total;
}

std::vector<std::uint64_t> Searcher::match_docids(std::string_view query) const {
  const engine::Plan plan = impl_->plan(impl_->parse(query));
  std::vector<std::uint64_t> out;
  impl_->each_segment(plan, [&](std::size_t, const index::SegmentRef& ref, engine::SegmentExecutor&,
                                const engine::DocSet& docs) {
    for (std::uint32_t d : docs) out.push_back(ref.doc_base + d);
  });
  return out;
}

std::vector<std::string> Searcher::match_ids(std::string_view query) const {
  const engine::Plan plan = impl_->plan(impl_->parse(query));
  std::vector<std::string> out;
  impl_->each_segment(plan, [&](std::size_t, const index::SegmentRef& ref, engine::SegmentExecutor&,
                                const engine::DocSet& docs) {
    for (std::uint32_t d : docs) out.push_back(ref.segment->record(d).id);
  });
  std::sort(out.begin(), out.end());
  return out;
}

std::string Searcher::explain(std::string_view query) const {
  const QueryNode tree = impl_->parse(query);
  const engine::Plan plan = impl_->plan(tree);
  return engine::explain_plan(tree, plan, *impl_->snapshot);
}

const Analyzer& Searcher::analyzer() const { return impl_->analyzer; }
std::uint64_t Searcher::generation() const { return impl_->snapshot->generation(); }
std::uint64_t Searcher::document_count() const { return impl_->snapshot->live_documents(); }

}  // namespace search
