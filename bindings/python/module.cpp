// _libsearch: the compiled half of the Python package `libsearch` (libsearch/__init__.py).
// search::Error and its codes become libsearch.Error and its subclasses; the GIL is released
// while the library searches, parses and indexes.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <search/error.h>
#include <search/extract.h>
#include <search/index_reader.h>
#include <search/index_writer.h>
#include <search/minutes.h>
#include <search/record_json.h>
#include <search/result_json.h>
#include <search/searcher.h>

namespace py = pybind11;

namespace {

// The exception classes, made once at import (module-lifetime references).
struct ErrorTypes {
  PyObject* base = nullptr;
  PyObject* by_code[10] = {};  // indexed by ErrorCode (1..9)
};
ErrorTypes error_types;

struct ErrorSpec {
  search::ErrorCode code;
  const char* name;
  const char* doc;
};
constexpr ErrorSpec kErrorSpecs[] = {
    {search::ErrorCode::kInvalidArgument, "InvalidArgumentError", "An argument the library does not accept."},
    {search::ErrorCode::kIo, "IoError", "The operating system refused a read, write, fsync or rename."},
    {search::ErrorCode::kCorrupt, "CorruptIndexError", "An index file is damaged, truncated or not an index file."},
    {search::ErrorCode::kParse, "ParseError", "A file could not be read as minutes."},
    {search::ErrorCode::kQuery, "QueryError", "A malformed query; .position is the byte offset of the fault."},
    {search::ErrorCode::kLocked, "LockedError", "Another writer holds the index lock."},
    {search::ErrorCode::kNotFound, "NotFoundError", "An index, file or record does not exist."},
    {search::ErrorCode::kLimit, "LimitError", "An input exceeds a documented limit."},
    {search::ErrorCode::kUnsupported, "UnsupportedError", "A format version or feature this build does not handle."},
};

void make_error_types(py::module_& m) {
  error_types.base = PyErr_NewExceptionWithDoc("libsearch.Error", "Every error of libsearch.", PyExc_Exception, nullptr);
  m.attr("Error") = py::handle(error_types.base);
  for (const auto& spec : kErrorSpecs) {
    const std::string qualified = std::string("libsearch.") + spec.name;
    PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), spec.doc, error_types.base, nullptr);
    error_types.by_code[static_cast<int>(spec.code)] = type;
    m.attr(spec.name) = py::handle(type);
  }
}

// Raises the Python exception for `e`, with .code (the error_code_name) and, for query
// errors, .position and .query.
void raise_error(const search::Error& e) {
  const int code = static_cast<int>(e.code());
  PyObject* type = code >= 1 && code <= 9 ? error_types.by_code[code] : error_types.base;
  py::object instance = py::reinterpret_steal<py::object>(PyObject_CallFunction(type, "s", e.what()));
  if (!instance) return;  // the call set its own exception
  instance.attr("code") = search::error_code_name(e.code());
  if (const auto* q = dynamic_cast<const search::QueryError*>(&e)) {
    instance.attr("position") = q->position();
    instance.attr("query") = q->query();
  } else {
    instance.attr("position") = py::none();
  }
  PyErr_SetObject(type, instance.ptr());
}

// Byte offset -> code point offset in UTF-8 `text`, so that highlights index Python str.
std::size_t char_offset(const std::string& text, std::size_t byte) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) chars += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return chars;
}

