// search-gen-corpus: determinism, the manifest as ground truth, the textual shapes, OCR
// damage on demand only, valid UTF-8, plausible dates and case numbers, and the minutes
// parser reading back what the manifest says. Drives the real binary from SEARCH_BIN_DIR.
#define BOOST_TEST_MODULE generator_test
#include <boost/test/unit_test.hpp>

#include <search/minutes.h>
#include <search/record.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A directory under the system temp directory, removed with everything in it.
struct TempDir {
  fs::path path;
  TempDir() {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("generator_test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

struct RunResult {
  int exit_code = -1;
  std::string stderr_text;
};

// Runs search-gen-corpus with `args`, writing into `out` (a path that must not exist yet or
// be empty).
RunResult run_generator(const std::string& args, const fs::path& out, const fs::path& scratch) {
  const fs::path err = scratch / "stderr.txt";
  const std::string command = std::string(SEARCH_BIN_DIR) + "/search-gen-corpus " + args + " --out '" +
                              out.string() + "' 2> '" + err.string() + "'";
  RunResult result;
  const int status = std::system(command.c_str());
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.stderr_text = read_file(err);
  return result;
}

// Every regular file under `dir`: relative path -> content.
std::map<std::string, std::string> read_tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files[fs::relative(entry.path(), dir).string()] = read_file(entry.path());
  }
  return files;
}

using Row = std::map<std::string, std::string>;

std::vector<Row> read_manifest(const fs::path& dir) {
  std::ifstream in(dir / "manifest.tsv");
  std::string line;
  std::vector<std::string> header;
  std::vector<Row> rows;
  auto split = [](const std::string& text) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = text.find('\t', start);
      fields.push_back(text.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) return fields;
      start = tab + 1;
    }
  };
  if (!std::getline(in, line)) return rows;
  header = split(line);
  while (std::getline(in, line)) {
    const auto fields = split(line);
    BOOST_REQUIRE_EQUAL(fields.size(), header.size());
    Row row;
    for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

// A strict UTF-8 check written independently of the generator's: shortest forms only, no
// surrogates, nothing above U+10FFFF.
bool valid_utf8(const std::string& text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    int extra = 0;
    unsigned min = 0, cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1, min = 0x80, cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2, min = 0x800, cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3, min = 0x10000, cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(extra) >= n) return false;
    for (int k = 1; k <= extra; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

// Committee abbreviations and names, written out here from the brief, not read from the
// generator.
const std::map<std::string, std::string>& committee_names() {
  static const std::map<std::string, std::string> names{
      {"KB", "Kommunalbestyrelsen"},         {"ØK", "Økonomiudvalget"},
      {"BUU", "Børne- og Ungdomsudvalget"},  {"VPU", "Voksen- og Plejeudvalget"},
      {"TMU", "Teknik- og Miljøudvalget"},   {"KFU", "Kultur- og Fritidsudvalget"},
      {"EPU", "Erhvervs- og Planudvalget"},  {"HU", "Hovedudvalget"},
      {"OMU", "Områdeudvalg for Socialområdet"}};
  return names;
}

const std::set<std::string> kOutcomes{"godkendt", "tiltrådt",  "anbefalet", "taget_til_efterretning",
                                      "drøftet",  "udsat",     "oversendt", "forkastet", "ukendt"};
const std::set<std::string> kShapes{"markdown", "plain", "pdf", "ocr", "firstagenda"};

struct Ymd {
  int year = 0, month = 0, day = 0;
};

// "2022-05-17" -> date, checking the form and that the day exists.
Ymd parse_iso(const std::string& text) {
  BOOST_REQUIRE_MESSAGE(text.size() == 10 && text[4] == '-' && text[7] == '-', "bad date " << text);
  Ymd d{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)), std::stoi(text.substr(8, 2))};
  const std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
                                        std::chrono::day{static_cast<unsigned>(d.day)}};
  BOOST_REQUIRE_MESSAGE(ymd.ok(), "no such day " << text);
  return d;
}

unsigned iso_weekday(const std::string& text) {
  const Ymd d = parse_iso(text);
  const std::chrono::sys_days days{std::chrono::year_month_day{
      std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
      std::chrono::day{static_cast<unsigned>(d.day)}}};
  return std::chrono::weekday{days}.iso_encoding();  // 1 = Monday ... 7 = Sunday
}

