// OCR folding: the key under which a correctly spelt Danish word and the ways the archive's
// OCR mangles it meet, and a confusion-weighted edit distance for query-time expansion.
#pragma once

#include <string>
#include <string_view>

namespace search::analysis {

// Writes the OCR fold of `word` (lower-case NFC UTF-8) to `out`: every vowel (a e i o u y,
// æ ø å, accented vowels) and 'z' (which OCR reads for æ: "Fzelles") becomes '*', and each
// run of them one '*'; ç ñ ß ð þ lose their accent; other characters stay. So "fælles",
// "fzelles", "feelles", "falles" all fold to "f*ll*s", "socialområdet" and "Socialomridet"
// to "s*c*l*mr*d*t", "børne" and "borne" to "b*rn*".
void ocr_fold(std::string_view word, std::string& out);

// Cost of turning correctly spelt `clean` into `scanned` with the OCR confusions of the
// archive cheap: vowel for vowel (æ->e, ø->o, å->a, z for æ) 0.3, å->d and e->c 0.5,
// l/i/1 0.5, inserting or dropping a vowel 0.5, anything else 1. Words longer than 64 code
// points cost infinity (not compared).
double ocr_distance(std::string_view clean, std::string_view scanned);

}  // namespace search::analysis
