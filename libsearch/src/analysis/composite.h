// Composite tokens: case numbers, dates, amounts and paragraph references, recognised on
// the raw bytes where a token starts and normalised to one canonical text so that every
// way of writing them meets (both on the index and on the query side):
//   22/6043, 94029/23                -> "22/6043"             (case number, as written)
//   EMN-2025-009242                  -> "emn-2025-009242"     (case number, lower-cased)
//   24-05-2022, 24.05.22, 2022-05-24,
//   24. maj 2022, 24 maj. 2022       -> "2022-05-24"          (date, ISO 8601)
//   0,5 mio. kr., 500.000 kr.,
//   kr. 500.000, 500 t.kr.           -> "500000kr"            (amount in kroner)
//   § 17, §17                        -> "§17"                 (paragraph)
//   §17 stk. 4, § 17, stk. 4         -> "§17" and "§17stk4"
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <search/analyzer.h>

namespace search::analysis {

struct Composite {
  std::string text;
  std::size_t end;  // one past the last byte of the composite in the input
  TokenKind kind;
};

// Appends the composites starting at text[at] to `out` (usually none, at most two).
// REQUIRES: at < text.size(); `at` is a token start (a letter, a digit or '§').
void match_composites(std::string_view text, std::size_t at, std::vector<Composite>& out);

}  // namespace search::analysis
