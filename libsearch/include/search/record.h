// The Decision record: one agenda item of one meeting, as the minutes parser extracts it
// and as the index stores it. Plain value types; copy and move freely.
#pragma once

#include <search/export.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace search {

// The normalised outcome of a decision: a small closed set so that facets stay useful.
enum class Outcome : std::uint8_t {
  kUkendt = 0,               // not recognised; the raw text is kept
  kGodkendt,                 // godkendt, vedtaget, bevilget
  kTiltraadt,                // tiltrådt
  kAnbefalet,                // anbefalet, anbefales
  kTagetTilEfterretning,     // taget til efterretning, til orientering, ingen bemærkninger
  kDroeftet,                 // drøftet
  kUdsat,                    // udsat
  kOversendt,                // oversendt, fremsendes til, henvist til, tilbagesendes
  kForkastet,                // forkastet, ikke godkendt, nedstemt, afvist
  kUdgaaet,                  // udgået
  kValgt,                    // valgt (elections, appointments)
};
inline constexpr int kOutcomeCount = 11;

// The canonical facet name: "godkendt", "tiltrådt", "taget_til_efterretning", "ukendt", ...
SEARCH_EXPORT std::string_view outcome_name(Outcome outcome) noexcept;
// Accepts the canonical name, its ASCII spelling ("tiltraadt", "droeftet") and English
// aliases ("approved"); nullopt when unknown.
SEARCH_EXPORT std::optional<Outcome> outcome_from_name(std::string_view name);

// "Ad 1-2: Tiltrådt" -> {points = "1-2", outcome = kTiltraadt, raw = "Tiltrådt"}.
struct PointOutcome {
  std::string points;
  Outcome outcome = Outcome::kUkendt;
  std::string raw;
};

// One "Beslutning i <udvalg> den DD-MM-YYYY" block (or a "Beslutninger" block that inherits
// the meeting's committee and date).
struct Decision {
  std::string committee;         // canonical name, "Økonomiudvalget"; raw text if unknown
  std::string committee_abbrev;  // "ØK"; empty if the committee is not in the table
  std::string date;              // ISO 8601 "2022-05-17"; empty if the minutes give none
  Outcome outcome = Outcome::kUkendt;
  std::string outcome_raw;       // the phrase the outcome was read from
  std::string text;              // the whole decision text
  std::vector<PointOutcome> points;
};

// A titled section of the item: "Sagsfremstilling", "Økonomiske konsekvenser", ...
struct Section {
  std::string heading;
  std::string text;
};

struct Record {
  std::string id;             // stable across reindexing: derived from source and item
  std::string title;
  std::string case_number;    // "22/6043", "EMN-2025-009242"; empty if absent
  std::string access;         // "Åben Sag" / "Lukket Sag" (normalised spelling); may be empty
  std::vector<std::string> route;  // Sagsgang as committee abbreviations: {"ØK", "KB"}
  std::vector<Decision> decisions;
  std::vector<Section> sections;
  std::vector<std::string> absent;       // names under Afbud / Fraværende
  std::vector<std::string> attachments;  // lines under Bilag
  std::string municipality;   // "Norddjurs Kommune" when known
  std::string source;         // the file the record came from
  std::uint32_t source_line = 0;  // 1-based line where the item starts
};

}  // namespace search
