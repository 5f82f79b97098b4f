// The minutes parser's second pass: builds records from classified lines (lines.h).
//
// A file is a meeting header (optional) followed by items. An item starts at an item line
// ("Punkt 3: ...", a confirmed "3. ...", "## ...") or, in a file without item lines, at its
// first line of text (the title). Lines before the first item that carry meeting
// information (committee, date, municipality, absent members) fill the meeting, whose
// committee and date decisions without their own inherit. An item is kept if it has any
// structure (access, case number, route, a heading, a decision) or, for an explicit item,
// any text; a table of contents (item lines with nothing under them) thus disappears.
#include <search/committees.h>
#include <search/error.h>
#include <search/minutes.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

#include "analysis/unicode.h"
#include "minutes/decision_text.h"
#include "minutes/lines.h"
#include "minutes/municipality.h"
#include "minutes/text.h"

namespace search {
namespace minutes {
namespace {

enum class Field { kNone, kTitle, kRoute, kSection, kDecision, kAbsent, kAttachments };

struct Meeting {
  std::string committee;
  std::string abbrev;
  std::string date;
  std::string municipality;
  std::vector<std::string> absent;
};

struct Item {
  Record record;
  bool explicit_start = false;
  int number = 0;
  bool structured = false;
  bool has_text = false;
  bool own_absent = false;
  bool attachments_numbered = false;
  Field field = Field::kNone;
  Field text_field = Field::kNone;  // where text goes back to after a list of names
  std::size_t index = 0;            // of the open section or decision
  bool pending_blank = false;
  bool in_history = false;          // under "Tidligere beslutninger"
  std::size_t last_line_bytes = 0;  // of the last line appended
};

// A line at least this long that ends without a full stop was wrapped by the layout.
constexpr std::size_t kWrappedLine = 60;

struct Kept {
  Record record;
  int number;
};

std::string source_key(std::string_view source, std::string_view root) {
  if (!root.empty() && source.starts_with(root)) source.remove_prefix(root.size());
  while (source.starts_with("./")) source.remove_prefix(2);
  while (source.starts_with("/")) source.remove_prefix(1);
  std::size_t slash = source.find_last_of('/');
  std::size_t dot = source.find_last_of('.');
  if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash + 1)) {
    source = source.substr(0, dot);
  }
  return std::string(source);
}

bool is_lower_start(std::string_view text) {
  if (text.empty()) return false;
  if (text[0] >= 'a' && text[0] <= 'z') return true;
  return text.size() > 1 && text[0] == '\xC3' &&
         (text[1] == '\xA6' || text[1] == '\xB8' || text[1] == '\xA5');
}

// "1 - Åben Kommissorium", "l- Aben ..." (OCR'd 1), "2) ...", "Bilag 3: ...", "- ...".
bool is_attachment_start(std::string_view text) {
  if (starts_with_ci(text, "bilag ")) return true;
  if (text.starts_with("- ") || text.starts_with("\xE2\x80\xA2")) return true;
  std::size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == 0 && (text.starts_with("l") || text.starts_with("I"))) i = 1;
  if (i == 0 || i > 3) return false;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  return i < text.size() && std::strchr("-.):", text[i]) != nullptr;
}

// A line under "Afbud:": one or more names, "Tina Nicolajsen (FOA)", "Jens Hansen, Ole Olsen".
bool looks_like_names(std::string_view text) {
  if (text.size() > 120 || std::count(text.begin(), text.end(), ' ') > 12) return false;
  if (text.find(' ') == std::string_view::npos && text.find('(') == std::string_view::npos) {
    return false;  // a single word is a heading or a stray line, not a name
  }
  return text.back() != '.' && text.back() != ':';
}

// Quote marks and bars around a token are OCR noise: '" TMU' is TMU.
std::string_view trim_quotes(std::string_view text) {
  static constexpr std::string_view kQuotes[] = {"\"", "'", "|", "\xE2\x80\x9C", "\xE2\x80\x9D",
                                                 "\xE2\x80\x9E", "\xE2\x80\x98", "\xE2\x80\x99"};
  for (bool again = true; again;) {
    again = false;
    text = trim(text);
    for (std::string_view quote : kQuotes) {
      if (text.starts_with(quote)) text.remove_prefix(quote.size()), again = true;
      if (text.ends_with(quote)) text.remove_suffix(quote.size()), again = true;
    }
  }
  return text;
}

