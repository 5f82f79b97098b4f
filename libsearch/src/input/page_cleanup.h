// Turns the per-page text of a paginated document into the text a person reads: running
// headers and footers that repeat on most pages are kept only where they first appear, page
// numbers are dropped, and pages are joined by a blank line. Pure functions on strings, kept
// apart from the PDF reader so that they can be tested without PDFs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace search::input {

// How many non-empty lines at the top and at the bottom of a page count as its header and
// footer zone. Three covers "municipality / committee / date" headers.
inline constexpr int kPageZoneLines = 3;

// True for a line that is only a page number: "3", "- 3 -", "Side 3", "Side 3 af 12",
// "side 3/12", "Page 3 of 12", "3/12", "3 (12)".
bool is_page_number_line(std::string_view line);

// The line with every run of digits replaced by '#', white space collapsed and trimmed, so
// that "Referat 17-05-2022 side 3" and "... side 4" compare equal.
std::string page_line_shape(std::string_view line);

// Joins `pages` (each the text of one page, lines separated by '\n') as described above.
std::string join_pages(const std::vector<std::string>& pages);

}  // namespace search::input
