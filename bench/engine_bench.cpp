// bench-engine: the whole engine against Xapian 1.4 on the generator's output, in one run.
//
//   bench-engine --decisions N [--seed S] [--work DIR] [--corpus DIR] [--queries Q] [--reps R]
//                [--cold-reps C] [--no-termgen | --only-termgen] [--keep] [--json FILE] [--quick]
//
// Steps (each build runs as a child process, timed by wall clock, peak memory from wait4):
//   1. corpus      search-gen-corpus --decisions N --seed S (skipped with --corpus DIR)
//   2. ours        search-indexer build --merge (both cores), then its size on disk
//   3. xapian-same search-indexer export --no-compact: Xapian glass with exactly our terms,
//                  positions, values and records; then xapian-compact of it
//   4. xapian-tg   Xapian indexing the same files through its own TermGenerator (Danish
//                  stemmer, STEM_SOME, positions, record JSON as data, one core): the peer
//                  the index issue measured; then xapian-compact of it
//   5. queries     seven classes generated from the index's own term statistics (seeded), on
//                  our index and on the compacted xapian-same database (same terms, same
//                  match semantics through export/xapian_query.h): top-10, BM25, exact totals
//                  on both (Xapian: check_at_least = doccount), facets on the facet class
//                  (Xapian: match spies over the whole match set). Warm: median/p95/p99 over
//                  repeated runs of every query. Cold: every file of the index evicted from
//                  the page cache (posix_fadvise DONTNEED; /proc/sys/vm/drop_caches when
//                  writable) and the index opened afresh before each query: open + query.
//                  Totals are compared on every query, whole match sets on a sample.
//   6. cold start  fork/exec of search-query --limit 10 QUERY to its exit (warm page cache).
// The Xapian queries are translated before timing (translation scans Xapian's term list for
// phrase inflections, a cost of our translation, not of Xapian).
// --quick: a tiny corpus and few repetitions, seconds; proves the benchmark runs (ctest).
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <search/analyzer.h>
#include <search/error.h>
#include <search/index_reader.h>
#include <search/minutes.h>
#include <search/query.h>
#include <search/record_json.h>
#include <search/searcher.h>

#include "export/xapian_export.h"
#include "bench_commit.h"
#include "machine_facts.h"
#include "export/xapian_query.h"

#ifndef SEARCH_GIT_COMMIT
#define SEARCH_GIT_COMMIT "unknown"
#endif
#ifndef SEARCH_CXX_FLAGS
#define SEARCH_CXX_FLAGS "unknown"
#endif

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Options {
  std::uint64_t decisions = 20000;
  unsigned seed = 1;
  std::string work;
  std::string corpus;
  std::string bin;
  std::string json;
  int queries = 40;     // per class
  int reps = 5;         // warm runs of each query
  int cold_reps = 1;    // cold runs of each query
  int start_reps = 20;  // search-query cold starts
  bool termgen = true;
  bool only_termgen = false;  // only the TermGenerator build (its own run, JSON merged by make-results)
  bool keep = false;
  bool quick = false;
  std::string dump_queries;  // write "class<TAB>query" lines here (for profiling a query loop)
  bool reuse = false;  // keep the work dir's indexes from an earlier --keep run (query work only)
};

// ---- Machine facts ----

using search::bench::cpu_model;

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", std::gmtime(&t));
  return buf;
}

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

// ---- Child processes ----

struct ChildRun {
  double seconds = 0;
  double peak_mb = 0;
  double cpu_seconds = 0;
  int status = 0;
};

// Runs argv as a child (stdout to /dev/null unless keep_stdout), waits, returns wall time,
// peak resident memory and CPU time of the child.
ChildRun run_child(const std::vector<std::string>& argv, bool quiet = true) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  auto start = Clock::now();
  pid_t pid = fork();
  if (pid < 0) throw search::Error(search::ErrorCode::kIo, "fork failed for " + argv[0]);
  if (pid == 0) {
    if (quiet) {
      int fd = open("/dev/null", O_WRONLY);
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  ChildRun r;
  r.seconds = ms_since(start) / 1000.0;
  r.peak_mb = static_cast<double>(ru.ru_maxrss) / 1024.0;
  r.cpu_seconds = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                  static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

ChildRun run_checked(const std::vector<std::string>& argv, const char* what) {
  ChildRun r = run_child(argv, true);
  if (r.status != 0) {
    std::string cmd;
    for (const std::string& a : argv) cmd += a + " ";
    throw search::Error(search::ErrorCode::kIo, std::string(what) + " failed (exit " + std::to_string(r.status) +
                                                    "): " + cmd);
  }
  return r;
}

struct DirSize {
  std::uint64_t bytes = 0;  // sum of file sizes
  std::uint64_t disk = 0;   // allocated blocks
};

DirSize dir_size(const std::string& dir) {
  DirSize s;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    struct stat st{};
    if (stat(e.path().c_str(), &st) == 0) {
      s.bytes += static_cast<std::uint64_t>(st.st_size);
      s.disk += static_cast<std::uint64_t>(st.st_blocks) * 512;
    }
  }
  return s;
}

// ---- Page cache eviction ----

bool drop_caches_works() {
  int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
  if (fd < 0) return false;
  sync();
  bool ok = write(fd, "3", 1) == 1;
  close(fd);
  return ok;
}

void evict(const std::vector<std::string>& dirs, bool use_drop_caches) {
  if (use_drop_caches && drop_caches_works()) return;
  for (const std::string& dir : dirs) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (!e.is_regular_file()) continue;
      int fd = open(e.path().c_str(), O_RDONLY);
      if (fd < 0) continue;
      fdatasync(fd);
      posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
      close(fd);
    }
  }
}

