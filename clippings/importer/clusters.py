"""Where the article is in a page dump: runs of prose with only a little furniture between them.

A run ends at a comment thread for good, and at a "Related"/"Most read" heading unless the story
resumes soon after it; neighbouring runs join when what parts them is the story's own material.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import BULLET, CODE_SHAPED, HARD_END, SOFT_END, THREAD_START, Judge, Line

MAX_GAP = 12  # furniture lines (share bar, byline, caption, promo) a story may have between paragraphs


@dataclass
class Cluster:
    lines: list[int]  # prose line indices
    words: int = 0
    comments: bool = False  # it starts after a line opening a comment thread


HEADLINE_RUN = 3  # headline-shaped lines between two paragraphs that make a list of other stories


def furniture_gap(between: list[Line], judge: Judge) -> bool:
    """What parts two paragraphs is the page's furniture, not the story's: a "Related" heading or
    a list of other stories' headlines (a subheading is one line; a list of teasers is several)."""
    if any(SOFT_END.match(line.text) for line in between):
        return True
    return _headlines(between, judge) >= HEADLINE_RUN


COHESION = 0.2  # share of a paragraph's content words the story used before: it goes on with the same story


def _headlines(between: list[Line], judge: Judge) -> int:
    """Headline-shaped lines; one printed on every page of a document is a running header."""
    return sum(1 for line in between if judge.title_shaped(line) and not line.ends_sentence and line.repeats <= 2)


def _resumes(lines: list[Line], i: int, judge: Judge) -> bool:
    """The story goes on right after a promo: a full paragraph followed at once by another one.
    A teaser is one paragraph between headlines."""
    if not judge.main_prose(lines[i]):
        return False
    for j in range(i + 1, min(len(lines), i + 3)):
        if judge.prose(lines[j]):
            return True
        if judge.title_shaped(lines[j], min_words=2):
            return False
    return False


def content_stems(line: Line, judge: Judge) -> set[str]:
    """The line's content words, cut to five letters so that inflections meet."""
    return {w[:5] for w in line.words if len(w) >= 3 and w not in judge.stops}


def _coheres(line: Line, vocabulary: set[str], judge: Judge) -> bool:
    """A paragraph after furniture continues the story when it speaks of the same things; a teaser
    for another story shares few of its content words."""
    stems = content_stems(line, judge)
    return bool(stems) and len(stems & vocabulary) / len(stems) >= COHESION


def find_clusters(lines: list[Line], judge: Judge) -> list[Cluster]:
    """Runs of prose separated by at most MAX_GAP other lines; comments end a run for good.

    Furniture (a "Related" heading, a list of headlines) ends a run unless the paragraph after it
    goes on with the same story: newspapers drop teaser lists into the middle of stories. After a "Related" heading,
    teaser paragraphs are furniture too, until a full paragraph starts a run again.
    """
    clusters: list[Cluster] = []
    current: Cluster | None = None
    last = -1  # the previous member line
    soft_break = False
    vocabulary: set[str] = set()  # the current run's content words
    thread = False
    for i, line in enumerate(lines):
        if HARD_END.match(line.text):
            current, soft_break = None, False
            thread = thread or bool(THREAD_START.match(line.text))
            continue
        if SOFT_END.match(line.text):
            soft_break = True
            continue
        if not _member(lines, i, judge) or (soft_break and current is not None and not judge.main_prose(line)):
            continue
        between = lines[last + 1:i]
        continues = current is not None and len(between) <= MAX_GAP and (
            not furniture_gap(between, judge) or _resumes(lines, i, judge) or _coheres(line, vocabulary, judge))
        if not continues:
            current = Cluster([], comments=thread)
            clusters.append(current)
            vocabulary = set()
        else:  # what stood between two paragraphs of the story (subheadings, list items) is the story's too
            vocabulary.update(*(content_stems(b, judge) for b in between if not b.chrome))
        vocabulary |= content_stems(line, judge)
        current.lines.append(i)
        current.words += line.n if line.repeats == 1 else 0
        last, soft_break = i, False
    return clusters


MERGE_GAP = 60  # lines of code, a table or a long list a story may carry between its paragraphs


