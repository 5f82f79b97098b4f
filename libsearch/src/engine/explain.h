// The text of Searcher::explain(): parsed tree, plan with terms and document frequencies,
// prefix expansions, per-segment estimates and match counts.
#pragma once

#include <string>

#include <search/query.h>

#include "index/snapshot.h"
#include "engine/plan.h"

namespace search::engine {

std::string explain_plan(const QueryNode& tree, const Plan& plan, const index::Snapshot& snapshot);

}  // namespace search::engine
