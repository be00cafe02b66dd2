"""``build.py import``: the seeds' acceptance criteria and the command's contract."""

from __future__ import annotations

import codecs
import hashlib
import http.server
import json
import threading
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from tests.helpers import empty_site

from .helpers import REPO, run_cli, tag_slug

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

SEEDS = REPO.parent / "shared" / "seeds"
DPA_SEED = "000_61665304d2a09fb9.txt"
RT_SEED = "002_278ebee29722bd43.txt"
JUNE = Path("content/articles/2023/06")


def seed_bytes(name: str) -> bytes:
    path = SEEDS / name
    if path.is_file():
        return path.read_bytes()
    # The verbatim copies kept in the example archive are the same bytes.
    digest = {"000_61665304d2a09fb9.txt": "d656deb3c6dd820e", "002_278ebee29722bd43.txt": "df4beb0d90276c47"}[name]
    return (REPO / "content" / "captures" / f"{digest}.txt").read_bytes()


def read_article(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body.strip()


def import_json(site: Path, *args: str, stdin: bytes | None = None) -> tuple[int, list[dict]]:
    result = run_cli("import", "--site", str(site), "--json", *args)
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.returncode, records


@pytest.fixture
def seeds_dir(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in (DPA_SEED, RT_SEED):
        (folder / name).write_bytes(seed_bytes(name))
    return folder


@pytest.fixture
def imported(tmp_path, seeds_dir) -> dict[str, tuple[dict, str, dict]]:
    site = empty_site(tmp_path / "site")
    code, records = import_json(site, str(seeds_dir))
    assert code == 0, records
    out = {}
    for record in records:
        assert record["status"] == "written", record
        meta, body = read_article(site / record["path"])
        out[Path(record["input"]).name] = (meta, body, record)
    return out


def paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if p.strip()]


def test_dpa_seed(imported):
    meta, body, record = imported[DPA_SEED]
    assert meta["title"] == "NATO chief hopes Ukraine offensive will force Russia to negotiate"
    assert str(meta["date"]) == "2023-06-13"
    assert meta["source"] == "dpa"
    assert body.startswith("NATO Secretary General Jens Stoltenberg said Tuesday ahead of a meeting with US "
                           "President Joe Biden")
    assert body.endswith("in the Lithuanian capital Vilnius.")
    assert body.count("They have the right... to liberate their own land") == 1
    for chrome in ("Contact Us", "Subscribe", "DPA WORLD", "Published"):
        assert chrome not in body
    assert record["front_matter"]["sha256"] == hashlib.sha256(seed_bytes(DPA_SEED)).hexdigest()


def test_rt_seed(imported):
    meta, body, _ = imported[RT_SEED]
    assert meta["title"] == "Counteroffensive will help Kiev in negotiations – NATO chief"
    assert str(meta["date"]).startswith("2023-06-14T05:23")
    assert meta["source"] == "rt"
    assert meta["summary"] == ("The head of the US-led military bloc has claimed Ukrainian forces can gain "
                               "“a stronger hand” for potential talks with Moscow")
    assert "Stoltenberg" in meta["image"]["caption"] and "Washington" in meta["image"]["caption"]
    assert meta["image"]["credit"] == "Andrew Caballero-Reynolds / AFP"
    assert meta["section"] == "Russia & Former Soviet Union"
    paras = paragraphs(body)
    assert len(paras) == 6
    assert paras[0].startswith("NATO Secretary-General Jens Stoltenberg has said")
    assert paras[-1].endswith("a non-starter for negotiations.")
    for chrome in ("icon", "HomeRussia", "Read more", "NATO states may send troops", "Top stories",
                   "RT Features", "Podcasts", "CrossTalk", "العربية", "RT News App", "TV-Novosti", "cookies"):
        assert chrome not in body


def test_seeds_share_tags(imported):
    for name in (DPA_SEED, RT_SEED):
        folded = {t.casefold() for t in imported[name][0]["tags"]}
        assert {"nato", "ukraine", "russia", "jens stoltenberg"} <= folded, name
        assert len(imported[name][0]["tags"]) <= 8 + 0


def test_capture_kept_verbatim_with_hash(tmp_path, seeds_dir):
    site = empty_site(tmp_path / "site")
    code, records = import_json(site, str(seeds_dir / RT_SEED))
    assert code == 0
    meta = records[0]["front_matter"]
    capture = site / "content" / meta["capture"]
    assert capture.read_bytes() == seed_bytes(RT_SEED)
    assert meta["sha256"] == hashlib.sha256(capture.read_bytes()).hexdigest()
    assert meta["capture"] == f"captures/{meta['sha256'][:16]}.txt"


def test_imported_site_builds(tmp_path, seeds_dir):
    site = empty_site(tmp_path / "site")
    assert run_cli("import", "--site", str(site), str(seeds_dir)).returncode == 0
    result = run_cli("build", "--site", str(site), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "articles" / "2023" / "06").is_dir()


def test_example_archive_is_the_importers_output(tmp_path, seeds_dir):
    """content/articles holds exactly what the importer makes of the seeds (capture time aside)."""
    site = empty_site(tmp_path / "site")
    code, records = import_json(site, str(seeds_dir), "--story", "nato-stoltenberg-counteroffensive-june-2023")
    assert code == 0
    for record in records:
        produced = (site / record["path"]).read_text(encoding="utf-8")
        kept = (REPO / record["path"]).read_text(encoding="utf-8")
        assert _without_capture_time(produced) == _without_capture_time(kept), record["path"]


def _without_capture_time(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("captured:"))


def test_same_capture_is_skipped(tmp_path, seeds_dir):
    site = empty_site(tmp_path / "site")
    run_cli("import", "--site", str(site), str(seeds_dir / DPA_SEED))
    result = run_cli("import", "--site", str(site), str(seeds_dir / DPA_SEED))
    assert result.returncode == 0
    assert result.stdout.startswith("skipped ") and "duplicate of content/articles/2023/06/" in result.stdout
    assert len(list((site / "content" / "articles").rglob("*.md"))) == 1


def test_near_duplicate_is_skipped_unless_forced(tmp_path, seeds_dir):
    site = empty_site(tmp_path / "site")
    run_cli("import", "--site", str(site), str(seeds_dir / RT_SEED))
    recaptured = seed_bytes(RT_SEED).replace(b"Accept cookies", b"Accept all cookies\nLogin")
    (tmp_path / "again.txt").write_bytes(recaptured)
    code, records = import_json(site, str(tmp_path / "again.txt"))
    assert records[0]["status"] == "skipped" and code == 0
    original = JUNE / "counteroffensive-will-help-kiev-in-negotiations-nato-chief.md"
    original = site / original
    before = original.read_bytes()
    code, records = import_json(site, str(tmp_path / "again.txt"), "--force")
    assert records[0]["status"] == "written", records
    assert code == 0
    # --force replaces the article it duplicates, and the first capture is still kept.
    assert original.read_bytes() != before
    assert len(list((site / "content" / "captures").iterdir())) == 2


def test_existing_file_is_never_overwritten(tmp_path, seeds_dir):
    site = empty_site(tmp_path / "site")
    target = site / JUNE / "nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate.md"
    target.parent.mkdir(parents=True)
    target.write_text("---\ntitle: Mine\ndate: 2023-06-01\nsource: dpa\n---\n\nA different article by the curator.\n")
    code, records = import_json(site, str(seeds_dir / DPA_SEED))
    assert code == 0 and records[0]["status"] == "written"
    assert records[0]["path"].endswith("negotiate-2.md")
    assert "A different article by the curator." in target.read_text()


def test_dry_run_writes_nothing(tmp_path, seeds_dir):
    site = empty_site(tmp_path / "site")
    code, records = import_json(site, str(seeds_dir), "--dry-run")
    assert code == 0
    assert [r["status"] for r in records] == ["dry-run", "dry-run"]
    assert records[0]["body"].startswith("NATO Secretary General")
    assert not (site / "content" / "articles").exists()
    assert not (site / "content" / "captures").exists()
    plain = run_cli("import", "--site", str(site), "--dry-run", str(seeds_dir / RT_SEED))
    assert "title: Counteroffensive will help Kiev" in plain.stdout


def test_failures_are_reported_and_others_imported(tmp_path, seeds_dir):
    site = empty_site(tmp_path / "site")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "nodate.txt").write_text(
        "Menu\n\nA headline without any date at all\n\n" + "This is a paragraph of the article body. " * 8 + "\n")
    code, records = import_json(site, str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"),
                                str(tmp_path / "nodate.txt"), str(seeds_dir / DPA_SEED), str(tmp_path / "missing.txt"))
    assert code == 1
    by_input = {Path(r["input"]).name: r for r in records}
    assert by_input["empty.txt"]["status"] == "failed" and "empty" in by_input["empty.txt"]["error"]
    assert by_input["binary.txt"]["status"] == "failed" and "binary" in by_input["binary.txt"]["error"]
    assert "--date" in by_input["nodate.txt"]["error"]
    assert by_input["missing.txt"]["status"] == "failed"
    assert by_input[DPA_SEED]["status"] == "written"
    # --date supplies the day where the page gives none
    code, records = import_json(site, str(tmp_path / "nodate.txt"), "--date", "2024-02-03", "--source", "dpa")
    assert code == 0 and str(records[0]["front_matter"]["date"]) == "2024-02-03"


