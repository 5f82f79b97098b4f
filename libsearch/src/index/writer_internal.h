// Internal entry points of the writer, for tests that analyse text without the real
// Danish analyzer (the public IndexWriter::open always uses search::Analyzer).
#pragma once

#include <memory>
#include <string>

#include <search/index_writer.h>

#include "index/doc_analysis.h"

namespace search::index {

std::unique_ptr<IndexWriter> open_writer(const std::string& dir, const WriterOptions& options,
                                         std::shared_ptr<const TextAnalyzer> analyzer);

}  // namespace search::index
