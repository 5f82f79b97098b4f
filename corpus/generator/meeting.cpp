#include "meeting.h"

#include <algorithm>
#include <array>

#include "calendar.h"
#include "ocr.h"
#include "phrases.h"

namespace gen {
namespace {

// Days 2005-01-01 and 2026-12-31: every decision date stays within.
const int kFirstDay = days_from_civil({2005, 1, 1});
const int kLastDay = days_from_civil({2026, 12, 31});

// Standard items' word targets: quantiles of a log-normal (sigma 0.6) scaled to a mean of
// 1000, so an item's length is kMeanWords * quantile / 1000 (interpolated).
constexpr std::array<int, 64> kLengthQuantiles{
    197,  255,  292,  321,  347,  370,  391,  411,  430,  449,  467,  484,  501,  518,  535,  552,
    568,  585,  601,  618,  634,  651,  668,  685,  702,  719,  737,  755,  773,  791,  810,  829,
    849,  869,  890,  911,  933,  956,  979,  1004, 1029, 1055, 1082, 1111, 1140, 1172, 1205, 1240,
    1277, 1316, 1359, 1405, 1455, 1509, 1569, 1637, 1713, 1801, 1905, 2032, 2193, 2415, 2765, 3580};
// Chosen so that all items together (formal and closed ones included) average ~320 words.
constexpr int kMeanWords = 260;
// Per mille of slot words that keep the template's own word.
constexpr int kKeepTemplateWord = 350;

enum class BlockKind : std::uint8_t {
  kTitle,
  kAccess,
  kHeading,
  kSubheading,
  kParagraph,
  kBullet,
  kNumbered,
  kDecisionHeading,
  kDecisionText,
  kAbsentHeading,
  kName,
  kAttachmentsHeading,
  kAttachment,
  kField,  // FirstAgenda "Sagsnummer: ...", "Sagsansvarlig: ..."
};

// Heading flags: bold in markdown; may be glued to the next line in PDF text.
constexpr std::uint8_t kBold = 1;
constexpr std::uint8_t kGlueable = 2;

struct Block {
  BlockKind kind;
  std::uint8_t flags;
  std::uint32_t begin;
  std::uint32_t end;
};

struct DecisionTruth {
  int committee;
  int day;
  int outcome;  // OutcomeKind
};

// One agenda item: its text as blocks, and the ground truth for the manifest.
struct ItemDoc {
  std::string text;
  std::vector<Block> blocks;
  std::string title;
  std::string case_number;
  std::string access;
  std::string route;
  std::string outcome_raw;
  std::string points;
  std::vector<DecisionTruth> decisions;

  void clear() {
    text.clear();
    blocks.clear();
    title.clear();
    case_number.clear();
    access.clear();
    route.clear();
    outcome_raw.clear();
    points.clear();
    decisions.clear();
  }
  std::string_view block_text(const Block& block) const {
    return std::string_view(text).substr(block.begin, block.end - block.begin);
  }
  void add(BlockKind kind, std::string_view content, std::uint8_t flags = 0) {
    const auto begin = static_cast<std::uint32_t>(text.size());
    text += content;
    blocks.push_back({kind, flags, begin, static_cast<std::uint32_t>(text.size())});
  }
  // Opens a block whose text the caller appends to `text`; close with end_block().
  std::uint32_t begin_block() const { return static_cast<std::uint32_t>(text.size()); }
  void end_block(BlockKind kind, std::uint32_t begin, std::uint8_t flags = 0) {
    blocks.push_back({kind, flags, begin, static_cast<std::uint32_t>(text.size())});
  }
};

struct PlannedDecision {
  int committee = 0;
  int day = 0;
  bool narrative = false;
  bool per_point = false;
  bool points_same = false;
  const OutcomePhrase* phrase = nullptr;          // single outcome or the common one
  std::array<const OutcomePhrase*, 4> points{};   // per-point outcomes
};

// Where the points of one decision differ, the most decisive is the decision's (the
// parser's rule too): godkendt, tiltrådt, anbefalet, forkastet, udsat, oversendt,
// taget_til_efterretning, drøftet.
int outcome_strength(int kind) {
  switch (kind) {
    case kGodkendt: return 8;
    case kTiltraadt: return 7;
    case kAnbefalet: return 6;
    case kForkastet: return 5;
    case kUdsat: return 4;
    case kOversendt: return 3;
    case kTagetTilEfterretning: return 2;
    case kDroeftet: return 1;
    default: return 0;
  }
}

// Words that read as an outcome ("godkendt", "anbefalingerne", "drøftet"): kept out of the
// free text of decisions, whose only outcome must be the one the manifest records.
bool reads_as_outcome(std::string_view word) {
  static constexpr std::string_view kStems[] = {
      "godkend", "tiltr", "anbefal", "drøft", "udsat", "udsæt", "forkast", "oversend", "vedtag", "bevilg",
      "efterretning", "orienter", "afvis", "afvist", "nedstem", "henvis", "henvist", "fremsend", "tilbagesend",
      "valgt", "udgå", "udgik", "bemærkning", "beslut", "dialog", "debatter", "faldt", "trukket", "udpeg",
      "afslag", "imødekom", "udskud", "udskyd", "indstil", "videresend", "kommentar"};
  for (std::string_view stem : kStems) {
    if (word.find(stem) != std::string_view::npos) return true;
  }
  return false;
}

// Words are maximal runs of bytes above ' ' (the text holds no other control characters
// than tab, CR and LF). Written as a sum over adjacent pairs so the compiler vectorises it:
// this runs over every byte generated.
std::size_t count_words(std::string_view text) {
  if (text.empty()) return 0;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t words = s[0] > ' ';
  for (std::size_t i = 1; i < text.size(); ++i) words += (s[i] > ' ') & (s[i - 1] <= ' ');
  return words;
}

void append_ascii_slug(std::string& out, std::string_view text) {
  const std::string lower = to_lower(text);
  bool dash = false;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    const auto c = static_cast<unsigned char>(lower[i]);
    std::string_view piece;
    char single = 0;
    if (c == 0xC3 && i + 1 < lower.size()) {
      const auto next = static_cast<unsigned char>(lower[++i]);
      piece = next == 0xA6 ? "ae" : next == 0xB8 ? "oe" : next == 0xA5 ? "aa" : "e";
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      single = static_cast<char>(c);
    } else if (c >= 0x80) {
      continue;
    }
    if (piece.empty() && single == 0) {
      dash = !out.empty() && out.back() != '/';
      continue;
    }
    if (dash) out += '-';
    dash = false;
    if (single != 0) out += single;
    out += piece;
  }
}

const OutcomePhrase* find_phrase(std::string_view text) {
  for (const OutcomePhrase& phrase : outcome_phrases()) {
    if (phrase.text == text) return &phrase;
  }
  return &outcome_phrases()[0];
}

}  // namespace