// ---- Xapian indexing through its own TermGenerator (the peer the index issue measured) ----

std::vector<std::string> corpus_files(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string ext = e.path().extension().string();
    if (ext == ".md" || ext == ".txt") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

int xapian_termgen_main(const std::string& corpus, const std::string& out) {
  Xapian::WritableDatabase db(out, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("danish"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  search::ParseOptions po;
  po.id_root = corpus;
  std::uint64_t docs = 0;
  for (const std::string& file : corpus_files(corpus)) {
    search::ParseResult parsed = search::parse_minutes_file(file, po);
    for (const search::Record& r : parsed.records) {
      Xapian::Document doc;
      doc.set_data(search::record_to_json(r));
      tg.set_document(doc);
      tg.index_text(r.title, 1, "S");
      tg.index_text(r.title);
      for (const search::Section& s : r.sections) {
        tg.increase_termpos();
        tg.index_text(s.heading);
        tg.index_text(s.text);
      }
      for (const search::Decision& d : r.decisions) {
        tg.increase_termpos();
        tg.index_text(d.text);
        if (!d.committee_abbrev.empty()) doc.add_boolean_term("XC" + d.committee_abbrev);
        doc.add_boolean_term("XO" + std::string(search::outcome_name(d.outcome)));
        if (!d.date.empty()) doc.add_boolean_term("XD" + d.date);
      }
      if (!r.case_number.empty()) doc.add_boolean_term("XK" + r.case_number);
      if (!r.decisions.empty() && !r.decisions.back().date.empty()) {
        std::string date = r.decisions.back().date;
        date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
        doc.add_value(0, date);
        doc.add_value(1, date.substr(0, 4));
      }
      doc.add_boolean_term("Q" + r.id);
      db.replace_document("Q" + r.id, doc);
      ++docs;
    }
  }
  db.commit();
  std::printf("%llu\n", static_cast<unsigned long long>(docs));
  return 0;
}

// ---- Facet values on the exported database (bench preparation, untimed) ----

// Slots the bench adds to its copy of the export: every outcome and committee of a
// document (its XO / XC terms) as a serialised string list, for the match spies.
constexpr unsigned kSlotOutcomes = 10;
constexpr unsigned kSlotCommittees = 11;

void add_facet_values(const std::string& db_path) {
  Xapian::WritableDatabase db(db_path, Xapian::DB_OPEN);
  std::vector<Xapian::docid> ids;
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) ids.push_back(*it);
  for (Xapian::docid did : ids) {
    Xapian::Document doc = db.get_document(did);
    std::vector<std::string> outcomes, committees;
    for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      std::string term = *t;
      if (term.rfind("XO", 0) == 0) outcomes.push_back(term.substr(2));
      if (term.rfind("XC", 0) == 0) committees.push_back(term.substr(2));
    }
    auto serialise = [](const std::vector<std::string>& v) {
      std::string s;
      for (const std::string& x : v) {
        s += x;
        s += '\0';
      }
      return s;
    };
    doc.add_value(kSlotOutcomes, serialise(outcomes));
    doc.add_value(kSlotCommittees, serialise(committees));
    db.replace_document(did, doc);
  }
  db.commit();
}

// Counts every value of a multi-valued slot (NUL-separated list) over the match set.
class MultiValueCountSpy : public Xapian::MatchSpy {
 public:
  explicit MultiValueCountSpy(unsigned slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override {
    std::string v = doc.get_value(slot_);
    std::size_t start = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] == '\0') {
        ++counts_[v.substr(start, i - start)];
        start = i + 1;
      }
    }
  }
  const std::map<std::string, std::uint64_t>& counts() const { return counts_; }

 private:
  unsigned slot_;
  std::map<std::string, std::uint64_t> counts_;
};

// ---- Query generation from term statistics ----

struct TermStat {
  std::string term;
  std::uint64_t df;
};

bool plain_word(const std::string& t) {
  if (t.size() < 3 || t.size() > 20) return false;
  for (unsigned char c : t) {
    if ((c < 'a' || c > 'z') && c < 0x80) return false;  // letters only (UTF-8 letters pass)
  }
  return true;
}

struct QueryClass {
  std::string name;
  std::string description;
  bool facets = false;
  std::vector<std::string> queries;
};

