/* The C API of libsearch: open an index, search it (results as JSON text or through
 * accessors), add, replace and delete records, parse minutes files. Link with -lsearch
 * (pkg-config libsearch, or the CMake target libsearch::search).
 *
 * Errors: every function that can fail returns an sx_status; SX_OK (0) is success. After a
 * failure, sx_last_error() gives the library's message (naming the file, position or term at
 * fault) and, for SX_QUERY, sx_last_error_position() the byte offset in the query. The last
 * error is per thread and stays until the next failing call on that thread. No C++
 * exception ever leaves these functions.
 *
 * Ownership: every handle made by an *_open or sx_search function is owned by the caller
 * and released by its matching *_close / sx_results_free (which accept NULL). char* results
 * (JSON text) are owned by the caller and released with sx_free(). const char* results
 * point into the handle they came from and stay valid until that handle is freed.
 *
 * Threads: an sx_index may be searched from any number of threads at once. An sx_writer
 * and an sx_results are used by one thread at a time.
 *
 *   sx_index* index = NULL;
 *   if (sx_index_open("idx", &index) != SX_OK) { fprintf(stderr, "%s\n", sx_last_error()); ... }
 *   sx_results* results = NULL;
 *   if (sx_search(index, "socialområdet udvalg:KB", NULL, &results) == SX_OK) {
 *     for (size_t i = 0; i < sx_results_hit_count(results); ++i)
 *       printf("%s\n", sx_hit_field(results, i, SX_FIELD_TITLE));
 *     sx_results_free(results);
 *   }
 *   sx_index_close(index);
 */
#ifndef SEARCH_SEARCH_C_H_
#define SEARCH_SEARCH_C_H_

#include <stddef.h>
#include <stdint.h>

#include <search/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The codes of search::ErrorCode (search/error.h), plus two of the C boundary. */
typedef enum sx_status {
  SX_OK = 0,
  SX_INVALID_ARGUMENT = 1, /* a NULL handle or string, an unknown option value */
  SX_IO = 2,               /* the operating system refused a read, write, fsync or rename */
  SX_CORRUPT = 3,          /* an index file is damaged, truncated or not ours */
  SX_PARSE = 4,            /* a file could not be read as minutes */
  SX_QUERY = 5,            /* a malformed query: see sx_last_error_position() */
  SX_LOCKED = 6,           /* another writer holds the index lock */
  SX_NOT_FOUND = 7,        /* an index, file or record does not exist */
  SX_LIMIT = 8,            /* an input exceeds a documented limit */
  SX_UNSUPPORTED = 9,      /* a format version or feature this build does not handle */
  SX_NO_MEMORY = 10,       /* out of memory */
  SX_INTERNAL = 11         /* an unexpected failure inside the library (a bug) */
} sx_status;

typedef struct sx_index sx_index;     /* a searcher on one snapshot of an index */
typedef struct sx_writer sx_writer;   /* the one writer of an index directory */
typedef struct sx_results sx_results; /* the results of one search */

/* The last failure's message on this thread ("" if none). Valid until the next failing call
 * on this thread. */
SEARCH_EXPORT const char* sx_last_error(void);
/* The last failure's status on this thread (SX_OK if none). */
SEARCH_EXPORT sx_status sx_last_error_status(void);
/* For SX_QUERY: the byte offset in the query of the fault; otherwise (size_t)-1. */
SEARCH_EXPORT size_t sx_last_error_position(void);
/* A stable lower-case name: "ok", "query", "not_found", ... */
SEARCH_EXPORT const char* sx_status_name(sx_status status);
/* The library version, "0.1.0". */
SEARCH_EXPORT const char* sx_version(void);
/* Frees a char* returned by this API. NULL is allowed. */
SEARCH_EXPORT void sx_free(char* text);

/* ---- Searching ---- */

