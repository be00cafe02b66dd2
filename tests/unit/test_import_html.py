"""Saved HTML through `import --dry-run --json`: the page's furniture stays out of the body, and the
title, byline, outlet and date come from the page's own metadata."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

from clippings.cli import main
from tests.helpers import empty_site

STORY = [
    "The harbour authority voted on Tuesday to rebuild the northern breakwater, which storms broke twice last winter.",
    "Engineers say the new wall will be two metres higher and built from interlocking concrete blocks.",
    "Work is due to start in the spring and take about eighteen months, the authority said in a statement.",
    "Fishing crews, who lost a season's catch when the old wall failed, welcomed the decision at the meeting.",
    "The cost, estimated at fourteen million euros, will be shared between the port and the regional government.",
]
COMMENTS = [
    "What a waste of money, they should have fixed the old wall years ago and saved everyone the trouble.",
    "I have fished from this harbour for thirty years and never seen the council move this fast on anything.",
    "Fourteen million for a wall? Somebody is getting rich from this contract, mark my words on that one.",
]


def page(*, byline: str = '<a rel="author" href="/staff/ana">By Ana Ruiz</a>', head: str = "") -> str:
    story = "\n".join(f"<p>{p}</p>" for p in STORY)
    comments = "\n".join(f'<div class="sf_comment_text"><p>{c}</p></div>' for c in COMMENTS)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour wall to be rebuilt | Coastal Gazette</title>
<meta property="og:title" content="Harbour wall to be rebuilt">
<meta property="og:site_name" content="Coastal Gazette">
<meta property="article:published_time" content="2024-03-05T08:30:00+01:00">{head}
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour wall to be rebuilt</h1><p class="dateline">{byline} · 5 March 2024</p>
{story}
<h2 class="subheader">What happens next</h2>
<p>The authority will publish the tender documents next month and choose a builder by the summer.</p>
<div id="sf_comment_list"><h3>Comments</h3>{comments}</div>
</article><footer>© 2024 Coastal Gazette</footer></body></html>"""


def dry_run(tmp_path: Path, html: str) -> dict:
    site = empty_site(tmp_path / "site")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["import", "--site", str(site), "--dry-run", "--json", str(path)])
    assert code == 0, out.getvalue()
    return json.loads(next(line for line in out.getvalue().splitlines() if line.startswith("{")))


def test_comment_thread_named_by_its_class_is_not_body(tmp_path):
    record = dry_run(tmp_path, page())
    body = record["body"]
    assert all(p in body for p in STORY)
    assert not any(c[:40] in body for c in COMMENTS)
    # a heading whose class says "header" is the story's own subheading, not page furniture
    assert "What happens next" in body
    assert "tender documents" in body


def test_metadata_from_the_page_itself(tmp_path):
    front = dry_run(tmp_path, page())["front_matter"]
    assert front["title"] == "Harbour wall to be rebuilt"
    assert front["byline"] == "Ana Ruiz"  # from the link marked rel=author, without its "By"
    assert str(front["date"]).startswith("2024-03-05")
    assert front["lang"] == "en"


def test_json_ld_author_wins_over_markup(tmp_path):
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Harbour wall to be rebuilt", "author": {"@type": "Person", "name": "Marta Gil"}}</script>')
    front = dry_run(tmp_path, page(head=ld))["front_matter"]
    assert front["byline"] == "Marta Gil"


def test_no_byline_rather_than_a_wrong_one(tmp_path):
    front = dry_run(tmp_path, page(byline="Staff report"))["front_matter"]
    assert "byline" not in front


def blog_page(*, og_title: str | None, h1: str, h2: str) -> str:
    og = f'<meta property="og:title" content="{og_title}">' if og_title else ""
    story = "\n".join(f"<p>{p}</p>" for p in STORY)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour wall to be rebuilt | Notes from the Quay</title>{og}
<meta property="article:published_time" content="2024-03-05T08:30:00+01:00"></head><body>
<header><h1>{h1}</h1></header><main><h2>{h2}</h2>{story}</main></body></html>"""


def test_headline_is_the_heading_the_title_agrees_with(tmp_path):
    # the blog's <h1> is its own name; the story's heading is an <h2> that starts the <title>
    html = blog_page(og_title=None, h1="Notes from the Quay", h2="Harbour wall to be rebuilt")
    assert dry_run(tmp_path, html)["front_matter"]["title"] == "Harbour wall to be rebuilt"


def test_headline_keeps_the_quotes_the_page_shows(tmp_path):
    html = blog_page(og_title="Mayor: 'We can't wait'", h1="Notes from the Quay", h2="Mayor: ‘We can’t wait’")
    assert dry_run(tmp_path, html)["front_matter"]["title"] == "Mayor: ‘We can’t wait’"


def test_declared_title_beats_a_heading_that_is_the_site_name(tmp_path):
    html = blog_page(og_title="Harbour wall to be rebuilt", h1="Notes from the Quay", h2="Archive")
    assert dry_run(tmp_path, html)["front_matter"]["title"] == "Harbour wall to be rebuilt"


def test_what_the_page_hides_is_not_body_but_a_hidden_story_stays(tmp_path):
    members = ('<div class="save-pulldown" style="display: none;"><p>Saving articles is for members only: '
               "your saved articles can be read later on your phone and tablet as well.</p></div>"
               '<p hidden>Sign up now to read the rest of this article and every other story on our site.</p>')
    body = dry_run(tmp_path, page().replace("<article><h1>Harbour wall to be rebuilt</h1>",
                                            f"<article><h1>Harbour wall to be rebuilt</h1>{members}"))["body"]
    assert all(p in body for p in STORY)
    assert "members only" not in body and "Sign up now" not in body
    # The story itself in a box a script would reveal is still the story.
    story = "\n".join(f"<p>{p}</p>" for p in STORY)
    hidden_story = page().replace(story, f'<div class="story-rest" style="display:none">{story}</div>')
    revealed = dry_run(tmp_path / "b", hidden_story)["body"]
    assert all(p in revealed for p in STORY)
