// Outcome phrases and "Ad N" points.
//
// classify_outcome folds the phrase (text.h), splits it into words and looks each word up in
// a small table of outcome words; no regular expressions, a few hundred bytes at most per
// decision, so it costs nothing next to the rest of the parse.
#include "minutes/decision_text.h"

#include <search/minutes.h>

#include <array>
#include <vector>

#include "minutes/text.h"

namespace search {
namespace {

using minutes::fold;

// Strength when several outcomes appear in one phrase: lower wins.
constexpr std::array<Outcome, 10> kPhrasePrecedence{
    Outcome::kForkastet, Outcome::kUdgaaet,   Outcome::kGodkendt, Outcome::kTiltraadt,
    Outcome::kAnbefalet, Outcome::kValgt,     Outcome::kUdsat,    Outcome::kOversendt,
    Outcome::kTagetTilEfterretning, Outcome::kDroeftet};

// Most decisive first, for combining the points of one decision.
constexpr std::array<Outcome, 10> kPointPrecedence{
    Outcome::kGodkendt, Outcome::kTiltraadt, Outcome::kAnbefalet, Outcome::kValgt,
    Outcome::kForkastet, Outcome::kUdsat,    Outcome::kOversendt, Outcome::kUdgaaet,
    Outcome::kTagetTilEfterretning, Outcome::kDroeftet};

template <std::size_t N>
int rank(const std::array<Outcome, N>& order, Outcome outcome) {
  for (std::size_t i = 0; i < N; ++i) {
    if (order[i] == outcome) return static_cast<int>(i);
  }
  return static_cast<int>(N);
}

struct OutcomeWord {
  std::string_view word;  // folded, digraphs collapsed
  Outcome outcome;
};

// Words that state an outcome on their own. Context-dependent ones are in word_outcome().
constexpr OutcomeWord kWords[] = {
    {"godkendt", Outcome::kGodkendt},      {"godkendes", Outcome::kGodkendt},
    {"godkender", Outcome::kGodkendt},     {"godkendte", Outcome::kGodkendt},
    {"godkendtes", Outcome::kGodkendt},    {"vedtaget", Outcome::kGodkendt},
    {"vedtages", Outcome::kGodkendt},      {"vedtog", Outcome::kGodkendt},
    {"vedtoges", Outcome::kGodkendt},      {"bevilget", Outcome::kGodkendt},
    {"bevilges", Outcome::kGodkendt},      {"bevilgede", Outcome::kGodkendt},
    {"bevilger", Outcome::kGodkendt},      {"imodekommet", Outcome::kGodkendt},
    {"imodekommes", Outcome::kGodkendt},   {"tiltradt", Outcome::kTiltraadt},
    {"tiltrades", Outcome::kTiltraadt},    {"tiltrader", Outcome::kTiltraadt},
    {"tiltradte", Outcome::kTiltraadt},    {"tiltrade", Outcome::kTiltraadt},
    {"anbefales", Outcome::kAnbefalet},    {"anbefalet", Outcome::kAnbefalet},
    {"anbefaler", Outcome::kAnbefalet},    {"anbefalede", Outcome::kAnbefalet},
    {"anbefaling", Outcome::kAnbefalet},   {"indstilles", Outcome::kAnbefalet},
    {"efterretning", Outcome::kTagetTilEfterretning},
    {"orienteret", Outcome::kTagetTilEfterretning},
    {"orienteringen", Outcome::kTagetTilEfterretning},
    {"droftet", Outcome::kDroeftet},       {"droftes", Outcome::kDroeftet},
    {"droftede", Outcome::kDroeftet},      {"droftelse", Outcome::kDroeftet},
    {"dialog", Outcome::kDroeftet},        {"debatteret", Outcome::kDroeftet},
    {"udsat", Outcome::kUdsat},            {"udsattes", Outcome::kUdsat},
    {"udskudt", Outcome::kUdsat},          {"udskydes", Outcome::kUdsat},
    {"oversendes", Outcome::kOversendt},   {"oversendt", Outcome::kOversendt},
    {"oversendte", Outcome::kOversendt},   {"oversende", Outcome::kOversendt},
    {"fremsendes", Outcome::kOversendt},   {"fremsendt", Outcome::kOversendt},
    {"henvist", Outcome::kOversendt},      {"henvises", Outcome::kOversendt},
    {"tilbagesendes", Outcome::kOversendt}, {"tilbagesendt", Outcome::kOversendt},
    {"videresendes", Outcome::kOversendt}, {"videresendt", Outcome::kOversendt},
    {"forkastet", Outcome::kForkastet},    {"forkastes", Outcome::kForkastet},
    {"forkastede", Outcome::kForkastet},   {"nedstemt", Outcome::kForkastet},
    {"nedstemmes", Outcome::kForkastet},   {"nedstemte", Outcome::kForkastet},
    {"afvist", Outcome::kForkastet},       {"afvises", Outcome::kForkastet},
    {"afviste", Outcome::kForkastet},      {"afslag", Outcome::kForkastet},
    {"faldt", Outcome::kForkastet},        {"udgar", Outcome::kUdgaaet},
    {"udgik", Outcome::kUdgaaet},          {"udgaet", Outcome::kUdgaaet},
    {"trukket", Outcome::kUdgaaet},        {"valgt", Outcome::kValgt},
    {"valgtes", Outcome::kValgt},          {"genvalgt", Outcome::kValgt},
    {"udpeget", Outcome::kValgt},          {"udpeges", Outcome::kValgt},
    {"udpegede", Outcome::kValgt},         {"genudpeget", Outcome::kValgt},
};

bool negatable(Outcome outcome) {
  return outcome == Outcome::kGodkendt || outcome == Outcome::kTiltraadt ||
         outcome == Outcome::kAnbefalet || outcome == Outcome::kValgt;
}

// True if `read` is `word` (folded) with one edit that OCR makes of Danish text: a vowel
// that was æ, ø or å (folded to a or o) read as another letter ("tiltridt", "dreftet"), or
// one letter too many or too few of those a scan adds or drops ("ze" for æ). Other single
// edits make other real words ("forhastet" is not "forkastet").
bool ocr_misreading(std::string_view read, std::string_view word) {
  if (read == word) return true;  // after 1 -> l, 0 -> o ("Anbefa1es")
  std::size_t p = 0;
  while (p < read.size() && p < word.size() && read[p] == word[p]) ++p;
  auto suffix_equal = [&](std::size_t a, std::size_t b) { return read.substr(a) == word.substr(b); };
  if (read.size() == word.size()) {
    return p < word.size() && (word[p] == 'a' || word[p] == 'o') && suffix_equal(p + 1, p + 1);
  }
  constexpr std::string_view kExtra = "aeozdt";
  if (read.size() == word.size() + 1) {
    return kExtra.find(read[p]) != std::string_view::npos && suffix_equal(p + 1, p);
  }
  if (read.size() + 1 == word.size()) {
    return kExtra.find(word[p]) != std::string_view::npos && suffix_equal(p, p + 1);
  }
  return false;
}

Outcome word_outcome(const std::vector<std::string_view>& words, std::size_t i) {
  std::string_view w = words[i];
  std::string_view previous = i > 0 ? words[i - 1] : std::string_view{};
  if (w == "orientering" && previous == "til") return Outcome::kTagetTilEfterretning;
  // "Ingen bemærkninger" (OCR: "bemzrkninger"), "Ingen kommentarer".
  if (previous == "ingen" && (w.starts_with("bem") || w.starts_with("kommentar"))) {
    return Outcome::kTagetTilEfterretning;
  }
  if (w == "sendes" && i + 1 < words.size() && words[i + 1] == "videre") return Outcome::kOversendt;
  // "Sagen blev taget af dagsordenen" ("Godkendelse af dagsorden" is no outcome).
  if (w == "dagsordenen" && previous == "af" && i >= 2) {
    std::string_view verb = words[i - 2];
    if (verb == "taget" || verb == "tages" || verb == "fjernet" || verb == "fjernes") {
      return Outcome::kUdgaaet;
    }
  }
  for (const auto& entry : kWords) {
    if (entry.word == w) return entry.outcome;
  }
  // One OCR misreading in a long outcome word ("Tiltridt", "Dreftet"); short words are too easily
  // confused, and so is "udsat" ("udsatte" borgere are vulnerable, not postponed).
  if (w.size() < 7) return Outcome::kUkendt;
  std::string ocr(w);  // OCR reads l as 1 and o as 0 inside words ("Ti1trådt")
  for (char& c : ocr) c = c == '1' ? 'l' : c == '0' ? 'o' : c;
  for (const auto& entry : kWords) {
    std::string_view e = entry.word;
    if (entry.outcome == Outcome::kUdsat) continue;
    if (e.size() + 1 < ocr.size() || ocr.size() + 1 < e.size() || e.substr(0, 2) != ocr.substr(0, 2)) {
      continue;
    }
    if (ocr_misreading(ocr, e)) return entry.outcome;
  }
  return Outcome::kUkendt;
}

bool negated(const std::vector<std::string_view>& words, std::size_t i) {
  for (std::size_t k = i >= 3 ? i - 3 : 0; k < i; ++k) {
    if (words[k] == "ikke") return true;
  }
  return i + 1 < words.size() && words[i + 1] == "ikke";
}

std::vector<std::string_view> split_words(std::string_view folded) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

bool is_lower_start(std::string_view text, std::size_t i) {
  if (i >= text.size()) return false;
  char c = text[i];
  if (c >= 'a' && c <= 'z') return true;
  // æ ø å
  return c == '\xC3' && i + 1 < text.size() &&
         (text[i + 1] == '\xA6' || text[i + 1] == '\xB8' || text[i + 1] == '\xA5');
}

// End of the sentence starting at `begin`: after [.!?] followed by whitespace and not a
// lower-case letter ("0,5 mio. kr." goes on), at a blank line, or at the end.
std::size_t sentence_end(std::string_view text, std::size_t begin) {
  for (std::size_t i = begin; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      std::size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
      if (j < text.size() && text[j] == '\n') return i;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    if (i + 1 == text.size()) return i + 1;
    if (!minutes::is_space(text[i + 1])) continue;
    std::size_t j = i + 1;
    while (j < text.size() && minutes::is_space(text[j])) ++j;
    if (!is_lower_start(text, j)) return i + 1;
  }
  return text.size();
}

constexpr std::size_t kRawLimit = 300;

std::string clip_raw(std::string_view sentence) {
  std::string raw = minutes::collapse_spaces(sentence);
  if (raw.size() <= kRawLimit) return raw;
  std::size_t cut = kRawLimit;
  while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
  std::size_t space = raw.rfind(' ', cut);
  if (space != std::string::npos && space > kRawLimit / 2) cut = space;
  raw.resize(cut);
  raw += " …";
  return raw;
}

// "Ad 1-2 Tiltrådt": if an "Ad N" point starts at text[i], its spec and where its text starts.
bool point_marker_at(std::string_view text, std::size_t i, std::string& spec, std::size_t& body) {
  if (!minutes::starts_with_ci(text.substr(i), "ad")) return false;
  std::size_t j = i + 2;
  if (j < text.size() && text[j] == '.') ++j;
  while (j < text.size() && text[j] == ' ') ++j;
  for (std::string_view word : {"pkt.", "pkt", "punkt"}) {
    if (minutes::starts_with_ci(text.substr(j), word)) {
      j += word.size();
      while (j < text.size() && text[j] == ' ') ++j;
      break;
    }
  }
  if (j == i + 2 || j >= text.size() || text[j] < '0' || text[j] > '9') return false;
  spec.clear();
  while (j < text.size()) {
    char c = text[j];
    if (c >= '0' && c <= '9') {
      spec.push_back(c);
      ++j;
    } else if (c == '-' || c == ',' || c == '/') {
      spec.push_back(c);
      ++j;
    } else if (text.substr(j, 3) == "\xE2\x80\x93") {  // en dash
      spec.push_back('-');
      j += 3;
    } else if (c == ' ' && j + 1 < text.size() && ((text[j + 1] >= '0' && text[j + 1] <= '9') ||
                                                   text.substr(j + 1, 3) == "og ")) {
      spec.push_back(' ');
      ++j;
    } else if (text.substr(j, 2) == "og" && j + 2 < text.size() && text[j + 2] == ' ') {
      spec += "og";
      j += 2;
    } else {
      break;
    }
  }
  while (!spec.empty() && (spec.back() == ',' || spec.back() == ' ' || spec.back() == '-')) {
    spec.pop_back();
  }
  if (j < text.size() && (text[j] == ':' || text[j] == '.' || text[j] == ')')) ++j;
  while (j < text.size() && minutes::is_space(text[j])) ++j;
  body = j;
  return !spec.empty();
}

// Point markers count only at the start of a line or of a sentence.
bool at_point_boundary(std::string_view text, std::size_t i) {
  if (i == 0) return true;
  std::size_t k = i;
  while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t')) --k;
  if (k == 0 || text[k - 1] == '\n') return true;
  return k < i && (text[k - 1] == '.' || text[k - 1] == ';');
}

}  // namespace

Outcome classify_outcome(std::string_view phrase) {
  std::string folded;
  minutes::fold(phrase, folded, 1000, true);
  std::vector<std::string_view> words = split_words(folded);
  Outcome best = Outcome::kUkendt;
  bool seen_recommend = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    Outcome outcome = word_outcome(words, i);
    if (outcome == Outcome::kUkendt) continue;
    if (negated(words, i)) {
      if (!negatable(outcome)) continue;
      outcome = Outcome::kForkastet;
    }
    // "anbefales godkendt", "indstilles vedtaget": a recommendation of approval.
    if (outcome == Outcome::kAnbefalet) seen_recommend = true;
    if (seen_recommend && (outcome == Outcome::kGodkendt || outcome == Outcome::kTiltraadt)) {
      outcome = Outcome::kAnbefalet;
    }
    if (best == Outcome::kUkendt || rank(kPhrasePrecedence, outcome) < rank(kPhrasePrecedence, best)) {
      best = outcome;
    }
  }
  return best;
}

