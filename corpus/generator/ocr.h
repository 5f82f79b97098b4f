// OCR damage as seen in the real scanned seed (corpus/seeds/*.ocr.txt) against the correct
// Danish: æ/ø/å read as look-alikes ("Fzelles", "fzlles", "reekke", "felles", "Socialomridet",
// "pa", "P&", "omréadet", "pd", "Berne", "underseogelse"), "i" read as "1", "1-" as "l-",
// broken letters ("aftholdes", "atholdt"), stray quotes at line starts.
#pragma once

#include <string>
#include <string_view>

#include "rng.h"

namespace gen {

// Appends a damaged copy of `text` to `out`. Line breaks are kept exactly, so line numbers
// computed before the damage stay right.
void append_ocr_damaged(std::string_view text, std::string& out, Rng& rng);

}  // namespace gen
