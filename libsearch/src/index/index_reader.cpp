#include <search/error.h>
#include <search/index_reader.h>

#include <filesystem>
#include <map>

#include "index/snapshot.h"

namespace search {

struct IndexReader::Impl {
  std::shared_ptr<const index::Snapshot> snapshot;
  std::string given_dir;  // the path the caller opened: reopen() resolves it again
};

namespace {

// An index directory may be a link that a rebuild switches atomically to a new generation
// directory (docs/operations.md). Resolving it once, before the manifest is read, keeps every
// file of one snapshot in the same directory even if the link moves while they are opened.
std::string resolve_index_dir(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_symlink(dir, ec)) return dir;
  std::filesystem::path target = std::filesystem::canonical(dir, ec);
  return ec ? dir : target.string();
}

// A rebuild may switch the link and delete the generation it named between the resolve and
// the open (`rebuild --keep N`): the open then fails on missing files while the link already
// names a newer generation. Open that one instead; a failure with the link unmoved is real.
template <class OpenSnapshot>
std::shared_ptr<const index::Snapshot> open_through_link(const std::string& dir, OpenSnapshot open_snapshot) {
  constexpr int kMaxSwitches = 16;
  for (int attempt = 0;; ++attempt) {
    const std::string target = resolve_index_dir(dir);
    try {
      return open_snapshot(target);
    } catch (const std::exception&) {
      if (attempt == kMaxSwitches || resolve_index_dir(dir) == target) throw;
    }
  }
}

}  // namespace

namespace index {

std::shared_ptr<const Snapshot> Snapshot::open(Env* env, const std::string& dir, std::uint64_t generation,
                                               const Snapshot* previous) {
  auto s = std::make_shared<Snapshot>();
  s->env_ = env;
  s->dir_ = dir;
  s->manifest_ = read_manifest(env, dir, generation);
  std::map<std::string, const SegmentRef*> reusable;
  if (previous != nullptr) {
    for (std::size_t i = 0; i < previous->segments_.size(); ++i) {
      reusable[previous->manifest_.segments[i].name + "|" + std::to_string(previous->manifest_.segments[i].id) + "|" +
               previous->manifest_.segments[i].tombstones] =
          &previous->segments_[i];
    }
  }
  for (const auto& entry : s->manifest_.segments) {
    SegmentRef ref;
    auto it = reusable.find(entry.name + "|" + std::to_string(entry.id) + "|" + entry.tombstones);
    if (it != reusable.end()) {
      ref.segment = it->second->segment;
      ref.tombstones = it->second->tombstones;
    } else {
      const std::string manifest = manifest_file_name(generation);
      ref.segment = Segment::open(env, dir, entry.name, entry.id, manifest);
      if (ref.segment->doc_count() != entry.doc_count) {
        throw Error(ErrorCode::kCorrupt, dir + "/" + manifest_file_name(generation) + ": segment " + entry.name +
                                             " holds " + std::to_string(ref.segment->doc_count()) +
                                             " documents, the manifest says " + std::to_string(entry.doc_count));
      }
      ref.tombstones = entry.tombstones.empty()
                           ? std::make_shared<const Tombstones>(entry.doc_count)
                           : std::make_shared<const Tombstones>(
                                 Tombstones::read(env, dir + "/" + entry.tombstones, entry.doc_count, entry.id, manifest));
    }
    ref.doc_base = s->total_docs_;
    s->total_docs_ += ref.segment->doc_count();
    s->live_docs_ += ref.live_count();
    std::uint64_t length = ref.segment->total_length();
    for (std::uint32_t w = 0; w < ref.tombstones->words().size(); ++w) {
      for (std::uint64_t bits = ref.tombstones->words()[w]; bits != 0; bits &= bits - 1) {
        length -= ref.segment->doc_length(w * 64 + static_cast<std::uint32_t>(__builtin_ctzll(bits)));
      }
    }
    s->live_length_ += length;
    s->segments_.push_back(std::move(ref));
  }
  return s;
}

std::shared_ptr<const Snapshot> Snapshot::open_newest(Env* env, const std::string& dir, const Snapshot* previous) {
  for (int attempt = 0;; ++attempt) {
    auto generations = list_generations(env, dir);
    if (generations.empty()) throw Error(ErrorCode::kNotFound, dir + ": no index (no MANIFEST file)");
    try {
      return open(env, dir, generations.back(), previous);
    } catch (const Error& e) {
      // A writer may have committed and removed this generation's files meanwhile.
      if (e.code() != ErrorCode::kNotFound || attempt >= 20) throw;
      if (list_generations(env, dir).back() == generations.back()) throw;
    }
  }
}

std::uint64_t Snapshot::doc_freq(std::string_view term) const {
  std::uint64_t df = 0;
  TermInfo info;
  for (const auto& ref : segments_) {
    if (ref.segment->find_term(term, &info)) df += info.df;
  }
  return df;
}

bool Snapshot::find_id(std::string_view id, std::size_t* segment, std::uint32_t* doc) const {
  std::string term = "Q" + std::string(id);
  for (std::size_t i = segments_.size(); i-- > 0;) {
    PostingListView list = segments_[i].segment->postings(term);
    for (PostingCursor c(list); !c.at_end(); c.next()) {
      if (segments_[i].is_live(c.docid())) {
        *segment = i;
        *doc = c.docid();
        return true;
      }
    }
  }
  return false;
}

std::shared_ptr<const Snapshot> snapshot_of(const IndexReader& reader) { return reader.impl().snapshot; }

}  // namespace index