std::string_view shape_name(Shape shape) {
  switch (shape) {
    case Shape::kMarkdown: return "markdown";
    case Shape::kPlain: return "plain";
    case Shape::kPdf: return "pdf";
    case Shape::kOcr: return "ocr";
    case Shape::kFirstAgenda: return "firstagenda";
  }
  return "plain";
}

Templates Templates::parse() {
  Templates t;
  t.fremstilling = parse_templates(fremstilling_sentences());
  t.list_items = parse_templates(gen::list_items());
  t.oekonomi = parse_templates(oekonomi_sentences());
  t.lovgrundlag = parse_templates(lovgrundlag_lines());
  t.sammenhaeng = parse_templates(sammenhaeng_sentences());
  t.resume = parse_templates(resume_sentences());
  t.indstilling_objects = parse_templates(gen::indstilling_objects());
  t.remarks = parse_templates(remark_sentences());
  t.narrative = parse_templates(narrative_sentences());
  t.titles = parse_templates(gen::titles(), true);
  return t;
}

std::string_view MeetingWriter::manifest_header() {
  return "file\titem\tline\ttitle\tcase_number\taccess\troute\tcommittee\tcommittee_abbrev\tdate\toutcome\t"
         "outcome_raw\tpoints\tdecisions\tshape\tocr\twords\tmunicipality\n";
}

struct MeetingWriter::Impl {
  explicit Impl(const SharedInputs& shared) : inputs(shared), rng(0) {}

  const SharedInputs inputs;
  Rng rng;
  // The meeting.
  const MeetingPlan* plan = nullptr;
  int committee = 0;
  int day = 0;
  Date date;
  Shape shape = Shape::kPlain;
  std::string_view municipality;
  std::string municipality_short;  // "Norddjurs"
  std::vector<std::string> roster;  // "Jytte Schmidt (F)"
  std::vector<std::size_t> absent;  // indexes into roster
  bool absent_as_afbud = true;
  int last_year = 2022;
  // Scratch.
  ItemDoc doc;
  std::string scratch;
  std::string rendered;
  int pdf_width = 96;
  int pdf_page_lines = 42;
  int pdf_line = 0;
  // Whole-meeting text numbers its items: "3. Budgetopfølgning pr. 31. marts 2022".
  std::uint32_t item_number = 1;
  std::string numbered_title() const { return std::to_string(item_number) + ". " + doc.title; }

  const CommitteeInfo& info(int c) const { return committees()[static_cast<std::size_t>(c)]; }
  const Templates& templates() const { return *inputs.templates; }

  // ---- words and markers -------------------------------------------------------------

  template <typename List>
  const auto& any_of(const List& list) {
    return list[rng.below(static_cast<std::uint32_t>(std::size(list)))];
  }

  // Set while writing a decision's free text (see reads_as_outcome).
  bool outcome_free = false;

  std::string_view draw_word(int word_class) {
    std::string_view word = inputs.vocabulary->draw(rng, word_class);
    for (int tries = 0; outcome_free && reads_as_outcome(word) && tries < 16; ++tries) {
      word = inputs.vocabulary->draw(rng, word_class);
    }
    if (outcome_free && reads_as_outcome(word)) word = "sagen";
    return word;
  }

  void render(const Template& t, std::string& out, int keep = kKeepTemplateWord) {
    bool first = true;
    for (const Token& token : t.tokens) {
      if (token.space_before && !first) out += ' ';
      first = false;
      switch (token.kind) {
        case Token::Kind::kFixed:
          // "... 4,5 mio. kr." ending a sentence takes no second period.
          if (token.text == "." && !out.empty() && out.back() == '.') break;
          out += token.text;
          break;
        case Token::Kind::kSlot: {
          const std::string_view word = rng.chance(static_cast<std::uint32_t>(keep))
                                            ? std::string_view(token.text)
                                            : draw_word(token.word_class);
          if (token.capitalize) {
            append_capitalized(out, word);
          } else {
            out += word;
          }
          break;
        }
        case Token::Kind::kMarker: marker(token.marker, out); break;
      }
    }
  }

  void pick(const std::vector<Template>& pool, std::string& out) {
    render(pool[rng.below(static_cast<std::uint32_t>(pool.size()))], out);
  }

  int year_near() {
    last_year = std::clamp(date.year + rng.range(-2, 2), 2003, 2030);
    return last_year;
  }

  void amount(std::string& out) {
    const std::uint32_t form = rng.below(10);
    if (form < 5) {
      out += std::to_string(rng.range(0, rng.chance(700) ? 9 : 60));
      out += ',';
      out += static_cast<char>('0' + rng.below(10));
      out += " mio. kr.";
    } else if (form < 7) {
      out += std::to_string(rng.range(1, 25));
      out += " mio. kr.";
    } else if (form < 9) {
      out += std::to_string(rng.range(15, 999));
      out += ".000 kr.";
    } else {
      out += std::to_string(rng.range(1, 9));
      out += '.';
      out += std::to_string(rng.range(100, 999));
      out += ".000 kr.";
    }
  }

  void paragraph_ref(std::string& out, bool simple) {
    const int number = rng.chance(600) ? rng.range(1, 30) : rng.range(31, 190);
    const std::uint32_t form = simple ? 0 : rng.below(6);
    if (form == 3) {
      out += "§§ " + std::to_string(number) + "-" + std::to_string(number + rng.range(1, 4));
      return;
    }
    out += form == 4 ? "§" : "§ ";
    out += std::to_string(number);
    if (form == 1) out += ", stk. " + std::to_string(rng.range(1, 6));
    if (form == 4 || form == 5) out += " stk. " + std::to_string(rng.range(1, 6));
  }

