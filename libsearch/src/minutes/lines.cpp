// Line classification. Each line is folded once (a short line whole; of a longer one only the
// first words, as it can only be a heading followed by text) and compared with small tables;
// nothing here is worse than linear in the line.
#include "minutes/lines.h"

#include <search/committees.h>

#include <algorithm>
#include <cstring>
#include <span>
#include <vector>

#include "minutes/municipality.h"
#include "minutes/text.h"

namespace search::minutes {
namespace {

constexpr std::size_t kFoldBytes = 72;      // lines longer than this are not whole headings
constexpr std::size_t kFirstBytes = 32;     // of a longer line: its first words
constexpr std::size_t kPrefixBytes = 96;    // enough for the longest heading before text
constexpr std::size_t kShortLine = 70;      // candidates for OCR-tolerant heading matching
constexpr std::size_t kMaxTitleLine = 300;  // an item-start line is not a paragraph

struct HeadingName {
  std::string_view key;  // folded, digraphs collapsed
  LineKind kind;
  std::string_view canonical;
  bool inline_ok = false;  // PDF extraction may run the section's text onto the same line
};

constexpr HeadingName kHeadings[] = {
    {"sagsgang", LineKind::kRoute, ""},
    {"sagsfremstilling", LineKind::kSection, "Sagsfremstilling", true},
    {"sagsbeskrivelse", LineKind::kSection, "Sagsbeskrivelse"},
    {"resume", LineKind::kSection, "Resumé"},
    {"beskrivelse", LineKind::kSection, "Beskrivelse"},
    {"okonomiske konsekvenser", LineKind::kSection, "Økonomiske konsekvenser", true},
    {"okonomi", LineKind::kSection, "Økonomi"},
    {"okonomiske forhold", LineKind::kSection, "Økonomiske forhold"},
    {"lovgrundlag", LineKind::kSection, "Lovgrundlag"},
    {"retsgrundlag", LineKind::kSection, "Retsgrundlag"},
    {"sammenhang til andre politikker strategier og fagomrader", LineKind::kSection,
     "Sammenhæng til andre politikker/strategier og fagområder", true},
    {"indstilling", LineKind::kSection, "Indstilling"},
    {"horing", LineKind::kSection, "Høring"},
    {"horingssvar", LineKind::kSection, "Høringssvar"},
    {"kommunikation", LineKind::kSection, "Kommunikation"},
    {"tidsplan", LineKind::kSection, "Tidsplan"},
    {"vurdering", LineKind::kSection, "Vurdering"},
    {"historik", LineKind::kSection, "Historik"},
    {"beslutningspunkter", LineKind::kSection, "Beslutningspunkter"},
    {"effekt", LineKind::kSection, "Effekt"},
    {"sagens forlob", LineKind::kSection, "Sagens forløb"},
    {"videre proces", LineKind::kSection, "Videre proces"},
    {"tidligere beslutninger", LineKind::kSection, "Tidligere beslutninger"},
    {"tidligere beslutning", LineKind::kSection, "Tidligere beslutninger"},
    {"tidligere behandling", LineKind::kSection, "Tidligere beslutninger"},
    {"tidligere behandlinger", LineKind::kSection, "Tidligere beslutninger"},
    {"forfald", LineKind::kAbsent, ""},
    {"ikke til stede", LineKind::kAbsent, ""},
    {"bilagsfortegnelse", LineKind::kAttachments, ""},
    {"afbud", LineKind::kAbsent, ""},
    {"afbud fra", LineKind::kAbsent, ""},
    {"fravarende", LineKind::kAbsent, ""},
    {"fravar", LineKind::kAbsent, ""},
    {"fravarende med afbud", LineKind::kAbsent, ""},
    {"fravarende afbud", LineKind::kAbsent, ""},
    {"afbud fravar", LineKind::kAbsent, ""},
    {"afbud fravarende", LineKind::kAbsent, ""},
    {"folgende havde meldt afbud", LineKind::kAbsent, ""},
    {"bilag", LineKind::kAttachments, ""},
    {"bilagsliste", LineKind::kAttachments, ""},
    {"bilagsoversigt", LineKind::kAttachments, ""},
};

struct MeetingLabel {
  std::string_view key;
  MeetingField field;
};

constexpr MeetingLabel kMeetingLabels[] = {
    {"udvalg", MeetingField::kCommittee},    {"mode", MeetingField::kCommittee},
    {"modeforum", MeetingField::kCommittee}, {"forum", MeetingField::kCommittee},
    {"modedato", MeetingField::kDate},       {"mode dato", MeetingField::kDate},
    {"dato", MeetingField::kDate},           {"modetidspunkt", MeetingField::kDate},
    {"tidspunkt", MeetingField::kDate},      {"modested", MeetingField::kOther},
    {"sted", MeetingField::kOther},          {"lokale", MeetingField::kOther},
    {"modelokale", MeetingField::kOther},    {"deltagere", MeetingField::kOther},
    {"til stede", MeetingField::kOther},     {"tilstede", MeetingField::kOther},
    {"medlemmer", MeetingField::kOther},     {"referent", MeetingField::kOther},
    {"start", MeetingField::kOther},         {"slut", MeetingField::kOther},
    {"modestart", MeetingField::kOther},     {"modeslut", MeetingField::kOther},
    {"tid", MeetingField::kOther},           {"modetid", MeetingField::kOther},
    {"modeleder", MeetingField::kOther},     {"protokolforer", MeetingField::kOther},
    {"formand", MeetingField::kOther},       {"dato og tid", MeetingField::kDate},
    {"dato og tidspunkt", MeetingField::kDate}, {"modedato og tid", MeetingField::kDate},
    {"tid og sted", MeetingField::kOther},
};

// Labels of an item's administrative details ("Sagsbehandler: Mette Lund"): not text of the
// item, so page furniture to the parser.
constexpr std::string_view kDetailLabels[] = {
    "sagsbehandler", "sagsansvarlig", "ansvarlig", "dok nr", "dokumentnr", "dokument nr",
    "dok id", "forfatter", "afdeling", "fagomrade", "forvaltning", "udarbejdet af",
};

// Words that name a meeting's minutes or agenda: "Byrådet, Referat, 3. maj 2023".
constexpr std::string_view kMeetingWords[] = {"referat", "dagsorden", "beslutningsprotokol",
                                              "protokol", "mode", "modet"};

// Group headings between items: "A. Sager til afgørelse i byrådet", "## Åbne punkter".
constexpr std::string_view kGroupHeadings[] = {
    "abne punkter", "lukkede punkter", "abne sager", "lukkede sager", "abent mode",
    "lukket mode", "orienteringssager", "beslutningssager", "abne dagsordenspunkter",
    "lukkede dagsordenspunkter", "abent punkt", "lukket dagsorden", "abne dagsorden",
};

constexpr std::string_view kCaseLabels[] = {
    "sagsnr", "sags nr", "sag nr", "sagsnummer", "sags id", "sagsid", "j nr", "jnr",
    "journalnr", "journal nr", "journalnummer", "sag",
};

constexpr std::string_view kAccessForms[] = {
    "aben sag", "lukket sag", "abent punkt", "lukket punkt", "aben", "abent", "lukket",
    "ben sag",  // OCR: "&ben Sag"
};

constexpr std::string_view kDateWords[] = {
    "d", "den", "dato", "kl", "klokken", "mandag", "tirsdag", "onsdag", "torsdag", "fredag",
    "lordag", "sondag",
};

bool is_upper_start(std::string_view text) {
  if (text.empty()) return false;
  char c = text[0];
  if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return c == '\xC3' && text.size() > 1 &&
         (text[1] == '\x86' || text[1] == '\x98' || text[1] == '\x85');  // Æ Ø Å
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// OCR noise: a stray quote mark before the real start of a line, followed by a space or
// never closed on the line ("“Beslutning i ...").
std::string_view strip_stray_quote(std::string_view text) {
  if (text.empty() || std::strchr("\"'|\xE2", text[0]) == nullptr) return text;
  for (std::string_view quote : {"\"", "'", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E",
                                 "\xE2\x80\x98", "\xE2\x80\x99", "|"}) {
    if (text.size() <= quote.size() + 1 || !text.starts_with(quote)) continue;
    std::string_view rest = text.substr(quote.size());
    bool closed = rest.find(quote) != std::string_view::npos ||
                  rest.find("\xE2\x80\x9D") != std::string_view::npos;
    if (rest.front() == ' ' || !closed) return trim(rest);
  }
  return text;
}

std::string_view strip_decoration(std::string_view text, std::uint8_t& level) {
  text = strip_stray_quote(trim(text));
  level = 0;
  while (!text.empty() && text.front() == '#') {
    text.remove_prefix(1);
    ++level;
  }
  text = trim(text);
  if (!text.empty() && text.front() == '>') text = trim(text.substr(1));
  while (text.size() > 1 && (text.front() == '*' || text.front() == '_') && text[1] != ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == '*' || text.back() == '_')) text.remove_suffix(1);
  return trim(text);
}

std::string fold_key(std::string_view text, std::size_t max_in = kFoldBytes) {
  std::string folded;
  fold(text, folded, max_in, true);
  return folded;
}

const HeadingName* exact_heading(std::string_view folded) {
  if (folded.empty()) return nullptr;
  for (const auto& heading : kHeadings) {
    if (heading.key[0] == folded[0] && heading.key == folded) return &heading;
  }
  return nullptr;
}

// A short, heading-shaped line within a few edits of a known heading (OCR damage).
const HeadingName* fuzzy_heading(std::string_view text, std::string_view folded) {
  if (text.size() > kShortLine || folded.size() < 5) return nullptr;
  char last = text.back();
  if (last == '.' || last == ',' || last == ';') return nullptr;
  if (std::count(folded.begin(), folded.end(), ' ') > 8) return nullptr;
  const HeadingName* best = nullptr;
  int best_distance = 99;
  for (const auto& heading : kHeadings) {
    std::size_t n = heading.key.size();
    if (heading.key[0] != folded[0] || n + 2 < folded.size() || folded.size() + 2 < n) continue;
    int limit = std::min<int>(3, static_cast<int>(n / 5));
    if (limit == 0) continue;
    int distance = bounded_edit_distance(folded, heading.key, limit);
    if (distance <= limit && distance < best_distance) {
      best = &heading;
      best_distance = distance;
    }
  }
  return best;
}

// Byte offset in `text` where its fold has covered `folded_size` characters of `key`: used to
// find where an inline heading ends in the raw text.
std::size_t raw_end_of_prefix(std::string_view text, std::size_t folded_size) {
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !is_space(text[i])) continue;
    if (fold_key(text.substr(0, i)).size() >= folded_size) return i;
  }
  return text.size();
}

