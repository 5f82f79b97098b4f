#define BOOST_TEST_MODULE extract
#include <boost/test/unit_test.hpp>

#include <search/error.h>
#include <search/extract.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>

#include "input/page_cleanup.h"
#include "pdf_maker.h"

namespace fs = std::filesystem;
using search::Error;
using search::ErrorCode;
using search::test::make_pdf;
using search::test::PdfPage;
using search::test::text_page;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("extract_test-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& bytes) const {
    auto file = path / name;
    std::ofstream(file, std::ios::binary) << bytes;
    return file.string();
  }
};

ErrorCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  BOOST_FAIL("no error thrown");
  return ErrorCode::kInvalidArgument;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(text_and_markdown_files_are_read_byte_for_byte) {
  TempDir dir;
  const std::string text = "Punkt 1\nBeslutning i Økonomiudvalget den 17-05-2022\r\nGodkendt\n";
  BOOST_TEST(search::extract_text(dir.write("a.txt", text)) == text);
  BOOST_TEST(search::extract_text(dir.write("b.MD", "# Referat\n")) == "# Referat\n");
  BOOST_TEST(search::extract_text(dir.write("c.txt", "\xEF\xBB\xBFTekst")) == "Tekst");
}

BOOST_AUTO_TEST_CASE(formats_are_chosen_by_magic_before_extension) {
  TempDir dir;
  auto pdf = make_pdf({text_page({"Godkendt"})});
  BOOST_TEST((search::detect_input_format(dir.write("x.txt", pdf)) == search::InputFormat::kPdf));
  BOOST_TEST((search::detect_input_format(dir.write("x.pdf", pdf)) == search::InputFormat::kPdf));
  BOOST_TEST((search::detect_input_format(dir.write("y.md", "x")) == search::InputFormat::kText));
  BOOST_TEST((search::detect_input_format(dir.write("y.doc", "x")) ==
              search::InputFormat::kUnsupported));
  BOOST_TEST(search::has_supported_extension("dir/Referat.PDF"));
  BOOST_TEST(search::has_supported_extension("a.markdown"));
  BOOST_TEST(!search::has_supported_extension("a.pdf.part"));
  BOOST_TEST(!search::has_supported_extension(".pdf"));
  BOOST_TEST(!search::has_supported_extension("README"));
}

BOOST_AUTO_TEST_CASE(pdf_text_layer_comes_out_as_utf8_with_danish_letters) {
  TempDir dir;
  auto file = dir.write("m.pdf", make_pdf({text_page(
                                     {"Afrapportering for udviklingsprocessen på Socialområdet",
                                      "Beslutning i Økonomiudvalget den 17-05-2022",
                                      "Tiltrådt. Æble, ØRE, Åby, fælles"})}));
  auto text = search::extract_text(file);
  BOOST_TEST(text ==
             "Afrapportering for udviklingsprocessen på Socialområdet\n"
             "Beslutning i Økonomiudvalget den 17-05-2022\n"
             "Tiltrådt. Æble, ØRE, Åby, fælles\n");
}

BOOST_AUTO_TEST_CASE(pdf_lines_drawn_out_of_order_come_out_in_reading_order) {
  TempDir dir;
  PdfPage page;
  // The content stream draws the bottom line first; a reader reads top to bottom.
  page.lines = {{72, 700, "Tredje linje"}, {72, 770, "Første linje"}, {72, 756, "Anden linje"}};
  auto text = search::extract_text(dir.write("order.pdf", make_pdf({page})));
  BOOST_TEST(text == "Første linje\nAnden linje\n\nTredje linje\n");
}

BOOST_AUTO_TEST_CASE(pdf_two_columns_are_read_column_by_column) {
  TempDir dir;
  PdfPage page;
  // Drawn row by row across both columns, as some layout programs do.
  for (int row = 0; row < 6; ++row) {
    int y = 770 - 14 * row;
    page.lines.push_back({40, y, "venstre" + std::to_string(row) + " spalte tekst"});
    page.lines.push_back({330, y, "højre" + std::to_string(row) + " spalte tekst"});
  }
  auto text = search::extract_text(dir.write("columns.pdf", make_pdf({page})));
  auto left_end = text.find("venstre5");
  auto right_start = text.find("højre0");
  BOOST_TEST_INFO(text);
  BOOST_TEST(left_end != std::string::npos);
  BOOST_TEST(right_start != std::string::npos);
  BOOST_TEST(left_end < right_start);
}

BOOST_AUTO_TEST_CASE(pdf_running_headers_are_kept_once_and_page_numbers_dropped) {
  TempDir dir;
  std::vector<PdfPage> pages;
  const std::vector<std::vector<std::string>> bodies = {
      {"Punkt 1: Afrapportering", "Sagsfremstilling"},
      {"Indstilling", "Direktionen indstiller"},
      {"Beslutning i Kommunalbestyrelsen den 24-05-2022", "Godkendt"},
  };
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    auto page = text_page(bodies[i], 740);
    page.lines.push_back({72, 800, "Norddjurs Kommune"});
    page.lines.push_back({72, 786, "Referat Kommunalbestyrelsen 24-05-2022"});
    page.lines.push_back({280, 40, "Side " + std::to_string(i + 1) + " af 3"});
    pages.push_back(page);
  }
  auto text = search::extract_text(dir.write("paged.pdf", make_pdf(pages)));
  BOOST_TEST(text ==
             "Norddjurs Kommune\nReferat Kommunalbestyrelsen 24-05-2022\n\n"
             "Punkt 1: Afrapportering\nSagsfremstilling\n\n"
             "Indstilling\nDirektionen indstiller\n\n"
             "Beslutning i Kommunalbestyrelsen den 24-05-2022\nGodkendt\n");
}