class QueryGenerator {
 public:
  QueryGenerator(const Xapian::Database& db, const search::Analyzer& analyzer, unsigned seed)
      : db_(db), analyzer_(analyzer), rng_(seed), docs_(db.get_doccount()) {
    for (Xapian::TermIterator it = db.allterms_begin(); it != db.allterms_end(); ++it) {
      std::string t = *it;
      if (!plain_word(t) || analyzer.is_stopword(t)) continue;
      std::uint64_t df = it.get_termfreq();
      double f = static_cast<double>(df) / static_cast<double>(docs_);
      if (f >= 0.2) common_.push_back({t, df});
      if (f >= 0.01 && f <= 0.05) mid_.push_back({t, df});
      // Rare: at most 0.1% of the documents (at least 5 on tiny corpora), in 2 or more.
      if (df >= 2 && static_cast<double>(df) <= std::max(0.001 * static_cast<double>(docs_), 5.0)) rare_.push_back({t, df});
    }
  }

  std::string pick(const std::vector<TermStat>& v) {
    if (v.empty()) throw search::Error(search::ErrorCode::kInvalidArgument, "no terms of a frequency class");
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng_)].term;
  }

  // Two adjacent words of a random document; both common if `common`.
  std::string phrase(bool common) {
    std::set<std::string> common_set;
    for (const TermStat& t : common_) common_set.insert(t.term);
    for (int attempt = 0; attempt < 200; ++attempt) {
      Xapian::docid did = std::uniform_int_distribution<Xapian::docid>(1, db_.get_lastdocid())(rng_);
      std::map<Xapian::termpos, std::string> words;
      try {
        for (Xapian::TermIterator t = db_.termlist_begin(did); t != db_.termlist_end(did); ++t) {
          std::string term = *t;
          if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
          for (Xapian::PositionIterator p = t.positionlist_begin(); p != t.positionlist_end(); ++p) words[*p] = term;
        }
      } catch (const Xapian::DocNotFoundError&) {
        continue;
      }
      std::vector<std::string> found;
      for (auto it = words.begin(); it != words.end(); ++it) {
        auto next = std::next(it);
        if (next == words.end() || next->first != it->first + 1) continue;
        const std::string& a = it->second;
        const std::string& b = next->second;
        if (!plain_word(a) || !plain_word(b)) continue;
        bool both_common = common_set.count(a) && common_set.count(b);
        if (common ? both_common : (!analyzer_.is_stopword(a) && !analyzer_.is_stopword(b) && !both_common)) {
          found.push_back("\"" + a + " " + b + "\"");
        }
      }
      if (!found.empty()) return found[std::uniform_int_distribution<std::size_t>(0, found.size() - 1)(rng_)];
    }
    throw search::Error(search::ErrorCode::kInvalidArgument, "no phrase found in 200 documents");
  }

  std::string facet_query() {
    static const char* kCommittees[] = {"KB", "ØK", "BUU", "VPU", "TMU", "KFU", "EPU", "HU", "OMU"};
    std::string c = kCommittees[std::uniform_int_distribution<int>(0, 8)(rng_)];
    int y = std::uniform_int_distribution<int>(2005, 2022)(rng_);
    int span = std::uniform_int_distribution<int>(1, 4)(rng_);
    char buf[96];
    std::snprintf(buf, sizeof buf, "udvalg:%s dato:%d-01-01..%d-12-31", c.c_str(), y, y + span - 1);
    return buf;
  }

  std::vector<QueryClass> generate(int n) {
    std::vector<QueryClass> classes = {
        {"and2_mid", "2-term AND, mid-frequency (1-5% of documents each)", false, {}},
        {"common_rare", "common (>=20%) AND rare (<=0.1%)", false, {}},
        {"and3", "3-term AND (mid, mid, common)", false, {}},
        {"phrase", "phrase of two adjacent words (not both common)", false, {}},
        {"filter_facets", "committee filter + date range, facets committee/year/outcome", true, {}},
        {"common2_count", "common AND common, exact count", false, {}},
        {"phrase_common", "phrase of two common words, exact count", false, {}},
    };
    for (int i = 0; i < n; ++i) {
      classes[0].queries.push_back(pick(mid_) + " " + pick(mid_));
      classes[1].queries.push_back(pick(common_) + " " + pick(rare_));
      classes[2].queries.push_back(pick(mid_) + " " + pick(mid_) + " " + pick(common_));
      classes[3].queries.push_back(phrase(false));
      classes[4].queries.push_back(facet_query());
      classes[5].queries.push_back(pick(common_) + " " + pick(common_));
      classes[6].queries.push_back(phrase(true));
    }
    return classes;
  }

  std::size_t common() const { return common_.size(); }
  std::size_t mid() const { return mid_.size(); }
  std::size_t rare() const { return rare_.size(); }

 private:
  const Xapian::Database& db_;
  const search::Analyzer& analyzer_;
  std::mt19937_64 rng_;
  std::uint64_t docs_;
  std::vector<TermStat> common_, mid_, rare_;
};

// ---- Timing ----