void set_heading(Line& line, const HeadingName& heading, std::string_view written) {
  line.kind = heading.kind;
  line.canonical = heading.canonical;
  line.heading = written;
}

// "Heading: value", "Heading", a heading followed by text (PDF), OCR-damaged headings.
bool classify_heading(Line& line, std::string_view folded, bool whole) {
  std::string_view text = line.text;
  std::size_t colon = text.find(':');
  if (colon != std::string_view::npos && colon < 60) {
    std::string head = fold_key(text.substr(0, colon));
    if (const HeadingName* heading = exact_heading(head)) {
      set_heading(line, *heading, trim(text.substr(0, colon)));
      line.rest = trim(text.substr(colon + 1));
      return true;
    }
  }
  if (whole) {
    if (const HeadingName* heading = exact_heading(folded)) {
      set_heading(line, *heading, text);
      return true;
    }
  }
  std::string longer;  // a longer fold, only for lines that start like an inline heading
  for (const auto& heading : kHeadings) {
    if (!heading.inline_ok || !folded.starts_with(heading.key.substr(0, 8))) continue;
    if (!whole && longer.empty()) fold(text, longer, kPrefixBytes, true);
    std::string_view f = whole ? folded : std::string_view(longer);
    if (f.size() <= heading.key.size() || f.substr(0, heading.key.size()) != heading.key ||
        f[heading.key.size()] != ' ') {
      continue;
    }
    std::size_t end = raw_end_of_prefix(text, heading.key.size());
    std::string_view rest = trim(text.substr(end));
    if (!is_upper_start(rest)) continue;
    set_heading(line, heading, trim(text.substr(0, end)));
    line.rest = rest;
    return true;
  }
  if (!whole || text.size() > kShortLine) return false;
  bool generic_section =
      (folded.starts_with("sammenhang til ") || folded.starts_with("sammenhang med ")) ||
      (folded.ends_with(" indstilling") && std::count(folded.begin(), folded.end(), ' ') < 4);
  if (generic_section && text.back() != '.') {
    line.kind = LineKind::kSection;
    line.heading = text.back() == ':' ? trim(text.substr(0, text.size() - 1)) : text;
    return true;
  }
  if (line.markdown_level == 0 || is_upper_start(text)) {
    if (const HeadingName* heading = fuzzy_heading(text, folded)) {
      set_heading(line, *heading, text);
      return true;
    }
  }
  return false;
}

