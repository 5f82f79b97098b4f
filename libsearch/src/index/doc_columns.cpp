// LENS body layout: length u32 * doc_count | doc_count u32 | total_length u64.
//
// FACT body layout (arrays start at 8-byte aligned offsets, so they can be read in place;
// gaps are zero padding):
//   for each column in the order committees (u16), days (i32), outcomes (u8), years (u16):
//     offsets u32 * (doc_count + 1) | values T * value_count
//   labels: count varint | (varint length + bytes) * count  (committee ordinal -> label)
//   trailer: doc_count u32 | per column: offsets_at u64, values_at u64, value_count u32 |
//            labels_at u64 | labels_size u64                                  (100 bytes)
#include "index/doc_columns.h"

#include <algorithm>
#include <cstring>

#include <search/record.h>

namespace search::index {
namespace {

constexpr std::size_t kFacetTrailerSize = 4 + 4 * 20 + 16;

// Howard Hinnant's days_from_civil.
std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void civil_from_days(std::int32_t z, int* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int>(yoe) + era * 400 + (*m <= 2);
}

void pad8(std::string* out, std::size_t body_offset) {
  while ((body_offset + out->size()) % 8 != 0) out->push_back('\0');
}

template <typename T>
void append_array(std::string* out, const std::vector<T>& values) {
  out->append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

}  // namespace

bool parse_iso_day(std::string_view iso, std::int32_t* day) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (std::size_t k = 0; k < lengths[i]; ++k) {
      char c = iso[starts[i] + k];
      if (c < '0' || c > '9') return false;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31) return false;
  *day = days_from_civil(parts[0], static_cast<unsigned>(parts[1]), static_cast<unsigned>(parts[2]));
  return true;
}

std::string iso_from_day(std::int32_t day) {
  int y;
  unsigned m, d;
  civil_from_days(day, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

int year_of_day(std::int32_t day) {
  int y;
  unsigned m, d;
  civil_from_days(day, &y, &m, &d);
  return y;
}

void DocColumnsBuilder::add(std::uint32_t length, const DocFacets& facets) {
  lengths_.push_back(length);
  total_length_ += length;
  for (const auto& label : facets.committees) {
    auto [it, inserted] = label_ordinals_.try_emplace(label, static_cast<std::uint16_t>(labels_.size()));
    if (inserted) {
      if (labels_.size() == 0xffff) throw Error(ErrorCode::kLimit, "more than 65535 committees in one segment");
      labels_.push_back(label);
    }
    committees_.values.push_back(it->second);
  }
  std::uint16_t last_year = 0;
  for (std::int32_t day : facets.days) {
    days_.values.push_back(day);
    auto year = static_cast<std::uint16_t>(std::clamp(year_of_day(day), 0, 0xffff));
    if (year != last_year) years_.values.push_back(year);
    last_year = year;
  }
  outcomes_.values.insert(outcomes_.values.end(), facets.outcomes.begin(), facets.outcomes.end());
  committees_.offsets.push_back(static_cast<std::uint32_t>(committees_.values.size()));
  days_.offsets.push_back(static_cast<std::uint32_t>(days_.values.size()));
  outcomes_.offsets.push_back(static_cast<std::uint32_t>(outcomes_.values.size()));
  years_.offsets.push_back(static_cast<std::uint32_t>(years_.values.size()));
}

void DocColumnsBuilder::write_lengths(FileBuilder* file) const {
  std::string body;
  append_array(&body, lengths_);
  put_u32(body, doc_count());
  put_u64(body, total_length_);
  file->append(body);
}

void DocColumnsBuilder::write_facets(FileBuilder* file) const {
  std::string body, trailer;
  put_u32(trailer, doc_count());
  auto column = [&](const auto& c) {
    pad8(&body, 0);
    put_u64(trailer, body.size());
    append_array(&body, c.offsets);
    pad8(&body, 0);
    put_u64(trailer, body.size());
    append_array(&body, c.values);
    put_u32(trailer, static_cast<std::uint32_t>(c.values.size()));
  };
  column(committees_);
  column(days_);
  column(outcomes_);
  column(years_);
  std::size_t labels_at = body.size();
  put_varint(body, labels_.size());
  for (const auto& label : labels_) put_bytes(body, label);
  put_u64(trailer, labels_at);
  put_u64(trailer, body.size() - labels_at);
  body.append(trailer);
  file->append(body);
}

DocLengths::DocLengths(std::unique_ptr<FileView> file) : file_(std::move(file)) {
  file_->verify_all();
  std::size_t size = file_->body_size();
  if (size < 12) file_->fail("length file too small");
  Cursor t = file_->cursor(size - 12, 12);
  doc_count_ = t.u32();
  total_length_ = t.u64();
  if (std::uint64_t{doc_count_} * 4 + 12 != size) file_->fail("length file size does not match its doc count");
  lengths_ = file_->body();
}

template <typename T>
MultiColumn<T> FacetColumns::locate(Cursor* t, Extent* extent) {
  extent->offsets_at = t->u64();
  extent->values_at = t->u64();
  extent->value_count = t->u32();
  std::size_t size = file_->body_size();
  std::uint64_t offsets_bytes = (std::uint64_t{doc_count_} + 1) * 4;
  if (extent->offsets_at % 8 != 0 || extent->values_at % 8 != 0 || extent->offsets_at > size ||
      offsets_bytes > size - extent->offsets_at || extent->values_at > size ||
      std::uint64_t{extent->value_count} * sizeof(T) > size - extent->values_at) {
    file_->fail("facet column out of range");
  }
  MultiColumn<T> c;
  c.offsets = reinterpret_cast<const std::uint32_t*>(file_->body() + extent->offsets_at);
  c.values = reinterpret_cast<const T*>(file_->body() + extent->values_at);
  return c;
}

template <typename T>
void FacetColumns::check_column(const Extent& extent, const MultiColumn<T>& c, std::size_t value_limit) const {
  file_->verify_range(extent.offsets_at, (std::size_t{doc_count_} + 1) * 4);
  file_->verify_range(extent.values_at, std::size_t{extent.value_count} * sizeof(T));
  if (c.offsets[0] != 0 || c.offsets[doc_count_] != extent.value_count) {
    file_->fail("facet column offsets do not match the value count");
  }
  for (std::uint32_t d = 0; d < doc_count_; ++d) {
    if (c.offsets[d] > c.offsets[d + 1]) file_->fail("facet column offsets decrease at doc " + std::to_string(d));
  }
  if (value_limit != 0) {
    for (std::uint32_t i = 0; i < extent.value_count; ++i) {
      if (static_cast<std::size_t>(c.values[i]) >= value_limit) file_->fail("facet value out of range");
    }
  }
}

void FacetColumns::check(Column c) const {
  std::lock_guard lock(check_mutex_);
  if (checked_.load(std::memory_order_acquire) & (1u << c)) return;
  switch (c) {
    case kCommittees:
      check_column(extents_[c], committees_, std::max<std::size_t>(labels_.size(), 1));
      if (labels_.empty() && committees_.offsets[doc_count_] != 0) file_->fail("committee ordinals without labels");
      break;
    case kDays:
      check_column(extents_[c], days_, 0);
      break;
    case kOutcomes:
      check_column(extents_[c], outcomes_, kOutcomeCount);
      break;
    default:
      check_column(extents_[c], years_, 0);
      break;
  }
  checked_.fetch_or(1u << c, std::memory_order_acq_rel);
}

void FacetColumns::validate() const {
  file_->verify_all();
  for (unsigned c = 0; c < kColumnCount; ++c) check(static_cast<Column>(c));
}

FacetColumns::FacetColumns(std::unique_ptr<FileView> file) : file_(std::move(file)) {
  std::size_t size = file_->body_size();
  if (size < kFacetTrailerSize) file_->fail("facet file too small");
  file_->verify_range(size - kFacetTrailerSize, kFacetTrailerSize);
  Cursor t = file_->cursor(size - kFacetTrailerSize, kFacetTrailerSize);
  doc_count_ = t.u32();
  Cursor probe = t;
  probe.skip(4 * 20);
  std::uint64_t labels_at = probe.u64();
  std::uint64_t labels_size = probe.u64();
  if (labels_at > size - kFacetTrailerSize || labels_size > size - kFacetTrailerSize - labels_at) {
    file_->fail("facet labels out of range");
  }
  // The labels are small and every committee filter needs them: read at open.
  file_->verify_range(labels_at, labels_size);
  Cursor labels = file_->cursor(labels_at, labels_size);
  std::uint64_t label_count = labels.varint();
  if (label_count > labels_size) labels.fail("bad committee label count");
  for (std::uint64_t i = 0; i < label_count; ++i) labels_.push_back(labels.length_prefixed());
  committees_ = locate<std::uint16_t>(&t, &extents_[kCommittees]);
  days_ = locate<std::int32_t>(&t, &extents_[kDays]);
  outcomes_ = locate<std::uint8_t>(&t, &extents_[kOutcomes]);
  years_ = locate<std::uint16_t>(&t, &extents_[kYears]);
}

int FacetColumns::committee_ordinal(std::string_view label) const {
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    if (labels_[i] == label) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace search::index