py::dict facet_dict(const std::vector<search::FacetCount>& values) {
  py::dict d;  // insertion order = the library's order (count desc / newest year first)
  for (const auto& v : values) d[py::str(v.value)] = v.count;
  return d;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

class Index {
 public:
  explicit Index(const std::string& path) {
    py::gil_scoped_release release;
    reader_ = search::IndexReader::open(path);
    searcher_ = std::make_shared<search::Searcher>(*reader_);
  }

  search::SearchResults search(const std::string& query, std::size_t limit, std::size_t offset,
                               const std::string& sort, bool facets, bool snippets) const {
    search::SearchOptions options;
    options.limit = limit;
    options.offset = offset;
    options.facets = facets;
    options.snippets = snippets;
    if (sort == "date") {
      options.sort = search::SortOrder::kDate;
    } else if (sort != "score") {
      throw search::Error(search::ErrorCode::kInvalidArgument, "sort: expected \"score\" or \"date\", got \"" + sort + "\"");
    }
    auto searcher = searcher_;  // kept alive across the released GIL even if reopen() runs
    py::gil_scoped_release release;
    return searcher->search(query, options);
  }

  std::uint64_t count(const std::string& query) const {
    auto searcher = searcher_;
    py::gil_scoped_release release;
    return searcher->count(query);
  }

  void reopen() {
    py::gil_scoped_release release;
    auto reader = reader_->reopen();
    auto searcher = std::make_shared<search::Searcher>(*reader);
    reader_ = std::move(reader);
    searcher_ = std::move(searcher);
  }

  std::uint64_t document_count() const { return searcher_->document_count(); }
  std::uint64_t generation() const { return searcher_->generation(); }
  const std::string& path() const { return reader_->directory(); }

 private:
  std::unique_ptr<search::IndexReader> reader_;
  std::shared_ptr<search::Searcher> searcher_;
};

std::size_t add_parsed(search::IndexWriter& writer, search::ParseResult parsed, const std::string& name) {
  if (parsed.records.empty()) {
    std::string why = parsed.warnings.empty() ? name + ": no agenda items found" : parsed.warnings.front();
    throw search::Error(search::ErrorCode::kParse, why + " (no records)");
  }
  for (auto& record : parsed.records) writer.add(std::move(record));
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

class Writer {
 public:
  explicit Writer(const std::string& path) {
    py::gil_scoped_release release;
    writer_ = search::IndexWriter::open(path);
  }

  std::size_t add_file(const std::string& path, std::optional<std::string> name) {
    const std::string source = name ? *name : std::filesystem::path(path).filename().string();
    auto& w = open_writer();
    py::gil_scoped_release release;
    return add_parsed(w, read_minutes(path, source), source);
  }

  std::size_t add_text(const std::string& text, const std::string& name) {
    auto& w = open_writer();
    py::gil_scoped_release release;
    return add_parsed(w, search::parse_minutes_text(text, name), name);
  }

  std::size_t add_json(const std::string& json) {
    auto& w = open_writer();
    py::gil_scoped_release release;
    std::vector<search::Record> records = search::records_from_json(json);
    if (records.empty()) throw search::Error(search::ErrorCode::kParse, "record JSON: no record in the input");
    for (auto& record : records) w.add(std::move(record));
    return records.size();
  }

  bool remove(const std::string& id) {
    auto& w = open_writer();
    py::gil_scoped_release release;
    return w.remove(id);
  }

  std::uint64_t commit() {
    auto& w = open_writer();
    py::gil_scoped_release release;
    return w.commit();
  }

  std::uint64_t merge() {
    auto& w = open_writer();
    py::gil_scoped_release release;
    return w.merge();
  }

  // Releases the lock; uncommitted changes are dropped. Idempotent.
  void close() {
    py::gil_scoped_release release;
    writer_.reset();
  }

  bool closed() const { return writer_ == nullptr; }

 private:
  search::IndexWriter& open_writer() {
    if (!writer_) throw search::Error(search::ErrorCode::kInvalidArgument, "libsearch.Writer: the writer is closed");
    return *writer_;
  }
  std::unique_ptr<search::IndexWriter> writer_;
};

std::string records_jsonl(const search::ParseResult& parsed) {
  std::string out;
  for (const auto& record : parsed.records) {
    search::append_record_json(record, out);
    out += '\n';
  }
  return out;
}

std::string parse_file_jsonl(const std::string& path) {
  py::gil_scoped_release release;
  const std::string source = std::filesystem::path(path).filename().string();
  return records_jsonl(read_minutes(path, source));
}

std::string parse_text_jsonl(const std::string& text, const std::string& name) {
  py::gil_scoped_release release;
  return records_jsonl(search::parse_minutes_text(text, name));
}

void bind_results(py::module_& m) {
  py::class_<search::Snippet>(m, "Snippet", "The best passage of a hit, with the matching words marked.")
      .def_readonly("text", &search::Snippet::text)
      .def_property_readonly("highlights", [](const search::Snippet& s) {
        std::vector<std::pair<std::size_t, std::size_t>> out;
        for (const auto& h : s.highlights) out.emplace_back(char_offset(s.text, h.begin), char_offset(s.text, h.end));
        return out;
      }, "[(begin, end)] ranges of `text` (str indices) to highlight, ascending.")
      .def_readonly("starts_mid_text", &search::Snippet::starts_mid_text)
      .def_readonly("ends_mid_text", &search::Snippet::ends_mid_text)
      .def("marked", [](const search::Snippet& s, const std::string& open, const std::string& close, bool escape_html) {
        return search::marked_snippet(s, open, close, escape_html);
      }, py::arg("open") = "«", py::arg("close") = "»", py::arg("escape_html") = false)
      .def("__str__", [](const search::Snippet& s) { return s.text; });

  py::class_<search::SearchHit>(m, "Hit", "One decision record found by a search.")
      .def_readonly("id", &search::SearchHit::id)
      .def_readonly("score", &search::SearchHit::score)
      .def_readonly("title", &search::SearchHit::title)
      .def_readonly("case_number", &search::SearchHit::case_number)
      .def_readonly("committees", &search::SearchHit::committees)
      .def_property_readonly("committee", [](const search::SearchHit& h) { return join(h.committees); })
      .def_readonly("date", &search::SearchHit::date)
      .def_readonly("outcome", &search::SearchHit::outcome)
      .def_readonly("source", &search::SearchHit::source)
      .def_readonly("snippet", &search::SearchHit::snippet)
      .def("__repr__", [](const search::SearchHit& h) { return "<libsearch.Hit " + h.id + ": " + h.title + ">"; });

  py::class_<search::SearchResults>(m, "Results", "The results of Index.search().")
      .def_readonly("query", &search::SearchResults::query)
      .def_readonly("total", &search::SearchResults::total)
      .def_readonly("took_ms", &search::SearchResults::took_ms)
      .def_readonly("hits", &search::SearchResults::hits)
      .def_property_readonly("facets", [](const search::SearchResults& r) {
        py::dict d;
        d["committee"] = facet_dict(r.facets.committee);
        d["year"] = facet_dict(r.facets.year);
        d["outcome"] = facet_dict(r.facets.outcome);
        return d;
      })
      .def("to_json", [](const search::SearchResults& r) { return search::results_to_json(r); })
      .def("__len__", [](const search::SearchResults& r) { return r.hits.size(); })
      .def("__iter__", [](const search::SearchResults& r) { return py::make_iterator(r.hits.begin(), r.hits.end()); },
           py::keep_alive<0, 1>());
}

}  // namespace

PYBIND11_MODULE(_libsearch, m) {
  m.doc() = "libsearch: full-text search for Danish council minutes (compiled part)";
  m.attr("__version__") = SEARCH_VERSION;
  make_error_types(m);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const search::Error& e) {
      raise_error(e);
    }
  });
  bind_results(m);

  py::class_<Index>(m, "Index", "A searcher on one committed generation of an index.")
      .def(py::init<const std::string&>(), py::arg("path"))
      .def("search", &Index::search, py::arg("query"), py::arg("limit") = 10, py::arg("offset") = 0,
           py::arg("sort") = "score", py::arg("facets") = true, py::arg("snippets") = true)
      .def("count", &Index::count, py::arg("query"))
      .def("reopen", &Index::reopen)
      .def_property_readonly("document_count", &Index::document_count)
      .def_property_readonly("generation", &Index::generation)
      .def_property_readonly("path", &Index::path);

  py::class_<Writer>(m, "Writer", "The one writer of an index directory.")
      .def(py::init<const std::string&>(), py::arg("path"))
      .def("add_file", &Writer::add_file, py::arg("path"), py::arg("name") = py::none())
      .def("add_text", &Writer::add_text, py::arg("text"), py::arg("name"))
      .def("add_json", &Writer::add_json, py::arg("json"),
           "Adds records given as record JSON (one object or JSON lines, as `search-indexer parse "
           "--json` prints them); returns how many.")
      .def("delete", &Writer::remove, py::arg("id"))
      .def("commit", &Writer::commit)
      .def("merge", &Writer::merge)
      .def("close", &Writer::close)
      .def_property_readonly("closed", &Writer::closed)
      .def("__enter__", [](Writer& w) -> Writer& { return w; }, py::return_value_policy::reference)
      .def("__exit__", [](Writer& w, const py::object& type, const py::object&, const py::object&) {
        // Commit only on a clean exit; on an exception the changes are dropped.
        try {
          if (type.is_none()) w.commit();
        } catch (...) {
          w.close();
          throw;
        }
        w.close();
        return false;
      });

  m.def("_parse_file_jsonl", &parse_file_jsonl, py::arg("path"));
  m.def("_parse_text_jsonl", &parse_text_jsonl, py::arg("text"), py::arg("name"));
}
