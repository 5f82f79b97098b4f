// The minutes parser, the committee table, outcome normalisation and the record JSON.
// Expected values for the seeds were written by reading the files in corpus/seeds/.
#define BOOST_TEST_MODULE minutes
#include <boost/test/unit_test.hpp>

#include <search/committees.h>
#include <search/error.h>
#include <search/minutes.h>
#include <search/record_json.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "minutes/text.h"
#include "support/temp_dir.h"
#include "util/json.h"

namespace {

using search::Outcome;
using search::ParseResult;
using search::Record;

const std::string kSeeds = std::string(SEARCH_CORPUS_DIR) + "/seeds/";

Record parse_seed(const std::string& name) {
  ParseResult result = search::parse_minutes_file(kSeeds + name);
  BOOST_TEST_REQUIRE(result.records.size() == 1u);
  return result.records.front();
}

std::vector<std::string> headings(const Record& record) {
  std::vector<std::string> out;
  for (const auto& section : record.sections) out.push_back(section.heading);
  return out;
}

using Strings = std::vector<std::string>;

bool valid_utf8(std::string_view text) {
  std::string repaired;
  std::size_t bad = 0;
  bool cp1252 = false;
  return search::minutes::repair_utf8(text, repaired, bad, cp1252);
}

void check_all_strings_valid(const Record& r) {
  BOOST_TEST(valid_utf8(r.title));
  BOOST_TEST(valid_utf8(r.case_number));
  for (const auto& s : r.sections) BOOST_TEST((valid_utf8(s.heading) && valid_utf8(s.text)));
  for (const auto& d : r.decisions) BOOST_TEST((valid_utf8(d.text) && valid_utf8(d.outcome_raw)));
  BOOST_TEST(valid_utf8(search::record_to_json(r)));
}

// A scratch directory that also writes files into it.
struct TempDir : search::test::TempDir {
  TempDir() : search::test::TempDir("minutes_test") {}
  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(sub(name), std::ios::binary) << bytes;
    return sub(name);
  }
};

}  // namespace

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(seeds)

