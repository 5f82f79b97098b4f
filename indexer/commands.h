// The subcommands of search-indexer. Each takes the arguments after its own name and
// returns the process exit code; errors are thrown as search::Error and reported by main.
#pragma once

namespace search::indexer {

// daemon.cpp: watch an inbox and index what arrives.
int run_daemon(int argc, char** argv);
// rebuild.cpp: build a new index and switch the live one to it atomically.
int run_rebuild(int argc, char** argv);
// parse.cpp: print the records the minutes parser reads from files.
int run_parse(int argc, char** argv);
// build.cpp, add.cpp, delete.cpp, merge.cpp, stats.cpp, check.cpp: index maintenance.
int run_build(int argc, char** argv);
int run_add(int argc, char** argv);
int run_delete(int argc, char** argv);
int run_merge(int argc, char** argv);
int run_stats(int argc, char** argv);
int run_check(int argc, char** argv);
// export.cpp: write an index as a Xapian database.
int run_export(int argc, char** argv);

}  // namespace search::indexer