// "Åben", "Lukket punkt", OCR "Aben" -> the normalised access.
std::string access_name(std::string_view marker) {
  return fold(marker).starts_with("lukket") ? "Lukket Sag" : "Åben Sag";
}

// "Salg af byggegrund (Lukket punkt)", "Køb af ejendom - Lukket punkt": removes an access
// marker from the end of an item's title and returns it (empty if there is none).
std::string_view take_access_suffix(std::string_view& title) {
  static constexpr std::string_view kMarkers[] = {"lukket punkt", "lukket sag", "lukket",
                                                  "abent punkt", "aben sag", "aben", "abent"};
  std::string_view text = trim(title);
  std::size_t start = std::string_view::npos;
  if (text.ends_with(")")) {
    start = text.rfind('(');
  } else if (std::size_t dash = text.rfind(" - "); dash != std::string_view::npos) {
    start = dash + 1;
  }
  if (start == std::string_view::npos || start == 0 || text.size() - start > 24) return {};
  std::string marker = fold(text.substr(start));
  collapse_digraphs(marker);
  for (std::string_view known : kMarkers) {
    if (marker == known) {
      std::string_view found = text.substr(start);
      title = trim(text.substr(0, start));
      return found;
    }
  }
  return {};
}

std::string clean_title(std::string_view title) {
  std::string out = collapse_spaces(title);
  for (std::string_view tail : {"( )", "()"}) {
    if (out.ends_with(tail)) out = std::string(trim(out.substr(0, out.size() - tail.size())));
  }
  while (!out.empty() && out.back() == ':') out.pop_back();
  return out;
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view source, const ParseOptions& options,
         ParseResult& result)
      : text_(text), source_(source), options_(options), result_(result) {}

  void run() {
    for (std::size_t i = 0; reader_.get(i) != nullptr; ++i) {
      handle(i);
      reader_.release_before(i + 1);
    }
    finish_item();
    finalize();
  }

 private:
  void warn(std::uint32_t line, const std::string& message) {
    result_.warnings.push_back(std::string(source_) + ":" + std::to_string(line) + ": " + message);
  }

  bool in_preamble() const {
    return !item_ || (!item_->explicit_start && !item_->structured);
  }

  void handle(std::size_t i) {
    const Line& line = *reader_.get(i);
    if (line.kind != LineKind::kBlank && line.kind != LineKind::kText) meeting_absent_open_ = false;
    if (item_ && item_->in_history && open_history_decision(line)) return;
    switch (line.kind) {
      case LineKind::kBlank:
        if (item_) item_->pending_blank = true;
        return;
      case LineKind::kFurniture:
        return;
      case LineKind::kItemPunkt:
      case LineKind::kItemMarkdown:
        start_item(line);
        return;
      case LineKind::kItemNumbered:
        if (confirm_numbered(i)) return start_item(line);
        break;
      case LineKind::kMeeting:
        if (in_preamble()) return absorb_meeting(line);
        if (line.meeting == MeetingField::kTitle) return;  // running page header
        break;
      case LineKind::kMunicipality:  // later, a running page header or footer
        if (in_preamble()) meeting_.municipality = municipality_line(line.text);
        return;
      case LineKind::kCommittee:
      case LineKind::kDate:
        if (in_preamble() && !(item_ && item_->field == Field::kRoute)) return absorb_meeting(line);
        break;
      case LineKind::kText:
        break;
      default:
        return structural(line);
    }
    text_line(i, line.text);
  }

  void absorb_meeting(const Line& line) {
    MeetingHeader header = parse_meeting_line(line);
    if (!header.date.empty() && meeting_.date.empty()) meeting_.date = header.date;
    if (!header.committee.empty() && meeting_.committee.empty()) {
      if (auto committee = guess_committee(header.committee)) {
        meeting_.committee = committee->name;
        meeting_.abbrev = committee->abbrev;
      } else if (looks_like_committee(header.committee)) {
        meeting_.committee = collapse_spaces(header.committee);
      }
    }
  }

  // "3. Titel" starts an item only if a case number, access or route line follows soon, or
  // (in a meeting, numbered in sequence) a decision or heading follows at once.
  bool confirm_numbered(std::size_t i) {
    const Line& line = *reader_.get(i);
    // "3. 11. februar 2018: Frist ..." is a dated list entry, not an item.
    bool in_sequence = (last_number_ == 0 || line.item_number == last_number_ + 1) &&
                       !line.heading.empty() && !(line.heading[0] >= '0' && line.heading[0] <= '9');
    bool meeting_mode = last_number_ > 0 || !meeting_.committee.empty() || !meeting_.date.empty();
    // Inside a single item, or between items of another kind ("## Titel"), a numbered line
    // needs the strong evidence.
    if (item_ && (item_->structured || item_->explicit_start) && item_->number == 0) {
      meeting_mode = false;
    }
    int seen = 0;
    for (std::size_t j = i + 1; seen < 4 && reader_.get(j) != nullptr; ++j) {
      LineKind kind = reader_.get(j)->kind;
      if (kind == LineKind::kBlank || kind == LineKind::kFurniture) continue;
      ++seen;
      if (kind == LineKind::kAccess || kind == LineKind::kCaseNumber || kind == LineKind::kRoute) {
        return true;
      }
      if (seen == 1 && meeting_mode && in_sequence &&
          (kind == LineKind::kDecision || kind == LineKind::kSection)) {
        return true;
      }
      if (kind == LineKind::kItemPunkt || kind == LineKind::kItemNumbered ||
          kind == LineKind::kItemMarkdown || kind == LineKind::kDecision) {
        return false;
      }
    }
    return false;
  }

  void start_item(const Line& line) {
    finish_item();
    item_.emplace();
    item_->explicit_start = true;
    item_->number = line.item_number;
    std::string_view title = line.heading;
    std::string_view marker = line.kind == LineKind::kItemPunkt ? line.rest : std::string_view{};
    if (marker.empty()) marker = take_access_suffix(title);
    if (!marker.empty()) item_->record.access = access_name(marker);
    item_->record.title = clean_title(title);
    item_->record.source_line = line.number;
    item_->field = Field::kTitle;
    if (line.item_number > 0) last_number_ = line.item_number;
  }

  void start_implicit(const Line& line, std::string_view title) {
    finish_item();
    item_.emplace();
    item_->record.title = clean_title(title);
    item_->record.source_line = line.number;
    item_->field = Field::kTitle;
  }

  // True if the next non-blank line is an access, case or route line: the title went on.
  bool title_continues(std::size_t i) {
    for (std::size_t j = i + 1; reader_.get(j) != nullptr; ++j) {
      LineKind kind = reader_.get(j)->kind;
      if (kind == LineKind::kBlank || kind == LineKind::kFurniture) continue;
      return kind == LineKind::kAccess || kind == LineKind::kCaseNumber || kind == LineKind::kRoute;
    }
    return false;
  }

  void text_line(std::size_t i, std::string_view text) {
    if (meeting_absent_open_) {
      if (looks_like_names(text)) return add_names(meeting_.absent, text);
      meeting_absent_open_ = false;
    }
    if (!item_) return start_implicit(*reader_.get(i), text);
    Item& item = *item_;
    switch (item.field) {
      case Field::kTitle:
        if (item.record.title.empty()) {
          item.record.title = clean_title(text);
          return;
        }
        if (!item.structured && !item.has_text && item.record.title.size() < 200 &&
            title_continues(i)) {
          item.record.title = clean_title(item.record.title + " " + std::string(text));
          return;
        }
        open_section("");
        break;
      case Field::kRoute:
        parse_route(text);
        item.field = Field::kNone;
        return;
      case Field::kAbsent:
        if (looks_like_names(text)) return add_names(item.record.absent, text);
        item.field = item.text_field;
        if (item.field == Field::kNone) open_section("");
        break;
      case Field::kAttachments:
        return add_attachment(text);
      case Field::kNone:
        open_section("");
        break;
      case Field::kSection:
      case Field::kDecision:
        break;
    }
    append(text);
  }

  void structural(const Line& line) {
    if (line.kind == LineKind::kAbsent && in_preamble() && !(item_ && item_->has_text)) {
      // Names either follow on the heading's line or on the lines below it, not both.
      meeting_absent_open_ = line.rest.empty();
      if (!line.rest.empty()) add_names(meeting_.absent, line.rest);
      return;
    }
    if (!item_) start_implicit(line, "");
    Item& item = *item_;
    item.structured = true;
    switch (line.kind) {
      case LineKind::kAccess:
        if (item.record.access.empty()) {
          item.record.access = access_name(line.heading);
        }
        if (item.record.case_number.empty()) item.record.case_number = std::string(line.rest);
        if (item.field == Field::kTitle) item.field = Field::kNone;
        return;
      case LineKind::kCaseNumber:
        if (item.record.case_number.empty()) item.record.case_number = std::string(line.rest);
        if (item.field == Field::kTitle) item.field = Field::kNone;
        return;
      case LineKind::kRoute:
        item.field = Field::kRoute;
        if (!line.rest.empty()) {
          parse_route(line.rest);
          item.field = Field::kNone;
        }
        return;
      case LineKind::kSection:
        open_section(line.canonical.empty() ? line.heading : line.canonical);
        break;
      case LineKind::kDecision:
        open_decision(line);
        break;
      case LineKind::kAbsent:
        item.own_absent = true;
        item.field = Field::kAbsent;
        if (!line.rest.empty()) {
          add_names(item.record.absent, line.rest);
          item.field = item.text_field;
        }
        return;
      case LineKind::kAttachments:
        item.field = Field::kAttachments;
        if (!line.rest.empty()) add_attachment(line.rest);
        return;
      default:
        return;
    }
    if (!line.rest.empty()) append(line.rest);
  }

  // Under "Tidligere beslutninger": "Økonomiudvalget den 26. april 2023, pkt. 9:" opens a
  // decision of that committee.
  bool open_history_decision(const Line& line) {
    LineKind kind = line.kind;
    if (kind != LineKind::kText && kind != LineKind::kMeeting && kind != LineKind::kCommittee) {
      if (kind != LineKind::kBlank && kind != LineKind::kFurniture) item_->in_history = false;
      return false;
    }
    DecisionHeading heading;
    if (!parse_history_heading(line.text, heading)) return false;
    Item& item = *item_;
    item.structured = true;
    Decision decision;
    std::optional<Committee> committee = guess_committee(heading.committee);
    decision.committee = committee->name;
    decision.committee_abbrev = committee->abbrev;
    decision.date = heading.date;
    item.record.decisions.push_back(std::move(decision));
    item.index = item.record.decisions.size() - 1;
    item.field = item.text_field = Field::kDecision;
    item.pending_blank = false;
    if (!heading.rest.empty()) append(heading.rest);
    return true;
  }

  void open_section(std::string_view heading) {
    Item& item = *item_;
    item.in_history = heading == "Tidligere beslutninger";
    auto& sections = item.record.sections;
    std::string name = collapse_spaces(heading);
    while (!name.empty() && name.back() == ':') name.pop_back();
    auto same = std::find_if(sections.begin(), sections.end(),
                             [&](const Section& s) { return s.heading == name; });
    if (same == sections.end()) {
      sections.push_back(Section{name, {}});
      same = sections.end() - 1;
    }
    item.index = static_cast<std::size_t>(same - sections.begin());
    item.field = item.text_field = Field::kSection;
    item.pending_blank = true;
  }

  void open_decision(const Line& line) {
    Item& item = *item_;
    item.in_history = false;
    DecisionHeading heading;
    parse_decision_heading(line.text, heading);
    Decision decision;
    if (heading.committee.empty()) {
      decision.committee = meeting_.committee;
      decision.committee_abbrev = meeting_.abbrev;
    } else if (auto committee = guess_committee(heading.committee)) {
      decision.committee = committee->name;
      decision.committee_abbrev = committee->abbrev;
    } else {
      decision.committee = collapse_spaces(heading.committee);
      warn(line.number, "committee '" + decision.committee + "' is not in the committee table");
    }
    decision.date = heading.date.empty() ? meeting_.date : heading.date;
    item.record.decisions.push_back(std::move(decision));
    item.index = item.record.decisions.size() - 1;
    item.field = item.text_field = Field::kDecision;
    item.pending_blank = false;
  }

  std::string& target() {
    Item& item = *item_;
    return item.field == Field::kDecision ? item.record.decisions[item.index].text
                                          : item.record.sections[item.index].text;
  }

  // Lines of one paragraph are kept apart by a newline, paragraphs by a blank line; a blank
  // line inside a sentence (double-spaced PDF text: a long line without a full stop, or a
  // line going on in lower case) is a soft wrap and becomes a space.
  void append(std::string_view text) {
    std::string& out = target();
    Item& item = *item_;
    if (!out.empty()) {
      char last = out.back();
      bool sentence_open = std::strchr(".:!?;)", last) == nullptr;
      if (!item.pending_blank) {
        out.push_back('\n');
      } else if (sentence_open && (is_lower_start(text) || item.last_line_bytes >= kWrappedLine)) {
        out.push_back(' ');
      } else {
        out += "\n\n";
      }
    }
    out.append(text);
    item.last_line_bytes = text.size();
    item.pending_blank = false;
    item.has_text = true;
  }

  void parse_route(std::string_view text) {
    std::string normalised(text);
    for (std::string_view separator : {"\xE2\x86\x92", "->", " og ", ";", "/", "&"}) {
      for (std::size_t at = normalised.find(separator); at != std::string::npos;
           at = normalised.find(separator, at + 1)) {
        normalised.replace(at, separator.size(), ",");
      }
    }
    std::size_t start = 0;
    while (start <= normalised.size()) {
      std::size_t end = std::min(normalised.find(',', start), normalised.size());
      std::string_view token = trim_quotes(std::string_view(normalised).substr(start, end - start));
      if (!token.empty() && token.size() <= 60) {
        if (auto committee = guess_committee(token)) {
          item_->record.route.emplace_back(committee->abbrev.empty() ? committee->name
                                                                     : committee->abbrev);
        } else {
          item_->record.route.push_back(collapse_spaces(token));
        }
      }
      start = end + 1;
    }
  }

  static void add_names(std::vector<std::string>& names, std::string_view text) {
    std::string normalised(text);
    for (std::size_t at = normalised.find(" og "); at != std::string::npos;
         at = normalised.find(" og ", at + 1)) {
      normalised.replace(at, 4, ",");
    }
    std::size_t start = 0;
    while (start <= normalised.size()) {
      std::size_t end = std::min(normalised.find_first_of(",;", start), normalised.size());
      std::string name = collapse_spaces(std::string_view(normalised).substr(start, end - start));
      while (!name.empty() && name.back() == '.') name.pop_back();
      std::string folded = fold(name);
      if (!name.empty() && folded != "ingen" && !folded.empty()) names.push_back(std::move(name));
      start = end + 1;
    }
  }

  void add_attachment(std::string_view text) {
    Item& item = *item_;
    auto& list = item.record.attachments;
    std::string entry = collapse_spaces(text);
    if (entry.empty()) return;
    bool starts = is_attachment_start(entry);
    if (list.empty()) item.attachments_numbered = starts;
    if (list.empty() || !item.attachments_numbered || starts) {
      list.push_back(std::move(entry));
    } else {
      list.back() += " " + entry;
    }
  }

  void finish_item() {
    if (!item_) return;
    Item& item = *item_;
    bool keep = item.structured || (item.explicit_start && item.has_text);
    if (keep) {
      Record& record = item.record;
      for (auto& section : record.sections) section.text = std::string(trim(section.text));
      std::erase_if(record.sections, [](const Section& s) { return s.text.empty(); });
      for (auto& decision : record.decisions) {
        decision.text = std::string(trim(decision.text));
        read_decision_outcomes(decision);
      }
      if (!item.own_absent) record.absent = meeting_.absent;
      if (record.title.empty()) warn(record.source_line, "agenda item without a title");
      kept_.push_back({std::move(record), item.number});
    }
    item_.reset();
  }

  void finalize() {
    std::string municipality = meeting_.municipality;
    if (municipality.empty()) municipality = detect_municipality(text_, source_);
    if (municipality.empty()) municipality = options_.default_municipality;
    std::string key = source_key(source_, options_.id_root);
    std::set<int> used;
    for (std::size_t k = 0; k < kept_.size(); ++k) {
      Record& record = kept_[k].record;
      int number = kept_[k].number;
      if (kept_.size() == 1 && number == 0) {
        record.id = key;
      } else if (number > 0 && used.insert(number).second) {
        record.id = key + "#" + std::to_string(number);
      } else {
        record.id = key + "@" + std::to_string(k + 1);
      }
      record.source = std::string(source_);
      record.municipality = municipality;
      result_.records.push_back(std::move(record));
    }
    if (kept_.empty()) {
      result_.warnings.push_back(std::string(source_) +
                                 ": no agenda item found (no title with case number, access, "
                                 "Sagsgang, headings or decisions): not minutes?");
    }
  }

  std::string_view text_;
  std::string_view source_;
  const ParseOptions& options_;
  ParseResult& result_;
  LineReader reader_{text_};
  Meeting meeting_;
  std::optional<Item> item_;
  std::vector<Kept> kept_;
  int last_number_ = 0;
  bool meeting_absent_open_ = false;
};

