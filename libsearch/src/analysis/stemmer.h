// Snowball Danish stemming through libstemmer, and this domain's override table.
#pragma once

#include <string>
#include <string_view>

namespace search::analysis {

// The Snowball Danish stem of `word` (lower-case NFC UTF-8), exactly as libstemmer gives it.
// Thread-safe: each thread uses its own sb_stemmer (libstemmer objects are not reentrant).
// Throws search::Error(kUnsupported) if libstemmer has no Danish UTF-8 stemmer.
void raw_stem(std::string_view word, std::string& out);

// If `word` ends in an entry of the override table (the whole word, or a compound whose
// head is the entry and whose modifier is at least three bytes), writes the overriding
// stem to `out` and returns true. The table unifies inflections the Snowball stemmer splits
// ("godkendes" -> "godk" but "godkendt" -> "godkend").
bool override_stem(std::string_view word, std::string& out);

// Stem with overrides: what the index and the query side both use.
void danish_stem(std::string_view word, std::string& out);

// True for the words of the Snowball Danish stopword list (lower-case NFC UTF-8).
bool is_danish_stopword(std::string_view word);

}  // namespace search::analysis
