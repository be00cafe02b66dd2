"""The output plan: every output once, specs that name only existing entries, resolved entries
for templates, and digests that change exactly where an edit shows."""

from __future__ import annotations

import shutil

from clippings.pipeline import Memo, load_site, prepare
from clippings.plan import Ref, refs_of, resolve
from clippings.theme import bundled_themes_dir


def _prepared(root, memo=None):
    return prepare(load_site(root), jobs=1, memo=memo)


def _three(site_folder):
    site_folder.article("one", date="2023-06-12T10:00:00", tags=["NATO"], story="summit")
    site_folder.article("two", date="2023-06-13T10:00:00", source="state", tags=["NATO", "Kiev"], story="summit",
                        body="Said <script>alert(1)</script> **this**.")
    site_folder.article("three", date="2023-07-01T10:00:00", tags=["Budget"])


def test_every_output_once_with_refs_to_existing_entries(site_folder):
    _three(site_folder)
    plan = _prepared(site_folder.root).plan
    paths = [o.path for o in plan.outputs]
    assert len(paths) == len(set(paths))
    assert {"index.html", "page/2/index.html", "articles/2023/06/one/index.html", "tags/nato/index.html",
            "tags/nato/feed.xml", "sources/wire/index.html", "stories/summit/index.html", "articles/2023/07/index.html",
            "feed.xml", "feed.json", "sitemap.xml", "robots.txt", ".nojekyll", "404.html", "search/"} <= set(paths)
    assert "page/3/index.html" not in paths  # 3 articles, 2 a page
    for output in plan.outputs:
        for ref in refs_of(output.spec):
            assert ref in plan.entries, (output.path, ref)


def test_templates_get_resolved_entries(site_folder):
    _three(site_folder)
    plan = _prepared(site_folder.root).plan
    page = next(o for o in plan.outputs if o.path == "articles/2023/06/two/index.html")
    context = resolve(page.spec, plan.entries)
    article = context["article"]
    assert article.source.name == "State TV" and article.source.label == "Russian state-controlled media"
    assert [t.name for t in article.tags] == ["NATO", "Kyiv"]  # folded through the alias
    assert article.date_text == "13 June 2023, 10:00" and article.date_iso == "2023-06-13T10:00:00+02:00"
    assert "<script>" not in article.body and "<strong>this</strong>" in article.body
    assert context["older"].id == "2023/06/one" and context["newer"].id == "2023/07/three"
    assert [a.id for a in context["story_articles"]] == ["2023/06/one"] and context["story"].title == "One"


def _changed(before, after) -> set[str]:
    return {path for path, d in after.digests.items() if before.digests.get(path) != d}


def test_a_body_edit_changes_exactly_the_outputs_made_from_that_article(site_folder):
    _three(site_folder)
    before = _prepared(site_folder.root)
    path = site_folder.root / "content/articles/2023/07/three.md"
    path.write_text(path.read_text().replace("Text.", "Text, edited."))
    after = _prepared(site_folder.root)
    ref = Ref("article", "2023/07/three")
    showing = {o.path for o in after.plan.outputs if ref in set(refs_of(o.spec))}
    assert "articles/2023/07/three/index.html" in showing and "articles/2023/06/one/index.html" not in showing
    assert _changed(before, after) == showing


def test_a_template_edit_changes_only_the_pages_that_use_it(site_folder):
    _three(site_folder)
    before = _prepared(site_folder.root)
    templates = site_folder.root / "templates"
    templates.mkdir()
    shutil.copy(bundled_themes_dir() / "default" / "templates" / "tag.html", templates / "tag.html")
    (templates / "tag.html").write_text((templates / "tag.html").read_text() + "{# edited #}\n")
    after = _prepared(site_folder.root)
    assert _changed(before, after) == {o.path for o in after.plan.outputs if o.template == "tag.html"}


def test_a_preview_memo_gives_the_digests_of_a_fresh_start(site_folder):
    _three(site_folder)
    memo = Memo()
    first = _prepared(site_folder.root, memo)
    again = _prepared(site_folder.root, memo)
    assert again.digests == first.digests
    assert all(again.plan.entries[r] is first.plan.entries[r] for r in first.plan.entries)  # reused, not rebuilt
    site_folder.article("four", date="2023-06-20T10:00:00", tags=["NATO"], story="summit")
    path = site_folder.root / "content/articles/2023/06/one.md"
    path.write_text(path.read_text().replace("title: \"One\"", "title: \"One, retitled\""))
    remembered = _prepared(site_folder.root, memo)
    fresh = _prepared(site_folder.root)
    assert remembered.digests == fresh.digests
    assert _changed(first, remembered) >= {"stories/summit/index.html", "tags/nato/index.html", "sitemap.xml"}


def test_the_home_page_declares_its_latest_stories_so_a_story_edit_rebuilds_it(site_folder):
    _three(site_folder)
    before = _prepared(site_folder.root)
    home = next(o for o in before.plan.outputs if o.path == "index.html")
    assert Ref("story", "summit") in set(refs_of(home.spec))
    assert Ref("source", "state") in set(refs_of(home.spec))  # an outlet of the story, shown by its badge
    second = next(o for o in before.plan.outputs if o.path == "page/2/index.html")
    assert Ref("story", "summit") not in set(refs_of(second.spec))  # page 1 only
    stories = site_folder.root / "content" / "stories"
    stories.mkdir()
    (stories / "summit.md").write_text('---\ntitle: "The summit, retitled"\n---\n\nWhat happened.\n', encoding="utf-8")
    retitled = _prepared(site_folder.root)
    assert {"index.html", "stories/summit/index.html"} <= _changed(before, retitled)
    assert "page/2/index.html" not in _changed(before, retitled)
    context = resolve(next(o for o in retitled.plan.outputs if o.path == "index.html").spec, retitled.plan.entries)
    assert [t.story.title for t in context["latest_stories"]] == ["The summit, retitled"]
    # a third outlet's report joins the story: the home page's outlet count changes with it
    site_folder.source("third", "name: Third Paper\ntype: private media\ncountry: FR\n")
    site_folder.article("four", date="2023-06-14T10:00:00", source="third", story="summit")
    joined = _prepared(site_folder.root)
    context = resolve(next(o for o in joined.plan.outputs if o.path == "index.html").spec, joined.plan.entries)
    outlets = [[s.name for s in t.outlets] for t in context["latest_stories"]]
    assert outlets == [["Wire Agency", "State TV", "Third Paper"]]