  void marker(Marker m, std::string& out) {
    switch (m) {
      case Marker::kKommune: out += municipality; break;
      case Marker::kKommunes: out += municipality; out += 's'; break;
      case Marker::kBy: out += municipality_short; break;
      case Marker::kDato: {
        int d = day + rng.range(-400, 120);
        if (d < kFirstDay) d = day + rng.range(1, 120);
        d = std::min(d, kLastDay);
        append_long(out, civil_from_days(d));
        break;
      }
      case Marker::kUgedag: append_weekday_long(out, std::min(day + rng.range(-7, -1), kLastDay)); break;
      case Marker::kUdvalg: out += rng.chance(500) ? info(committee).name : any_of(committees()).name; break;
      case Marker::kUdvalgs: out += rng.chance(500) ? info(committee).genitive : any_of(committees()).genitive; break;
      case Marker::kAntal:
        out += std::to_string(rng.chance(700) ? rng.range(2, 40) : rng.range(41, 950));
        break;
      case Marker::kSted: out += any_of(places()); break;
      case Marker::kVej: out += any_of(streets()); break;
      case Marker::kPct: {
        const std::uint32_t form = rng.below(3);
        out += std::to_string(rng.range(1, 60));
        if (form == 0) {
          out += " pct.";
        } else if (form == 1) {
          out += ',';
          out += static_cast<char>('0' + rng.below(10));
          out += " %";
        } else {
          out += " procent";
        }
        break;
      }
      case Marker::kAar: out += std::to_string(year_near()); break;
      case Marker::kAar2: out += std::to_string(++last_year); break;
      case Marker::kMaaned: out += kMonthNames[rng.below(12)]; break;
      case Marker::kLov: out += any_of(laws()); break;
      case Marker::kPar: paragraph_ref(out, false); break;
      case Marker::kPar2: paragraph_ref(out, true); break;
      case Marker::kBeloeb: amount(out); break;
      case Marker::kNavn: {
        out += any_of(first_names());
        out += ' ';
        out += any_of(last_names());
        break;
      }
      case Marker::kMedlem: out += roster[rng.below(static_cast<std::uint32_t>(roster.size()))]; break;
      case Marker::kOmraade: {
        static constexpr std::string_view kAreas[] = {
            "ældreområdet", "handicapområdet", "dagtilbudsområdet", "specialundervisningen",
            "hjemmeplejen", "sundhedsområdet", "beskæftigelsesområdet", "kulturområdet",
            "vej- og parkområdet", "klimaindsatsen", "integrationsindsatsen", "plejecentrene",
            "socialområdet", "børne- og familieområdet", "folkeskoleområdet", "erhvervsområdet"};
        if (rng.chance(600)) {
          out += any_of(kAreas);
        } else {
          out += inputs.vocabulary->draw(rng, word_class("området"));
        }
        break;
      }
    }
  }

  // ---- the meeting ---------------------------------------------------------------------

  void start_meeting(const MeetingPlan& p) {
    plan = &p;
    rng = Rng(mix_seed(inputs.options->seed, p.key));
    committee = p.committee;
    day = p.day;
    date = civil_from_days(day);
    municipality = (*inputs.municipalities)[p.municipality];
    municipality_short = std::string(municipality);
    for (std::string_view suffix : {" Kommune", "s Regionskommune"}) {
      if (municipality_short.ends_with(suffix)) municipality_short.resize(municipality_short.size() - suffix.size());
    }
    choose_shape();
    make_roster(p);
    pdf_width = rng.range(88, 100);
    pdf_page_lines = rng.range(36, 46);
    pdf_line = 0;
  }

  void choose_shape() {
    if (rng.chance_ppm(inputs.options->ocr_ppm)) {
      shape = Shape::kOcr;
      return;
    }
    static constexpr std::array<std::uint32_t, 4> kWeights{25, 35, 28, 12};
    static constexpr std::array<Shape, 4> kShapes{Shape::kMarkdown, Shape::kPlain, Shape::kPdf, Shape::kFirstAgenda};
    shape = kShapes[rng.weighted(kWeights)];
  }

  // The committee's members in the electoral period: the same names recur across the
  // period's meetings, as in real minutes.
  void make_roster(const MeetingPlan& p) {
    const int period = date.year < 2006 ? 0 : (date.year - 2006) / 4 + 1;
    Rng names(mix_seed(inputs.options->seed ^ 0x5EED0F7EA11ull,
                       (static_cast<std::uint64_t>(p.municipality) * 64 + p.committee) * 16 + period));
    roster.clear();
    const int size = names.range(7, 11);
    for (int i = 0; i < size; ++i) {
      std::string name(first_names()[names.below(static_cast<std::uint32_t>(first_names().size()))]);
      name += ' ';
      name += last_names()[names.below(static_cast<std::uint32_t>(last_names().size()))];
      if (info(committee).dialog) {
        const auto& orgs = organisations();
        name += names.chance(300) ? "(" : " (";
        name += orgs[names.below(static_cast<std::uint32_t>(orgs.size()))];
      } else {
        name += " (";
        name += parties()[names.weighted(std::array<int, 12>{28, 24, 9, 6, 10, 7, 3, 3, 3, 2, 3, 2})];
      }
      name += ')';
      roster.push_back(std::move(name));
    }
    absent.clear();
    absent_as_afbud = rng.chance(500);
    if (rng.chance(550)) {
      const int count = rng.chance(650) ? 1 : rng.range(2, 4);
      for (int i = 0; i < count; ++i) {
        const std::size_t who = rng.below(static_cast<std::uint32_t>(roster.size()));
        if (std::find(absent.begin(), absent.end(), who) == absent.end()) absent.push_back(who);
      }
    }
  }

  // ---- routes and decisions ------------------------------------------------------------

  // The latest day before `before` that falls on the committee's weekday (sometimes a
  // week earlier still).
  int earlier_meeting(int c, int before) {
    int d = before - 1;
    d -= (weekday(d) - info(c).weekday + 7) % 7;
    if (c != kOekonomiudvalget && rng.chance(400)) d -= 7;
    return d;
  }

  int random_fagudvalg() {
    static constexpr int kFag[] = {2, 3, 4, 5, 6};
    return kFag[rng.below(5)];
  }

  // Committees of the item's route; the meeting's committee is at `current`.
  void choose_route(std::vector<int>& route, std::size_t& current) {
    route.clear();
    const int c = committee;
    const std::uint32_t r = rng.below(100);
    if (c == kKommunalbestyrelsen) {
      if (r >= 25) {
        if (r >= 70) route.push_back(random_fagudvalg());
        route.push_back(kOekonomiudvalget);
      }
      route.push_back(c);
    } else if (c == kOekonomiudvalget) {
      if (r >= 80) route.push_back(random_fagudvalg());
      route.push_back(c);
      if (r >= 45) route.push_back(kKommunalbestyrelsen);
    } else if (info(c).dialog) {
      route.push_back(c);
    } else {
      route.push_back(c);
      if (r >= 60) {
        if (r < 85) route.push_back(kOekonomiudvalget);
        route.push_back(kKommunalbestyrelsen);
      }
    }
    current = static_cast<std::size_t>(std::find(route.begin(), route.end(), c) - route.begin());
  }

