// One meeting's file: the agenda items composed from the templates and vocabulary, rendered
// in one of the textual shapes of the real minutes, and the manifest rows that describe
// them. One MeetingWriter per thread; the shared inputs are read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.h"
#include "rng.h"
#include "text.h"

namespace gen {

// The textual shapes. The manifest names them.
enum class Shape : std::uint8_t { kMarkdown, kPlain, kPdf, kOcr, kFirstAgenda };
std::string_view shape_name(Shape shape);

// Parsed templates, shared by all writers.
struct Templates {
  std::vector<Template> fremstilling, list_items, oekonomi, lovgrundlag, sammenhaeng, resume,
      indstilling_objects, remarks, narrative, titles;
  static Templates parse();
};

struct SharedInputs {
  const Options* options = nullptr;
  const Vocabulary* vocabulary = nullptr;
  const Templates* templates = nullptr;
  const std::vector<std::string>* municipalities = nullptr;
};

struct MeetingOutput {
  std::string relative_path;  // "2022/norddjurs-oek-2022-05-17.txt"
  std::string bytes;          // the file's content
  std::uint64_t words = 0;
};

class MeetingWriter {
 public:
  explicit MeetingWriter(const SharedInputs& inputs);
  ~MeetingWriter();
  MeetingWriter(const MeetingWriter&) = delete;
  MeetingWriter& operator=(const MeetingWriter&) = delete;

  // Composes the meeting into `out` and appends one manifest row per item to `manifest`.
  void write(const MeetingPlan& plan, MeetingOutput& out, std::string& manifest);

  // The manifest's header line (tab-separated column names, newline-terminated).
  static std::string_view manifest_header();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gen
