"""The static search export: its format, its agreement with the Whoosh index it is derived
from, determinism, and incremental updates of the index."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from whoosh import query as wq

from clippings.pipeline import load_site, render_markup
from clippings.search_docs import search_cache as cache_dir
from clippings.search_docs import site_documents
from search import start_search
from search.analysis import PLAIN_MARK
from search.documents import BOOSTS, TEXT_FIELDS
from search.export_terms import HEAD
from search.format import CARD_BLOCK, SHORT_PREFIX_TOP, digest, slot, term_from_spec, undeltas
from search.index import INDEX_DIR, open_index
from search.searcher import SnappedBM25F
from tests.helpers import build_ok, copy_example_site

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

EXAMPLE_IDS = ["2023/06/nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate",
               "2023/06/counteroffensive-will-help-kiev-in-negotiations-nato-chief"]


class Export:
    """Reads a built site's search/ folder the way the browser client does."""

    def __init__(self, out: Path):
        self.root = out / "search"
        self.manifest = self.json("manifest.json")
        self.version = self.manifest["version"]

    def json(self, name: str):
        return json.loads((self.root / name).read_text(encoding="utf-8"))

    def shard(self, folder: str, key: str, count: str) -> dict:
        return self.json(f"{self.version}/{folder}/{slot(key, self.manifest[count])}.json")

    def postings(self, key: str) -> dict[int, int]:
        """doc -> quantized score, head and tail together."""
        raw = self.shard("p", key, "shards")[key]
        docs = dict(zip(undeltas(raw[1]), raw[2], strict=True))
        if len(raw) > 3:
            ids, scores = self.shard("t", key, "tails")[key]
            docs.update(zip(undeltas(ids), scores, strict=True))
        return docs

    def score(self, quantized: int) -> float:
        low, step = self.manifest["quant"]
        return low * math.exp((quantized - 1) * step)

    def card(self, doc: int) -> list:
        block = self.manifest["cards"]["hashes"][doc // self.manifest["cards"]["block"]]
        return self.json(f"c/{block}/{doc}.json")

    def numbers(self) -> dict[str, int]:
        return {self.card(n)[0]: n for n in range(self.manifest["docs"])}


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, Export]:
    site = copy_example_site(tmp_path_factory.mktemp("export") / "site")
    out = site.parent / "out"
    build_ok(site, out)
    return site, Export(out)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, corpus_site) -> tuple[Path, Export]:
    out = tmp_path_factory.mktemp("export-corpus") / "out"
    build_ok(corpus_site, out)
    return corpus_site, Export(out)


def test_manifest_is_small_and_names_content_hashed_files(example, corpus):
    for _, export in (example, corpus):
        assert (export.root / "manifest.json").stat().st_size < 1500
        m = export.manifest
        assert m["format"] == 1 and m["docs"] > 0 and m["plain"] is False
        for name in (m["meta"], m["facets"], m["tags"]):
            assert name.rsplit("-", 1)[1] == digest((export.root / name).read_bytes()) + ".json"
        for number, block in enumerate(m["cards"]["hashes"]):
            files = sorted((export.root / "c" / block).glob("*.json"), key=lambda p: int(p.stem))
            assert [int(p.stem) for p in files] == list(range(number * CARD_BLOCK, number * CARD_BLOCK + len(files)))
            assert block == digest(b"\n".join(p.read_bytes() for p in files))
        for folder, count in (("p", "shards"), ("t", "tails"), ("b", "pairs"), ("x", "prefixes")):
            assert len(list((export.root / m["version"] / folder).glob("*.json"))) == m[count]


