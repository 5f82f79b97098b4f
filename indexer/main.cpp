// search-indexer: builds and maintains libsearch indexes from minutes files.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string_view>

#include <search/error.h>

#include "commands.h"

namespace {

struct Command {
  std::string_view name;
  int (*run)(int argc, char** argv);
  std::string_view summary;
};

int run_version(int, char**) {
  std::printf("search-indexer %s\n", SEARCH_VERSION);
  return 0;
}

constexpr Command kCommands[] = {
    {"version", run_version, "print the version"},
    {"build", search::indexer::run_build, "index minutes files into a new index"},
    {"add", search::indexer::run_add, "add or replace the records of minutes files, and commit"},
    {"delete", search::indexer::run_delete, "delete records by id, and commit"},
    {"merge", search::indexer::run_merge, "merge an index into one segment"},
    {"stats", search::indexer::run_stats, "print an index's size, documents and terms"},
    {"check", search::indexer::run_check, "verify every checksum and structure of an index"},
    {"parse", search::indexer::run_parse, "print the decision records read from minutes files"},
    {"daemon", search::indexer::run_daemon, "watch an inbox and index the minutes dropped into it"},
    {"rebuild", search::indexer::run_rebuild, "build a new index and switch the live one to it atomically"},
    {"export", search::indexer::run_export, "write an index as a Xapian database"},
};

void print_usage(std::FILE* out) {
  std::fprintf(out, "usage: search-indexer COMMAND [OPTIONS]\n\ncommands:\n");
  for (const auto& command : kCommands) {
    std::fprintf(out, "  %-10.*s %.*s\n", static_cast<int>(command.name.size()),
                 command.name.data(), static_cast<int>(command.summary.size()),
                 command.summary.data());
  }
  std::fprintf(out, "\n'search-indexer COMMAND --help' describes a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stderr);
    return 2;
  }
  std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(stdout);
    return 0;
  }
  for (const auto& command : kCommands) {
    if (command.name != name) continue;
    try {
      return command.run(argc - 1, argv + 1);
    } catch (const search::Error& e) {
      std::fprintf(stderr, "search-indexer %s: error: %s\n", argv[1], e.what());
      return 2;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "search-indexer %s: error: %s\n", argv[1], e.what());
      return 2;
    }
  }
  std::fprintf(stderr, "search-indexer: unknown command '%s'\n\n", argv[1]);
  print_usage(stderr);
  return 2;
}
