// search-query: searches a libsearch index from the command line.
#include <cstdio>
#include <exception>

#include <search/error.h>

int main(int argc, char** argv) {
  (void)argc;
  (void)argv;
  std::fprintf(stderr, "usage: search-query --index DIR QUERY\n");
  return 2;
}