// "3 (Åben) Titel", "3 (Lukket) Titel": an item number with its access in brackets; the
// access goes to `rest`. `digits` is where the number ends.
bool classify_marked_item(Line& line, std::size_t digits, int number) {
  std::string_view text = line.text;
  std::size_t open = digits;
  if (open < text.size() && text[open] == '.') ++open;
  while (open < text.size() && text[open] == ' ') ++open;
  if (open == digits || open >= text.size() || text[open] != '(') return false;
  std::size_t close = text.find(')', open);
  if (close == std::string_view::npos || close - open > 20) return false;
  std::string access = fold_key(text.substr(open + 1, close - open - 1));
  bool known = false;
  for (std::string_view form : kAccessForms) known = known || access == form;
  std::string_view title = trim(text.substr(close + 1));
  if (!known || !is_upper_start(title)) return false;
  line.kind = LineKind::kItemPunkt;
  line.item_number = number;
  line.heading = title;
  line.rest = text.substr(open + 1, close - open - 1);
  return true;
}

bool classify_item(Line& line, std::string_view folded) {
  std::string_view text = line.text;
  if (text.size() > kMaxTitleLine) return false;
  if ((folded.starts_with("punkt ") || folded.starts_with("pkt ")) && text[0] == 'P') {
    std::size_t i = 0;
    while (i < text.size() && !is_space(text[i])) ++i;  // "Punkt" / "Pkt."
    while (i < text.size() && is_space(text[i])) ++i;
    if (starts_with_ci(text.substr(i), "nr")) {  // "Punkt nr. 3 - Titel"
      std::size_t j = i + 2;
      if (j < text.size() && text[j] == '.') ++j;
      if (j < text.size() && is_space(text[j])) {
        i = j;
        while (i < text.size() && is_space(text[i])) ++i;
      }
    }
    int number = 0;
    std::size_t digits = 0;
    while (i < text.size() && is_digit(text[i]) && digits < 4) {
      number = number * 10 + (text[i++] - '0');
      ++digits;
    }
    if (digits == 0 || (i < text.size() && is_digit(text[i]))) return false;
    bool separated = i < text.size() && std::strchr(":.)-", text[i]) != nullptr;
    if (separated) ++i;
    if (i < text.size() && !is_space(text[i])) return false;  // "punkt 188.000 kr."
    std::string_view title = trim(text.substr(i));
    while (!title.empty() && (title.front() == '-' || title.front() == ':')) title = trim(title.substr(1));
    // "Punkt 4" alone: the title is on the next line.
    if (!separated && !title.empty() && !is_upper_start(title)) return false;
    line.kind = LineKind::kItemPunkt;
    line.item_number = number;
    line.heading = title;
    return true;
  }
  std::size_t i = 0;
  int number = 0;
  while (i < text.size() && is_digit(text[i]) && i < 3) number = number * 10 + (text[i++] - '0');
  if (i > 0 && classify_marked_item(line, i, number)) return true;
  if (i == 0 || i + 2 > text.size() || text[i] != '.' || text[i + 1] != ' ') return false;
  std::string_view title = trim(text.substr(i + 2));
  if (!is_upper_start(title)) return false;
  std::size_t at = 1, end = 0;  // "1. Oktober 2025: frist" is a date, "8. Juni 2016-2017" a title
  if (!find_date(text.substr(0, 40), &at, &end).empty() && at == 0) {
    std::string_view after = trim(text.substr(end));
    if (after.empty() || after.front() == ':' || after.front() == ',') return false;
  }
  line.kind = LineKind::kItemNumbered;
  line.item_number = number;
  line.heading = title;
  return true;
}

