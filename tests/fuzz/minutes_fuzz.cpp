// Fuzz target for search::parse_minutes_text: any input either throws search::Error (binary
// data) or gives records whose every string is valid UTF-8, whose id is not empty, and whose
// JSON is valid UTF-8 on one line. Anything else (a crash, another exception) aborts.
#include <search/error.h>
#include <search/minutes.h>
#include <search/record_json.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    std::size_t n = b < 0x80 ? 1 : b < 0xC2 ? 0 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 0;
    if (n == 0 || i + n > text.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "minutes_fuzz: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  search::ParseResult result;
  try {
    result = search::parse_minutes_text(text, "fuzz.txt");
  } catch (const search::Error& error) {
    require(std::string_view(error.what()).starts_with("fuzz.txt: "), "error does not name the source");
    return 0;
  }
  for (const auto& record : result.records) {
    require(!record.id.empty(), "record without id");
    require(record.source_line >= 1, "record without a source line");
    std::string json = search::record_to_json(record);
    require(valid_utf8(json), "record JSON is not valid UTF-8");
    require(json.find('\n') == std::string::npos, "record JSON spans lines");
  }
  return 0;
}
