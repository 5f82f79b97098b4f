// The Danish material the generator composes minutes from: committees, municipalities,
// names, function words, domain words, sentence templates per section, titles, outcome
// phrasings. Written from the real Norddjurs items in corpus/seeds/ and the usual wording of
// Danish council minutes.
//
// Sentence templates are plain Danish sentences. When a template is used, every word that is
// not a function word, not capitalised inside the sentence, not prefixed with '=' and not a
// {MARKER} may be replaced by a vocabulary word of the same ending (see text.h), so the same
// template yields many different sentences with the template's syntax and function words.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace gen {

struct CommitteeInfo {
  std::string_view name;       // canonical, "Økonomiudvalget"
  std::string_view abbrev;     // "ØK"
  std::string_view slug;       // ASCII for file names, "oek"
  std::string_view genitive;   // "Økonomiudvalgets"
  std::span<const std::string_view> header_variants;  // as "Beslutning i <...> den" writes it
  int weekday;                 // usual meeting day, 0 = Monday
  int meetings_per_year;
  int first_year;              // the committee exists from this year
  bool dialog;                 // a MED/dialog forum: items are discussed rather than decided
};

std::span<const CommitteeInfo> committees();
inline constexpr int kKommunalbestyrelsen = 0;
inline constexpr int kOekonomiudvalget = 1;

std::span<const std::string_view> municipalities();  // "Norddjurs Kommune", ...
std::span<const std::string_view> first_names();
std::span<const std::string_view> last_names();
std::span<const std::string_view> parties();          // "A", "V", "F", ...
std::span<const std::string_view> organisations();    // "FOA", "BUPL", ... (MED members)
std::span<const std::string_view> roles();            // "Formanden", "Borgmesteren", ...
std::span<const std::string_view> laws();             // "Lov om social service", ...
std::span<const std::string_view> places();           // "Grenaa", "Auning", ...
std::span<const std::string_view> streets();          // "Skolevej", ...
std::span<const std::string_view> venues();           // "Byrådssalen, Rådhuset", ...

// Lower-case function words (and abbreviations such as "mio.", "kr.", "bl.a.") that
// templates keep as they are.
std::span<const std::string_view> function_words();
// Domain words ranked high in the vocabulary, after the seed items' own words.
std::span<const std::string_view> domain_words();
// {word, count} from the seed items (seed_words.inc).
struct SeedWord {
  std::string_view word;
  int count;
};
std::span<const SeedWord> seed_words();

// Sentence templates by use.
std::span<const std::string_view> fremstilling_sentences();
std::span<const std::string_view> list_items();
std::span<const std::string_view> subheadings();
std::span<const std::string_view> oekonomi_sentences();
std::span<const std::string_view> lovgrundlag_lines();
std::span<const std::string_view> sammenhaeng_sentences();
std::span<const std::string_view> resume_sentences();
std::span<const std::string_view> indstilling_objects();  // "forslaget til ..." (no verb)
std::span<const std::string_view> remark_sentences();     // after the outcome: "{NAVN} bemærker, at ..."
std::span<const std::string_view> narrative_sentences();  // decision texts without an outcome
std::span<const std::string_view> titles();
std::span<const std::string_view> attachment_titles();

// Fixed items that open and close meetings.
struct FormalItem {
  std::string_view title;
  std::string_view text;      // Sagsfremstilling, may be empty
  std::string_view outcome;   // the decision phrase
  int outcome_kind;           // index into outcome_kinds()
};
std::span<const FormalItem> opening_items();
std::span<const FormalItem> closing_items();

// The normalised outcomes, named as search::outcome_name() names them.
enum OutcomeKind : std::uint8_t {
  kUkendt,
  kGodkendt,
  kTiltraadt,
  kAnbefalet,
  kTagetTilEfterretning,
  kDroeftet,
  kUdsat,
  kOversendt,
  kForkastet,
};
std::string_view outcome_kind_name(int kind);

struct OutcomePhrase {
  std::string_view text;          // "Taget til efterretning."
  OutcomeKind kind;
  std::uint16_t final_weight;     // weight where the committee has the last word
  std::uint16_t forward_weight;   // weight where the item goes on to another committee
  std::string_view point_text;    // as written after "Ad 1-2 " (no final period)
};
std::span<const OutcomePhrase> outcome_phrases();

// What the Indstilling asks for, matching the outcome the committee then records.
std::string_view indstilling_verb(OutcomeKind kind);

}  // namespace gen