bool classify_access(Line& line, std::string_view folded_line, bool whole) {
  // "lukket." ending a wrapped sentence is not an access line.
  if (!whole || line.text.size() > 60 || line.text.back() == '.') return false;
  bool candidate = false;  // cheap test on the fold of the whole line first
  for (std::string_view form : kAccessForms) candidate = candidate || folded_line.ends_with(form);
  if (!candidate) return false;
  std::string_view text = line.text;
  std::size_t first_end = 0;
  while (first_end < text.size() && !is_space(text[first_end])) ++first_end;
  std::string_view case_number = first_case_number(text.substr(0, first_end));
  if (!case_number.empty() && text.starts_with(case_number)) {
    text = trim(text.substr(case_number.size()));
  } else {
    case_number = {};
  }
  std::string folded = fold_key(text);
  for (std::string_view form : kAccessForms) {
    if (folded == form) {
      line.kind = LineKind::kAccess;
      line.rest = case_number;
      line.heading = text;
      return true;
    }
  }
  return false;
}

bool classify_case_number(Line& line, std::string_view folded, bool whole) {
  std::string_view text = line.text;
  if (whole && text.size() <= 40 && text.find(' ') == std::string_view::npos &&
      is_case_number(text)) {
    line.kind = LineKind::kCaseNumber;
    line.rest = first_case_number(text);
    return true;
  }
  if (folded.empty() || (folded[0] != 's' && folded[0] != 'j')) return false;
  for (std::string_view label : kCaseLabels) {
    if (!folded.starts_with(label) || (folded.size() > label.size() && folded[label.size()] != ' ')) {
      continue;
    }
    std::size_t colon = text.find(':');
    bool labelled = colon != std::string_view::npos && colon < 30;
    if (label == "sag" && !labelled) return false;
    std::string_view value = labelled ? text.substr(colon + 1) : text;
    while (!value.empty() && (value.front() == '*' || value.front() == '_' || is_space(value.front()))) {
      value.remove_prefix(1);  // "**Sagsnummer:** 2023-012345"
    }
    std::string_view number = first_case_number(value);
    if (number.empty() && labelled) {  // any token with a digit after "Sagsnr.:"
      value = trim(value);
      std::size_t end = 0;
      while (end < value.size() && !is_space(value[end])) ++end;
      number = value.substr(0, end);
      if (std::none_of(number.begin(), number.end(), is_digit)) return false;
    }
    if (number.empty()) return false;
    line.kind = LineKind::kCaseNumber;
    line.rest = number;
    return true;
  }
  return false;
}

bool is_meeting_title(std::string_view text, std::string_view folded);

bool classify_meeting(Line& line, std::string_view folded) {
  if (is_meeting_title(line.text, folded)) {
    line.kind = LineKind::kMeeting;
    line.meeting = MeetingField::kTitle;
    return true;
  }
  std::size_t colon = line.text.find(':');
  if (colon == std::string_view::npos || colon > 30) return false;
  std::string head = fold_key(line.text.substr(0, colon));
  for (std::string_view label : kDetailLabels) {
    if (head == label) {
      line.kind = LineKind::kFurniture;
      return true;
    }
  }
  for (const auto& label : kMeetingLabels) {
    if (head == label.key) {
      line.kind = LineKind::kMeeting;
      line.meeting = label.field;
      line.rest = trim(line.text.substr(colon + 1));
      return true;
    }
  }
  return false;
}

bool is_meeting_word(std::string_view folded_word) {
  for (std::string_view word : kMeetingWords) {
    if (folded_word == word) return true;
  }
  return false;
}

// The words of `text` split at spaces, with their folds.
struct Word {
  std::string_view raw;
  std::string folded;
};
std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < text.size() && words.size() < 40) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) words.push_back({text.substr(start, i - start), fold_key(text.substr(start, i - start))});
  }
  return words;
}

