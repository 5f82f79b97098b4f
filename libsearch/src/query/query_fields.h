// The field filters of the query language: their Danish and English names, and the
// normalisation of their values (dates, years, outcomes, access, committees, case numbers).
#pragma once

#include <search/query.h>

#include <cstddef>
#include <string_view>

namespace search::query_internal {

// One field of the language. `op` is the leaf kind a value of the field becomes; the title
// field makes word, prefix and phrase leaves with TextField::kTitle and has op kTerm.
struct FieldSpec {
  std::string_view canonical;  // the Danish name the printer writes: "udvalg"
  QueryOp op;
  bool is_title;
};

// The field called `name` (any case, Danish or English), or nullptr.
const FieldSpec* find_field(std::string_view name);

// The field name (Danish or English, as in the table) closest to `name` within a small edit
// distance, or an empty view.
std::string_view suggest_field(std::string_view name);

// "udvalg/committee, sagsgang/route, ..." for error messages.
std::string_view field_list();

// The canonical Danish name of a filter op, for the printer: kCommittee -> "udvalg".
std::string_view field_name(QueryOp op);

// Fills the normalised members of `leaf` (whose op, text and text_begin are set) from its
// text. Throws QueryError pointing into the value when the value is not valid for the field.
void normalise_filter(std::string_view query, QueryNode& leaf, const QueryParserOptions& options);

}  // namespace search::query_internal
