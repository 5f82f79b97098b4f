// Small text helpers of the minutes parser: trimming, the matching fold, bounded edit
// distance, UTF-8 repair, dates and case numbers. Internal; tests include it directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace search::minutes {

bool is_space(char c) noexcept;  // ASCII blank, tab, CR, LF, VT, FF
// Trims ASCII whitespace and no-break spaces (U+00A0) from both ends.
std::string_view trim(std::string_view text) noexcept;
// Collapses every run of whitespace to one space and trims.
std::string collapse_spaces(std::string_view text);
bool starts_with_ci(std::string_view text, std::string_view ascii_prefix) noexcept;

// The matching fold: lower-case ASCII letters and digits; æ/ä -> a, ø/ö -> o, å -> a,
// é/è/ê -> e, ü -> u (so "Økonomiske" and the OCR'd "Okonomiske" agree), and a '&' touching
// a letter -> a (OCR for å: "Socialomr&det", "&ben"); every other byte
// or code point is a separator, except combining marks, which vanish. Runs of separators
// become one space; no leading or trailing space. Reads at most `max_in` bytes of `text`.
// With `digraphs`, also collapses "aa", "ae", "oe" as collapse_digraphs() does.
void fold(std::string_view text, std::string& out, std::size_t max_in = std::string_view::npos,
          bool digraphs = false);
std::string fold(std::string_view text);
// In a folded word, rewrites the ASCII digraphs "aa", "ae", "oe" as "a", "a", "o" so that
// typed spellings ("Oekonomiudvalget", "Omraade") meet the fold of the real letters.
void collapse_digraphs(std::string& folded);

// Levenshtein distance between `a` and `b` if it is at most `limit`, else limit + 1.
// O(len * limit) time; no allocation for inputs up to 256 bytes.
int bounded_edit_distance(std::string_view a, std::string_view b, int limit) noexcept;

// Makes `text` valid UTF-8: returns true and leaves `out` untouched if it already is.
// Otherwise writes the repaired text to `out`: if the text contains no valid multi-byte
// sequence at all it is taken to be Windows-1252 (old Danish minutes) and converted;
// else each invalid byte becomes U+FFFD. `first_bad` receives the offset of the first
// invalid byte, `as_cp1252` whether the Windows-1252 reading was chosen.
bool repair_utf8(std::string_view text, std::string& out, std::size_t& first_bad,
                 bool& as_cp1252);

// A date written the Danish way, anywhere in `text`: "24-05-2022", "24.05.2022",
// "24/05/2022", "24-05-22", "2022-05-24", "24/5 2022", "24/5-2022", "24. maj 2022", "1. okt. 2025",
// "onsdag den 1. oktober 2025". Returns the first valid one as ISO 8601 ("2022-05-24"), or an
// empty string. `at` and `end` (if given) receive the byte offsets where the date starts and
// one past where it ends.
std::string find_date(std::string_view text, std::size_t* at = nullptr,
                      std::size_t* end = nullptr);

// True for the shapes of Danish case and journal numbers: "22/6043", "13/5984",
// "2022/012345", "2022-0081234" (year-number), "EMN-2025-009242", KLE numbers "00.01.00-A00-1-22" and "27.00.00".
bool is_case_number(std::string_view token) noexcept;

// Undoes what PDF extraction and word processors do to text, for the parser's line reader:
// soft hyphens, zero-width spaces and stray byte-order marks vanish; no-break, thin and
// figure spaces and tabs become spaces; the Latin ligatures (U+FB00-U+FB06) become their
// letters; a word hyphenated at a line end ("kommune-" then "planen", a blank line between
// allowed) is joined on the first line, unless the next word is a conjunction ("Børne-" then
// "og Ungdomsudvalget"). Line ends are kept, so line numbers stay those of the file, except
// that a line left empty by the join disappears. Returns false and leaves `out` untouched
// when there is nothing to undo. REQUIRES: valid UTF-8.
bool normalize_layout(std::string_view text, std::string& out);

// Rewrites Windows-1252 bytes as UTF-8 (the whole input).
std::string cp1252_to_utf8(std::string_view text);

}  // namespace search::minutes
