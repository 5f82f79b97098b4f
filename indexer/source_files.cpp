#include "source_files.h"

#include <search/error.h>
#include <search/extract.h>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace search::indexer {
namespace {

bool skipped_directory(const fs::path& dir) {
  auto name = dir.filename().string();
  return name.starts_with(".") || name == "failed" || name == "superseded";
}

void walk(const fs::path& root, std::vector<SourceFile>& out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
  if (ec) throw Error(ErrorCode::kIo, root.string() + ": cannot list: " + ec.message());
  std::vector<SourceFile> found;
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw Error(ErrorCode::kIo, root.string() + ": cannot list: " + ec.message());
    const auto& path = it->path();
    if (it->is_directory()) {
      if (skipped_directory(path)) it.disable_recursion_pending();
      continue;
    }
    auto file_name = path.filename().string();
    if (file_name.starts_with(".") || !it->is_regular_file() || !has_supported_extension(file_name)) {
      continue;
    }
    found.push_back({path.string(), path.lexically_relative(root).string()});
  }
  std::sort(found.begin(), found.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.name < b.name; });
  out.insert(out.end(), found.begin(), found.end());
}

}  // namespace

std::vector<SourceFile> list_source_files(const std::vector<std::string>& sources) {
  std::vector<SourceFile> files;
  for (const auto& source : sources) {
    std::error_code ec;
    auto status = fs::status(source, ec);
    if (!fs::exists(status)) throw Error(ErrorCode::kNotFound, source + ": no such file or directory");
    if (fs::is_directory(status)) {
      walk(source, files);
    } else {
      files.push_back({source, fs::path(source).filename().string()});
    }
  }
  return files;
}

ParseResult read_minutes(const std::string& path, const std::string& name) {
  auto result = parse_minutes_text(extract_text(path), name);
  if (result.records.empty()) {
    std::string why = result.warnings.empty() ? name + ": no agenda items found" : result.warnings.front();
    throw Error(ErrorCode::kParse, why + " (no records)");
  }
  return result;
}

}  // namespace search::indexer
