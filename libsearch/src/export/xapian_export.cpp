#include "export/xapian_export.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <span>
#include <string_view>
#include <system_error>
#include <vector>

#include <xapian.h>

#include <search/error.h>
#include <search/record_json.h>

#include "index/doc_columns.h"

namespace search::xapian_export {
namespace {

namespace fs = std::filesystem;

// Glass refuses longer terms.
constexpr std::size_t kMaxXapianTermBytes = 245;

// Filter terms of docs/terms.md: Q (record id) and X* (committee, route, outcome, year,
// date, case, access). Everything else is free text.
bool is_boolean_term(std::string_view term) { return term[0] == 'Q' || term[0] == 'X'; }

// "YYYYMMDD" of a day number.
std::string compact_date(std::int32_t day) {
  std::string iso = index::iso_from_day(day);  // YYYY-MM-DD
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

// One segment's postings for a batch of its documents, turned document-major.
class BatchInverter {
 public:
  BatchInverter(const index::SegmentRef& ref, std::uint32_t begin, std::uint32_t end)
      : ref_(ref), begin_(begin), end_(end), docs_(end - begin) {}

  // One pass over the term dictionary, collecting the postings of [begin, end).
  void collect(ExportStats* stats) {
    const index::Segment& segment = *ref_.segment;
    std::vector<std::uint32_t> positions;
    index::TermIterator it = segment.terms().iterator();
    for (it.seek_to_first(); it.valid(); it.next()) {
      const index::TermInfo& info = it.info();
      postings::PostingListView list = segment.postings(info);
      postings::PostingCursor cursor = list.cursor();
      cursor.advance(begin_);
      if (cursor.at_end() || cursor.docid() >= end_) continue;
      check_term(it.term());
      const auto term_index = static_cast<std::uint32_t>(terms_.size());
      terms_.emplace_back(it.term());
      index::PositionReader reader;
      if (info.positions_size != 0) reader = segment.positions(info, list);
      for (; !cursor.at_end() && cursor.docid() < end_; cursor.next()) {
        if (!ref_.is_live(cursor.docid())) continue;
        Posting p{term_index, cursor.freq(), static_cast<std::uint32_t>(positions_.size()), 0};
        if (reader.has_positions()) {
          reader.positions(cursor.index(), &positions);
          positions_.insert(positions_.end(), positions.begin(), positions.end());
          p.position_count = static_cast<std::uint32_t>(positions.size());
          stats->positions += positions.size();
        }
        docs_[cursor.docid() - begin_].push_back(p);
        ++stats->postings;
      }
    }
  }

  // The Xapian document of local docid `doc` (REQUIRES: live, in the batch).
  Xapian::Document document(std::uint32_t doc) const {
    Xapian::Document out;
    for (const Posting& p : docs_[doc - begin_]) {
      const std::string& term = terms_[p.term];
      if (p.position_count != 0) {
        // Positions with no wdf increment, then the stored frequency as the wdf, so the
        // wdf is ours even if it ever differs from the number of positions.
        for (std::uint32_t i = 0; i < p.position_count; ++i) out.add_posting(term, positions_[p.position_begin + i], 0);
        out.add_term(term, p.freq);
      } else if (is_boolean_term(term)) {
        out.add_boolean_term(term);
      } else {
        out.add_term(term, p.freq);
      }
    }
    out.set_data(record_to_json(ref_.segment->record(doc)));
    add_values(ref_.segment->facets().days().of(doc), &out);
    return out;
  }

 private:
  struct Posting {
    std::uint32_t term;
    std::uint32_t freq;
    std::uint32_t position_begin;
    std::uint32_t position_count;
  };

  static void check_term(std::string_view term) {
    if (term.size() > kMaxXapianTermBytes) {
      throw Error(ErrorCode::kLimit, "Xapian export: term '" + std::string(term.substr(0, 64)) + "...' has " +
                                         std::to_string(term.size()) + " bytes; Xapian allows at most 245");
    }
  }

  // Days are ascending and distinct (doc_columns.h).
  static void add_values(std::span<const std::int32_t> days, Xapian::Document* out) {
    if (days.empty()) return;
    std::string first = compact_date(days.front());
    out->add_value(kSlotFirstDate, first);
    out->add_value(kSlotYear, first.substr(0, 4));
    out->add_value(kSlotLastDate, compact_date(days.back()));
  }

  const index::SegmentRef& ref_;
  std::uint32_t begin_, end_;
  std::vector<std::string> terms_;
  std::vector<std::vector<Posting>> docs_;
  std::vector<std::uint32_t> positions_;
};

std::uint64_t directory_bytes(const fs::path& dir) {
  std::uint64_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) bytes += entry.file_size(ec);
  }
  return bytes;
}

void write_metadata(const index::Snapshot& snapshot, Xapian::WritableDatabase* db) {
  db->set_metadata("libsearch.source_index", snapshot.directory());
  db->set_metadata("libsearch.generation", std::to_string(snapshot.generation()));
  db->set_metadata("libsearch.docid", "xapian docid = libsearch snapshot docid + 1");
  db->set_metadata("libsearch.values", "0: first decision date YYYYMMDD; 1: its year YYYY; 2: last decision date YYYYMMDD");
}

void write_database(const index::Snapshot& snapshot, const std::string& path, const ExportOptions& options,
                    ExportStats* stats) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  const std::uint32_t batch = std::max<std::uint32_t>(options.batch_documents, 1);
  for (const index::SegmentRef& ref : snapshot.segments()) {
    const std::uint32_t n = ref.segment->doc_count();
    for (std::uint32_t begin = 0; begin < n; begin += std::min(batch, n - begin)) {
      const std::uint32_t end = begin + std::min(batch, n - begin);
      BatchInverter inverter(ref, begin, end);
      inverter.collect(stats);
      for (std::uint32_t doc = begin; doc < end; ++doc) {
        if (!ref.is_live(doc)) {
          ++stats->skipped_deleted;
          continue;
        }
        db.replace_document(static_cast<Xapian::docid>(ref.doc_base + doc + 1), inverter.document(doc));
        ++stats->documents;
      }
      db.commit();
      if (options.progress) options.progress(stats->documents, snapshot.live_documents());
    }
  }
  write_metadata(snapshot, &db);
  db.commit();
  db.close();
}

