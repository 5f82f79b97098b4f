// record_from_json: the inverse of record_to_json. A small recursive-descent JSON reader
// (RFC 8259: objects, arrays, strings with every escape, numbers, true/false/null) into a
// tree, then the tree into a Record. Nesting is limited so that hostile input cannot
// exhaust the stack; every error names the byte offset.
#include <search/committees.h>
#include <search/error.h>
#include <search/record_json.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/unicode.h"

namespace search {
namespace {

constexpr int kMaxDepth = 32;

struct Value {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = Kind::kNull;
  double number = 0;
  std::string text;
  std::vector<Value> items;                           // kArray
  std::vector<std::pair<std::string, Value>> fields;  // kObject
  std::size_t offset = 0;                             // where the value starts
};

[[noreturn]] void fail(const std::string& what, std::size_t offset) {
  throw Error(ErrorCode::kParse, "record JSON: " + what + " at byte " + std::to_string(offset));
}

class Reader {
 public:
  explicit Reader(std::string_view json) : json_(json) {}

  Value document() {
    Value value = parse(0);
    if (!at_end()) fail("text after the JSON value", pos_);
    return value;
  }

  // For a sequence of values separated by white space (JSON lines).
  bool at_end() {
    skip_space();
    return pos_ == json_.size();
  }
  Value next() { return parse(0); }

 private:
  void skip_space() {
    while (pos_ < json_.size() && (json_[pos_] == ' ' || json_[pos_] == '\t' ||
                                   json_[pos_] == '\n' || json_[pos_] == '\r')) {
      ++pos_;
    }
  }

  char peek() {
    skip_space();
    if (pos_ >= json_.size()) fail("unexpected end", pos_);
    return json_[pos_];
  }

  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'", pos_);
    ++pos_;
  }

