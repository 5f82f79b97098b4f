// IndexWriter: an analysis pipeline feeding an in-memory segment, flushes to immutable
// segments, tombstones, commits of manifest generations and the log merge policy.
//
// Pipeline: add() gathers records into batches; a pool of analysis threads turns each batch
// into AnalyzedDocs (the costly part: tokenising, stemming, folding, decompounding, zstd-
// ready record encoding); the caller's thread inverts finished batches into the
// MemorySegment strictly in submission order, so docids follow add() order.
#include <search/error.h>
#include <search/index_writer.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
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

using index::AnalyzedDoc;

constexpr std::size_t kBatchSize = 32;

std::uint64_t hash_id(std::string_view id) { return std::hash<std::string_view>{}(id); }

struct Batch {
  std::vector<Record> records;
  std::vector<AnalyzedDoc> docs;
  std::exception_ptr error;
  bool done = false;
};

// Worker threads analysing batches; results are collected in order by the owner.
class AnalysisPool {
 public:
  AnalysisPool(unsigned threads, std::shared_ptr<const index::TextAnalyzer> analyzer)
      : analyzer_(std::move(analyzer)) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { run(); });
  }
  ~AnalysisPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
    for (auto& t : workers_) t.join();
  }
  void submit(std::shared_ptr<Batch> batch) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(batch));
    }
    work_ready_.notify_one();
  }
  void wait(Batch& batch) {
    std::unique_lock lock(mutex_);
    batch_done_.wait(lock, [&] { return batch.done; });
  }
  bool is_done(Batch& batch) {
    std::lock_guard lock(mutex_);
    return batch.done;
  }

 private:
  void run() {
    index::DocTermCollector collector;
    for (;;) {
      std::shared_ptr<Batch> batch;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_ || queue_.empty()) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
      }
      try {
        batch->docs.resize(batch->records.size());
        for (std::size_t i = 0; i < batch->records.size(); ++i) {
          index::analyze_record(batch->records[i], *analyzer_, &collector, &batch->docs[i]);
        }
        batch->records.clear();
        batch->records.shrink_to_fit();
      } catch (...) {
        batch->error = std::current_exception();
        collector = index::DocTermCollector();
      }
      {
        std::lock_guard lock(mutex_);
        batch->done = true;
      }
      batch_done_.notify_all();
    }
  }

  std::shared_ptr<const index::TextAnalyzer> analyzer_;
  std::mutex mutex_;
  std::condition_variable work_ready_, batch_done_;
  std::deque<std::shared_ptr<Batch>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
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

  index::MemorySegment buffer;
  std::uint32_t buffer_next_doc = 0;
  std::vector<bool> buffer_deleted;
  std::unordered_map<std::string, std::uint32_t> buffer_ids;
  std::unordered_set<std::uint64_t> segment_id_hashes;  // may hold ids deleted since
  std::uint64_t pending = 0;

  std::unique_ptr<AnalysisPool> pool;
  std::shared_ptr<Batch> current;
  std::deque<std::shared_ptr<Batch>> inflight;
  std::size_t max_inflight = 4;
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
      LiveSegment live{entry, index::Segment::open(env, dir, entry.name), index::Tombstones(entry.doc_count), false};
      if (!entry.tombstones.empty()) live.tombstones = index::Tombstones::read(env, dir + "/" + entry.tombstones, entry.doc_count);
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
      buffer_deleted[it->second] = true;
      buffer_ids.erase(it);
      removed = true;
    }
    if (segment_id_hashes.count(hash_id(id)) != 0) removed = remove_from_segments(id) || removed;
    return removed;
  }

  void add(Record&& record) {
    if (record.id.empty()) throw Error(ErrorCode::kInvalidArgument, "record from " + record.source + " has no id");
    remove_id(record.id);
    buffer_ids[record.id] = buffer_next_doc++;
    buffer_deleted.push_back(false);
    ++pending;
    if (!current) current = std::make_shared<Batch>();
    current->records.push_back(std::move(record));
    if (current->records.size() >= kBatchSize) submit();
    while (!inflight.empty() && (inflight.size() > max_inflight || pool->is_done(*inflight.front()))) invert_front();
    if (buffer.memory_usage() >= options.memory_budget) flush();
  }

  void submit() {
    if (!current) return;
    inflight.push_back(current);
    pool->submit(std::move(current));
    current.reset();
  }

  void invert_front() {
    std::shared_ptr<Batch> batch = std::move(inflight.front());
    inflight.pop_front();
    pool->wait(*batch);
    if (batch->error) std::rethrow_exception(batch->error);
    for (auto& doc : batch->docs) buffer.add(std::move(doc));
  }

  void drain() {
    submit();
    while (!inflight.empty()) invert_front();
  }

  // ---- flushing, committing ----

  void flush() {
    drain();
    if (buffer.empty()) return;
    std::string name = index::segment_name(next_segment++);
    index::SegmentBuilder builder(env, dir, name, options.zstd_level);
    buffer.write(&builder);
    builder.finish();
    LiveSegment live{{name, buffer.doc_count(), 0, ""}, index::Segment::open(env, dir, name),
                     index::Tombstones(buffer.doc_count()), false};
    for (std::uint32_t d = 0; d < buffer_deleted.size(); ++d) {
      if (buffer_deleted[d]) live.dirty = live.tombstones.remove(d) || live.dirty;
    }
    for (const auto& [id, doc] : buffer_ids) segment_id_hashes.insert(hash_id(id));
    segments.push_back(std::move(live));
    buffer.clear();
    buffer_ids.clear();
    buffer_deleted.clear();
    buffer_next_doc = 0;
  }

  std::uint64_t commit_segments() {
    index::Manifest m;
    m.generation = committed.generation + 1;
    m.next_segment = next_segment;
    for (auto& live : segments) {
      if (live.dirty) {
        live.entry.tombstones = index::tombstone_file_name(live.entry.name, m.generation);
        live.tombstones.write(env, dir + "/" + live.entry.tombstones);
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
      merged.push_back({{name, docs, 0, ""}, index::Segment::open(env, dir, name), index::Tombstones(docs), false});
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
  impl->max_inflight = 2 * threads;
  impl->pool = std::make_unique<AnalysisPool>(threads, std::move(analyzer));
  return std::make_unique<IndexWriter>(std::move(impl));
}

}  // namespace index
}  // namespace search
