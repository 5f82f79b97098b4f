#include "corpus.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <thread>

#include "calendar.h"
#include "meeting.h"
#include "phrases.h"

namespace gen {
namespace {

constexpr int kFirstYear = 2005;
constexpr int kLastYear = 2026;
// Meetings per work unit: small enough to balance two threads, large enough to amortise.
constexpr std::size_t kChunkMeetings = 32;

struct Slot {
  std::int32_t day;
  std::uint8_t committee;
  std::uint8_t rep;
};

// The months a committee meets: never July; smaller committees skip more months.
std::vector<int> meeting_months(int per_year) {
  std::vector<int> months{1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12};
  static constexpr int kSkipOrder[] = {1, 8, 12, 6, 3, 10, 4, 11, 2, 5, 9};
  for (int skip : kSkipOrder) {
    if (static_cast<int>(months.size()) <= per_year) break;
    months.erase(std::find(months.begin(), months.end(), skip));
  }
  return months;
}

// Every meeting a municipality could hold: each committee on its weekday once a month
// (`density` times a month when one municipality must hold more meetings than that).
std::vector<Slot> municipality_slots(std::size_t municipality, int density) {
  std::vector<Slot> slots;
  const auto all = committees();
  for (int year = kFirstYear; year <= kLastYear; ++year) {
    for (std::size_t c = 0; c < all.size(); ++c) {
      const CommitteeInfo& info = all[c];
      if (year < info.first_year) continue;
      // KB meets late in the month with ØK the week before; others spread by municipality.
      const int base_week = c == 0 ? 3 : c == 1 ? 2 : static_cast<int>((c + municipality) % 3);
      for (int month : meeting_months(info.meetings_per_year)) {
        for (int rep = 0; rep < density; ++rep) {
          int week = (base_week + rep) % 4;
          if (month == 12 && week == 3 && density == 1) week = 1;  // before Christmas
          const int wd = (info.weekday + rep / 4) % 5;
          slots.push_back({nth_weekday(year, month, wd, week), static_cast<std::uint8_t>(c),
                           static_cast<std::uint8_t>(std::min(rep, 255))});
        }
      }
    }
  }
  return slots;
}

std::uint64_t meeting_key(std::size_t municipality, const Slot& slot) {
  return ((static_cast<std::uint64_t>(municipality) * 64 + slot.committee) * 65536 +
          static_cast<std::uint64_t>(slot.day)) * 256 + slot.rep;
}

// Item counts summing to exactly `decisions`: drawn in [min, max], then nudged one at a
// time in a scrambled order; the bounds give way only if they cannot be met.
void fit_item_counts(std::vector<MeetingPlan>& meetings, const Options& options) {
  const std::size_t n = meetings.size();
  std::uint64_t total = 0;
  for (auto& meeting : meetings) {
    Rng rng(mix_seed(options.seed ^ 0xC0FFEEull, meeting.key));
    meeting.items = static_cast<std::uint32_t>(rng.range(options.items_min, options.items_max));
    total += meeting.items;
  }
  std::size_t stride = 7919;
  while (std::gcd(stride, n) != 1) ++stride;
  std::uint32_t low = static_cast<std::uint32_t>(options.items_min);
  std::uint32_t high = static_cast<std::uint32_t>(options.items_max);
  std::size_t at = 0;
  std::size_t stalled = 0;
  while (total != options.decisions) {
    MeetingPlan& meeting = meetings[at];
    at = (at + stride) % n;
    if (total < options.decisions && meeting.items < high) {
      ++meeting.items;
      ++total;
      stalled = 0;
    } else if (total > options.decisions && meeting.items > low) {
      --meeting.items;
      --total;
      stalled = 0;
    } else if (++stalled > n) {
      high = UINT32_MAX;
      low = 0;
    }
  }
  std::erase_if(meetings, [](const MeetingPlan& m) { return m.items == 0; });
}

std::string slash_join(const std::string& dir, const std::string& relative) {
  return dir.empty() || dir.back() == '/' ? dir + relative : dir + "/" + relative;
}

void write_file(const std::string& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      throw std::runtime_error("cannot write " + path + ": " + std::strerror(error));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::close(fd) != 0) throw std::runtime_error("cannot close " + path + ": " + std::strerror(errno));
}

void prepare_out_dir(const Options& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(options.out_dir, ec)) {
    if (!fs::is_directory(options.out_dir, ec)) throw std::runtime_error(options.out_dir + " is not a directory");
    if (!fs::is_empty(options.out_dir, ec)) {
      throw std::runtime_error("output directory " + options.out_dir +
                               " is not empty; remove it or choose another (stale files would mix with new ones)");
    }
  }
  fs::create_directories(options.out_dir, ec);
  if (ec) throw std::runtime_error("cannot create " + options.out_dir + ": " + ec.message());
  for (int year = kFirstYear; year <= kLastYear; ++year) {
    fs::create_directory(slash_join(options.out_dir, std::to_string(year)), ec);
    if (ec) throw std::runtime_error("cannot create " + options.out_dir + "/" + std::to_string(year) + ": " + ec.message());
  }
}