// True if `text` (the rest of a meeting title) holds only a date, meeting words, page and
// time words and numbers ("Referat, 3. maj 2023 Side 3 af 5", "møde den 3. maj 2023 kl.
// 16.00"): "Byrådets møde blev udsat" is a sentence, not a page header.
bool only_header_words(std::string_view text) {
  static constexpr std::string_view kAllowed[] = {
      "referat", "dagsorden", "beslutningsprotokol", "protokol", "mode", "modet", "og", "af",
      "den", "d", "side", "kl", "klokken", "fra", "for", "til", "i", ""};
  std::size_t at = 0, end = 0;
  std::string rest(text);
  if (!find_date(text, &at, &end).empty()) {
    rest = std::string(text.substr(0, at)) + " " + std::string(text.substr(end));
  }
  for (const Word& word : split_words(rest)) {
    bool ok = std::all_of(word.folded.begin(), word.folded.end(),
                          [](char c) { return is_digit(c) || c == ' '; });
    for (std::string_view allowed : kAllowed) ok = ok || word.folded == allowed;
    if (!ok) return false;
  }
  return true;
}

// "REFERAT ...", "Dagsorden og referat", "Byrådet, Referat, 3. maj 2023", "Økonomiudvalget -
// Referat - 3. maj 2023", "Møde i Økonomiudvalget den 3. maj 2023".
bool is_meeting_title(std::string_view text, std::string_view folded) {
  if (text.size() > 200) return false;
  std::string_view first = folded.substr(0, folded.find(' '));
  if (first == "referat" || first == "beslutningsprotokol" || first == "dagsorden") return true;
  if (text.size() > 120 || text.back() == '.') return false;
  if (!folded.starts_with("mode i ") && !folded.starts_with("ordinart mode i ") &&
      !folded.starts_with("ekstraordinart mode i ") &&
      folded.find("referat") == std::string_view::npos &&
      folded.find("dagsorden") == std::string_view::npos &&
      folded.find("protokol") == std::string_view::npos &&
      folded.find("s mode") == std::string_view::npos) {  // "Byrådets møde den 3. maj 2023"
    return false;
  }
  std::vector<Word> words = split_words(text);
  if (words.size() > 14) return false;
  std::size_t head_end = 0;  // the committee's name is before the meeting word, or after "Møde i"
  for (std::size_t k = 1; k < words.size(); ++k) {
    if (is_meeting_word(words[k].folded)) {
      head_end = static_cast<std::size_t>(words[k].raw.data() - text.data());
      break;
    }
  }
  std::size_t at = 0;
  if (head_end == 0) {
    bool meeting_of = folded.starts_with("mode i ") || folded.starts_with("ordinart mode i ") ||
                      folded.starts_with("ekstraordinart mode i ");
    if (!meeting_of || find_date(text, &at).empty()) return false;  // "Møde i <udvalg> den <dato>"
    std::size_t skip = folded.starts_with("mode i ") ? 2 : 3;
    if (words.size() <= skip) return false;
    std::size_t from = static_cast<std::size_t>(words[skip].raw.data() - text.data());
    if (at <= from) return false;
    std::string_view name = text.substr(from, at - from);
    while (!name.empty() && std::strchr(" ,-:", name.back()) != nullptr) name.remove_suffix(1);
    for (std::string_view tail : {" den", " d."}) {
      if (name.ends_with(tail)) name.remove_suffix(tail.size());
    }
    return find_committee(trim(name)).has_value() && only_header_words(text.substr(at));
  }
  std::string_view name = text.substr(0, head_end);
  while (!name.empty() && std::strchr(" ,-:", name.back()) != nullptr) name.remove_suffix(1);
  if (name.ends_with("\xE2\x80\x93")) name.remove_suffix(3);  // en dash
  return find_committee(trim(name)).has_value() && only_header_words(text.substr(head_end));
}

// "A. Sager til afgørelse i byrådet", "Åbne punkter": a heading over a group of items.
bool is_group_heading(std::string_view text, std::string_view folded, bool whole) {
  if (!whole || text.size() > 70 || text.back() == '.') return false;
  std::string_view rest = folded;
  std::size_t space = rest.find(' ');
  if (space != std::string_view::npos && space <= 3) {  // "A.", "B)", "II."
    std::string_view mark = rest.substr(0, space);
    bool letter = mark.size() == 1 && mark[0] >= 'a' && mark[0] <= 'h';
    bool roman = mark.find_first_not_of("iv") == std::string_view::npos;
    if ((letter && text.size() > 1 && (text[1] == '.' || text[1] == ')')) || roman) {
      rest = rest.substr(space + 1);
    }
  }
  if (rest.starts_with("sager til ") || rest.starts_with("punkter til ")) return true;
  for (std::string_view heading : kGroupHeadings) {
    if (rest == heading) return true;
  }
  return false;
}

// "Mødet hævet kl. 17.45", "Mødet sluttede kl. 18": the end of the meeting, not of a decision.
bool is_closing_remark(std::string_view text, std::string_view folded) {
  if (text.size() > 60) return false;
  for (std::string_view start : {"modet havet", "modet blev havet", "modet sluttede", "modet slut",
                                 "mode havet", "modet afsluttet"}) {
    if (folded.starts_with(start)) return true;
  }
  return false;
}

bool only_date_words(std::string_view folded) {
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = std::min(folded.find(' ', start), folded.size());
    std::string_view word = folded.substr(start, end - start);
    bool ok = std::all_of(word.begin(), word.end(), is_digit);
    for (std::string_view date_word : kDateWords) ok = ok || word == date_word;
    if (!ok) return false;
    start = end + 1;
  }
  return true;
}