  Value parse(int depth) {
    if (depth > kMaxDepth) fail("nesting deeper than " + std::to_string(kMaxDepth), pos_);
    Value value;
    char c = peek();
    value.offset = pos_;
    if (c == '{') return parse_object(std::move(value), depth);
    if (c == '[') return parse_array(std::move(value), depth);
    if (c == '"') {
      value.kind = Value::Kind::kString;
      value.text = parse_string();
      return value;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number(std::move(value));
    for (auto [word, kind] :
         {std::pair{"true", Value::Kind::kBool}, std::pair{"false", Value::Kind::kBool},
          std::pair{"null", Value::Kind::kNull}}) {
      std::string_view w(word);
      if (json_.substr(pos_, w.size()) == w) {
        pos_ += w.size();
        value.kind = kind;
        value.number = w == "true" ? 1 : 0;
        return value;
      }
    }
    fail("unexpected character", pos_);
  }

  Value parse_object(Value value, int depth) {
    value.kind = Value::Kind::kObject;
    ++pos_;
    if (peek() == '}') return ++pos_, value;
    for (;;) {
      if (peek() != '"') fail("expected a field name", pos_);
      std::string name = parse_string();
      expect(':');
      value.fields.emplace_back(std::move(name), parse(depth + 1));
      if (peek() == '}') return ++pos_, value;
      expect(',');
    }
  }

  Value parse_array(Value value, int depth) {
    value.kind = Value::Kind::kArray;
    ++pos_;
    if (peek() == ']') return ++pos_, value;
    for (;;) {
      value.items.push_back(parse(depth + 1));
      if (peek() == ']') return ++pos_, value;
      expect(',');
    }
  }

  Value parse_number(Value value) {
    std::size_t start = pos_;
    if (json_[pos_] == '-') ++pos_;
    auto digits = [&] {
      std::size_t from = pos_;
      while (pos_ < json_.size() && json_[pos_] >= '0' && json_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (digits() == 0) fail("bad number", start);
    if (pos_ < json_.size() && json_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) fail("bad number", start);
    }
    if (pos_ < json_.size() && (json_[pos_] == 'e' || json_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < json_.size() && (json_[pos_] == '+' || json_[pos_] == '-')) ++pos_;
      if (digits() == 0) fail("bad number", start);
    }
    value.kind = Value::Kind::kNumber;
    // strtod, not stod: "1e999" is infinity here (refused later as a line number), not an
    // exception of another type.
    value.number = std::strtod(std::string(json_.substr(start, pos_ - start)).c_str(), nullptr);
    return value;
  }

  unsigned hex4() {
    if (pos_ + 4 > json_.size()) fail("short \\u escape", pos_);
    unsigned code = 0;
    for (int k = 0; k < 4; ++k) {
      char h = json_[pos_++];
      code <<= 4;
      if (h >= '0' && h <= '9')
        code |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f')
        code |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        code |= static_cast<unsigned>(h - 'A' + 10);
      else
        fail("bad \\u escape", pos_ - 1);
    }
    return code;
  }

  char32_t escaped_code_point() {
    char32_t cp = hex4();
    if (cp >= 0xD800 && cp < 0xDC00) {  // a surrogate pair
      if (json_.substr(pos_, 2) != "\\u") fail("lone surrogate", pos_);
      pos_ += 2;
      char32_t low = hex4();
      if (low < 0xDC00 || low >= 0xE000) fail("bad surrogate pair", pos_);
      return 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    if (cp >= 0xDC00 && cp < 0xE000) fail("lone surrogate", pos_);
    return cp;
  }

  std::string parse_string() {
    std::size_t start = pos_++;
    std::string out;
    for (;;) {
      if (pos_ >= json_.size()) fail("unterminated string", start);
      auto c = static_cast<unsigned char>(json_[pos_]);
      if (c == '"') return ++pos_, out;
      if (c < 0x20) fail("control character in a string", pos_);
      if (c == '\\') {
        if (++pos_ >= json_.size()) fail("unterminated string", start);
        char e = json_[pos_++];
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out.push_back(e);
            break;
          case 'b':
            out.push_back('\b');
            break;
          case 'f':
            out.push_back('\f');
            break;
          case 'n':
            out.push_back('\n');
            break;
          case 'r':
            out.push_back('\r');
            break;
          case 't':
            out.push_back('\t');
            break;
          case 'u':
            analysis::append_utf8(out, escaped_code_point());
            break;
          default:
            fail("bad escape", pos_ - 1);
        }
        continue;
      }
      std::size_t length = 1;
      char32_t cp = analysis::decode_utf8(json_, pos_, length);
      if (cp == analysis::kReplacementChar && length == 1 && c >= 0x80) fail("invalid UTF-8", pos_);
      out.append(json_.substr(pos_, length));
      pos_ += length;
    }
  }

  std::string_view json_;
  std::size_t pos_ = 0;
};

// ---- From the tree to a Record ------------------------------------------------------------

std::string as_string(const Value& v, std::string_view name) {
  if (v.kind == Value::Kind::kNull) return {};
  if (v.kind != Value::Kind::kString)
    fail("'" + std::string(name) + "' must be a string", v.offset);
  return v.text;
}

const std::vector<Value>& as_array(const Value& v, std::string_view name) {
  static const std::vector<Value> kNone;
  if (v.kind == Value::Kind::kNull) return kNone;
  if (v.kind != Value::Kind::kArray) fail("'" + std::string(name) + "' must be an array", v.offset);
  return v.items;
}

void require_object(const Value& v, std::string_view what) {
  if (v.kind != Value::Kind::kObject) fail(std::string(what) + " must be an object", v.offset);
}

std::vector<std::string> as_strings(const Value& v, std::string_view name) {
  std::vector<std::string> out;
  for (const Value& item : as_array(v, name)) out.push_back(as_string(item, name));
  return out;
}

Outcome as_outcome(const Value& v) {
  std::string name = as_string(v, "outcome");
  if (name.empty()) return Outcome::kUkendt;
  std::optional<Outcome> outcome = outcome_from_name(name);
  if (!outcome) fail("unknown outcome '" + name + "'", v.offset);
  return *outcome;
}

PointOutcome to_point(const Value& v) {
  require_object(v, "a point");
  PointOutcome point;
  for (const auto& [name, field] : v.fields) {
    if (name == "points")
      point.points = as_string(field, name);
    else if (name == "outcome")
      point.outcome = as_outcome(field);
    else if (name == "raw")
      point.raw = as_string(field, name);
  }
  return point;
}

// A committee given by its name gets its abbreviation from the table, and one given by its
// abbreviation alone gets its name, so that facets and `udvalg:` find it either way.
void complete_committee(Decision& decision) {
  if (decision.committee.empty() || !decision.committee_abbrev.empty()) return;
  std::optional<Committee> committee = find_committee(decision.committee);
  if (!committee) return;
  decision.committee_abbrev = std::string(committee->abbrev);
  if (decision.committee == committee->abbrev) decision.committee = std::string(committee->name);
}

Decision to_decision(const Value& v) {
  require_object(v, "a decision");
  Decision decision;
  for (const auto& [name, field] : v.fields) {
    if (name == "committee")
      decision.committee = as_string(field, name);
    else if (name == "committee_abbrev")
      decision.committee_abbrev = as_string(field, name);
    else if (name == "date")
      decision.date = as_string(field, name);
    else if (name == "outcome")
      decision.outcome = as_outcome(field);
    else if (name == "outcome_raw")
      decision.outcome_raw = as_string(field, name);
    else if (name == "text")
      decision.text = as_string(field, name);
    else if (name == "points") {
      for (const Value& point : as_array(field, name)) decision.points.push_back(to_point(point));
    }
  }
  complete_committee(decision);
  return decision;
}

Section to_section(const Value& v) {
  require_object(v, "a section");
  Section section;
  for (const auto& [name, field] : v.fields) {
    if (name == "heading")
      section.heading = as_string(field, name);
    else if (name == "text")
      section.text = as_string(field, name);
  }
  return section;
}

std::uint32_t as_line(const Value& v) {
  if (v.kind == Value::Kind::kNull) return 0;
  // Range first: converting an out-of-range double to an integer is undefined.
  if (v.kind != Value::Kind::kNumber || !(v.number >= 0) ||
      v.number > std::numeric_limits<std::uint32_t>::max() || v.number != std::floor(v.number)) {
    fail("'source_line' must be a whole number from 0 to 4294967295", v.offset);
  }
  return static_cast<std::uint32_t>(v.number);
}

void read_field(Record& r, const std::string& name, const Value& field) {
  if (name == "id")
    r.id = as_string(field, name);
  else if (name == "title")
    r.title = as_string(field, name);
  else if (name == "case_number")
    r.case_number = as_string(field, name);
  else if (name == "access")
    r.access = as_string(field, name);
  else if (name == "route")
    r.route = as_strings(field, name);
  else if (name == "absent")
    r.absent = as_strings(field, name);
  else if (name == "attachments")
    r.attachments = as_strings(field, name);
  else if (name == "municipality")
    r.municipality = as_string(field, name);
  else if (name == "source")
    r.source = as_string(field, name);
  else if (name == "source_line")
    r.source_line = as_line(field);
  else if (name == "decisions") {
    for (const Value& d : as_array(field, name)) r.decisions.push_back(to_decision(d));
  } else if (name == "sections") {
    for (const Value& s : as_array(field, name)) r.sections.push_back(to_section(s));
  }
  // Other fields are ignored, so that newer writers' records still read.
}

Record to_record(const Value& root) {
  require_object(root, "a record");
  Record record;
  for (const auto& [name, field] : root.fields) read_field(record, name, field);
  if (record.id.empty()) fail("the record has no 'id'", root.offset);
  return record;
}

}  // namespace

Record record_from_json(std::string_view json) { return to_record(Reader(json).document()); }

std::vector<Record> records_from_json(std::string_view json) {
  Reader reader(json);
  std::vector<Record> records;
  while (!reader.at_end()) records.push_back(to_record(reader.next()));
  return records;
}

}  // namespace search
