"""libsearch: full-text search for Danish council minutes.

    import libsearch

    with libsearch.Writer("idx") as w:          # commits on a clean exit
        w.add_file("minutes/2024-04-24.txt")
    idx = libsearch.Index("idx")
    res = idx.search("socialområdet udvalg:KB", limit=10, facets=True)
    for hit in res.hits:
        print(hit.date, hit.title, hit.snippet.marked())
    print(res.total, res.facets["committee"])

Every failure raises a subclass of libsearch.Error carrying the library's message; a
malformed query raises QueryError whose .position is the byte offset of the fault.
"""

import json as _json
from typing import Any, Dict, List

from ._libsearch import (  # noqa: F401  (re-exported)
    __version__,
    CorruptIndexError,
    Error,
    Hit,
    Index,
    InvalidArgumentError,
    IoError,
    LimitError,
    LockedError,
    NotFoundError,
    ParseError,
    QueryError,
    Results,
    Snippet,
    UnsupportedError,
    Writer,
)
from . import _libsearch


def parse(path: str) -> List[Dict[str, Any]]:
    """Parses a minutes file (text, Markdown or PDF) into its records, as dicts with the
    fields of `search-indexer parse --json` (id, title, case_number, decisions, ...)."""
    return [_json.loads(line) for line in _libsearch._parse_file_jsonl(path).splitlines()]


def parse_text(text: str, name: str) -> List[Dict[str, Any]]:
    """Parses minutes text; `name` names the source (record ids derive from it)."""
    return [_json.loads(line) for line in _libsearch._parse_text_jsonl(text, name).splitlines()]


__all__ = [
    "CorruptIndexError", "Error", "Hit", "Index", "InvalidArgumentError", "IoError",
    "LimitError", "LockedError", "NotFoundError", "ParseError", "QueryError", "Results",
    "Snippet", "UnsupportedError", "Writer", "parse", "parse_text", "__version__",
]
