"""Date archives (years and months) and each article's neighbours in time."""

from __future__ import annotations

import zoneinfo
from itertools import groupby

from ..model import Article, Month, Year


def build_archives(articles: list[Article], tz: zoneinfo.ZoneInfo) -> list[Year]:
    """Years and months, newest first, from articles sorted newest first."""
    def year_of(a: Article) -> int:
        return a.date.astimezone(tz).year

    def month_of(a: Article) -> int:
        return a.date.astimezone(tz).month

    years = []
    for year, in_year in groupby(articles, key=year_of):
        months = tuple(
            Month(year=year, month=month, article_ids=tuple(a.id for a in in_month))
            for month, in_month in groupby(in_year, key=month_of)
        )
        years.append(Year(year=year, months=months))
    return years


def build_neighbours(articles: list[Article]) -> dict[str, tuple[str | None, str | None]]:
    """id -> (older, newer) in publication order."""
    ids = [a.id for a in articles]
    return {
        aid: (ids[i + 1] if i + 1 < len(ids) else None, ids[i - 1] if i > 0 else None)
        for i, aid in enumerate(ids)
    }
