// Fuzz target for the posting-list reader: any bytes either read as a list, every way the
// reader and the intersection module offer, with sorted docids and positive frequencies, or
// throw search::Error(kCorrupt). Anything else (a crash, another error, an unsorted
// result) aborts.
#include <search/error.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "intersect/intersect.h"
#include "postings/posting_list.h"

namespace {

using search::postings::PostingListView;

void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "posting_list_fuzz: %s\n", what);
    std::abort();
  }
}

void exercise(const PostingListView& list) {
  std::vector<std::uint32_t> docids, freqs;
  list.decode_all(&docids, &freqs);
  for (std::size_t i = 1; i < docids.size(); ++i) require(docids[i] > docids[i - 1], "unsorted docids");
  for (std::uint32_t f : freqs) require(f >= 1, "zero frequency");
  search::postings::PostingCursor c = list.cursor();
  for (std::uint32_t target = 0; !c.at_end() && target < (1u << 24); target += 4099) {
    c.advance(target);
    if (!c.at_end()) (void)c.freq();
  }
  // Against a fixed list of every kind of chunk.
  static const std::string other = [] {
    std::vector<std::uint32_t> d;
    for (std::uint32_t x = 0; x < 300000; x += 7) d.push_back(x);
    for (std::uint32_t x = 300000; x < 400000; ++x) d.push_back(x);
    std::string bytes;
    search::postings::encode_posting_list(d, {}, &bytes);
    return bytes;
  }();
  PostingListView lists[] = {list, PostingListView::open(other)};
  std::vector<std::uint32_t> out;
  search::intersect::intersect(lists, &out);
  search::intersect::unite(lists, &out);
  search::intersect::subtract(lists[1], list, &out);
  list.validate("fuzz");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    exercise(PostingListView::open(std::string_view(reinterpret_cast<const char*>(data), size)));
  } catch (const search::Error& e) {
    require(e.code() == search::ErrorCode::kCorrupt, e.what());
  }
  return 0;
}
