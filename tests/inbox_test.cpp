#define BOOST_TEST_MODULE inbox
#include <boost/test/unit_test.hpp>

#include <search/error.h>

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>

#include "input/event_log.h"
#include "input/inbox.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using search::input::EventLog;
using search::input::Inbox;
using search::input::InboxOptions;
using search::input::LogLevel;
using Names = std::vector<std::string>;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("inbox_test-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
  }
};

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// take_ready() after waiting (with poll on the inotify descriptor, as the daemon does) for
// at most `wait`, or until `want` names came (0: wait the whole time).
Names ready_within(Inbox& inbox, std::chrono::milliseconds wait, std::size_t want = 0) {
  auto deadline = std::chrono::steady_clock::now() + wait;
  Names all;
  for (;;) {
    auto names = inbox.take_ready();
    all.insert(all.end(), names.begin(), names.end());
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left <= 0ms || (want > 0 && all.size() >= want)) break;
    pollfd p{inbox.fd(), POLLIN, 0};
    ::poll(&p, 1, static_cast<int>(std::min(left, inbox.time_to_next_scan() + 1ms).count()));
  }
  std::sort(all.begin(), all.end());
  return all;
}

InboxOptions slow_scan(std::chrono::milliseconds settle = 10s) {
  InboxOptions options;
  options.rescan_interval = 60s;
  options.settle = settle;
  return options;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_file_closed_after_writing_is_ready_at_once) {
  TempDir dir;
  Inbox inbox(dir.path.string(), slow_scan());
  BOOST_TEST(fs::is_directory(dir.path / "done"));
  BOOST_TEST(fs::is_directory(dir.path / "failed"));
  BOOST_TEST(inbox.take_ready().empty());
  dir.write("a.txt", "Godkendt\n");
  BOOST_TEST(ready_within(inbox, 300ms, 1) == Names{"a.txt"});
  BOOST_TEST(inbox.take_ready().empty());  // handed out once
}

BOOST_AUTO_TEST_CASE(a_file_renamed_into_the_inbox_is_ready_at_once) {
  TempDir dir;
  fs::create_directories(dir.path / "staging");
  Inbox inbox(dir.path.string(), slow_scan());
  dir.write("staging/b.pdf", "x");
  dir.write("c.pdf.part", "partial");
  BOOST_TEST(ready_within(inbox, 200ms).empty());
  fs::rename(dir.path / "staging/b.pdf", dir.path / "b.pdf");
  fs::rename(dir.path / "c.pdf.part", dir.path / "c.pdf");
  BOOST_TEST(ready_within(inbox, 300ms, 2) == (Names{"b.pdf", "c.pdf"}));
}

