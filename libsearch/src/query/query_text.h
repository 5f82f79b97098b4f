// Byte-level helpers of the query parser: UTF-8 checks, the characters that delimit tokens,
// case folding of field names and keyword values, and error construction.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace search::query_internal {

// Throws search::QueryError(message, position, query).
[[noreturn]] void fail(std::string_view query, std::size_t position, const std::string& message);

// "'text'" for messages, cut to about 40 bytes on a character boundary ("'abc…'").
std::string quoted(std::string_view text);

// Throws unless `query` is valid UTF-8 without control characters other than whitespace.
void check_encoding(std::string_view query);

// Length in bytes of the whitespace character at `pos` (space, tab, CR, LF, FF, VT or
// U+00A0 NO-BREAK SPACE), or 0.
std::size_t space_length(std::string_view text, std::size_t pos);

// Length in bytes of the quotation mark at `pos` (", “, ” or „), or 0. Any of them opens a
// phrase and " “ ” close it, so Danish „…“ and English “…” typography both work.
std::size_t quote_length(std::string_view text, std::size_t pos);
std::size_t closing_quote_length(std::string_view text, std::size_t pos);

// True when the character at `pos` ends a bare word or value: whitespace, a quotation
// mark, '(', ')' or '|'. Also true at the end of the text.
bool is_delimiter(std::string_view text, std::size_t pos);

// Number of code points (UTF-8 lead bytes) in `text`.
std::size_t count_chars(std::string_view text);

// Lower-cases ASCII and Latin-1 letters (Æ Ø Å É ...) and composes a/A + U+030A COMBINING
// RING ABOVE into å, which is enough for field names and keyword values ("ÅR", "Tiltrådt").
std::string fold_case(std::string_view text);

// Trims whitespace at both ends and replaces each inner run of whitespace by `joiner`.
std::string collapse_spaces(std::string_view text, char joiner);

}  // namespace search::query_internal