  const OutcomePhrase* pick_outcome(bool final_say) {
    std::array<std::uint16_t, 32> weights{};
    const auto phrases = outcome_phrases();
    for (std::size_t i = 0; i < phrases.size(); ++i) {
      weights[i] = final_say ? phrases[i].final_weight : phrases[i].forward_weight;
    }
    return &phrases[rng.weighted(std::span(weights.data(), phrases.size()))];
  }

  const OutcomePhrase* pick_point_outcome(bool final_say) {
    static const std::array<const OutcomePhrase*, 5> kPoint{find_phrase("Godkendt."), find_phrase("Drøftet."),
                                                            find_phrase("Tiltrådt."),
                                                            find_phrase("Taget til efterretning."),
                                                            find_phrase("Anbefales.")};
    return kPoint[rng.weighted(std::array<int, 5>{40, 25, 10, 20, final_say ? 0 : 15})];
  }

  void plan_decision(PlannedDecision& d, int c, int d_day, bool final_say, int point_count) {
    d = PlannedDecision{};
    d.committee = c;
    d.day = d_day;
    if (info(c).dialog && final_say && rng.chance(300)) {
      d.narrative = true;
      return;
    }
    if (point_count >= 2 && rng.chance(450)) {
      d.per_point = true;
      d.points_same = rng.chance(550);
      if (d.points_same) {
        d.phrase = rng.chance(600) ? find_phrase("Tiltrådt.") : pick_outcome(final_say);
        if (d.phrase->kind == kForkastet || d.phrase->kind == kUdsat || d.phrase->kind == kOversendt) {
          d.phrase = find_phrase("Godkendt.");
        }
      } else {
        for (int i = 0; i < point_count; ++i) d.points[static_cast<std::size_t>(i)] = pick_point_outcome(final_say);
        d.points_same = std::all_of(d.points.begin(), d.points.begin() + point_count,
                                    [&](const OutcomePhrase* p) { return p->kind == d.points[0]->kind; });
        if (d.points_same) d.phrase = d.points[0];
      }
      return;
    }
    d.phrase = pick_outcome(final_say);
  }

  // ---- item text -------------------------------------------------------------------------

  void title(const Template& t) {
    scratch.clear();
    render(t, scratch, 500);
    doc.title.clear();
    append_capitalized(doc.title, scratch);
  }

  void case_number(bool first_agenda) {
    doc.case_number.clear();
    int year = date.year;
    const std::uint32_t r = rng.below(100);
    if (r >= 80) year -= r >= 95 ? 2 : 1;
    year = std::max(year, 2005);
    if (first_agenda && rng.chance(700)) {
      doc.case_number = "EMN-" + std::to_string(year) + "-";
      const std::string number = std::to_string(rng.range(1, 29999));
      doc.case_number.append(6 - number.size(), '0');
      doc.case_number += number;
      return;
    }
    const int yy = year % 100;
    doc.case_number += static_cast<char>('0' + yy / 10);
    doc.case_number += static_cast<char>('0' + yy % 10);
    doc.case_number += '/';
    const std::uint32_t digits = rng.below(10);
    doc.case_number += std::to_string(digits < 1 ? rng.range(100, 999) : digits < 8 ? rng.range(1000, 9999)
                                                                                     : rng.range(10000, 19999));
  }

  // Sentences into one paragraph block; returns the words written.
  std::size_t paragraph(const std::vector<Template>& pool, int sentences, BlockKind kind = BlockKind::kParagraph) {
    const std::uint32_t begin = doc.begin_block();
    for (int i = 0; i < sentences; ++i) {
      if (i > 0) doc.text += ' ';
      pick(pool, doc.text);
    }
    doc.end_block(kind, begin);
    return count_words(std::string_view(doc.text).substr(begin));
  }

  void list(std::size_t& words) {
    static constexpr std::string_view kIntros[] = {
        "Af øvrige centrale fokusområder kan nævnes:", "Arbejdet omfatter blandt andet:",
        "Processen omfatter følgende:", "Forvaltningen foreslår følgende tiltag:",
        "Der er særligt fokus på:"};
    doc.add(BlockKind::kParagraph, any_of(kIntros));
    const int count = rng.range(2, 5);
    const BlockKind kind = rng.chance(700) ? BlockKind::kBullet : BlockKind::kNumbered;
    for (int i = 0; i < count; ++i) {
      const std::uint32_t begin = doc.begin_block();
      if (kind == BlockKind::kNumbered) doc.text += std::to_string(i + 1) + ". ";
      pick(templates().list_items, doc.text);
      doc.end_block(kind, begin);
      words += count_words(std::string_view(doc.text).substr(begin));
    }
  }

  void fremstilling(std::size_t target) {
    std::size_t words = 0;
    bool listed = false;
    while (words < target) {
      if (!listed && words > 40 && rng.chance(250)) {
        listed = true;
        list(words);
        continue;
      }
      if (words > 60 && rng.chance(80)) doc.add(BlockKind::kSubheading, any_of(subheadings()));
      words += paragraph(templates().fremstilling, rng.range(1, 4));
    }
  }

  std::size_t target_words() {
    const std::uint32_t at = rng.below(63 * 256);
    const int low = kLengthQuantiles[at / 256];
    const int high = kLengthQuantiles[at / 256 + 1];
    const int quantile = low + (high - low) * static_cast<int>(at % 256) / 256;
    return static_cast<std::size_t>(kMeanWords * quantile / 1000);
  }

