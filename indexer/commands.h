// The subcommands of search-indexer. Each takes the arguments after its own name and
// returns the process exit code; errors are thrown as search::Error and reported by main.
#pragma once

namespace search::indexer {

// daemon.cpp: watch an inbox and index what arrives.
int run_daemon(int argc, char** argv);
// rebuild.cpp: build a new index and switch the live one to it atomically.
int run_rebuild(int argc, char** argv);

}  // namespace search::indexer
