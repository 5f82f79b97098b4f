// Fuzz target for search::extract_pdf_text: any bytes either give text (valid to hand on to
// the minutes parser) or throw search::Error naming the file. A crash, a hang or another
// exception aborts.
#include <search/error.h>
#include <search/extract.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    (void)search::extract_pdf_text(bytes, "fuzz.pdf");
  } catch (const search::Error& e) {
    if (std::string_view(e.what()).find("fuzz.pdf") == std::string_view::npos) {
      std::fprintf(stderr, "pdf_fuzz: error does not name the file: %s\n", e.what());
      std::abort();
    }
  }
  return 0;
}
