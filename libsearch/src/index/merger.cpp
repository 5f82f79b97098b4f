#include "index/merger.h"

#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "index/coding.h"

namespace search::index {
namespace {

constexpr std::uint32_t kGone = 0xffffffffu;

// docmap[i][old docid] = new docid, or kGone for a deleted document.
std::vector<std::vector<std::uint32_t>> build_docmaps(std::span<const MergeInput> inputs, std::uint32_t* total) {
  std::vector<std::vector<std::uint32_t>> maps;
  std::uint32_t next = 0;
  for (const auto& in : inputs) {
    std::vector<std::uint32_t> map(in.segment->doc_count());
    for (std::uint32_t d = 0; d < map.size(); ++d) {
      map[d] = (in.tombstones != nullptr && in.tombstones->is_deleted(d)) ? kGone : next++;
    }
    maps.push_back(std::move(map));
  }
  *total = next;
  return maps;
}

void merge_documents(std::span<const MergeInput> inputs, const std::vector<std::vector<std::uint32_t>>& maps,
                     SegmentBuilder* builder) {
  std::string raw;
  std::vector<std::string_view> records;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const Segment& seg = *inputs[i].segment;
    const FacetColumns& f = seg.facets();
    std::uint32_t doc = 0;
    for (std::uint32_t b = 0; b < seg.stored().block_count(); ++b) {
      seg.stored().read_block(b, &raw, &records);
      for (std::string_view record : records) {
        if (doc >= seg.doc_count()) seg.stored().file().fail("more stored records than documents");
        if (maps[i][doc] != kGone) {
          DocFacets facets;
          for (auto ord : f.committees().of(doc)) facets.committees.emplace_back(f.committee_label(ord));
          for (auto day : f.days().of(doc)) facets.days.push_back(day);
          for (auto o : f.outcomes().of(doc)) facets.outcomes.push_back(o);
          builder->add_doc(record, seg.doc_length(doc), facets);
        }
        ++doc;
      }
    }
  }
}

struct TermSource {
  std::size_t input;
  TermIterator it;
};

void merge_terms(std::span<const MergeInput> inputs, const std::vector<std::vector<std::uint32_t>>& maps,
                 SegmentBuilder* builder) {
  std::vector<TermSource> sources;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    sources.push_back({i, inputs[i].segment->terms().iterator()});
    sources.back().it.seek_to_first();
  }
  std::vector<bool> has_deletes;
  for (const auto& in : inputs) has_deletes.push_back(in.tombstones != nullptr && in.tombstones->deleted_count() > 0);
  std::vector<std::uint32_t> docids, freqs, old_docids, old_freqs, pos;
  std::string positions;
  std::string term;
  for (;;) {
    // The smallest current term (k is small: a linear scan beats a heap here).
    const TermSource* min = nullptr;
    for (const auto& s : sources) {
      if (s.it.valid() && (min == nullptr || s.it.term() < min->it.term())) min = &s;
    }
    if (min == nullptr) break;
    term.assign(min->it.term());
    docids.clear();
    freqs.clear();
    positions.clear();
    bool positional = false;
    for (auto& s : sources) {
      if (!s.it.valid() || s.it.term() != term) continue;
      const Segment& seg = *inputs[s.input].segment;
      const TermInfo& info = s.it.info();
      PostingListView list = seg.postings(info);
      old_docids.clear();
      old_freqs.clear();
      list.decode_all(&old_docids, &old_freqs);
      PositionReader reader = seg.positions(info, list);
      positional = positional || reader.has_positions();
      if (!has_deletes[s.input]) {
        // Every posting stays: docids shift by the input's base, positions copy as they are.
        for (std::uint32_t r = 0; r < old_docids.size(); ++r) docids.push_back(maps[s.input][old_docids[r]]);
        freqs.insert(freqs.end(), old_freqs.begin(), old_freqs.end());
        if (reader.has_positions()) positions.append(reader.data());
        s.it.next();
        continue;
      }
      for (std::uint32_t r = 0; r < old_docids.size(); ++r) {
        std::uint32_t mapped = maps[s.input][old_docids[r]];
        if (mapped == kGone) continue;
        docids.push_back(mapped);
        freqs.push_back(old_freqs[r]);
        if (!reader.has_positions()) continue;
        reader.positions(r, &pos);
        for (std::size_t k = 0; k < pos.size(); ++k) put_varint(positions, k == 0 ? pos[0] : pos[k] - pos[k - 1]);
      }
      s.it.next();
    }
    if (!docids.empty()) builder->add_term(term, docids, freqs, positions, positional);
  }
}

}  // namespace

std::uint32_t merge_segments(std::span<const MergeInput> inputs, SegmentBuilder* builder) {
  std::uint32_t total = 0;
  auto maps = build_docmaps(inputs, &total);
  // The two streams of a SegmentBuilder are independent: the stored records (zstd) are
  // recompressed on a second thread while the terms merge on this one.
  std::exception_ptr error;
  std::thread documents([&] {
    try {
      merge_documents(inputs, maps, builder);
    } catch (...) {
      error = std::current_exception();
    }
  });
  try {
    merge_terms(inputs, maps, builder);
  } catch (...) {
    documents.join();
    throw;
  }
  documents.join();
  if (error) std::rethrow_exception(error);
  return total;
}

}  // namespace search::index