  void indstilling(const PlannedDecision& current, int point_count, bool forward) {
    doc.add(BlockKind::kHeading, "Indstilling", kBold);
    const std::uint32_t begin = doc.begin_block();
    doc.text += any_of(roles());
    doc.text += " indstiller";
    if (point_count == 0) {
      doc.text += ", at ";
      pick(templates().indstilling_objects, doc.text);
      doc.text += ' ';
      const OutcomePhrase* phrase = current.phrase != nullptr ? current.phrase : find_phrase("Drøftet.");
      doc.text += indstilling_verb(forward ? kAnbefalet : phrase->kind);
      doc.text += '.';
      doc.end_block(BlockKind::kParagraph, begin);
      return;
    }
    // "Borgmesteren indstiller, at / 1. Kommunalbestyrelsen godkender ..." or
    // "Formanden indstiller: / 1. at forslaget ... godkendes". (The OMU seed writes
    // "1. At forslaget"; in whole-meeting text the minutes parser would take such a line for
    // a new item "1. <titel>", so points start in lower case here.)
    const bool colon = rng.chance(500);
    doc.text += colon ? ":" : ", at";
    doc.end_block(BlockKind::kParagraph, begin);
    for (int i = 0; i < point_count; ++i) {
      const std::uint32_t item = doc.begin_block();
      doc.text += std::to_string(i + 1) + ". ";
      if (colon) doc.text += "at ";
      pick(templates().indstilling_objects, doc.text);
      doc.text += ' ';
      const OutcomePhrase* phrase = current.per_point && !current.points_same ? current.points[static_cast<std::size_t>(i)]
                                    : current.phrase != nullptr              ? current.phrase
                                                                             : find_phrase("Drøftet.");
      doc.text += indstilling_verb(phrase->kind == kAnbefalet && !forward ? kGodkendt : phrase->kind);
      doc.text += i + 1 < point_count ? "," : ".";
      doc.end_block(BlockKind::kNumbered, item);
    }
  }

  void decision_heading(const PlannedDecision& d) {
    const std::uint32_t begin = doc.begin_block();
    if (shape == Shape::kFirstAgenda) {
      doc.text += "Beslutninger";
    } else {
      doc.text += "Beslutning i ";
      doc.text += any_of(info(d.committee).header_variants);
      doc.text += " den ";
      append_dmy(doc.text, civil_from_days(d.day));
    }
    doc.end_block(BlockKind::kDecisionHeading, begin, kBold);
  }

  // Writes the decision block and records its truth; the last call's outcome is the item's.
  void decision(const PlannedDecision& d, int point_count) {
    decision_heading(d);
    doc.outcome_raw.clear();
    doc.points.clear();
    int outcome = kUkendt;
    outcome_free = true;
    if (d.narrative) {
      // A discussion recorded as prose, as dialog forums write it: read as drøftet.
      const std::uint32_t begin = doc.begin_block();
      pick(templates().narrative, doc.text);
      doc.text += ' ';
      doc.text += any_of(info(d.committee).header_variants);
      doc.text += rng.chance(500) ? " havde en konstruktiv dialog om forløbet." : " havde en dialog om sagen.";
      const int more = rng.range(0, 2);
      for (int i = 0; i < more; ++i) {
        doc.text += ' ';
        pick(templates().narrative, doc.text);
      }
      doc.end_block(BlockKind::kDecisionText, begin);
      outcome = kDroeftet;
    } else if (d.per_point && d.points_same && d.phrase != nullptr && (d.points[0] == nullptr)) {
      const std::uint32_t begin = doc.begin_block();
      doc.text += "Ad 1-" + std::to_string(point_count) + (rng.chance(700) ? " " : ": ");
      doc.text += d.phrase->point_text;
      doc.outcome_raw.assign(std::string_view(doc.text).substr(begin));
      doc.text += '.';
      doc.end_block(BlockKind::kDecisionText, begin);
      doc.points = "1-" + std::to_string(point_count) + ":" + std::string(outcome_kind_name(d.phrase->kind));
      outcome = d.phrase->kind;
    } else if (d.per_point) {
      const bool one_line = rng.chance(300);
      std::uint32_t begin = doc.begin_block();
      const std::uint32_t raw_begin = begin;
      for (int i = 0; i < point_count; ++i) {
        const OutcomePhrase* p = d.points[static_cast<std::size_t>(i)];
        if (i > 0 && one_line) doc.text += ' ';
        doc.text += "Ad " + std::to_string(i + 1) + ": ";
        doc.text += p->point_text;
        doc.text += '.';
        if (!one_line) {
          doc.end_block(BlockKind::kDecisionText, begin);
          begin = doc.begin_block();
        }
        if (i > 0) doc.points += ',';
        doc.points += std::to_string(i + 1) + ":" + std::string(outcome_kind_name(p->kind));
      }
      if (one_line) doc.end_block(BlockKind::kDecisionText, begin);
      doc.outcome_raw = one_line ? std::string(std::string_view(doc.text).substr(raw_begin))
                                 : std::string(d.points[0]->point_text) + " ...";
      for (int i = 0; i < point_count; ++i) {
        const int kind = d.points[static_cast<std::size_t>(i)]->kind;
        if (outcome_strength(kind) > outcome_strength(outcome)) outcome = kind;
      }
    } else {
      const std::uint32_t begin = doc.begin_block();
      if (d.phrase->text == "Godkendt." && rng.chance(60)) {
        doc.text += "Godkendt, med den bemærkning, at ";
        static constexpr std::string_view kRemarks[] = {
            "der skal udarbejdes en beskrivelse af, hvordan strategien omsættes til handling.",
            "sagen genoptages på næste møde.", "udvalget orienteres løbende om fremdriften.",
            "der rettes henvendelse til de berørte borgere."};
        doc.text += any_of(kRemarks);
        doc.outcome_raw = "Godkendt";
      } else {
        doc.text += d.phrase->text;
        doc.outcome_raw.assign(d.phrase->text.substr(0, d.phrase->text.size() - 1));
      }
      doc.end_block(BlockKind::kDecisionText, begin);
      outcome = d.phrase->kind;
    }
    if (!d.narrative && rng.chance(120)) paragraph(templates().remarks, 1, BlockKind::kDecisionText);
    outcome_free = false;
    doc.decisions.push_back({d.committee, d.day, outcome});
  }

  void absent_names() {
    if (absent.empty()) return;
    doc.add(BlockKind::kAbsentHeading, absent_as_afbud ? "Afbud:" : "Fraværende:");
    for (std::size_t who : absent) doc.add(BlockKind::kName, roster[who]);
  }

  void attachments() {
    doc.add(BlockKind::kAttachmentsHeading, "Bilag:");
    const int count = rng.chance(400) ? 0 : rng.range(1, 4);
    for (int i = 0; i < count; ++i) {
      const std::uint32_t begin = doc.begin_block();
      if (shape == Shape::kFirstAgenda) {
        doc.text += "Bilag " + std::to_string(i + 1) + ": ";
        doc.text += any_of(attachment_titles());
        doc.text += ".pdf";
      } else {
        doc.text += std::to_string(i + 1) + " - " + std::to_string(rng.range(1000000, 3999999)) + " Åben ";
        doc.text += any_of(attachment_titles());
        doc.text += " (" + std::to_string(rng.range(1000, 99999)) + "/";
        doc.text += static_cast<char>('0' + date.year % 100 / 10);
        doc.text += static_cast<char>('0' + date.year % 10);
        doc.text += ") (H)";
      }
      doc.end_block(BlockKind::kAttachment, begin);
    }
  }

