#include "index/memory_segment.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include <search/error.h>

#include "index/coding.h"

namespace search::index {
namespace {

constexpr std::size_t kStringInline = 15;  // std::string's small-buffer size (libstdc++)

}  // namespace

MemorySegment::MemorySegment() : slots_(1 << 14, 0) {}

// A slot holds hash << 32 | (term id + 1), so probing compares hashes without touching
// the term table; 0 is an empty slot.
void MemorySegment::grow() {
  std::vector<std::uint64_t> slots(slots_.size() * 2, 0);
  std::size_t mask = slots.size() - 1;
  for (std::uint32_t id = 0; id < terms_.size(); ++id) {
    std::size_t i = terms_[id].hash & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = (std::uint64_t{terms_[id].hash} << 32) | (id + 1);
  }
  slots_.swap(slots);
}

namespace {

bool same_bytes(const char* a, const char* b, std::size_t n) {
  // Terms are short: a byte loop beats a call to memcmp.
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

std::uint32_t MemorySegment::find_or_add(std::string_view term, std::uint32_t h, bool positional) {
  if (terms_.size() * 2 >= slots_.size()) grow();
  std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  for (std::uint64_t slot; (slot = slots_[i]) != 0; i = (i + 1) & mask) {
    if ((slot >> 32) != h) continue;
    const TermData& t = terms_[static_cast<std::uint32_t>(slot) - 1];
    if (t.text_size == term.size() && same_bytes(text_.data() + t.text_offset, term.data(), term.size())) {
      return static_cast<std::uint32_t>(slot) - 1;
    }
  }
  terms_.push_back({static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(term.size()), h, 0, 0,
                    positional, std::string()});
  text_.append(term);
  slots_[i] = (std::uint64_t{h} << 32) | terms_.size();
  return static_cast<std::uint32_t>(terms_.size() - 1);
}

void MemorySegment::doc_term(std::string_view term, std::uint32_t hash, bool positional, std::uint32_t freq,
                             const std::uint32_t* positions) {
  auto docid = static_cast<std::uint32_t>(docs_.size());
  TermData& t = terms_[find_or_add(term, hash, positional)];
  std::size_t capacity = t.postings.capacity();
  put_varint(t.postings, t.df == 0 ? docid : docid - t.last_doc);
  put_varint(t.postings, freq);
  // A term keeps the kind of its first occurrence (the term scheme makes kinds disjoint);
  // mismatched positions are padded or dropped so the stream stays aligned.
  if (t.positional) {
    for (std::uint32_t j = 0; j < freq; ++j) {
      put_varint(t.postings, positional ? (j == 0 ? positions[0] : positions[j] - positions[j - 1]) : 0);
    }
  }
  t.last_doc = docid;
  ++t.df;
  if (t.postings.capacity() != capacity) {
    heap_bytes_ += (t.postings.capacity() > kStringInline ? t.postings.capacity() : 0) -
                   (capacity > kStringInline ? capacity : 0);
  }
}

void MemorySegment::add_document(AnalyzedDoc&& doc) {
  if (docs_.size() >= 0xfffffffeu) throw Error(ErrorCode::kLimit, "more than 2^32 - 2 documents in one segment");
  heap_bytes_ += doc.encoded_record.capacity() + sizeof(StoredDoc) + 16 * doc.facets.committees.size() +
                 4 * doc.facets.days.size() + doc.facets.outcomes.size();
  docs_.push_back({std::move(doc.encoded_record), doc.length, std::move(doc.facets)});
}

std::size_t MemorySegment::memory_usage() const {
  return heap_bytes_ + text_.capacity() + terms_.capacity() * sizeof(TermData) + slots_.capacity() * 8;
}

void MemorySegment::write(SegmentBuilder* builder) const {
  // Sort by the first 8 bytes as a big-endian number, then by the whole term: most
  // comparisons are then one integer compare instead of a memcmp call.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(terms_.size());
  for (std::uint32_t id = 0; id < terms_.size(); ++id) {
    std::string_view t = text(terms_[id]);
    std::uint64_t key = 0;
    for (std::size_t k = 0; k < 8; ++k) key = (key << 8) | (k < t.size() ? static_cast<unsigned char>(t[k]) : 0u);
    keyed[id] = {key, id};
  }
  std::sort(keyed.begin(), keyed.end(), [this](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return text(terms_[a.second]) < text(terms_[b.second]);
  });
  std::vector<std::uint32_t> order(terms_.size());
  for (std::size_t k = 0; k < keyed.size(); ++k) order[k] = keyed[k].second;
  std::vector<std::uint32_t> docids, freqs;
  std::string positions;
  for (std::uint32_t id : order) {
    const TermData& t = terms_[id];
    docids.clear();
    freqs.clear();
    positions.clear();
    const auto* p = reinterpret_cast<const std::uint8_t*>(t.postings.data());
    Cursor c(p, p + t.postings.size(), nullptr);
    std::uint32_t doc = 0;
    while (!c.at_end()) {
      doc += c.varint32();
      std::uint32_t freq = c.varint32();
      docids.push_back(doc);
      freqs.push_back(freq);
      if (!t.positional) continue;
      const std::uint8_t* start = c.pos();
      for (std::uint32_t j = 0; j < freq; ++j) c.varint();
      positions.append(reinterpret_cast<const char*>(start), static_cast<std::size_t>(c.pos() - start));
    }
    builder->add_term(text(t), docids, freqs, positions, t.positional);
  }
  for (const auto& d : docs_) builder->add_doc(d.encoded_record, d.length, d.facets);
}

void MemorySegment::clear() {
  text_.clear();
  text_.shrink_to_fit();
  terms_.clear();
  terms_.shrink_to_fit();
  slots_.assign(1 << 14, 0);
  slots_.shrink_to_fit();
  docs_.clear();
  docs_.shrink_to_fit();
  heap_bytes_ = 0;
}

}  // namespace search::index
