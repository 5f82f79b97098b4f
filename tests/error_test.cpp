#define BOOST_TEST_MODULE error
#include <boost/test/unit_test.hpp>

#include <search/error.h>
#include <search/record.h>

BOOST_AUTO_TEST_CASE(query_error_pointer_counts_characters_not_bytes) {
  // "år:" is 4 bytes but 3 characters; the caret must sit under 'x' at column 3.
  search::QueryError error("bad year", 4, "år:x");
  BOOST_TEST(error.pointer() == "år:x\n   ^");
  BOOST_TEST((error.code() == search::ErrorCode::kQuery));
}

BOOST_AUTO_TEST_CASE(error_codes_have_stable_names) {
  BOOST_TEST(std::string(search::error_code_name(search::ErrorCode::kCorrupt)) == "corrupt");
  BOOST_TEST(std::string(search::error_code_name(search::ErrorCode::kLocked)) == "locked");
}

BOOST_AUTO_TEST_CASE(outcome_names_round_trip_in_every_spelling) {
  using search::Outcome;
  BOOST_TEST(search::outcome_name(Outcome::kTiltraadt) == "tiltrådt");
  BOOST_TEST((search::outcome_from_name("tiltrådt") == Outcome::kTiltraadt));
  BOOST_TEST((search::outcome_from_name("tiltraadt") == Outcome::kTiltraadt));
  BOOST_TEST((search::outcome_from_name("approved") == Outcome::kGodkendt));
  BOOST_TEST(!search::outcome_from_name("maybe").has_value());
  for (int i = 0; i < search::kOutcomeCount; ++i) {
    auto outcome = static_cast<Outcome>(i);
    BOOST_TEST((search::outcome_from_name(search::outcome_name(outcome)) == outcome));
  }
}
