#include "input/page_cleanup.h"

#include <cctype>
#include <map>
#include <set>

namespace search::input {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string::size_type start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line = std::string_view(text).substr(start, end - start);
    while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
    lines.emplace_back(line);
    start = end + 1;
  }
  return lines;
}

// Indices of the first and last kPageZoneLines non-empty lines of a page.
std::set<std::size_t> zone_lines(const std::vector<std::string>& lines) {
  std::set<std::size_t> zone;
  int seen = 0;
  for (std::size_t i = 0; i < lines.size() && seen < kPageZoneLines; ++i) {
    if (!trim(lines[i]).empty()) zone.insert(i), ++seen;
  }
  seen = 0;
  for (std::size_t i = lines.size(); i-- > 0 && seen < kPageZoneLines;) {
    if (!trim(lines[i]).empty()) zone.insert(i), ++seen;
  }
  return zone;
}

// Shapes of zone lines that recur on at least half of the pages (and on two or more): the
// running headers and footers.
std::set<std::string> running_shapes(const std::vector<std::vector<std::string>>& pages) {
  std::map<std::string, int> pages_with;
  for (const auto& lines : pages) {
    std::set<std::string> shapes;
    for (auto i : zone_lines(lines)) shapes.insert(page_line_shape(lines[i]));
    for (const auto& shape : shapes) ++pages_with[shape];
  }
  std::set<std::string> running;
  for (const auto& [shape, count] : pages_with) {
    if (count >= 2 && 2 * count >= static_cast<int>(pages.size())) running.insert(shape);
  }
  return running;
}

}  // namespace

bool is_page_number_line(std::string_view raw) {
  std::string line = ascii_lower(page_line_shape(raw));
  // Strip decorations around the number: "- # -", "[#]", "(#)".
  for (std::string_view word : {"side ", "page ", "s. ", "p. "}) {
    if (line.starts_with(word)) line.erase(0, word.size());
  }
  static const std::set<std::string> kShapes = {
      "#", "- # -", "-#-", "[#]", "(#)", "# af #", "# of #", "#/#", "# / #", "# (#)", "#.",
  };
  return kShapes.count(line) > 0;
}

std::string page_line_shape(std::string_view line) {
  std::string shape;
  bool in_space = false;
  for (char c : trim(line)) {
    if (is_space(c)) {
      in_space = true;
      continue;
    }
    if (in_space) shape += ' ';
    in_space = false;
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (shape.empty() || shape.back() != '#') shape += '#';
    } else {
      shape += c;
    }
  }
  return shape;
}

std::string join_pages(const std::vector<std::string>& page_texts) {
  std::vector<std::vector<std::string>> pages;
  for (const auto& text : page_texts) pages.push_back(split_lines(text));
  const auto running = running_shapes(pages);
  std::set<std::string> already_kept;
  std::string out;
  for (const auto& lines : pages) {
    const auto zone = zone_lines(lines);
    std::string page;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (zone.count(i)) {
        if (is_page_number_line(lines[i])) continue;
        auto shape = page_line_shape(lines[i]);
        if (running.count(shape) && !already_kept.insert(shape).second) continue;
      }
      page += lines[i];
      page += '\n';
    }
    // Drop the page's leading and trailing blank lines; pages are separated by one blank.
    auto first = page.find_first_not_of('\n');
    if (first == std::string::npos) continue;
    auto last = page.find_last_not_of('\n');
    if (!out.empty()) out += '\n';
    out.append(page, first, last - first + 1);
    out += '\n';
  }
  return out;
}

}  // namespace search::input