def _joins(lines: list[Line], near: Cluster, far: Cluster, judge: Judge) -> bool:
    """Two runs of prose are one story when what parts them is the story's own material (code, a
    table, a list): no end marker, little page chrome, real paragraphs on the far side, and, past
    anything that looks like furniture, paragraphs about the same things."""
    gap = range(near.lines[-1] + 1, far.lines[0]) if near.lines[0] < far.lines[0] else \
        range(far.lines[-1] + 1, near.lines[0])
    between = [lines[i] for i in gap]
    material = sum(1 for line in between if CODE_SHAPED.search(line.text))  # code or a table, however long
    if len(gap) - material > MERGE_GAP:
        return False
    if not any(judge.main_prose(lines[i]) for i in far.lines) and material <= len(gap) / 2:
        return False  # a short paragraph past furniture is a teaser; past code it explains the code
    if any(HARD_END.match(line.text) for line in between):
        return False
    if sum(line.chrome and line.n > 0 for line in between) > len(between) / 4:  # a '}' of code is not chrome
        return False
    if not furniture_gap(between, judge):
        return True
    # The story's own paragraphs only: the furniture between (a teaser's headline, a menu) would
    # make the teaser under it cohere with itself.
    vocabulary = set().union(*(content_stems(lines[i], judge) for i in near.lines))
    nearest = far.lines[0] if far.lines[0] > near.lines[0] else far.lines[-1]
    return _coheres(lines[nearest], vocabulary, judge)


def grow(lines: list[Line], clusters: list[Cluster], best: Cluster, judge: Judge) -> Cluster:
    """The heaviest run of prose, joined with its neighbours when they belong to the same story."""
    at = clusters.index(best)
    lo = hi = at
    story = best
    while hi + 1 < len(clusters) and _joins(lines, story, clusters[hi + 1], judge):
        hi += 1
        story = Cluster(story.lines + clusters[hi].lines, story.words + clusters[hi].words)
    while lo > 0 and _joins(lines, story, clusters[lo - 1], judge):
        lo -= 1
        story = Cluster(clusters[lo].lines + story.lines, story.words + clusters[lo].words)
    return story


ISOLATED_WEIGHT = 0.3  # a paragraph boxed in by headlines counts for less: teaser lists and comments


def _paired(lines: list[Line], i: int, members: set[int], judge: Judge) -> bool:
    """A paragraph with another paragraph right next to it (or past one caption or credit line),
    as a story's are; a teaser's or a comment's stands between a headline and a source line."""
    for step in (-1, 1):
        j = i + step
        if j in members:
            return True
        if (j + step) in members and 0 <= j < len(lines) and not judge.title_shaped(lines[j], min_words=2):
            return True
    return False


def weight(lines: list[Line], cluster: Cluster, judge: Judge) -> float:
    """The cluster's words, each paragraph weighed by whether it stands among other paragraphs."""
    members = set(cluster.lines)
    words = sum(lines[i].n * (1.0 if _paired(lines, i, members, judge) else ISOLATED_WEIGHT)
                for i in cluster.lines if lines[i].repeats == 1)
    return words * (ISOLATED_WEIGHT if cluster.comments else 1.0)  # readers' comments follow the story


def credit_follows(lines: list[Line], i: int) -> bool:
    """A caption printed above its credit line ("Foto: X / dpa", "MÒNICA TORRES")."""
    if i + 1 >= len(lines):
        return False
    nxt = lines[i + 1].text
    if re.match(r"^(?:©|foto|photo|image|bild|credit|photograph|picture)\b", nxt, re.IGNORECASE):
        return True
    words = nxt.split()
    return 2 <= len(words) <= 4 and nxt.isupper() and all(w.isalpha() for w in words)


LIST_ITEMS = 3  # items of a list the text itself marks ("+ Added Slime Block") that make it the story's


def _listed(lines: list[Line], i: int) -> bool:
    """An item of a list written with its own bullets, among others: a browser does not print the
    bullets of a menu, so these are the author's (a changelog, a recipe)."""
    if not (BULLET.match(lines[i].text) and lines[i].n >= 2 and not lines[i].chrome):
        return False
    run = [j for j in range(max(0, i - LIST_ITEMS + 1), min(len(lines), i + LIST_ITEMS))
           if BULLET.match(lines[j].text)]
    return len(run) >= LIST_ITEMS


def _member(lines: list[Line], i: int, judge: Judge) -> bool:
    """Prose that belongs to a story: not a lone sentence boxed in by furniture (a newsletter pitch)."""
    line = lines[i]
    if _listed(lines, i):
        return True
    if not judge.prose(line) or credit_follows(lines, i):
        return False
    if line.n >= 20:
        return True
    neighbours = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return not all(n.chrome for n in neighbours)


