"""Story evidence on the example archive's two seed articles (dpa and RT on Stoltenberg, June 2023)."""

import datetime as dt
from pathlib import Path

import yaml

from clippings.enrich.evidence import EvidenceInput, extract_quotes, story_evidence

ROOT = Path(__file__).resolve().parents[2]


def _seeds() -> list[EvidenceInput]:
    out = []
    for p in sorted((ROOT / "content" / "articles").rglob("*.md")):
        _, fm, body = p.read_text(encoding="utf-8").split("---", 2)
        meta = yaml.safe_load(fm)
        date = meta["date"]
        date = dt.datetime.fromisoformat(str(date)) if not isinstance(date, dt.datetime) else date
        if not isinstance(date, dt.datetime):
            date = dt.datetime.combine(date, dt.time())
        out.append(EvidenceInput(p.stem, meta["source"], date, body.strip(), meta.get("lang", "en")))
    return out


def test_stoltenberg_renderings_align_across_outlets():
    ev = story_evidence(_seeds())
    table = [q for q in ev.quotes if any("negotiating table" in v.text for v in q.versions)]
    assert len(table) == 1
    q = table[0]
    assert q.speaker == "Jens Stoltenberg"
    assert {v.source for v in q.versions} == {"dpa", "rt"}
    assert any(v.text == "still early days" for v in q.versions)
    rt = next(v for v in q.versions if v.source == "rt")
    assert "stronger" in {t.text for t in rt.diff if t.changed}
    assert "negotiating" not in {t.text for t in rt.diff if t.changed}


def test_scare_quotes_are_skipped_and_only_in_one_found():
    ev = story_evidence(_seeds())
    texts = [v.text for q in ev.quotes + ev.only_one for v in q.versions]
    assert "difficult" not in texts and "progress" not in texts
    only = {q.versions[0].text[:20]: q.only_in for q in ev.only_one}
    assert only["I'm absolutely confi"] == "dpa"
    assert only["The offensive is lau"] == "rt"


def test_surname_resolved_to_full_name():
    text = 'Jens Stoltenberg spoke. "We will stand with them for as long as it takes," Stoltenberg said.'
    assert [q.speaker for q in extract_quotes("a", text)] == ["Jens Stoltenberg"]


def test_shared_sentence_between_article_and_edited_copy():
    seed = _seeds()[0]
    sents = seed.text.split(". ")
    copy_text = ". ".join([*sents[:-1], "An entirely different closing line was written by the copy desk here"])
    later = EvidenceInput("copy", "other", seed.published + dt.timedelta(hours=3), copy_text)
    ev = story_evidence([later, seed])
    assert ev.shared
    assert all(s.first_article_id == seed.id and set(s.article_ids) == {seed.id, "copy"} for s in ev.shared)
    assert not any("copy desk" in s.text for s in ev.shared)
    assert not story_evidence(_seeds()).shared  # dpa and RT wrote their own copy
