// minutes-bench: throughput of the minutes parser (parse_minutes_text), one call per file as
// the indexer makes them.
//   minutes-bench [DIR...] [--rounds N]
// Parses every .txt and .md file under the directories (e.g. the output of search-gen-corpus)
// or, without one, the five corpus seeds repeated to about 16 MB. Files are read into memory
// first; the time is this thread's CPU time (on a shared machine wall time measures the
// neighbours too). Prints MB/s and records/s.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <time.h>

#include <search/error.h>
#include <search/minutes.h>

namespace {

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

struct Input {
  std::string name;
  std::string text;
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Input> read_tree(const std::string& dir) {
  std::vector<Input> inputs;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".txt" || ext == ".md")) {
      inputs.push_back({entry.path().string(), read_file(entry.path())});
    }
  }
  std::sort(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) { return a.name < b.name; });
  return inputs;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 3;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--help") == 0) {
      std::printf("usage: minutes-bench [DIR...] [--rounds N]\n");
      return 0;
    } else {
      dirs.push_back(argv[i]);
    }
  }
  std::vector<Input> inputs;
  if (dirs.empty()) {
    std::vector<Input> seeds = read_tree(std::string(SEARCH_CORPUS_DIR) + "/seeds");
    std::size_t bytes = 0;
    while (!seeds.empty() && bytes < (16u << 20)) {
      for (const auto& seed : seeds) {
        inputs.push_back(seed);
        bytes += seed.text.size();
      }
    }
  }
  for (const auto& dir : dirs) {
    auto found = read_tree(dir);
    inputs.insert(inputs.end(), found.begin(), found.end());
  }
  std::size_t bytes = 0;
  for (const auto& input : inputs) bytes += input.text.size();
  if (bytes == 0) {
    std::fprintf(stderr, "minutes-bench: no .txt or .md input\n");
    return 1;
  }
  std::size_t records = 0, failures = 0;
  double start = thread_cpu_seconds();
  for (int round = 0; round < rounds; ++round) {
    for (const auto& input : inputs) {
      try {
        records += search::parse_minutes_text(input.text, input.name).records.size();
      } catch (const search::Error&) {
        ++failures;
      }
    }
  }
  double seconds = thread_cpu_seconds() - start;
  double mb = double(bytes) * rounds / 1e6;
  std::printf("minutes-bench: %zu files, %.1f MB x %d rounds, %zu records, %zu errors\n",
              inputs.size(), double(bytes) / 1e6, rounds, records / rounds, failures / rounds);
  std::printf("minutes-bench: %.3f s CPU: %.1f MB/s, %.0f records/s (one thread)\n", seconds,
              mb / seconds, double(records) / seconds);
  return 0;
}