// Moves the finished database at `tmp` to `out`, replacing an old one.
void install(const fs::path& tmp, const fs::path& out) {
  std::error_code ec;
  fs::path old;
  if (fs::exists(out)) {
    old = out.string() + ".old-" + std::to_string(::getpid());
    fs::rename(out, old, ec);
    if (ec) throw Error(ErrorCode::kIo, "Xapian export: cannot move " + out.string() + " aside: " + ec.message());
  }
  fs::rename(tmp, out, ec);
  if (ec) throw Error(ErrorCode::kIo, "Xapian export: cannot rename " + tmp.string() + " to " + out.string() + ": " + ec.message());
  if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace

ExportStats export_snapshot(const index::Snapshot& snapshot, const std::string& out_dir, const ExportOptions& options) {
  const fs::path out = fs::path(out_dir).lexically_normal();
  if (out.empty() || out_dir.empty()) throw Error(ErrorCode::kInvalidArgument, "Xapian export: empty output path");
  const fs::path plain = out.has_filename() ? out : out.parent_path();
  if (fs::exists(plain) && !options.overwrite) {
    throw Error(ErrorCode::kInvalidArgument,
                "Xapian export: " + plain.string() + " already exists (overwrite it with --overwrite)");
  }
  const fs::path tmp = plain.string() + ".tmp-" + std::to_string(::getpid());
  std::error_code ec;
  const fs::path built = options.compact ? fs::path(plain.string() + ".build-" + std::to_string(::getpid())) : tmp;
  fs::remove_all(tmp, ec);
  fs::remove_all(built, ec);
  ExportStats stats;
  try {
    write_database(snapshot, built.string(), options, &stats);
    if (options.compact) {
      Xapian::Database(built.string()).compact(tmp.string(), Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
      fs::remove_all(built, ec);
    }
  } catch (const Xapian::Error& e) {
    fs::remove_all(built, ec);
    fs::remove_all(tmp, ec);
    throw Error(ErrorCode::kIo, "Xapian export to " + plain.string() + ": " + e.get_description());
  } catch (...) {
    fs::remove_all(built, ec);
    fs::remove_all(tmp, ec);
    throw;
  }
  install(tmp, plain);
  stats.bytes = directory_bytes(plain);
  return stats;
}

}  // namespace search::xapian_export
