// POSN body layout: per positional term (in term-dictionary order), a blob of
//   group_offset u32 * (group_count - 1)   byte offset, from the start of the data, of
//                                          the postings 128, 256, ... (group_count =
//                                          ceil(df / 128)); absent when df <= 128
//   data    per posting, its freq positions as varints: the first absolute, then gaps
// A posting's position count is its term frequency in the posting list, so the blob
// stores no counts: to reach posting r, jump to group r / 128 and skip the varints of the
// earlier postings of that group (their freqs come from one freq block of the list).
#include "index/segment.h"

#include <algorithm>
#include <random>

#include <search/error.h>

namespace search::index {
namespace {

std::string file_path(const std::string& dir, const std::string& name, const char* ext) {
  return dir + "/" + name + "." + ext;
}

// Skips `count` varints starting at p (bounded by end); returns the new position or null.
const std::uint8_t* skip_varints(const std::uint8_t* p, const std::uint8_t* end, std::uint64_t count) {
  while (count > 0) {
    if (p >= end) return nullptr;
    if ((*p++ & 0x80) == 0) --count;
  }
  return p;
}

// A random, nonzero id: two segments of two indexes (or of one) share one with
// probability 2^-64, so a file swapped in from elsewhere is refused at open.
std::uint64_t new_segment_id() {
  std::random_device device;
  std::uint64_t id = 0;
  while (id == 0) id = (std::uint64_t{device()} << 32) ^ device();
  return id;
}

}  // namespace

// ---- PositionReader ----

PositionReader::PositionReader(const FileView* file, const TermInfo& info, PostingListView list)
    : file_(file), list_(list), offset_(info.positions_offset), size_(info.positions_size) {
  group_count_ = (list.size() + postings::kBlockSize - 1) / postings::kBlockSize;
  if (std::uint64_t{group_count_ - 1} * 4 > size_ && group_count_ > 0) {
    file_->fail("positions of a term at offset " + std::to_string(offset_) + " shorter than their skip table");
  }
  file_->verify_range(offset_, size_);
}

void PositionReader::load_group(std::uint32_t group) {
  const std::uint8_t* blob = file_->body() + offset_;
  std::uint32_t table = (group_count_ - 1) * 4;
  std::uint64_t start = group == 0 ? 0 : load_u32(blob + 4 * (group - 1));
  if (table + start > size_) file_->fail("position group offset out of range at offset " + std::to_string(offset_));
  list_.decode_freq_block(group, freqs_);
  std::uint32_t n = std::min<std::uint32_t>(postings::kBlockSize, list_.size() - group * postings::kBlockSize);
  const std::uint8_t* data = blob + table;
  const std::uint8_t* end = blob + size_;
  const std::uint8_t* p = data + start;
  starts_[0] = static_cast<std::uint32_t>(p - data);
  for (std::uint32_t i = 0; i < n; ++i) {
    p = skip_varints(p, end, freqs_[i]);
    if (p == nullptr) file_->fail("positions truncated at offset " + std::to_string(offset_));
    starts_[i + 1] = static_cast<std::uint32_t>(p - data);
  }
  group_ = group;
}

void PositionReader::positions(std::uint32_t rank, std::vector<std::uint32_t>* out) {
  out->clear();
  if (file_ == nullptr) return;
  if (rank >= list_.size()) throw Error(ErrorCode::kInvalidArgument, "posting ordinal out of range");
  std::uint32_t group = rank / postings::kBlockSize;
  if (group != group_) load_group(group);
  std::uint32_t i = rank % postings::kBlockSize;
  const std::uint8_t* data = file_->body() + offset_ + (group_count_ - 1) * 4;
  Cursor c(data + starts_[i], data + starts_[i + 1], &file_->path());
  std::uint32_t position = 0;
  for (std::uint32_t k = 0; k < freqs_[i]; ++k) {
    std::uint32_t v = c.varint32();
    position = k == 0 ? v : position + v;
    out->push_back(position);
  }
}

std::string_view PositionReader::data() const {
  if (file_ == nullptr || group_count_ == 0) return {};
  std::uint32_t table = (group_count_ - 1) * 4;  // checked against size_ at construction
  return {reinterpret_cast<const char*>(file_->body() + offset_ + table), size_ - table};
}

// ---- Segment ----

std::shared_ptr<const Segment> Segment::open(Env* env, const std::string& dir, const std::string& name,
                                             std::uint64_t id, const std::string& recorded_by) {
  // Every file is checked to belong to this segment before anything reads its body.
  auto open_file = [&](const char* ext, std::string_view kind) {
    auto file = FileView::open(env, file_path(dir, name, ext), kind);
    file->expect_segment(id, recorded_by);
    return file;
  };
  std::shared_ptr<Segment> s(new Segment());
  s->name_ = name;
  s->terms_ = std::make_unique<TermDict>(open_file("term", "TERM"));
  s->postings_ = open_file("pstg", "PSTG");
  s->positions_ = open_file("posn", "POSN");
  s->lengths_ = std::make_unique<DocLengths>(open_file("lens", "LENS"));
  s->facets_ = std::make_unique<FacetColumns>(open_file("fact", "FACT"));
  s->stored_ = std::make_unique<StoredFields>(open_file("stor", "STOR"));
  std::uint32_t n = s->lengths_->doc_count();
  if (s->facets_->doc_count() != n) s->facets_->file().fail("holds " + std::to_string(s->facets_->doc_count()) + " docs, the segment " + std::to_string(n));
  if (s->stored_->doc_count() != n) s->stored_->file().fail("holds " + std::to_string(s->stored_->doc_count()) + " docs, the segment " + std::to_string(n));
  return s;
}

PostingListView Segment::postings(const TermInfo& info) const {
  postings_->verify_range(info.postings_offset, info.postings_size);
  std::string_view bytes(reinterpret_cast<const char*>(postings_->body() + info.postings_offset), info.postings_size);
  PostingListView list;
  try {
    list = PostingListView::open(bytes);
  } catch (const Error& e) {
    postings_->fail("posting list at offset " + std::to_string(info.postings_offset) + ": " + e.what());
  }
  if (list.size() != info.df || (list.size() > 0 && list.last_docid() >= doc_count())) {
    postings_->fail("posting list at offset " + std::to_string(info.postings_offset) +
                    " does not match its dictionary entry");
  }
  return list;
}

PostingListView Segment::postings(std::string_view term) const {
  TermInfo info;
  if (!find_term(term, &info)) return PostingListView();
  return postings(info);
}

PositionReader Segment::positions(const TermInfo& info, const PostingListView& list) const {
  if (info.positions_size == 0) return PositionReader();
  return PositionReader(positions_.get(), info, list);
}

std::vector<std::pair<std::string, std::uint64_t>> Segment::file_sizes() const {
  return {{"term", terms_->file().file_size()},     {"pstg", postings_->file_size()},
          {"posn", positions_->file_size()},        {"lens", lengths_->file().file_size()},
          {"fact", facets_->file().file_size()},    {"stor", stored_->file().file_size()}};
}

void Segment::validate() const {
  terms_->validate();
  postings_->verify_all();
  positions_->verify_all();
  stored_->validate();
  facets_->validate();
  std::vector<std::uint32_t> docids, freqs, pos;
  std::uint64_t expected_postings = 0, expected_positions = 0;
  auto it = terms_->iterator();
  for (it.seek_to_first(); it.valid(); it.next()) {
    const TermInfo& info = it.info();
    std::string where = postings_->path() + ": term '" + std::string(it.term()) + "'";
    if (info.postings_offset != expected_postings || info.positions_offset != expected_positions) {
      terms_->file().fail("term '" + std::string(it.term()) + "' points outside its place");
    }
    expected_postings += info.postings_size;
    expected_positions += info.positions_size;
    PostingListView list = postings(info);
    list.validate(where);
    if (info.positions_size == 0) continue;
    docids.clear();
    freqs.clear();
    list.decode_all(&docids, &freqs);
    PositionReader reader = positions(info, list);
    for (std::uint32_t r = 0; r < list.size(); ++r) {
      reader.positions(r, &pos);
      if (!std::is_sorted(pos.begin(), pos.end())) positions_->fail("positions of term '" + std::string(it.term()) + "' out of order");
    }
  }
  if (expected_postings != postings_->body_size()) postings_->fail("holds bytes no term points to");
  if (expected_positions != positions_->body_size()) positions_->fail("holds bytes no term points to");
}

// ---- SegmentBuilder ----

SegmentBuilder::SegmentBuilder(Env* env, const std::string& dir, const std::string& name, int zstd_level)
    : dir_(dir), name_(name), id_(new_segment_id()) {
  term_file_ = std::make_unique<FileBuilder>(env, file_path(dir, name, "term"), "TERM", id_);
  postings_file_ = std::make_unique<FileBuilder>(env, file_path(dir, name, "pstg"), "PSTG", id_);
  positions_file_ = std::make_unique<FileBuilder>(env, file_path(dir, name, "posn"), "POSN", id_);
  lengths_file_ = std::make_unique<FileBuilder>(env, file_path(dir, name, "lens"), "LENS", id_);
  facets_file_ = std::make_unique<FileBuilder>(env, file_path(dir, name, "fact"), "FACT", id_);
  stored_file_ = std::make_unique<FileBuilder>(env, file_path(dir, name, "stor"), "STOR", id_);
  dict_ = std::make_unique<TermDictBuilder>(term_file_.get());
  stored_ = std::make_unique<StoredFieldsBuilder>(stored_file_.get(), zstd_level);
}

SegmentBuilder::~SegmentBuilder() = default;

void SegmentBuilder::add_term(std::string_view term, std::span<const std::uint32_t> docids,
                              std::span<const std::uint32_t> freqs, std::string_view positions,
                              bool has_positions) {
  TermInfo info;
  info.df = static_cast<std::uint32_t>(docids.size());
  info.postings_offset = postings_file_->body_size();
  info.positions_offset = positions_file_->body_size();
  bool all_ones = std::all_of(freqs.begin(), freqs.end(), [](std::uint32_t f) { return f == 1; });
  scratch_.clear();
  postings::encode_posting_list(docids, all_ones ? std::span<const std::uint32_t>() : freqs, &scratch_);
  info.postings_size = static_cast<std::uint32_t>(scratch_.size());
  postings_file_->append(scratch_);
  if (has_positions) {
    // The group skip table: scan the varints to find where every 128th posting starts.
    scratch_.clear();
    const auto* begin = reinterpret_cast<const std::uint8_t*>(positions.data());
    const std::uint8_t* p = begin;
    const std::uint8_t* end = begin + positions.size();
    for (std::size_t i = 0; i < docids.size(); ++i) {
      if (i > 0 && i % postings::kBlockSize == 0) put_u32(scratch_, static_cast<std::uint32_t>(p - begin));
      p = skip_varints(p, end, freqs.empty() ? 1 : freqs[i]);
      if (p == nullptr) throw Error(ErrorCode::kInvalidArgument, "positions of term '" + std::string(term) + "' shorter than its freqs");
    }
    scratch_.append(positions);
    info.positions_size = static_cast<std::uint32_t>(scratch_.size());
    positions_file_->append(scratch_);
  }
  dict_->add(term, info);
}

void SegmentBuilder::add_doc(std::string_view encoded_record, std::uint32_t length, const DocFacets& facets) {
  stored_->add(encoded_record);
  columns_.add(length, facets);
}

std::uint64_t SegmentBuilder::finish() {
  dict_->finish();
  stored_->finish();
  columns_.write_lengths(lengths_file_.get());
  columns_.write_facets(facets_file_.get());
  std::uint64_t total = 0;
  for (auto* f : {&term_file_, &postings_file_, &positions_file_, &lengths_file_, &facets_file_, &stored_file_}) {
    total += (*f)->finish();
  }
  return total;
}

}  // namespace search::index