bool classify_date_line(Line& line, bool whole) {
  if (!whole || line.text.size() > 60) return false;
  std::size_t at = 0, end = 0;
  if (find_date(line.text, &at, &end).empty()) return false;
  std::string outside = fold_key(line.text.substr(0, at)) + " " + fold_key(line.text.substr(end));
  if (!only_date_words(trim(outside))) return false;
  line.kind = LineKind::kDate;
  return true;
}

// "Kommunalbestyrelsen 21-06-2022" at the start of a line: a running page header of a PDF.
// Returns the offset after it, or 0.
std::size_t furniture_prefix(std::string_view text) {
  if (!is_upper_start(text)) return 0;
  // Cheap test first: a "DD-MM-YYYY" or "DD.MM.YYYY" must start within the first 50 bytes.
  std::size_t digit = 1;
  std::size_t limit = std::min<std::size_t>(text.size(), 52);
  while (digit + 2 < limit && !(is_digit(text[digit]) && text[digit - 1] == ' ' &&
                                (text[digit + 1] == '-' || text[digit + 2] == '-' ||
                                 text[digit + 1] == '.' || text[digit + 2] == '.'))) {
    ++digit;
  }
  if (digit + 2 >= limit) return 0;
  std::size_t at = 0, end = 0;
  std::string_view head = text.substr(0, 80);
  if (find_date(head, &at, &end).empty() || at == 0 || at > 50 || !is_digit(text[at])) return 0;
  if (!find_committee(trim(text.substr(0, at)))) return 0;
  return end;
}

bool is_page_number(std::string_view folded) {
  if (folded.size() <= 3 && std::all_of(folded.begin(), folded.end(), is_digit)) return true;
  if (!folded.starts_with("side ")) return false;
  std::string_view rest = folded.substr(5);
  std::size_t space = rest.find(' ');
  std::string_view page = rest.substr(0, space);
  if (page.empty() || !std::all_of(page.begin(), page.end(), is_digit)) return false;
  if (space == std::string_view::npos) return true;
  std::string_view of = rest.substr(space + 1);
  if (of.starts_with("af ")) of.remove_prefix(3);  // "Side 2 af 4", "Side 2/4"
  return !of.empty() && std::all_of(of.begin(), of.end(), is_digit);
}

void classify(Line& line, std::string& folded) {
  if (line.text.empty()) {
    line.kind = LineKind::kBlank;
    return;
  }
  if (std::size_t end = furniture_prefix(line.text); end > 0) {
    std::string_view rest = trim(line.text.substr(end));
    if (rest.empty()) {
      line.kind = LineKind::kMeeting;  // also a meeting header at the top of a file
      line.meeting = MeetingField::kTitle;
      return;
    }
    line.text = rest;  // the text after the page header is classified as usual
  }
  bool whole = line.text.size() <= kFoldBytes;
  fold(line.text, folded, whole ? kFoldBytes : kFirstBytes, true);
  line.kind = LineKind::kText;
  if (folded.empty()) return;
  if (whole && is_page_number(folded)) {
    line.kind = LineKind::kFurniture;
    return;
  }
  if (is_group_heading(line.text, folded, whole) || is_closing_remark(line.text, folded)) {
    line.kind = LineKind::kFurniture;
    return;
  }
  if (line.markdown_level >= 1 && line.markdown_level <= 2 && !(whole && exact_heading(folded))) {
    DecisionHeading decision;
    if (whole && find_committee(line.text)) {
      line.kind = LineKind::kCommittee;  // "# Hovedudvalget": the meeting's committee
      return;
    }
    if (!folded.starts_with("beslutning") || !parse_decision_heading(line.text, decision)) {
      line.kind = LineKind::kItemMarkdown;
      line.heading = line.text;
      return;
    }
  }
  if (classify_item(line, folded)) {
    if (const HeadingName* heading = exact_heading(fold_key(line.heading))) {  // "1. Resume"
      set_heading(line, *heading, line.heading);
    }
    return;
  }
  if (classify_access(line, folded, whole) || classify_case_number(line, folded, whole)) return;
  // "Beslutning ...", OCR'd "Bes1utning ...", or "<Udvalg>s beslutning ..." early in the line.
  if (folded.starts_with("bes") ||
      line.text.substr(0, 90).find("s beslutning") != std::string_view::npos) {
    DecisionHeading decision;
    if (parse_decision_heading(line.text, decision)) {
      line.kind = LineKind::kDecision;
      line.rest = decision.rest;
      return;
    }
  }
  if (classify_heading(line, folded, whole) || classify_meeting(line, folded)) return;
  if (line.markdown_level >= 3) {
    line.kind = LineKind::kSection;
    line.heading = line.text.back() == ':' ? trim(line.text.substr(0, line.text.size() - 1))
                                           : line.text;
    return;
  }
  // A name alone on a line: short, a few words, no sentence.
  if (whole && line.text.size() <= 60 && line.text.back() != '.' && line.text.back() != ',' &&
      std::count(folded.begin(), folded.end(), ' ') < 6) {
    if (!municipality_line(line.text).empty()) {
      line.kind = LineKind::kMunicipality;
    } else if (find_committee(line.text)) {
      line.kind = LineKind::kCommittee;
    } else {
      classify_date_line(line, whole);
    }
  }
}

}  // namespace