std::vector<std::string> split_on(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

// Corpora shared by the test cases (each is generated once; the binary is fast).
struct Corpora {
  TempDir scratch;
  fs::path plain_two_threads, plain_one_thread, plain_three_threads, other_seed, no_ocr, all_ocr, mixed;
  RunResult mixed_run;

  Corpora() {
    const std::string base = "--decisions 600 --word-list none ";
    plain_two_threads = make(base + "--seed 11 --threads 2", "a2");
    plain_one_thread = make(base + "--seed 11 --threads 1", "a1");
    plain_three_threads = make(base + "--seed 11 --threads 3", "a3");
    other_seed = make(base + "--seed 12", "b");
    no_ocr = make(base + "--seed 13 --ocr-rate 0", "c");
    all_ocr = make("--decisions 120 --word-list none --seed 14 --ocr-rate 1", "d");
    mixed = make("--decisions 800 --word-list none --seed 15 --ocr-rate 0.2", "e", &mixed_run);
  }

  fs::path make(const std::string& args, const std::string& name, RunResult* run = nullptr) {
    const fs::path out = scratch.path / name;
    const RunResult result = run_generator(args, out, scratch.path);
    BOOST_REQUIRE_MESSAGE(result.exit_code == 0, "search-gen-corpus " << args << " failed: " << result.stderr_text);
    if (run != nullptr) *run = result;
    return out;
  }
};

Corpora& corpora() {
  static Corpora instance;
  return instance;
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_seed_and_arguments_give_identical_bytes) {
  const auto first = read_tree(corpora().plain_two_threads);
  TempDir again;
  const RunResult run = run_generator("--decisions 600 --word-list none --seed 11 --threads 2", again.path / "x",
                                      again.path);
  BOOST_REQUIRE_EQUAL(run.exit_code, 0);
  const auto second = read_tree(again.path / "x");
  BOOST_REQUIRE_EQUAL(first.size(), second.size());
  BOOST_TEST((first == second));
}

BOOST_AUTO_TEST_CASE(thread_count_does_not_change_the_output) {
  const auto two = read_tree(corpora().plain_two_threads);
  BOOST_TEST((two == read_tree(corpora().plain_one_thread)));
  BOOST_TEST((two == read_tree(corpora().plain_three_threads)));
}

BOOST_AUTO_TEST_CASE(a_different_seed_gives_different_minutes) {
  const auto a = read_tree(corpora().plain_two_threads);
  const auto b = read_tree(corpora().other_seed);
  BOOST_TEST((a != b));
  BOOST_TEST(a.at("manifest.tsv") != b.at("manifest.tsv"));
}

BOOST_AUTO_TEST_CASE(manifest_has_one_row_per_decision_and_every_file_is_listed) {
  const fs::path dir = corpora().plain_two_threads;
  const auto rows = read_manifest(dir);
  BOOST_TEST(rows.size() == 600u);
  std::map<std::string, std::vector<int>> items;
  for (const Row& row : rows) items[row.at("file")].push_back(std::stoi(row.at("item")));
  std::size_t files_on_disk = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename() != "manifest.tsv") ++files_on_disk;
  }
  BOOST_TEST(files_on_disk == items.size());
  for (const auto& [file, numbers] : items) {
    BOOST_TEST_CONTEXT(file) {
      BOOST_TEST(fs::is_regular_file(dir / file));
      for (std::size_t i = 0; i < numbers.size(); ++i) BOOST_TEST(numbers[i] == static_cast<int>(i + 1));
      // The default is 6..14 items per meeting.
      BOOST_TEST(numbers.size() >= 6u);
      BOOST_TEST(numbers.size() <= 14u);
    }
  }
}

BOOST_AUTO_TEST_CASE(exact_counts_for_sizes_that_do_not_divide_evenly) {
  for (const auto& [decisions, range] : std::vector<std::pair<int, std::string>>{{1, "6..14"}, {7, "3..3"}, {53, "2..9"}}) {
    TempDir dir;
    const RunResult run = run_generator("--word-list none --decisions " + std::to_string(decisions) +
                                            " --items-per-meeting " + range,
                                        dir.path / "out", dir.path);
    BOOST_REQUIRE_EQUAL(run.exit_code, 0);
    BOOST_TEST(read_manifest(dir.path / "out").size() == static_cast<std::size_t>(decisions));
  }
}