def test_every_term_and_posting_of_the_whoosh_index_is_exported(corpus):
    site, export = corpus
    numbers = export.numbers()
    ix = open_index(cache_dir(site))
    whoosh: dict[str, set[int]] = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        stored = {n: fields["id"] for n, fields in enumerate(reader.all_stored_fields())}
        for field in TEXT_FIELDS:
            for term in reader.lexicon(field):
                key = term.decode("utf-8")
                docs = {numbers[stored[d]] for d in reader.postings(field, term).all_ids()}
                whoosh.setdefault(key, set()).update(docs)
        assert not list(reader.lexicon("body_plain"))  # the corpus is English
    assert len(whoosh) > 300
    for key, docs in sorted(whoosh.items())[::5]:
        exported = export.postings(key)
        assert set(exported) == docs, key
        assert export.shard("p", key, "shards")[key][0] == len(docs)


def test_scores_are_whoosh_bm25f_quantized(corpus):
    site, export = corpus
    numbers = export.numbers()
    ix = open_index(cache_dir(site))
    keys = ["year", "minist", "market", "champion", "govern", "film"]
    checked = 0
    with ix.searcher(weighting=SnappedBM25F()) as searcher:
        for key in keys:
            try:
                exported = export.postings(key)
            except KeyError:
                continue
            query = wq.Or([wq.Term(f, key, boost=BOOSTS[f]) for f in TEXT_FIELDS])
            for hit in searcher.search(query, limit=None):
                ours = export.score(exported[numbers[hit["id"]]])
                assert abs(ours - hit.score) <= 0.016 * hit.score, (key, hit["id"], ours, hit.score)
                checked += 1
    assert checked > 50


def test_very_common_terms_keep_their_best_documents_in_the_shard(corpus):
    _, export = corpus
    vocabulary = json.loads((cache_dir(corpus[0]) / "vocabulary.json").read_text(encoding="utf-8"))
    key = next(k for _, k, df, _ in vocabulary if df > 2 * HEAD)
    df, head, scores, tail_max = export.shard("p", key, "shards")[key]
    assert len(head) == len(scores) >= HEAD  # the best 48, and every match in a title or tags
    tail_ids, tail_scores = export.shard("t", key, "tails")[key]
    assert len(tail_ids) + len(head) == df and max(tail_scores) == tail_max <= sorted(scores)[-HEAD]
    assert not set(undeltas(head)) & set(undeltas(tail_ids))


def test_pairs_prefixes_cards_and_facets(example):
    _, export = example
    numbers = export.numbers()
    assert list(numbers) == sorted(EXAMPLE_IDS, key=lambda i: export.card(numbers[i])[2])  # oldest first
    both = sorted(numbers.values())
    assert undeltas(export.shard("b", "jen stoltenberg", "pairs")["jen stoltenberg"]) == both
    assert "stoltenberg jen" not in export.shard("b", "stoltenberg jen", "pairs")
    bucket = export.shard("x", "sto", "prefixes")["sto"]
    assert bucket[0][:2] == ["stoltenberg", 11] and term_from_spec("stoltenberg", 11) == "stoltenberg"
    for prefix in ("s", "st"):
        entries = export.shard("x", prefix, "prefixes")[prefix]
        keys = [term_from_spec(w, spec) for w, spec, *_ in entries]
        assert len(set(keys)) <= SHORT_PREFIX_TOP and all(w.startswith(prefix) for w, *_ in entries)
        assert [e[2] for e in entries] == sorted((e[2] for e in entries), reverse=True)
    card = export.card(numbers[EXAMPLE_IDS[1]])
    meta = export.json(export.manifest["meta"])
    assert card[:3] == [EXAMPLE_IDS[1], "Counteroffensive will help Kiev in negotiations – NATO chief", "2023-06-14"]
    assert meta["sources"][card[3]][:2] == ["rt", "RT"] and card[4] == "Russia & Former Soviet Union"
    assert card[5].startswith("The head of the US-led military bloc")
    facets = export.json(export.manifest["facets"])
    assert sorted(d for _, ids in facets["source"] for d in undeltas(ids)) == both
    assert facets["year"] == [["2023", [0, 1]]] and facets["lang"] == [["en", [0, 1]]]
    tags = {slug: undeltas(ids) for slug, _, ids in export.json(export.manifest["tags"])}
    assert tags["vladimir-putin"] == [numbers[EXAMPLE_IDS[0]]] and tags["nato"] == both


