// Snippets: the best passage of a hit's stored record for the query, with the words that
// match highlighted. Runs on returned hits only.
//
// Each text of the record (sections, decisions, attachments, then the title) is analysed
// with the same Analyzer as the index, and a token is highlighted when any term the index
// made of it (surface, stem, fold, compound part) is one the query asked for, or when its
// surface form starts with a query prefix. So an OCR'd "Socialomridet" lights up for the
// query "socialområdet", and "arbejdsmiljøet" for "arbejdsmiljø". The window of `words`
// positions with the most distinct query words (then the most matches, then the earliest)
// wins; with no match at all the start of the first text is shown.
#pragma once

#include <cstddef>

#include <search/analyzer.h>
#include <search/record.h>
#include <search/searcher.h>

#include "engine/plan.h"

namespace search::engine {

Snippet make_snippet(const Record& record, const Plan& plan, const Analyzer& analyzer, std::size_t words);

}  // namespace search::engine