BOOST_AUTO_TEST_CASE(one_municipality_holds_many_meetings_in_distinct_files) {
  // 4000 one-item meetings are more than one municipality's monthly calendar (about 1800
  // meetings over 2005-2026), so committees meet several times a month.
  TempDir dir;
  const RunResult run = run_generator(
      "--word-list none --decisions 4000 --items-per-meeting 1..1 --municipality 'Aarhus Kommune'", dir.path / "out",
      dir.path);
  BOOST_REQUIRE_EQUAL(run.exit_code, 0);
  const auto rows = read_manifest(dir.path / "out");
  BOOST_REQUIRE_EQUAL(rows.size(), 4000u);
  std::set<std::string> files;
  for (const Row& row : rows) {
    files.insert(row.at("file"));
    BOOST_TEST(row.at("municipality") == "Aarhus Kommune");
    BOOST_TEST(row.at("file").find("/aarhus-") == 4u);
  }
  BOOST_TEST(files.size() == 4000u);
  std::size_t on_disk = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir.path / "out")) on_disk += entry.is_regular_file();
  BOOST_TEST(on_disk == 4001u);  // and the manifest
}

BOOST_AUTO_TEST_CASE(each_textual_shape_appears) {
  std::map<std::string, int> counts;
  for (const Row& row : read_manifest(corpora().mixed)) ++counts[row.at("shape")];
  for (const std::string& shape : kShapes) BOOST_TEST(counts[shape] > 0, shape);
  // Markdown files end in .md, the others in .txt.
  for (const Row& row : read_manifest(corpora().mixed)) {
    BOOST_TEST((fs::path(row.at("file")).extension() == (row.at("shape") == "markdown" ? ".md" : ".txt")));
  }
}

BOOST_AUTO_TEST_CASE(ocr_rate_zero_gives_no_ocr_damage) {
  const fs::path dir = corpora().no_ocr;
  const auto rows = read_manifest(dir);
  std::size_t decision_blocks = 0;
  std::size_t first_agenda_rows = 0;
  for (const Row& row : rows) {
    BOOST_TEST(row.at("ocr") == "0");
    BOOST_TEST(row.at("shape") != "ocr");
    if (row.at("shape") == "firstagenda") {
      ++first_agenda_rows;
    } else {
      decision_blocks += split_on(row.at("decisions"), '|').size();
    }
  }
  std::size_t headings = 0;
  std::size_t beslutninger = 0;
  for (const auto& [path, text] : read_tree(dir)) {
    BOOST_TEST_CONTEXT(path) {
      // The seed's OCR confusions never appear.
      for (const char* damage : {"Aben Sag", "Okonomi", "Sagsgang\nOK\n", " pa ", "Fravarende", "Tiltradt", "Droftet"}) {
        BOOST_TEST(text.find(damage) == std::string::npos, damage);
      }
    }
    for (std::size_t at = 0; (at = text.find("Beslutning i ", at)) != std::string::npos; ++at) ++headings;
    for (std::size_t at = 0; (at = text.find("\nBeslutninger\n", at)) != std::string::npos; ++at) ++beslutninger;
  }
  // Every decision block of the manifest has its heading, spelt right.
  BOOST_TEST(headings == decision_blocks);
  BOOST_TEST(beslutninger == first_agenda_rows);
}

BOOST_AUTO_TEST_CASE(ocr_rate_one_damages_every_meeting) {
  const fs::path dir = corpora().all_ocr;
  for (const Row& row : read_manifest(dir)) BOOST_TEST(row.at("ocr") == "1");
  auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; ++at) ++n;
    return n;
  };
  std::size_t aaben = 0, aben = 0, paa = 0, pa = 0;
  for (const auto& [path, text] : read_tree(dir)) {
    if (path == "manifest.tsv") continue;
    aaben += count(text, "Åben Sag");
    aben += count(text, "Aben Sag");
    paa += count(text, " på ");
    pa += count(text, " pa ");
  }
  // Most æ/ø/å are misread, as in the scanned seed: "Aben Sag", "pa".
  BOOST_TEST(aben > 2 * aaben);
  BOOST_TEST(pa > 2 * paa);
}

