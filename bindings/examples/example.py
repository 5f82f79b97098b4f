"""Index minutes files and search them with the Python package.
Usage: python3 example.py INDEX_DIR QUERY FILE..."""
import sys

import libsearch


def main(index_dir: str, query: str, files: list) -> int:
    with libsearch.Writer(index_dir) as w:  # commits on a clean exit, not on an exception
        for path in files:
            w.add_file(path)
    idx = libsearch.Index(index_dir)
    try:
        res = idx.search(query, limit=5, facets=True)
    except libsearch.QueryError as e:
        print(f"bad query at byte {e.position}: {e}", file=sys.stderr)
        return 2
    for hit in res.hits:
        print(f"{hit.date}  {hit.title}  [{hit.case_number}]")
    for committee, count in res.facets["committee"].items():
        print(f"udvalg:{committee} {count}")
    print(f"{res.total} decision(s)")
    return 0 if res.total > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
