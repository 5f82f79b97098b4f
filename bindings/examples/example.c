/* Index minutes files and search them with the C API.
 * Usage: example_c INDEX_DIR QUERY FILE... */
#include <search/search_c.h>

#include <stdio.h>

static int fail(const char* what) {
  fprintf(stderr, "%s: %s: %s\n", what, sx_status_name(sx_last_error_status()), sx_last_error());
  return 2;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: example_c INDEX_DIR QUERY FILE...\n");
    return 2;
  }
  /* Index: the caller owns the writer and closes it; close without commit drops changes. */
  sx_writer* writer = NULL;
  if (sx_writer_open(argv[1], &writer) != SX_OK) return fail("open writer");
  for (int i = 3; i < argc; ++i) {
    if (sx_writer_add_file(writer, argv[i], NULL, NULL) != SX_OK) {
      sx_writer_close(writer);
      return fail(argv[i]);
    }
  }
  sx_status status = sx_writer_commit(writer, NULL);
  sx_writer_close(writer);
  if (status != SX_OK) return fail("commit");

  /* Search: results are owned by the caller and freed with sx_results_free(). */
  sx_index* index = NULL;
  if (sx_index_open(argv[1], &index) != SX_OK) return fail("open index");
  sx_search_options options;
  sx_search_options_init(&options);
  options.limit = 5;
  sx_results* results = NULL;
  if (sx_search(index, argv[2], &options, &results) != SX_OK) {
    sx_index_close(index);
    return fail("search");
  }
  for (size_t i = 0; i < sx_results_hit_count(results); ++i) {
    printf("%s  %s  [%s]\n", sx_hit_field(results, i, SX_FIELD_DATE), sx_hit_field(results, i, SX_FIELD_TITLE),
           sx_hit_field(results, i, SX_FIELD_CASE));
  }
  for (size_t j = 0; j < sx_results_facet_size(results, SX_FACET_COMMITTEE); ++j) {
    uint64_t count = 0;
    const char* value = sx_results_facet_value(results, SX_FACET_COMMITTEE, j, &count);
    printf("udvalg:%s %llu\n", value, (unsigned long long)count);
  }
  uint64_t total = sx_results_total(results);
  printf("%llu decision(s)\n", (unsigned long long)total);
  sx_results_free(results);
  sx_index_close(index);
  return total > 0 ? 0 : 1;
}
