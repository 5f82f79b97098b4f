// The committee table: the councils, standing committees and MED committees of Danish
// municipalities with their canonical names and usual abbreviations, in one place, so that
// the parser, the index and the query language agree that `udvalg:KB`,
// `udvalg:Kommunalbestyrelsen` and "Kommunalbestyrelsens" are the same committee.
//
// The table is static and immutable; every function here is thread-safe and allocation-free
// after the first call (which builds the lookup index once).
#pragma once

#include <search/export.h>

#include <optional>
#include <span>
#include <string_view>

namespace search {

struct Committee {
  std::string_view name;    // canonical name, "Økonomiudvalget"
  std::string_view abbrev;  // usual abbreviation, "ØK"; empty when there is no usual one
};

// Every committee of the table, in table order (councils first). The views point into static
// storage and stay valid for the life of the program.
SEARCH_EXPORT std::span<const Committee> committees() noexcept;

// Finds a committee by its canonical name, an alternative name ("Byrådet" is not
// "Kommunalbestyrelsen": each has its own entry), or its abbreviation ("KB", "ØK", "ØU").
// Exact after normalisation, never a guess:
//   - case-insensitive, Æ/Ø/Å included ("kb", "øk", "KOMMUNALBESTYRELSEN");
//   - ASCII and OCR spellings of æ/ø/å ("Oekonomiudvalget", "Okonomiudvalget",
//     "Omradeudvalg for Socialomradet");
//   - definite/indefinite and genitive forms ("Økonomiudvalg", "Økonomiudvalgets",
//     "Områdeudvalget for Socialområdet");
//   - spacing, hyphens and the small words "for", "og", "i", "til", "af" are ignored
//     ("Omradeudvalg socialomradet", "Børne og Ungdomsudvalget").
// Returns nullopt for anything else, including the empty string.
SEARCH_EXPORT std::optional<Committee> find_committee(std::string_view name_or_abbrev);

// As find_committee, and when that fails, the committee whose normalised name is within a
// small edit distance of `text` (about one edit per six letters, at most three) if exactly
// one is that close. For committee names read from OCR'd minutes ("Okonomiudvalgel",
// "Hovedudva1get"); the query language should use find_committee.
SEARCH_EXPORT std::optional<Committee> guess_committee(std::string_view text);

}  // namespace search
