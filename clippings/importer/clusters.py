"""Where the article is in a page dump: runs of prose with only a little furniture between them.

A run ends at a comment thread for good, and at a "Related"/"Most read" heading unless the story
resumes soon after it; neighbouring runs join when what parts them is the story's own material.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import HARD_END, SOFT_END, Judge, Line

MAX_GAP = 12  # furniture lines (share bar, byline, caption, promo) a story may have between paragraphs


@dataclass
class Cluster:
    lines: list[int]  # prose line indices
    words: int = 0


def find_clusters(lines: list[Line], judge: Judge) -> list[Cluster]:
    """Runs of prose separated by at most MAX_GAP other lines; comments end a run for good.

    A soft end ("Related", "Most read") ends a run unless a substantial paragraph follows it
    soon: newspapers drop teaser lists into the middle of stories.
    """
    clusters: list[Cluster] = []
    current: Cluster | None = None
    gap = 0
    soft_break = False
    for i, line in enumerate(lines):
        if HARD_END.match(line.text):
            current, soft_break = None, False
            continue
        if SOFT_END.match(line.text):
            soft_break = True
            gap += 1
            continue
        if not _member(lines, i, judge) or (soft_break and current is not None and not judge.main_prose(line)):
            gap += 1  # after "Related", teaser lines are furniture until the story resumes
            continue
        continues = current is not None and gap <= MAX_GAP and (not soft_break or judge.main_prose(line))
        if not continues:
            current = Cluster([])
            clusters.append(current)
        current.lines.append(i)
        current.words += line.n if line.repeats == 1 else 0
        gap, soft_break = 0, False
    return clusters


MERGE_GAP = 60  # lines of code, a table or a long list a story may carry between its paragraphs


def _joins(lines: list[Line], gap: range, nxt: Cluster, judge: Judge) -> bool:
    """Two runs of prose are one story when what parts them is the story's own material (code, a
    table, a list): no end marker, little page chrome, and real paragraphs on the far side."""
    if len(gap) > MERGE_GAP or not any(judge.main_prose(lines[i]) for i in nxt.lines):
        return False
    between = [lines[i] for i in gap]
    if any(HARD_END.match(line.text) or SOFT_END.match(line.text) for line in between):
        return False
    return sum(line.chrome for line in between) <= len(between) / 4


def grow(lines: list[Line], clusters: list[Cluster], best: Cluster, judge: Judge) -> Cluster:
    """The largest run of prose, joined with its neighbours when they belong to the same story."""
    at = clusters.index(best)
    lo = hi = at
    while hi + 1 < len(clusters) and _joins(lines, range(clusters[hi].lines[-1] + 1, clusters[hi + 1].lines[0]),
                                           clusters[hi + 1], judge):
        hi += 1
    while lo > 0 and _joins(lines, range(clusters[lo - 1].lines[-1] + 1, clusters[lo].lines[0]),
                            clusters[lo - 1], judge):
        lo -= 1
    if lo == hi:
        return best
    joined = [i for c in clusters[lo:hi + 1] for i in c.lines]
    return Cluster(joined, sum(c.words for c in clusters[lo:hi + 1]))


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
    return sum(lines[i].n * (1.0 if _paired(lines, i, members, judge) else ISOLATED_WEIGHT)
               for i in cluster.lines if lines[i].repeats == 1)


def credit_follows(lines: list[Line], i: int) -> bool:
    """A caption printed above its credit line ("Foto: X / dpa", "MÒNICA TORRES")."""
    if i + 1 >= len(lines):
        return False
    nxt = lines[i + 1].text
    if re.match(r"^(?:©|foto|photo|image|bild|credit|photograph|picture)\b", nxt, re.IGNORECASE):
        return True
    words = nxt.split()
    return 2 <= len(words) <= 4 and nxt.isupper() and all(w.isalpha() for w in words)


def _member(lines: list[Line], i: int, judge: Judge) -> bool:
    """Prose that belongs to a story: not a lone sentence boxed in by furniture (a newsletter pitch)."""
    line = lines[i]
    if not judge.prose(line) or credit_follows(lines, i):
        return False
    if line.n >= 20:
        return True
    neighbours = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return not all(n.chrome for n in neighbours)


