"""The Python package end to end on the seed corpus. Expected answers come from reading the
seed files. Needs PYTHONPATH at the built package, SEARCH_CORPUS_DIR and SEARCH_TEST_WORK."""

import json
import os
import shutil
import threading
import unittest

import libsearch

CORPUS = os.environ["SEARCH_CORPUS_DIR"]
WORK = os.environ["SEARCH_TEST_WORK"]
SEEDS = os.path.join(CORPUS, "seeds")
INDEX = os.path.join(WORK, "index")
VPU_TITLE = "Status på udviklingsprocessen på Socialområdet pr. april 2024"


def seed(name):
    return os.path.join(SEEDS, name)


class SearchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        shutil.rmtree(WORK, ignore_errors=True)
        os.makedirs(WORK)
        with libsearch.Writer(INDEX) as w:
            for name in sorted(os.listdir(SEEDS)):
                if not name.startswith("."):
                    assert w.add_file(seed(name)) == 1
        cls.idx = libsearch.Index(INDEX)

    def test_all_seeds_are_indexed(self):
        self.assertEqual(self.idx.document_count, 5)

    def test_case_number_finds_exactly_one_item(self):
        res = self.idx.search("sag:22/6043")
        self.assertEqual(res.total, 1)
        hit = res.hits[0]
        self.assertEqual(hit.title, VPU_TITLE)
        self.assertEqual(hit.case_number, "22/6043")
        self.assertEqual(hit.date, "2024-04-24")
        self.assertEqual(hit.committees, ["Voksen- og Plejeudvalget"])
        self.assertEqual(hit.committee, "Voksen- og Plejeudvalget")
        self.assertEqual(hit.id, "norddjurs-vpu-2024-04-24-status-udviklingsproces")

    def test_committee_filter_finds_the_kb_item(self):
        res = self.idx.search("udvalg:KB")
        self.assertEqual([h.title for h in res.hits], ["Politisk initiativ"])
        self.assertEqual(res.hits[0].committees, ["Økonomiudvalget", "Kommunalbestyrelsen"])
        self.assertEqual(res.hits[0].date, "2022-05-24")

    def test_facets_count_the_whole_match_set(self):
        res = self.idx.search("sag:22/6043 OR udvalg:KB", limit=1)
        self.assertEqual(res.total, 2)
        self.assertEqual(len(res.hits), 1)
        self.assertEqual(res.facets["year"], {"2024": 1, "2022": 1})
        self.assertEqual(res.facets["committee"]["KB"], 1)
        self.assertEqual(res.facets["committee"]["VPU"], 1)

    def test_paging_and_facets_off(self):
        everything = self.idx.search("udvalg:KB OR udvalg:VPU OR udvalg:HU", limit=10, facets=False)
        self.assertEqual(everything.total, 4)
        self.assertEqual(everything.facets, {"committee": {}, "year": {}, "outcome": {}})
        page = self.idx.search("udvalg:KB OR udvalg:VPU OR udvalg:HU", limit=2, offset=2, facets=False)
        self.assertEqual([h.id for h in page.hits], [h.id for h in everything.hits[2:4]])
        by_date = self.idx.search("udvalg:KB OR udvalg:VPU OR udvalg:HU", sort="date")
        self.assertEqual(by_date.hits[0].date, "2024-04-24")

    def test_snippet_highlights_index_the_str(self):
        res = self.idx.search("socialområdet")
        self.assertGreaterEqual(res.total, 1)
        for hit in res.hits:
            self.assertTrue(hit.snippet.highlights, hit.id)
            for begin, end in hit.snippet.highlights:
                word = hit.snippet.text[begin:end].lower()
                self.assertTrue(word.startswith("social"), word)
            self.assertIn("«", hit.snippet.marked())

    def test_results_to_json(self):
        import json
        doc = json.loads(self.idx.search("udvalg:KB").to_json())
        self.assertEqual(doc["total"], 1)
        self.assertEqual(doc["hits"][0]["title"], "Politisk initiativ")

    def test_bad_query_raises_query_error_with_position(self):
        with self.assertRaises(libsearch.QueryError) as cm:
            self.idx.search('borgere "psykisk')
        self.assertEqual(cm.exception.position, 8)
        self.assertEqual(cm.exception.code, "query")
        self.assertIsInstance(cm.exception, libsearch.Error)
        self.assertTrue(str(cm.exception))

    def test_bad_sort_is_an_invalid_argument(self):
        with self.assertRaises(libsearch.InvalidArgumentError):
            self.idx.search("x", sort="title")

    def test_missing_index_raises_not_found(self):
        with self.assertRaises(libsearch.NotFoundError) as cm:
            libsearch.Index(os.path.join(WORK, "no-such-index"))
        self.assertIn("no-such-index", str(cm.exception))

    def test_second_writer_is_locked_out(self):
        with libsearch.Writer(INDEX):
            with self.assertRaises(libsearch.LockedError):
                libsearch.Writer(INDEX)

    def test_searches_run_in_parallel_threads(self):
        totals = []

        def run():
            totals.append(self.idx.search("udvalg:KB").total)

        threads = [threading.Thread(target=run) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(totals, [1, 1, 1, 1])


class WriterTest(unittest.TestCase):
    def setUp(self):
        self.dir = os.path.join(WORK, "writer-" + self._testMethodName)
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_exception_in_with_block_drops_the_changes(self):
        with libsearch.Writer(self.dir) as w:
            w.add_file(seed("norddjurs-oek-kb-2022-05-politisk-initiativ.txt"))
        with self.assertRaises(RuntimeError):
            with libsearch.Writer(self.dir) as w:
                w.add_file(seed("norddjurs-vpu-2024-04-24-status-udviklingsproces.txt"))
                raise RuntimeError("stop")
        self.assertEqual(libsearch.Index(self.dir).document_count, 1)
        with libsearch.Writer(self.dir) as w:  # the lock was released
            self.assertTrue(w.closed is False)

    def test_delete_and_add_text(self):
        with libsearch.Writer(self.dir) as w:
            w.add_file(seed("norddjurs-oek-kb-2022-05-politisk-initiativ.txt"))
            with open(seed("norddjurs-vpu-2024-04-24-status-udviklingsproces.txt"), encoding="utf-8") as f:
                self.assertEqual(w.add_text(f.read(), "vpu.txt"), 1)
        idx = libsearch.Index(self.dir)
        self.assertEqual(idx.search("sag:22/6043").hits[0].id, "vpu")
        with libsearch.Writer(self.dir) as w:
            self.assertTrue(w.delete("norddjurs-oek-kb-2022-05-politisk-initiativ"))
            self.assertFalse(w.delete("no-such-id"))
        idx.reopen()
        self.assertEqual(idx.document_count, 1)
        self.assertEqual(idx.count("udvalg:KB"), 0)

    def test_add_json_takes_records_as_parse_prints_them(self):
        made = json.dumps({"id": "handmade/1", "title": "Vejnavn til ny udstykning",
                           "decisions": [{"committee": "Teknik- og Miljøudvalget", "date": "2023-05-03",
                                          "outcome": "valgt", "text": "Kirsebærhaven blev valgt."}]})
        with libsearch.Writer(self.dir) as w:
            self.assertEqual(w.add_json(made), 1)
            self.assertEqual(w.add_json('{"id": "a"}\n{"id": "b", "title": "B"}\n'), 2)
            with self.assertRaises(libsearch.ParseError):
                w.add_json('{"title": "no id"}')
            with self.assertRaises(libsearch.ParseError):
                w.add_json('{"id": "c", "decisions": [{"outcome": "maybe"}]}')
        idx = libsearch.Index(self.dir)
        self.assertEqual(idx.document_count, 3)
        hits = idx.search("udvalg:TMU beslutning:valgt").hits
        self.assertEqual([h.title for h in hits], ["Vejnavn til ny udstykning"])

    def test_missing_file_raises_not_found(self):
        with libsearch.Writer(self.dir) as w:
            with self.assertRaises(libsearch.NotFoundError):
                w.add_file(os.path.join(WORK, "missing.txt"))

    def test_closed_writer_refuses_work(self):
        w = libsearch.Writer(self.dir)
        w.close()
        with self.assertRaises(libsearch.InvalidArgumentError):
            w.commit()


class ParseTest(unittest.TestCase):
    def test_parse_gives_the_record_fields(self):
        records = libsearch.parse(seed("norddjurs-oek-kb-2022-05-politisk-initiativ.txt"))
        self.assertEqual(len(records), 1)
        r = records[0]
        self.assertEqual(r["title"], "Politisk initiativ")
        self.assertEqual(r["id"], "norddjurs-oek-kb-2022-05-politisk-initiativ")
        self.assertEqual([d["committee"] for d in r["decisions"]], ["Økonomiudvalget", "Kommunalbestyrelsen"])
        self.assertEqual([d["date"] for d in r["decisions"]], ["2022-05-17", "2022-05-24"])

    def test_parse_missing_file(self):
        with self.assertRaises(libsearch.NotFoundError):
            libsearch.parse(os.path.join(WORK, "missing.txt"))

    def test_parse_text_without_items_is_empty(self):
        self.assertEqual(libsearch.parse_text("nothing here", "x.txt"), [])


if __name__ == "__main__":
    unittest.main()
