#include "index/memory_segment.h"

#include <algorithm>
#include <cstring>

#include <search/error.h>

#include "index/coding.h"

namespace search::index {
namespace {

// Slice sizes: 16 << level bytes, the last 4 of which hold the next slice's address.
constexpr std::uint8_t kMaxLevel = 8;  // 4 KiB slices
constexpr std::uint32_t slice_size(std::uint8_t level) { return 16u << level; }
constexpr std::uint32_t kMaxPages = 1u << 16;  // 32-bit pool addresses: 4 GiB

bool same_bytes(const char* a, const char* b, std::size_t n) {
  // Terms are short: a byte loop beats a call to memcmp.
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

MemorySegment::MemorySegment() : slots_(1 << 14, 0) {}

std::uint32_t MemorySegment::allocate(std::uint32_t size) {
  if (page_used_ + size > kPageSize) {
    if (pages_.size() >= kMaxPages) throw Error(ErrorCode::kLimit, "more than 4 GiB of postings in one in-memory segment");
    pages_.push_back(std::make_unique_for_overwrite<std::uint8_t[]>(kPageSize));
    page_used_ = 0;
  }
  auto address = static_cast<std::uint32_t>(((pages_.size() - 1) << kPageBits) | page_used_);
  page_used_ += size;
  return address;
}

void MemorySegment::next_slice(TermData& t) {
  std::uint8_t level = std::min<std::uint8_t>(t.level + 1, kMaxLevel);
  std::uint32_t address = allocate(slice_size(level));
  std::memcpy(at(t.slice_end), &address, 4);
  t.tail = address;
  t.slice_end = address + slice_size(level) - 4;
  t.level = level;
}

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
  std::uint32_t head = allocate(slice_size(0));
  terms_.push_back({static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(term.size()), h, 0, 0, head,
                    head, head + slice_size(0) - 4, 0, positional});
  text_.append(term);
  slots_[i] = (std::uint64_t{h} << 32) | terms_.size();
  return static_cast<std::uint32_t>(terms_.size() - 1);
}

void MemorySegment::add_posting(TermData& t, const DocTerm& d, std::uint32_t docid) {
  put_varint(t, t.df == 0 ? docid : docid - t.last_doc);
  put_varint(t, d.freq);
  // A term keeps the kind of its first occurrence (the term scheme makes kinds disjoint);
  // mismatched positions are padded or dropped so the stream stays aligned.
  if (t.positional) {
    for (std::uint32_t j = 0; j < d.freq; ++j) {
      put_varint(t, d.positional ? (j == 0 ? d.positions[0] : d.positions[j] - d.positions[j - 1]) : 0);
    }
  }
  t.last_doc = docid;
  ++t.df;
}

// Four stages, kAhead terms apart, overlap the cache misses of consecutive terms: prefetch
// the hash slot; read it and prefetch the term record; read that and prefetch the term's
// bytes and its slice tail; then look the term up for real and append the posting.
void MemorySegment::doc_terms(std::span<const DocTerm> batch) {
  constexpr std::size_t kAhead = 4;
  const auto docid = static_cast<std::uint32_t>(docs_.size());
  const std::size_t n = batch.size();
  while ((terms_.size() + n) * 2 >= slots_.size()) grow();
  // No reallocation under the prefetched records (growing geometrically: reserve() alone
  // would reallocate for every document).
  if (terms_.capacity() < terms_.size() + n) terms_.reserve(std::max(terms_.capacity() * 2, terms_.size() + n));
  const std::size_t mask = slots_.size() - 1;
  candidates_.assign(n, 0);
  for (std::size_t i = 0; i < n + 3 * kAhead; ++i) {
    if (i < n) __builtin_prefetch(&slots_[batch[i].hash & mask]);
    if (i >= kAhead && i - kAhead < n) {
      const DocTerm& d = batch[i - kAhead];
      std::uint64_t slot = slots_[d.hash & mask];
      if (slot != 0 && (slot >> 32) == d.hash) {
        candidates_[i - kAhead] = static_cast<std::uint32_t>(slot);
        __builtin_prefetch(&terms_[static_cast<std::uint32_t>(slot) - 1]);
      }
    }
    if (i >= 2 * kAhead && i - 2 * kAhead < n) {
      if (std::uint32_t c = candidates_[i - 2 * kAhead]; c != 0) {
        const TermData& t = terms_[c - 1];
        __builtin_prefetch(text_.data() + t.text_offset);
        __builtin_prefetch(at(t.tail), 1);
      }
    }
    if (i >= 3 * kAhead) {
      const DocTerm& d = batch[i - 3 * kAhead];
      TermData& t = terms_[find_or_add(d.term, d.hash, d.positional)];
      add_posting(t, d, docid);
    }
  }
}

void MemorySegment::add_document(AnalyzedDoc&& doc) {
  if (docs_.size() >= 0xfffffffeu) throw Error(ErrorCode::kLimit, "more than 2^32 - 2 documents in one segment");
  heap_bytes_ += doc.encoded_record.capacity() + sizeof(StoredDoc) + 16 * doc.facets.committees.size() +
                 4 * doc.facets.days.size() + doc.facets.outcomes.size();
  docs_.push_back({std::move(doc.encoded_record), doc.length, std::move(doc.facets)});
}

std::size_t MemorySegment::memory_usage() const {
  return heap_bytes_ + text_.capacity() + terms_.capacity() * sizeof(TermData) + slots_.capacity() * 8 +
         pages_.size() * std::size_t{kPageSize};
}

namespace {

// Reads a term's bytes back along its slice chain.
class SliceReader {
 public:
  SliceReader(const std::vector<std::unique_ptr<std::uint8_t[]>>& pages, std::uint32_t head, std::uint32_t page_bits)
      : pages_(pages), page_bits_(page_bits) {
    enter(head);
  }
  std::uint8_t byte() {
    if (pos_ == end_) {
      std::uint32_t next;
      std::memcpy(&next, end_, 4);
      level_ = std::min<std::uint8_t>(level_ + 1, kMaxLevel);
      enter(next);
    }
    return *pos_++;
  }
  std::uint32_t varint() {
    std::uint32_t v = 0;
    for (int shift = 0;; shift += 7) {
      std::uint8_t b = byte();
      v |= std::uint32_t{b & 0x7fu} << shift;
      if ((b & 0x80) == 0) return v;
    }
  }