def _report(site: Path, out: Path, background: bool = False):
    loaded = load_site(site)
    docs = site_documents(loaded, render_markup(loaded, 1))
    return start_search(docs, cache_dir(site), loaded.config.language, background=background).finish(out)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_index_updates_touch_only_what_changed_and_match_a_fresh_build(tmp_path):
    site = copy_example_site(tmp_path / "site")
    first = _report(site, tmp_path / "a")
    assert first.index.rebuilt and len(first.index.added) == 2
    again = _report(site, tmp_path / "b")
    assert again.index.touched == 0 and _tree(tmp_path / "a") == _tree(tmp_path / "b")

    path = site / "content/articles/2023/06/counteroffensive-will-help-kiev-in-negotiations-nato-chief.md"
    path.write_text(path.read_text(encoding="utf-8").replace("negotiations – NATO chief", "talks – NATO chief"),
                    encoding="utf-8")
    changed = _report(site, tmp_path / "c")
    assert changed.index.changed == [EXAMPLE_IDS[1]] and not changed.index.rebuilt
    assert changed.index.seconds < 1.0
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns(".cache"))
    _report(fresh, tmp_path / "d")
    assert _tree(tmp_path / "c") == _tree(tmp_path / "d")
    ix = open_index(cache_dir(site))
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 2
        assert len(searcher.search(wq.Term("title", "talk"))) == 1
        assert len(searcher.search(wq.Term("title", "negoti"))) == 1  # was 2: the other one says "negotiate"

    (site / "content/articles/2023/06/nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate.md").unlink()
    removed = _report(site, tmp_path / "e")
    assert removed.index.removed == [EXAMPLE_IDS[0]] and removed.index.added == []
    assert Export(tmp_path / "e").manifest["docs"] == 1


def test_a_damaged_or_outdated_index_is_rebuilt(tmp_path):
    site = copy_example_site(tmp_path / "site")
    _report(site, tmp_path / "a")
    manifest = cache_dir(site) / "index.json"
    data = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**data, "version": "0.0"}))
    assert _report(site, tmp_path / "b").index.rebuilt
    for f in (cache_dir(site) / INDEX_DIR).glob("*.seg"):
        f.write_bytes(b"garbage")
    assert _report(site, tmp_path / "c").index.rebuilt
    assert _tree(tmp_path / "a") == _tree(tmp_path / "c")


def test_plain_analysis_for_languages_other_than_english(tmp_path):
    site = copy_example_site(tmp_path / "site")
    (site / "content/articles/2023/06/de.md").write_text(
        "---\ntitle: Die Häuser der Nachrichten\ndate: 2023-06-15\nsource: dpa\nlang: de\n---\n\n"
        "Nachrichtenagenturen berichten über Häuser und Verhandlungen.\n", encoding="utf-8")
    _report(site, tmp_path / "out")
    export = Export(tmp_path / "out")
    assert export.manifest["plain"] is True
    assert PLAIN_MARK + "häuser" in export.shard("p", PLAIN_MARK + "häuser", "shards")
    assert "häuser" not in export.shard("p", "häuser", "shards")  # never stemmed as English
    assert PLAIN_MARK + "die häuser" in export.shard("b", PLAIN_MARK + "die häuser", "pairs")
    assert export.card(export.manifest["docs"] - 1)[6] == "de"


