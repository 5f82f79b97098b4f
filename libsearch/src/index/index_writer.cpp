// IndexWriter: per-thread in-memory segments, flushes to immutable segments, tombstones,
// commits of manifest generations and the log merge policy.
//
// Threads (as Lucene's DocumentsWriterPerThread): each worker thread owns a MemorySegment
// and does everything for the records given to it: analysis (tokenising, stemming,
// folding, decompounding), inversion, and at a flush the writing of its own segment, so
// nothing but handing out batches is serial. add() gives each batch of records to the
// worker with the shortest queue and fixes their docids in that worker's buffer up front,
// so deletes and updates of buffered records need no round trip to the worker. A flush
// makes one segment per worker that holds documents; documents are ordered by worker
// within a flush, by add() within a worker.
#include <search/error.h>
#include <search/index_writer.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "index/manifest.h"
#include "index/memory_segment.h"
#include "index/merger.h"
#include "index/segment.h"
#include "index/writer_internal.h"

namespace search {
namespace {

constexpr std::size_t kBatchSize = 32;
constexpr std::size_t kMaxQueuedBatches = 4;

std::uint64_t hash_id(std::string_view id) { return std::hash<std::string_view>{}(id); }

struct FlushResult {
  bool written = false;
  std::uint32_t doc_count = 0;
  std::uint64_t segment_id = 0;
  std::exception_ptr error;
};

// One analysis-and-inversion thread with its own in-memory segment.
class Worker {
 public:
  Worker(std::shared_ptr<const index::TextAnalyzer> analyzer, Env* env, std::string dir, int zstd_level)
      : analyzer_(std::move(analyzer)), env_(env), dir_(std::move(dir)), zstd_level_(zstd_level),
        thread_([this] { run(); }) {}
  ~Worker() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  // Blocks while the queue is full.
  void submit_batch(std::vector<Record> records) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < kMaxQueuedBatches; });
    queue_.push_back(Task{std::move(records), {}, nullptr});
    changed_.notify_all();
  }
  // Writes the buffer as segment `name` once the queued batches are in; the future says
  // whether there was anything to write.
  std::future<FlushResult> submit_flush(std::string name) {
    auto promise = std::make_shared<std::promise<FlushResult>>();
    auto future = promise->get_future();
    std::lock_guard lock(mutex_);
    queue_.push_back(Task{{}, std::move(name), std::move(promise)});
    changed_.notify_all();
    return future;
  }
  std::size_t queued() {
    std::lock_guard lock(mutex_);
    return queue_.size();
  }
  std::size_t memory() const { return memory_.load(std::memory_order_relaxed); }
  // The first analysis error, if any (then this worker drops further batches).
  std::exception_ptr error() {
    std::lock_guard lock(mutex_);
    return error_;
  }

  // Owned by the writer's thread: the docids handed out for the current buffer.
  std::uint32_t assigned_docs = 0;
  std::vector<bool> deleted;

 private:
  struct Task {
    std::vector<Record> records;
    std::string flush_name;
    std::shared_ptr<std::promise<FlushResult>> flushed;
  };

  void run() {
    for (;;) {
      Task task;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        task = std::move(queue_.front());
        queue_.pop_front();
        changed_.notify_all();
      }
      if (task.flushed) {
        task.flushed->set_value(flush(task.flush_name));
      } else {
        invert(task.records);
      }
    }
  }

  void invert(std::vector<Record>& records) {
    if (failed_) return;
    try {
      for (const auto& record : records) {
        index::analyze_record(record, *analyzer_, &collector_, &doc_, &segment_);
        segment_.add_document(std::move(doc_));
        doc_ = index::AnalyzedDoc();
      }
      memory_.store(segment_.memory_usage(), std::memory_order_relaxed);
    } catch (...) {
      std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      failed_ = true;
    }
  }

  FlushResult flush(const std::string& name) {
    FlushResult result;
    if (failed_) {
      result.error = error();
      return result;
    }
    try {
      if (!segment_.empty()) {
        index::SegmentBuilder builder(env_, dir_, name, zstd_level_);
        segment_.write(&builder);
        builder.finish();
        result.written = true;
        result.doc_count = segment_.doc_count();
        result.segment_id = builder.id();
      }
    } catch (...) {
      result.error = std::current_exception();
    }
    segment_.clear();
    memory_.store(segment_.memory_usage(), std::memory_order_relaxed);
    return result;
  }

  std::shared_ptr<const index::TextAnalyzer> analyzer_;
  Env* env_;
  std::string dir_;
  int zstd_level_;
  index::MemorySegment segment_;
  index::DocTermCollector collector_;
  index::AnalyzedDoc doc_;
  std::atomic<std::size_t> memory_{0};
  bool failed_ = false;  // worker thread only
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Task> queue_;
  std::exception_ptr error_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts after everything above is constructed
};