@pytest.mark.parametrize("encoding", ["utf-16", "cp1251", "latin-1"])
def test_encodings(tmp_path, encoding):
    site = empty_site(tmp_path / "site")
    cyrillic = encoding == "cp1251"
    title = "Москва отвергла предложение о переговорах" if cyrillic else "Café owners protest über new tax rules"
    paras = [
        "Представители правительства заявили во вторник, что условия переговоров остаются "
        "неприемлемыми для российской стороны и что работа будет продолжена.",
        "По словам официального представителя, предложение было получено в понедельник и его "
        "изучили в течение нескольких часов, после чего дали ответ.",
        "Эксперты считают, что стороны вернутся к обсуждению этого вопроса не раньше осени, "
        "когда завершится очередной раунд консультаций.",
    ] if cyrillic else [
        "The owners of the café said on Tuesday that the new rules were unfair to small businesses "
        "and would force them to raise prices for their customers.",
        "A spokesperson for the city said the rules had been discussed with traders for more than a year "
        "and that the über-strict reading of them by some owners was mistaken.",
        "The council will hear the owners' objections at its next meeting, which is planned for the "
        "end of the month, before the rules take effect.",
    ]
    para = paras[0]
    dateline = "Опубликовано 14 июня 2023" if cyrillic else "Published 14 June 2023"
    text = f"Menu\n\n{title}\n\n{dateline}\n\n" + "\n\n".join(paras) + "\n"
    data = text.encode(encoding)
    if encoding == "utf-16":
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    (tmp_path / "page.txt").write_bytes(data)
    code, records = import_json(site, str(tmp_path / "page.txt"), "--source", "dpa")
    assert code == 0, records
    assert records[0]["front_matter"]["title"] == title
    assert para.strip()[:40] in records[0]["body"]
    assert (site / "content" / records[0]["front_matter"]["capture"]).read_bytes() == data


