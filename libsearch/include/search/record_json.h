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
#include <string_view>
#include <vector>

#include <search/record.h>

namespace search {

// Appends the JSON object (no newline) to `out`.
SEARCH_EXPORT void append_record_json(const Record& record, std::string& out);
SEARCH_EXPORT std::string record_to_json(const Record& record);

// The record of one JSON object in the format above (as record_to_json writes it, or made
// by another program). Fields may come in any order; missing ones are empty, null is empty,
// unknown ones are ignored. `id` is required. A decision that names its committee but not
// the abbreviation gets it from the committee table (search/committees.h), and one named
// only by its abbreviation ("KB") gets the canonical name.
// Throws Error(kParse) naming the byte offset for malformed JSON, invalid UTF-8, a field of
// the wrong type, an unknown outcome name, or a missing id.
SEARCH_EXPORT Record record_from_json(std::string_view json);

// Every record of a sequence of such objects separated by white space: JSON lines, as
// `search-indexer parse --json` prints them. Empty (or blank) input gives none.
SEARCH_EXPORT std::vector<Record> records_from_json(std::string_view json);

}  // namespace search