struct BufferedDoc {
  std::size_t worker;
  std::uint32_t doc;
};

}  // namespace

struct IndexWriter::Impl {
  struct LiveSegment {
    index::SegmentEntry entry;
    std::shared_ptr<const index::Segment> segment;
    index::Tombstones tombstones;
    bool dirty = false;  // tombstones changed since the last commit
  };

  Env* env;
  std::string dir;
  WriterOptions options;
  std::unique_ptr<FileLock> lock;
  index::Manifest committed;
  std::vector<LiveSegment> segments;
  std::uint64_t next_segment = 1;

  std::unordered_map<std::string, BufferedDoc> buffer_ids;
  std::unordered_set<std::uint64_t> segment_id_hashes;  // may hold ids deleted since
  std::uint64_t pending = 0;

  std::vector<std::unique_ptr<Worker>> workers;
  std::size_t current_worker = 0;
  std::vector<Record> current;  // the batch being gathered for workers[current_worker]
  std::string failure;

  void check_usable() const {
    if (!failure.empty()) throw Error(ErrorCode::kIo, dir + ": the writer failed earlier and must be reopened: " + failure);
  }

  // Runs `f`; any failure poisons the writer (its in-memory state may be half-updated).
  template <typename F>
  auto guarded(F&& f) {
    check_usable();
    try {
      return f();
    } catch (const std::exception& e) {
      failure = e.what();
      throw;
    }
  }

  // ---- opening ----

  void open_existing() {
    auto generations = index::list_generations(env, dir);
    if (generations.empty()) {
      if (!options.create_if_missing) throw Error(ErrorCode::kNotFound, dir + ": no index (no MANIFEST file)");
      committed.generation = 1;
      index::write_manifest(env, dir, committed);
    } else {
      if (options.error_if_exists) throw Error(ErrorCode::kInvalidArgument, dir + ": an index already exists");
      committed = index::read_manifest(env, dir, generations.back());
    }
    next_segment = committed.next_segment;
    for (const auto& entry : committed.segments) {
      const std::string manifest = index::manifest_file_name(committed.generation);
      LiveSegment live{entry, index::Segment::open(env, dir, entry.name, entry.id, manifest),
                       index::Tombstones(entry.doc_count), false};
      if (!entry.tombstones.empty()) {
        live.tombstones = index::Tombstones::read(env, dir + "/" + entry.tombstones, entry.doc_count, entry.id, manifest);
      }
      remember_ids(*live.segment);
      segments.push_back(std::move(live));
    }
    remove_obsolete_files();
  }

  void remember_ids(const index::Segment& segment) {
    auto it = segment.terms().iterator();
    for (it.seek("Q"); it.valid() && !it.term().empty() && it.term()[0] == 'Q'; it.next()) {
      segment_id_hashes.insert(hash_id(it.term().substr(1)));
    }
  }

  // ---- adding and deleting ----

  bool remove_from_segments(std::string_view id) {
    bool removed = false;
    std::string term = "Q" + std::string(id);
    for (auto& live : segments) {
      index::PostingListView list = live.segment->postings(term);
      for (index::PostingCursor c(list); !c.at_end(); c.next()) {
        if (live.tombstones.remove(c.docid())) {
          live.dirty = true;
          removed = true;
        }
      }
    }
    return removed;
  }

  bool remove_id(std::string_view id) {
    bool removed = false;
    if (auto it = buffer_ids.find(std::string(id)); it != buffer_ids.end()) {
      workers[it->second.worker]->deleted[it->second.doc] = true;
      buffer_ids.erase(it);
      removed = true;
    }
    if (segment_id_hashes.count(hash_id(id)) != 0) removed = remove_from_segments(id) || removed;
    return removed;
  }

  void add(Record&& record) {
    if (record.id.empty()) throw Error(ErrorCode::kInvalidArgument, "record from " + record.source + " has no id");
    remove_id(record.id);
    if (current.empty()) choose_worker();
    Worker& w = *workers[current_worker];
    buffer_ids[record.id] = {current_worker, w.assigned_docs++};
    w.deleted.push_back(false);
    ++pending;
    current.push_back(std::move(record));
    if (current.size() >= kBatchSize) submit();
    if (buffered_memory() >= options.memory_budget) flush();
  }

