// The C API (search/search_c.h) over the C++ library. Every entry point runs its body
// through guard(), which turns every exception into an sx_status and a thread-local message:
// nothing is ever thrown across the C boundary.
#include <search/search_c.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <new>
#include <string>
#include <system_error>
#include <utility>

#include <search/error.h>
#include <search/extract.h>
#include <search/index_reader.h>
#include <search/index_writer.h>
#include <search/minutes.h>
#include <search/record_json.h>
#include <search/result_json.h>
#include <search/searcher.h>

struct sx_index {
  std::unique_ptr<search::IndexReader> reader;
  std::unique_ptr<search::Searcher> searcher;
};

struct sx_writer {
  std::unique_ptr<search::IndexWriter> writer;
};

struct sx_results {
  search::SearchResults results;
  std::vector<std::string> committees;  // per hit, joined: the storage of SX_FIELD_COMMITTEE
  std::string json;                     // made by sx_results_json()
};

namespace {

constexpr std::size_t kNoPosition = static_cast<std::size_t>(-1);

struct LastError {
  sx_status status = SX_OK;
  std::string message;
  std::size_t position = kNoPosition;
};

thread_local LastError last_error;

sx_status fail(sx_status status, std::string message, std::size_t position = kNoPosition) noexcept {
  try {
    last_error.message = std::move(message);
  } catch (...) {
    last_error.message.clear();  // out of memory for the message itself: keep the status
  }
  last_error.status = status;
  last_error.position = position;
  return status;
}

// Runs `body` (returning sx_status) and maps whatever it throws.
template <typename Body>
sx_status guard(Body&& body) noexcept {
  try {
    return body();
  } catch (const search::QueryError& e) {
    return fail(SX_QUERY, e.what(), e.position());
  } catch (const search::Error& e) {
    return fail(static_cast<sx_status>(e.code()), e.what());
  } catch (const std::bad_alloc&) {
    return fail(SX_NO_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return fail(SX_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(SX_INTERNAL, "internal error: unknown exception");
  }
}

sx_status null_argument(const char* function, const char* argument) {
  return fail(SX_INVALID_ARGUMENT, std::string(function) + ": " + argument + " is NULL");
}

char* copy_out(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, text.data(), text.size() + 1);
  return out;
}

search::SearchOptions to_options(const sx_search_options* in) {
  sx_search_options defaults;
  sx_search_options_init(&defaults);
  const sx_search_options& o = in != nullptr ? *in : defaults;
  if (o.sort != SX_SORT_SCORE && o.sort != SX_SORT_DATE) {
    throw search::Error(search::ErrorCode::kInvalidArgument,
                        "sx_search_options.sort: unknown value " + std::to_string(static_cast<int>(o.sort)));
  }
  search::SearchOptions options;
  options.limit = o.limit;
  options.offset = o.offset;
  options.sort = o.sort == SX_SORT_DATE ? search::SortOrder::kDate : search::SortOrder::kScore;
  options.facets = o.facets != 0;
  options.snippets = o.snippets != 0;
  options.snippet_words = o.snippet_words;
  return options;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

const search::SearchHit* hit_at(const sx_results* r, std::size_t i) {
  return r != nullptr && i < r->results.hits.size() ? &r->results.hits[i] : nullptr;
}

const std::vector<search::FacetCount>* facet_values(const sx_results* r, sx_facet facet) {
  if (r == nullptr) return nullptr;
  switch (facet) {
    case SX_FACET_COMMITTEE: return &r->results.facets.committee;
    case SX_FACET_YEAR: return &r->results.facets.year;
    case SX_FACET_OUTCOME: return &r->results.facets.outcome;
  }
  return nullptr;
}

std::size_t add_records(sx_writer* writer, search::ParseResult parsed, const std::string& name) {
  if (parsed.records.empty()) {
    std::string why = parsed.warnings.empty() ? name + ": no agenda items found" : parsed.warnings.front();
    throw search::Error(search::ErrorCode::kParse, why + " (no records)");
  }
  for (auto& record : parsed.records) writer->writer->add(std::move(record));
  return parsed.records.size();
}

// The records of the minutes file at `path` (text, Markdown or PDF), named `source`. A
// missing file is kNotFound, as parse_minutes_file() reports it.
search::ParseResult read_minutes(const std::string& path, const std::string& source) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw search::Error(search::ErrorCode::kNotFound, path + ": no such file");
  }
  return search::parse_minutes_text(search::extract_text(path), source);
}

std::string records_jsonl(const search::ParseResult& parsed) {
  std::string out;
  for (const auto& record : parsed.records) {
    search::append_record_json(record, out);
    out += '\n';
  }
  return out;
}

}  // namespace