/* Opens the newest committed generation of the index in `dir`. *out is set only on success.
 * Errors: SX_NOT_FOUND (no index), SX_CORRUPT, SX_UNSUPPORTED, SX_IO. */
SEARCH_EXPORT sx_status sx_index_open(const char* dir, sx_index** out);
SEARCH_EXPORT void sx_index_close(sx_index* index);
/* Moves `index` to the newest committed generation. */
SEARCH_EXPORT sx_status sx_index_reopen(sx_index* index);
SEARCH_EXPORT uint64_t sx_index_document_count(const sx_index* index);
SEARCH_EXPORT uint64_t sx_index_generation(const sx_index* index);

typedef enum sx_sort { SX_SORT_SCORE = 0, SX_SORT_DATE = 1 } sx_sort;

/* Fill with sx_search_options_init() before changing fields, so that fields added later
 * get their defaults. */
typedef struct sx_search_options {
  size_t limit;         /* hits returned (default 10); 0: total and facets only */
  size_t offset;        /* hits skipped from the top (paging; default 0) */
  sx_sort sort;         /* default SX_SORT_SCORE */
  int facets;           /* nonzero: count committee, year, outcome (default 1) */
  int snippets;         /* nonzero: a highlighted snippet per hit (default 1) */
  size_t snippet_words; /* words in a snippet (default 30) */
} sx_search_options;

SEARCH_EXPORT void sx_search_options_init(sx_search_options* options);

/* Runs `query` (UTF-8; the query language of docs/search.md). `options` may be NULL for the
 * defaults. *out is set only on success. Errors: SX_QUERY (see sx_last_error_position()),
 * SX_CORRUPT, SX_INVALID_ARGUMENT. */
SEARCH_EXPORT sx_status sx_search(const sx_index* index, const char* query,
                                  const sx_search_options* options, sx_results** out);
/* The same, with the results as one line of JSON (search/result_json.h: the shape of
 * search-query --json). *json_out is the caller's: free it with sx_free(). */
SEARCH_EXPORT sx_status sx_search_json(const sx_index* index, const char* query,
                                       const sx_search_options* options, char** json_out);
SEARCH_EXPORT void sx_results_free(sx_results* results);

/* Exact number of matching documents (not just the returned page). */
SEARCH_EXPORT uint64_t sx_results_total(const sx_results* results);
SEARCH_EXPORT double sx_results_took_ms(const sx_results* results);
/* Hits in this page: at most options.limit. */
SEARCH_EXPORT size_t sx_results_hit_count(const sx_results* results);
/* The results as JSON, owned by `results` (made on first call). NULL if out of memory. */
SEARCH_EXPORT const char* sx_results_json(sx_results* results);

typedef enum sx_field {
  SX_FIELD_ID = 0,
  SX_FIELD_TITLE = 1,
  SX_FIELD_DATE = 2,        /* ISO date of the latest decision; "" if none */
  SX_FIELD_COMMITTEE = 3,   /* committees that decided, in order, joined by ", " */
  SX_FIELD_OUTCOME = 4,     /* outcome of the latest decision: "godkendt", ... ; "" if none */
  SX_FIELD_CASE = 5,        /* case number, "22/6043"; "" if none */
  SX_FIELD_SOURCE = 6,      /* the indexed file */
  SX_FIELD_SNIPPET = 7      /* plain snippet text (highlights: sx_hit_highlight) */
} sx_field;

/* Field `field` of hit `i` (0-based), UTF-8; "" if the hit has none. NULL if `i` or `field`
 * is out of range. Owned by `results`. */
SEARCH_EXPORT const char* sx_hit_field(const sx_results* results, size_t i, sx_field field);
SEARCH_EXPORT double sx_hit_score(const sx_results* results, size_t i);
/* Highlighted byte ranges [begin, end) of the SX_FIELD_SNIPPET text, ascending. */
SEARCH_EXPORT size_t sx_hit_highlight_count(const sx_results* results, size_t i);
/* Returns 0 and leaves *begin, *end alone if `i` or `j` is out of range, else 1. */
SEARCH_EXPORT int sx_hit_highlight(const sx_results* results, size_t i, size_t j,
                                   uint32_t* begin, uint32_t* end);