IndexReader::IndexReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexReader::~IndexReader() = default;

std::unique_ptr<IndexReader> IndexReader::open(const std::string& dir, const ReaderOptions& options) {
  Env* env = options.env != nullptr ? options.env : Env::posix();
  auto impl = std::make_unique<Impl>();
  impl->given_dir = dir;
  impl->snapshot = open_through_link(
      dir, [env](const std::string& target) { return index::Snapshot::open_newest(env, target, nullptr); });
  return std::make_unique<IndexReader>(std::move(impl));
}

std::unique_ptr<IndexReader> IndexReader::reopen() const {
  const auto& s = *impl_->snapshot;
  auto impl = std::make_unique<Impl>();
  impl->given_dir = impl_->given_dir;
  // Segments are shared only within one directory: another generation directory reuses
  // segment names for other contents.
  impl->snapshot = open_through_link(impl_->given_dir, [&s](const std::string& target) {
    const index::Snapshot* previous = target == s.directory() ? &s : nullptr;
    return index::Snapshot::open_newest(s.env(), target, previous);
  });
  return std::make_unique<IndexReader>(std::move(impl));
}

std::uint64_t IndexReader::generation() const { return impl_->snapshot->generation(); }
std::uint64_t IndexReader::document_count() const { return impl_->snapshot->live_documents(); }
const std::string& IndexReader::directory() const { return impl_->snapshot->directory(); }

std::optional<Record> IndexReader::find(std::string_view id) const {
  std::size_t segment;
  std::uint32_t doc;
  if (!impl_->snapshot->find_id(id, &segment, &doc)) return std::nullopt;
  return impl_->snapshot->segments()[segment].segment->record(doc);
}

namespace {

IndexStats stats_of(const index::Snapshot& s) {
  IndexStats st;
  st.generation = s.generation();
  st.segments = s.segments().size();
  st.documents = s.live_documents();
  st.deleted = s.total_documents() - s.live_documents();
  st.total_length = s.live_length();
  for (const auto& ref : s.segments()) {
    st.terms += ref.segment->terms().term_count();
    for (const auto& [kind, bytes] : ref.segment->file_sizes()) st.bytes_by_kind[kind] += bytes;
  }
  Env* env = s.env();
  for (const auto& entry : s.manifest().segments) {
    if (!entry.tombstones.empty()) st.bytes_by_kind["del"] += env->file_size(s.directory() + "/" + entry.tombstones);
  }
  st.bytes_by_kind["manifest"] += env->file_size(s.directory() + "/" + index::manifest_file_name(s.generation()));
  for (const auto& [kind, bytes] : st.bytes_by_kind) st.bytes += bytes;
  return st;
}

}  // namespace

IndexStats IndexReader::stats() const { return stats_of(*impl_->snapshot); }

IndexStats check_index(const std::string& dir, Env* env) {
  if (env == nullptr) env = Env::posix();
  auto snapshot = open_through_link(
      dir, [env](const std::string& target) { return index::Snapshot::open_newest(env, target, nullptr); });
  for (const auto& ref : snapshot->segments()) ref.segment->validate();
  return stats_of(*snapshot);
}

}  // namespace search