BOOST_AUTO_TEST_CASE(pdf_extracted_hovedudvalget_item_reads_through_page_furniture) {
  Record r = parse_seed("norddjurs-hu-2022-09-08-status-velfaerdsomraadet.pdf-extracted.txt");
  BOOST_TEST(r.title == "Status på velfærdsområdet, herunder udviklingsproces på socialområdet");
  BOOST_TEST(r.case_number == "");
  BOOST_TEST(r.access == "Åben Sag");
  BOOST_TEST(r.route == Strings{"HU"}, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(r.decisions.size() == 1u);
  BOOST_TEST(r.decisions[0].committee == "Hovedudvalget");
  BOOST_TEST(r.decisions[0].committee_abbrev == "HU");
  BOOST_TEST(r.decisions[0].date == "2022-09-08");
  // "Hovedudvalget havde en konstruktiv dialog om ...": the item was discussed.
  BOOST_TEST((r.decisions[0].outcome == Outcome::kDroeftet));
  BOOST_TEST(r.decisions[0].points.empty());
  BOOST_TEST(r.absent.empty());
  BOOST_TEST(r.attachments.size() == 1u);
  BOOST_TEST(r.attachments[0] == "1 - 3313695 Åben Kommissorium (88641/22) (H)");
  // "Kommunalbestyrelsen 21-06-2022 Økonomiske konsekvenser Det vurderes, ..." is a running
  // page header, a heading and text on one line: the heading is found behind the header.
  BOOST_TEST(headings(r) ==
                 (Strings{"Sagsfremstilling", "Økonomiske konsekvenser",
                          "Sammenhæng til andre politikker/strategier og fagområder", "Indstilling"}),
             boost::test_tools::per_element());
  BOOST_TEST(r.sections[1].text.starts_with("Det vurderes, at udgiften"));
  BOOST_TEST(r.sections[1].text.find("Kommunalbestyrelsen 21-06-2022") == std::string::npos);
  BOOST_TEST(r.municipality == "Norddjurs Kommune");
  BOOST_TEST(r.source_line == 1u);
}

BOOST_AUTO_TEST_CASE(markdown_hovedudvalget_item_has_route_of_two_and_four_absent) {
  Record r = parse_seed("norddjurs-hu-2022-11-09-afrapportering-socialomraadet.md");
  BOOST_TEST(r.title == "Afrapportering for udviklingsprocessen på Socialområdet");
  BOOST_TEST(r.case_number == "");
  BOOST_TEST(r.access == "Åben Sag");
  BOOST_TEST(r.route == (Strings{"HU", "KB"}), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(r.decisions.size() == 1u);
  BOOST_TEST(r.decisions[0].committee == "Hovedudvalget");
  BOOST_TEST(r.decisions[0].committee_abbrev == "HU");
  BOOST_TEST(r.decisions[0].date == "2022-11-09");
  BOOST_TEST((r.decisions[0].outcome == Outcome::kDroeftet));  // "havde en dialog om"
  BOOST_TEST(r.absent == (Strings{"Ole Andersen", "Karina Lervig Petersen", "Anni Hovmann Nielsen",
                                  "Michael Aagaard Laursen"}),
             boost::test_tools::per_element());
  BOOST_TEST(r.attachments.empty());
  BOOST_TEST(headings(r) ==
                 (Strings{"Sagsfremstilling",
                          "Processen omkring afrapportering for udviklingsprocessen på Socialområdet",
                          "Sammenhæng til andre politikker/strategier og fagområder", "Indstilling"}),
             boost::test_tools::per_element());
  BOOST_TEST(r.source_line == 3u);
}

BOOST_AUTO_TEST_CASE(plain_item_with_two_decisions_keeps_both) {
  Record r = parse_seed("norddjurs-oek-kb-2022-05-politisk-initiativ.txt");
  BOOST_TEST(r.title == "Politisk initiativ");
  BOOST_TEST(r.case_number == "");
  BOOST_TEST(r.access == "Åben Sag");
  BOOST_TEST(r.route == (Strings{"ØK", "KB"}), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(r.decisions.size() == 2u);
  const auto& ok = r.decisions[0];
  BOOST_TEST(ok.committee == "Økonomiudvalget");
  BOOST_TEST(ok.committee_abbrev == "ØK");
  BOOST_TEST(ok.date == "2022-05-17");
  BOOST_TEST((ok.outcome == Outcome::kTiltraadt));
  BOOST_TEST(ok.text == "Ad 1-2 Tiltrådt.");
  BOOST_TEST_REQUIRE(ok.points.size() == 1u);
  BOOST_TEST(ok.points[0].points == "1-2");
  BOOST_TEST((ok.points[0].outcome == Outcome::kTiltraadt));
  const auto& kb = r.decisions[1];
  BOOST_TEST(kb.committee == "Kommunalbestyrelsen");
  BOOST_TEST(kb.committee_abbrev == "KB");
  BOOST_TEST(kb.date == "2022-05-24");
  BOOST_TEST((kb.outcome == Outcome::kGodkendt));
  BOOST_TEST(kb.outcome_raw == "Godkendt.");
  BOOST_TEST(kb.points.empty());
  BOOST_TEST(r.absent == Strings{"Sebastian Rode-Møller Grauert (I)"}, boost::test_tools::per_element());
  BOOST_TEST(r.attachments.empty());
  BOOST_TEST(headings(r) == (Strings{"Sagsfremstilling", "Økonomiske konsekvenser", "Indstilling"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ocr_item_reads_mangled_letters) {
  Record r = parse_seed("norddjurs-omu-2023-09-12-faelles-strategi.ocr.txt");
  // The title is kept as the scan has it.
  BOOST_TEST(r.title == "Fzelles langsigtet strategi pa Socialomridet og Borne- og familieomradet");
  BOOST_TEST(r.case_number == "23/7776");
  BOOST_TEST(r.access == "Åben Sag");  // "Aben Sag"
  BOOST_TEST(r.route == Strings{"OMU"}, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(r.decisions.size() == 1u);
  const auto& d = r.decisions[0];
  // "Beslutning i Omradeudvalg socialomradet den 12-09-2023"
  BOOST_TEST(d.committee == "Områdeudvalg for Socialområdet");
  BOOST_TEST(d.committee_abbrev == "OMU");
  BOOST_TEST(d.date == "2023-09-12");
  BOOST_TEST((d.outcome == Outcome::kGodkendt));
  BOOST_TEST_REQUIRE(d.points.size() == 4u);
  BOOST_TEST(d.points[0].points == "1");
  BOOST_TEST((d.points[0].outcome == Outcome::kDroeftet));  // "Droftet."
  BOOST_TEST(d.points[0].raw == "Droftet.");
  for (int i = 1; i < 4; ++i) {
    BOOST_TEST(d.points[i].points == std::to_string(i + 1));
    BOOST_TEST((d.points[i].outcome == Outcome::kGodkendt));
  }
  BOOST_TEST(r.absent == (Strings{"Hans-Henrik Brandt(aftaleholder)", "Tina Nicolajsen (FOA)",
                                  "Tinne Christiansen (BUPL)", "Pia Christensen(DSR)",
                                  "Hanne Helt Kevy(SL)", "Hanne Nezlo Hansen(FOA)"}),
             boost::test_tools::per_element());  // under "Fravarende:"
  BOOST_TEST_REQUIRE(r.attachments.size() == 3u);  // each wrapped over two lines
  BOOST_TEST(r.attachments[0].starts_with("l- Aben Tids- og handleplan"));
  BOOST_TEST(r.attachments[0].ends_with("strategi pa Socialomradet.pdf"));
  BOOST_TEST(headings(r) ==
                 (Strings{"Sagsfremstilling", "Sammenhæng til andre politikker/strategier og fagområder",
                          "Økonomiske konsekvenser", "Lovgrundlag", "Indstilling"}),
             boost::test_tools::per_element());
  BOOST_TEST(r.municipality == "Norddjurs Kommune");  // from the norddjurs.dk links
}

BOOST_AUTO_TEST_CASE(plain_voksen_og_plejeudvalget_item) {
  Record r = parse_seed("norddjurs-vpu-2024-04-24-status-udviklingsproces.txt");
  BOOST_TEST(r.title == "Status på udviklingsprocessen på Socialområdet pr. april 2024");
  BOOST_TEST(r.case_number == "22/6043");
  BOOST_TEST(r.access == "Åben Sag");
  BOOST_TEST(r.route == Strings{"VPU"}, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(r.decisions.size() == 1u);
  BOOST_TEST(r.decisions[0].committee == "Voksen- og Plejeudvalget");
  BOOST_TEST(r.decisions[0].committee_abbrev == "VPU");
  BOOST_TEST(r.decisions[0].date == "2024-04-24");
  BOOST_TEST((r.decisions[0].outcome == Outcome::kGodkendt));
  BOOST_TEST(r.decisions[0].outcome_raw == "Godkendt.");
  BOOST_TEST(r.decisions[0].text.find("Karoline Bergkvist Søgaard (A)") != std::string::npos);
  BOOST_TEST(r.absent == (Strings{"Diana Therese Mikkelsen (Æ)", "Tom Bytoft (A)"}),
             boost::test_tools::per_element());
  BOOST_TEST(r.attachments.size() == 1u);
  BOOST_TEST(headings(r) ==
                 (Strings{"Sagsfremstilling", "Sammenhæng til andre politikker/strategier og fagområder",
                          "Økonomiske konsekvenser", "Lovgrundlag", "Indstilling"}),
             boost::test_tools::per_element());
  // The file never says "Norddjurs Kommune"; its name does.
  BOOST_TEST(r.municipality == "Norddjurs Kommune");
}

BOOST_AUTO_TEST_CASE(ids_derive_from_the_file_name_without_root_and_extension) {
  search::ParseOptions options;
  options.id_root = std::string(SEARCH_CORPUS_DIR) + "/";
  auto result = search::parse_minutes_file(
      kSeeds + "norddjurs-hu-2022-09-08-status-velfaerdsomraadet.pdf-extracted.txt", options);
  BOOST_TEST_REQUIRE(result.records.size() == 1u);
  BOOST_TEST(result.records[0].id == "seeds/norddjurs-hu-2022-09-08-status-velfaerdsomraadet.pdf-extracted");
  BOOST_TEST(result.records[0].source ==
             kSeeds + "norddjurs-hu-2022-09-08-status-velfaerdsomraadet.pdf-extracted.txt");
  auto again = search::parse_minutes_file(
      kSeeds + "norddjurs-hu-2022-09-08-status-velfaerdsomraadet.pdf-extracted.txt", options);
  BOOST_TEST(again.records[0].id == result.records[0].id);
}

BOOST_AUTO_TEST_CASE(every_seed_parses_without_warnings) {
  for (const auto& entry : std::filesystem::directory_iterator(kSeeds)) {
    auto result = search::parse_minutes_file(entry.path().string());
    BOOST_TEST(result.records.size() == 1u, entry.path());
    BOOST_TEST(result.warnings.empty(), entry.path());
    for (const auto& r : result.records) check_all_strings_valid(r);
  }
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(meetings)

// An Aarhus-style FirstAgenda referat: meeting header, a table of contents, "Punkt N:" items
// whose "Beslutninger" blocks name neither committee nor date.
constexpr std::string_view kFirstAgenda = R"(REFERAT Magistraten d. 06-10-2025
Aarhus Kommune

Udvalg: Magistraten
Mødedato: mandag den 6. oktober 2025
Mødested: Rådhuset, Magistratens mødelokale
Tidspunkt: kl. 13.00 - 15.30

Afbud: Anders Winnerskjold (A), Steen Stavnsbo (V)

Indholdsfortegnelse
Punkt 1: Godkendelse af dagsorden
Punkt 2: Budgetopfølgning pr. 31. august 2025
Punkt 3: Ny struktur for Kultur- og Fritidsudvalget

Punkt 1: Godkendelse af dagsorden

Beslutninger
Dagsordenen blev godkendt.

Punkt 2: Budgetopfølgning pr. 31. august 2025
Sagsnummer: EMN-2025-009242
Åben sag

Resume
Borgmesterens Afdeling fremlægger budgetopfølgningen pr. 31. august 2025
for Aarhus Kommune. Der forventes et mindreforbrug på 12,4 mio. kr.

Indstilling
Det indstilles,
at 1) budgetopfølgningen tages til efterretning,
at 2) sagen oversendes til Byrådet.

Beslutninger
Ad 1: Taget til efterretning.
Ad 2: Oversendes til Byrådet med Magistratens anbefaling.

Bilag
Bilag 1: Budgetopfølgning pr. 31. august 2025 - hovedoversigt
Bilag 2: Notat om anlægsområdet

Punkt 3: Ny struktur for Kultur- og Fritidsudvalget
Sagsnr.: 00.01.00-A00-1-22
Lukket punkt

Beslutninger
Sagen udsættes til næste møde.
)";

BOOST_AUTO_TEST_CASE(firstagenda_meeting_gives_one_record_per_item_inheriting_the_header) {
  auto result = search::parse_minutes_text(kFirstAgenda, "aarhus/magistraten-2025-10-06.txt");
  BOOST_TEST(result.warnings.empty());
  BOOST_TEST_REQUIRE(result.records.size() == 3u);  // the table of contents gives none
  const Strings absent{"Anders Winnerskjold (A)", "Steen Stavnsbo (V)"};
  for (const auto& r : result.records) {
    BOOST_TEST_REQUIRE(r.decisions.size() == 1u);
    BOOST_TEST(r.decisions[0].committee == "Magistraten");
    BOOST_TEST(r.decisions[0].committee_abbrev == "");
    BOOST_TEST(r.decisions[0].date == "2025-10-06");
    BOOST_TEST(r.absent == absent, boost::test_tools::per_element());
    BOOST_TEST(r.municipality == "Aarhus Kommune");
    BOOST_TEST(r.source == "aarhus/magistraten-2025-10-06.txt");
  }
  const Record& first = result.records[0];
  BOOST_TEST(first.id == "aarhus/magistraten-2025-10-06#1");
  BOOST_TEST(first.title == "Godkendelse af dagsorden");
  BOOST_TEST(first.source_line == 16u);
  BOOST_TEST((first.decisions[0].outcome == Outcome::kGodkendt));

  const Record& second = result.records[1];
  BOOST_TEST(second.id == "aarhus/magistraten-2025-10-06#2");
  BOOST_TEST(second.title == "Budgetopfølgning pr. 31. august 2025");
  BOOST_TEST(second.case_number == "EMN-2025-009242");
  BOOST_TEST(second.access == "Åben Sag");
  BOOST_TEST(headings(second) == (Strings{"Resumé", "Indstilling"}), boost::test_tools::per_element());
  BOOST_TEST(second.sections[0].text ==
             "Borgmesterens Afdeling fremlægger budgetopfølgningen pr. 31. august 2025\n"
             "for Aarhus Kommune. Der forventes et mindreforbrug på 12,4 mio. kr.");
  const auto& d = second.decisions[0];
  BOOST_TEST_REQUIRE(d.points.size() == 2u);
  BOOST_TEST((d.points[0].outcome == Outcome::kTagetTilEfterretning));
  // "Oversendes til Byrådet med Magistratens anbefaling": referred with a recommendation.
  BOOST_TEST((d.points[1].outcome == Outcome::kAnbefalet));
  BOOST_TEST((d.outcome == Outcome::kAnbefalet));
  BOOST_TEST(second.attachments ==
                 (Strings{"Bilag 1: Budgetopfølgning pr. 31. august 2025 - hovedoversigt",
                          "Bilag 2: Notat om anlægsområdet"}),
             boost::test_tools::per_element());

  const Record& third = result.records[2];
  BOOST_TEST(third.id == "aarhus/magistraten-2025-10-06#3");
  BOOST_TEST(third.case_number == "00.01.00-A00-1-22");
  BOOST_TEST(third.access == "Lukket Sag");
  BOOST_TEST((third.decisions[0].outcome == Outcome::kUdsat));
}

// Copenhagen-style numbered items "N. Titel ( )" with "Beslutning" blocks and a
// "<Udvalg>s beslutning på mødet den ..." heading.
constexpr std::string_view kNumbered = R"(Referat fra mødet i Folkeoplysningsudvalget den 5. april 2019

1. Godkendelse af dagsorden ( )

Beslutning
Dagsordenen blev godkendt.

2. Ansøgning om lokaletilskud fra Amager Skakklub ( )

Sagsnr.: 2019-0081234

Indstilling
Forvaltningen indstiller,
1. at Folkeoplysningsudvalget bevilger 25.000 kr. til Amager Skakklub.

Folkeoplysningsudvalgets beslutning på mødet den 5. april 2019:
Indstillingen blev ikke godkendt.

3. Eventuelt

Beslutning
Intet.
)";

BOOST_AUTO_TEST_CASE(numbered_items_in_a_meeting_are_confirmed_by_what_follows) {
  search::ParseOptions options;
  options.default_municipality = "Københavns Kommune";
  auto result = search::parse_minutes_text(kNumbered, "minutes/fou-2019-04-05.txt", options);
  BOOST_TEST_REQUIRE(result.records.size() == 3u);
  BOOST_TEST(result.records[0].title == "Godkendelse af dagsorden");
  BOOST_TEST(result.records[1].title == "Ansøgning om lokaletilskud fra Amager Skakklub");
  BOOST_TEST(result.records[2].title == "Eventuelt");
  BOOST_TEST(result.records[1].case_number == "2019-0081234");
  for (const auto& r : result.records) {
    BOOST_TEST_REQUIRE(r.decisions.size() == 1u);
    BOOST_TEST(r.decisions[0].committee == "Folkeoplysningsudvalget");
    BOOST_TEST(r.decisions[0].committee_abbrev == "FOU");
    BOOST_TEST(r.decisions[0].date == "2019-04-05");
    BOOST_TEST(r.municipality == "Københavns Kommune");
  }
  BOOST_TEST((result.records[0].decisions[0].outcome == Outcome::kGodkendt));
  BOOST_TEST((result.records[1].decisions[0].outcome == Outcome::kForkastet));
  BOOST_TEST((result.records[2].decisions[0].outcome == Outcome::kUkendt));
  BOOST_TEST(result.records[2].decisions[0].outcome_raw == "Intet.");
  BOOST_TEST(result.records[1].id == "minutes/fou-2019-04-05#2");
}

BOOST_AUTO_TEST_CASE(numbered_lines_inside_an_item_are_not_items) {
  // The seeds' Indstilling lists "1. Kommunalbestyrelsen godkender ..." stay text.
  Record r = parse_seed("norddjurs-oek-kb-2022-05-politisk-initiativ.txt");
  BOOST_TEST(r.sections[2].text.find("1. Kommunalbestyrelsen godkender") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(items_without_numbers_get_positional_ids) {
  std::string text =
      "## Første sag\n\nÅben Sag\n\nBeslutning i Byrådet den 01-02-2024\n\nGodkendt.\n\n"
      "## Anden sag\n\nLukket Sag\n\nBeslutning i Byrådet den 01-02-2024\n\nUdsat.\n";
  auto result = search::parse_minutes_text(text, "./x/meeting.md");
  BOOST_TEST_REQUIRE(result.records.size() == 2u);
  BOOST_TEST(result.records[0].id == "x/meeting@1");
  BOOST_TEST(result.records[1].id == "x/meeting@2");
  BOOST_TEST(result.records[1].decisions[0].committee_abbrev == "BR");
  BOOST_TEST((result.records[1].decisions[0].outcome == Outcome::kUdsat));
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
// Constructed minutes in the layouts of other municipalities' publishing systems
// (tests/data/minutes/README.md). Expected values worked out by reading the files.
BOOST_AUTO_TEST_SUITE(other_municipalities)

const std::string kConstructed = std::string(SEARCH_TEST_DATA) + "/minutes/";

ParseResult parse_constructed(const std::string& name, std::size_t items) {
  ParseResult result = search::parse_minutes_file(kConstructed + name);
  BOOST_TEST(result.warnings.empty(), name << ": " << (result.warnings.empty() ? "" : result.warnings[0]));
  BOOST_TEST_REQUIRE(result.records.size() == items, name);
  for (const Record& r : result.records) check_all_strings_valid(r);
  return result;
}

void check_decision(const search::Decision& d, std::string_view abbrev, std::string_view committee,
                    std::string_view date, Outcome outcome) {
  BOOST_TEST(d.committee == committee);
  BOOST_TEST(d.committee_abbrev == abbrev);
  BOOST_TEST(d.date == date);
  BOOST_TEST(std::string(search::outcome_name(d.outcome)) == std::string(search::outcome_name(outcome)));
}

BOOST_AUTO_TEST_CASE(acadre_word_export_three_decisions_in_three_date_spellings) {
  ParseResult result = parse_constructed("acadre-byraadet.txt", 2);  // the contents list gives none
  const Record& a = result.records[0];
  BOOST_TEST(a.id.ends_with("acadre-byraadet#12"));
  BOOST_TEST(a.title == "Forslag til kommuneplantillæg nr. 27 for Søhøjlandet");
  BOOST_TEST(a.case_number == "23/4711");
  BOOST_TEST(a.municipality == "Silkeborg Kommune");
  BOOST_TEST(a.absent == Strings{"Karen Holm Vestergaard (V)"}, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(a.decisions.size() == 3u);
  check_decision(a.decisions[0], "TMU", "Teknik- og Miljøudvalget", "2023-04-19", Outcome::kAnbefalet);
  check_decision(a.decisions[1], "ØK", "Økonomiudvalget", "2023-04-26", Outcome::kAnbefalet);
  check_decision(a.decisions[2], "BR", "Byrådet", "2023-05-03", Outcome::kGodkendt);
  // The page break inside the second decision leaves no page header behind.
  BOOST_TEST(a.decisions[1].text ==
             "Anbefales. Jens Kirk (Ø) kunne ikke anbefale forslaget, da der efter hans opfattelse\n"
             "bør stilles krav om større grønne arealer i planområdet.");
  // "Sagsbehandler: Mette Lund" is a detail of the case, not a section.
  BOOST_TEST(headings(a) == (Strings{"Sagsfremstilling", "Indstilling"}), boost::test_tools::per_element());
  BOOST_TEST(a.attachments.size() == 2u);
  const Record& b = result.records[1];
  BOOST_TEST(b.title == "Salg af byggegrund i Kjellerup");  // "(Lukket punkt)" taken off
  BOOST_TEST(b.access == "Lukket Sag");
  BOOST_TEST(b.case_number == "22/10218");
  BOOST_TEST_REQUIRE(b.decisions.size() == 2u);
  check_decision(b.decisions[1], "BR", "Byrådet", "2023-05-03", Outcome::kGodkendt);
  BOOST_TEST(b.decisions[1].text == "Godkendt.");  // the last page's header is not in it
}

BOOST_AUTO_TEST_CASE(netpublicator_dagsorden_og_referat_items_inherit_the_committee_line) {
  ParseResult result = parse_constructed("netpublicator-udvalg.txt", 3);
  const Strings titles{"Godkendelse af dagsorden",
                       "Budgetopfølgning pr. 28. februar 2023 for Social- og Sundhedsudvalget",
                       "Ændring af serviceniveau for praktisk hjælp"};
  const Strings cases{"", "EMN-2023-01234", "EMN-2022-09876"};
  const Outcome outcomes[] = {Outcome::kGodkendt, Outcome::kTagetTilEfterretning, Outcome::kUdsat};
  for (std::size_t i = 0; i < 3; ++i) {
    const Record& r = result.records[i];
    BOOST_TEST(r.title == titles[i]);
    BOOST_TEST(r.case_number == cases[i]);
    BOOST_TEST(r.municipality == "Vejen Kommune");
    BOOST_TEST_REQUIRE(r.decisions.size() == 1u);
    check_decision(r.decisions[0], "SSU", "Social- og Sundhedsudvalget", "2023-03-14", outcomes[i]);
  }
  BOOST_TEST(result.records[0].absent == Strings{"Peter Bruun (V)"}, boost::test_tools::per_element());
  // The third item names its own absent members.
  BOOST_TEST(result.records[2].absent == (Strings{"Peter Bruun (V)", "Susanne Dam (C)"}),
             boost::test_tools::per_element());
  BOOST_TEST(headings(result.records[1]) == (Strings{"Resumé", "Indstilling"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(sbsys_crlf_with_bom_decision_without_i_and_a_decision_not_yet_taken) {
  ParseResult result = parse_constructed("sbsys-crlf.txt", 3);
  const Strings titles{"Ansøgning om tilladelse til råstofindvinding ved Egtved",
                       "Vejnavn til ny udstykning i Børkop", "Trafiksikkerhedsplan 2024-2027"};
  const Strings cases{"09.02.10-P19-3-22", "05.04.00-G01-2-23", "05.13.00-P15-1-23"};
  const Outcome outcomes[] = {Outcome::kGodkendt, Outcome::kValgt, Outcome::kUkendt};
  for (std::size_t i = 0; i < 3; ++i) {
    const Record& r = result.records[i];
    BOOST_TEST(r.title == titles[i]);
    BOOST_TEST(r.case_number == cases[i]);
    BOOST_TEST(r.id.ends_with("#" + std::to_string(i + 5)));
    BOOST_TEST(r.municipality == "Vejle Kommune");
    BOOST_TEST_REQUIRE(r.decisions.size() == 1u);
    // "Beslutning Teknik- og Miljøudvalget den 3/5 2023:" and "... den 3/5-2023:"
    check_decision(r.decisions[0], "TMU", "Teknik- og Miljøudvalget", "2023-05-03", outcomes[i]);
    for (const auto& s : r.sections) BOOST_TEST(s.text.find('\r') == std::string::npos);
  }
  BOOST_TEST(result.records[0].title.find("\xEF\xBB\xBF") == std::string::npos);
  BOOST_TEST(result.records[0].decisions[0].text == "Indstillingen blev godkendt.");
  // Item 7 has a "Beslutning" heading and nothing under it yet: no outcome, no error.
  BOOST_TEST(result.records[2].decisions[0].text == "");
  BOOST_TEST(result.records[2].decisions[0].outcome_raw == "");
}

BOOST_AUTO_TEST_CASE(typed_minutes_in_capitals) {
  ParseResult result = parse_constructed("allcaps-kommunalbestyrelsen.txt", 2);
  const Record& a = result.records[0];
  BOOST_TEST(a.title == "REGULATIV FOR ERHVERVSAFFALD");  // kept as written
  BOOST_TEST(a.case_number == "23/118");
  BOOST_TEST(a.municipality == "Læsø Kommune");  // "LÆSØ KOMMUNE"
  BOOST_TEST(a.absent == Strings{"ANDERS KROG (L)"}, boost::test_tools::per_element());
  BOOST_TEST(headings(a) == (Strings{"Sagsfremstilling", "Indstilling"}), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(a.decisions.size() == 1u);
  // "REFERAT AF MØDE I KOMMUNALBESTYRELSEN", "DATO: 25.05.2023"
  check_decision(a.decisions[0], "KB", "Kommunalbestyrelsen", "2023-05-25", Outcome::kGodkendt);
  BOOST_TEST(a.decisions[0].text == "GODKENDT.");
  const Record& b = result.records[1];
  BOOST_TEST(b.title == "ANSØGNING OM TILSKUD TIL HAVNEFEST");
  BOOST_TEST_REQUIRE(b.decisions.size() == 1u);
  // "ANSØGNINGEN BLEV IKKE IMØDEKOMMET."
  check_decision(b.decisions[0], "KB", "Kommunalbestyrelsen", "2023-05-25", Outcome::kForkastet);
}

BOOST_AUTO_TEST_CASE(pdf_text_with_ligatures_soft_hyphens_and_a_page_break_in_a_decision) {
  ParseResult result = parse_constructed("pdf-ligatures.txt", 2);
  const Record& a = result.records[0];
  BOOST_TEST(a.title == "Finansiering af ny fibernetforbindelse til Tuse");  // "ﬁ", a tab
  BOOST_TEST(a.case_number == "23/2211");
  BOOST_TEST(a.municipality == "Holbæk Kommune");
  BOOST_TEST_REQUIRE(a.sections.size() == 1u);
  const std::string& text = a.sections[0].text;
  BOOST_TEST(text.find("medfinansierer udrulningen af fibernet i kommuneplanens") != std::string::npos);
  BOOST_TEST(text.find("flere husstande") != std::string::npos);
  for (std::string_view bad : {"\xC2\xAD", "\xC2\xA0", "\xEF\xAC", "-\n", "\t"}) {
    BOOST_TEST(text.find(bad) == std::string::npos);
  }
  BOOST_TEST_REQUIRE(a.decisions.size() == 1u);
  // "den 3.<no-break space>maj<no-break space>2023"
  check_decision(a.decisions[0], "ØK", "Økonomiudvalget", "2023-05-03", Outcome::kAnbefalet);
  BOOST_TEST(a.decisions[0].text ==
             "Anbefales godkendt over for Byrådet. Udvalget lagde vægt på, at udbygningen sker i "
             "takt med den nye kommuneplan.");
  const Record& b = result.records[1];
  BOOST_TEST(b.title == "Orientering om likviditet");
  BOOST_TEST(b.case_number == "23/0098");
  BOOST_TEST_REQUIRE(b.decisions.size() == 1u);
  check_decision(b.decisions[0], "ØK", "Økonomiudvalget", "2023-05-03", Outcome::kTagetTilEfterretning);
  BOOST_TEST(b.decisions[0].text == "Taget til efterretning.");  // soft hyphen gone
}

BOOST_AUTO_TEST_CASE(edoc_group_headings_and_earlier_decisions) {
  ParseResult result = parse_constructed("edoc-groups.txt", 2);
  const Record& a = result.records[0];
  BOOST_TEST(a.title == "Anlægsbevilling til renovering af Rosengårdskolen");
  BOOST_TEST(a.case_number == "17.01.02-G01-14-22");  // "Journalnr.:"
  BOOST_TEST(a.municipality == "");  // the file names no municipality
  BOOST_TEST(a.absent == (Strings{"Lars Winther (A)", "Mette Krogh (B)"}), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(a.decisions.size() == 3u);
  // "Børne- og Ungeudvalget den 18. april 2023, pkt. 4:" under "Tidligere beslutninger"
  check_decision(a.decisions[0], "BUU", "Børne- og Ungdomsudvalget", "2023-04-18", Outcome::kAnbefalet);
  check_decision(a.decisions[1], "ØK", "Økonomiudvalget", "2023-04-26", Outcome::kAnbefalet);
  check_decision(a.decisions[2], "BR", "Byrådet", "2023-05-10", Outcome::kGodkendt);  // "Byrådet, Referat"
  BOOST_TEST(a.decisions[2].text == "Godkendt.");  // "B. Sager til orientering" is no text
  BOOST_TEST(headings(a) == Strings{"Sagsfremstilling"}, boost::test_tools::per_element());
  const Record& b = result.records[1];
  BOOST_TEST(b.title == "Status på klimaplanen 2023");
  BOOST_TEST_REQUIRE(b.decisions.size() == 1u);
  check_decision(b.decisions[0], "BR", "Byrådet", "2023-05-10", Outcome::kTagetTilEfterretning);
}

BOOST_AUTO_TEST_CASE(items_numbered_with_their_access_in_brackets) {
  ParseResult result = parse_constructed("open-closed-markers.txt", 3);
  const Strings titles{"Meddelelser fra borgmesteren", "Forslag til lokalplan 455 for Hellerup Havn",
                       "Køb af ejendom"};
  const Strings access{"Åben Sag", "Åben Sag", "Lukket Sag"};
  const Strings cases{"EMN-2023-05678", "EMN-2022-11234", "EMN-2023-04411"};
  const Outcome outcomes[] = {Outcome::kTagetTilEfterretning, Outcome::kGodkendt, Outcome::kGodkendt};
  for (std::size_t i = 0; i < 3; ++i) {
    const Record& r = result.records[i];
    BOOST_TEST(r.title == titles[i]);
    BOOST_TEST(r.access == access[i]);
    BOOST_TEST(r.case_number == cases[i]);
    BOOST_TEST(r.id.ends_with("#" + std::to_string(i + 1)));
    BOOST_TEST(r.municipality == "Gentofte Kommune");
    BOOST_TEST_REQUIRE(r.decisions.size() == 1u);
    check_decision(r.decisions[0], "KB", "Kommunalbestyrelsen", "2023-05-29", outcomes[i]);
  }
  BOOST_TEST(result.records[0].decisions[0].text == "Til efterretning.");
}

BOOST_AUTO_TEST_CASE(web_page_saved_as_markdown_with_numbered_item_headings) {
  ParseResult result = parse_constructed("markdown-web.md", 2);  // "## Åbne punkter" is no item
  const Record& a = result.records[0];
  BOOST_TEST(a.title == "Budgetopfølgning for 1. kvartal 2023");
  BOOST_TEST(a.case_number == "2023-012345");  // "**Sagsnummer:** 2023-012345"
  BOOST_TEST(a.id.ends_with("markdown-web#14"));
  BOOST_TEST_REQUIRE(a.decisions.size() == 2u);
  check_decision(a.decisions[0], "", "Magistraten", "2023-04-24", Outcome::kAnbefalet);
  check_decision(a.decisions[1], "BR", "Byrådet", "2023-05-08", Outcome::kGodkendt);
  BOOST_TEST(a.decisions[1].text == "Godkendt.");
  const Record& b = result.records[1];
  BOOST_TEST(b.title == "Udpegning af medlem til Ældrerådet");
  BOOST_TEST(b.case_number == "2023-013377");
  BOOST_TEST_REQUIRE(b.decisions.size() == 1u);
  check_decision(b.decisions[0], "BR", "Byrådet", "2023-05-08", Outcome::kValgt);
}

BOOST_AUTO_TEST_CASE(agenda_before_the_meeting_has_decisions_without_outcome) {
  ParseResult result = parse_constructed("agenda-only.txt", 2);
  BOOST_TEST(result.records[0].title == "Godkendelse af dagsorden");  // "Punkt nr. 1 - ..."
  BOOST_TEST(result.records[1].title == "Forslag til lokalplan 3003 for boliger ved Humlebæk Station");
  BOOST_TEST(result.records[1].case_number == "23/7012");
  for (const Record& r : result.records) {
    BOOST_TEST(r.municipality == "Fredensborg Kommune");
    BOOST_TEST_REQUIRE(r.decisions.size() == 1u);
    // "Dagsorden til mødet i Plan- og Miljøudvalget den 05.06.2023"
    check_decision(r.decisions[0], "PMU", "Plan- og Miljøudvalget", "2023-06-05", Outcome::kUkendt);
    BOOST_TEST(r.decisions[0].text.empty());
  }
}

BOOST_AUTO_TEST_CASE(a_meeting_header_without_items_gives_no_record_and_one_warning) {
  ParseResult result = search::parse_minutes_file(kConstructed + "header-only.txt");
  BOOST_TEST(result.records.empty());
  BOOST_TEST_REQUIRE(result.warnings.size() == 1u);
  BOOST_TEST(result.warnings[0].find("header-only.txt") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
// What PDF extraction, word processors and other systems do to the text.
BOOST_AUTO_TEST_SUITE(layout)

// One meeting with one item, written so that each test can damage it one way.
const std::string kPlainMeeting =
    "Referat\nØkonomiudvalget\nMødedato: 3. maj 2023\n\n"
    "Punkt 4: Forslag til kommuneplan for Vestbyen\nSagsnr.: 23/1200\n\n"
    "Sagsfremstilling\nForvaltningen har udarbejdet et forslag til kommuneplan.\n\n"
    "Beslutning\nAnbefales godkendt.\n";

void check_plain_meeting(const ParseResult& result) {
  BOOST_TEST(result.warnings.empty());
  BOOST_TEST_REQUIRE(result.records.size() == 1u);
  const Record& r = result.records[0];
  BOOST_TEST(r.title == "Forslag til kommuneplan for Vestbyen");
  BOOST_TEST(r.case_number == "23/1200");
  BOOST_TEST(headings(r) == Strings{"Sagsfremstilling"}, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(!r.sections.empty());
  BOOST_TEST(r.sections[0].text == "Forvaltningen har udarbejdet et forslag til kommuneplan.");
  BOOST_TEST_REQUIRE(r.decisions.size() == 1u);
  BOOST_TEST(r.decisions[0].committee_abbrev == "ØK");
  BOOST_TEST(r.decisions[0].date == "2023-05-03");
  BOOST_TEST((r.decisions[0].outcome == Outcome::kAnbefalet));
  BOOST_TEST(r.decisions[0].text == "Anbefales godkendt.");
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

BOOST_AUTO_TEST_CASE(the_undamaged_meeting) {
  check_plain_meeting(search::parse_minutes_text(kPlainMeeting, "m.txt"));
}

BOOST_AUTO_TEST_CASE(crlf_line_ends) {
  check_plain_meeting(search::parse_minutes_text(replace_all(kPlainMeeting, "\n", "\r\n"), "m.txt"));
}

BOOST_AUTO_TEST_CASE(utf8_byte_order_mark) {
  check_plain_meeting(search::parse_minutes_text("\xEF\xBB\xBF" + kPlainMeeting, "m.txt"));
}

BOOST_AUTO_TEST_CASE(tabs_between_words) {
  std::string text = replace_all(kPlainMeeting, "Punkt 4: ", "Punkt\t4:\t");
  text = replace_all(text, "Sagsnr.: ", "Sagsnr.:\t");
  text = replace_all(text, "kommuneplan.", "kommuneplan.\t");
  check_plain_meeting(search::parse_minutes_text(text, "m.txt"));
}

BOOST_AUTO_TEST_CASE(no_break_spaces) {
  std::string text = replace_all(kPlainMeeting, "3. maj 2023", "3.\xC2\xA0maj\xC2\xA0" "2023");
  text = replace_all(text, "Punkt 4:", "Punkt\xC2\xA0" "4:");
  check_plain_meeting(search::parse_minutes_text(text, "m.txt"));
}

BOOST_AUTO_TEST_CASE(soft_hyphens_vanish) {
  std::string text = replace_all(kPlainMeeting, "kommuneplan", "kommune\xC2\xADplan");
  text = replace_all(text, "Beslutning", "Beslut\xC2\xADning");
  check_plain_meeting(search::parse_minutes_text(text, "m.txt"));
}

BOOST_AUTO_TEST_CASE(ligatures_become_letters) {
  // "ﬁ" in "Forslag" would be odd; the ligatures stand where PDF fonts put them.
  std::string text = replace_all(kPlainMeeting, "Forvaltningen har udarbejdet",
                                 "Forvaltningen har udarbejdet");
  text += "\nPunkt 5: \xEF\xAC\x81nansiering af \xEF\xAC\x82ytning\n\nBeslutning\nGodkendt.\n";
  ParseResult result = search::parse_minutes_text(text, "m.txt");
  BOOST_TEST_REQUIRE(result.records.size() == 2u);
  BOOST_TEST(result.records[1].title == "finansiering af flytning");
  BOOST_TEST(search::minutes::fold("\xEF\xAC\x80") == "");  // the fold itself does not expand them
}

BOOST_AUTO_TEST_CASE(words_hyphenated_at_line_ends_are_joined) {
  std::string text = replace_all(kPlainMeeting, "et forslag til kommuneplan.",
                                 "et forslag til kommune-\nplan.");
  check_plain_meeting(search::parse_minutes_text(text, "m.txt"));
  // In double-spaced PDF text a blank line stands between the halves.
  text = replace_all(kPlainMeeting, "et forslag til kommuneplan.", "et forslag til kommune-\n\nplan.");
  check_plain_meeting(search::parse_minutes_text(text, "m.txt"));
  // "Børne- og Ungdomsudvalget" wrapped after the hyphen keeps it; so do capitals and digits.
  std::string out;
  BOOST_TEST(search::minutes::normalize_layout("Børne-\nog Ungdomsudvalget\n", out) == false);
  BOOST_TEST(search::minutes::normalize_layout("Region-\nSyddanmark, 2023-\n2024\n", out) == false);
  BOOST_TEST(search::minutes::normalize_layout("en kommune-\nplan for byen\n", out));
  BOOST_TEST(out == "en kommuneplan\nfor byen\n");
  BOOST_TEST(search::minutes::normalize_layout("til æl-\n\ndreområdet.\nNæste\n", out));
  BOOST_TEST(out == "til ældreområdet.\nNæste\n");
}

BOOST_AUTO_TEST_CASE(all_caps_headings_and_decisions) {
  std::string text =
      "REFERAT\nØKONOMIUDVALGET\nMØDEDATO: 3. MAJ 2023\n\n"
      "PUNKT 4: FORSLAG TIL KOMMUNEPLAN FOR VESTBYEN\nSAGSNR.: 23/1200\n\n"
      "SAGSFREMSTILLING\nFORVALTNINGEN HAR UDARBEJDET ET FORSLAG TIL KOMMUNEPLAN.\n\n"
      "BESLUTNING I ØKONOMIUDVALGET DEN 03.05.2023\nANBEFALES GODKENDT.\n";
  ParseResult result = search::parse_minutes_text(text, "m.txt");
  BOOST_TEST_REQUIRE(result.records.size() == 1u);
  const Record& r = result.records[0];
  BOOST_TEST(r.title == "FORSLAG TIL KOMMUNEPLAN FOR VESTBYEN");
  BOOST_TEST(r.case_number == "23/1200");
  BOOST_TEST(headings(r) == Strings{"Sagsfremstilling"}, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(r.decisions.size() == 1u);
  BOOST_TEST(r.decisions[0].committee_abbrev == "ØK");
  BOOST_TEST(r.decisions[0].date == "2023-05-03");
  BOOST_TEST((r.decisions[0].outcome == Outcome::kAnbefalet));
}

BOOST_AUTO_TEST_CASE(a_page_break_inside_a_decision_leaves_no_page_furniture) {
  std::string text = replace_all(kPlainMeeting, "Anbefales godkendt.\n",
                                 "Anbefales godkendt, idet udvalget\n\f\nØkonomiudvalget, Referat, "
                                 "3. maj 2023\nSide 2 af 2\n\nlægger vægt på tidsplanen.\n");
  ParseResult result = search::parse_minutes_text(text, "m.txt");
  BOOST_TEST_REQUIRE(result.records.size() == 1u);
  BOOST_TEST_REQUIRE(result.records[0].decisions.size() == 1u);
  BOOST_TEST(result.records[0].decisions[0].text ==
             "Anbefales godkendt, idet udvalget lægger vægt på tidsplanen.");
}

BOOST_AUTO_TEST_CASE(an_empty_or_missing_decision_is_no_outcome_and_no_error) {
  std::string empty = replace_all(kPlainMeeting, "Beslutning\nAnbefales godkendt.\n", "Beslutning\n");
  ParseResult result = search::parse_minutes_text(empty, "m.txt");
  BOOST_TEST(result.warnings.empty());
  BOOST_TEST_REQUIRE(result.records.size() == 1u);
  BOOST_TEST_REQUIRE(result.records[0].decisions.size() == 1u);
  BOOST_TEST((result.records[0].decisions[0].outcome == Outcome::kUkendt));
  BOOST_TEST(result.records[0].decisions[0].date == "2023-05-03");

  std::string missing = replace_all(kPlainMeeting, "Beslutning\nAnbefales godkendt.\n", "");
  result = search::parse_minutes_text(missing, "m.txt");
  BOOST_TEST(result.warnings.empty());
  BOOST_TEST_REQUIRE(result.records.size() == 1u);
  BOOST_TEST(result.records[0].decisions.empty());
  BOOST_TEST(result.records[0].title == "Forslag til kommuneplan for Vestbyen");
}

BOOST_AUTO_TEST_CASE(meeting_titles_name_the_committee_before_or_after_the_word_referat) {
  struct Case {
    std::string_view title, abbrev, date;
  };
  const Case cases[] = {
      {"Byrådet, Referat, 3. maj 2023", "BR", "2023-05-03"},
      {"Økonomiudvalget - Referat - 03.05.2023", "ØK", "2023-05-03"},
      {"REFERAT AF MØDE I KOMMUNALBESTYRELSEN DEN 3. MAJ 2023", "KB", "2023-05-03"},
      {"Dagsorden til mødet i Plan- og Miljøudvalget den 3/5 2023", "PMU", "2023-05-03"},
      {"Møde i Teknik- og Miljøudvalget den 2023-05-03", "TMU", "2023-05-03"},
      {"Beslutningsprotokol for Børne- og Ungdomsudvalget 3/5-2023", "BUU", "2023-05-03"},
  };
  for (const Case& c : cases) {
    std::string text = std::string(c.title) + "\n\n1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n";
    ParseResult result = search::parse_minutes_text(text, "m.txt");
    BOOST_TEST_CONTEXT(c.title) {
      BOOST_TEST_REQUIRE(result.records.size() == 1u);
      BOOST_TEST_REQUIRE(result.records[0].decisions.size() == 1u);
      BOOST_TEST(result.records[0].decisions[0].committee_abbrev == c.abbrev);
      BOOST_TEST(result.records[0].decisions[0].date == c.date);
    }
  }
}

BOOST_AUTO_TEST_CASE(an_item_number_alone_on_its_line_takes_the_next_line_as_title) {
  check_plain_meeting(search::parse_minutes_text(
      replace_all(kPlainMeeting, "Punkt 4: Forslag", "Punkt 4\nForslag"), "m.txt"));
  check_plain_meeting(search::parse_minutes_text(
      replace_all(kPlainMeeting, "Punkt 4: Forslag", "Pkt. 4\n\nForslag"), "m.txt"));
}

BOOST_AUTO_TEST_CASE(more_meeting_header_labels_and_the_closing_remark) {
  std::string text = replace_all(kPlainMeeting, "Referat\nØkonomiudvalget\nMødedato: 3. maj 2023\n",
                                 "Økonomiudvalgets møde den 3. maj 2023\nDato og tid: 3. maj 2023 kl. 16.00\n");
  check_plain_meeting(search::parse_minutes_text(text + "\nMødet hævet kl. 17.45\n", "m.txt"));
}

BOOST_AUTO_TEST_CASE(prose_that_mentions_a_referat_is_not_a_page_header) {
  std::string text = replace_all(kPlainMeeting, "Anbefales godkendt.\n",
                                 "Anbefales godkendt.\nReferat fra mødet i Byrådet den 1. maj 2023\n"
                                 "indgår i sagen.\nByrådets møde blev flyttet\n"
                                 "Økonomiudvalgets møde den 2. maj 2023 godkendte planen\n");
  ParseResult result = search::parse_minutes_text(text, "m.txt");
  BOOST_TEST_REQUIRE(result.records.size() == 1u);
  const std::string& decision = result.records[0].decisions[0].text;
  BOOST_TEST(decision.find("indgår i sagen.") != std::string::npos);
  BOOST_TEST(decision.find("Byrådets møde blev flyttet") != std::string::npos);
  BOOST_TEST(decision.find("Økonomiudvalgets møde den 2. maj 2023 godkendte") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(outcomes)

BOOST_AUTO_TEST_CASE(real_phrasings_normalise_to_the_closed_set) {
  struct Case {
    const char* phrase;
    Outcome expected;
  };
  const Case cases[] = {
      {"Godkendt.", Outcome::kGodkendt},
      {"Tiltrådt.", Outcome::kTiltraadt},
      {"Taget til efterretning.", Outcome::kTagetTilEfterretning},
      {"Anbefales.", Outcome::kAnbefalet},
      {"Indstillingen blev godkendt", Outcome::kGodkendt},
      {"Ikke godkendt", Outcome::kForkastet},
      {"Sagen udsættes", Outcome::kUdsat},
      {"Oversendes til Kommunalbestyrelsen", Outcome::kOversendt},
      {"Drøftet", Outcome::kDroeftet},
      {"Til orientering", Outcome::kTagetTilEfterretning},
      {"Ingen bemærkninger", Outcome::kTagetTilEfterretning},
      {"Forkastet", Outcome::kForkastet},
      {"Nedstemt", Outcome::kForkastet},
      {"Vedtaget", Outcome::kGodkendt},
      {"Bevilget", Outcome::kGodkendt},
      {"Udgår", Outcome::kUdgaaet},
      {"Valgt blev Jens Hansen (A)", Outcome::kValgt},
      {"Droftet.", Outcome::kDroeftet},       // OCR
      {"Tiltradt", Outcome::kTiltraadt},      // OCR
      {"Tiltraadt", Outcome::kTiltraadt},     // ASCII
      {"Ti1trédt.", Outcome::kTiltraadt},     // OCR: l read as 1, å as é
      {"Ingen bemzrkninger.", Outcome::kTagetTilEfterretning},  // OCR: æ read as z
      {"Dreftet.", Outcome::kDroeftet},       // OCR: ø read as e
      {"udsatte borgere", Outcome::kUkendt},  // vulnerable citizens, not postponed
      {"Indstillingen anbefales godkendt", Outcome::kAnbefalet},
      {"Anbefales ikke", Outcome::kForkastet},
      {"Indstillingen godkendes ikke", Outcome::kForkastet},
      {"Forslaget blev ikke vedtaget", Outcome::kForkastet},
      {"Punktet udgik", Outcome::kUdgaaet},
      {"Fremsendes til Økonomiudvalget", Outcome::kOversendt},
      {"Henvist til Teknik- og Miljøudvalget", Outcome::kOversendt},
      {"Tilbagesendes til forvaltningen", Outcome::kOversendt},
      {"Afvist", Outcome::kForkastet},
      {"Sagen blev drøftet og taget til efterretning", Outcome::kTagetTilEfterretning},
      {"Godkendt, med den bemærkning at tidsplanen rettes", Outcome::kGodkendt},
      {"Udvalget tog orienteringen til efterretning.", Outcome::kTagetTilEfterretning},
      {"Tiltrådt og oversendes til Kommunalbestyrelsen", Outcome::kTiltraadt},
      {"Mødet blev hævet kl. 17.00", Outcome::kUkendt},
      // One letter from an outcome word, but not an OCR misreading: another real word.
      {"Der var en dialog om det forhastede forløb.", Outcome::kDroeftet},
      {"Processen var forhastet.", Outcome::kUkendt},
      {"Sagen blev taget af dagsordenen.", Outcome::kUdgaaet},
      {"Godkendelse af dagsordenen: Godkendt.", Outcome::kGodkendt},
      {"", Outcome::kUkendt},
  };
  for (const auto& c : cases) {
    BOOST_TEST((search::classify_outcome(c.phrase) == c.expected), c.phrase);
  }
}

BOOST_AUTO_TEST_CASE(points_are_read_per_point) {
  auto points = search::parse_point_outcomes("Ad 1: Drøftet. Ad 2: Godkendt");
  BOOST_TEST_REQUIRE(points.size() == 2u);
  BOOST_TEST(points[0].points == "1");
  BOOST_TEST((points[0].outcome == Outcome::kDroeftet));
  BOOST_TEST(points[0].raw == "Drøftet.");
  BOOST_TEST(points[1].points == "2");
  BOOST_TEST((points[1].outcome == Outcome::kGodkendt));
  BOOST_TEST(points[1].raw == "Godkendt");

  points = search::parse_point_outcomes("Ad 1-2 Tiltrådt.");
  BOOST_TEST_REQUIRE(points.size() == 1u);
  BOOST_TEST(points[0].points == "1-2");
  BOOST_TEST((points[0].outcome == Outcome::kTiltraadt));

  points = search::parse_point_outcomes("Ad pkt. 3: Udsat.\nAd 1 og 2: Godkendt.");
  BOOST_TEST_REQUIRE(points.size() == 2u);
  BOOST_TEST(points[0].points == "3");
  BOOST_TEST((points[0].outcome == Outcome::kUdsat));
  BOOST_TEST(points[1].points == "1 og 2");

  BOOST_TEST(search::parse_point_outcomes("Godkendt.").empty());
  BOOST_TEST(search::parse_point_outcomes("Han gik ad 2 omveje.").empty());
}

BOOST_AUTO_TEST_CASE(dates_in_danish_spellings_become_iso) {
  BOOST_TEST(search::parse_danish_date("24-05-2022") == "2022-05-24");
  BOOST_TEST(search::parse_danish_date("den 24.05.2022") == "2022-05-24");
  BOOST_TEST(search::parse_danish_date("24. maj 2022") == "2022-05-24");
  BOOST_TEST(search::parse_danish_date("onsdag den 1. oktober 2025") == "2025-10-01");
  BOOST_TEST(search::parse_danish_date("1. okt. 2025") == "2025-10-01");
  BOOST_TEST(search::parse_danish_date("2022-05-24") == "2022-05-24");
  BOOST_TEST(search::parse_danish_date("d. 17-05-22") == "2022-05-17");
  BOOST_TEST(search::parse_danish_date("29-02-2024") == "2024-02-29");
  BOOST_TEST(search::parse_danish_date("29-02-2023") == "");
  BOOST_TEST(search::parse_danish_date("31-04-2022") == "");
  BOOST_TEST(search::parse_danish_date("22/6043") == "");
  BOOST_TEST(search::parse_danish_date("5.-26. august") == "");
  BOOST_TEST(search::parse_danish_date("123-05-2022") == "");
  // Day/month and the year after a space or a hyphen, as SBSYS and hand-typed minutes write it.
  BOOST_TEST(search::parse_danish_date("den 3/5 2023:") == "2023-05-03");
  BOOST_TEST(search::parse_danish_date("den 3/5-2023") == "2023-05-03");
  BOOST_TEST(search::parse_danish_date("12/11 2019") == "2019-11-12");
  BOOST_TEST(search::parse_danish_date("3/5 23") == "");
  BOOST_TEST(search::parse_danish_date("31/4 2023") == "");
}

BOOST_AUTO_TEST_CASE(case_number_shapes) {
  using search::minutes::is_case_number;
  for (const char* yes : {"22/6043", "13/5984", "23/7776", "EMN-2025-009242", "00.01.00-A00-1-22",
                          "27.00.00", "00.01.00-G01", "2022/012345", "2019-0081234",
                          "2023-012345", "09.02.10-P19-3-22"}) {
    BOOST_TEST(is_case_number(yes), yes);
  }
  for (const char* no : {"", "hello", "24-05-2022", "22/", "/6043", "EMN-2025", "1.2.3", "Åben",
                         "2023-2027", "2023-05-03", "5023-012345"}) {
    BOOST_TEST(!is_case_number(no), no);
  }
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(committees)

BOOST_AUTO_TEST_CASE(abbreviations_names_genitives_and_ocr_find_the_same_committee) {
  struct Case {
    const char* text;
    const char* name;
    const char* abbrev;
  };
  const Case cases[] = {
      {"KB", "Kommunalbestyrelsen", "KB"},
      {"kb", "Kommunalbestyrelsen", "KB"},
      {"Kommunalbestyrelsen", "Kommunalbestyrelsen", "KB"},
      {"Kommunalbestyrelsens", "Kommunalbestyrelsen", "KB"},
      {"KOMMUNALBESTYRELSEN", "Kommunalbestyrelsen", "KB"},
      {"ØK", "Økonomiudvalget", "ØK"},
      {"øk", "Økonomiudvalget", "ØK"},
      {"ØU", "Økonomiudvalget", "ØK"},
      {"Økonomiudvalgets", "Økonomiudvalget", "ØK"},
      {"Økonomiudvalg", "Økonomiudvalget", "ØK"},
      {"Okonomiudvalget", "Økonomiudvalget", "ØK"},
      {"Oekonomiudvalget", "Økonomiudvalget", "ØK"},
      {"Omradeudvalg socialomradet", "Områdeudvalg for Socialområdet", "OMU"},
      {"Områdeudvalget for Socialområdet", "Områdeudvalg for Socialområdet", "OMU"},
      {"Områdeudvalg på Socialområdet", "Områdeudvalg for Socialområdet", "OMU"},
      {"OMU", "Områdeudvalg for Socialområdet", "OMU"},
      {"Børne- og Ungdomsudvalget", "Børne- og Ungdomsudvalget", "BUU"},
      {"børne og ungdomsudvalgets", "Børne- og Ungdomsudvalget", "BUU"},
      {"BUU", "Børne- og Ungdomsudvalget", "BUU"},
      {"Voksen- og plejeudvalget", "Voksen- og Plejeudvalget", "VPU"},
      {"VPU", "Voksen- og Plejeudvalget", "VPU"},
      {"HU", "Hovedudvalget", "HU"},
      {"Hovedudvalgets", "Hovedudvalget", "HU"},
      {"TMU", "Teknik- og Miljøudvalget", "TMU"},
      {"Teknik- og Miljøudvalget", "Teknik- og Miljøudvalget", "TMU"},
      {"Miljø- og Teknikudvalget", "Miljø- og Teknikudvalget", "MTU"},
      {"KFU", "Kultur- og Fritidsudvalget", "KFU"},
      {"Social- og Sundhedsudvalget", "Social- og Sundhedsudvalget", "SSU"},
      {"Beskæftigelsesudvalget", "Beskæftigelsesudvalget", "BEU"},
      {"Erhvervs- og Planudvalget", "Erhvervs- og Planudvalget", "EPU"},
      {"Klima- og Miljøudvalget", "Klima- og Miljøudvalget", "KMU"},
      {"Sundheds- og Omsorgsudvalget", "Sundheds- og Omsorgsudvalget", "SOU"},
      {"Skole- og Uddannelsesudvalget", "Skole- og Uddannelsesudvalget", "SUU"},
      {"Byrådet", "Byrådet", "BR"},
      {"Byrådets", "Byrådet", "BR"},
      {"BR", "Byrådet", "BR"},
      {"Magistraten", "Magistraten", ""},
      {"Borgerrepræsentationen", "Borgerrepræsentationen", ""},
      {"  Økonomiudvalget ", "Økonomiudvalget", "ØK"},
  };
  for (const auto& c : cases) {
    auto committee = search::find_committee(c.text);
    BOOST_TEST_REQUIRE(committee.has_value(), c.text);
    BOOST_TEST(committee->name == c.name, c.text);
    BOOST_TEST(committee->abbrev == c.abbrev, c.text);
  }
  for (const char* unknown : {"", "  ", "Udvalget", "XYZ", "Skoleudvalget for Narnia", "Godkendt",
                              "Okonomiudvalgel"}) {
    BOOST_TEST(!search::find_committee(unknown).has_value(), unknown);
  }
}

BOOST_AUTO_TEST_CASE(guess_tolerates_a_few_ocr_edits_but_not_anything) {
  BOOST_TEST(search::guess_committee("Okonomiudvalgel")->abbrev == "ØK");
  BOOST_TEST(search::guess_committee("Hovedudva1get")->abbrev == "HU");
  BOOST_TEST(search::guess_committee("Omradeudvalg socialomridet")->abbrev == "OMU");
  BOOST_TEST(!search::guess_committee("Banan").has_value());
  BOOST_TEST(!search::guess_committee("Fodboldklubben").has_value());
}

BOOST_AUTO_TEST_CASE(every_table_entry_finds_itself_and_abbreviations_are_unique) {
  std::set<std::string_view> abbrevs;
  for (const auto& committee : search::committees()) {
    auto by_name = search::find_committee(committee.name);
    BOOST_TEST_REQUIRE(by_name.has_value(), committee.name);
    BOOST_TEST(by_name->name == committee.name);
    if (committee.abbrev.empty()) continue;
    BOOST_TEST(abbrevs.insert(committee.abbrev).second, committee.abbrev);
    BOOST_TEST(search::find_committee(committee.abbrev)->name == committee.name);
  }
  BOOST_TEST(search::committees().size() >= 30u);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(robustness)

BOOST_AUTO_TEST_CASE(empty_text_gives_no_record_and_a_warning) {
  auto result = search::parse_minutes_text("", "empty.txt");
  BOOST_TEST(result.records.empty());
  BOOST_TEST_REQUIRE(result.warnings.size() == 1u);
  BOOST_TEST(result.warnings[0].starts_with("empty.txt: "));
}

BOOST_AUTO_TEST_CASE(prose_without_minutes_structure_gives_no_record) {
  auto result = search::parse_minutes_text(
      "Det var en mørk og stormfuld nat.\n\nVinden rev i tagene, og ingen sov.\n", "novel.txt");
  BOOST_TEST(result.records.empty());
  BOOST_TEST(result.warnings.size() == 1u);
}

BOOST_AUTO_TEST_CASE(random_bytes_are_rejected_as_binary) {
  std::mt19937 random(20240524);
  std::string bytes(64 * 1024, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xFF);
  try {
    (void)search::parse_minutes_text(bytes, "random.bin");
    BOOST_FAIL("random bytes were parsed");
  } catch (const search::Error& e) {
    BOOST_TEST((e.code() == search::ErrorCode::kParse));
    BOOST_TEST(std::string(e.what()).starts_with("random.bin: binary"));
  }
  // Without NUL bytes the control characters give it away.
  for (char& c : bytes) c = c == '\0' ? '\x01' : c;
  BOOST_CHECK_THROW((void)search::parse_minutes_text(bytes, "random.bin"), search::Error);
}

BOOST_AUTO_TEST_CASE(random_text_never_crashes) {
  // Seeded lines drawn from minutes vocabulary, in random order and combinations.
  const char* pieces[] = {"Åben Sag", "Sagsgang", "HU, KB", "Beslutning i Hovedudvalget den 08-09-2022",
                          "Godkendt.", "Ad 1-2 Tiltrådt.", "Afbud:", "Ole Andersen", "Bilag:",
                          "1 - Bilag.pdf", "Punkt 3: Noget", "3. Noget andet", "## Titel", "",
                          "Indstilling", "REFERAT Byrådet d. 01-10-2025", "Udvalg:", "Beslutninger",
                          "22/6043 Lukket Sag", "Fravarende:", "ÆØÅ æøå \xC3", "Sagsnr.:", "Ad",
                          "Beslutning", "Kommunalbestyrelsen 21-06-2022", "1.", "Punkt", "#"};
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int lines = static_cast<int>(random() % 40);
    for (int i = 0; i < lines; ++i) {
      text += pieces[random() % std::size(pieces)];
      text += random() % 5 == 0 ? "\r\n" : "\n";
    }
    auto result = search::parse_minutes_text(text, "random.txt");
    for (const auto& r : result.records) {
      BOOST_TEST(!r.id.empty());
      check_all_strings_valid(r);
    }
  }
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced_with_a_warning) {
  std::ifstream in(kSeeds + "norddjurs-vpu-2024-04-24-status-udviklingsproces.txt", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t at = text.find("Sagsfremstilling");
  text.insert(at + 4, "\xFF\xFE\xC3");  // inside the heading's line, far from the decision
  auto result = search::parse_minutes_text(text, "broken.txt");
  BOOST_TEST_REQUIRE(result.records.size() == 1u);
  BOOST_TEST_REQUIRE(result.warnings.size() == 1u);
  BOOST_TEST(result.warnings[0].find("UTF-8") != std::string::npos);
  BOOST_TEST(result.warnings[0].starts_with("broken.txt: "));
  BOOST_TEST(result.records[0].case_number == "22/6043");
  BOOST_TEST((result.records[0].decisions.at(0).outcome == Outcome::kGodkendt));
  check_all_strings_valid(result.records[0]);
}

BOOST_AUTO_TEST_CASE(windows_1252_text_is_read_as_such) {
  std::string text =
      "Ny b\xE6redygtighedsstrategi\n\n\xC5" "ben Sag\n\nSagsgang\n\n\xD8K, KB\n\n"
      "Beslutning i \xD8konomiudvalget den 17-05-2022\n\nGodkendt.\n";
  auto result = search::parse_minutes_text(text, "latin1.txt");
  BOOST_TEST_REQUIRE(result.records.size() == 1u);
  BOOST_TEST(result.records[0].title == "Ny bæredygtighedsstrategi");
  BOOST_TEST(result.records[0].access == "Åben Sag");
  BOOST_TEST(result.records[0].route == (Strings{"ØK", "KB"}), boost::test_tools::per_element());
  BOOST_TEST(result.records[0].decisions.at(0).committee_abbrev == "ØK");
  BOOST_TEST(result.warnings.at(0).find("Windows-1252") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(utf16_with_byte_order_mark_is_converted) {
  std::string utf8 = "Titel\nÅben Sag\nBeslutning i Byrådet den 01-02-2024\nGodkendt.\n";
  std::string utf16 = "\xFF\xFE";
  // Every character here is in the Basic Multilingual Plane: decode UTF-8 by hand.
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned cp = static_cast<unsigned char>(utf8[i]);
    if (cp >= 0xC0) {
      cp = ((cp & 0x1F) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3F);
      i += 2;
    } else {
      ++i;
    }
    utf16.push_back(static_cast<char>(cp & 0xFF));
    utf16.push_back(static_cast<char>(cp >> 8));
  }
  auto result = search::parse_minutes_text(utf16, "utf16.txt");
  BOOST_TEST_REQUIRE(result.records.size() == 1u);
  BOOST_TEST(result.records[0].access == "Åben Sag");
  BOOST_TEST(result.records[0].decisions.at(0).committee == "Byrådet");
}

BOOST_AUTO_TEST_CASE(a_very_long_line_is_handled_in_linear_time) {
  std::string text = "Titel\n\nÅben Sag\n\nSagsfremstilling\n\n";
  text.reserve(text.size() + (8u << 20));
  for (int i = 0; i < (1 << 20); ++i) text += "ordet og ";
  text += "\n\nBeslutning i Byrådet den 01-02-2024\n\nGodkendt.\n";
  auto result = search::parse_minutes_text(text, "long.txt");
  BOOST_TEST_REQUIRE(result.records.size() == 1u);
  BOOST_TEST(result.records[0].sections.at(0).text.size() > (8u << 20) - 16);
  BOOST_TEST((result.records[0].decisions.at(0).outcome == Outcome::kGodkendt));
}

BOOST_AUTO_TEST_CASE(file_errors_name_the_file) {
  TempDir dir;
  auto expect_error = [](const std::string& path, search::ErrorCode code,
                         const search::ParseOptions& options = {}) {
    try {
      (void)search::parse_minutes_file(path, options);
      BOOST_FAIL("no error for " + path);
    } catch (const search::Error& e) {
      BOOST_TEST((e.code() == code), path << ": " << e.what());
      BOOST_TEST(std::string(e.what()).starts_with(path + ": "));
    }
  };
  expect_error(dir.sub("missing.txt"), search::ErrorCode::kNotFound);
  expect_error(dir.path(), search::ErrorCode::kIo);
  search::ParseOptions small;
  small.max_file_bytes = 1024;
  expect_error(dir.write("big.txt", std::string(4096, 'x')), search::ErrorCode::kLimit, small);
  // A device never ends: the limit stops the read.
  if (std::filesystem::exists("/dev/zero")) expect_error("/dev/zero", search::ErrorCode::kLimit, small);
  expect_error(dir.write("binary.txt", std::string("abc\0def", 7)), search::ErrorCode::kParse);
  BOOST_CHECK_THROW((void)search::parse_minutes_text(std::string(2048, 'x'), "mem", small),
                    search::Error);
  auto empty = search::parse_minutes_file(dir.write("empty.txt", ""));
  BOOST_TEST(empty.records.empty());
  BOOST_TEST(empty.warnings.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(json)

constexpr std::string_view kFirstAgendaForJson =
    "REFERAT Magistraten d. 06-10-2025\n\nPunkt 1: Godkendelse af dagsorden\n\nBeslutninger\n"
    "Dagsordenen blev godkendt.\n\nPunkt 2: Budget\nSagsnummer: EMN-2025-009242\n\nBeslutninger\n"
    "Ad 1: Taget til efterretning.\nAd 2: Oversendes til Byrådet.\n";

BOOST_AUTO_TEST_CASE(strings_are_escaped) {
  std::string out;
  search::util::append_json_string(out, std::string("a\"b\\c\n\t\x01\x7F", 9));
  BOOST_TEST(out == "\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\"");
  out.clear();
  search::util::append_json_string(out, "æ\xFFø\xE2\x80\xA8");
  BOOST_TEST(out == "\"æ\xEF\xBF\xBDø\\u2028\"");
  out.clear();
  search::util::append_json_string(out, std::string("\0", 1));
  BOOST_TEST(out == "\"\\u0000\"");
}

BOOST_AUTO_TEST_CASE(writer_places_commas) {
  std::string out;
  search::util::JsonWriter json(out);
  json.begin_object().field("a", 1).key("b").begin_array().value(true).null().value("x").end_array();
  json.key("c").begin_object().end_object().field("d", std::uint32_t{7}).end_object();
  BOOST_TEST(out == R"({"a":1,"b":[true,null,"x"],"c":{},"d":7})");
  BOOST_TEST(json.complete());
}

BOOST_AUTO_TEST_CASE(record_json_has_the_documented_fields_in_order) {
  Record r;
  r.id = "x#1";
  r.title = "T";
  r.route = {"ØK", "KB"};
  search::Decision d;
  d.committee = "Økonomiudvalget";
  d.committee_abbrev = "ØK";
  d.date = "2022-05-17";
  d.outcome = Outcome::kTiltraadt;
  d.outcome_raw = "Tiltrådt.";
  d.text = "Ad 1-2 Tiltrådt.";
  d.points.push_back({"1-2", Outcome::kTiltraadt, "Tiltrådt."});
  r.decisions.push_back(d);
  r.sections.push_back({"Indstilling", "at"});
  r.source = "s.txt";
  r.source_line = 3;
  BOOST_TEST(search::record_to_json(r) ==
             R"({"id":"x#1","title":"T","case_number":"","access":"","route":["ØK","KB"],)"
             R"("decisions":[{"committee":"Økonomiudvalget","committee_abbrev":"ØK",)"
             R"("date":"2022-05-17","outcome":"tiltrådt","outcome_raw":"Tiltrådt.",)"
             R"("points":[{"points":"1-2","outcome":"tiltrådt","raw":"Tiltrådt."}],)"
             R"("text":"Ad 1-2 Tiltrådt."}],"absent":[],"attachments":[],)"
             R"("sections":[{"heading":"Indstilling","text":"at"}],"municipality":"",)"
             R"("source":"s.txt","source_line":3})");
}

BOOST_AUTO_TEST_CASE(record_json_reads_back_what_it_wrote) {
  for (const char* seed : {"norddjurs-oek-kb-2022-05-politisk-initiativ.txt",
                           "norddjurs-omu-2023-09-12-faelles-strategi.ocr.txt"}) {
    Record r = parse_seed(seed);
    std::string json = search::record_to_json(r);
    BOOST_TEST(search::record_to_json(search::record_from_json(json)) == json, seed);
  }
  ParseResult meeting = search::parse_minutes_text(kFirstAgendaForJson, "m.txt");
  std::string lines;
  for (const Record& r : meeting.records) lines += search::record_to_json(r) + "\n";
  std::vector<Record> back = search::records_from_json(lines);
  BOOST_TEST_REQUIRE(back.size() == meeting.records.size());
  for (std::size_t i = 0; i < back.size(); ++i) {
    BOOST_TEST(search::record_to_json(back[i]) == search::record_to_json(meeting.records[i]));
  }
  BOOST_TEST(search::records_from_json(" \n\t").empty());
}

BOOST_AUTO_TEST_CASE(record_json_by_hand_gets_committee_names_and_abbreviations) {
  Record r = search::record_from_json(
      R"({"title": "Vejnavn", "id": "x/1", "unknown": [1, {"a": null}], "source_line": 12,)"
      R"( "decisions": [{"committee": "KB", "outcome": "godkendt", "date": "2023-05-03"},)"
      R"( {"committee": "Teknik- og Miljøudvalget", "outcome": "tiltraadt"},)"
      R"( {"committee": "Lokaludvalget Amager", "outcome": null}],)"
      R"( "route": ["TMU", "KB"], "case_number": null, "access": "\u00c5ben Sag \ud83d\ude00"})");
  BOOST_TEST(r.id == "x/1");
  BOOST_TEST(r.title == "Vejnavn");
  BOOST_TEST(r.source_line == 12u);
  BOOST_TEST(r.case_number == "");
  BOOST_TEST(r.access == "Åben Sag \xF0\x9F\x98\x80");
  BOOST_TEST(r.route == (Strings{"TMU", "KB"}), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(r.decisions.size() == 3u);
  BOOST_TEST(r.decisions[0].committee == "Kommunalbestyrelsen");
  BOOST_TEST(r.decisions[0].committee_abbrev == "KB");
  BOOST_TEST((r.decisions[0].outcome == Outcome::kGodkendt));
  BOOST_TEST(r.decisions[1].committee_abbrev == "TMU");
  BOOST_TEST((r.decisions[1].outcome == Outcome::kTiltraadt));
  BOOST_TEST(r.decisions[2].committee == "Lokaludvalget Amager");
  BOOST_TEST(r.decisions[2].committee_abbrev == "");
}

BOOST_AUTO_TEST_CASE(bad_record_json_is_a_parse_error_naming_the_offset) {
  struct Bad {
    std::string_view json, says;
  };
  const Bad cases[] = {
      {R"({"title": "x"})", "no 'id'"},
      {R"({"id": "x", "title": 3})", "'title' must be a string at byte 21"},
      {R"({"id": "x", "decisions": [{"outcome": "maybe"}]})", "unknown outcome 'maybe'"},
      {R"({"id": "x", "source_line": -1})", "'source_line' must be a whole number"},
      {R"({"id": "x", "source_line": 1e999})", "'source_line' must be a whole number"},
      {R"({"id": "x", "source_line": 1.5})", "'source_line' must be a whole number"},
      {R"({"id": "x",})", "expected a field name at byte 11"},
      {R"({"id": "x"} {)", "text after the JSON value at byte 12"},
      {R"({"id": "x\q"})", "bad escape"},
      {R"({"id": "\ud800"})", "lone surrogate"},
      {"{\"id\": \"\xFF\"}", "invalid UTF-8 at byte 8"},
      {"{\"id\": \"a\nb\"}", "control character"},
      {R"([1, 2])", "a record must be an object"},
      {"", "unexpected end at byte 0"},
  };
  for (const Bad& c : cases) {
    try {
      (void)search::record_from_json(c.json);
      BOOST_ERROR("accepted: " << c.json);
    } catch (const search::Error& e) {
      BOOST_TEST((e.code() == search::ErrorCode::kParse));
      BOOST_TEST(std::string(e.what()).find(c.says) != std::string::npos, e.what());
    }
  }
  BOOST_CHECK_THROW((void)search::records_from_json(R"({"id": "x"} {)"), search::Error);  // cut off
  // Seeded mutations of a valid record: each parses or throws search::Error, nothing else.
  const std::string valid = search::record_to_json(parse_seed("norddjurs-oek-kb-2022-05-politisk-initiativ.txt"));
  std::mt19937 rng(20261126);
  for (int round = 0; round < 2000; ++round) {
    std::string mutated = valid;
    for (int k = 0; k < 3; ++k) {
      std::size_t at = rng() % mutated.size();
      switch (rng() % 3) {
        case 0: mutated[at] = static_cast<char>(rng() % 256); break;
        case 1: mutated.erase(at, 1 + rng() % 8); break;
        default: {
          constexpr std::string_view kJsonBytes = "{}[]\",:\\u0";
          mutated.insert(at, 1, kJsonBytes[rng() % kJsonBytes.size()]);
          break;
        }
      }
      if (mutated.empty()) mutated = "{";
    }
    try {
      (void)search::records_from_json(mutated);
    } catch (const search::Error& e) {
      BOOST_TEST((e.code() == search::ErrorCode::kParse));
    }
  }
  std::string deep(100, '[');
  BOOST_CHECK_THROW((void)search::record_from_json(deep), search::Error);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(cli)

struct Run {
  int status;
  std::string out;
};

Run run(const std::string& arguments) {
  std::string command =
      std::string("\"") + SEARCH_BIN_DIR + "/search-indexer\" parse " + arguments + " 2>/dev/null";
  Run result{-1, {}};
  FILE* pipe = ::popen(command.c_str(), "r");
  BOOST_TEST_REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) result.out.append(buffer, n);
  int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

BOOST_AUTO_TEST_CASE(parse_json_prints_one_line_per_seed_record) {
  BOOST_TEST_REQUIRE(std::filesystem::exists(std::string(SEARCH_BIN_DIR) + "/search-indexer"));
  Run result = run("--json \"" + kSeeds + "\"");
  BOOST_TEST(result.status == 0);
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = result.out.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(result.out.substr(start, end - start));
  }
  BOOST_TEST_REQUIRE(lines.size() == 5u);  // sorted by file name
  for (const auto& line : lines) {
    BOOST_TEST(line.starts_with("{\"id\":\""));
    BOOST_TEST(line.ends_with("}"));
    BOOST_TEST(valid_utf8(line));
  }
  BOOST_TEST(lines[0].find(R"("route":["HU"])") != std::string::npos);
  BOOST_TEST(lines[0].find(R"("date":"2022-09-08","outcome":"drøftet")") != std::string::npos);
  BOOST_TEST(lines[2].find(R"("committee":"Økonomiudvalget","committee_abbrev":"ØK")") != std::string::npos);
  BOOST_TEST(lines[2].find(R"("points":[{"points":"1-2","outcome":"tiltrådt")") != std::string::npos);
  BOOST_TEST(lines[3].find(R"("case_number":"23/7776")") != std::string::npos);
  BOOST_TEST(lines[3].find(R"("committee_abbrev":"OMU","date":"2023-09-12")") != std::string::npos);
  BOOST_TEST(lines[4].find(R"("case_number":"22/6043")") != std::string::npos);
  BOOST_TEST(lines[4].find(R"j("absent":["Diana Therese Mikkelsen (Æ)","Tom Bytoft (A)"])j") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(parse_exit_status_tells_records_none_and_errors_apart) {
  TempDir dir;
  std::string prose = dir.write("prose.txt", "Ingen struktur her.\n");
  BOOST_TEST(run("\"" + prose + "\"").status == 1);
  BOOST_TEST(run("\"" + dir.sub("missing.txt") + "\"").status == 2);
  Run human = run("\"" + kSeeds + "norddjurs-oek-kb-2022-05-politisk-initiativ.txt\"");
  BOOST_TEST(human.status == 0);
  BOOST_TEST(human.out.find("Økonomiudvalget (ØK), 2022-05-17: tiltrådt") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
