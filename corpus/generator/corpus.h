// The corpus generator: plans meetings over municipalities, committees and 2005-2026, then
// writes one file per meeting (several agenda items each) and a manifest with the ground
// truth of every item. Deterministic: the bytes depend only on the options and the word
// list's content, never on the number of threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gen {

struct Options {
  std::uint64_t decisions = 0;           // agenda items (records) to write, exactly
  std::uint64_t seed = 1;
  std::string out_dir;                   // must be empty or absent
  std::uint32_t ocr_ppm = 50000;         // share of meetings scanned and OCR'd, per million
  int items_min = 6;                     // agenda items per meeting, inclusive range
  int items_max = 14;
  std::string municipality;              // empty: as many real municipalities as the size needs
  unsigned threads = 0;                  // 0: hardware concurrency
  std::string word_list = "/usr/share/dict/danish";  // empty: built-in vocabulary only
};

struct Summary {
  std::uint64_t decisions = 0;
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
  std::uint64_t words = 0;
  std::uint64_t municipalities = 0;
  std::string vocabulary;  // which vocabulary was used
};

// The planned meetings, before any text is generated.
struct MeetingPlan {
  std::uint32_t municipality = 0;  // index into the municipality names
  std::uint8_t committee = 0;      // index into committees()
  std::uint8_t rep = 0;            // which of the committee's meetings that month
  std::int32_t day = 0;            // days since 1970-01-01
  std::uint32_t items = 0;
  std::uint64_t key = 0;           // seeds the meeting's text
};

std::vector<std::string> municipality_names(const Options& options);
std::vector<MeetingPlan> plan_meetings(const Options& options, std::size_t municipality_count);

// Writes the corpus. Throws std::runtime_error naming the path on I/O errors, and
// std::invalid_argument on bad options. `on_vocabulary` (if set) is called once the
// vocabulary is known, before the long work starts.
Summary generate_corpus(const Options& options, void (*on_vocabulary)(const std::string&) = nullptr);

}  // namespace gen
