#include "minutes/municipality.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "minutes/text.h"

namespace search::minutes {
namespace {

struct Municipality {
  std::string_view stem;      // the word(s) before "Kommune" in the official name
  std::string_view official;  // empty: "<stem> Kommune"
  std::string_view domain;    // web domain label when it is not the stem's fold
};

constexpr Municipality kMunicipalities[] = {
    {"Albertslund"}, {"Allerød"}, {"Assens"}, {"Ballerup"}, {"Billund"},
    {"Bornholms", "Bornholms Regionskommune", "brk"}, {"Brøndby"}, {"Brønderslev"},
    {"Dragør"}, {"Egedal"}, {"Esbjerg"}, {"Fanø"}, {"Favrskov"}, {"Faxe"}, {"Fredensborg"},
    {"Fredericia"}, {"Frederiksberg"}, {"Frederikshavn"}, {"Frederikssund"}, {"Furesø"},
    {"Faaborg-Midtfyn", "", "fmk"}, {"Gentofte"}, {"Gladsaxe"}, {"Glostrup"}, {"Greve"},
    {"Gribskov"}, {"Guldborgsund"}, {"Haderslev"}, {"Halsnæs"}, {"Hedensted"}, {"Helsingør"},
    {"Herlev"}, {"Herning"}, {"Hillerød"}, {"Hjørring"}, {"Holbæk"}, {"Holstebro"},
    {"Horsens"}, {"Hvidovre"}, {"Høje-Taastrup", "", "htk"}, {"Hørsholm"}, {"Ikast-Brande"},
    {"Ishøj"}, {"Jammerbugt"}, {"Kalundborg"}, {"Kerteminde"}, {"Kolding"},
    {"Københavns", "", "kk"}, {"Køge"}, {"Langeland"}, {"Lejre"}, {"Lemvig"}, {"Lolland"},
    {"Lyngby-Taarbæk", "", "ltk"}, {"Læsø"}, {"Mariagerfjord"}, {"Middelfart"}, {"Morsø"},
    {"Norddjurs"}, {"Nordfyns"}, {"Nyborg"}, {"Næstved"}, {"Odder"}, {"Odense"},
    {"Odsherred"}, {"Randers"}, {"Rebild"}, {"Ringkøbing-Skjern", "", "rksk"}, {"Ringsted"},
    {"Roskilde"}, {"Rudersdal"}, {"Rødovre"}, {"Samsø"}, {"Silkeborg"}, {"Skanderborg"},
    {"Skive"}, {"Slagelse"}, {"Solrød"}, {"Sorø"}, {"Stevns"}, {"Struer"}, {"Svendborg"},
    {"Syddjurs"}, {"Sønderborg"}, {"Thisted"}, {"Tønder"}, {"Tårnby"}, {"Vallensbæk"},
    {"Varde"}, {"Vejen"}, {"Vejle"}, {"Vesthimmerlands"}, {"Viborg"}, {"Vordingborg"},
    {"Ærø"}, {"Aabenraa"}, {"Aalborg"}, {"Aarhus"},
};
constexpr std::size_t kCount = std::size(kMunicipalities);

std::string key_of(std::string_view text) {
  std::string key = fold(text);
  std::erase(key, ' ');
  collapse_digraphs(key);
  return key;
}

using Index = std::vector<std::pair<std::string, std::size_t>>;

const Index& index() {
  static const Index built = [] {
    Index result;
    for (std::size_t i = 0; i < kCount; ++i) {
      std::string key = key_of(kMunicipalities[i].stem);
      result.emplace_back(key, i);
      if (key.back() == 's') result.emplace_back(key.substr(0, key.size() - 1), i);
      if (!kMunicipalities[i].domain.empty()) {
        result.emplace_back(std::string(kMunicipalities[i].domain), i);
      }
    }
    std::sort(result.begin(), result.end());
    return result;
  }();
  return built;
}

std::size_t find(std::string_view word) {
  std::string key = key_of(word);
  if (key.empty() || key.size() > 40) return kCount;
  const Index& idx = index();
  auto it = std::lower_bound(idx.begin(), idx.end(), key,
                             [](const auto& item, const std::string& k) { return item.first < k; });
  return it != idx.end() && it->first == key ? it->second : kCount;
}

std::string official_name(std::size_t i) {
  const Municipality& m = kMunicipalities[i];
  if (!m.official.empty()) return std::string(m.official);
  return std::string(m.stem) + " Kommune";
}

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80 ||
         c == '-';
}

// The word that ends just before text[end] (skipping one space).
std::string_view word_before(std::string_view text, std::size_t end) {
  if (end == 0 || text[end - 1] != ' ') return {};
  std::size_t stop = end - 1, start = stop;
  while (start > 0 && stop - start < 40 && is_word_byte(text[start - 1])) --start;
  return text.substr(start, stop - start);
}

// Counts "<Navn> Kommune" and "<Navn> Regionskommune" mentions.
std::size_t most_named(std::string_view text) {
  std::array<int, kCount> counts{};
  std::size_t first_seen = kCount;
  for (std::size_t at = text.find("ommune"); at != std::string_view::npos;
       at = text.find("ommune", at + 6)) {
    bool regions = at >= 8 && text.substr(at - 8, 8) == "Regionsk";
    if (at == 0 || (text[at - 1] != 'K' && !regions)) continue;  // "vejen kommune": a road
    std::size_t word_start = at - 1;
    if (word_start >= 7 && text.substr(word_start - 7, 7) == "Regions") word_start -= 7;
    std::size_t found = find(word_before(text, word_start));
    if (found == kCount) continue;
    if (first_seen == kCount) first_seen = found;
    ++counts[found];
  }
  if (first_seen == kCount) return kCount;
  std::size_t best = first_seen;
  for (std::size_t i = 0; i < kCount; ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return best;
}

std::size_t named_by_domain(std::string_view text) {
  for (std::size_t at = text.find(".dk"); at != std::string_view::npos; at = text.find(".dk", at + 3)) {
    std::size_t start = at;
    while (start > 0 && at - start < 40) {
      char c = text[start - 1];
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) break;
      --start;
    }
    std::string label(text.substr(start, at - start));
    if (label.size() > 7 && label.ends_with("kommune")) label.resize(label.size() - 7);
    std::size_t found = find(label);
    if (found != kCount) return found;
  }
  return kCount;
}

std::size_t named_by_source(std::string_view source) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= source.size(); ++i) {
    if (i == source.size() || std::strchr("/\\-_. ", source[i]) != nullptr) {
      if (i > start) parts.push_back(source.substr(start, i - start));
      start = i + 1;
    }
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (std::size_t found = find(parts[i]); found != kCount) return found;
    if (i + 1 < parts.size()) {  // "ringkobing-skjern"
      std::string pair = std::string(parts[i]) + std::string(parts[i + 1]);
      if (std::size_t found = find(pair); found != kCount) return found;
    }
  }
  return kCount;
}

}  // namespace

std::string detect_municipality(std::string_view text, std::string_view source) {
  std::size_t found = most_named(text);
  if (found == kCount) found = named_by_domain(text);
  if (found == kCount) found = named_by_source(source);
  return found == kCount ? std::string() : official_name(found);
}

std::string municipality_line(std::string_view line) {
  line = trim(line);
  if (line.size() > 60) return {};
  std::size_t space = line.rfind(' ');
  if (space == std::string_view::npos) return {};
  std::string_view last = line.substr(space + 1);
  std::string last_folded = fold(last);  // "Kommune", "KOMMUNE"
  if (last_folded != "kommune" && last_folded != "regionskommune") return {};
  std::size_t found = find(line.substr(0, space));
  return found == kCount ? std::string() : official_name(found);
}

}  // namespace search::minutes
