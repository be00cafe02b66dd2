"""The search page in headless Chromium, on sites served at the root and under a sub-path.

Also: the client's analysis (tokenizer, stop words, Porter stemmer, shard hash, query syntax)
against Whoosh's, on every word the build wrote out, and the client's rankings against the CLI's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from clippings.search_docs import search_cache as cache_dir
from search.analysis import key_hash, stem, surface_tokens
from search.query import parse
from tests.conftest import StaticServer
from tests.helpers import build_ok, run_cli

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SUBPATH = "/sub/dir/"
PREFIXES = ["/", SUBPATH]
EXAMPLE_TARGET = "2023/06/counteroffensive-will-help-kiev-in-negotiations-nato-chief"


@pytest.fixture(scope="module")
def built(tmp_path_factory, example_site, corpus_site) -> dict[tuple[str, str], Path]:
    """Each site built for the root and for a sub-path (its search index is built once)."""
    root = tmp_path_factory.mktemp("search-browser")
    out = {}
    for name, site in (("example", example_site), ("corpus", corpus_site)):
        out[name, "/"] = root / f"{name}-root"
        build_ok(site, out[name, "/"])
        sub = root / f"{name}-sub"
        build_ok(site, sub, "--base-url", f"https://archive.test{SUBPATH}")
        out[name, SUBPATH] = sub
    return out


@pytest.fixture(scope="module")
def servers(built):
    started = {key: StaticServer(folder, prefix=key[1]) for key, folder in built.items()}
    for server in started.values():
        server.__enter__()
    yield started
    for server in started.values():
        server.__exit__(None, None, None)


def cli(site: Path, query: str, *options: str) -> dict:
    result = run_cli("search", query, "--site", str(site), "--json", *options)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def open_search(page, server, query: str | None = None, **params: str):
    extra = "".join(f"&{k}={quote(v)}" for k, v in params.items())
    url = server.base_url + "search/" + (f"?q={quote(query)}{extra}" if query is not None else "")
    page.goto(url)
    page.wait_for_function("window.clippingsSearch !== undefined")
    if query is not None:
        wait_for(page, query)


def wait_for(page, query: str) -> None:
    page.wait_for_function("q => document.getElementById('search-app').dataset.query === q", arg=query)


def type_query(page, text: str) -> None:
    box = page.locator("#search-q")
    box.fill("")
    box.press_sequentially(text, delay=15)
    wait_for(page, text)


def result_ids(page) -> list[str]:
    hrefs = page.eval_on_selector_all("#search-results > li", "items => items.map(li => li.querySelector('a').href)")
    return [h.split("/articles/", 1)[1].rstrip("/") for h in hrefs]


def status(page) -> str:
    """The announced result count, once it is about the query the list shows."""
    page.wait_for_function("""() => {
        const q = document.getElementById('search-app').dataset.query.trim();
        return document.getElementById('search-status').textContent.includes(`“${q}”`);
    }""")
    return page.locator("#search-status").inner_text()


def corpus_target(site: Path) -> tuple[str, str]:
    """An article and a query made of its headline that the CLI ranks first (a known item)."""
    for path in sorted((site / "content/articles").rglob("*.md"))[::7]:
        title = json.loads(path.read_text(encoding="utf-8").split("\ntitle: ", 1)[1].split("\n", 1)[0])
        words = [w for w in title.split() if len(surface_tokens(w)) == 1][:8]
        if len(words) >= 3:
            query = " ".join(words)
            found = cli(site, query)["results"]
            if found and found[0]["url"].rstrip("/").endswith(path.stem):
                return found[0]["id"], query
    raise AssertionError("no article of the corpus is found by its own headline")


# --- typing, filters, phrases, no match, history -------------------------------------------------

@pytest.mark.parametrize("prefix", PREFIXES)
def test_typing_shows_the_right_first_result(servers, page, prefix):
    server = servers["example", prefix]
    open_search(page, server)
    type_query(page, "counteroffensive kiev")
    assert result_ids(page)[0] == EXAMPLE_TARGET
    first = page.locator("#search-results > li").first
    assert first.locator("a").first.get_attribute("href") == f"{prefix}articles/{EXAMPLE_TARGET}/"
    assert first.locator("mark").count() >= 2  # matched words highlighted in title and snippet
    assert "RT" in first.inner_text() and "14 June 2023" in first.inner_text()
    assert page.url.endswith("search/?q=counteroffensive+kiev")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_typing_a_headline_finds_the_article_in_the_corpus(servers, built, corpus_site, page, prefix):
    target, query = corpus_target(corpus_site)
    open_search(page, servers["corpus", prefix])
    type_query(page, query)
    assert result_ids(page)[0] == target


@pytest.mark.parametrize("prefix", PREFIXES)
def test_filters_narrow_the_results(servers, corpus_site, page, prefix):
    query = _common_query(corpus_site)
    open_search(page, servers["corpus", prefix], query)
    before = int(status(page).split()[0].rstrip("+"))
    page.locator("#search-filters summary").click()
    page.wait_for_selector("#search-facets fieldset")
    box = page.locator(".search-facet-source input").first
    source = box.get_attribute("value")
    expected = int(page.locator(".search-facet-source .count").first.inner_text().strip("()"))
    box.check()
    page.wait_for_function("v => location.search.includes('source=' + v)", arg=source)
    page.wait_for_function("n => document.querySelectorAll('#search-results > li').length === Math.min(n, 10)",
                           arg=expected)
    assert expected < before
    assert f"{expected} " in status(page)
    hrefs = page.eval_on_selector_all("#search-results .badge", "bs => bs.map(b => b.getAttribute('href'))")
    assert hrefs and all(h == f"{prefix}sources/{source}/" for h in hrefs)
    assert cli(corpus_site, query, "--source", source)["total"] == expected


@pytest.mark.parametrize("prefix", PREFIXES)
def test_phrase_query(servers, page, prefix):
    server = servers["example", prefix]
    open_search(page, server, '"jens stoltenberg"')
    assert len(result_ids(page)) == 2
    type_query(page, '"stoltenberg jens"')  # the same words, not as a phrase
    assert result_ids(page) == []
    assert "No articles match" in status(page)
    type_query(page, '"help kiev in negotiations"')
    assert result_ids(page) == [EXAMPLE_TARGET]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_query_without_matches_says_so(servers, page, prefix):
    open_search(page, servers["example", prefix])
    type_query(page, "xylophonist")
    assert result_ids(page) == []
    assert "No articles match “xylophonist”" in status(page)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_back_button_restores_the_query(servers, page, prefix):
    server = servers["example", prefix]
    open_search(page, server, "putin")
    assert len(result_ids(page)) == 1
    type_query(page, "kiev")
    assert page.url.endswith("?q=kiev")
    page.go_back()
    page.wait_for_function("document.getElementById('search-q').value === 'putin'")
    wait_for(page, "putin")
    assert result_ids(page) == ["2023/06/nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate"]
    # And from an article back to its results.
    page.locator("#search-results a").first.click()
    page.wait_for_url("**/articles/**")
    page.go_back()
    page.wait_for_function("document.getElementById('search-q').value === 'putin'")
    wait_for(page, "putin")
    assert len(result_ids(page)) == 1


# --- the rest of the page --------------------------------------------------------------------

@pytest.mark.parametrize("prefix", PREFIXES)
def test_header_form_searches_from_any_page(servers, page, prefix):
    server = servers["example", prefix]
    page.goto(server.base_url + f"articles/{EXAMPLE_TARGET}/")
    page.locator("#site-search-q").fill("stoltenberg")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url("**/search/?q=stoltenberg")
    wait_for(page, "stoltenberg")
    assert len(result_ids(page)) == 2


def test_completions_and_keyboard(servers, page):
    open_search(page, servers["example", "/"])
    box = page.locator("#search-q")
    box.press_sequentially("stolt", delay=20)
    page.wait_for_selector("#search-suggestions [role=option]")
    assert box.get_attribute("aria-expanded") == "true"
    assert page.locator("#search-suggestions [role=option]").first.inner_text() == "stoltenberg"
    wait_for(page, "stolt")
    assert len(result_ids(page)) == 2  # the word being typed already finds its completion
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "search-option-0"
    box.press("Enter")
    wait_for(page, "stoltenberg ")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("ArrowDown")  # into the results
    assert page.evaluate("document.activeElement.closest('#search-results') !== null")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("[...document.querySelectorAll('#search-results .search-title a')]"
                         ".indexOf(document.activeElement)") == 1
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "search-q"
    box.press("Escape")
    assert box.input_value() == ""


def hold_timers(page) -> None:
    """Stop the page's clock: its timers (the typing pause) fire only when the test runs them."""
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)