struct Percentiles {
  double p50 = 0, p95 = 0, p99 = 0;
  std::size_t n = 0;
};

Percentiles percentiles(std::vector<double> v) {
  Percentiles p;
  p.n = v.size();
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    std::size_t i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size()))) - 1;
    return v[std::min(i, v.size() - 1)];
  };
  p.p50 = at(0.50);
  p.p95 = at(0.95);
  p.p99 = at(0.99);
  return p;
}

struct ClassResult {
  std::string name, description;
  std::vector<std::string> queries;
  Percentiles ours_warm, xap_warm, ours_cold, xap_cold;
  double mean_total = 0;
  std::size_t totals_equal = 0, totals_checked = 0, sets_equal = 0, sets_checked = 0;
};

std::uint64_t xapian_run(const Xapian::Database& db, const Xapian::Query& q, bool facets, std::size_t* facet_values) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  Xapian::ValueCountMatchSpy years(search::xapian_export::kSlotYear);
  MultiValueCountSpy outcomes(kSlotOutcomes), committees(kSlotCommittees);
  if (facets) {
    enquire.add_matchspy(&years);
    enquire.add_matchspy(&outcomes);
    enquire.add_matchspy(&committees);
  }
  Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
  if (facet_values) *facet_values = years.get_total() + outcomes.counts().size() + committees.counts().size();
  return mset.get_matches_estimated();
}

std::vector<std::uint64_t> xapian_match_set(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
  std::vector<std::uint64_t> ids;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it - 1);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// ---- Report ----

struct Report {
  std::string header_json;
  std::vector<std::pair<std::string, std::string>> builds;  // name -> json object
  std::string queries_json;
  std::string cold_start_json;
  std::string notes_json;

  void write(const std::string& path) const {
    if (path.empty()) return;
    std::ofstream out(path);
    out << "{\n" << header_json << ",\n  \"builds\": {";
    for (std::size_t i = 0; i < builds.size(); ++i) {
      out << (i ? ",\n    " : "\n    ") << "\"" << builds[i].first << "\": " << builds[i].second;
    }
    out << "\n  }";
    if (!queries_json.empty()) out << ",\n  \"queries\": " << queries_json;
    if (!cold_start_json.empty()) out << ",\n  \"cold_start\": " << cold_start_json;
    out << "\n}\n";
  }
};

std::string build_json(const ChildRun& r, std::uint64_t docs, const DirSize& size, const DirSize* compacted,
                       double compact_seconds) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "{\"seconds\": %.3f, \"cpu_seconds\": %.3f, \"decisions\": %llu, \"decisions_per_s\": %.1f, "
                "\"peak_mb\": %.1f, \"bytes\": %llu, \"disk_bytes\": %llu",
                r.seconds, r.cpu_seconds, static_cast<unsigned long long>(docs),
                static_cast<double>(docs) / r.seconds, r.peak_mb, static_cast<unsigned long long>(size.bytes),
                static_cast<unsigned long long>(size.disk));
  std::string s = buf;
  if (compacted) {
    std::snprintf(buf, sizeof buf, ", \"compacted_bytes\": %llu, \"compacted_disk_bytes\": %llu, \"compact_seconds\": %.3f",
                  static_cast<unsigned long long>(compacted->bytes), static_cast<unsigned long long>(compacted->disk),
                  compact_seconds);
    s += buf;
  }
  return s + "}";
}

std::string pct_json(const Percentiles& p) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "{\"p50_ms\": %.4f, \"p95_ms\": %.4f, \"p99_ms\": %.4f, \"n\": %zu}", p.p50, p.p95,
                p.p99, p.n);
  return buf;
}

double mb(std::uint64_t b) { return static_cast<double>(b) / 1e6; }

std::string self_exe() { return fs::read_symlink("/proc/self/exe").string(); }

std::string find_bin(const Options& o, const std::string& name) {
  std::vector<std::string> dirs;
  if (!o.bin.empty()) dirs.push_back(o.bin);
  dirs.push_back(fs::path(self_exe()).parent_path().string());
  for (const std::string& d : dirs) {
    fs::path p = fs::path(d) / name;
    if (fs::exists(p)) return p.string();
  }
  throw search::Error(search::ErrorCode::kNotFound, name + " not found beside bench-engine (use --bin DIR)");
}

std::string which(const std::string& name) {
  for (const char* d : {"/usr/bin", "/usr/local/bin", "/bin"}) {
    fs::path p = fs::path(d) / name;
    if (fs::exists(p)) return p.string();
  }
  return {};
}

struct TermgenBuild {
  ChildRun run;
  std::uint64_t docs = 0;
  DirSize size, compacted;
};

