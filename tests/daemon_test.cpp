// End-to-end tests of `search-indexer daemon` and `search-indexer rebuild`: the real binary
// is started, fed files and signalled, and the index is read back through IndexReader.
#define BOOST_TEST_MODULE daemon
#include <boost/test/unit_test.hpp>

#include <search/error.h>
#include <search/extract.h>
#include <search/index_writer.h>
#include <search/index_reader.h>
#include <search/minutes.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <fstream>
#include <random>
#include <set>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "pdf_maker.h"

extern char** environ;

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kIndexer = std::string(SEARCH_BIN_DIR) + "/search-indexer";

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag) {
    path = fs::temp_directory_path() / ("daemon_test-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path / "inbox");
  }
  ~TempDir() { if (!std::getenv("KEEP_TEST_DIRS")) fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

std::string read(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Writes beside the inbox and renames in, as a careful publisher does.
void drop(const TempDir& dir, const std::string& name, const std::string& bytes) {
  auto tmp = dir / ("inbox/." + name + ".tmp");
  std::ofstream(tmp, std::ios::binary) << bytes;
  fs::rename(tmp, dir / ("inbox/" + name));
}

// One agenda item whose text carries `word`, so that each file is told apart.
std::string minutes(const std::string& word, int item = 1) {
  return "Punkt " + std::to_string(item) + ": Udviklingsproces for " + word + "\n" +
         "22/6043 Åben Sag\n"
         "Sagsgang\nØK, KB\n"
         "Sagsfremstilling\n" + word + " er beskrevet i sagen om socialområdet.\n"
         "Indstilling\nDirektionen indstiller, at sagen godkendes.\n"
         "Beslutning i Økonomiudvalget den 17-05-2022\nGodkendt.\n";
}

// The record ids the parser gives a file of this name and text: the reference for what the
// daemon must have put in the index.
std::vector<std::string> ids_of(const std::string& name, const std::string& text) {
  std::vector<std::string> ids;
  for (const auto& record : search::parse_minutes_text(text, name).records) ids.push_back(record.id);
  return ids;
}

class Process {
 public:
  Process(const std::vector<std::string>& args, const std::string& log) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(kIndexer.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    int rc = posix_spawn(&pid_, kIndexer.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    BOOST_REQUIRE_MESSAGE(rc == 0, "cannot start " << kIndexer);
  }
  ~Process() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  void signal(int sig) const { ::kill(pid_, sig); }
  // The exit code, or 128 + signal.
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  bool running() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
};

int run(const std::vector<std::string>& args, const std::string& log) {
  Process p(args, log);
  return p.wait();
}

std::vector<std::string> daemon_args(const TempDir& dir, const std::string& interval = "0.05") {
  return {"daemon", "--index", dir / "index", "--inbox", dir / "inbox", "--commit-interval",
          interval, "--settle", "0.05", "--rescan", "0.2"};
}

// The names of the minutes files left in a directory (not subdirectories or .reason files).
std::set<std::string> files_in(const std::string& dir) {
  std::set<std::string> names;
  if (!fs::exists(dir)) return names;
  for (const auto& e : fs::directory_iterator(dir)) {
    auto name = e.path().filename().string();
    if (e.is_regular_file() && !name.ends_with(".reason") && !name.starts_with(".")) names.insert(name);
  }
  return names;
}

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  auto deadline = Clock::now() + limit;
  while (!done()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

bool has_all(const search::IndexReader& reader, const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    if (!reader.find(id)) return false;
  }
  return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(dropped_files_become_searchable_within_the_commit_interval) {
  TempDir dir("drop");
  Process daemon(daemon_args(dir, "0.3"), dir / "daemon.log");
  BOOST_REQUIRE(wait_until([&] { return fs::exists(dir / "index"); }, 30s));
  std::vector<std::string> ids;
  const auto start = Clock::now();
  for (const auto& [name, word] : {std::pair{"a.txt", "zebrafinke"}, {"b.md", "xylofon"}}) {
    drop(dir, name, minutes(word));
    for (auto& id : ids_of(name, minutes(word))) ids.push_back(id);
  }
  BOOST_REQUIRE(!ids.empty());
  BOOST_TEST(wait_until([&] { return has_all(*search::IndexReader::open(dir / "index"), ids); }, 30s));
  auto latency = Clock::now() - start;
  BOOST_TEST_MESSAGE("drop to searchable: " << std::chrono::duration_cast<std::chrono::milliseconds>(latency).count() << " ms");
  BOOST_TEST(latency < 2s);  // 0.3 s interval + commit, with room for a loaded machine
  BOOST_TEST(wait_until([&] { return files_in(dir / "inbox/done").size() == 2; }, 2s));
  auto reader = search::IndexReader::open(dir / "index");
  BOOST_TEST(reader->document_count() == ids.size());
  auto record = reader->find(ids.front());
  BOOST_REQUIRE(record.has_value());
  BOOST_TEST(record->title.find("zebrafinke") != std::string::npos);
  daemon.signal(SIGTERM);
  BOOST_TEST(daemon.wait() == 0);
  auto log = read(dir / "daemon.log");
  BOOST_TEST(log.find("level=info event=indexed file=a.txt records=1") != std::string::npos);
  BOOST_TEST(log.find("event=committed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(pdfs_in_records_out_and_scans_go_to_failed_with_the_reason) {
  TempDir dir("pdf");
  using search::test::make_pdf;
  using search::test::text_page;
  auto text_pdf = make_pdf({
      text_page({"Punkt 7: Status på velfærdsområdet", "22/6043 Åben Sag", "Sagsgang", "HU",
                 "Sagsfremstilling", "Norddjurs Kommune har ambitiøse målsætninger."}),
      text_page({"Indstilling", "Direktionen indstiller, at orienteringen tages til efterretning.",
                 "Beslutning i Hovedudvalget den 08-09-2022", "Taget til efterretning."}),
  });
  search::test::PdfPage scan;
  scan.image_only = true;
  Process daemon(daemon_args(dir), dir / "daemon.log");
  drop(dir, "status.pdf", text_pdf);
  drop(dir, "scan.pdf", make_pdf({scan}));
  drop(dir, "notes.txt", "Indkøbsliste: mælk, brød\n");
  BOOST_REQUIRE(wait_until([&] { return files_in(dir / "inbox").empty(); }, 30s));
  daemon.signal(SIGTERM);
  BOOST_TEST(daemon.wait() == 0);
  BOOST_TEST(files_in(dir / "inbox/done") == std::set<std::string>{"status.pdf"});
  BOOST_TEST(files_in(dir / "inbox/failed") == (std::set<std::string>{"notes.txt", "scan.pdf"}));
  BOOST_TEST(read(dir / "inbox/failed/scan.pdf.reason") ==
             dir / "inbox/scan.pdf" + ": PDF has no text layer (scanned?)\n");
  BOOST_TEST(!read(dir / "inbox/failed/notes.txt.reason").empty());
  auto reader = search::IndexReader::open(dir / "index");
  BOOST_REQUIRE(reader->document_count() == 1u);
  auto record = reader->find(ids_of("status.pdf", search::extract_text(dir / "inbox/done/status.pdf")).at(0));
  BOOST_REQUIRE(record.has_value());
  BOOST_TEST(record->title == "Status på velfærdsområdet");
  BOOST_TEST(record->case_number == "22/6043");
  BOOST_REQUIRE(record->decisions.size() == 1u);
  BOOST_TEST(record->decisions[0].date == "2022-09-08");
  BOOST_TEST((record->decisions[0].outcome == search::Outcome::kTagetTilEfterretning));
}

BOOST_AUTO_TEST_CASE(sigterm_commits_the_batch_in_hand_and_exits_zero) {
  TempDir dir("term");
  Process daemon(daemon_args(dir, "3600"), dir / "daemon.log");
  drop(dir, "late.txt", minutes("sidsteøjeblik"));
  BOOST_REQUIRE(wait_until([&] { return read(dir / "daemon.log").find("event=indexed") != std::string::npos; }, 30s));
  BOOST_TEST(files_in(dir / "inbox") == std::set<std::string>{"late.txt"});  // not committed yet
  daemon.signal(SIGTERM);
  BOOST_TEST(daemon.wait() == 0);
  BOOST_TEST(files_in(dir / "inbox/done") == std::set<std::string>{"late.txt"});
  BOOST_TEST(has_all(*search::IndexReader::open(dir / "index"), ids_of("late.txt", minutes("sidsteøjeblik"))));
}

BOOST_AUTO_TEST_CASE(a_second_daemon_on_the_same_index_exits_with_a_clear_error) {
  TempDir dir("second");
  Process first(daemon_args(dir), dir / "first.log");
  BOOST_REQUIRE(wait_until([&] { return read(dir / "first.log").find("event=started") != std::string::npos; }, 30s));
  fs::create_directories(dir.path / "inbox2");
  int code = run({"daemon", "--index", dir / "index", "--inbox", dir / "inbox2"}, dir / "second.log");
  BOOST_TEST(code != 0);
  BOOST_TEST(read(dir / "second.log").find("another daemon (pid ") != std::string::npos);
  BOOST_TEST(first.running());
  first.signal(SIGINT);
  BOOST_TEST(first.wait() == 0);
}

BOOST_AUTO_TEST_CASE(sighup_reopens_the_log_file) {
  TempDir dir("hup");
  auto args = daemon_args(dir);
  args.insert(args.end(), {"--log", dir / "events.log"});
  Process daemon(args, dir / "stderr.log");
  BOOST_REQUIRE(wait_until([&] { return read(dir / "events.log").find("event=started") != std::string::npos; }, 30s));
  fs::rename(dir / "events.log", dir / "events.log.1");
  daemon.signal(SIGHUP);
  BOOST_REQUIRE(wait_until([&] { return fs::exists(dir / "events.log"); }, 30s));
  drop(dir, "x.txt", minutes("logrotate"));
  BOOST_TEST(wait_until([&] { return read(dir / "events.log").find("event=committed") != std::string::npos; }, 30s));
  daemon.signal(SIGTERM);
  BOOST_TEST(daemon.wait() == 0);
  BOOST_TEST(read(dir / "events.log.1").find("event=indexed") == std::string::npos);
  BOOST_TEST(read(dir / "events.log").starts_with("ts="));
}

// The crash test: the daemon is SIGKILLed at random moments while files arrive. After every
// kill the index opens, every file is in the inbox, done/ or failed/, every file in done/ has
// all its records in the index, and no record once committed goes missing.
BOOST_AUTO_TEST_CASE(sigkill_at_random_moments_loses_nothing) {
  TempDir dir("kill");
  std::mt19937 rng(6);
  std::map<std::string, std::vector<std::string>> ids_by_file;
  std::set<std::string> committed;
  constexpr int kRounds = 54;
  const auto start = Clock::now();
  // Without the word list the daemon starts in tens of milliseconds instead of hundreds, so
  // that the kills land in every phase (start-up, parsing, commit, moves) within seconds.
  std::vector<std::string> args = {"daemon", "--index", dir / "index", "--inbox", dir / "inbox",
                                   "--commit-interval", "0.02", "--settle", "0.02", "--rescan", "0.1",
                                   "--lexicon", ""};
  int rounds_with_files_left = 0;
  for (int round = 0; round < kRounds; ++round) {
    for (int i = 0; i < 2; ++i) {
      auto name = "r" + std::to_string(round) + "-" + std::to_string(i) + ".txt";
      auto text = minutes("ord" + std::to_string(round * 10 + i), i + 1);
      ids_by_file[name] = ids_of(name, text);
      drop(dir, name, text);
    }
    // Kills aimed in turn at start-up, at the commit after a file was indexed, and at the
    // journal append and moves right after a commit.
    const auto log_before = read(dir / "daemon.log");
    Process daemon(args, dir / "daemon.log");
    const char* phase[] = {"", "event=indexed", "event=committed"};
    const int window_ms[] = {150, 100, 20};
    int kind = round % 3;
    if (kind > 0) {
      wait_until([&] { return count(read(dir / "daemon.log"), phase[kind]) > count(log_before, phase[kind]); }, 30s);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % window_ms[kind]));
    daemon.signal(SIGKILL);
    BOOST_REQUIRE(daemon.wait() == 128 + SIGKILL);
    rounds_with_files_left += !files_in(dir / "inbox").empty();
    if (!fs::exists(dir / "index")) continue;  // killed before it created the index

    std::unique_ptr<search::IndexReader> reader;
    BOOST_REQUIRE_NO_THROW(reader = search::IndexReader::open(dir / "index"));
    auto inbox = files_in(dir / "inbox"), done = files_in(dir / "inbox/done");
    BOOST_TEST(files_in(dir / "inbox/failed").empty());
    for (const auto& [name, ids] : ids_by_file) {
      BOOST_TEST_INFO("round " << round << " file " << name);
      BOOST_TEST((inbox.count(name) + done.count(name)) == 1u);
      if (done.count(name)) {
        BOOST_TEST(has_all(*reader, ids));
      }
    }
    for (const auto& id : committed) {
      BOOST_TEST_INFO("round " << round << " id " << id);
      BOOST_TEST(reader->find(id).has_value());
    }
    for (const auto& name : done) committed.insert(ids_by_file[name].begin(), ids_by_file[name].end());
  }
  // The kills must have hit both sides of commits for the test to mean anything.
  auto commits = count(read(dir / "daemon.log"), "event=committed");
  BOOST_TEST_MESSAGE(commits << " commits; " << rounds_with_files_left << " kills left files in the inbox");
  BOOST_TEST(commits >= 10u);
  BOOST_TEST(rounds_with_files_left >= 10);
  // A last, undisturbed run picks up whatever the kills left in the inbox.
  const auto starts = count(read(dir / "daemon.log"), "event=started");
  Process daemon(args, dir / "daemon.log");
  BOOST_TEST(wait_until([&] { return count(read(dir / "daemon.log"), "event=started") > starts; }, 30s));
  BOOST_TEST(wait_until([&] { return files_in(dir / "inbox").empty(); }, 30s));
  daemon.signal(SIGTERM);
  BOOST_TEST(daemon.wait() == 0);
  auto reader = search::IndexReader::open(dir / "index");
  std::size_t total = 0;
  for (const auto& [name, ids] : ids_by_file) {
    BOOST_TEST_INFO(name);
    BOOST_TEST(has_all(*reader, ids));
    total += ids.size();
  }
  BOOST_TEST(reader->document_count() == total);
  BOOST_TEST(files_in(dir / "inbox/done").size() == ids_by_file.size());
  BOOST_TEST_MESSAGE(kRounds << " kill rounds in "
                     << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count() << " ms");
}

namespace {

// `n` minutes files in dir/<sub>; returns the ids they hold.
std::vector<std::string> make_sources(const TempDir& dir, const std::string& sub, int n) {
  fs::create_directories(dir.path / sub);
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    auto name = sub + "-" + std::to_string(i) + ".txt";
    auto text = minutes("kilde" + std::to_string(i));
    std::ofstream(dir / (sub + "/" + name)) << text;
    for (auto& id : ids_of(name, text)) ids.push_back(id);
  }
  return ids;
}

std::vector<std::string> generation_dirs(const TempDir& dir) {
  std::vector<std::string> gens;
  for (const auto& e : fs::directory_iterator(dir / "index.d")) {
    if (e.is_directory()) gens.push_back(e.path().filename().string());
  }
  std::sort(gens.begin(), gens.end());
  return gens;
}

}  // namespace

BOOST_AUTO_TEST_CASE(rebuilds_switch_while_readers_keep_opening_the_index) {
  TempDir dir("rebuild");
  auto ids = make_sources(dir, "src", 20);
  BOOST_REQUIRE(run({"rebuild", "--index", dir / "index", "--keep", "1", dir / "src"}, dir / "rebuild.log") == 0);
  BOOST_TEST(fs::is_symlink(dir / "index"));
  std::atomic<bool> stop{false};
  std::atomic<int> opens{0}, failures{0}, link_opens{0}, link_failures{0};
  std::mutex mutex;
  std::string first_failure, first_link_failure;
  auto check = [&](const std::string& path) {
    auto reader = search::IndexReader::open(path);
    if (reader->document_count() != ids.size() || !reader->find(ids.back())) {
      throw std::runtime_error("wrong snapshot: " + std::to_string(reader->document_count()) + " documents");
    }
  };
  // A reader resolves the link once and opens every file under the resolved directory; the
  // switch must never make such an open fail or see a mix of two indexes.
  auto resolving_reader = [&] {
    while (!stop) {
      try {
        check(fs::canonical(dir / "index").string());
        ++opens;
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex);
        if (failures++ == 0) first_failure = e.what();
      }
    }
  };
  // Through the link itself, as users call IndexReader::open(DIR): the reader resolves the
  // link once, so a switch between its manifest read and its segment opens cannot mix the
  // files of two indexes.
  auto link_reader = [&] {
    while (!stop) {
      try {
        check(dir / "index");
        ++link_opens;
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex);
        if (link_failures++ == 0) first_link_failure = e.what();
      }
    }
  };
  std::thread a(resolving_reader), b(link_reader);
  for (int i = 0; i < 4; ++i) {
    BOOST_TEST(run({"rebuild", "--index", dir / "index", "--keep", "1", dir / "src"}, dir / "rebuild.log") == 0);
  }
  stop = true;
  a.join();
  b.join();
  BOOST_TEST_INFO(first_failure);
  BOOST_TEST(failures.load() == 0);
  BOOST_TEST(opens.load() > 0);
  BOOST_TEST_INFO(first_link_failure);
  BOOST_TEST(link_failures.load() == 0);
  BOOST_TEST(link_opens.load() > 0);
  BOOST_TEST(generation_dirs(dir) == (std::vector<std::string>{"gen-000004", "gen-000005"}));
  BOOST_TEST(fs::read_symlink(dir / "index").string() == "index.d/gen-000005");
  BOOST_TEST(read(dir / "rebuild.log").find("decisions 20,") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_rebuild_from_bad_sources_fails_and_leaves_the_live_index_as_it_was) {
  TempDir dir("bad");
  auto ids = make_sources(dir, "src", 3);
  BOOST_REQUIRE(run({"rebuild", "--index", dir / "index", dir / "src"}, dir / "log") == 0);
  const auto link = fs::read_symlink(dir / "index");
  const auto gens = generation_dirs(dir);
  const auto manifest_files = files_in(dir / "index");

  fs::create_directories(dir.path / "broken");
  std::ofstream(dir / "broken/damaged.pdf") << "%PDF-1.4\n1 0 obj << /Type /Catalog";
  fs::create_directories(dir.path / "empty");
  const std::vector<std::vector<std::string>> bad_runs = {
      {dir / "src", dir / "does-not-exist"},  // a missing SOURCE
      {dir / "src", dir / "broken"},          // a damaged PDF (--max-failures 0)
      {dir / "empty"},                        // no files at all: would empty the index
  };
  for (const auto& sources : bad_runs) {
    std::vector<std::string> args = {"rebuild", "--index", dir / "index"};
    args.insert(args.end(), sources.begin(), sources.end());
    BOOST_TEST_INFO(sources.back());
    BOOST_TEST(run(args, dir / "log") != 0);
    BOOST_TEST(fs::read_symlink(dir / "index") == link);
    BOOST_TEST(generation_dirs(dir) == gens);
    BOOST_TEST(files_in(dir / "index") == manifest_files);
    auto reader = search::IndexReader::open(dir / "index");
    BOOST_TEST(reader->document_count() == ids.size());
  }
  auto log = read(dir / "log");
  BOOST_TEST(log.find("does-not-exist: no such file or directory") != std::string::npos);
  BOOST_TEST(log.find("damaged.pdf") != std::string::npos);
  BOOST_TEST(log.find("no decisions") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_plain_index_directory_becomes_a_link_at_its_first_rebuild) {
  TempDir dir("plain");
  {
    auto writer = search::IndexWriter::open(dir / "index");
    auto records = search::parse_minutes_text(minutes("gammel"), "old.txt").records;
    for (auto& r : records) writer->add(r);
    writer->commit();
  }
  auto ids = make_sources(dir, "src", 2);
  BOOST_REQUIRE(run({"rebuild", "--index", dir / "index", dir / "src"}, dir / "log") == 0);
  BOOST_TEST(fs::is_symlink(dir / "index"));
  BOOST_TEST(search::IndexReader::open(dir / "index")->document_count() == ids.size());
  // The old directory is kept for rollback as the generation before the new one.
  BOOST_TEST(search::IndexReader::open(dir / "index.d/gen-000001")->document_count() == 1u);
}

// Files the daemon commits while a rebuild runs reach the new index: through done/ (a
// SOURCE) if committed before the rebuild listed it, else through the journal replay.
BOOST_AUTO_TEST_CASE(a_rebuild_beside_a_running_daemon_keeps_every_committed_file) {
  TempDir dir("both");
  auto archive_ids = make_sources(dir, "archive", 150);
  Process daemon(daemon_args(dir), dir / "daemon.log");
  std::map<std::string, std::vector<std::string>> dropped;
  auto drop_one = [&](int i) {
    auto name = "live-" + std::to_string(i) + ".txt";
    auto text = minutes("direkte" + std::to_string(i));
    dropped[name] = ids_of(name, text);
    drop(dir, name, text);
  };
  int n = 0;
  for (; n < 3; ++n) drop_one(n);
  BOOST_REQUIRE(wait_until([&] { return files_in(dir / "inbox/done").size() == 3; }, 30s));
  Process rebuild({"rebuild", "--index", dir / "index", "--no-progress", dir / "archive", dir / "inbox/done"},
                  dir / "rebuild.log");
  while (rebuild.running()) {
    drop_one(n++);
    std::this_thread::sleep_for(20ms);
  }
  BOOST_REQUIRE(rebuild.wait() == 0);
  for (int i = 0; i < 3; ++i) drop_one(n++);  // the daemon carries on in the new index
  BOOST_REQUIRE(wait_until([&] { return files_in(dir / "inbox").empty(); }, 30s));
  daemon.signal(SIGTERM);
  BOOST_TEST(daemon.wait() == 0);
  BOOST_TEST_MESSAGE(read(dir / "rebuild.log"));
  auto reader = search::IndexReader::open(dir / "index");
  BOOST_TEST(has_all(*reader, archive_ids));
  for (const auto& [name, ids] : dropped) {
    BOOST_TEST_INFO(name);
    BOOST_TEST(has_all(*reader, ids));
  }
  BOOST_TEST(reader->document_count() == archive_ids.size() + dropped.size());
  BOOST_TEST(read(dir / "daemon.log").find("event=index_switched") != std::string::npos);
}