def test_a_word_that_can_only_end_one_way_shows_results_before_typing_pauses(servers, page):
    page.clock.install()
    open_search(page, servers["example", "/"])
    hold_timers(page)
    engine = "window.clippingsSearch.engine"
    assert page.evaluate(f"{engine}.decided('nato stoltenb')")  # only "stoltenberg" starts so
    assert not page.evaluate(f"{engine}.decided('nato st')")  # too short to tell
    app = "document.getElementById('search-app').dataset"
    page.locator("#search-q").press_sequentially("nato stoltenb")
    page.wait_for_function(f"{app}.shown === 'nato stoltenb'")
    assert page.evaluate(f"{app}.query") != "nato stoltenb"  # the rest waits for the pause
    assert 1 <= len(result_ids(page)) <= 3
    page.clock.run_for(200)
    wait_for(page, "nato stoltenb")
    assert len(result_ids(page)) == 2


def test_a_word_that_may_go_on_waits_for_the_pause(servers, page):
    page.clock.install()
    open_search(page, servers["example", "/"])
    hold_timers(page)
    words = page.evaluate("window.clippingsSearch.engine.complete('ukr', 16)")
    assert len({w["key"] for w in words}) > 1  # "ukr" may become "ukraine" or "ukrainian",
    assert not page.evaluate("window.clippingsSearch.engine.decided('ukr')")  # neither most likely
    page.locator("#search-q").press_sequentially("ukr")
    page.wait_for_timeout(300)  # real time: fetches finish, held timers do not fire
    assert page.evaluate("document.getElementById('search-app').dataset.shown") != "ukr"
    page.clock.run_for(200)
    wait_for(page, "ukr")
    assert result_ids(page)