  void route_text(const std::vector<int>& route) {
    doc.route.clear();
    for (std::size_t i = 0; i < route.size(); ++i) {
      if (i > 0) doc.route += ", ";
      doc.route += info(route[i]).abbrev;
    }
  }

  void header_fields(bool first_agenda) {
    if (first_agenda) {
      doc.add(BlockKind::kField, "Sagsnummer: " + doc.case_number);
      scratch = "Sagsansvarlig: ";
      marker(Marker::kNavn, scratch);
      doc.add(BlockKind::kField, scratch);
      return;
    }
    doc.access = "Åben Sag";
    doc.add(BlockKind::kAccess, doc.access);
    doc.add(BlockKind::kHeading, "Sagsgang");
    doc.add(BlockKind::kParagraph, doc.route);
  }

  void standard_item() {
    const bool fa = shape == Shape::kFirstAgenda;
    title(templates().titles[rng.below(static_cast<std::uint32_t>(templates().titles.size()))]);
    doc.add(BlockKind::kTitle, doc.title);
    if (rng.chance(930) || fa) case_number(fa);

    std::vector<int> route;
    std::size_t current = 0;
    if (fa) {
      route.assign(1, committee);
    } else {
      choose_route(route, current);
    }
    // Earlier committees' meetings, latest first; drop any before 2005.
    std::array<int, 4> days{};
    days[current] = day;
    std::size_t first = 0;
    for (std::size_t i = current; i-- > 0;) {
      days[i] = earlier_meeting(route[i], days[i + 1]);
      if (days[i] < kFirstDay) {
        first = i + 1;
        break;
      }
    }
    route.erase(route.begin(), route.begin() + static_cast<std::ptrdiff_t>(first));
    current -= first;
    std::copy(days.begin() + static_cast<std::ptrdiff_t>(first), days.begin() + 4, days.begin());
    if (!fa) route_text(route);
    header_fields(fa);

    const bool final_say = current + 1 == route.size();
    const int point_count = rng.chance(550) ? 0 : rng.range(2, 4);
    std::array<PlannedDecision, 4> planned;
    for (std::size_t i = 0; i <= current; ++i) {
      plan_decision(planned[i], route[i], days[i], i == current && final_say, point_count);
    }

    if (fa && rng.chance(600)) {
      doc.add(BlockKind::kHeading, "Resume");
      paragraph(templates().resume, 1);
    }
    doc.add(BlockKind::kHeading, "Sagsfremstilling");
    fremstilling(target_words());
    if (!fa && rng.chance(500)) {
      doc.add(BlockKind::kHeading, "Sammenhæng til andre politikker/strategier og fagområder", kBold | kGlueable);
      paragraph(templates().sammenhaeng, 1);
    }
    if (rng.chance(fa ? 500 : 900)) {
      doc.add(BlockKind::kHeading, "Økonomiske konsekvenser", kGlueable);
      paragraph(templates().oekonomi, rng.range(1, 3));
    }
    if (!fa && rng.chance(550)) {
      doc.add(BlockKind::kHeading, "Lovgrundlag");
      paragraph(templates().lovgrundlag, 1);
    }
    indstilling(planned[current], point_count, !final_say);
    for (std::size_t i = 0; i <= current; ++i) decision(planned[i], point_count);
    if (!fa) absent_names();
    attachments();
  }

  void formal_item(const FormalItem& item) {
    const bool fa = shape == Shape::kFirstAgenda;
    doc.title = std::string(item.title);
    doc.add(BlockKind::kTitle, doc.title);
    if (rng.chance(500) || fa) case_number(fa);
    if (!fa) {
      doc.route = std::string(info(committee).abbrev);
      header_fields(false);
    } else {
      header_fields(true);
    }
    if (!item.text.empty()) {
      doc.add(BlockKind::kHeading, "Sagsfremstilling");
      doc.add(BlockKind::kParagraph, item.text);
    }
    PlannedDecision d;
    d.committee = committee;
    d.day = day;
    d.phrase = find_phrase(item.outcome);
    decision_heading(d);
    doc.add(BlockKind::kDecisionText, item.outcome);
    doc.outcome_raw.assign(item.outcome.substr(0, item.outcome.size() - 1));
    doc.decisions.push_back({committee, day, item.outcome_kind});
    if (!fa) absent_names();
  }

  void closed_item() {
    static constexpr std::string_view kClosedTitles[] = {
        "Personalesag", "Salg af grund", "Køb af ejendom", "Udbud - tildeling af kontrakt",
        "Forhandling om erstatning", "Sag om økonomisk tilsyn", "Godkendelse af forlig"};
    doc.title = std::string(any_of(kClosedTitles));
    doc.add(BlockKind::kTitle, doc.title);
    case_number(false);
    doc.access = "Lukket Sag";
    doc.add(BlockKind::kAccess, doc.access);
    doc.route = std::string(info(committee).abbrev);
    doc.add(BlockKind::kHeading, "Sagsgang");
    doc.add(BlockKind::kParagraph, doc.route);
    PlannedDecision d;
    plan_decision(d, committee, day, true, 0);
    d.narrative = false;
    if (d.phrase == nullptr) d.phrase = pick_outcome(true);
    decision(d, 0);
    absent_names();
  }

  void compose_item(std::uint32_t index, std::uint32_t count) {
    doc.clear();
    if (index == 0 && rng.chance(600)) {
      formal_item(any_of(opening_items()));
    } else if (index + 1 == count && count > 2 && rng.chance(500)) {
      formal_item(any_of(closing_items()));
    } else if (shape != Shape::kFirstAgenda && rng.chance(30)) {
      closed_item();
    } else {
      standard_item();
    }
  }

  // ---- rendering ---------------------------------------------------------------------

  static bool is_list(BlockKind kind) { return kind == BlockKind::kBullet || kind == BlockKind::kNumbered; }

