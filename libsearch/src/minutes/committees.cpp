// The committee table and its lookup index.
//
// Names are matched by a key: the matching fold (text.h) of the name, word by word, with the
// digraphs aa/ae/oe collapsed, the small words dropped, and the genitive -s, the definite
// -en/-et and a final -e cut, then the words concatenated. "Økonomiudvalgets",
// "Okonomiudvalg" and "Oekonomiudvalget" all have the key "okonomiudvalg"; "Områdeudvalg for
// Socialområdet" and the OCR'd "Omradeudvalg socialomradet" both "omradeudvalgsocialomrad".
// Abbreviations are matched by their fold alone ("ØK" -> "ok").
#include <search/committees.h>

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "minutes/text.h"

namespace search {
namespace {

struct Entry {
  Committee committee;
  std::array<std::string_view, 2> other_names;
  std::array<std::string_view, 2> other_abbrevs;
};

// Councils first, then standing committees, then councils of citizens and MED committees.
// Abbreviations follow the usual pattern of Danish minutes (the initials of the compound's
// parts); where two committees would share one, only the more common keeps it.
constexpr Entry kTable[] = {
    {{"Kommunalbestyrelsen", "KB"}, {}, {}},
    {{"Byrådet", "BR"}, {}, {"BY"}},
    {{"Borgerrepræsentationen", ""}, {}, {}},
    {{"Magistraten", ""}, {}, {}},
    {{"Regionsrådet", "RR"}, {}, {}},
    {{"Økonomiudvalget", "ØK"}, {}, {"ØU"}},
    {{"Økonomi- og Erhvervsudvalget", "ØEU"}, {}, {}},
    {{"Børne- og Ungdomsudvalget", "BUU"}, {"Børne- og Ungeudvalget"}, {}},
    {{"Børne- og Skoleudvalget", "BSU"}, {}, {}},
    {{"Børne- og Familieudvalget", "BFU"}, {}, {}},
    {{"Børneudvalget", "BU"}, {}, {}},
    {{"Skole- og Uddannelsesudvalget", "SUU"}, {}, {}},
    {{"Uddannelsesudvalget", "UU"}, {}, {}},
    {{"Voksen- og Plejeudvalget", "VPU"}, {}, {}},
    {{"Social- og Sundhedsudvalget", "SSU"}, {}, {}},
    {{"Socialudvalget", "SU"}, {}, {}},
    {{"Sundheds- og Omsorgsudvalget", "SOU"}, {}, {}},
    {{"Sundheds- og Ældreudvalget", "SÆU"}, {}, {}},
    {{"Sundhedsudvalget", ""}, {}, {}},
    {{"Ældreudvalget", "ÆU"}, {}, {}},
    {{"Ældre- og Sundhedsudvalget", "ÆSU"}, {}, {}},
    {{"Beskæftigelsesudvalget", "BEU"}, {}, {}},
    {{"Beskæftigelses- og Integrationsudvalget", "BIU"}, {}, {}},
    {{"Arbejdsmarkedsudvalget", "AMU"}, {}, {}},
    {{"Erhvervs- og Planudvalget", "EPU"}, {}, {}},
    {{"Erhvervsudvalget", ""}, {}, {}},
    {{"Plan- og Miljøudvalget", "PMU"}, {}, {}},
    {{"Miljø- og Planudvalget", "MPU"}, {}, {}},
    {{"Teknik- og Miljøudvalget", "TMU"}, {}, {}},
    {{"Miljø- og Teknikudvalget", "MTU"}, {}, {}},
    {{"Klima- og Miljøudvalget", "KMU"}, {}, {}},
    {{"Teknisk Udvalg", "TU"}, {"Teknisk Udvalget"}, {}},
    {{"Kultur- og Fritidsudvalget", "KFU"}, {}, {}},
    {{"Kultur- og Udviklingsudvalget", "KUU"}, {}, {}},
    {{"Kulturudvalget", "KU"}, {}, {}},
    {{"Folkeoplysningsudvalget", "FOU"}, {}, {}},
    {{"Handicaprådet", ""}, {}, {}},
    {{"Ældrerådet", ""}, {}, {}},
    {{"Seniorrådet", ""}, {}, {}},
    {{"Integrationsrådet", ""}, {}, {}},
    {{"Beredskabskommissionen", ""}, {}, {}},
    {{"Hovedudvalget", "HU"}, {"Hoved-MED-udvalget", "HovedMED"}, {"HMU"}},
    {{"Områdeudvalg for Socialområdet", "OMU"}, {"Område-MED for Socialområdet"}, {}},
};
constexpr std::size_t kTableSize = std::size(kTable);

bool is_small_word(std::string_view word) {
  return word == "for" || word == "og" || word == "i" || word == "til" || word == "af" ||
         word == "pa" || word == "med" || word == "the" || word == "and";
}

bool ends_with(std::string_view word, std::string_view suffix) {
  return word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

// One word of a name key: genitive -s, definite -en/-et, then a final -e.
void append_word_key(std::string word, std::string& key) {
  minutes::collapse_digraphs(word);
  if (word.empty() || is_small_word(word)) return;
  if (word.size() > 4 && (ends_with(word, "ets") || ends_with(word, "ens") ||
                          ends_with(word, "udvalgs"))) {
    word.pop_back();
  }
  if (word.size() >= 6 && (ends_with(word, "et") || ends_with(word, "en"))) word.resize(word.size() - 2);
  if (word.size() >= 4 && word.back() == 'e') word.pop_back();
  key += word;
}

std::string name_key(std::string_view name) {
  std::string folded = minutes::fold(name);
  std::string key;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    append_word_key(folded.substr(start, end - start), key);
    start = end + 1;
  }
  return key;
}

std::string abbrev_key(std::string_view abbrev) {
  std::string folded = minutes::fold(abbrev);
  std::erase(folded, ' ');
  return folded;
}

using Index = std::vector<std::pair<std::string, std::size_t>>;

struct Indexes {
  Index names;
  Index abbrevs;
};

const Indexes& indexes() {
  static const Indexes built = [] {
    Indexes result;
    for (std::size_t i = 0; i < kTableSize; ++i) {
      const Entry& entry = kTable[i];
      result.names.emplace_back(name_key(entry.committee.name), i);
      for (auto other : entry.other_names) {
        if (!other.empty()) result.names.emplace_back(name_key(other), i);
      }
      if (!entry.committee.abbrev.empty()) {
        result.abbrevs.emplace_back(abbrev_key(entry.committee.abbrev), i);
      }
      for (auto other : entry.other_abbrevs) {
        if (!other.empty()) result.abbrevs.emplace_back(abbrev_key(other), i);
      }
    }
    std::sort(result.names.begin(), result.names.end());
    std::sort(result.abbrevs.begin(), result.abbrevs.end());
    return result;
  }();
  return built;
}

const Entry* lookup(const Index& index, std::string_view key) {
  auto it = std::lower_bound(index.begin(), index.end(), key,
                             [](const auto& item, std::string_view k) { return item.first < k; });
  if (it == index.end() || it->first != key) return nullptr;
  return &kTable[it->second];
}

constexpr std::size_t kMaxNameBytes = 200;

}  // namespace

std::span<const Committee> committees() noexcept {
  static const auto all = [] {
    std::array<Committee, kTableSize> result{};
    for (std::size_t i = 0; i < kTableSize; ++i) result[i] = kTable[i].committee;
    return result;
  }();
  return all;
}

std::optional<Committee> find_committee(std::string_view name_or_abbrev) {
  std::string_view text = minutes::trim(name_or_abbrev);
  if (text.empty() || text.size() > kMaxNameBytes) return std::nullopt;
  const Indexes& index = indexes();
  if (text.size() <= 8 && text.find(' ') == std::string_view::npos) {
    if (const Entry* entry = lookup(index.abbrevs, abbrev_key(text))) return entry->committee;
  }
  std::string key = name_key(text);
  if (key.empty()) return std::nullopt;
  if (const Entry* entry = lookup(index.names, key)) return entry->committee;
  return std::nullopt;
}

std::optional<Committee> guess_committee(std::string_view text) {
  if (auto exact = find_committee(text)) return exact;
  text = minutes::trim(text);
  if (text.empty() || text.size() > kMaxNameBytes) return std::nullopt;
  std::string key = name_key(text);
  if (key.size() < 6) return std::nullopt;
  int limit = std::clamp(static_cast<int>(key.size() / 6), 1, 3);
  int best = limit + 1, second = limit + 1;
  std::size_t best_entry = kTableSize;
  for (const auto& [candidate, entry] : indexes().names) {
    int distance = minutes::bounded_edit_distance(key, candidate, limit);
    if (distance > 0 && candidate.find("rn") != std::string::npos) {  // OCR reads "rn" as "m"
      std::string m;
      for (std::size_t i = 0; i < candidate.size(); ++i) {
        bool rn = candidate[i] == 'r' && i + 1 < candidate.size() && candidate[i + 1] == 'n';
        m.push_back(rn ? 'm' : candidate[i]);
        i += rn ? 1 : 0;
      }
      distance = std::min(distance, minutes::bounded_edit_distance(key, m, limit));
    }
    if (distance < best) {
      if (entry != best_entry) second = best;
      best = distance;
      best_entry = entry;
    } else if (distance < second && entry != best_entry) {
      second = distance;
    }
  }
  if (best > limit || second == best) return std::nullopt;
  return kTable[best_entry].committee;
}

}  // namespace search