def test_more_results(servers, corpus_site, page):
    query = _common_query(corpus_site)
    open_search(page, servers["corpus", "/"], query)
    first = len(result_ids(page))  # the results certain without the word's tail: at least 3
    assert 3 <= first <= 10
    page.locator("#search-more").click()
    page.wait_for_function("n => document.querySelectorAll('#search-results > li').length > n", arg=first)
    ids = result_ids(page)
    assert len(ids) == len(set(ids)) and len(ids) <= 20
    assert_same_ranking(ids, cli(corpus_site, query, "--limit", "40")["results"])


def test_without_javascript_the_page_says_so(built, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        with StaticServer(built["example", SUBPATH], prefix=SUBPATH) as server:
            page.goto(server.base_url + "search/?q=nato")
            text = page.locator("main").inner_text()
            assert "Search needs JavaScript" in text
            links = page.eval_on_selector_all("main a", "as => as.map(a => a.getAttribute('href'))")
            assert f"{SUBPATH}tags/" in links and f"{SUBPATH}sources/" in links
    finally:
        context.close()


# --- the client against Whoosh and the CLI -----------------------------------------------------

TRICKY = ("yelling yelled ying caresses ponies ties caress cats feed agreed plastered bled motoring sing "
          "conflated troubled sized hopping tanned falling hissing fizzed failing filing happy sky "
          "relational conditional rational valenci hesitanci digitizer conformabli radicalli differentli "
          "vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness "
          "callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti "
          "electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable "
          "defensible irritant replacement adjustment dependent adoption homologou communism activate "
          "angulariti homologous effective bowdlerize probate rate cease controll roll yy yes sses ies "
          "eed ing ed y gyp yyy 3.5 u.s büro größer 𝐀𝐁𝐂 über-alles naïve résumé").split()


def test_client_analysis_matches_whoosh(built, corpus_site, page, servers):
    words = json.loads((cache_dir(corpus_site) / "vocabulary.json").read_text(encoding="utf-8"))
    words = sorted({w[0] for w in words} | set(TRICKY))
    texts = ["Counteroffensive will help Kiev in negotiations – NATO chief",
             "The U.S.-led bloc's “stronger hand”: 3.5% of e-mail_users, naïve İstanbul ΣΑΣ Ⅻ ½ x²",
             "Häuser über 𝐀𝐁𝐂 Nguyễn Đức 東京 ١٢٣ क्षत्रिय don't it's", "a an the and of"]
    queries = ['gordon "prime minister" -tax elect* -"a b" “curly quotes” -- * **x "unclosed',
               "  plain   words  ", "U.S.-led e-mail"]
    open_search(page, servers["example", "/"])
    got = page.evaluate("""([words, texts, queries]) => {
        const A = window.clippingsSearch.analysis;
        return {stems: words.map(A.stem), tokens: texts.map(A.surfaceTokens), hashes: words.map(A.crc32),
                clauses: queries.map(q => A.parse(q).map(c => [c.kind, c.text, c.negated]))};
    }""", [words, texts, queries])
    assert [w for w, s in zip(words, got["stems"], strict=True) if stem(w) != s] == []
    assert got["tokens"] == [surface_tokens(t) for t in texts]
    assert got["hashes"] == [key_hash(w) for w in words]
    assert got["clauses"] == [[[c.kind, c.text, c.negated] for c in parse(q)] for q in queries]


def test_node_runs_the_same_stemmer(corpus_site, built, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (the same check runs in Chromium)")
    module = tmp_path / "analysis.mjs"
    shutil.copy(Path(__file__).parents[1] / "themes/default/static/search-analysis.js", module)
    words = sorted({w[0] for w in json.loads((cache_dir(corpus_site) / "vocabulary.json").read_text())})
    (tmp_path / "words.json").write_text(json.dumps(words))
    script = ("import {stem} from './analysis.mjs'; import fs from 'fs';"
              "const w = JSON.parse(fs.readFileSync('words.json')); console.log(JSON.stringify(w.map(stem)));")
    result = subprocess.run([node, "--input-type=module", "-e", script], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert [w for w, s in zip(words, json.loads(result.stdout), strict=True) if stem(w) != s] == []


def test_browser_and_cli_rank_alike(servers, corpus_site, page):
    _, headline = corpus_target(corpus_site)
    queries = [headline, _common_query(corpus_site), " ".join(headline.split()[:2]), f'"{headline.split()[0]}" -x']
    open_search(page, servers["corpus", "/"])
    for query in queries:
        ours = page.evaluate("""async q => {
            const e = window.clippingsSearch.engine, r = await e.search(q, {need: 5});
            const ids = await Promise.all(r.hits.map(async ([d]) => (await e.card(d)).id));
            return {total: r.total, exact: r.exact, ids};
        }""", query)
        theirs = cli(corpus_site, query, "--limit", "20")
        assert_same_ranking(ours["ids"], theirs["results"])
        assert ours["total"] == theirs["total"] or (not ours["exact"] and ours["total"] <= theirs["total"]), query


def assert_same_ranking(ids: list[str], cli_results: list[dict]) -> None:
    """The browser's order is the CLI's, except where scores differ by less than the quantization
    of the export's one-byte scores (about 2% each; a few percent on a sum)."""
    score = {r["id"]: r["score"] for r in cli_results}
    assert all(i in score for i in ids), [i for i in ids if i not in score]
    for rank, doc_id in enumerate(ids):
        expected = cli_results[rank]["score"]
        assert abs(score[doc_id] - expected) <= 0.05 * expected, (rank, doc_id, cli_results[rank]["id"])


def _common_query(site: Path) -> str:
    """A word in many articles of the corpus (more than a page of results, fewer than all if it can)."""
    words = [(df, w) for w, key, df, _ in json.loads((cache_dir(site) / "vocabulary.json").read_text(encoding="utf-8"))
             if df >= 25 and not key.startswith("~") and len(w) > 3]
    return max((x for x in words if x[0] <= 200), default=min(words))[1]