// Xapian indexing the corpus through its own TermGenerator in a child process, then
// xapian-compact; adds "xapian_termgen" to the report and deletes the databases unless --keep.
TermgenBuild termgen_build(const Options& o, const std::string& corpus, const std::string& work,
                           const std::string& compact_bin, Report* report) {
  const std::string xtg = work + "/xapian-termgen", xtg_c = work + "/xapian-termgen-compact";
  fs::remove_all(xtg);
  fs::remove_all(xtg_c);
  std::fprintf(stderr, "xapian TermGenerator indexing (one core)...\n");
  TermgenBuild b;
  b.run = run_checked({self_exe(), "--xapian-termgen", corpus, xtg}, "xapian termgen");
  b.docs = Xapian::Database(xtg).get_doccount();
  b.size = dir_size(xtg);
  ChildRun c = run_checked({compact_bin, xtg, xtg_c}, "xapian-compact");
  b.compacted = dir_size(xtg_c);
  report->builds.emplace_back("xapian_termgen", build_json(b.run, b.docs, b.size, &b.compacted, c.seconds));
  report->write(o.json);
  if (!o.keep) {
    fs::remove_all(xtg);
    fs::remove_all(xtg_c);
  }
  return b;
}

int run(const Options& o) {
  Report report;
  const std::string work = o.work.empty() ? (fs::temp_directory_path() / ("bench-engine-" + std::to_string(getpid()))).string()
                                          : o.work;
  fs::create_directories(work);
  const bool drop = drop_caches_works();
  const std::string cold_method = drop ? "echo 3 > /proc/sys/vm/drop_caches before each cold query"
                                       : "posix_fadvise(POSIX_FADV_DONTNEED) on every index file before each cold query "
                                         "(drop_caches not permitted here)";
  std::printf("# bench-engine%s\n", o.quick ? " --quick (smoke run: numbers mean nothing)" : "");
  std::printf("commit:    %s\n", search::bench::commit().c_str());
  std::printf("compiler:  gcc %s\n", __VERSION__);
  std::printf("flags:     %s\n", SEARCH_CXX_FLAGS);
  std::printf("cpu:       %s, %ld cores\n", cpu_model().c_str(), sysconf(_SC_NPROCESSORS_ONLN));
  std::printf("date:      %s\n", utc_now().c_str());
  std::printf("xapian:    %s (glass)\n", Xapian::version_string());
  std::printf("corpus:    search-gen-corpus --decisions %llu --seed %u\n", static_cast<unsigned long long>(o.decisions),
              o.seed);
  std::printf("cold:      %s; cold = open the index + run the query\n", cold_method.c_str());
  std::printf("timer:     wall clock; warm: median/p95/p99 over %d runs of %d queries per class\n", o.reps, o.queries);
  char hdr[2048];
  std::snprintf(hdr, sizeof hdr,
                "  \"benchmark\": \"bench-engine\",\n  \"quick\": %s,\n  \"commit\": \"%s\",\n  \"compiler\": \"gcc %s\",\n"
                "  \"flags\": \"%s\",\n  \"cpu\": \"%s\",\n  \"cores\": %ld,\n  \"date\": \"%s\",\n  \"xapian\": \"%s\",\n"
                "  \"decisions\": %llu,\n  \"seed\": %u,\n  \"queries_per_class\": %d,\n  \"warm_reps\": %d,\n"
                "  \"cold_method\": \"%s\"",
                o.quick ? "true" : "false", json_escape(search::bench::commit()).c_str(), json_escape(__VERSION__).c_str(),
                json_escape(SEARCH_CXX_FLAGS).c_str(), json_escape(cpu_model()).c_str(), sysconf(_SC_NPROCESSORS_ONLN),
                utc_now().c_str(), Xapian::version_string(), static_cast<unsigned long long>(o.decisions), o.seed,
                o.queries, o.reps, json_escape(cold_method).c_str());
  report.header_json = hdr;
  std::string load;
  std::getline(std::ifstream("/proc/loadavg") >> std::ws, load);
  load = load.substr(0, load.find(' ', load.find(' ', load.find(' ') + 1) + 1));
  report.header_json += ",\n  \"loadavg\": \"" + load + "\"";
  std::printf("load:      %s (1, 5, 15 min at start; the machine may be shared)\n\n", load.c_str());

  // 1. Corpus.
  std::string corpus = o.corpus;
  if (corpus.empty()) {
    corpus = work + "/corpus";
    if (!fs::exists(corpus + "/manifest.tsv")) {
      fs::remove_all(corpus);
      std::fprintf(stderr, "generating %llu decisions...\n", static_cast<unsigned long long>(o.decisions));
      run_checked({find_bin(o, "search-gen-corpus"), "--decisions", std::to_string(o.decisions), "--seed",
                   std::to_string(o.seed), "--out", corpus},
                  "search-gen-corpus");
    }
  }
  std::uint64_t corpus_bytes = 0;
  for (const std::string& f : corpus_files(corpus)) corpus_bytes += fs::file_size(f);

  const std::string compact_bin = which("xapian-compact");
  if (compact_bin.empty()) throw search::Error(search::ErrorCode::kNotFound, "xapian-compact not installed (scripts/setup-deps)");
  if (o.only_termgen) {
    TermgenBuild tg = termgen_build(o, corpus, work, compact_bin, &report);
    std::printf("xapian TermGenerator: %llu decisions in %.1f s: %.0f decisions/s, peak %.0f MB, %.1f MB on disk, "
                "%.1f MB compacted\n",
                static_cast<unsigned long long>(tg.docs), tg.run.seconds, static_cast<double>(tg.docs) / tg.run.seconds,
                tg.run.peak_mb, mb(tg.size.disk), mb(tg.compacted.disk));
    return 0;
  }

  // 2. Our index.
  const std::string ours = work + "/ours";
  const std::string xsame = work + "/xapian-same", xsame_c = work + "/xapian-same-compact";
  // --reuse: both indexes from an earlier --keep run stand; their build rows are zero.
  const bool reuse = o.reuse && fs::exists(ours) && fs::exists(xsame_c);
  ChildRun ours_run;
  if (!reuse) {
    fs::remove_all(ours);
    std::fprintf(stderr, "search-indexer build...\n");
    ours_run = run_checked({find_bin(o, "search-indexer"), "build", "--merge", "--index", ours, corpus},
                           "search-indexer build");
  }
  std::uint64_t docs = search::IndexReader::open(ours)->document_count();
  DirSize ours_size = dir_size(ours);
  report.builds.emplace_back("ours", build_json(ours_run, docs, ours_size, nullptr, 0));
  report.write(o.json);

  // 3. Xapian with our terms (the export), compacted.
  ChildRun xsame_run, c1;
  DirSize xsame_size;
  if (!reuse) {
    fs::remove_all(xsame);
    fs::remove_all(xsame_c);
    std::fprintf(stderr, "search-indexer export...\n");
    xsame_run = run_checked(
        {find_bin(o, "search-indexer"), "export", "--no-compact", "--quiet", "--index", ours, "--xapian", xsame},
        "search-indexer export");
    xsame_size = dir_size(xsame);
    c1 = run_checked({compact_bin, xsame, xsame_c}, "xapian-compact");
  }
  DirSize xsame_c_size = dir_size(xsame_c);
  report.builds.emplace_back("xapian_same_terms", build_json(xsame_run, docs, xsame_size, &xsame_c_size, c1.seconds));
  fs::remove_all(xsame);
  report.write(o.json);

  std::printf("%-44s %9s %11s %9s %10s %12s\n", "index build", "seconds", "decisions/s", "peak MB", "disk MB",
              "compacted MB");
  auto build_row = [&](const char* name, const ChildRun& r, const DirSize& s, const DirSize* c) {
    std::printf("%-44s %9.1f %11.0f %9.0f %10.1f %12s\n", name, r.seconds, static_cast<double>(docs) / r.seconds,
                r.peak_mb, mb(s.disk), c ? std::to_string(static_cast<long long>(mb(c->disk) + 0.5)).c_str() : "-");
  };
  build_row("ours: search-indexer build --merge", ours_run, ours_size, nullptr);
  build_row("xapian: export of our terms (no compact)", xsame_run, xsame_size, &xsame_c_size);
  std::fflush(stdout);

  // 5. Queries (before the long TermGenerator build so that partial runs report them).
  search::SearcherOptions sopts;
  auto searcher = search::Searcher::open(ours, sopts);
  std::vector<ClassResult> results;
  {
    // Once per database: a reused one has its values already (the marker says so).
    const std::string values_done = work + "/xapian-facet-values-added";
    if (!reuse || !fs::exists(values_done)) {
      add_facet_values(xsame_c);
      std::ofstream(values_done) << "1\n";
    }
    Xapian::Database xdb(xsame_c);
    QueryGenerator gen(xdb, searcher->analyzer(), o.seed * 7919u + 17u);
    std::fprintf(stderr, "terms: %zu common, %zu mid, %zu rare\n", gen.common(), gen.mid(), gen.rare());
    std::vector<QueryClass> classes = gen.generate(o.queries);
    if (!o.dump_queries.empty()) {
      std::ofstream out(o.dump_queries);
      for (const QueryClass& qc : classes) {
        for (const std::string& q : qc.queries) out << qc.name << '\t' << q << '\n';
      }
    }
    for (QueryClass& qc : classes) {
      ClassResult cr;
      cr.name = qc.name;
      cr.description = qc.description;
      cr.queries = qc.queries;
      std::vector<Xapian::Query> xq;
      for (const std::string& q : qc.queries) {
        xq.push_back(search::xapian_export::to_xapian_query(search::parse_query(q), searcher->analyzer(), xdb));
      }
      search::SearchOptions so;
      so.limit = 10;
      so.load_fields = false;
      so.snippets = false;
      so.facets = qc.facets;
      // Correctness: totals on every query, match sets on the first few.
      double total_sum = 0;
      for (std::size_t i = 0; i < qc.queries.size(); ++i) {
        std::uint64_t ours_total = searcher->search(qc.queries[i], so).total;
        std::uint64_t x_total = xapian_run(xdb, xq[i], qc.facets, nullptr);
        total_sum += static_cast<double>(ours_total);
        ++cr.totals_checked;
        if (ours_total == x_total) ++cr.totals_equal;
        else std::fprintf(stderr, "TOTAL DIFFERS: %s: ours %llu xapian %llu\n", qc.queries[i].c_str(),
                          static_cast<unsigned long long>(ours_total), static_cast<unsigned long long>(x_total));
        if (i < 3) {
          ++cr.sets_checked;
          if (searcher->match_docids(qc.queries[i]) == xapian_match_set(xdb, xq[i])) ++cr.sets_equal;
          else std::fprintf(stderr, "MATCH SET DIFFERS: %s\n", qc.queries[i].c_str());
        }
      }
      cr.mean_total = total_sum / static_cast<double>(std::max<std::size_t>(1, qc.queries.size()));
      // Warm: interleave the engines per repetition.
      std::vector<double> ow, xw;
      for (int r = 0; r < o.reps; ++r) {
        for (std::size_t i = 0; i < qc.queries.size(); ++i) {
          auto t0 = Clock::now();
          volatile std::uint64_t a = searcher->search(qc.queries[i], so).total;
          ow.push_back(ms_since(t0));
          std::size_t fv = 0;
          t0 = Clock::now();
          volatile std::uint64_t b = xapian_run(xdb, xq[i], qc.facets, &fv);
          xw.push_back(ms_since(t0));
          (void)a;
          (void)b;
        }
      }
      cr.ours_warm = percentiles(ow);
      cr.xap_warm = percentiles(xw);
      results.push_back(std::move(cr));
      std::fprintf(stderr, "warm %s done\n", qc.name.c_str());
    }
    // Cold: evict, open afresh, run one query.
    for (std::size_t c = 0; c < classes.size(); ++c) {
      std::vector<double> oc, xc;
      std::vector<Xapian::Query> xq;
      for (const std::string& q : classes[c].queries) {
        xq.push_back(search::xapian_export::to_xapian_query(search::parse_query(q), searcher->analyzer(), xdb));
      }
      search::SearchOptions so;
      so.limit = 10;
      so.load_fields = false;
      so.snippets = false;
      so.facets = classes[c].facets;
      for (int r = 0; r < o.cold_reps; ++r) {
        for (std::size_t i = 0; i < classes[c].queries.size(); ++i) {
          evict({ours}, drop);
          auto t0 = Clock::now();
          {
            auto s = search::Searcher::open(ours, sopts);
            volatile std::uint64_t a = s->search(classes[c].queries[i], so).total;
            (void)a;
          }
          oc.push_back(ms_since(t0));
          evict({xsame_c}, drop);
          t0 = Clock::now();
          {
            Xapian::Database cold_db(xsame_c);
            volatile std::uint64_t b = xapian_run(cold_db, xq[i], classes[c].facets, nullptr);
            (void)b;
          }
          xc.push_back(ms_since(t0));
        }
      }
      results[c].ours_cold = percentiles(oc);
      results[c].xap_cold = percentiles(xc);
      std::fprintf(stderr, "cold %s done\n", classes[c].name.c_str());
    }
  }
  std::printf("\n%-15s %-8s %9s %9s %9s %9s %9s %9s %8s %8s %10s %9s\n", "query class", "", "ours p50", "p95",
              "p99", "xap p50", "p95", "p99", "x/o p50", "x/o p95", "avg total", "same");
  std::string qjson = "[";
  for (std::size_t c = 0; c < results.size(); ++c) {
    const ClassResult& r = results[c];
    auto row = [&](const char* kind, const Percentiles& a, const Percentiles& b, bool first) {
      std::printf("%-15s %-8s %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %7.1fx %7.1fx", first ? r.name.c_str() : "", kind,
                  a.p50, a.p95, a.p99, b.p50, b.p95, b.p99, b.p50 / a.p50, b.p95 / a.p95);
      if (first) {
        std::printf(" %10.0f %4zu/%zu,%zu/%zu\n", r.mean_total, r.totals_equal, r.totals_checked, r.sets_equal,
                    r.sets_checked);
      } else {
        std::printf("\n");
      }
    };
    row("warm", r.ours_warm, r.xap_warm, true);
    row("cold", r.ours_cold, r.xap_cold, false);
    qjson += std::string(c ? ",\n    " : "\n    ") + "{\"class\": \"" + r.name + "\", \"description\": \"" +
             json_escape(r.description) + "\", \"ours_warm\": " + pct_json(r.ours_warm) +
             ", \"xapian_warm\": " + pct_json(r.xap_warm) + ", \"ours_cold\": " + pct_json(r.ours_cold) +
             ", \"xapian_cold\": " + pct_json(r.xap_cold) + ", \"mean_total\": " + std::to_string(r.mean_total) +
             ", \"totals_equal\": " + std::to_string(r.totals_equal) + ", \"totals_checked\": " +
             std::to_string(r.totals_checked) + ", \"sets_equal\": " + std::to_string(r.sets_equal) +
             ", \"sets_checked\": " + std::to_string(r.sets_checked) + ", \"example\": \"" +
             json_escape(r.queries.empty() ? "" : r.queries[0]) + "\"}";
  }
  qjson += "\n  ]";
  report.queries_json = qjson;
  std::printf("(ms; x/o = Xapian time / our time, so >1 means we are faster; same = equal totals, equal match sets)\n");
  std::fflush(stdout);
  report.write(o.json);

  // 6. Cold start of search-query.
  {
    std::string q = results.empty() || results[0].queries.empty() ? "kommune" : results[0].queries[0];
    std::string sq = find_bin(o, "search-query");
    std::vector<double> t;
    for (int i = 0; i < o.start_reps; ++i) {
      ChildRun r = run_child({sq, "--index", ours, "--limit", "10", q});
      if (r.status > 1) throw search::Error(search::ErrorCode::kIo, "search-query failed on " + q);
      t.push_back(r.seconds * 1000);
    }
    std::vector<double> tc;
    for (int i = 0; i < std::max(1, o.start_reps / 4); ++i) {
      evict({ours}, drop);
      ChildRun r = run_child({sq, "--index", ours, "--limit", "10", q});
      tc.push_back(r.seconds * 1000);
    }
    Percentiles w = percentiles(t), c = percentiles(tc);
    std::printf("\nsearch-query cold start (fork/exec to exit, --limit 10 '%s'): warm cache p50 %.1f ms p95 %.1f ms; "
                "index evicted p50 %.1f ms\n",
                q.c_str(), w.p50, w.p95, c.p50);
    report.cold_start_json = "{\"query\": \"" + json_escape(q) + "\", \"warm_cache\": " + pct_json(w) +
                             ", \"index_evicted\": " + pct_json(c) + "}";
    report.write(o.json);
  }

  // 4. Xapian TermGenerator (the index issue's peer), last because it is the slowest.
  if (o.termgen) {
    TermgenBuild tg = termgen_build(o, corpus, work, compact_bin, &report);
    build_row("xapian: TermGenerator, danish, STEM_SOME", tg.run, tg.size, &tg.compacted);
    std::printf("(TermGenerator build: %llu documents; throughput ratio ours/xapian %.1fx; size ours/xapian-compacted %.2fx)\n",
                static_cast<unsigned long long>(tg.docs),
                (static_cast<double>(docs) / ours_run.seconds) / (static_cast<double>(tg.docs) / tg.run.seconds),
                static_cast<double>(ours_size.disk) / static_cast<double>(tg.compacted.disk));
  }
  std::printf("size ours/xapian-same-terms compacted: %.2fx; corpus %.1f MB\n",
              static_cast<double>(ours_size.disk) / static_cast<double>(xsame_c_size.disk), mb(corpus_bytes));
  report.write(o.json);
  if (!o.keep) {
    fs::remove_all(xsame_c);
    fs::remove_all(ours);
    if (o.corpus.empty()) fs::remove_all(work + "/corpus");
    std::error_code ec;
    fs::remove(work, ec);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  try {
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      auto next = [&]() -> std::string {
        if (i + 1 >= argc) throw search::Error(search::ErrorCode::kInvalidArgument, a + " needs a value");
        return argv[++i];
      };
      if (a == "--xapian-termgen") {
        std::string corpus = next();
        return xapian_termgen_main(corpus, next());
      } else if (a == "--quick") {
        o.quick = true;
        o.decisions = 300;
        o.queries = 3;
        o.reps = 2;
        o.start_reps = 2;
      } else if (a == "--decisions") {
        o.decisions = std::stoull(next());
      } else if (a == "--seed") {
        o.seed = static_cast<unsigned>(std::stoul(next()));
      } else if (a == "--work") {
        o.work = next();
      } else if (a == "--corpus") {
        o.corpus = next();
      } else if (a == "--bin") {
        o.bin = next();
      } else if (a == "--json") {
        o.json = next();
      } else if (a == "--queries") {
        o.queries = std::stoi(next());
      } else if (a == "--reps") {
        o.reps = std::stoi(next());
      } else if (a == "--cold-reps") {
        o.cold_reps = std::stoi(next());
      } else if (a == "--only-termgen") {
        o.only_termgen = true;
      } else if (a == "--no-termgen") {
        o.termgen = false;
      } else if (a == "--keep") {
        o.keep = true;
      } else if (a == "--reuse") {
        o.reuse = true;
        o.keep = true;
      } else if (a == "--dump-queries") {
        o.dump_queries = next();
      } else if (a == "--start-reps") {
        o.start_reps = std::stoi(next());
      } else {
        std::fprintf(stderr,
                     "usage: bench-engine [--decisions N] [--seed S] [--work DIR] [--corpus DIR] [--bin DIR]\n"
                     "                    [--queries Q] [--reps R] [--cold-reps C] [--no-termgen | --only-termgen] [--keep]\n"
                     "                    [--reuse] [--start-reps N] [--dump-queries FILE] [--json FILE] [--quick]\n"
                     "  --reuse: with --work, query the indexes an earlier --keep run left there (no builds)\n");
        return 2;
      }
    }
    return run(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench-engine: %s\n", e.what());
    return 2;
  }
}
