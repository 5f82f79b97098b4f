// search-indexer parse FILE... [--json]: prints the Decision records the minutes parser reads
// from each file, for people (default) or as one JSON object per record per line.
// Exit status: 0 if any record was found, 1 if none, 2 if a file could not be parsed (the
// other files are still printed).
#include <search/error.h>
#include <search/minutes.h>
#include <search/record_json.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace search::indexer {
namespace {

bool is_minutes_text(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".txt" || ext == ".md";
}

// Files as given; directories walked recursively for .txt and .md files, in name order.
std::vector<std::string> expand(const std::vector<std::string>& arguments) {
  std::vector<std::string> files;
  for (const auto& argument : arguments) {
    std::error_code ec;
    if (!fs::is_directory(argument, ec)) {
      files.push_back(argument);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(argument, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && is_minutes_text(it->path())) found.push_back(it->path().string());
    }
    if (ec) throw Error(ErrorCode::kIo, argument + ": cannot list: " + ec.message());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string or_dash(const std::string& text) { return text.empty() ? "-" : text; }

void print_human(const Record& record) {
  std::printf("%s:%u: %s\n", record.source.c_str(), record.source_line, or_dash(record.title).c_str());
  std::printf("  id:           %s\n", record.id.c_str());
  std::printf("  case:         %s\n", or_dash(record.case_number).c_str());
  std::printf("  access:       %s\n", or_dash(record.access).c_str());
  std::printf("  route:        %s\n", or_dash(join(record.route, ", ")).c_str());
  for (const auto& decision : record.decisions) {
    std::string committee = or_dash(decision.committee);
    if (!decision.committee_abbrev.empty()) committee += " (" + decision.committee_abbrev + ")";
    std::printf("  decision:     %s, %s: %s (\"%s\")\n", committee.c_str(),
                or_dash(decision.date).c_str(), std::string(outcome_name(decision.outcome)).c_str(),
                decision.outcome_raw.c_str());
    for (const auto& point : decision.points) {
      std::printf("    Ad %s: %s (\"%s\")\n", point.points.c_str(),
                  std::string(outcome_name(point.outcome)).c_str(), point.raw.c_str());
    }
  }
  std::printf("  absent:       %s\n", or_dash(join(record.absent, "; ")).c_str());
  std::printf("  attachments:  %zu\n", record.attachments.size());
  for (const auto& attachment : record.attachments) std::printf("    %s\n", attachment.c_str());
  std::vector<std::string> headings;
  for (const auto& section : record.sections) headings.push_back(or_dash(section.heading));
  std::printf("  sections:     %s\n", or_dash(join(headings, "; ")).c_str());
  std::printf("  municipality: %s\n\n", or_dash(record.municipality).c_str());
}

}  // namespace

int run_parse(int argc, char** argv) {
  po::options_description options("usage: search-indexer parse FILE|DIR... [--json]\noptions");
  ParseOptions parse_options;
  std::uint64_t max_mib = parse_options.max_file_bytes >> 20;
  options.add_options()("help,h", "show this help")(
      "json", "one JSON object per record per line")(
      "id-root", po::value<std::string>(&parse_options.id_root),
      "removed from the front of each path before record ids are derived from it")(
      "municipality", po::value<std::string>(&parse_options.default_municipality),
      "municipality for files that name none")(
      "max-mib", po::value<std::uint64_t>(&max_mib)->default_value(max_mib),
      "refuse files larger than this many MiB");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::vector<std::string>>(), "");
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "search-indexer parse: %s\n%s", e.what(), "(see --help)\n");
    return 2;
  }
  if (vm.count("help")) {
    std::cout << options << "\nDirectories are walked for .txt and .md files.\n"
              << "Exit status: 0 records found, 1 none, 2 error.\n";
    return 0;
  }
  if (!vm.count("file")) {
    std::cerr << "search-indexer parse: no FILE given\n" << options;
    return 2;
  }
  parse_options.max_file_bytes = max_mib << 20;
  bool json = vm.count("json") > 0;
  std::size_t records = 0;
  bool failed = false;
  std::string line;
  for (const auto& file : expand(vm["file"].as<std::vector<std::string>>())) {
    try {
      ParseResult result = parse_minutes_file(file, parse_options);
      for (const auto& warning : result.warnings) {
        std::fprintf(stderr, "search-indexer parse: warning: %s\n", warning.c_str());
      }
      for (const auto& record : result.records) {
        if (json) {
          line.clear();
          append_record_json(record, line);
          line.push_back('\n');
          std::fwrite(line.data(), 1, line.size(), stdout);
        } else {
          print_human(record);
        }
      }
      records += result.records.size();
    } catch (const Error& e) {
      std::fprintf(stderr, "search-indexer parse: error: %s\n", e.what());
      failed = true;
    }
  }
  std::fflush(stdout);
  if (failed) return 2;
  return records > 0 ? 0 : 1;
}

}  // namespace search::indexer
