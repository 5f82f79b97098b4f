// Which of the 98 Danish municipalities a minutes file comes from. Internal.
#pragma once

#include <string>
#include <string_view>

namespace search::minutes {

// The official name ("Norddjurs Kommune", "Københavns Kommune") of the municipality that
// `text` names most often as "<Navn> Kommune(s)"; failing that, the one whose web domain
// appears ("norddjurs.dk"); failing that, the one named by a component of `source`
// ("minutes/aarhus/2025-10-01.txt", "norddjurs-hu-2022-09-08.md"). Empty if none.
// Linear in the text; reads only around each "Kommune" and ".dk".
std::string detect_municipality(std::string_view text, std::string_view source);

// The official name if `line` is just a municipality's name ("Aarhus Kommune"), else "".
std::string municipality_line(std::string_view line);

}  // namespace search::minutes
