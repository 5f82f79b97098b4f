#include <search/record_json.h>

#include "util/json.h"

namespace search {
namespace {

void write_strings(util::JsonWriter& json, std::string_view name,
                   const std::vector<std::string>& items) {
  json.key(name).begin_array();
  for (const auto& item : items) json.value(item);
  json.end_array();
}

void write_decision(util::JsonWriter& json, const Decision& decision) {
  json.begin_object()
      .field("committee", decision.committee)
      .field("committee_abbrev", decision.committee_abbrev)
      .field("date", decision.date)
      .field("outcome", outcome_name(decision.outcome))
      .field("outcome_raw", decision.outcome_raw);
  json.key("points").begin_array();
  for (const auto& point : decision.points) {
    json.begin_object()
        .field("points", point.points)
        .field("outcome", outcome_name(point.outcome))
        .field("raw", point.raw)
        .end_object();
  }
  json.end_array().field("text", decision.text).end_object();
}

}  // namespace

void append_record_json(const Record& record, std::string& out) {
  util::JsonWriter json(out);
  json.begin_object()
      .field("id", record.id)
      .field("title", record.title)
      .field("case_number", record.case_number)
      .field("access", record.access);
  write_strings(json, "route", record.route);
  json.key("decisions").begin_array();
  for (const auto& decision : record.decisions) write_decision(json, decision);
  json.end_array();
  write_strings(json, "absent", record.absent);
  write_strings(json, "attachments", record.attachments);
  json.key("sections").begin_array();
  for (const auto& section : record.sections) {
    json.begin_object().field("heading", section.heading).field("text", section.text).end_object();
  }
  json.end_array()
      .field("municipality", record.municipality)
      .field("source", record.source)
      .field("source_line", record.source_line)
      .end_object();
}

std::string record_to_json(const Record& record) {
  std::string out;
  append_record_json(record, out);
  return out;
}

}  // namespace search
