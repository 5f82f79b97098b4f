// Reading outcomes out of decision texts. Internal to the minutes parser.
#pragma once

#include <string>
#include <string_view>

#include <search/record.h>

namespace search::minutes {

// The outcome of a decision text and the sentence it was read from: the first of the first
// few sentences that states an outcome; if none does, kUkendt and the first sentence.
// The sentence has its whitespace collapsed and is cut to about 300 bytes.
Outcome read_outcome(std::string_view text, std::string& raw);

// Fills decision.outcome, outcome_raw and points from decision.text. With points, the
// decision's outcome is that of its most decisive point, in the order godkendt, tiltrådt,
// anbefalet, valgt, forkastet, udsat, oversendt, udgået, taget_til_efterretning, drøftet
// ("Ad 1: Drøftet. Ad 2: Godkendt" is godkendt), and outcome_raw that point's phrase.
void read_decision_outcomes(Decision& decision);

}  // namespace search::minutes
