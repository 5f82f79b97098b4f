// The query language's view of the committee table (search/committees.h).
#pragma once

#include <search/query.h>

#include <optional>
#include <string_view>

namespace search::query_internal {

// The committee named or abbreviated by `text` ("KB", "kommunalbestyrelsen",
// "Voksen- og Plejeudvalget"), with its canonical spellings; nullopt when the table does not
// know it. Exact lookup only: a query must not silently filter on a guessed committee.
std::optional<CommitteeRef> lookup_committee(std::string_view text);

}  // namespace search::query_internal
