// Fuzz target for search::parse_query: any input either parses into a tree whose canonical
// text parses back to the same canonical text, or throws search::QueryError with a position
// inside the input. Anything else (a crash, another exception, a broken round trip) aborts.
#include <search/error.h>
#include <search/query.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  std::string printed;
  try {
    printed = search::to_string(search::parse_query(query));
  } catch (const search::QueryError& error) {
    if (error.position() > size) std::abort();
    return 0;
  }
  try {
    if (search::to_string(search::parse_query(printed)) != printed) {
      std::fprintf(stderr, "canonical text is not stable: %s\n", printed.c_str());
      std::abort();
    }
  } catch (const search::QueryError& error) {
    std::fprintf(stderr, "canonical text does not parse: %s: %s\n", printed.c_str(), error.what());
    std::abort();
  }
  return 0;
}