BOOST_AUTO_TEST_CASE(pdf_without_text_layer_is_reported_as_scanned) {
  TempDir dir;
  PdfPage scan;
  scan.image_only = true;
  auto file = dir.write("scan.pdf", make_pdf({scan, scan}));
  BOOST_TEST((code_of([&] { search::extract_text(file); }) == ErrorCode::kParse));
  BOOST_TEST(message_of([&] { search::extract_text(file); }) ==
             file + ": PDF has no text layer (scanned?)");
}

BOOST_AUTO_TEST_CASE(damaged_or_fake_pdfs_are_clear_errors) {
  TempDir dir;
  auto fake = dir.write("fake.pdf", "Dette er ikke en PDF\n");
  BOOST_TEST((code_of([&] { search::extract_text(fake); }) == ErrorCode::kParse));
  BOOST_TEST(contains(message_of([&] { search::extract_text(fake); }), fake + ": not a PDF"));

  auto garbage = dir.write("garbage.pdf", "%PDF-1.4\n\x01\x02 garbage without objects\n");
  BOOST_TEST((code_of([&] { search::extract_text(garbage); }) == ErrorCode::kParse));
  BOOST_TEST(contains(message_of([&] { search::extract_text(garbage); }), garbage + ": "));
}

BOOST_AUTO_TEST_CASE(missing_and_unsupported_files_are_reported_by_name) {
  TempDir dir;
  auto missing = (dir.path / "none.txt").string();
  BOOST_TEST((code_of([&] { search::extract_text(missing); }) == ErrorCode::kIo));
  BOOST_TEST(contains(message_of([&] { search::extract_text(missing); }), missing));
  auto doc = dir.write("a.docx", "PK\x03\x04");
  BOOST_TEST((code_of([&] { search::extract_text(doc); }) == ErrorCode::kUnsupported));
}

// Every truncation and a seeded set of byte corruptions of a valid PDF either extract or
// throw search::Error: never a crash, a hang or another exception type.
BOOST_AUTO_TEST_CASE(corrupted_pdfs_never_crash) {
  const auto pdf = make_pdf({text_page({"Godkendt", "Beslutning"}), text_page({"Side to"})});
  auto attempt = [](const std::string& bytes) {
    try {
      search::extract_pdf_text(bytes, "fuzz.pdf");
    } catch (const Error&) {
    }
  };
  for (std::size_t len = 0; len < pdf.size(); len += 7) attempt(pdf.substr(0, len));
  std::mt19937 rng(20261126);
  for (int round = 0; round < 300; ++round) {
    auto bytes = pdf;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < flips; ++i) bytes[rng() % bytes.size()] = static_cast<char>(rng());
    attempt(bytes);
  }
}

BOOST_AUTO_TEST_CASE(page_number_lines_are_recognised) {
  using search::input::is_page_number_line;
  for (const char* line : {"3", " 12 ", "- 3 -", "Side 3", "Side 3 af 12", "side 3/12",
                           "Page 3 of 12", "3/12", "3 (12)", "[4]"}) {
    BOOST_TEST_INFO(line);
    BOOST_TEST(is_page_number_line(line));
  }
  for (const char* line : {"Godkendt", "Punkt 3", "22/6043 Afrapportering", "3 mio. kr.", ""}) {
    BOOST_TEST_INFO(line);
    BOOST_TEST(!is_page_number_line(line));
  }
}

BOOST_AUTO_TEST_CASE(join_pages_keeps_a_single_page_intact_except_its_number) {
  using search::input::join_pages;
  BOOST_TEST(join_pages({"Norddjurs Kommune\nGodkendt\n\n2\n"}) == "Norddjurs Kommune\nGodkendt\n");
  BOOST_TEST(join_pages({}) == "");
  BOOST_TEST(join_pages({"\n\n", "A\n"}) == "A\n");
}

BOOST_AUTO_TEST_CASE(join_pages_keeps_lines_that_repeat_on_few_pages) {
  using search::input::join_pages;
  // "Sagsfremstilling" tops two of five pages: below half, so it is content, not a header.
  std::vector<std::string> pages = {"Sagsfremstilling\na", "Sagsfremstilling\nb", "c", "d", "e"};
  BOOST_TEST(join_pages(pages) == "Sagsfremstilling\na\n\nSagsfremstilling\nb\n\nc\n\nd\n\ne\n");
  // Three of five is a running header: kept on its first page only, digits may differ.
  pages = {"Møde 1\na", "Møde 2\nb", "Møde 3\nc", "d", "e"};
  BOOST_TEST(join_pages(pages) == "Møde 1\na\n\nb\n\nc\n\nd\n\ne\n");
}
