// Line classification, the first pass of the minutes parser: every line of the text is
// looked at once, in isolation, and given a kind (blank, text, item start, heading, ...).
// The second pass (parser.cpp) builds records from the kinds with a little lookahead.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace search::minutes {

enum class LineKind : std::uint8_t {
  kBlank,
  kText,
  kFurniture,     // page furniture: "Side 3 af 12", a lone page number, "A. Sager til
                  // afgørelse", "Sagsbehandler: ..."
  kItemPunkt,     // "Punkt 3: Titel", "Pkt. 3 Titel", "3 (Åben) Titel": always an item start;
                  // `rest` holds an access marker written with the number ("Åben")
  kItemNumbered,  // "3. Titel": an item start only if the context confirms it
  kItemMarkdown,  // "## Titel"
  kMeeting,       // meeting header: "REFERAT ...", "Udvalg: ...", "Mødedato: ...", "Sted: ..."
  kMunicipality,  // "Aarhus Kommune"
  kCommittee,     // a line that is only a committee's name or abbreviation ("Byrådet", "HU")
  kDate,          // a line that is only a date ("d. 01-10-2025", "onsdag den 1. oktober 2025")
  kAccess,        // "Åben Sag", "22/6043 Åben Sag", "Lukket punkt", OCR "Aben Sag"
  kCaseNumber,    // "Sagsnr.: 25/1234", or a line that is only a case number
  kRoute,         // "Sagsgang" (value on the next line or after a colon)
  kSection,       // a section heading; `heading` is its name
  kDecision,      // "Beslutning i <udvalg> den <dato>", "Beslutninger", "<Udvalg>s beslutning ..."
  kAbsent,        // "Afbud:", "Fraværende:"
  kAttachments,   // "Bilag:"
};

enum class MeetingField : std::uint8_t { kNone, kTitle, kCommittee, kDate, kOther };

struct Line {
  std::string_view text;     // trimmed, Markdown decoration (#, *, _) removed
  std::string_view rest;     // text after the heading on the same line (inline value)
  std::string_view heading;  // kSection: the heading as written (when `canonical` is empty)
  std::string_view canonical;  // kSection: the canonical heading name, if it is a known one
  std::uint32_t number = 0;  // 1-based line number
  std::int32_t item_number = 0;  // kItemPunkt / kItemNumbered
  LineKind kind = LineKind::kBlank;
  MeetingField meeting = MeetingField::kNone;  // kMeeting: which header field
  std::uint8_t markdown_level = 0;              // number of leading '#'
};

// Splits `text` (valid UTF-8) into lines (LF, CRLF or CR end a line; form feeds are blanks) and
// classifies each, on demand, keeping only a window of lines in memory (the parser looks a
// few lines ahead), so that memory does not grow with the number of lines. The views point
// into `text`, which must outlive the reader. Not thread-safe.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  // The line with 0-based index `index`, or nullptr past the end (or before the window).
  // The pointer stays valid until release_before() passes it.
  const Line* get(std::size_t index);
  // Forgets the lines before `index`.
  void release_before(std::size_t index);
  // The next line in order, for a reader used without get(); false at the end.
  bool next(Line& line);

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::uint32_t number_ = 0;
  bool done_ = false;
  std::deque<Line> window_;
  std::size_t first_ = 0;  // index of window_.front()
  std::string folded_;     // scratch, reused for every line
};

// Every line of `text`, classified (for tests and tools; the parser uses a LineReader).
std::vector<Line> classify_lines(std::string_view text);

// Decision heading details: committee text (as written, may be empty), ISO date (may be
// empty) and inline decision text after a colon. False if `text` is not a decision heading.
struct DecisionHeading {
  std::string_view committee;
  std::string date;
  std::string_view rest;
};
bool parse_decision_heading(std::string_view text, DecisionHeading& out);

// "Økonomiudvalget den 26. april 2023, pkt. 9:" under "Tidligere beslutninger": a decision
// taken earlier by another committee. The committee must be one the table knows.
bool parse_history_heading(std::string_view text, DecisionHeading& out);

// Meeting header details: committee text and ISO date found on a kMeeting/kDate line.
struct MeetingHeader {
  std::string_view committee;
  std::string date;
};
MeetingHeader parse_meeting_line(const Line& line);

// True if `text` names a committee the table may not know: "Lokaludvalget Amager",
// "Ungdomsrådet" (contains udvalg, råd, bestyrelse, kommission, forum, ...).
bool looks_like_committee(std::string_view text);

// The first case number on `text` ("22/6043 Åben Sag" -> "22/6043"), or empty.
std::string_view first_case_number(std::string_view text);

}  // namespace search::minutes
