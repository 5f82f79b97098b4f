// The minutes parser: from one minutes file (plain text, Markdown-like, text extracted from a
// PDF, or OCR'd text) to Decision records, one per agenda item. Stateless free functions;
// safe to call from any number of threads at once.
//
// Shapes understood:
//  - one item per file, as Norddjurs Kommune publishes them: title, "22/6043 Åben Sag",
//    "Sagsgang", sections, "Beslutning i <udvalg> den DD-MM-YYYY" blocks, "Afbud:", "Bilag:";
//    with Markdown decoration ("## title", "### **Indstilling**"), PDF page furniture
//    ("Kommunalbestyrelsen 21-06-2022" lines, double spacing) or OCR damage ("Aben Sag",
//    "Fravarende", "Omradeudvalg socialomradet");
//  - whole meetings (FirstAgenda and the like): a meeting header ("REFERAT <udvalg> d.
//    DD-MM-YYYY", "Udvalg: ...", "Mødedato: onsdag den 1. oktober 2025", "Afbud: ...") and
//    items "Punkt N: <titel>" or "N. <titel>", whose "Beslutning"/"Beslutninger" blocks
//    inherit the meeting's committee and date when they name none;
//  - the layouts of other publishing systems (tests/data/minutes/ has one constructed
//    example of each): meeting titles with the committee before or after the word
//    ("Byrådet, Referat, 3. maj 2023", "REFERAT AF MØDE I KOMMUNALBESTYRELSEN", "Dagsorden
//    og referat" under a committee line, "Møde i <udvalg> den <dato>"), items "Pkt. N",
//    "Punkt nr. N - <titel>", "N (Åben) <titel>", "### N. <titel>", "Punkt N" with the
//    title on the next line, access in the title ("(Lukket punkt)"), "Sagsnr."/"Sags ID"/
//    "J.nr."/"Journalnr." lines, "Beslutning <udvalg> den 3/5 2023:" (no "i"), earlier
//    decisions under "Tidligere beslutninger" ("<Udvalg> den <dato>, pkt. N:"), group
//    headings ("A. Sager til afgørelse") and details ("Sagsbehandler: ...") left out, a
//    "Beslutning" with nothing under it (a decision without outcome, no warning), running
//    page headers and page numbers dropped wherever they fall, capitals throughout;
//  - PDF and word-processor damage, undone before the lines are read: ligatures,
//    soft hyphens, no-break spaces, tabs, words hyphenated at line ends, CR/CRLF line ends.
//
// Record ids (Record::id), stable across reindexing as long as the file keeps its name:
//   <key>            for a file with one item that has no item number,
//   <key>#<N>        for an item numbered N ("Punkt 12: ...", "12. ..."),
//   <key>@<K>        for the K-th item (1-based) of a file with several items, when the item
//                    has no number or its number was already used in the file,
// where <key> is the source name with ParseOptions::id_root removed from its front (if it
// starts with it), a leading "./" removed and its last extension dropped:
// "corpus/seeds/norddjurs-oek-kb-2022-05-politisk-initiativ.txt" with id_root "corpus/" gives
// "seeds/norddjurs-oek-kb-2022-05-politisk-initiativ".
#pragma once

#include <search/export.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <search/record.h>

namespace search {

struct ParseOptions {
  // Files larger than this are refused with ErrorCode::kLimit before they are read.
  std::uint64_t max_file_bytes = std::uint64_t{256} << 20;
  // Removed from the front of the source name before the record id is derived from it, so
  // that ids do not depend on where the corpus lives ("/srv/minutes/").
  std::string id_root;
  // Used when the text names no municipality that the parser knows; empty: leave it empty.
  std::string default_municipality;
};

struct ParseResult {
  std::vector<Record> records;         // in the order of the file
  std::vector<std::string> warnings;   // each starts with "<source>:<line>: " or "<source>: "
};

// Parses the minutes file at `path` (UTF-8 text; a UTF-8 or UTF-16 byte-order mark is
// understood; text that is not valid UTF-8 is read as Windows-1252 if it has no UTF-8
// sequence at all, else its invalid bytes become U+FFFD, with a warning).
// Errors (every message starts with the path):
//   kNotFound  the file does not exist
//   kIo        it cannot be opened or read, or is a directory
//   kLimit     it is larger than options.max_file_bytes (checked without reading it whole)
//   kParse     it is binary (NUL bytes or many control characters), not text
// A text without any minutes structure (or an empty file) gives zero records and a warning.
SEARCH_EXPORT ParseResult parse_minutes_file(const std::string& path, const ParseOptions& options = {});

// The same for text already in memory; `source` names it in records and messages.
// Throws kLimit if text.size() > options.max_file_bytes and kParse for binary data.
SEARCH_EXPORT ParseResult parse_minutes_text(std::string_view text, std::string_view source,
                               const ParseOptions& options = {});

// The normalised outcome of a decision phrase ("Godkendt.", "Ad 1-2 Tiltrådt",
// "Indstillingen blev ikke godkendt", "Oversendes til Kommunalbestyrelsen"). Negations are
// read first ("ikke godkendt", "anbefales ikke" are forkastet); when a phrase holds several
// outcomes the strongest wins, in the order forkastet, udgået, godkendt, tiltrådt, anbefalet
// ("anbefales godkendt" is anbefalet), valgt, udsat, oversendt, taget_til_efterretning,
// drøftet. OCR'd spellings ("Droftet", "Tiltradt") are understood. kUkendt if none.
SEARCH_EXPORT Outcome classify_outcome(std::string_view phrase);

// Per-point outcomes of a decision text: "Ad 1: Drøftet. Ad 2: Godkendt" gives
// {{"1", drøftet, "Drøftet."}, {"2", godkendt, "Godkendt"}}; "Ad 1-2 Tiltrådt." gives
// {{"1-2", tiltrådt, "Tiltrådt."}}. Empty when the text has no "Ad N" points.
SEARCH_EXPORT std::vector<PointOutcome> parse_point_outcomes(std::string_view decision_text);

// A Danish date anywhere in `text` ("24-05-2022", "24.05.2022", "24. maj 2022",
// "onsdag den 1. oktober 2025", "2022-05-24", "24/5 2022", "24/5-2022") as ISO 8601, or ""
// if there is none.
SEARCH_EXPORT std::string parse_danish_date(std::string_view text);

}  // namespace search
