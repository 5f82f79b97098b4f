// Fuzz target for search::Analyzer: any bytes tokenize into well-formed tokens (inside the
// input, non-empty valid UTF-8 of at most kMaxTokenBytes, positions never decreasing), and
// index_text, query_terms and ocr_suspicion accept them. Anything else aborts.
#include <search/analyzer.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (b >= 0x80 && (b < 0xC2 || b > 0xF4)) return false;
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "analyzer invariant broken: %s\n", what);
    std::abort();
  }
}

class CheckingSink : public search::TermSink {
 public:
  void term(std::string_view term, std::uint32_t position, search::TermKind) override {
    check(!term.empty(), "empty term");
    check(position >= last_, "term positions go back");
    check(valid_utf8(term), "term is not UTF-8");
    last_ = position;
  }

 private:
  std::uint32_t last_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const search::Analyzer analyzer;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::uint32_t last = 0;
  for (const auto& t : analyzer.tokenize(text)) {
    check(t.begin < t.end && t.end <= size, "token offsets outside the input");
    check(t.position >= last, "token positions go back");
    check(!t.text.empty() && t.text.size() <= search::kMaxTokenBytes, "token length");
    check(valid_utf8(t.text), "token is not UTF-8");
    last = t.position;
  }
  CheckingSink sink;
  const std::uint32_t end = analyzer.index_text(text, "S", 3, sink);
  check(end >= 3, "index_text end before its start");
  for (const auto& q : analyzer.query_terms(text.substr(0, 64))) {
    check(!q.term.empty() && q.weight > 0 && q.weight <= 1, "query term");
  }
  const double s = analyzer.ocr_suspicion(text);
  check(s >= 0 && s <= 1, "ocr_suspicion outside [0, 1]");
  return 0;
}
