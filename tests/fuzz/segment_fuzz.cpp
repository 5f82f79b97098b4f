// Fuzz target for the index reader fed damaged index files. At start-up it writes a small
// index (one segment of every file kind, a tombstone file, a manifest) to a temporary
// directory and records what a few queries, find() and check_index give on it. An input is
// one selector byte (which file of the index, by sorted name, modulo the file count) and the
// bytes that replace that file. Opening, querying and checking the damaged index must
// throw search::Error, or succeed with exactly the answers of the undamaged index (the
// checksums make any other answer a silent wrong answer). A crash, another exception or a
// different answer aborts.
//
// A selector byte with the 0x80 bit set means "resealed": the bytes are a header and body
// only, and the target appends a correct page table and footer (file_format.h), so that
// mutations reach the decoders behind the checksums. A resealed file may decode to other
// answers (it is a valid file with other content), so then only a crash, a hang or another
// exception aborts.
//
// Segment ids are random (file_format.h); the fixture rewrites its index with fixed ids so that
// the files, and so the checked-in corpus, are the same on every run.
//
// With SEGMENT_FUZZ_SEEDS=<dir> set, the target writes one seed per file (the undamaged
// bytes) into <dir> at start-up: that is how tests/fuzz/corpus/segment was made.
#include <search/error.h>
#include <search/index_reader.h>
#include <search/index_writer.h>
#include <search/record.h>
#include <search/searcher.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "index/crc32c.h"
#include "index/file_format.h"
#include "index/manifest.h"

namespace {

namespace fs = std::filesystem;

const char* const kQueries[] = {
    "socialområdet", "borgere OR plan", "\"psykisk arbejdsmiljø\"", "udvalg:KB",
    "år:2022 -lukket", "plan*", "beslutning:godkendt budget", "sag:22/6043",
};

void require(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "segment_fuzz: %s\n", what.c_str());
    std::abort();
  }
}

search::Record make_record(int i) {
  static const char* const kWords[] = {"borgere", "socialområdet", "plan", "budget", "skole",
                                       "psykisk", "arbejdsmiljø", "strategi", "ældre", "børn"};
  auto text = [&](int n, int salt) {
    std::string t;
    for (int k = 0; k < n; ++k) t += std::string(k ? " " : "") + kWords[(i * 7 + k * salt) % 10];
    return t;
  };
  search::Record r;
  r.id = "r" + std::to_string(i);
  r.title = text(3, 3);
  r.case_number = i % 3 == 0 ? "22/6043" : "23/" + std::to_string(7000 + i);
  r.access = i % 4 == 0 ? "Lukket Sag" : "Åben Sag";
  r.route = {"ØK", "KB"};
  search::Decision d;
  d.committee = i % 2 ? "Økonomiudvalget" : "Kommunalbestyrelsen";
  d.committee_abbrev = i % 2 ? "ØK" : "KB";
  d.date = i % 2 ? "2022-05-17" : "2023-09-12";
  d.outcome = i % 3 ? search::Outcome::kGodkendt : search::Outcome::kDroeftet;
  d.outcome_raw = "Godkendt";
  d.text = text(6, 5);
  r.decisions.push_back(d);
  r.sections.push_back({"Sagsfremstilling", text(40, 3) + " psykisk arbejdsmiljø"});
  r.municipality = "Norddjurs Kommune";
  r.source = "minutes/" + r.id + ".txt";
  return r;
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>(v >> (8 * i));
}

// Header + body -> a whole file with a valid page table and footer.
std::string reseal(std::string_view head_and_body) {
  using search::index::crc32c;
  std::string file(head_and_body), table;
  for (std::size_t at = 0; at < file.size(); at += search::index::kPageSize) {
    put_u32(table, crc32c(file.data() + at, std::min(search::index::kPageSize, file.size() - at)));
  }
  std::string tail = table;
  const std::uint64_t body_end = file.size();
  put_u32(tail, static_cast<std::uint32_t>(body_end));
  put_u32(tail, static_cast<std::uint32_t>(body_end >> 32));
  put_u32(tail, static_cast<std::uint32_t>(table.size() / 4));
  put_u32(tail, crc32c(tail.data(), tail.size()));
  tail.append("LSIXEND", 8);
  return file + tail;
}