BOOST_AUTO_TEST_CASE(every_generated_file_is_valid_utf8) {
  for (const fs::path& dir : {corpora().mixed, corpora().all_ocr, corpora().no_ocr}) {
    for (const auto& [path, text] : read_tree(dir)) BOOST_TEST(valid_utf8(text), path);
  }
}

BOOST_AUTO_TEST_CASE(dates_fall_in_2005_to_2026_on_weekdays_and_case_numbers_match_their_year) {
  const auto rows = read_manifest(corpora().mixed);
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.at("file") << " item " << row.at("item")) {
      const std::string& date = row.at("date");
      BOOST_TEST(date >= "2005-01-01");
      BOOST_TEST(date <= "2026-12-31");
      BOOST_TEST(iso_weekday(date) <= 5u);
      const int year = parse_iso(date).year;
      // The file lies in its meeting's year directory and is named after the meeting's date.
      BOOST_TEST(row.at("file").substr(0, 5) == std::to_string(year) + "/");
      BOOST_TEST(row.at("file").find(date) != std::string::npos);

      // Every decision block: a known committee, a date in range, ascending, the last one the
      // row's own.
      const auto blocks = split_on(row.at("decisions"), '|');
      BOOST_REQUIRE(!blocks.empty());
      std::string previous;
      for (const std::string& block : blocks) {
        const auto at = block.find('@');
        const auto eq = block.find('=');
        BOOST_REQUIRE(at != std::string::npos && eq != std::string::npos);
        const std::string abbrev = block.substr(0, at);
        const std::string when = block.substr(at + 1, eq - at - 1);
        BOOST_TEST(committee_names().count(abbrev) == 1u, abbrev);
        BOOST_TEST(when >= "2005-01-01");
        BOOST_TEST(when > previous);
        BOOST_TEST(iso_weekday(when) <= 5u);
        BOOST_TEST(kOutcomes.count(block.substr(eq + 1)) == 1u);
        previous = when;
      }
      BOOST_TEST(blocks.back() == row.at("committee_abbrev") + "@" + date + "=" + row.at("outcome"));
      BOOST_TEST(committee_names().at(row.at("committee_abbrev")) == row.at("committee"));

      // "YY/NNNNN" from the meeting's year or up to two years before (a case opened the
      // year before is discussed now, as 22/6043 was in 2024), never before 2005; FirstAgenda
      // also writes "EMN-YYYY-NNNNNN".
      const std::string& number = row.at("case_number");
      if (number.empty()) continue;
      int case_year = 0;
      if (number.rfind("EMN-", 0) == 0) {
        BOOST_TEST(row.at("shape") == "firstagenda");
        BOOST_REQUIRE(number.size() == 15u);
        BOOST_TEST(number.find_first_not_of("0123456789", 9) == std::string::npos);
        case_year = std::stoi(number.substr(4, 4));
      } else {
        const auto slash = number.find('/');
        BOOST_REQUIRE(slash == 2u);
        BOOST_TEST(number.size() >= 6u);
        BOOST_TEST(number.size() <= 8u);
        BOOST_TEST(number.find_first_not_of("0123456789", 3) == std::string::npos);
        case_year = 2000 + std::stoi(number.substr(0, 2));
      }
      BOOST_TEST(case_year <= year);
      BOOST_TEST(case_year >= std::max(2005, year - 2));
    }
  }
}

BOOST_AUTO_TEST_CASE(manifest_fields_are_well_formed_and_lengths_realistic) {
  const auto rows = read_manifest(corpora().mixed);
  double words = 0;
  std::size_t longest = 0, shortest = SIZE_MAX;
  std::map<std::string, int> outcomes;
  for (const Row& row : rows) {
    BOOST_TEST(!row.at("title").empty());
    BOOST_TEST(kShapes.count(row.at("shape")) == 1u);
    BOOST_TEST(row.at("municipality") == "Norddjurs Kommune");
    ++outcomes[row.at("outcome")];
    const std::size_t n = std::stoul(row.at("words"));
    words += static_cast<double>(n);
    longest = std::max(longest, n);
    shortest = std::min(shortest, n);
  }
  // About 320 words per decision, spread from short formal items to long cases.
  const double mean = words / static_cast<double>(rows.size());
  BOOST_TEST(mean > 270.0);
  BOOST_TEST(mean < 370.0);
  BOOST_TEST(shortest < 60u);
  BOOST_TEST(longest > 900u);
  // "godkendt" is the most common outcome, and the rarer ones occur.
  for (const auto& [outcome, count] : outcomes) BOOST_TEST(count <= outcomes["godkendt"], outcome);
  BOOST_TEST(outcomes["drøftet"] > 0);
  BOOST_TEST(outcomes["taget_til_efterretning"] > 0);
}

