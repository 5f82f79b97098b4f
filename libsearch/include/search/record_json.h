// A Record as one line of JSON, the format of `search-indexer parse --json` and of the query
// tools' JSON output. Field names (stable; consumers depend on them):
//   id, title, case_number, access, route [string],
//   decisions [{committee, committee_abbrev, date, outcome, outcome_raw,
//               points [{points, outcome, raw}], text}],
//   absent [string], attachments [string], sections [{heading, text}],
//   municipality, source, source_line
// `outcome` is the canonical outcome name (outcome_name()). Strings are escaped so that the
// line is valid JSON and valid UTF-8 whatever the record holds.
#pragma once

#include <search/export.h>

#include <string>

#include <search/record.h>

namespace search {

// Appends the JSON object (no newline) to `out`.
SEARCH_EXPORT void append_record_json(const Record& record, std::string& out);
SEARCH_EXPORT std::string record_to_json(const Record& record);

}  // namespace search
