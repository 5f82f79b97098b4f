/* The C API end to end: builds an index of the seed corpus through sx_writer, searches it,
 * checks answers worked out by reading the seed files, and checks the error paths.
 * Usage: c_api_test SEED_DIR WORK_DIR */
#include <search/search_c.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                     \
    }                                                                 \
  } while (0)

#define CHECK_OK(call)                                                \
  do {                                                                \
    sx_status status_ = (call);                                       \
    if (status_ != SX_OK) {                                           \
      fprintf(stderr, "%s:%d: %s: %s: %s\n", __FILE__, __LINE__, #call, \
              sx_status_name(status_), sx_last_error());              \
      exit(1);                                                        \
    }                                                                 \
  } while (0)

static const char* const kSeeds[] = {
    "norddjurs-hu-2022-09-08-status-velfaerdsomraadet.pdf-extracted.txt",
    "norddjurs-hu-2022-11-09-afrapportering-socialomraadet.md",
    "norddjurs-oek-kb-2022-05-politisk-initiativ.txt",
    "norddjurs-omu-2023-09-12-faelles-strategi.ocr.txt",
    "norddjurs-vpu-2024-04-24-status-udviklingsproces.txt",
};
enum { kSeedCount = sizeof kSeeds / sizeof kSeeds[0] };

static void build_index(const char* seed_dir, const char* index_dir) {
  sx_writer* writer = NULL;
  CHECK_OK(sx_writer_open(index_dir, &writer));
  for (int i = 0; i < kSeedCount; ++i) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", seed_dir, kSeeds[i]);
    size_t added = 0;
    CHECK_OK(sx_writer_add_file(writer, path, NULL, &added));
    CHECK(added == 1); /* every seed file holds one agenda item */
  }
  /* A second writer on the same directory is refused while the first holds the lock. */
  sx_writer* second = NULL;
  CHECK(sx_writer_open(index_dir, &second) == SX_LOCKED);
  CHECK(second == NULL);
  CHECK(strlen(sx_last_error()) > 0);
  uint64_t generation = 0;
  CHECK_OK(sx_writer_commit(writer, &generation));
  CHECK(generation >= 1);
  sx_writer_close(writer);
}

/* The one hit of a query expected to match exactly one item. */
static void expect_single_title(const sx_index* index, const char* query, const char* title) {
  sx_results* results = NULL;
  CHECK_OK(sx_search(index, query, NULL, &results));
  CHECK(sx_results_total(results) == 1);
  CHECK(sx_results_hit_count(results) == 1);
  const char* got = sx_hit_field(results, 0, SX_FIELD_TITLE);
  CHECK(got != NULL && strcmp(got, title) == 0);
  if (got != NULL && strcmp(got, title) != 0) fprintf(stderr, "  %s: got title \"%s\"\n", query, got);
  sx_results_free(results);
}

static void check_hits_and_facets(const sx_index* index) {
  sx_search_options options;
  sx_search_options_init(&options);
  options.limit = 1;
  sx_results* results = NULL;
  CHECK_OK(sx_search(index, "sag:22/6043", &options, &results));
  CHECK(sx_results_total(results) == 1);
  CHECK(strcmp(sx_hit_field(results, 0, SX_FIELD_CASE), "22/6043") == 0);
  CHECK(strcmp(sx_hit_field(results, 0, SX_FIELD_DATE), "2024-04-24") == 0);
  CHECK(strcmp(sx_hit_field(results, 0, SX_FIELD_COMMITTEE), "Voksen- og Plejeudvalget") == 0);
  CHECK(strcmp(sx_hit_field(results, 0, SX_FIELD_ID), "norddjurs-vpu-2024-04-24-status-udviklingsproces") == 0);
  CHECK(sx_hit_field(results, 1, SX_FIELD_TITLE) == NULL); /* out of range */
  /* Facets: one item, decided by VPU in 2024. */
  CHECK(sx_results_facet_size(results, SX_FACET_COMMITTEE) == 1);
  uint64_t count = 0;
  const char* value = sx_results_facet_value(results, SX_FACET_COMMITTEE, 0, &count);
  CHECK(value != NULL && strcmp(value, "VPU") == 0 && count == 1);
  value = sx_results_facet_value(results, SX_FACET_YEAR, 0, &count);
  CHECK(value != NULL && strcmp(value, "2024") == 0 && count == 1);
  CHECK(sx_results_facet_value(results, SX_FACET_YEAR, 1, &count) == NULL);
  const char* json = sx_results_json(results);
  CHECK(json != NULL && strstr(json, "\"case_number\":\"22/6043\"") != NULL);
  sx_results_free(results);
}