  // The next batch goes to the least busy worker.
  void choose_worker() {
    check_workers();
    std::size_t best = 0, best_queued = SIZE_MAX;
    for (std::size_t i = 0; i < workers.size(); ++i) {
      std::size_t q = workers[(current_worker + 1 + i) % workers.size()]->queued();
      if (q < best_queued) {
        best_queued = q;
        best = (current_worker + 1 + i) % workers.size();
      }
    }
    current_worker = best;
  }

  void submit() {
    if (current.empty()) return;
    workers[current_worker]->submit_batch(std::move(current));
    current.clear();
  }

  void check_workers() {
    for (auto& w : workers) {
      if (auto error = w->error()) std::rethrow_exception(error);
    }
  }

  std::size_t buffered_memory() const {
    std::size_t total = 0;
    for (const auto& w : workers) total += w->memory();
    return total;
  }

  // ---- flushing, committing ----

  // Every worker writes its buffer as a segment, all at once.
  void flush() {
    submit();
    std::vector<std::pair<std::string, std::future<FlushResult>>> flushes;
    for (auto& w : workers) {
      if (w->assigned_docs == 0) {
        flushes.emplace_back();
        continue;
      }
      std::string name = index::segment_name(next_segment++);
      flushes.emplace_back(name, w->submit_flush(name));
    }
    std::exception_ptr error;
    for (std::size_t i = 0; i < workers.size(); ++i) {
      if (!flushes[i].second.valid()) continue;
      FlushResult result = flushes[i].second.get();
      if (result.error && !error) error = result.error;
      if (error || !result.written) continue;
      Worker& w = *workers[i];
      const std::string& name = flushes[i].first;
      if (result.doc_count != w.assigned_docs) {
        throw Error(ErrorCode::kIo, name + ": flushed " + std::to_string(result.doc_count) + " documents, expected " +
                                        std::to_string(w.assigned_docs));
      }
      LiveSegment live{{name, result.doc_count, 0, "", result.segment_id},
                       index::Segment::open(env, dir, name, result.segment_id, "the writer"),
                       index::Tombstones(result.doc_count), false};
      for (std::uint32_t d = 0; d < w.deleted.size(); ++d) {
        if (w.deleted[d]) live.dirty = live.tombstones.remove(d) || live.dirty;
      }
      segments.push_back(std::move(live));
    }
    if (error) std::rethrow_exception(error);
    for (const auto& [id, where] : buffer_ids) segment_id_hashes.insert(hash_id(id));
    buffer_ids.clear();
    for (auto& w : workers) {
      w->assigned_docs = 0;
      w->deleted.clear();
    }
  }

  std::uint64_t commit_segments() {
    index::Manifest m;
    m.generation = committed.generation + 1;
    m.next_segment = next_segment;
    for (auto& live : segments) {
      if (live.dirty) {
        live.entry.tombstones = index::tombstone_file_name(live.entry.name, m.generation);
        live.tombstones.write(env, dir + "/" + live.entry.tombstones, live.entry.id);
      }
      live.entry.deleted_count = live.tombstones.deleted_count();
      m.segments.push_back(live.entry);
    }
    index::write_manifest(env, dir, m);
    committed = std::move(m);
    for (auto& live : segments) live.dirty = false;
    pending = 0;
    remove_obsolete_files();
    return committed.generation;
  }

  std::uint64_t commit() {
    flush();
    std::uint64_t generation = commit_segments();
    if (options.merge_policy.enabled && merge_by_policy()) generation = commit_segments();
    return generation;
  }

  // Removes every file of ours that the committed generation does not reference: older
  // manifests, tombstones and merged-away segments, and leftovers of crashed writers.
  // Open readers keep their mappings (POSIX), so removing is safe for them.
  void remove_obsolete_files() {
    std::unordered_set<std::string> keep{"LOCK", index::manifest_file_name(committed.generation)};
    for (const auto& live : segments) {
      for (const char* ext : index::kSegmentExtensions) keep.insert(live.entry.name + "." + ext);
      if (!live.entry.tombstones.empty()) keep.insert(live.entry.tombstones);
    }
    for (const auto& name : env->list_dir(dir)) {
      bool ours = name.rfind("MANIFEST-", 0) == 0 ||
                  (name.size() > 7 && name[0] == 's' && std::isdigit(static_cast<unsigned char>(name[1])) &&
                   name.find('.') == 7);
      if (ours && keep.count(name) == 0) env->remove_file(dir + "/" + name);
    }
  }

  // ---- merging ----