bool looks_like_committee(std::string_view text) {
  if (text.size() > 60) return false;
  std::string folded = fold(text);
  if (std::count(folded.begin(), folded.end(), ' ') > 5) return false;
  static constexpr std::string_view kEndings[] = {
      "udvalg", "udvalget", "udvalgets", "rad", "radet", "radets", "bestyrelse", "bestyrelsen",
      "kommission", "kommissionen", "forum", "magistrat", "magistraten", "reprasentationen"};
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = std::min(folded.find(' ', start), folded.size());
    std::string_view word = std::string_view(folded).substr(start, end - start);
    bool area = word.find("omrad") != std::string_view::npos;  // "området" is no council
    for (std::string_view ending : kEndings) {
      if (!area && word.ends_with(ending)) return true;
    }
    start = end + 1;
  }
  return false;
}

namespace {

// Length of a leading "Beslutning", "Beslutninger", "Beslutningen" (capitalised: a wrapped
// "beslutning." is prose), also with one OCR error ("Bes1utning"); 0 if there is none.
std::size_t decision_word(std::string_view text) {
  if (text.empty() || text[0] != 'B') return 0;
  std::size_t end = 0;
  while (end < text.size() && end < 14 && !is_space(text[end]) && text[end] != ':') ++end;
  if (end < text.size() && !is_space(text[end]) && text[end] != ':') return 0;
  std::string word = fold_key(text.substr(0, end));
  for (std::string_view form : {"beslutning", "beslutninger", "beslutningen"}) {
    if (word == form || (word.size() == form.size() && bounded_edit_distance(word, form, 1) <= 1)) {
      return end;
    }
  }
  return 0;
}

std::string_view strip_connectors(std::string_view text) {
  static constexpr std::string_view kConnectors[] = {
      "fra mødet i ", "på mødet i ", "i mødet i ", "taget i ", "truffet i ", "fra ", "af ",
      "i ", "1 ",  // OCR reads "i" as "1"
  };
  for (bool again = true; again;) {
    again = false;
    for (std::string_view connector : kConnectors) {
      if (starts_with_ci(text, connector)) {
        text = trim(text.substr(connector.size()));
        again = true;
      }
    }
  }
  return text;
}

std::string_view strip_trailing_words(std::string_view text) {
  static constexpr std::string_view kTrailing[] = {" den", " d.", " d", " på mødet", " mødet",
                                                   ",", "-", " på", " i", ":"};
  for (bool again = true; again;) {
    again = false;
    text = trim(text);
    for (std::string_view word : kTrailing) {  // also in capitals: "ØKONOMIUDVALGET DEN"
      if (text.size() > word.size() && starts_with_ci(text.substr(text.size() - word.size()), word)) {
        text.remove_suffix(word.size());
        again = true;
      }
    }
  }
  return text;
}

// After the committee: "den 17-05-2022", "d. 17.05.2022: Godkendt", ": Godkendt".
void read_date_and_rest(std::string_view text, std::string_view& committee, DecisionHeading& out) {
  std::size_t at = 0, end = 0;
  out.date = find_date(text.substr(0, 120), &at, &end);
  std::string_view after;
  if (!out.date.empty()) {
    committee = text.substr(0, at);
    after = text.substr(end);
  } else {
    std::size_t colon = text.find(':');
    committee = text.substr(0, colon);
    after = colon == std::string_view::npos ? std::string_view{} : text.substr(colon);
  }
  after = trim(after);
  if (!after.empty() && after.front() == ':') after = trim(after.substr(1));
  out.rest = after;
  committee = strip_trailing_words(committee);
}

}  // namespace

std::string_view first_case_number(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    std::string_view token = text.substr(start, i - start);
    while (!token.empty() && std::strchr("(", token.front()) != nullptr) token.remove_prefix(1);
    while (!token.empty() && std::strchr(".,;:)]", token.back()) != nullptr) token.remove_suffix(1);
    if (!token.empty() && is_case_number(token)) return token;
  }
  return {};
}

bool parse_decision_heading(std::string_view text, DecisionHeading& out) {
  out = {};
  if (text.size() > kMaxTitleLine && text.find(':') > 120) return false;
  if (std::size_t i = decision_word(text); i > 0) {
    std::string_view rest = trim(text.substr(i));
    if (rest.empty()) return true;
    if (rest.front() == ':') {
      out.rest = trim(rest.substr(1));
      return true;
    }
    std::string_view committee;
    read_date_and_rest(strip_connectors(rest), committee, out);
    if (committee.size() > 80) return false;
    out.committee = committee;
    if (committee.empty()) return !out.date.empty();
    return guess_committee(committee) || looks_like_committee(committee);
  }
  std::size_t folded_at = std::string_view::npos;
  for (std::size_t i = 1; i + 12 <= text.size() && i < 80; ++i) {
    if (text[i] == 's' && text[i + 1] == ' ' && starts_with_ci(text.substr(i + 2), "beslutning")) {
      folded_at = i;
      break;
    }
  }
  if (folded_at == std::string_view::npos) return false;
  std::string_view owner = text.substr(0, folded_at + 1);  // "Folkeoplysningsudvalgets"
  std::string_view after = trim(text.substr(folded_at + 12));
  if (!after.empty() && after.front() == 'e') after = trim(after.substr(1));  // "beslutninger"
  std::string_view ignored;
  read_date_and_rest(after, ignored, out);
  std::string owner_folded = fold_key(owner);
  if (owner_folded == "udvalgets") return true;  // "Udvalgets beslutning": the meeting's committee
  if (!guess_committee(owner)) return false;
  out.committee = owner;
  return true;
}

