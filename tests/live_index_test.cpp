#define BOOST_TEST_MODULE live_index
#include <boost/test/unit_test.hpp>

#include <search/error.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "ops/live_index.h"

namespace fs = std::filesystem;
using search::ops::FileLockGuard;
using search::ops::Journal;
using search::ops::LiveIndex;
using Mode = FileLockGuard::Mode;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("live_index_test-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void touch(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::string read(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

BOOST_AUTO_TEST_CASE(generations_are_numbered_upwards_and_the_link_switches_between_them) {
  TempDir dir;
  LiveIndex live(dir / "index/");
  BOOST_TEST(live.path() == dir / "index");
  BOOST_TEST((live.kind() == LiveIndex::Kind::kMissing));
  BOOST_CHECK_THROW(live.resolve(), search::Error);
  auto first = live.new_generation();
  BOOST_TEST(first == dir / "index.d/gen-000001");
  touch(first + "/MANIFEST", "one");
  live.switch_to(first);
  BOOST_TEST((live.kind() == LiveIndex::Kind::kSwitchable));
  BOOST_TEST(fs::read_symlink(dir.path / "index").string() == "index.d/gen-000001");
  BOOST_TEST(live.resolve() == fs::canonical(first).string());
  BOOST_TEST(read(dir / "index/MANIFEST") == "one");

  auto second = live.new_generation();
  BOOST_TEST(second == dir / "index.d/gen-000002");
  touch(second + "/MANIFEST", "two");
  live.switch_to(second);
  BOOST_TEST(read(dir / "index/MANIFEST") == "two");
  BOOST_TEST(!fs::exists(dir / "index.link-tmp"));
  BOOST_TEST(live.generations() == (std::vector<std::string>{first, second}));
}

BOOST_AUTO_TEST_CASE(a_plain_index_directory_becomes_the_previous_generation) {
  TempDir dir;
  fs::create_directories(dir.path / "index");
  touch(dir / "index/MANIFEST", "plain");
  LiveIndex live(dir / "index");
  BOOST_TEST((live.kind() == LiveIndex::Kind::kPlain));
  auto next = live.new_generation();
  BOOST_TEST(next == dir / "index.d/gen-000002");
  touch(next + "/MANIFEST", "rebuilt");
  live.convert_plain(next);
  BOOST_TEST((live.kind() == LiveIndex::Kind::kSwitchable));
  BOOST_TEST(read(dir / "index/MANIFEST") == "rebuilt");
  BOOST_TEST(read(dir / "index.d/gen-000001/MANIFEST") == "plain");
}

BOOST_AUTO_TEST_CASE(prune_keeps_the_live_and_the_newest_previous_generations) {
  TempDir dir;
  LiveIndex live(dir / "index");
  std::vector<std::string> gens;
  for (int i = 0; i < 5; ++i) gens.push_back(live.new_generation());
  live.switch_to(gens[3]);  // gen 5 is newer than the live one: a crashed rebuild's leftover
  auto removed = live.prune(1);
  BOOST_TEST(removed == (std::vector<std::string>{gens[4], gens[1], gens[0]}));
  BOOST_TEST(live.generations() == (std::vector<std::string>{gens[2], gens[3]}));
}

BOOST_AUTO_TEST_CASE(prune_skips_a_generation_whose_index_lock_is_held) {
  TempDir dir;
  LiveIndex live(dir / "index");
  auto old = live.new_generation();
  auto current = live.new_generation();
  live.switch_to(current);
  {
    auto writer_lock = FileLockGuard::acquire(old + "/LOCK", Mode::kExclusive);
    BOOST_TEST(live.prune(0).empty());
  }
  BOOST_TEST(live.prune(0) == std::vector<std::string>{old});
}

BOOST_AUTO_TEST_CASE(exclusive_locks_exclude_and_name_their_holder) {
  TempDir dir;
  auto path = dir / "daemon.lock";
  auto held = FileLockGuard::try_acquire(path, Mode::kExclusive);
  BOOST_REQUIRE(held.has_value());
  BOOST_TEST(!FileLockGuard::try_acquire(path, Mode::kExclusive).has_value());
  BOOST_TEST(!FileLockGuard::try_acquire(path, Mode::kShared).has_value());
  BOOST_TEST(FileLockGuard::holder(path) == std::to_string(::getpid()));
  held.reset();
  auto a = FileLockGuard::try_acquire(path, Mode::kShared);
  auto b = FileLockGuard::try_acquire(path, Mode::kShared);
  BOOST_TEST((a.has_value() && b.has_value()));
  BOOST_TEST(!FileLockGuard::try_acquire(path, Mode::kExclusive).has_value());
}

BOOST_AUTO_TEST_CASE(the_journal_reads_back_from_an_offset_and_drops_a_torn_line) {
  TempDir dir;
  Journal journal(dir / "journal");
  BOOST_TEST(journal.size() == 0u);
  BOOST_TEST(journal.read_from(0).empty());
  journal.append({{"a.pdf", "/in/done/a.pdf"}});
  auto offset = journal.size();
  BOOST_TEST(offset == 21u);  // "a.pdf\t/in/done/a.pdf\n"
  journal.append({{"b\tc.txt", "/in/done/b\tc.txt"}, {"d\\e.md", "/x/d\\e.md"}});
  {
    std::ofstream(dir / "journal", std::ios::app) << "torn\t/in/do";
  }
  auto entries = journal.read_from(offset);
  BOOST_REQUIRE(entries.size() == 2u);
  BOOST_TEST(entries[0].name == "b\tc.txt");
  BOOST_TEST(entries[0].path == "/in/done/b\tc.txt");
  BOOST_TEST(entries[1].name == "d\\e.md");
  BOOST_TEST(journal.read_from(0).size() == 3u);
  journal.clear();
  BOOST_TEST(journal.size() == 0u);
}