static void check_snippet_highlights(const sx_index* index) {
  sx_results* results = NULL;
  CHECK_OK(sx_search(index, "strategi", NULL, &results));
  CHECK(sx_results_hit_count(results) >= 1);
  for (size_t i = 0; i < sx_results_hit_count(results); ++i) {
    const char* snippet = sx_hit_field(results, i, SX_FIELD_SNIPPET);
    CHECK(sx_hit_highlight_count(results, i) >= 1);
    uint32_t begin = 0, end = 0;
    CHECK(sx_hit_highlight(results, i, 0, &begin, &end) == 1);
    CHECK(begin < end && end <= strlen(snippet));
    CHECK(sx_hit_score(results, i) > 0.0);
  }
  sx_results_free(results);
}

static void check_json(const sx_index* index) {
  char* json = NULL;
  CHECK_OK(sx_search_json(index, "udvalg:KB", NULL, &json));
  CHECK(strncmp(json, "{\"query\":\"udvalg:KB\",\"total\":1,", 31) == 0);
  CHECK(strstr(json, "\"title\":\"Politisk initiativ\"") != NULL);
  sx_free(json);
}

static void check_errors(const sx_index* index, const char* work_dir) {
  sx_results* results = NULL;
  /* The unclosed quote is byte 8 of the query. */
  CHECK(sx_search(index, "borgere \"psykisk", NULL, &results) == SX_QUERY);
  CHECK(results == NULL);
  CHECK(sx_last_error_status() == SX_QUERY);
  CHECK(sx_last_error_position() == 8);
  if (sx_last_error_position() != 8) fprintf(stderr, "  position %zu: %s\n", sx_last_error_position(), sx_last_error());
  CHECK(strlen(sx_last_error()) > 0);

  char missing[4096];
  snprintf(missing, sizeof missing, "%s/no-such-index", work_dir);
  sx_index* none = NULL;
  CHECK(sx_index_open(missing, &none) == SX_NOT_FOUND);
  CHECK(none == NULL);
  CHECK(strstr(sx_last_error(), "no-such-index") != NULL);
  CHECK(sx_last_error_position() == (size_t)-1);

  CHECK(sx_search(NULL, "x", NULL, &results) == SX_INVALID_ARGUMENT);
  char* jsonl = NULL;
  CHECK(sx_parse_file(missing, &jsonl) == SX_NOT_FOUND);
  CHECK(strcmp(sx_status_name(SX_LOCKED), "locked") == 0);
}

static void check_parse(const char* seed_dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", seed_dir, kSeeds[2]);
  char* jsonl = NULL;
  CHECK_OK(sx_parse_file(path, &jsonl));
  CHECK(strstr(jsonl, "\"title\":\"Politisk initiativ\"") != NULL);
  CHECK(strchr(jsonl, '\n') == jsonl + strlen(jsonl) - 1); /* one record, one line */
  sx_free(jsonl);
}

static void check_delete(const char* index_dir) {
  sx_writer* writer = NULL;
  CHECK_OK(sx_writer_open(index_dir, &writer));
  int deleted = 0;
  CHECK_OK(sx_writer_delete(writer, "norddjurs-oek-kb-2022-05-politisk-initiativ", &deleted));
  CHECK(deleted == 1);
  CHECK_OK(sx_writer_delete(writer, "no-such-id", &deleted));
  CHECK(deleted == 0);
  CHECK_OK(sx_writer_commit(writer, NULL));
  sx_writer_close(writer);
  sx_index* index = NULL;
  CHECK_OK(sx_index_open(index_dir, &index));
  CHECK(sx_index_document_count(index) == kSeedCount - 1);
  sx_results* results = NULL;
  CHECK_OK(sx_search(index, "udvalg:KB", NULL, &results));
  CHECK(sx_results_total(results) == 0);
  sx_results_free(results);
  sx_index_close(index);
}

