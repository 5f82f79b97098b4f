// The stored form of a Record: every field, length-prefixed, in a fixed order.
//
//   id title case_number access municipality source : string (varint length + bytes)
//   source_line varint
//   route: varint count, string*
//   decisions: varint count, each: committee committee_abbrev date : string,
//              outcome u8, outcome_raw text : string,
//              points: varint count, each: points string, outcome u8, raw string
//   sections: varint count, each: heading text : string
//   absent, attachments: varint count, string*
#pragma once

#include <string>

#include <search/record.h>

#include "index/coding.h"

namespace search::index {

void encode_record(const Record& record, std::string* out);
// Throws kCorrupt (naming the cursor's file) on malformed bytes.
Record decode_record(Cursor* in);
// Reads only the id (the first field) of an encoded record.
std::string_view decoded_record_id(Cursor in);

}  // namespace search::index