namespace {

// Leading and trailing words around a committee's name in a meeting title.
constexpr std::string_view kTitleLeads[] = {
    "referat", "dagsorden", "beslutningsprotokol", "protokol", "og", "af", "fra", "for", "til",
    "i", "mode", "modet", "ordinart", "ekstraordinart", "abent", "lukket", ""};
constexpr std::string_view kTitleTails[] = {"den", "d", "kl", "side", ""};

bool in_list(std::string_view word, std::span<const std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// The committee's name in the part of a meeting title before its date: the words before
// the meeting word ("Byrådet, Referat,"), else the words after the leading ones ("REFERAT AF
// MØDE I KOMMUNALBESTYRELSEN", "Dagsorden til mødet i Plan- og Miljøudvalget den").
std::string_view title_committee(std::string_view head) {
  std::vector<Word> words = split_words(head);
  std::size_t begin = 0, end = words.size();
  while (begin < end && in_list(words[begin].folded, kTitleLeads)) ++begin;
  for (std::size_t k = begin + 1; k < words.size(); ++k) {
    if (is_meeting_word(words[k].folded)) {
      end = k;
      break;
    }
  }
  while (end > begin && in_list(words[end - 1].folded, kTitleTails)) --end;
  if (begin == end) return {};
  const char* first = words[begin].raw.data();
  const char* last = words[end - 1].raw.data() + words[end - 1].raw.size();
  std::string_view name(first, static_cast<std::size_t>(last - first));
  while (!name.empty() && std::strchr(",-:;", name.back()) != nullptr) name.remove_suffix(1);
  return trim(name);
}

}  // namespace

bool parse_history_heading(std::string_view text, DecisionHeading& out) {
  out = {};
  if (text.size() > 160) return false;
  std::size_t at = 0, end = 0;
  out.date = find_date(text.substr(0, 120), &at, &end);
  if (out.date.empty() || at == 0) return false;
  std::string_view committee = strip_trailing_words(text.substr(0, at));
  if (committee.empty() || committee.size() > 80 || !guess_committee(committee)) return false;
  std::string_view after = trim(text.substr(end));
  if (!after.empty() && after.front() == ',') after = trim(after.substr(1));
  for (std::string_view word : {"pkt.", "pkt", "punkt", "sag nr.", "sag"}) {  // ", pkt. 4:"
    if (starts_with_ci(after, word)) {
      after = trim(after.substr(word.size()));
      while (!after.empty() && is_digit(after.front())) after.remove_prefix(1);
      break;
    }
  }
  if (!after.empty() && after.front() != ':') return false;
  out.committee = committee;
  out.rest = after.empty() ? after : trim(after.substr(1));
  return true;
}

MeetingHeader parse_meeting_line(const Line& line) {
  MeetingHeader header;
  bool labelled = line.kind == LineKind::kMeeting && line.meeting != MeetingField::kTitle;
  std::string_view text = labelled ? line.rest : line.text;
  if (line.kind == LineKind::kDate || line.meeting == MeetingField::kDate) {
    header.date = find_date(text);
    return header;
  }
  if (line.kind == LineKind::kCommittee || line.meeting == MeetingField::kCommittee) {
    std::size_t at = 0;
    header.date = find_date(text, &at);
    header.committee = strip_trailing_words(header.date.empty() ? text : text.substr(0, at));
    return header;
  }
  if (line.meeting != MeetingField::kTitle) return header;
  std::size_t at = 0;
  header.date = find_date(text, &at);
  header.committee = title_committee(header.date.empty() ? text : text.substr(0, at));
  if (header.committee.size() > 80) header.committee = {};
  return header;
}

bool LineReader::next(Line& line) {
  if (done_) return false;
  std::size_t end = pos_;
  // memchr finds the next LF fast; a CR before it (old Mac text) ends the line earlier.
  const void* lf = std::memchr(text_.data() + pos_, '\n', text_.size() - pos_);
  std::size_t lf_at = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - text_.data())
                         : text_.size();
  const void* cr = std::memchr(text_.data() + pos_, '\r', lf_at - pos_);
  end = cr ? static_cast<std::size_t>(static_cast<const char*>(cr) - text_.data()) : lf_at;
  line = Line{};
  line.number = ++number_;
  line.text = strip_decoration(text_.substr(pos_, end - pos_), line.markdown_level);
  classify(line, folded_);
  if (end >= text_.size()) {
    done_ = true;
  } else {
    pos_ = end + 1;
    if (text_[end] == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
  }
  return true;
}

const Line* LineReader::get(std::size_t index) {
  while (index >= first_ + window_.size()) {
    Line line;
    if (!next(line)) return nullptr;
    window_.push_back(line);
  }
  return index < first_ ? nullptr : &window_[index - first_];
}

void LineReader::release_before(std::size_t index) {
  while (first_ < index && !window_.empty()) {
    window_.pop_front();
    ++first_;
  }
}

std::vector<Line> classify_lines(std::string_view text) {
  std::vector<Line> lines;
  LineReader reader(text);
  for (Line line; reader.next(line);) lines.push_back(line);
  return lines;
}

}  // namespace search::minutes