 private:
  void enter(std::uint32_t address) {
    pos_ = pages_[address >> page_bits_].get() + (address & ((1u << page_bits_) - 1));
    end_ = pos_ + slice_size(level_) - 4;
  }
  const std::vector<std::unique_ptr<std::uint8_t[]>>& pages_;
  std::uint32_t page_bits_;
  const std::uint8_t* pos_ = nullptr;
  const std::uint8_t* end_ = nullptr;
  std::uint8_t level_ = 0;
};

}  // namespace

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
  std::vector<std::uint32_t> docids, freqs;
  std::string positions;
  for (const auto& [key, id] : keyed) {
    const TermData& t = terms_[id];
    docids.resize(t.df);
    freqs.resize(t.df);
    positions.clear();
    SliceReader r(pages_, t.head, kPageBits);
    std::uint32_t doc = 0;
    for (std::uint32_t k = 0; k < t.df; ++k) {
      doc += r.varint();
      std::uint32_t freq = r.varint();
      docids[k] = doc;
      freqs[k] = freq;
      if (!t.positional) continue;
      for (std::uint32_t j = 0; j < freq;) {
        std::uint8_t b = r.byte();
        positions.push_back(static_cast<char>(b));
        j += (b & 0x80) == 0;
      }
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
  pages_.clear();
  pages_.shrink_to_fit();
  page_used_ = kPageSize;
  docs_.clear();
  docs_.shrink_to_fit();
  heap_bytes_ = 0;
  candidates_.clear();
  candidates_.shrink_to_fit();
}

}  // namespace search::index