typedef enum sx_facet {
  SX_FACET_COMMITTEE = 0, /* "KB", "ØK", ...: count desc, then value */
  SX_FACET_YEAR = 1,      /* "2024", ...: newest first */
  SX_FACET_OUTCOME = 2    /* "godkendt", ...: count desc, then value */
} sx_facet;

/* Values of one facet over the whole match set (empty unless options.facets). */
SEARCH_EXPORT size_t sx_results_facet_size(const sx_results* results, sx_facet facet);
/* The j-th value of `facet`, with its count in *count (if count is not NULL); NULL if out
 * of range. Owned by `results`. */
SEARCH_EXPORT const char* sx_results_facet_value(const sx_results* results, sx_facet facet,
                                                 size_t j, uint64_t* count);

/* ---- Indexing ---- */

/* Opens `dir` for writing, creating an empty index if there is none, and takes its lock.
 * Errors: SX_LOCKED (naming the holder's pid), SX_CORRUPT, SX_IO. */
SEARCH_EXPORT sx_status sx_writer_open(const char* dir, sx_writer** out);
/* Releases the lock. Changes since the last sx_writer_commit() are discarded. */
SEARCH_EXPORT void sx_writer_close(sx_writer* writer);
/* Parses the minutes file at `path` (text, Markdown or PDF) and adds its records, replacing
 * records with the same ids. `name` (may be NULL: the file's name) is the source name the
 * record ids derive from (search/minutes.h). *added (may be NULL) gets the record count.
 * Errors: SX_NOT_FOUND, SX_IO, SX_PARSE (no agenda item found), SX_LIMIT. */
SEARCH_EXPORT sx_status sx_writer_add_file(sx_writer* writer, const char* path, const char* name,
                                           size_t* added);
/* The same for minutes text in memory (`size` bytes, UTF-8); `name` names the source. */
SEARCH_EXPORT sx_status sx_writer_add_text(sx_writer* writer, const char* text, size_t size,
                                           const char* name, size_t* added);
/* Adds records given as record JSON (search/record_json.h: the objects `search-indexer parse
 * --json` prints; one object, or several separated by white space or newlines), `size` bytes
 * of UTF-8, replacing records with the same ids. A record needs an "id"; missing fields are
 * empty. *added (may be NULL) gets the record count. Nothing is added if any object is bad.
 * Errors: SX_PARSE (malformed JSON, a wrong field type or outcome name, a missing id, or no
 * object at all), naming the byte offset. */
SEARCH_EXPORT sx_status sx_writer_add_json(sx_writer* writer, const char* json, size_t size,
                                           size_t* added);
/* Deletes the record with this id; *deleted (may be NULL) is 1 if there was one, else 0. */
SEARCH_EXPORT sx_status sx_writer_delete(sx_writer* writer, const char* id, int* deleted);
/* Makes every change so far durable as a new generation; *generation may be NULL. */
SEARCH_EXPORT sx_status sx_writer_commit(sx_writer* writer, uint64_t* generation);

/* ---- Parsing ---- */

/* Parses a minutes file into records, one JSON object per line (search/record_json.h: the
 * format of `search-indexer parse --json`). *jsonl_out is the caller's: free it with
 * sx_free(). A file without agenda items gives "" (not an error). */
SEARCH_EXPORT sx_status sx_parse_file(const char* path, char** jsonl_out);
/* The same for text in memory; `name` names the source in ids and messages. */
SEARCH_EXPORT sx_status sx_parse_text(const char* text, size_t size, const char* name,
                                      char** jsonl_out);

#ifdef __cplusplus
}
#endif

#endif /* SEARCH_SEARCH_C_H_ */