BOOST_AUTO_TEST_CASE(the_vocabulary_used_is_reported) {
  BOOST_TEST(corpora().mixed_run.stderr_text.find("vocabulary: built-in seed and domain words only") !=
             std::string::npos);
  if (!fs::exists("/usr/share/dict/danish")) return;
  TempDir dir;
  const RunResult run = run_generator("--decisions 40 --seed 2", dir.path / "out", dir.path);
  BOOST_REQUIRE_EQUAL(run.exit_code, 0);
  BOOST_TEST(run.stderr_text.find("/usr/share/dict/danish") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(refuses_a_non_empty_output_directory_and_bad_options) {
  TempDir dir;
  TempDir scratch;
  std::ofstream(dir.path / "keep.txt") << "not ours\n";
  BOOST_TEST(run_generator("--decisions 5 --word-list none", dir.path, scratch.path).exit_code != 0);
  BOOST_TEST(read_file(dir.path / "keep.txt") == "not ours\n");
  for (const char* bad : {"--decisions 0", "--decisions 5 --ocr-rate 1.5", "--decisions 5 --items-per-meeting 9..3",
                          "--decisions 5 --items-per-meeting x"}) {
    BOOST_TEST(run_generator(std::string(bad) + " --word-list none", scratch.path / "new", scratch.path).exit_code != 0,
               bad);
    BOOST_TEST(!fs::exists(scratch.path / "new"), bad);
  }
}

// The minutes parser reads the generated files back to the manifest's ground truth: every
// item found, with its title, case number, committee, date and outcome. OCR'd files are
// damaged on purpose; of those only the items' count and most dates are required.
BOOST_AUTO_TEST_CASE(the_minutes_parser_reads_back_the_manifest) {
  const fs::path dir = corpora().mixed;
  std::map<std::string, std::vector<Row>> by_file;
  for (const Row& row : read_manifest(dir)) by_file[row.at("file")].push_back(row);
  std::size_t ocr_items = 0, ocr_dates_right = 0;
  for (const auto& [file, rows] : by_file) {
    BOOST_TEST_CONTEXT(file) {
      const search::ParseResult parsed = search::parse_minutes_file((dir / file).string());
      const bool ocr = rows.front().at("shape") == "ocr";
      if (ocr) {
        for (std::size_t i = 0; i < std::min(rows.size(), parsed.records.size()); ++i) {
          ++ocr_items;
          const auto& decisions = parsed.records[i].decisions;
          ocr_dates_right += !decisions.empty() && decisions.back().date == rows[i].at("date");
        }
        continue;
      }
      if (parsed.records.size() != rows.size()) {
        std::string titles;
        for (const auto& record : parsed.records) titles += "\n  parsed: " + record.title;
        for (const auto& row : rows) titles += "\n  manifest: " + row.at("title");
        BOOST_ERROR("items of " << file << titles);
        continue;
      }
      for (std::size_t i = 0; i < rows.size(); ++i) {
        BOOST_TEST_CONTEXT("item " << rows[i].at("item")) {
          const search::Record& record = parsed.records[i];
          BOOST_TEST(record.title == rows[i].at("title"));
          BOOST_TEST(record.case_number == rows[i].at("case_number"));
          BOOST_REQUIRE(!record.decisions.empty());
          BOOST_TEST(record.decisions.size() == split_on(rows[i].at("decisions"), '|').size());
          const search::Decision& last = record.decisions.back();
          BOOST_TEST(last.committee_abbrev == rows[i].at("committee_abbrev"));
          BOOST_TEST(last.date == rows[i].at("date"));
          BOOST_TEST(std::string(search::outcome_name(last.outcome)) == rows[i].at("outcome"));
        }
      }
    }
  }
  BOOST_TEST(ocr_items > 0u);
  BOOST_TEST(ocr_dates_right * 10 >= ocr_items * 8);
}
