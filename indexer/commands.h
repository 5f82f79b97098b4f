// The subcommands of search-indexer. Each takes the arguments after its own name and
// returns the process exit code; errors are thrown as search::Error and reported by main.
#pragma once

namespace search::indexer {


}  // namespace search::indexer