extern "C" {

const char* sx_last_error(void) { return last_error.message.c_str(); }
sx_status sx_last_error_status(void) { return last_error.status; }
size_t sx_last_error_position(void) { return last_error.position; }

const char* sx_status_name(sx_status status) {
  switch (status) {
    case SX_OK: return "ok";
    case SX_NO_MEMORY: return "no_memory";
    case SX_INTERNAL: return "internal";
    default: break;
  }
  if (status >= SX_INVALID_ARGUMENT && status <= SX_UNSUPPORTED) {
    return search::error_code_name(static_cast<search::ErrorCode>(status));
  }
  return "unknown";
}

const char* sx_version(void) { return SEARCH_VERSION; }

void sx_free(char* text) { std::free(text); }

sx_status sx_index_open(const char* dir, sx_index** out) {
  return guard([&] {
    if (dir == nullptr) return null_argument("sx_index_open", "dir");
    if (out == nullptr) return null_argument("sx_index_open", "out");
    auto index = std::make_unique<sx_index>();
    index->reader = search::IndexReader::open(dir);
    index->searcher = std::make_unique<search::Searcher>(*index->reader);
    *out = index.release();
    return SX_OK;
  });
}

void sx_index_close(sx_index* index) { delete index; }

sx_status sx_index_reopen(sx_index* index) {
  return guard([&] {
    if (index == nullptr) return null_argument("sx_index_reopen", "index");
    auto reader = index->reader->reopen();
    auto searcher = std::make_unique<search::Searcher>(*reader);
    index->reader = std::move(reader);
    index->searcher = std::move(searcher);
    return SX_OK;
  });
}

uint64_t sx_index_document_count(const sx_index* index) {
  return index != nullptr ? index->searcher->document_count() : 0;
}

uint64_t sx_index_generation(const sx_index* index) {
  return index != nullptr ? index->searcher->generation() : 0;
}

void sx_search_options_init(sx_search_options* options) {
  if (options == nullptr) return;
  const search::SearchOptions defaults;
  options->limit = defaults.limit;
  options->offset = defaults.offset;
  options->sort = SX_SORT_SCORE;
  options->facets = defaults.facets ? 1 : 0;
  options->snippets = defaults.snippets ? 1 : 0;
  options->snippet_words = defaults.snippet_words;
}

sx_status sx_search(const sx_index* index, const char* query, const sx_search_options* options,
                    sx_results** out) {
  return guard([&] {
    if (index == nullptr) return null_argument("sx_search", "index");
    if (query == nullptr) return null_argument("sx_search", "query");
    if (out == nullptr) return null_argument("sx_search", "out");
    auto results = std::make_unique<sx_results>();
    results->results = index->searcher->search(query, to_options(options));
    for (const auto& hit : results->results.hits) results->committees.push_back(join(hit.committees));
    *out = results.release();
    return SX_OK;
  });
}

sx_status sx_search_json(const sx_index* index, const char* query, const sx_search_options* options,
                         char** json_out) {
  return guard([&] {
    if (index == nullptr) return null_argument("sx_search_json", "index");
    if (query == nullptr) return null_argument("sx_search_json", "query");
    if (json_out == nullptr) return null_argument("sx_search_json", "json_out");
    const auto results = index->searcher->search(query, to_options(options));
    *json_out = copy_out(search::results_to_json(results));
    return SX_OK;
  });
}

void sx_results_free(sx_results* results) { delete results; }

uint64_t sx_results_total(const sx_results* results) { return results != nullptr ? results->results.total : 0; }
double sx_results_took_ms(const sx_results* results) { return results != nullptr ? results->results.took_ms : 0.0; }
size_t sx_results_hit_count(const sx_results* results) {
  return results != nullptr ? results->results.hits.size() : 0;
}

const char* sx_results_json(sx_results* results) {
  if (results == nullptr) return nullptr;
  try {
    if (results->json.empty()) results->json = search::results_to_json(results->results);
    return results->json.c_str();
  } catch (...) {
    fail(SX_NO_MEMORY, "out of memory");
    return nullptr;
  }
}

const char* sx_hit_field(const sx_results* results, size_t i, sx_field field) {
  const search::SearchHit* hit = hit_at(results, i);
  if (hit == nullptr) return nullptr;
  switch (field) {
    case SX_FIELD_ID: return hit->id.c_str();
    case SX_FIELD_TITLE: return hit->title.c_str();
    case SX_FIELD_DATE: return hit->date.c_str();
    case SX_FIELD_COMMITTEE: return results->committees[i].c_str();
    case SX_FIELD_OUTCOME: return hit->outcome.c_str();
    case SX_FIELD_CASE: return hit->case_number.c_str();
    case SX_FIELD_SOURCE: return hit->source.c_str();
    case SX_FIELD_SNIPPET: return hit->snippet.text.c_str();
  }
  return nullptr;
}

double sx_hit_score(const sx_results* results, size_t i) {
  const search::SearchHit* hit = hit_at(results, i);
  return hit != nullptr ? hit->score : 0.0;
}

size_t sx_hit_highlight_count(const sx_results* results, size_t i) {
  const search::SearchHit* hit = hit_at(results, i);
  return hit != nullptr ? hit->snippet.highlights.size() : 0;
}

int sx_hit_highlight(const sx_results* results, size_t i, size_t j, uint32_t* begin, uint32_t* end) {
  const search::SearchHit* hit = hit_at(results, i);
  if (hit == nullptr || j >= hit->snippet.highlights.size()) return 0;
  if (begin != nullptr) *begin = hit->snippet.highlights[j].begin;
  if (end != nullptr) *end = hit->snippet.highlights[j].end;
  return 1;
}

size_t sx_results_facet_size(const sx_results* results, sx_facet facet) {
  const auto* values = facet_values(results, facet);
  return values != nullptr ? values->size() : 0;
}

const char* sx_results_facet_value(const sx_results* results, sx_facet facet, size_t j, uint64_t* count) {
  const auto* values = facet_values(results, facet);
  if (values == nullptr || j >= values->size()) return nullptr;
  if (count != nullptr) *count = (*values)[j].count;
  return (*values)[j].value.c_str();
}

sx_status sx_writer_open(const char* dir, sx_writer** out) {
  return guard([&] {
    if (dir == nullptr) return null_argument("sx_writer_open", "dir");
    if (out == nullptr) return null_argument("sx_writer_open", "out");
    auto writer = std::make_unique<sx_writer>();
    writer->writer = search::IndexWriter::open(dir);
    *out = writer.release();
    return SX_OK;
  });
}

void sx_writer_close(sx_writer* writer) {
  try {
    delete writer;
  } catch (...) {  // a destructor that fails to clean up must still not throw into C
  }
}

sx_status sx_writer_add_file(sx_writer* writer, const char* path, const char* name, size_t* added) {
  return guard([&] {
    if (writer == nullptr) return null_argument("sx_writer_add_file", "writer");
    if (path == nullptr) return null_argument("sx_writer_add_file", "path");
    const std::string source = name != nullptr ? name : std::filesystem::path(path).filename().string();
    const std::size_t n = add_records(writer, read_minutes(path, source), source);
    if (added != nullptr) *added = n;
    return SX_OK;
  });
}

sx_status sx_writer_add_text(sx_writer* writer, const char* text, size_t size, const char* name, size_t* added) {
  return guard([&] {
    if (writer == nullptr) return null_argument("sx_writer_add_text", "writer");
    if (text == nullptr) return null_argument("sx_writer_add_text", "text");
    if (name == nullptr) return null_argument("sx_writer_add_text", "name");
    const std::size_t n = add_records(writer, search::parse_minutes_text(std::string_view(text, size), name), name);
    if (added != nullptr) *added = n;
    return SX_OK;
  });
}

sx_status sx_writer_add_json(sx_writer* writer, const char* json, size_t size, size_t* added) {
  return guard([&] {
    if (writer == nullptr) return null_argument("sx_writer_add_json", "writer");
    if (json == nullptr) return null_argument("sx_writer_add_json", "json");
    std::vector<search::Record> records = search::records_from_json(std::string_view(json, size));
    if (records.empty()) throw search::Error(search::ErrorCode::kParse, "record JSON: no record in the input");
    for (auto& record : records) writer->writer->add(std::move(record));
    if (added != nullptr) *added = records.size();
    return SX_OK;
  });
}

sx_status sx_writer_delete(sx_writer* writer, const char* id, int* deleted) {
  return guard([&] {
    if (writer == nullptr) return null_argument("sx_writer_delete", "writer");
    if (id == nullptr) return null_argument("sx_writer_delete", "id");
    const bool removed = writer->writer->remove(id);
    if (deleted != nullptr) *deleted = removed ? 1 : 0;
    return SX_OK;
  });
}

sx_status sx_writer_commit(sx_writer* writer, uint64_t* generation) {
  return guard([&] {
    if (writer == nullptr) return null_argument("sx_writer_commit", "writer");
    const std::uint64_t g = writer->writer->commit();
    if (generation != nullptr) *generation = g;
    return SX_OK;
  });
}

sx_status sx_parse_file(const char* path, char** jsonl_out) {
  return guard([&] {
    if (path == nullptr) return null_argument("sx_parse_file", "path");
    if (jsonl_out == nullptr) return null_argument("sx_parse_file", "jsonl_out");
    const std::string source = std::filesystem::path(path).filename().string();
    *jsonl_out = copy_out(records_jsonl(read_minutes(path, source)));
    return SX_OK;
  });
}

sx_status sx_parse_text(const char* text, size_t size, const char* name, char** jsonl_out) {
  return guard([&] {
    if (text == nullptr) return null_argument("sx_parse_text", "text");
    if (name == nullptr) return null_argument("sx_parse_text", "name");
    if (jsonl_out == nullptr) return null_argument("sx_parse_text", "jsonl_out");
    *jsonl_out = copy_out(records_jsonl(search::parse_minutes_text(std::string_view(text, size), name)));
    return SX_OK;
  });
}

}  // extern "C"