  void meeting_header(std::string& out) {
    const CommitteeInfo& c = info(committee);
    const std::string_view venue = any_of(venues());
    std::string when;
    append_weekday_long(when, day);
    when[0] = static_cast<char>(when[0] - 32);  // weekday names are ASCII
    switch (shape) {
      case Shape::kMarkdown:
        out += "# " + std::string(c.name) + "\n\n**Referat** - " + when + " kl. 14.00, " + std::string(venue) + "\n\n";
        break;
      case Shape::kFirstAgenda: {
        const std::uint32_t form = rng.below(3);
        if (form != 1) {
          out += "REFERAT " + std::string(c.name) + " d. ";
          append_dmy(out, date);
          out += "\n\n";
        }
        if (form != 0) {
          std::string long_date;
          append_weekday_long(long_date, day);
          out += "Udvalg: " + std::string(c.name) + "\nMødedato: " + long_date +
                 "\nMødetidspunkt: 15:00 - 17:00\nMødested: " + std::string(venue) + "\n";
        }
        out += "Medlemmer: ";
        for (std::size_t i = 0; i < roster.size(); ++i) out += (i > 0 ? ", " : "") + roster[i];
        out += "\n";
        if (!absent.empty()) {
          out += "Fraværende: ";
          for (std::size_t i = 0; i < absent.size(); ++i) out += (i > 0 ? ", " : "") + roster[absent[i]];
          out += "\n";
        }
        out += "\n";
        break;
      }
      default:
        out += std::string(municipality) + "\n\nReferat\n\n" + std::string(c.name) + "\n\n" + when +
               " kl. 14.00\n\n" + std::string(venue) + "\n\n";
        break;
    }
  }

