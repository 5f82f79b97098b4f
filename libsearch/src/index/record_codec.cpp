#include "index/record_codec.h"

namespace search::index {
namespace {

void put_strings(std::string* out, const std::vector<std::string>& values) {
  put_varint(*out, values.size());
  for (const auto& v : values) put_bytes(*out, v);
}

// Counts are bounded by the bytes left, so a damaged count cannot make us allocate wildly.
std::size_t get_count(Cursor* in) {
  std::uint64_t n = in->varint();
  if (n > in->remaining()) in->fail("stored record: count " + std::to_string(n) + " exceeds the data");
  return static_cast<std::size_t>(n);
}

std::string get_string(Cursor* in) { return std::string(in->length_prefixed()); }

std::vector<std::string> get_strings(Cursor* in) {
  std::vector<std::string> values(get_count(in));
  for (auto& v : values) v = get_string(in);
  return values;
}

Outcome get_outcome(Cursor* in) {
  std::uint8_t v = in->u8();
  if (v >= kOutcomeCount) in->fail("stored record: outcome " + std::to_string(v) + " out of range");
  return static_cast<Outcome>(v);
}

}  // namespace

void encode_record(const Record& r, std::string* out) {
  for (const std::string* s : {&r.id, &r.title, &r.case_number, &r.access, &r.municipality, &r.source}) {
    put_bytes(*out, *s);
  }
  put_varint(*out, r.source_line);
  put_strings(out, r.route);
  put_varint(*out, r.decisions.size());
  for (const auto& d : r.decisions) {
    put_bytes(*out, d.committee);
    put_bytes(*out, d.committee_abbrev);
    put_bytes(*out, d.date);
    put_u8(*out, static_cast<std::uint8_t>(d.outcome));
    put_bytes(*out, d.outcome_raw);
    put_bytes(*out, d.text);
    put_varint(*out, d.points.size());
    for (const auto& p : d.points) {
      put_bytes(*out, p.points);
      put_u8(*out, static_cast<std::uint8_t>(p.outcome));
      put_bytes(*out, p.raw);
    }
  }
  put_varint(*out, r.sections.size());
  for (const auto& s : r.sections) {
    put_bytes(*out, s.heading);
    put_bytes(*out, s.text);
  }
  put_strings(out, r.absent);
  put_strings(out, r.attachments);
}

Record decode_record(Cursor* in) {
  Record r;
  for (std::string* s : {&r.id, &r.title, &r.case_number, &r.access, &r.municipality, &r.source}) {
    *s = get_string(in);
  }
  r.source_line = in->varint32();
  r.route = get_strings(in);
  r.decisions.resize(get_count(in));
  for (auto& d : r.decisions) {
    d.committee = get_string(in);
    d.committee_abbrev = get_string(in);
    d.date = get_string(in);
    d.outcome = get_outcome(in);
    d.outcome_raw = get_string(in);
    d.text = get_string(in);
    d.points.resize(get_count(in));
    for (auto& p : d.points) {
      p.points = get_string(in);
      p.outcome = get_outcome(in);
      p.raw = get_string(in);
    }
  }
  r.sections.resize(get_count(in));
  for (auto& s : r.sections) {
    s.heading = get_string(in);
    s.text = get_string(in);
  }
  r.absent = get_strings(in);
  r.attachments = get_strings(in);
  return r;
}

std::string_view decoded_record_id(Cursor in) { return in.length_prefixed(); }

}  // namespace search::index
