#include "engine/execute.h"

#include <algorithm>

#include "engine/bm25.h"
#include "intersect/intersect.h"

namespace search::engine {

using postings::PostingCursor;
using postings::PostingListView;

void unite_into(DocSet* acc, const DocSet& other) {
  if (other.empty()) return;
  if (acc->empty()) {
    *acc = other;
    return;
  }
  DocSet out(acc->size() + other.size());
  out.resize(intersect::unite(acc->data(), acc->size(), other.data(), other.size(), out.data()));
  acc->swap(out);
}

void remove_deleted(const index::SegmentRef& ref, DocSet* docs) {
  if (ref.tombstones->deleted_count() == 0) return;
  std::erase_if(*docs, [&](std::uint32_t d) { return !ref.is_live(d); });
}

const ResolvedTerm* SegmentExecutor::resolve(const std::string& term) {
  auto [it, inserted] = resolved_.try_emplace(term);
  ResolvedTerm& r = it->second;
  if (inserted && ref_.segment->find_term(term, &r.info) && r.info.df > 0) {
    r.list = ref_.segment->postings(r.info);
    r.present = true;
  }
  return r.present ? &r : nullptr;
}

bool same_list(const PostingListView& a, const PostingListView& b) {
  return a.size() == b.size() && a.bytes() == b.bytes();
}

void SegmentExecutor::lists_of(const PlanNode& node, std::vector<PostingListView>* out) {
  for (const auto& t : node.terms) {
    const ResolvedTerm* r = resolve(t);
    if (r == nullptr) continue;
    // A word's alternatives often have the very same postings ("fokus", its fold and its
    // stem when no other form occurs): one copy is enough for matching.
    if (std::any_of(out->begin(), out->end(), [&](const PostingListView& l) { return same_list(l, r->list); })) continue;
    out->push_back(r->list);
  }
}

bool SegmentExecutor::is_single_list(const PlanNode& node) {
  if (node.kind != PlanKind::kTerms) return false;
  int present = 0;
  for (const auto& t : node.terms) present += resolve(t) != nullptr;
  return present == 1;
}

std::uint64_t SegmentExecutor::estimate(const PlanNode& node) {
  const std::uint64_t all = ref_.segment->doc_count();
  switch (node.kind) {
    case PlanKind::kTerms: {
      std::uint64_t sum = 0;
      for (const auto& t : node.terms) {
        if (const ResolvedTerm* r = resolve(t)) sum += r->info.df;
      }
      return std::min(sum, all);
    }
    case PlanKind::kAnd: {
      std::uint64_t best = all;
      for (const auto& c : node.children) {
        if (c.kind != PlanKind::kNot) best = std::min(best, estimate(c));
      }
      return best;
    }
    case PlanKind::kOr: {
      std::uint64_t sum = 0;
      for (const auto& c : node.children) sum += estimate(c);
      return std::min(sum, all);
    }
    case PlanKind::kPhrase: {
      std::uint64_t best = all;
      for (const auto& slot : node.slots) {
        std::uint64_t sum = 0;
        for (const auto& t : slot) {
          if (const ResolvedTerm* r = resolve(t)) sum += r->info.df;
        }
        best = std::min(best, sum);
      }
      return best;
    }
    case PlanKind::kDateRange:
    case PlanKind::kNot: return all;
    case PlanKind::kNothing: return 0;
  }
  return all;
}

DocSet SegmentExecutor::run(const PlanNode& root) {
  DocSet docs = eval(root, nullptr);
  remove_deleted(ref_, &docs);
  return docs;
}

DocSet SegmentExecutor::eval(const PlanNode& node, const DocSet* restrict) {
  switch (node.kind) {
    case PlanKind::kAnd: return eval_and(node, restrict);
    case PlanKind::kOr: return eval_or(node, restrict);
    case PlanKind::kTerms: return eval_terms(node, restrict);
    case PlanKind::kPhrase: return eval_phrase(node, restrict);
    case PlanKind::kDateRange: return eval_dates(node, restrict);
    case PlanKind::kNot:  // only reached through eval_and, which subtracts it
    case PlanKind::kNothing: return {};
  }
  return {};
}

DocSet SegmentExecutor::eval_and(const PlanNode& node, const DocSet* restrict) {
  std::vector<std::pair<std::uint64_t, const PlanNode*>> positives;
  for (const auto& c : node.children) {
    if (c.kind != PlanKind::kNot) positives.emplace_back(estimate(c), &c);
  }
  std::stable_sort(positives.begin(), positives.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  if (positives.empty() || positives.front().first == 0) return {};

  DocSet candidates;
  const DocSet* current = restrict;
  std::size_t next = 0;
  if (restrict == nullptr && is_single_list(*positives[0].second)) {
    // Every plain list at once: the k-way intersection orders and skips by itself.
    std::vector<PostingListView> lists;
    for (auto& [size, child] : positives) {
      if (is_single_list(*child)) {
        lists_of(*child, &lists);
        child = nullptr;
      }
    }
    intersect::intersect(lists, &candidates);
    current = &candidates;
  }
  for (; next < positives.size(); ++next) {
    const PlanNode* child = positives[next].second;
    if (child == nullptr) continue;
    if (current != nullptr && current->empty()) return {};
    DocSet result = eval(*child, current);
    candidates.swap(result);
    current = &candidates;
  }
  for (const auto& c : node.children) {
    if (candidates.empty()) break;
    if (c.kind == PlanKind::kNot) subtract(c.children.at(0), &candidates);
  }
  return candidates;
}

void SegmentExecutor::subtract(const PlanNode& node, DocSet* candidates) {
  DocSet out;
  if (node.kind == PlanKind::kTerms) {
    std::vector<PostingListView> lists;
    lists_of(node, &lists);
    for (const auto& list : lists) {
      intersect::subtract(*candidates, list, &out);
      candidates->swap(out);
    }
    return;
  }
  DocSet excluded = eval(node, candidates);
  out.resize(candidates->size());
  out.resize(intersect::subtract(candidates->data(), candidates->size(), excluded.data(), excluded.size(),
                                 out.data()));
  candidates->swap(out);
}

DocSet SegmentExecutor::eval_or(const PlanNode& node, const DocSet* restrict) {
  DocSet acc;
  std::vector<PostingListView> lists;
  for (const auto& c : node.children) {
    if (restrict == nullptr && c.kind == PlanKind::kTerms) {
      lists_of(c, &lists);  // all plain lists of the OR in one k-way union below
    } else {
      unite_into(&acc, eval(c, restrict));
    }
  }
  if (!lists.empty()) {
    DocSet united;
    if (lists.size() == 1) {
      lists[0].decode_all(&united);
    } else {
      intersect::unite(lists, &united);
    }
    unite_into(&acc, united);
  }
  return acc;
}

// The OR of `lists`, within `restrict` when given.
DocSet SegmentExecutor::eval_lists(const std::vector<PostingListView>& lists, const DocSet* restrict) {
  DocSet out;
  if (lists.empty()) return out;
  if (restrict == nullptr) {
    if (lists.size() == 1) {
      lists[0].decode_all(&out);
    } else {
      intersect::unite(lists, &out);
    }
    return out;
  }
  // Few lists: probe each with the candidates. Many (a wide prefix): unite, then intersect.
  constexpr std::size_t kProbeLists = 8;
  if (lists.size() <= kProbeLists) {
    DocSet part;
    for (const auto& list : lists) {
      intersect::intersect(*restrict, list, &part);
      unite_into(&out, part);
    }
    return out;
  }
  DocSet united;
  intersect::unite(lists, &united);
  out.resize(std::min(united.size(), restrict->size()));
  out.resize(intersect::intersect(united.data(), united.size(), restrict->data(), restrict->size(), out.data()));
  return out;
}

DocSet SegmentExecutor::eval_terms(const PlanNode& node, const DocSet* restrict) {
  std::vector<PostingListView> lists;
  lists_of(node, &lists);
  return eval_lists(lists, restrict);
}

DocSet SegmentExecutor::eval_dates(const PlanNode& node, const DocSet* restrict) {
  const auto& days = ref_.segment->facets().days();
  auto in_range = [&](std::uint32_t doc) {
    std::span<const std::int32_t> d = days.of(doc);
    auto it = std::lower_bound(d.begin(), d.end(), node.first_day);
    return it != d.end() && *it <= node.last_day;
  };
  DocSet out;
  if (restrict != nullptr) {
    for (std::uint32_t doc : *restrict) {
      if (in_range(doc)) out.push_back(doc);
    }
    return out;
  }
  const std::uint32_t n = ref_.segment->doc_count();
  for (std::uint32_t doc = 0; doc < n; ++doc) {
    if (in_range(doc)) out.push_back(doc);
  }
  return out;
}

namespace {

// The lists of one phrase slot (a word and its inflections) over the ascending candidates:
// for each list, the candidates it holds and their posting ordinals, found in one pass over
// the list's chunks (list_ranks), so that a candidate costs only its positions.
struct SlotReader {
  struct List {
    index::PositionReader reader;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> members;  // (candidate index, rank)
    std::size_t next = 0;
  };
  std::vector<List> lists;
  std::vector<std::uint32_t> positions;
  std::vector<std::uint32_t> scratch;

  // Replaces `positions` with the slot's positions in candidate `i` (sorted, distinct).
  // REQUIRES: i ascending from call to call.
  void load(std::uint32_t i) {
    positions.clear();
    int found = 0;
    for (List& l : lists) {
      while (l.next < l.members.size() && l.members[l.next].first < i) ++l.next;
      if (l.next == l.members.size() || l.members[l.next].first != i) continue;
      if (found++ == 0) {
        l.reader.positions(l.members[l.next].second, &positions);
      } else {
        l.reader.positions(l.members[l.next].second, &scratch);
        positions.insert(positions.end(), scratch.begin(), scratch.end());
      }
    }
    if (found > 1) {
      std::sort(positions.begin(), positions.end());
      positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    }
  }
};

// Keeps the starts s (ascending) for which s + offset is in `positions` (ascending): one
// merge pass, no searching.
void keep_followed(const std::vector<std::uint32_t>& positions, std::uint32_t offset, std::vector<std::uint32_t>* starts) {
  std::size_t kept = 0;
  std::size_t p = 0;
  const std::size_t n = positions.size();
  for (std::uint32_t start : *starts) {
    const std::uint32_t want = start + offset;
    while (p < n && positions[p] < want) ++p;
    if (p == n) break;
    if (positions[p] == want) (*starts)[kept++] = start;
  }
  starts->resize(kept);
}

}  // namespace

DocSet SegmentExecutor::eval_phrase(const PlanNode& node, const DocSet* restrict) {
  // Candidates: documents with every slot, rarest slot first.
  std::vector<std::vector<PostingListView>> slot_lists(node.slots.size());
  std::vector<std::pair<std::uint64_t, std::size_t>> order;
  for (std::size_t s = 0; s < node.slots.size(); ++s) {
    std::uint64_t df = 0;
    for (const auto& t : node.slots[s]) {
      if (const ResolvedTerm* r = resolve(t)) {
        slot_lists[s].push_back(r->list);
        df += r->info.df;
      }
    }
    if (df == 0) return {};
    order.emplace_back(df, s);
  }
  std::sort(order.begin(), order.end());
  DocSet candidates;
  bool all_single = std::all_of(slot_lists.begin(), slot_lists.end(), [](const auto& l) { return l.size() == 1; });
  if (restrict == nullptr && all_single) {
    std::vector<PostingListView> lists;
    for (const auto& l : slot_lists) lists.push_back(l[0]);
    intersect::intersect(lists, &candidates);
  } else {
    const DocSet* current = restrict;
    for (const auto& [df, s] : order) {
      DocSet next = eval_lists(slot_lists[s], current);
      candidates.swap(next);
      current = &candidates;
      if (candidates.empty()) return {};
    }
  }
  remove_deleted(ref_, &candidates);  // no point decoding positions of deleted documents
  if (candidates.empty()) return {};

  std::vector<SlotReader> slots(node.slots.size());
  std::vector<std::uint32_t> ranks(candidates.size());
  std::vector<std::uint32_t> docids;
  for (std::size_t s = 0; s < node.slots.size(); ++s) {
    for (const auto& t : node.slots[s]) {
      const ResolvedTerm* r = resolve(t);
      if (r == nullptr) continue;
      SlotReader::List list{ref_.segment->positions(r->info, r->list), {}, 0};
      if (std::size_t{r->list.size()} * 8 < candidates.size()) {
        // A rare inflection: its few postings are looked up among the candidates.
        docids.clear();
        r->list.decode_all(&docids);
        auto from = candidates.begin();
        for (std::size_t rank = 0; rank < docids.size() && from != candidates.end(); ++rank) {
          from = std::lower_bound(from, candidates.end(), docids[rank]);
          if (from != candidates.end() && *from == docids[rank]) {
            list.members.emplace_back(static_cast<std::uint32_t>(from - candidates.begin()),
                                      static_cast<std::uint32_t>(rank));
          }
        }
      } else {
        list_ranks(r->list, candidates, ranks.data());
        for (std::size_t i = 0; i < candidates.size(); ++i) {
          if (ranks[i] != kAbsent) list.members.emplace_back(static_cast<std::uint32_t>(i), ranks[i]);
        }
      }
      if (!list.members.empty()) slots[s].lists.push_back(std::move(list));
    }
  }
  // Phrase starts allowed by the rarest slot, narrowed slot by slot (rarest first), so a
  // candidate usually costs the positions of one or two terms.
  DocSet out;
  std::vector<std::uint32_t> starts;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    starts.clear();
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::size_t s = order[k].second;
      const std::uint32_t offset = node.offsets[s];
      slots[s].load(static_cast<std::uint32_t>(i));
      const auto& pos = slots[s].positions;
      if (k == 0) {
        for (std::uint32_t p : pos) {
          if (p >= offset) starts.push_back(p - offset);
        }
      } else {
        keep_followed(pos, offset, &starts);
      }
      if (starts.empty()) break;
    }
    if (!starts.empty()) out.push_back(candidates[i]);
  }
  return out;
}

}  // namespace search::engine