/* Records given as JSON: one made by hand (committee by abbreviation only), then two JSON
 * lines; bad JSON is SX_PARSE and adds nothing. Runs after check_delete (4 documents). */
static void check_add_json(const char* index_dir) {
  static const char kOne[] =
      "{\"id\": \"handmade/1\", \"title\": \"Vejnavn til ny udstykning\", "
      "\"case_number\": \"23/999\", \"decisions\": [{\"committee\": \"TMU\", "
      "\"date\": \"2023-05-03\", \"outcome\": \"valgt\", \"text\": \"Kirseb\u00e6rhaven blev valgt.\"}]}";
  static const char kTwo[] =
      "{\"id\": \"handmade/2\", \"title\": \"Anden sag\"}\n"
      "{\"id\": \"handmade/3\", \"title\": \"Tredje sag\"}\n";
  sx_writer* writer = NULL;
  CHECK_OK(sx_writer_open(index_dir, &writer));
  size_t added = 0;
  CHECK_OK(sx_writer_add_json(writer, kOne, strlen(kOne), &added));
  CHECK(added == 1);
  CHECK_OK(sx_writer_add_json(writer, kTwo, strlen(kTwo), &added));
  CHECK(added == 2);
  added = 99;
  static const char kNoId[] = "{\"title\": \"no id\"}";
  static const char kCut[] = "{\"id\": \"x\",";
  CHECK(sx_writer_add_json(writer, kNoId, strlen(kNoId), &added) == SX_PARSE);
  CHECK(strstr(sx_last_error(), "id") != NULL);
  CHECK(sx_writer_add_json(writer, kCut, strlen(kCut), &added) == SX_PARSE);
  CHECK(sx_writer_add_json(writer, "", 0, &added) == SX_PARSE);
  CHECK(sx_writer_add_json(NULL, kOne, strlen(kOne), &added) == SX_INVALID_ARGUMENT);
  CHECK(added == 99);
  CHECK_OK(sx_writer_commit(writer, NULL));
  sx_writer_close(writer);
  sx_index* index = NULL;
  CHECK_OK(sx_index_open(index_dir, &index));
  CHECK(sx_index_document_count(index) == kSeedCount - 1 + 3);
  expect_single_title(index, "udvalg:TMU beslutning:valgt kirsebærhaven", "Vejnavn til ny udstykning");
  expect_single_title(index, "sag:23/999", "Vejnavn til ny udstykning");
  sx_index_close(index);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: c_api_test SEED_DIR WORK_DIR\n");
    return 2;
  }
  char index_dir[4096];
  snprintf(index_dir, sizeof index_dir, "%s/index", argv[2]);
  char command[8300];
  snprintf(command, sizeof command, "rm -rf '%s'", index_dir);
  if (system(command) != 0) return 2;

  build_index(argv[1], index_dir);
  sx_index* index = NULL;
  CHECK_OK(sx_index_open(index_dir, &index));
  CHECK(sx_index_document_count(index) == kSeedCount);
  expect_single_title(index, "sag:22/6043", "Status på udviklingsprocessen på Socialområdet pr. april 2024");
  expect_single_title(index, "udvalg:KB", "Politisk initiativ");
  check_hits_and_facets(index);
  check_snippet_highlights(index);
  check_json(index);
  check_errors(index, argv[2]);
  sx_index_close(index);
  check_parse(argv[1]);
  check_delete(index_dir);
  check_add_json(index_dir);

  if (failures != 0) {
    fprintf(stderr, "c_api_test: %d check(s) failed\n", failures);
    return 1;
  }
  printf("c_api_test: all checks passed\n");
  return 0;
}
