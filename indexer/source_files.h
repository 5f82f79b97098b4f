// Minutes files as the daemon and the rebuild read them: the SOURCE arguments walked into a
// list of files, and one file read (text or PDF) into records. Both commands name a file's
// records after its path relative to the directory it was found in ("done/a.pdf" found in
// "done/" is "a.pdf"), so that the daemon's and the rebuild's record ids agree.
#pragma once

#include <string>
#include <vector>

#include <search/minutes.h>

namespace search::indexer {

struct SourceFile {
  std::string path;  // as found on disk
  std::string name;  // relative to the SOURCE directory (the file name for a file SOURCE)
};

// Every .txt, .md and .pdf file under each source (files as given; directories walked
// recursively, skipping dotfiles and the inbox's failed/ and superseded/ directories), sorted
// by name within each source. Throws Error(kNotFound) naming a source that does not exist
// and Error(kIo) for one that cannot be listed.
std::vector<SourceFile> list_source_files(const std::vector<std::string>& sources);

// The records of one file: text extracted (search/extract.h), then parsed with `name` as
// the source. Zero records is an error (kParse) carrying the parser's first warning.
ParseResult read_minutes(const std::string& path, const std::string& name);

}  // namespace search::indexer
