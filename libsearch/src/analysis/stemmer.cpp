#include "analysis/stemmer.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <memory>

#include <search/error.h>

namespace search::analysis {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

sb_stemmer* thread_stemmer() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer{
      sb_stemmer_new("danish", "UTF_8")};
  if (!stemmer) {
    throw Error(ErrorCode::kUnsupported,
                "libstemmer: no Danish UTF-8 stemmer (sb_stemmer_new(\"danish\", \"UTF_8\"))");
  }
  return stemmer.get();
}

struct Override {
  std::string_view ending;  // a whole inflected word
  std::string_view stem;    // the stem every form of its family gets
};

// Inflections of the words minutes use for decisions, where Snowball gives one family two
// stems (measured with libstemmer: godkende -> godk, godkendt -> godkend; tiltrådt ->
// tiltråd, tiltræder -> tiltræd; udsat -> udsat, udsættes -> udsæt; langsigtet -> langs).
constexpr Override kOverrides[] = {
    {"godkende", "godkend"},     {"godkendes", "godkend"},   {"tiltrådt", "tiltræd"},
    {"tiltrådte", "tiltræd"},    {"tiltrådtes", "tiltræd"},  {"udsat", "udsæt"},
    {"udsatte", "udsæt"},        {"udsattes", "udsæt"},      {"langsigtet", "langsigt"},
    {"langsigtede", "langsigt"}, {"oversende", "oversend"},  {"oversendes", "oversend"},
    {"fremsende", "fremsend"},   {"fremsendes", "fremsend"}, {"besluttede", "beslut"},
    {"anbefalede", "anbefal"},   {"drøftede", "drøft"},      {"afslår", "afslå"},
    {"udgår", "udgå"},           {"vedtagne", "vedtag"},     {"vedtog", "vedtag"},
    {"meddelt", "meddel"},       {"forelagt", "forelæg"},    {"udskudt", "udskyd"},
    {"genoptog", "genoptag"},
};

// The Snowball Danish stop word list (snowball-website algorithms/danish/stop.txt).
constexpr std::string_view kStopwords[] = {
    "ad",     "af",    "alle",  "alt",   "anden", "at",    "blev",  "blive", "bliver", "da",
    "de",     "dem",   "den",   "denne", "der",   "deres", "det",   "dette", "dig",    "din",
    "disse",  "dog",   "du",    "efter", "eller", "en",    "end",   "er",    "et",     "for",
    "fra",    "ham",   "han",   "hans",  "har",   "havde", "have",  "hende", "hendes", "her",
    "hos",    "hun",   "hvad",  "hvis",  "hvor",  "i",     "ikke",  "ind",   "jeg",    "jer",
    "jo",     "kunne", "man",   "mange", "med",   "meget", "men",   "mig",   "min",    "mine",
    "mit",    "mod",   "ned",   "noget", "nogle", "nu",    "når",   "og",    "også",   "om",
    "op",     "os",    "over",  "på",    "selv",  "sig",   "sin",   "sine",  "sit",    "skal",
    "skulle", "som",   "sådan", "thi",   "til",   "ud",    "under", "var",   "vi",     "vil",
    "ville",  "vor",   "være",  "været",
};

}  // namespace

void raw_stem(std::string_view word, std::string& out) {
  sb_stemmer* s = thread_stemmer();
  const sb_symbol* r = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(word.data()),
                                       static_cast<int>(word.size()));
  if (r == nullptr) throw std::bad_alloc();
  out.assign(reinterpret_cast<const char*>(r), static_cast<std::size_t>(sb_stemmer_length(s)));
}

bool override_stem(std::string_view word, std::string& out) {
  constexpr std::size_t kMinModifierBytes = 3;
  for (const auto& o : kOverrides) {
    if (!word.ends_with(o.ending)) continue;
    const std::size_t modifier = word.size() - o.ending.size();
    if (modifier != 0 && modifier < kMinModifierBytes) continue;
    out.assign(word.substr(0, modifier));
    out += o.stem;
    return true;
  }
  return false;
}

void danish_stem(std::string_view word, std::string& out) {
  if (!override_stem(word, out)) raw_stem(word, out);
}

bool is_danish_stopword(std::string_view word) {
  if (word.size() > 6) return false;  // the longest, "skulle"/"hendes"/"sådan", has 6 bytes
  return std::binary_search(std::begin(kStopwords), std::end(kStopwords), word);
}

}  // namespace search::analysis