std::vector<PointOutcome> parse_point_outcomes(std::string_view text) {
  struct Marker {
    std::size_t start, body;
    std::string spec;
  };
  std::vector<Marker> markers;
  std::string spec;
  std::size_t body = 0;
  for (std::size_t i = 0; i + 3 < text.size(); ++i) {
    char c = text[i];
    if ((c != 'A' && c != 'a') || !at_point_boundary(text, i)) continue;
    if (point_marker_at(text, i, spec, body)) {
      markers.push_back({i, body, spec});
      i = body > i ? body - 1 : i;
    }
  }
  std::vector<PointOutcome> points;
  for (std::size_t m = 0; m < markers.size(); ++m) {
    std::size_t end = m + 1 < markers.size() ? markers[m + 1].start : text.size();
    std::string_view body_text = text.substr(markers[m].body, end - markers[m].body);
    PointOutcome point;
    point.points = markers[m].spec;
    point.outcome = minutes::read_outcome(body_text, point.raw);
    points.push_back(std::move(point));
  }
  return points;
}

std::string parse_danish_date(std::string_view text) { return minutes::find_date(text); }

namespace minutes {

Outcome read_outcome(std::string_view text, std::string& raw) {
  constexpr int kMaxSentences = 12;
  constexpr std::size_t kMaxBytes = 4000;
  raw.clear();
  std::size_t begin = 0;
  for (int n = 0; n < kMaxSentences && begin < text.size() && begin < kMaxBytes; ++n) {
    while (begin < text.size() && is_space(text[begin])) ++begin;
    if (begin >= text.size()) break;
    std::size_t end = sentence_end(text, begin);
    std::string_view sentence = text.substr(begin, end - begin);
    if (n == 0) raw = clip_raw(sentence);
    Outcome outcome = classify_outcome(sentence.substr(0, 1000));
    if (outcome != Outcome::kUkendt) {
      raw = clip_raw(sentence);
      return outcome;
    }
    begin = end;
  }
  return Outcome::kUkendt;
}

void read_decision_outcomes(Decision& decision) {
  decision.points = parse_point_outcomes(decision.text);
  if (decision.points.empty()) {
    decision.outcome = read_outcome(decision.text, decision.outcome_raw);
    return;
  }
  const PointOutcome* decisive = &decision.points.front();
  for (const auto& point : decision.points) {
    if (rank(kPointPrecedence, point.outcome) < rank(kPointPrecedence, decisive->outcome)) {
      decisive = &point;
    }
  }
  decision.outcome = decisive->outcome;
  decision.outcome_raw = decisive->raw;
}

}  // namespace minutes
}  // namespace search