std::string limit_message(std::string_view source, std::uint64_t size, std::uint64_t limit) {
  return std::string(source) + ": " + std::to_string(size) +
         " bytes is more than the limit of " + std::to_string(limit) + " bytes for a minutes file";
}

// NUL bytes, or more than 1% other control characters: not text.
void reject_binary(std::string_view text, std::string_view source) {
  std::size_t controls = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i + 8 <= text.size()) {  // eight bytes at a time when none is below 0x20
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
      if ((((word & ~kHigh) + (kOnes * (0x80 - 0x20))) & kHigh) == kHigh) {
        i += 7;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') continue;
    if (c == 0) {
      throw Error(ErrorCode::kParse, std::string(source) + ": binary data (NUL byte at offset " +
                                         std::to_string(i) + "), not a minutes text");
    }
    ++controls;
  }
  if (controls > 8 && controls * 100 > text.size()) {
    throw Error(ErrorCode::kParse, std::string(source) + ": binary data (" +
                                       std::to_string(controls) +
                                       " control characters), not a minutes text");
  }
}

std::string utf16_to_utf8(std::string_view bytes, bool big_endian) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](std::size_t i) -> char32_t {
    auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian ? (a << 8 | b) : (b << 8 | a);
  };
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < bytes.size()) {
      char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xD800 && cp < 0xE000) {
      cp = 0xFFFD;
    }
    analysis::append_utf8(out, cp);
  }
  return out;
}

}  // namespace
}  // namespace minutes