def test_stdin_and_unknown_outlet_stub(tmp_path):
    site = empty_site(tmp_path / "site")
    page = ("Home\n\nCouncil approves new bus lanes for the city centre\n\n13 March 2024\n\n"
            + "The city council voted on Wednesday to approve three new bus lanes in the centre, "
              "after a year of consultation with residents and businesses. " * 2
            + "\n\nWork is expected to begin in the summer and to last for about six months.\n\n"
              "© 2024 Harbour Town Gazette. All rights reserved.\n")
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(REPO / "build.py"), "import", "--site", str(site), "--json", "-"],
                            input=page.encode(), capture_output=True)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["status"] == "written"
    key = record["front_matter"]["source"]
    stub = site / "content" / "sources" / f"{key}.md"
    assert stub.is_file() and "Harbour Town Gazette" in stub.read_text()
    assert "type: other" in stub.read_text()
    assert b"stub" in result.stderr and key.encode() in result.stderr
    # The stub is a valid source: the site still builds.
    assert run_cli("build", "--site", str(site), "--out", str(tmp_path / "out"), "--quiet").returncode == 0


@pytest.mark.parametrize(("furniture", "name"), [
    ("Copyright © 2023 The Valley Herald. All rights reserved.", "The Valley Herald"),
    ("© DER SPIEGEL GmbH & Co. KG", "DER SPIEGEL"),
    ("© 2024 Guardian News & Media Limited or its affiliated companies. All rights reserved.",
     "Guardian News & Media"),
])
def test_unknown_outlet_is_named_without_legal_forms(tmp_path, furniture, name):
    site = empty_site(tmp_path / "site")
    page = ("Home\n\nCouncil approves new bus lanes for the city centre\n\n13 March 2024\n\n"
            + "The city council voted on Wednesday to approve three new bus lanes in the centre, "
              "after a year of consultation with residents and businesses. " * 2
            + f"\n\nWork is expected to begin in the summer and to last for about six months.\n\n{furniture}\n")
    (tmp_path / "page.txt").write_text(page)
    code, records = import_json(site, str(tmp_path / "page.txt"), "--dry-run")
    assert code == 0, records
    assert records[0]["status"] == "dry-run"
    assert records[0]["front_matter"]["source"] == tag_slug(name)
    assert not (site / "content" / "sources" / f"{tag_slug(name)}.md").exists(), "a dry run writes no stub"
    code, records = import_json(site, str(tmp_path / "page.txt"))
    stub = site / "content" / "sources" / f"{records[0]['front_matter']['source']}.md"
    assert f"name: {name}" in stub.read_text() or f"name: '{name}'" in stub.read_text(), stub.read_text()


