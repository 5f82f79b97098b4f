#include <search/record.h>

#include <array>

namespace search {
namespace {

struct OutcomeName {
  Outcome outcome;
  std::string_view canonical;
  std::string_view ascii;    // for keyboards and URLs without æ/ø/å
  std::string_view english;
};

constexpr std::array<OutcomeName, kOutcomeCount> kOutcomeNames{{
    {Outcome::kUkendt, "ukendt", "ukendt", "unknown"},
    {Outcome::kGodkendt, "godkendt", "godkendt", "approved"},
    {Outcome::kTiltraadt, "tiltrådt", "tiltraadt", "endorsed"},
    {Outcome::kAnbefalet, "anbefalet", "anbefalet", "recommended"},
    {Outcome::kTagetTilEfterretning, "taget_til_efterretning", "taget_til_efterretning", "noted"},
    {Outcome::kDroeftet, "drøftet", "droeftet", "discussed"},
    {Outcome::kUdsat, "udsat", "udsat", "postponed"},
    {Outcome::kOversendt, "oversendt", "oversendt", "referred"},
    {Outcome::kForkastet, "forkastet", "forkastet", "rejected"},
    {Outcome::kUdgaaet, "udgået", "udgaaet", "withdrawn"},
    {Outcome::kValgt, "valgt", "valgt", "elected"},
}};

}  // namespace

std::string_view outcome_name(Outcome outcome) noexcept {
  for (const auto& name : kOutcomeNames) {
    if (name.outcome == outcome) return name.canonical;
  }
  return "ukendt";
}

std::optional<Outcome> outcome_from_name(std::string_view text) {
  for (const auto& name : kOutcomeNames) {
    if (text == name.canonical || text == name.ascii || text == name.english) return name.outcome;
  }
  return std::nullopt;
}

}  // namespace search