ParseResult parse_minutes_text(std::string_view text, std::string_view source,
                               const ParseOptions& options) {
  if (text.size() > options.max_file_bytes) {
    throw Error(ErrorCode::kLimit, minutes::limit_message(source, text.size(), options.max_file_bytes));
  }
  ParseResult result;
  std::string converted;
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    converted = minutes::utf16_to_utf8(text.substr(2), text[0] == '\xFE');
    text = converted;
  } else if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  minutes::reject_binary(text, source);
  std::string repaired;
  std::size_t first_bad = 0;
  bool as_cp1252 = false;
  if (!minutes::repair_utf8(text, repaired, first_bad, as_cp1252)) {
    result.warnings.push_back(
        std::string(source) + ": not valid UTF-8 (first bad byte at offset " +
        std::to_string(first_bad) + "); " +
        (as_cp1252 ? "read as Windows-1252" : "invalid bytes replaced with U+FFFD"));
    text = repaired;
  }
  std::string normalized;
  if (minutes::normalize_layout(text, normalized)) text = normalized;
  minutes::Parser(text, source, options, result).run();
  return result;
}

ParseResult parse_minutes_file(const std::string& path, const ParseOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    if (ec && ec != std::errc::no_such_file_or_directory) {
      throw Error(ErrorCode::kIo, path + ": " + ec.message());
    }
    throw Error(ErrorCode::kNotFound, path + ": no such file");
  }
  if (fs::is_directory(status)) throw Error(ErrorCode::kIo, path + ": is a directory, not a file");
  if (fs::is_regular_file(status)) {
    std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > options.max_file_bytes) {
      throw Error(ErrorCode::kLimit, minutes::limit_message(path, size, options.max_file_bytes));
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, path + ": cannot open: " + std::strerror(errno));
  // Read in chunks up to the limit, so that a device or a growing file cannot exhaust memory.
  std::string data;
  constexpr std::size_t kChunk = 1 << 20;
  while (in) {
    std::size_t old = data.size();
    data.resize(old + kChunk);
    in.read(data.data() + old, kChunk);
    data.resize(old + static_cast<std::size_t>(in.gcount()));
    if (data.size() > options.max_file_bytes) {
      throw Error(ErrorCode::kLimit, minutes::limit_message(path, data.size(), options.max_file_bytes));
    }
  }
  if (in.bad()) throw Error(ErrorCode::kIo, path + ": read error");
  return parse_minutes_text(data, path, options);
}

}  // namespace search