BOOST_AUTO_TEST_CASE(a_file_still_open_for_writing_is_not_read_half_way) {
  TempDir dir;
  Inbox inbox(dir.path.string(), slow_scan());
  int fd = ::open((dir / "slow.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  BOOST_REQUIRE(fd >= 0);
  BOOST_REQUIRE(::write(fd, "Punkt 1\n", 8) == 8);
  BOOST_TEST(ready_within(inbox, 300ms).empty());
  BOOST_REQUIRE(::write(fd, "Godkendt\n", 9) == 9);
  ::close(fd);
  BOOST_TEST(ready_within(inbox, 300ms, 1) == Names{"slow.txt"});
}

BOOST_AUTO_TEST_CASE(files_found_by_a_scan_wait_until_size_and_mtime_are_stable) {
  TempDir dir;
  // Present before the watch starts, and still growing through an open descriptor.
  int fd = ::open((dir / "grow.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  BOOST_REQUIRE(fd >= 0);
  BOOST_REQUIRE(::write(fd, "a\n", 2) == 2);
  dir.write("old.txt", "done long ago\n");
  Inbox inbox(dir.path.string(), slow_scan(300ms));
  BOOST_TEST(inbox.take_ready().empty());  // first look: nothing is ready yet
  std::this_thread::sleep_for(150ms);
  BOOST_REQUIRE(::write(fd, "b\n", 2) == 2);  // grows inside the settle window
  BOOST_TEST(ready_within(inbox, 250ms, 1) == Names{"old.txt"});
  BOOST_TEST(ready_within(inbox, 500ms, 1) == Names{"grow.txt"});  // stable 300 ms since
  ::close(fd);  // the close-write of an unchanged file does not hand it out twice
  BOOST_TEST(ready_within(inbox, 200ms).empty());
}

BOOST_AUTO_TEST_CASE(the_periodic_rescan_finds_files_inotify_did_not_report) {
  TempDir dir;
  fs::create_directories(dir.path / "elsewhere");
  dir.write("elsewhere/linked.md", "# Referat\n");
  InboxOptions options;
  options.rescan_interval = 200ms;
  options.settle = 100ms;
  Inbox inbox(dir.path.string(), options);
  BOOST_TEST(inbox.take_ready().empty());
  // A hard link raises only IN_CREATE, which the watch does not ask for.
  fs::create_hard_link(dir.path / "elsewhere/linked.md", dir.path / "linked.md");
  BOOST_TEST(ready_within(inbox, 100ms).empty());
  BOOST_TEST(ready_within(inbox, 600ms, 1) == Names{"linked.md"});
}

BOOST_AUTO_TEST_CASE(dotfiles_partial_downloads_and_subdirectories_are_ignored) {
  TempDir dir;
  for (const char* name : {".hidden.txt", "a.part", "b.tmp", "c.txt~", "d.pdf.crdownload",
                           "e.pdf.reason", "f.swp"}) {
    dir.write(name, "x");
  }
  fs::create_directories(dir.path / "sub");
  dir.write("sub/g.txt", "x");
  dir.write("keep.txt", "x");
  Inbox inbox(dir.path.string(), slow_scan(50ms));
  dir.write("done/h.txt", "x");
  dir.write("failed/i.txt", "x");
  BOOST_TEST(ready_within(inbox, 300ms, 1) == Names{"keep.txt"});
  BOOST_TEST(!Inbox::is_candidate_name("done"));
  BOOST_TEST(Inbox::is_candidate_name("Referat 2022.pdf"));
}

BOOST_AUTO_TEST_CASE(a_file_overwritten_after_it_was_handed_out_is_handed_out_again) {
  TempDir dir;
  Inbox inbox(dir.path.string(), slow_scan());
  dir.write("a.txt", "v1\n");
  BOOST_TEST(ready_within(inbox, 200ms, 1) == Names{"a.txt"});
  std::this_thread::sleep_for(10ms);  // a distinct mtime even on coarse clocks
  dir.write("a.txt", "version 2\n");
  BOOST_TEST(ready_within(inbox, 200ms, 1) == Names{"a.txt"});
}

BOOST_AUTO_TEST_CASE(done_keeps_the_newest_version_and_moves_older_ones_aside) {
  TempDir dir;
  Inbox inbox(dir.path.string(), slow_scan());
  BOOST_TEST(inbox.done_version("a.pdf").empty());
  for (int i = 0; i < 3; ++i) {
    dir.write("a.pdf", "v" + std::to_string(i));
    BOOST_TEST(inbox.move_to_done("a.pdf") == dir / "done/a.pdf");
  }
  BOOST_TEST(inbox.done_version("a.pdf") == dir / "done/a.pdf");
  dir.write("README", "x");
  inbox.move_to_done("README");
  dir.write("README", "y");
  inbox.move_to_done("README");
  BOOST_TEST(read(dir / "done/a.pdf") == "v2");
  BOOST_TEST(read(dir / "superseded/a.pdf") == "v0");
  BOOST_TEST(read(dir / "superseded/a-1.pdf") == "v1");
  BOOST_TEST(read(dir / "done/README") == "y");
  BOOST_TEST(read(dir / "superseded/README") == "x");
  BOOST_TEST(!fs::exists(dir.path / "a.pdf"));
}

BOOST_AUTO_TEST_CASE(failed_files_get_a_reason_and_never_replace_another) {
  TempDir dir;
  Inbox inbox(dir.path.string(), slow_scan());
  dir.write("scan.pdf", "%PDF-1.4");
  dir.write("failed/scan.pdf", "older");
  BOOST_TEST(inbox.move_to_failed("scan.pdf", "scan.pdf: PDF has no text layer (scanned?)") ==
             dir / "failed/scan-1.pdf");
  BOOST_TEST(read(dir / "failed/scan-1.pdf.reason") ==
             "scan.pdf: PDF has no text layer (scanned?)\n");
  BOOST_TEST(read(dir / "failed/scan.pdf") == "older");
  inbox.sync();
  BOOST_CHECK_THROW(inbox.move_to_done("missing.txt"), search::Error);
}

BOOST_AUTO_TEST_CASE(a_missing_inbox_is_an_error_naming_it) {
  TempDir dir;
  try {
    Inbox inbox(dir / "nope", InboxOptions{});
    BOOST_FAIL("no error");
  } catch (const search::Error& e) {
    BOOST_TEST((e.code() == search::ErrorCode::kNotFound));
    BOOST_TEST(std::string(e.what()).find(dir / "nope") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(log_lines_are_logfmt_with_values_quoted_when_needed) {
  BOOST_TEST(EventLog::format(LogLevel::kInfo, "indexed",
                              {{"file", "a.pdf"}, {"records", "3"}, {"ms", "12"}}) ==
             "level=info event=indexed file=a.pdf records=3 ms=12");
  BOOST_TEST(EventLog::quote("Referat 2022.pdf") == "\"Referat 2022.pdf\"");
  BOOST_TEST(EventLog::quote("a=b") == "\"a=b\"");
  BOOST_TEST(EventLog::quote("") == "\"\"");
  BOOST_TEST(EventLog::quote("sag \"22/6043\"\nny") == "\"sag \\\"22/6043\\\"\\nny\"");
  BOOST_TEST(EventLog::quote("Økonomiudvalget") == "Økonomiudvalget");
  BOOST_TEST(EventLog::quote(std::string("\x01", 1)) == "\"\\x01\"");
}

BOOST_AUTO_TEST_CASE(the_log_file_is_reopened_after_rotation) {
  TempDir dir;
  EventLog log(dir / "daemon.log");
  log.write(LogLevel::kInfo, "started");
  fs::rename(dir.path / "daemon.log", dir.path / "daemon.log.1");
  log.write(LogLevel::kInfo, "before_reopen");
  log.reopen();
  log.write(LogLevel::kError, "after_reopen", {{"file", "x y"}});
  auto old_log = read(dir / "daemon.log.1");
  auto new_log = read(dir / "daemon.log");
  BOOST_TEST(old_log.find("level=info event=started\n") != std::string::npos);
  BOOST_TEST(old_log.find("event=before_reopen") != std::string::npos);
  BOOST_TEST(new_log.starts_with("ts=20"));
  BOOST_TEST(new_log.find(" level=error event=after_reopen file=\"x y\"\n") != std::string::npos);
}
