#include "query/committee_lookup.h"

#include <search/committees.h>

#include <string>

namespace search::query_internal {

std::optional<CommitteeRef> lookup_committee(std::string_view text) {
  const auto committee = find_committee(text);
  if (!committee) return std::nullopt;
  return CommitteeRef{std::string(committee->name), std::string(committee->abbrev), true};
}

}  // namespace search::query_internal
