// Export of one index snapshot to a Xapian database (glass backend), with exactly the terms
// our index stores, so that any Xapian tool or binding can read it and xapian-tcpsrv can
// serve it on other machines. docs/xapian.md describes the mapping; in short:
//   docid      Xapian docid = snapshot-wide docid + 1 (deleted documents are left out,
//              leaving gaps, so a docid means the same document on both sides)
//   terms      surface terms (those with positions) with every position via add_posting;
//              Z/F/P and title terms with their within-document frequency as wdf;
//              Q/X* filter terms as boolean terms (wdf 0)
//   data       the stored record as one line of JSON (search/record_json.h)
//   values     slot 0: earliest decision date "YYYYMMDD", slot 1: its year "YYYY",
//              slot 2: latest decision date "YYYYMMDD" (all empty without a dated decision)
//
// This header has no Xapian types: the export is usable without Xapian's headers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "index/snapshot.h"

namespace search::xapian_export {

// Value slots of an exported database (docs/xapian.md).
inline constexpr unsigned kSlotFirstDate = 0;  // "YYYYMMDD", earliest decision date
inline constexpr unsigned kSlotYear = 1;       // "YYYY", year of the earliest decision date
inline constexpr unsigned kSlotLastDate = 2;   // "YYYYMMDD", latest decision date

struct ExportOptions {
  // Replace an existing database at the output path (else kInvalidArgument if it exists).
  bool overwrite = false;
  // Compact the finished database (Xapian::Database::compact, docids kept): a third to a
  // half of the size, for a few seconds more. Off leaves the database as built, which
  // Xapian can update in place faster.
  bool compact = true;
  // Documents inverted in memory at once: term-major postings are turned into Xapian's
  // document-major form one batch of documents at a time (one pass over the term
  // dictionary per batch), so memory stays bounded on any index size.
  std::uint32_t batch_documents = 20000;
  // Called after each batch with the documents written so far and the total to write.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct ExportStats {
  std::uint64_t documents = 0;       // live documents written
  std::uint64_t skipped_deleted = 0; // deleted documents left out
  std::uint64_t postings = 0;        // (term, document) pairs written
  std::uint64_t positions = 0;       // term positions written
  std::uint64_t bytes = 0;           // size of the database directory afterwards
};

// Writes the live documents of `snapshot` into a new glass database at `out_dir`. The
// database is built under a temporary name beside `out_dir` and renamed into place when
// complete, so `out_dir` is never left half-written.
// Throws kInvalidArgument (out_dir exists and !overwrite), kIo (Xapian or the file system
// failed; the message names the path and Xapian's error), kCorrupt (index data damaged),
// kLimit (a term longer than Xapian's 245-byte limit; the message names it).
ExportStats export_snapshot(const index::Snapshot& snapshot, const std::string& out_dir,
                            const ExportOptions& options = {});

}  // namespace search::xapian_export
