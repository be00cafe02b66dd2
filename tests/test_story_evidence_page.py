"""The story page's evidence sections, built through the CLI from the example archive."""

from pathlib import Path

from tests.helpers import build_ok, copy_example_site, read_html

SLUG = "nato-stoltenberg-counteroffensive-june-2023"


def test_story_page_compares_quotes_and_escapes_hostile_quotes(tmp_path: Path):
    site = copy_example_site(tmp_path / "site")
    rt = next((site / "content" / "articles").rglob("counteroffensive-will-help-*.md"))
    text = rt.read_text(encoding="utf-8")
    rt.write_text(text + '\n\n“We will not <script>alert(1)</script> back down on anything,” Stoltenberg added.\n',
                  encoding="utf-8")
    build_ok(site, tmp_path / "_site")
    html_path = tmp_path / "_site" / "stories" / SLUG / "index.html"
    raw = html_path.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw
    doc = read_html(html_path)
    compared = doc.by_id("quotes-compared")
    assert compared is not None
    table = next(t for t in compared.find_all("table") if "negotiating" in t.text())
    assert "Jens Stoltenberg" in table.one("caption").text()
    outlets = [th.text().strip() for th in table.find_all("th")]
    assert len(set(outlets)) == 2, outlets
    assert table.find_all("mark")  # wording that differs is marked
    single = doc.by_id("quotes-single")
    assert single is not None and "back down on anything" in single.text()