// The chunks' manifest text, handed from the workers to the thread that appends it to the
// manifest in chunk order (so that the manifest, too, is independent of scheduling).
class OrderedSink {
 public:
  explicit OrderedSink(std::size_t chunks) : parts_(chunks) {}

  void put(std::size_t chunk, std::string text) {
    std::lock_guard lock(mutex_);
    parts_[chunk] = std::move(text);
    ready_.notify_all();
  }
  // Waits for the chunk's text; nullopt if the work failed.
  std::optional<std::string> take(std::size_t chunk) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return parts_[chunk].has_value() || failed_; });
    if (!parts_[chunk]) return std::nullopt;
    std::string text = std::move(*parts_[chunk]);
    parts_[chunk].reset();
    return text;
  }
  void fail(std::string message) {
    std::lock_guard lock(mutex_);
    if (!failed_) error_ = std::move(message);
    failed_ = true;
    ready_.notify_all();
  }
  bool failed() {
    std::lock_guard lock(mutex_);
    return failed_;
  }
  std::string error() {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<std::optional<std::string>> parts_;
  bool failed_ = false;
  std::string error_;
};

void validate(const Options& options) {
  if (options.decisions == 0) throw std::invalid_argument("--decisions must be at least 1");
  if (options.out_dir.empty()) throw std::invalid_argument("--out is required");
  if (options.items_min < 1 || options.items_max < options.items_min || options.items_max > 200) {
    throw std::invalid_argument("--items-per-meeting must be A..B with 1 <= A <= B <= 200");
  }
  if (options.ocr_ppm > 1000000) throw std::invalid_argument("--ocr-rate must be within 0..1");
}

}  // namespace

std::vector<std::string> municipality_names(const Options& options) {
  if (!options.municipality.empty()) return {options.municipality};
  return {municipalities().begin(), municipalities().end()};
}

std::vector<MeetingPlan> plan_meetings(const Options& options, std::size_t municipality_count) {
  validate(options);
  const double mean_items = (options.items_min + options.items_max) / 2.0;
  const auto wanted = static_cast<std::size_t>(static_cast<double>(options.decisions) / mean_items) + 1;
  const std::size_t capacity = municipality_slots(0, 1).size();
  const std::size_t used = std::min(municipality_count, (wanted + capacity - 1) / capacity);
  const auto density = static_cast<int>((wanted + used * capacity - 1) / (used * capacity));

  std::vector<MeetingPlan> meetings;
  meetings.reserve(wanted);
  for (std::size_t m = 0; m < used; ++m) {
    std::vector<Slot> slots = municipality_slots(m, density);
    const std::size_t take = std::min(slots.size(), wanted / used + (m < wanted % used ? 1 : 0));
    // A seeded partial shuffle picks the meetings, spread over all the years.
    Rng rng(mix_seed(options.seed ^ 0x51075ull, m));
    for (std::size_t i = 0; i < take; ++i) {
      std::swap(slots[i], slots[i + rng.below(static_cast<std::uint32_t>(slots.size() - i))]);
    }
    slots.resize(take);
    std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
      return std::tie(a.day, a.committee, a.rep) < std::tie(b.day, b.committee, b.rep);
    });
    for (const Slot& slot : slots) {
      meetings.push_back({static_cast<std::uint32_t>(m), slot.committee, slot.rep, slot.day, 0, meeting_key(m, slot)});
    }
  }
  fit_item_counts(meetings, options);
  return meetings;
}