  void render_markdown(std::string& out) {
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      const Block& b = doc.blocks[i];
      const std::string_view t = doc.block_text(b);
      switch (b.kind) {
        case BlockKind::kTitle: out += "## "; out += t; out += "\n\n"; break;
        case BlockKind::kAccess:
          out += '*';
          if (!doc.case_number.empty()) out += doc.case_number + " ";
          out += t;
          out += "*\n\n";
          break;
        case BlockKind::kHeading:
        case BlockKind::kDecisionHeading:
          out += (b.flags & kBold) ? "### **" : "### ";
          out += t;
          out += (b.flags & kBold) ? "**\n\n" : "\n\n";
          break;
        case BlockKind::kSubheading: out += "### "; out += t; out += "\n\n"; break;
        case BlockKind::kBullet:
        case BlockKind::kNumbered:
          if (b.kind == BlockKind::kBullet) out += "- ";
          out += t;
          out += '\n';
          if (i + 1 == doc.blocks.size() || !is_list(doc.blocks[i + 1].kind)) out += '\n';
          break;
        case BlockKind::kAttachmentsHeading: out += "**Bilag:**\n\n"; break;
        case BlockKind::kAttachment: out += t; out += '\n'; break;
        default: out += t; out += "\n\n"; break;
      }
    }
  }

  void render_plain(std::string& out) {
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      const Block& b = doc.blocks[i];
      const std::string_view t = doc.block_text(b);
      if (b.kind == BlockKind::kAccess && !doc.case_number.empty()) out += doc.case_number + " ";
      if (b.kind == BlockKind::kTitle) {
        out += numbered_title();
        out += "\n\n";
        continue;
      }
      if (b.kind == BlockKind::kAttachment) {
        // The VPU seed's tab-separated attachment lines.
        std::string line(t);
        std::replace(line.begin(), line.end(), ' ', '\t');
        out += line;
        out += '\n';
        continue;
      }
      out += t;
      if (is_list(b.kind) && i + 1 < doc.blocks.size() && is_list(doc.blocks[i + 1].kind)) {
        out += '\n';
      } else {
        out += "\n\n";
      }
    }
  }

  // Text as pdftotext writes it: lines broken near `pdf_width` with a trailing space and a
  // blank line after each, a " " line between paragraphs, and at each page break the page
  // furniture ("Kommunalbestyrelsen 21-06-2022") and a leading space.
  void pdf_line_out(std::string& out, std::string_view line, bool can_glue) {
    if (++pdf_line >= pdf_page_lines) {
      pdf_line = 0;
      std::string furniture(info(committee).name);
      furniture += ' ';
      append_dmy(furniture, date);
      if (can_glue && rng.chance(400)) {
        out += furniture + " ";
      } else {
        out += furniture + " \n\n ";
      }
    }
    out += line;
    out += " \n\n";
  }

  // Items start on a new page, so an item's first line is its title.
  void pdf_new_page(std::string& out) {
    if (pdf_line == 0) return;
    pdf_line = 0;
    out += info(committee).name;
    out += ' ';
    append_dmy(out, date);
    out += " \n\n";
  }

  void pdf_wrapped(std::string& out, std::string_view text, bool can_glue) {
    while (!text.empty()) {
      std::size_t cut = text.size();
      if (text.size() > static_cast<std::size_t>(pdf_width)) {
        cut = text.rfind(' ', static_cast<std::size_t>(pdf_width));
        if (cut == std::string_view::npos || cut == 0) cut = text.find(' ');
        if (cut == std::string_view::npos) cut = text.size();
      }
      pdf_line_out(out, text.substr(0, cut), can_glue);
      text.remove_prefix(std::min(text.size(), cut + 1));
    }
  }

  void render_pdf(std::string& out) {
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      const Block& b = doc.blocks[i];
      const std::string_view t = doc.block_text(b);
      switch (b.kind) {
        case BlockKind::kTitle:
          pdf_line_out(out, " " + numbered_title(), false);
          break;
        case BlockKind::kAccess: {
          std::string line = doc.case_number.empty() ? " " : doc.case_number + " ";
          line += t;
          pdf_line_out(out, line, false);
          break;
        }
        case BlockKind::kHeading:
          if ((b.flags & kGlueable) && i + 1 < doc.blocks.size() && rng.chance(200)) {
            // "Sammenhæng til andre politikker/strategier og fagområder Udvikling af ..."
            std::string glued(t);
            glued += ' ';
            glued += doc.block_text(doc.blocks[++i]);
            pdf_wrapped(out, glued, false);
            out += " \n\n";
          } else {
            pdf_line_out(out, t, false);
          }
          break;
        case BlockKind::kDecisionHeading:
        case BlockKind::kAbsentHeading:
        case BlockKind::kAttachmentsHeading:
        case BlockKind::kSubheading:
        case BlockKind::kName:
        case BlockKind::kAttachment:
        case BlockKind::kField:
          pdf_line_out(out, t, false);
          break;
        default:
          pdf_wrapped(out, t, true);
          if (!is_list(b.kind)) out += " \n\n";
          break;
      }
    }
  }

  // Print scanned and read back: lines broken near the width without trailing spaces,
  // blank lines where the scanner saw gaps, headings run on into their text.
  void render_ocr_layout(std::string& out) {
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      const Block& b = doc.blocks[i];
      std::string_view t = doc.block_text(b);
      if (b.kind == BlockKind::kTitle) {
        out += ' ';
        out += numbered_title();
        out += '\n';
        continue;
      }
      if (b.kind == BlockKind::kAccess) {
        if (!doc.case_number.empty()) out += doc.case_number + " ";
        out += t;
        out += "\n\n";
        continue;
      }
      while (!t.empty()) {
        std::size_t cut = t.size();
        if (t.size() > static_cast<std::size_t>(pdf_width)) {
          cut = t.rfind(' ', static_cast<std::size_t>(pdf_width));
          if (cut == std::string_view::npos || cut == 0) cut = t.size();
        }
        out += t.substr(0, cut);
        out += '\n';
        t.remove_prefix(std::min(t.size(), cut + 1));
        if (!t.empty() && rng.chance(350)) out += '\n';
      }
      const bool heading = b.kind == BlockKind::kHeading || b.kind == BlockKind::kSubheading;
      if (!(heading && rng.chance(600)) && !is_list(b.kind)) out += '\n';
    }
  }

  void render_first_agenda(std::string& out, std::uint32_t number) {
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      const Block& b = doc.blocks[i];
      const std::string_view t = doc.block_text(b);
      switch (b.kind) {
        case BlockKind::kTitle:
          out += "Punkt " + std::to_string(number) + ": ";
          out += t;
          out += '\n';
          break;
        case BlockKind::kField:
          out += t;
          out += '\n';
          if (i + 1 < doc.blocks.size() && doc.blocks[i + 1].kind != BlockKind::kField) out += '\n';
          break;
        case BlockKind::kHeading:
        case BlockKind::kDecisionHeading:
          out += t;
          out += '\n';
          break;
        case BlockKind::kAttachmentsHeading: out += "Bilag\n"; break;
        case BlockKind::kAttachment:
        case BlockKind::kBullet:
        case BlockKind::kNumbered:
          if (b.kind == BlockKind::kBullet) out += "• ";
          out += t;
          out += '\n';
          if (i + 1 == doc.blocks.size() || doc.blocks[i + 1].kind != b.kind) out += '\n';
          break;
        default:
          out += t;
          out += "\n\n";
          break;
      }
    }
    if (!doc.blocks.empty() && doc.blocks.back().kind == BlockKind::kAttachmentsHeading) out += '\n';
  }

  // ---- the manifest ----------------------------------------------------------------------

  void manifest_row(std::string& manifest, std::string_view path, std::uint32_t item, std::uint64_t line,
                    std::uint64_t words) {
    const DecisionTruth& last = doc.decisions.back();
    manifest += path;
    manifest += '\t' + std::to_string(item) + '\t' + std::to_string(line) + '\t';
    manifest += doc.title + '\t' + doc.case_number + '\t' + doc.access + '\t' + doc.route + '\t';
    manifest += info(last.committee).name;
    manifest += '\t';
    manifest += info(last.committee).abbrev;
    manifest += '\t';
    append_iso(manifest, civil_from_days(last.day));
    manifest += '\t';
    manifest += outcome_kind_name(last.outcome);
    manifest += '\t' + doc.outcome_raw + '\t' + doc.points + '\t';
    for (std::size_t i = 0; i < doc.decisions.size(); ++i) {
      if (i > 0) manifest += '|';
      manifest += info(doc.decisions[i].committee).abbrev;
      manifest += '@';
      append_iso(manifest, civil_from_days(doc.decisions[i].day));
      manifest += '=';
      manifest += outcome_kind_name(doc.decisions[i].outcome);
    }
    manifest += '\t';
    manifest += shape_name(shape);
    manifest += shape == Shape::kOcr ? "\t1\t" : "\t0\t";
    manifest += std::to_string(words) + '\t';
    manifest += municipality;
    manifest += '\n';
  }

  void write(const MeetingPlan& p, MeetingOutput& output, std::string& manifest) {
    start_meeting(p);
    output.relative_path.clear();
    output.relative_path += std::to_string(date.year) + "/";
    append_ascii_slug(output.relative_path, municipality_short);
    output.relative_path += '-';
    output.relative_path += info(committee).slug;
    output.relative_path += '-';
    append_iso(output.relative_path, date);
    if (p.rep >= 20) output.relative_path += "-" + std::to_string(p.rep);
    output.relative_path += shape == Shape::kMarkdown ? ".md" : ".txt";

    std::string& out = output.bytes;
    out.clear();
    output.words = 0;
    meeting_header(out);
    std::uint64_t line = 1;
    std::size_t counted = 0;
    for (std::uint32_t i = 0; i < p.items; ++i) {
      compose_item(i, p.items);
      if (shape == Shape::kPlain || shape == Shape::kMarkdown) out += "\n";
      if (shape == Shape::kPdf) pdf_new_page(out);
      item_number = i + 1;
      const std::size_t start = out.size();
      line += static_cast<std::uint64_t>(std::count(out.begin() + static_cast<std::ptrdiff_t>(counted),
                                                    out.begin() + static_cast<std::ptrdiff_t>(start), '\n'));
      counted = start;
      switch (shape) {
        case Shape::kMarkdown: render_markdown(out); break;
        case Shape::kPlain: render_plain(out); break;
        case Shape::kPdf: render_pdf(out); break;
        case Shape::kFirstAgenda: render_first_agenda(out, i + 1); break;
        case Shape::kOcr:
          rendered.clear();
          render_ocr_layout(rendered);
          break;
      }
      const std::uint64_t words = count_words(shape == Shape::kOcr ? std::string_view(rendered)
                                                                    : std::string_view(out).substr(start));
      if (shape == Shape::kOcr) append_ocr_damaged(rendered, out, rng);
      output.words += words;
      manifest_row(manifest, output.relative_path, i + 1, line, words);
    }
  }
};

MeetingWriter::MeetingWriter(const SharedInputs& inputs) : impl_(std::make_unique<Impl>(inputs)) {}
MeetingWriter::~MeetingWriter() = default;

void MeetingWriter::write(const MeetingPlan& plan, MeetingOutput& out, std::string& manifest) {
  impl_->write(plan, out, manifest);
}

}  // namespace gen
