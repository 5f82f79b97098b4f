// Per-document columns of a segment: document lengths for BM25 ("LENS" file) and the facet
// columns ("FACT" file): committee ordinals, decision days, outcome ordinals and years, all
// multi-valued. Facet counting and date filtering read these arrays, never stored records.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/file_format.h"

namespace search::index {

// Days since 1970-01-01 of an ISO "YYYY-MM-DD" date; false if `iso` is not one.
bool parse_iso_day(std::string_view iso, std::int32_t* day);
// The ISO date of a day number.
std::string iso_from_day(std::int32_t day);
int year_of_day(std::int32_t day);

// The facet values of one document, as the writer derives them from a Record.
struct DocFacets {
  std::vector<std::string> committees;  // facet labels (as in the XC term, without "XC")
  std::vector<std::int32_t> days;       // decision days, ascending, distinct
  std::vector<std::uint8_t> outcomes;   // Outcome values, ascending, distinct
};

class DocColumnsBuilder {
 public:
  void add(std::uint32_t length, const DocFacets& facets);
  std::uint32_t doc_count() const { return static_cast<std::uint32_t>(lengths_.size()); }
  void write_lengths(FileBuilder* file) const;
  void write_facets(FileBuilder* file) const;

 private:
  template <typename T>
  struct Column {
    std::vector<std::uint32_t> offsets{0};
    std::vector<T> values;
  };
  std::vector<std::uint32_t> lengths_;
  std::uint64_t total_length_ = 0;
  std::unordered_map<std::string, std::uint16_t> label_ordinals_;
  std::vector<std::string> labels_;
  Column<std::uint16_t> committees_;
  Column<std::int32_t> days_;
  Column<std::uint8_t> outcomes_;
  Column<std::uint16_t> years_;
};

// A multi-valued column: the values of doc d are values[offsets[d] .. offsets[d + 1]).
// Both arrays point into the mapped file and are validated at open.
template <typename T>
struct MultiColumn {
  const std::uint32_t* offsets = nullptr;  // doc_count + 1 entries
  const T* values = nullptr;
  std::span<const T> of(std::uint32_t doc) const {
    return {values + offsets[doc], values + offsets[doc + 1]};
  }
};

// Document lengths: validated completely at open. Immutable, thread-safe.
class DocLengths {
 public:
  explicit DocLengths(std::unique_ptr<FileView> file);
  std::uint32_t doc_count() const { return doc_count_; }
  std::uint32_t length(std::uint32_t doc) const { return load_u32(lengths_ + 4 * std::size_t{doc}); }
  std::uint64_t total_length() const { return total_length_; }
  const FileView& file() const { return *file_; }

 private:
  std::unique_ptr<FileView> file_;
  const std::uint8_t* lengths_ = nullptr;
  std::uint32_t doc_count_ = 0;
  std::uint64_t total_length_ = 0;
};

// Facet columns: validated completely at open. Immutable, thread-safe.
// The facet columns of a segment. Opening reads only the trailer and the label table; each
// column's pages are checksummed and its offsets and values checked (monotone, in range)
// when the column is first used, so that a query without facets, date filters or date order
// reads none of the file. A damaged column is Error(kCorrupt) naming the file at that use
// (and at every later one). Thread-safe.
class FacetColumns {
 public:
  explicit FacetColumns(std::unique_ptr<FileView> file);
  std::uint32_t doc_count() const { return doc_count_; }
  // Committee ordinals index this segment's label table.
  const MultiColumn<std::uint16_t>& committees() const { return checked(kCommittees, committees_); }
  const MultiColumn<std::int32_t>& days() const { return checked(kDays, days_); }
  const MultiColumn<std::uint8_t>& outcomes() const { return checked(kOutcomes, outcomes_); }
  const MultiColumn<std::uint16_t>& years() const { return checked(kYears, years_); }
  std::size_t committee_label_count() const { return labels_.size(); }
  std::string_view committee_label(std::uint16_t ordinal) const { return labels_[ordinal]; }
  // The ordinal of a label in this segment, or -1 if no document here has it.
  int committee_ordinal(std::string_view label) const;
  const FileView& file() const { return *file_; }
  // Checks every page and every column now (search-indexer check).
  void validate() const;

 private:
  enum Column : unsigned { kCommittees, kDays, kOutcomes, kYears, kColumnCount };
  struct Extent {
    std::uint64_t offsets_at = 0;
    std::uint64_t values_at = 0;
    std::uint32_t value_count = 0;
  };
  template <typename T>
  MultiColumn<T> locate(Cursor* trailer, Extent* extent);
  template <typename T>
  const MultiColumn<T>& checked(Column c, const MultiColumn<T>& column) const {
    if (!(checked_.load(std::memory_order_acquire) & (1u << c))) check(c);
    return column;
  }
  void check(Column c) const;
  template <typename T>
  void check_column(const Extent& extent, const MultiColumn<T>& column, std::size_t value_limit) const;

  std::unique_ptr<FileView> file_;
  std::uint32_t doc_count_ = 0;
  std::vector<std::string_view> labels_;
  Extent extents_[kColumnCount];
  MultiColumn<std::uint16_t> committees_;
  MultiColumn<std::int32_t> days_;
  MultiColumn<std::uint8_t> outcomes_;
  MultiColumn<std::uint16_t> years_;
  mutable std::atomic<unsigned> checked_{0};  // bit c: column c passed its checks
  mutable std::mutex check_mutex_;
};

}  // namespace search::index