  void merge_range(std::size_t begin, std::size_t end) {
    std::vector<index::MergeInput> inputs;
    for (std::size_t i = begin; i < end; ++i) inputs.push_back({segments[i].segment, &segments[i].tombstones});
    std::string name = index::segment_name(next_segment++);
    index::SegmentBuilder builder(env, dir, name, options.zstd_level);
    std::uint32_t docs = index::merge_segments(inputs, &builder);
    builder.finish();
    std::vector<LiveSegment> merged;
    if (docs > 0) {
      merged.push_back({{name, docs, 0, "", builder.id()}, index::Segment::open(env, dir, name, builder.id(), "the writer"),
                        index::Tombstones(docs), false});
    }
    segments.erase(segments.begin() + static_cast<std::ptrdiff_t>(begin), segments.begin() + static_cast<std::ptrdiff_t>(end));
    segments.insert(segments.begin() + static_cast<std::ptrdiff_t>(begin), std::make_move_iterator(merged.begin()),
                    std::make_move_iterator(merged.end()));
  }

  // Lucene's LogMergePolicy over live document counts; returns true if it merged.
  bool merge_by_policy() {
    const auto& policy = options.merge_policy;
    std::uint32_t factor = std::max<std::uint32_t>(policy.merge_factor, 2);
    bool merged_any = false;
    for (bool merged = true; merged;) {
      merged = false;
      std::vector<double> levels;
      for (const auto& live : segments) {
        double docs = std::max<double>(live.tombstones.doc_count() - live.tombstones.deleted_count(), 1.0);
        levels.push_back(std::log(docs) / std::log(static_cast<double>(factor)));
      }
      std::size_t start = 0;
      while (start < segments.size() && !merged) {
        double top = *std::max_element(levels.begin() + static_cast<std::ptrdiff_t>(start), levels.end());
        double floor = top - 0.75;
        std::size_t upto = segments.size() - 1;
        while (upto > start && levels[upto] < floor) --upto;
        for (std::size_t w = start; w + factor <= upto + 1; w += factor) {
          bool too_big = false;
          for (std::size_t i = w; i < w + factor; ++i) too_big = too_big || segments[i].entry.doc_count > policy.max_merge_docs;
          if (too_big) continue;
          merge_range(w, w + factor);
          merged = merged_any = true;
          break;
        }
        start = upto + 1;
      }
    }
    return merged_any;
  }

  std::uint64_t merge_all() {
    commit();
    bool any_deleted = std::any_of(segments.begin(), segments.end(),
                                   [](const LiveSegment& s) { return s.tombstones.deleted_count() > 0; });
    if (segments.size() > 1 || any_deleted) {
      merge_range(0, segments.size());
      return commit_segments();
    }
    return committed.generation;
  }
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;

void IndexWriter::add(Record record) {
  impl_->guarded([&] { impl_->add(std::move(record)); });
}
bool IndexWriter::remove(std::string_view id) {
  return impl_->guarded([&] { return impl_->remove_id(id) && (++impl_->pending, true); });
}
void IndexWriter::flush() {
  impl_->guarded([&] { impl_->flush(); });
}
std::uint64_t IndexWriter::commit() {
  return impl_->guarded([&] { return impl_->commit(); });
}
std::uint64_t IndexWriter::merge() {
  return impl_->guarded([&] { return impl_->merge_all(); });
}
std::uint64_t IndexWriter::generation() const { return impl_->committed.generation; }
std::uint64_t IndexWriter::pending_documents() const { return impl_->pending; }
const std::string& IndexWriter::directory() const { return impl_->dir; }

namespace index {

std::unique_ptr<IndexWriter> open_writer(const std::string& dir, const WriterOptions& options,
                                         std::shared_ptr<const TextAnalyzer> analyzer) {
  auto impl = std::make_unique<IndexWriter::Impl>();
  impl->env = options.env != nullptr ? options.env : Env::posix();
  impl->dir = dir;
  impl->options = options;
  if (options.create_if_missing) {
    impl->env->create_dir(dir);
  } else if (!impl->env->file_exists(dir)) {
    throw Error(ErrorCode::kNotFound, dir + ": no such index directory");
  }
  impl->lock = impl->env->lock_file(dir + "/LOCK");
  impl->open_existing();
  unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < threads; ++i) {
    impl->workers.push_back(std::make_unique<Worker>(analyzer, impl->env, dir, options.zstd_level));
  }
  return std::make_unique<IndexWriter>(std::move(impl));
}

}  // namespace index
}  // namespace search
