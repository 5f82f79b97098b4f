// The public factory, kept apart so that programs which inject their own TextAnalyzer do
// not link the Danish analyzer.
#include <search/index_writer.h>

#include "index/writer_internal.h"

namespace search {

std::unique_ptr<IndexWriter> IndexWriter::open(const std::string& dir, const WriterOptions& options) {
  return index::open_writer(dir, options, index::make_text_analyzer(options.analyzer));
}

}  // namespace search
