// Chooses how to read a minutes file and returns its text; PDFs go to pdf_text.cpp.
#include <search/error.h>
#include <search/extract.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace search {
namespace {

constexpr std::string_view kPdfMagic = "%PDF-";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string lower_extension(std::string_view name) {
  auto slash = name.find_last_of('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  auto dot = name.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string ext(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

std::string read_file(const std::string& path, std::size_t limit = std::string::npos) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, path + ": cannot open: " + std::strerror(errno));
  std::string data;
  if (limit == std::string::npos) {
    data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } else {
    data.resize(limit);
    in.read(data.data(), static_cast<std::streamsize>(limit));
    data.resize(static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw Error(ErrorCode::kIo, path + ": read failed");
  return data;
}

// PDF 1.7 (ISO 32000-1, 7.5.2) lets the header start anywhere in the first 1024 bytes.
bool looks_like_pdf(std::string_view head) {
  return head.substr(0, 1024).find(kPdfMagic) != std::string_view::npos;
}

}  // namespace

bool has_supported_extension(std::string_view name) {
  auto ext = lower_extension(name);
  return ext == "txt" || ext == "md" || ext == "markdown" || ext == "pdf";
}

InputFormat detect_input_format(const std::string& path) {
  if (looks_like_pdf(read_file(path, 1024))) return InputFormat::kPdf;
  auto ext = lower_extension(path);
  if (ext == "pdf") return InputFormat::kPdf;
  if (ext == "txt" || ext == "md" || ext == "markdown") return InputFormat::kText;
  return InputFormat::kUnsupported;
}

std::string extract_text(const std::string& path) {
  switch (detect_input_format(path)) {
    case InputFormat::kPdf:
      return extract_pdf_text(read_file(path), path);
    case InputFormat::kText: {
      auto text = read_file(path);
      if (std::string_view(text).starts_with(kUtf8Bom)) text.erase(0, kUtf8Bom.size());
      return text;
    }
    case InputFormat::kUnsupported:
      break;
  }
  throw Error(ErrorCode::kUnsupported,
              path + ": unsupported file type (expected .txt, .md or .pdf)");
}

}  // namespace search