// The header and body of a whole file (what reseal() takes).
std::string_view unsealed(std::string_view file) {
  if (file.size() < search::index::kFileFooterSize) return file;
  std::string_view footer = file.substr(file.size() - search::index::kFileFooterSize);
  std::uint64_t body_end = 0;
  for (int i = 7; i >= 0; --i) body_end = (body_end << 8) | static_cast<unsigned char>(footer[i]);
  return file.substr(0, std::min<std::uint64_t>(body_end, file.size()));
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_bytes(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Everything the queries, find() and check_index say, as one string.
std::string answers(const std::string& dir) {
  auto reader = search::IndexReader::open(dir);
  search::Searcher searcher(*reader);
  std::string out = std::to_string(reader->document_count()) + "\n";
  search::SearchOptions options;
  options.limit = 5;
  for (const char* query : kQueries) {
    auto results = searcher.search(query, options);
    out += std::string(query) + " " + std::to_string(results.total) + ":";
    for (const auto& hit : results.hits) out += " " + hit.id + "/" + hit.title + "/" + hit.snippet.text;
    for (const auto& f : results.facets.committee) out += " " + f.value + "=" + std::to_string(f.count);
    out += "\n";
  }
  for (const char* id : {"r1", "r3", "r40"}) {
    auto record = reader->find(id);
    out += record ? record->title + "|" + record->sections.at(0).text + "\n" : "-\n";
  }
  out += std::to_string(search::check_index(dir).documents) + "\n";
  return out;
}

struct Fixture {
  fs::path original;
  fs::path work;
  std::vector<std::string> files;  // sorted, without LOCK
  std::vector<std::string> contents;  // the undamaged bytes of each file
  std::string baseline;

  Fixture() {
    char pattern[] = "/tmp/segment_fuzz.XXXXXX";
    require(mkdtemp(pattern) != nullptr, "mkdtemp failed");
    fs::path root(pattern);
    original = root / "index";
    work = root / "work";
    build();
    for (const auto& e : fs::directory_iterator(original)) {
      if (e.path().filename() != "LOCK") files.push_back(e.path().filename().string());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) contents.push_back(read_bytes(original / file));
    fs::copy(original, work);
    baseline = answers(work.string());
    if (const char* seeds = std::getenv("SEGMENT_FUZZ_SEEDS")) write_seeds(seeds);
  }

  ~Fixture() { fs::remove_all(original.parent_path()); }

  void build() const {
    search::WriterOptions options;
    options.threads = 1;  // one segment: one file of each kind
    options.merge_policy.enabled = false;
    auto writer = search::IndexWriter::open(original.string(), options);
    for (int i = 0; i < 60; ++i) writer->add(make_record(i));
    writer->commit();
    writer->remove("r3");
    writer->commit();
    writer.reset();
    fix_segment_ids();
  }

  // Rewrites every segment's files (header id, resealed) and the manifest with the id
  // 0x5345474d454e5400 + the segment's position.
  void fix_segment_ids() const {
    using namespace search::index;
    search::Env* env = search::Env::posix();
    Manifest m = read_manifest(env, original.string(), list_generations(env, original.string()).back());
    for (std::size_t i = 0; i < m.segments.size(); ++i) {
      SegmentEntry& e = m.segments[i];
      e.id = 0x5345474d454e5400ull + i;
      std::vector<std::string> names;
      for (const char* ext : kSegmentExtensions) names.push_back(e.name + "." + ext);
      if (!e.tombstones.empty()) names.push_back(e.tombstones);
      for (const auto& name : names) {
        std::string bytes(unsealed(read_bytes(original / name)));
        for (int b = 0; b < 8; ++b) bytes[16 + b] = static_cast<char>(e.id >> (8 * b));
        write_bytes(original / name, reseal(bytes));
      }
    }
    write_manifest(env, original.string(), m);
  }

  void write_seeds(const std::string& dir) const {
    fs::create_directories(dir);
    for (std::size_t i = 0; i < files.size(); ++i) {
      write_bytes(fs::path(dir) / ("seed-" + files[i]), std::string(1, static_cast<char>(i)) + contents[i]);
      write_bytes(fs::path(dir) / ("seed-resealed-" + files[i]),
                  std::string(1, static_cast<char>(i | 0x80)) + std::string(unsealed(contents[i])));
    }
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Fixture& f = fixture();
  if (size == 0) return 0;
  const std::size_t index = (data[0] & 0x7f) % f.files.size();
  const bool resealed = (data[0] & 0x80) != 0;
  const std::string& file = f.files[index];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  write_bytes(f.work / file, resealed ? reseal(bytes) : std::string(bytes));
  try {
    const std::string got = answers(f.work.string());
    require(resealed || got == f.baseline, "damaged " + file + " gave a different answer without an error");
  } catch (const search::Error& e) {
    // The message must say which file is at fault (the manifest names the others). A
    // resealed manifest may validly name files that do not exist: those are named instead.
    require(resealed || std::string(e.what()).find(file) != std::string::npos ||
                std::string(e.what()).find("MANIFEST") != std::string::npos ||
                std::string(e.what()).find("manifest") != std::string::npos,
            "error does not name " + file + ": " + e.what());
  }
  // Not fs::copy_file: libFuzzer's timer signal can interrupt it (EINTR); streams retry.
  write_bytes(f.work / file, f.contents[index]);
  return 0;
}
