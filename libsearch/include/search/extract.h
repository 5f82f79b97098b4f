// Text extraction: turns a minutes file (plain text, Markdown or PDF) into the text a person
// reads, ready for the minutes parser. Stateless free functions; safe to call from any
// number of threads at once.
#pragma once

#include <search/export.h>

#include <string>
#include <string_view>

namespace search {

enum class InputFormat {
  kText,         // .txt, .md, .markdown: UTF-8 text, read as-is
  kPdf,          // .pdf, or any file that starts with "%PDF-"
  kUnsupported,  // anything else
};

// The format of `path`, judged by its first bytes ("%PDF-" means PDF whatever the name) and
// otherwise by its extension, case-insensitively. Does not read past the first 1 KiB.
// Throws Error(kIo) when the file cannot be opened.
SEARCH_EXPORT InputFormat detect_input_format(const std::string& path);

// True when `name` has an extension this library reads (.txt, .md, .markdown, .pdf). Looks at
// the name only; the inbox watcher uses it to pick files without opening them.
SEARCH_EXPORT bool has_supported_extension(std::string_view name);

// The text of the file at `path`:
//  - text files are returned byte for byte (a UTF-8 byte-order mark is dropped);
//  - PDFs: the text layer of every page in reading order (columns and out-of-order content
//    streams come out as a person reads them), pages joined by a blank line, with running
//    headers and footers that repeat on most pages kept only where they first appear and
//    page numbers ("3", "Side 3 af 12", "- 3 -", "3/12") removed.
// Errors (every message starts with the file name):
//   kParse        "<file>: PDF has no text layer (scanned?)" for an image-only PDF; a damaged,
//                 truncated or encrypted PDF; a file named .pdf that is not a PDF
//   kUnsupported  an extension this library does not read
//   kIo           the file cannot be read
SEARCH_EXPORT std::string extract_text(const std::string& path);

// The same for a PDF already in memory; `name` is used in error messages only.
SEARCH_EXPORT std::string extract_pdf_text(std::string_view pdf_bytes, const std::string& name);

}  // namespace search