class _PageHandler(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.path not in self.pages:
            self.send_error(404)
            return
        content_type, body = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HOSTILE_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour reopens after storm | The Coastal Gazette</title>
<meta property="og:title" content="Harbour reopens after storm">
<meta property="og:site_name" content="The Coastal Gazette">
<meta property="og:description" content="The sea wall is mended a week after waves of six metres hit the coast.">
<meta property="article:published_time" content="2024-03-11T09:30:00+00:00">
<script>window.evil = 1</script></head>
<body onload="alert(1)"><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour reopens after storm</h1>
<p>Fishing boats returned to the harbour on Monday after a week of repairs to the sea wall, which was
damaged when the storm brought waves of more than six metres to the coast.</p>
<figure><img src="https://coastal.example/boats.jpg" onerror="alert(2)">
<figcaption>Boats in the harbour on Monday. Photo: Jane Smith</figcaption></figure>
<p>The harbour master said the repairs had cost less than expected and thanked the engineers who had
worked through the weekend. <a href="javascript:alert(3)">Click</a> <iframe src="https://evil.example"></iframe></p>
<p>Local businesses, many of which depend on the fishing fleet, welcomed the news and said they hoped
visitors would return before the Easter holidays begin at the end of the month.</p>
</article>
<aside><h2>Newsletter</h2><form><input name="email"></form></aside>
<footer>© 2024 The Coastal Gazette</footer></body></html>
"""


def test_url_import_from_local_server(tmp_path):
    site = empty_site(tmp_path / "site")
    _PageHandler.pages = {"/news/harbour": ("text/html; charset=utf-8", HOSTILE_PAGE.encode())}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _PageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        code, records = import_json(site, f"{base}/news/harbour", f"{base}/missing")
    finally:
        server.shutdown()
        server.server_close()
    assert code == 1
    ok, missing = records
    assert missing["status"] == "failed" and "404" in missing["error"]
    assert ok["status"] == "written", ok
    meta = ok["front_matter"]
    assert meta["title"] == "Harbour reopens after storm"
    assert meta["url"] == f"{base}/news/harbour"
    assert str(meta["date"]).startswith("2024-03-11T09:30:00")
    assert meta["summary"] == "The sea wall is mended a week after waves of six metres hit the coast."
    assert meta["image"]["credit"] == "Jane Smith"
    body = ok["body"]
    assert body.startswith("Fishing boats returned to the harbour on Monday")
    assert "Easter holidays" in body
    for hostile in ("<script", "onerror", "onload", "javascript:", "<iframe", "alert(", "Newsletter", "©"):
        assert hostile not in body
    assert meta["capture"].endswith(".html")
    # The verbatim capture is published as text, never as an HTML page of the site.
    out = tmp_path / "out"
    assert run_cli("build", "--site", str(site), "--out", str(out), "--quiet").returncode == 0
    published = out / "captures" / (Path(meta["capture"]).name + ".txt")
    assert published.read_bytes() == HOSTILE_PAGE.encode()
    assert not list((out / "captures").glob("*.html"))


def test_markdown_inputs(tmp_path):
    site = empty_site(tmp_path / "site")
    (tmp_path / "hugo.md").write_text(
        '+++\ntitle = "Hugo post about the summit"\ndate = 2023-07-11T10:00:00+03:00\n'
        'tags = ["NATO", "Vilnius"]\ndescription = "Leaders met in Vilnius."\n+++\n\n'
        "Leaders of the alliance met in Vilnius on Tuesday for a two-day summit.\n\nA second paragraph.\n")
    (tmp_path / "pelican.md").write_text(
        "Title: Pelican post on the summit\nDate: 2023-07-12 09:15\nTags: NATO, Ukraine\n"
        "Author: Ann Writer\nSummary: A short summary.\n\n"
        "The summit ended on Wednesday with a joint statement on Ukraine.\n")
    (tmp_path / "jekyll.md").write_text(
        "---\nlayout: post\ntitle: Jekyll post on the summit\ndate: 2023-07-13\nsource: rt\n"
        "categories: [world]\n---\n\nA third report from the summit, written for a Jekyll site.\n")
    code, records = import_json(site, str(tmp_path / "hugo.md"), str(tmp_path / "pelican.md"),
                                str(tmp_path / "jekyll.md"), "--source", "dpa")
    assert code == 0, records
    hugo, pelican, jekyll = (r["front_matter"] for r in records)
    assert hugo["title"] == "Hugo post about the summit" and hugo["date"] == "2023-07-11T10:00:00+03:00"
    assert hugo["summary"] == "Leaders met in Vilnius." and "Vilnius" in hugo["tags"]
    assert pelican["byline"] == "Ann Writer" and pelican["date"] == "2023-07-12T09:15:00"
    assert jekyll["source"] == "dpa"  # --source wins over the file's own
    assert jekyll["layout"] == "post"  # unknown keys are kept
    assert records[0]["body"].startswith("Leaders of the alliance met in Vilnius")


def test_import_help():
    result = run_cli("import", "--help")
    assert result.returncode == 0 and "--dry-run" in result.stdout and "--force" in result.stdout


QUESTION_HEADLINE_DUMP = "\n".join([
    "Menu",
    "I write about code, photos and the occasional rant on this little blog of mine every week.",
    "Will the harbour bridge ever reopen to lorries?",
    "The harbour bridge has been closed to lorries since the spring, and the council says the repairs "
    "will take until next year at the earliest.",
    "Engineers found cracks in two of the steel girders that carry the deck, and the lorries that used "
    "the bridge now take a detour of twelve miles.",
    "Shop owners on the quay say the detour has cost them customers, and they want the council to "
    "reopen one lane for deliveries.",
    "Comments", ""])


def test_guessed_headline_is_imported_for_review_and_listed_by_check(tmp_path):
    site = empty_site(tmp_path / "site")
    dump = tmp_path / "bridge.txt"
    dump.write_text(QUESTION_HEADLINE_DUMP, encoding="utf-8")
    result = run_cli("import", "--site", str(site), "--source", "rt", "--date", "2023-06-14", str(dump))
    assert result.returncode == 0, result.stderr
    assert "guessed the headline" in result.stderr
    written = next((site / "content" / "articles").rglob("*.md"))
    front, body = read_article(written)
    assert front["title"] == "Will the harbour bridge ever reopen to lorries?"
    assert front["review"] == ["headline"]
    assert body.startswith("The harbour bridge has been closed")  # the promo above the headline is not the story
    check = run_cli("check", "--site", str(site))
    assert check.returncode == 0, check.stderr
    assert "1 article needs review" in check.stdout
    assert f"{written.relative_to(site)}: headline" in check.stdout


def test_page_without_any_article_is_refused_with_the_reason(tmp_path):
    site = empty_site(tmp_path / "site")
    menu = tmp_path / "menu.txt"
    menu.write_text("Home\nNews\nSport\nWeather\nContact us\n", encoding="utf-8")
    code, records = import_json(site, "--date", "2023-06-14", str(menu))
    assert code == 1
    assert records[0]["status"] == "failed" and "no article text found" in records[0]["error"]
    assert not (site / "content" / "articles").exists()


def test_relative_date_needs_a_known_capture_time_and_is_marked_for_review(tmp_path):
    import os
    import subprocess
    import sys

    site = empty_site(tmp_path / "site")
    page = (REPO / "tests" / "fixtures" / "import" / "portal_hours_ago.txt").read_bytes()  # dated "3 hours ago"
    dump = tmp_path / "portal.txt"
    dump.write_bytes(page)
    saved = 1686691800  # 2023-06-13T21:30:00Z: the file's time is the capture time
    os.utime(dump, (saved, saved))
    code, records = import_json(site, "--dry-run", str(dump))
    assert code == 0, records
    front = records[0]["front_matter"]
    assert str(front["date"]).startswith("2023-06-13T18:30")
    assert front["review"] == ["date"]
    # From stdin the capture time is not known: "3 hours ago" gives no day, and the page needs --date.
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "import", "--site", str(site), "--json",
                             "--dry-run", "-"], input=page, capture_output=True)
    record = json.loads(result.stdout)
    assert result.returncode == 1 and record["status"] == "failed"
    assert "no publication date" in record["error"]


def _tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def test_a_folder_on_several_processes_imports_as_one_process_does(tmp_path, seeds_dir):
    # Saved pages and dumps, the same capture twice, a near-duplicate, an empty and a binary file:
    # what is settled in order (skips, the -2 path, stubs of new outlets) must not depend on --jobs.
    folder = tmp_path / "inbox"
    folder.mkdir()
    fixtures = sorted((REPO / "tests" / "fixtures" / "import").glob("*.[ht][tx]*"))
    for path in fixtures:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "zz-again.txt").write_bytes(seed_bytes(DPA_SEED))
    (folder / "aa-first.txt").write_bytes(seed_bytes(DPA_SEED))
    (folder / "rt.txt").write_bytes(seed_bytes(RT_SEED))
    recaptured = seed_bytes(RT_SEED).replace(b"Accept cookies", b"Accept all cookies\nLogin")
    (folder / "rt2-recaptured.txt").write_bytes(recaptured)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    results = {}
    for jobs in ("1", "2"):
        site = empty_site(tmp_path / f"site-{jobs}")
        result = run_cli("import", "--site", str(site), "--date", "2024-01-01", "--jobs", jobs, str(folder))
        results[jobs] = (result.returncode, result.stdout, result.stderr, _tree(site))
    code, stdout, stderr, tree = results["1"]
    assert code == 1 and "Traceback" not in stderr
    lines = stdout.splitlines()
    assert len(lines) == len(list(folder.iterdir()))
    assert any(line.startswith("skipped ") and "zz-again.txt" in line for line in lines)
    assert any(line.startswith("skipped ") and "rt2-recaptured.txt" in line for line in lines)
    assert sum(line.startswith("failed ") for line in lines) == 2
    articles = [name for name in tree if name.startswith("content/articles/")]
    assert len(articles) == sum(line.startswith("written ") for line in lines) > 15
    assert results["2"] == results["1"]