def test_an_update_of_the_export_equals_a_fresh_one(tmp_path, corpus_site):
    site = tmp_path / "site"
    shutil.copytree(corpus_site, site, ignore=shutil.ignore_patterns(".cache"))
    assert _report(site, tmp_path / "a").export == "rebuilt"
    assert _report(site, tmp_path / "b").export == "reused"
    articles = sorted((site / "content/articles").rglob("*.md"))
    edited = articles[len(articles) // 2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA zanzibarian phrase, newly added.\n",
                      encoding="utf-8")
    newest = site / "content/articles/2099/01/newest.md"
    newest.parent.mkdir(parents=True)
    source = sorted((site / "content/sources").glob("*.md"))[0].stem
    newest.write_text(f"---\ntitle: The newest zanzibarian report\ndate: 2099-01-01\nsource: {source}\n"
                      "tags: [zanzibar]\n---\n\nA zanzibarian report about the year.\n", encoding="utf-8")
    updated = _report(site, tmp_path / "c")
    assert updated.export == "updated" and len(updated.index.changed) == 1 and len(updated.index.added) == 1
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns(".cache"))
    assert _report(fresh, tmp_path / "d").export == "rebuilt"
    assert _tree(tmp_path / "c") == _tree(tmp_path / "d")
    export = Export(tmp_path / "c")
    assert len(export.postings("zanzibarian")) == 2
    # one document: its number alone
    assert export.shard("b", "zanzibarian report", "pairs")["zanzibarian report"] == export.manifest["docs"] - 1


def test_ctrl_c_while_the_search_processes_start_waits_until_both_have_their_work(tmp_path, monkeypatch, capfd):
    # Interrupted between spawning a process and sending it its documents, the child died with
    # "EOFError: Ran out of input" on the preview's terminal; the signal now waits for the start.
    import multiprocessing.context
    import signal

    site = copy_example_site(tmp_path / "site")
    loaded = load_site(site)
    docs = site_documents(loaded, render_markup(loaded, 1))
    start, started = multiprocessing.context.SpawnProcess.start, []

    def start_then_interrupt(process):
        start(process)
        started.append(process)
        signal.raise_signal(signal.SIGINT)  # as a Ctrl-C arriving while the job starts

    monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", start_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        start_search(docs, cache_dir(site), loaded.config.language, background=True)
    assert len(started) == 2  # both started before the interrupt was acted on
    for process in started:
        process.join(60)
        assert process.exitcode == 0
    assert "Traceback" not in capfd.readouterr().err


def _export_files(out: Path) -> dict[str, bytes]:
    root = out / "search"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != "index.html"}


def test_a_warm_build_carries_the_unchanged_export_folders_over_and_remakes_damaged_ones(tmp_path):
    site, out = copy_example_site(tmp_path / "site"), tmp_path / "out"
    build_ok(site, out)
    first = _export_files(out)
    version = Export(out).version
    terms, cards = out / "search" / version, next((out / "search" / "c").iterdir())
    inodes = (terms.stat().st_ino, cards.stat().st_ino)

    build_ok(site, out)
    assert _export_files(out) == first
    assert ((out / "search" / version).stat().st_ino, (out / "search" / "c" / cards.name).stat().st_ino) == inodes

    # A file changed by hand (or cut short) means its folder is written anew, as the export has it.
    damaged = next((out / "search" / version).rglob("*.json"))
    damaged.write_bytes(damaged.read_bytes()[:-1])
    (out / "search" / "c" / cards.name / "stray.json").write_text("{}", encoding="utf-8")
    build_ok(site, out)
    assert _export_files(out) == first
    assert (out / "search" / version).stat().st_ino != inodes[0]


def test_folders_moved_from_the_last_site_go_back_when_the_new_one_is_not_swapped_in(tmp_path):
    from search.export import put_back, write_files

    files = {"v1/p/0.json": b"[1]", "v1/p/1.json": b"[22]", "c/h1/0.json": b"{}", "manifest.json": b"{}"}
    old, new = tmp_path / "old", tmp_path / "new"
    write_files(old, files)
    before = {p.relative_to(old).as_posix(): p.read_bytes() for p in old.rglob("*") if p.is_file()}
    moved = write_files(new, {**files, "c/h2/256.json": b"[]"}, previous=old)
    assert {target.relative_to(new / "search").as_posix() for _, target in moved} == {"v1", "c/h1"}
    assert (new / "search" / "c" / "h2" / "256.json").read_bytes() == b"[]"
    assert not (old / "search" / "v1").exists()
    put_back(moved)
    assert {p.relative_to(old).as_posix(): p.read_bytes() for p in old.rglob("*") if p.is_file()} == before