Summary generate_corpus(const Options& options, void (*on_vocabulary)(const std::string&)) {
  validate(options);
  Summary summary;
  const Vocabulary vocabulary = Vocabulary::build(options.word_list, summary.vocabulary);
  if (on_vocabulary != nullptr) on_vocabulary(summary.vocabulary);
  const Templates templates = Templates::parse();
  const std::vector<std::string> names = municipality_names(options);
  const std::vector<MeetingPlan> meetings = plan_meetings(options, names.size());
  prepare_out_dir(options);

  const SharedInputs inputs{&options, &vocabulary, &templates, &names};
  const std::size_t chunks = (meetings.size() + kChunkMeetings - 1) / kChunkMeetings;
  OrderedSink sink(chunks);
  std::atomic<std::size_t> next_chunk{0};
  std::atomic<std::uint64_t> bytes{0}, words{0};

  auto worker = [&] {
    try {
      MeetingWriter writer(inputs);
      MeetingOutput output;
      for (std::size_t chunk; (chunk = next_chunk.fetch_add(1)) < chunks && !sink.failed();) {
        std::string manifest;
        const std::size_t end = std::min(meetings.size(), (chunk + 1) * kChunkMeetings);
        for (std::size_t i = chunk * kChunkMeetings; i < end; ++i) {
          writer.write(meetings[i], output, manifest);
          write_file(slash_join(options.out_dir, output.relative_path), output.bytes);
          bytes += output.bytes.size();
          words += output.words;
        }
        sink.put(chunk, std::move(manifest));
      }
    } catch (const std::exception& e) {
      sink.fail(e.what());
    }
  };
  unsigned thread_count = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  thread_count = static_cast<unsigned>(std::min<std::size_t>(thread_count, std::max<std::size_t>(chunks, 1)));
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < thread_count; ++t) threads.emplace_back(worker);

  const std::string manifest_path = slash_join(options.out_dir, "manifest.tsv");
  std::string manifest(MeetingWriter::manifest_header());
  std::string failure;
  try {
    const int fd = ::open(manifest_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot create " + manifest_path + ": " + std::strerror(errno));
    ::close(fd);
    for (std::size_t chunk = 0; chunk < chunks; ++chunk) {
      std::optional<std::string> part = sink.take(chunk);
      if (!part) break;
      manifest += *part;
      if (manifest.size() > (8u << 20) || chunk + 1 == chunks) {
        const int out = ::open(manifest_path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
        if (out < 0) throw std::runtime_error("cannot open " + manifest_path + ": " + std::strerror(errno));
        std::string_view rest(manifest);
        while (!rest.empty()) {
          const ssize_t n = ::write(out, rest.data(), rest.size());
          if (n < 0 && errno == EINTR) continue;
          if (n <= 0) {
            ::close(out);
            throw std::runtime_error("cannot write " + manifest_path + ": " + std::strerror(errno));
          }
          rest.remove_prefix(static_cast<std::size_t>(n));
        }
        ::close(out);
        manifest.clear();
      }
    }
  } catch (const std::exception& e) {
    failure = e.what();
    sink.fail(failure);
  }
  for (auto& thread : threads) thread.join();
  if (sink.failed()) throw std::runtime_error(failure.empty() ? sink.error() : failure);

  summary.decisions = options.decisions;
  summary.files = meetings.size();
  summary.bytes = bytes.load();
  summary.words = words.load();
  std::vector<bool> seen(names.size());
  for (const auto& meeting : meetings) seen[meeting.municipality] = true;
  summary.municipalities = static_cast<std::uint64_t>(std::count(seen.begin(), seen.end(), true));
  return summary;
}

}  // namespace gen
