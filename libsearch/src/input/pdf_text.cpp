// The text layer of a PDF through poppler's C++ library. Poppler's reading-order mode
// (non_raw_non_physical_layout, the default of pdftotext) orders text blocks as a person
// reads them, whatever order the content stream drew them in; raw order would follow the
// stream and physical layout would interleave the lines of side-by-side columns.
#include <search/error.h>
#include <search/extract.h>

#include <climits>
#include <memory>
#include <mutex>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include "input/page_cleanup.h"

namespace search {
namespace {

// Poppler keeps global state (font tables, the error callback) and is not documented as
// thread-safe, so documents are read one at a time.
std::mutex& poppler_mutex() {
  static std::mutex mutex;
  return mutex;
}

// Poppler prints syntax warnings for every damaged file to stderr; our errors say enough.
void ignore_poppler_message(const std::string&, void*) {}

std::string page_text(const poppler::page& page) {
  auto utf8 = page.text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
  std::string text(utf8.begin(), utf8.end());
  for (char& c : text) {
    if (c == '\f' || c == '\r') c = '\n';
  }
  return text;
}

bool has_visible_text(const std::string& text) {
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t') return true;
  }
  return false;
}

std::unique_ptr<poppler::document> open_document(std::string_view bytes, const std::string& name) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    throw Error(ErrorCode::kLimit, name + ": PDF larger than 2 GiB");
  }
  if (bytes.find("%PDF-") == std::string_view::npos) {
    throw Error(ErrorCode::kParse, name + ": not a PDF (no %PDF- header)");
  }
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) throw Error(ErrorCode::kParse, name + ": damaged PDF (poppler cannot read it)");
  if (doc->is_locked()) throw Error(ErrorCode::kParse, name + ": encrypted PDF (password needed)");
  if (doc->pages() <= 0) throw Error(ErrorCode::kParse, name + ": damaged PDF (no pages)");
  return doc;
}

}  // namespace

std::string extract_pdf_text(std::string_view pdf_bytes, const std::string& name) {
  std::lock_guard lock(poppler_mutex());
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(ignore_poppler_message, nullptr); });

  auto doc = open_document(pdf_bytes, name);
  std::vector<std::string> pages;
  bool any_text = false;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) throw Error(ErrorCode::kParse, name + ": damaged PDF (page " + std::to_string(i + 1) + " unreadable)");
    pages.push_back(page_text(*page));
    any_text = any_text || has_visible_text(pages.back());
  }
  if (!any_text) throw Error(ErrorCode::kParse, name + ": PDF has no text layer (scanned?)");
  return input::join_pages(pages);
}

}  // namespace search
