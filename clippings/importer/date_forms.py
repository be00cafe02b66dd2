"""Date forms read directly, without dateparser: the English month forms most pages use,
numeric dates in the page language's order, and Chinese/Japanese/Korean 年月日.

dateparser reads all of these too, but at a few milliseconds a line (most of an import's time),
and it reads a numeric date in one fixed order and takes "Press December 2, 2016" glued as
"PressDecember 2, 2016" for 3 February.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class FoundDate:
    value: dt.datetime  # aware only when the page gave a zone
    has_time: bool
    text: str  # the words it was read from
    relative: bool = False  # read from "2 hours ago": only as good as the capture time


_MONTHS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"), start=1)
    for name in names.split()}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY, _YEAR = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?", r"(?P<year>(?:19|20)\d\d)"
_CLOCK = (r"(?:\s*(?:at|,|-|–|\|)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?"
          r"\s*(?P<zone>GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|MSK)?)?")
_ENGLISH = [re.compile(rf"\b{_MONTH}\s+{_DAY},?\s*{_YEAR}\b{_CLOCK}", re.IGNORECASE),
            re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b{_CLOCK}", re.IGNORECASE)]
_ZONES = {"GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2, "EST": -5, "EDT": -4, "PST": -8, "PDT": -7, "MSK": 3}
# 3/09/15 8:00am, 08.04.2015 12:46, 13/6/2023: day, month and year, in an order the language decides.
_NUMERIC = re.compile(r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)"
                      r"(?![\d./-]*\d)(?:\s*(?:at|à|às|um|,|-|–|\|)?\s*(?P<hour>\d{1,2})[:h](?P<minute>\d{2})"
                      r"(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?)?", re.IGNORECASE)
# 2013/12/28 10:28 (with dashes it is ISO)
_YEAR_FIRST = re.compile(r"(?<![\d./-])(?P<y>(?:19|20)\d\d)(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<a>\d{1,2})"
                         r"(?![\d./-]*\d)(?:\s*(?P<hour>\d{1,2}):(?P<minute>\d{2}))?")
# 2016年10月14日07:17, 2018年6月18日 10:01, 2023년 6월 13일
_CJK = re.compile(r"(?P<year>(?:19|20)\d\d)\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]"
                  r"(?:\s*(?P<hour>\d{1,2}):(?P<minute>\d{2}))?")
MONTH_FIRST = {"en"}  # numeric dates: US pages write the month first (a day over 12 says otherwise)


def _clock(value: dt.datetime, parts: dict) -> dt.datetime:
    if parts.get("hour") is None:
        return value
    hour = int(parts["hour"])
    ampm = parts.get("ampm")
    if ampm:
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    value = value.replace(hour=hour, minute=int(parts["minute"]))
    if parts.get("zone"):
        value = value.replace(tzinfo=dt.timezone(dt.timedelta(hours=_ZONES[parts["zone"].upper()])))
    return value


def english(line: str) -> FoundDate | None:
    """'June 13, 2023 at 6:04 p.m.', '14 Jun 2023 05:23 GMT'."""
    for pattern in _ENGLISH:
        match = pattern.search(line)
        if not match:
            continue
        parts = match.groupdict()
        try:
            value = dt.datetime(int(parts["year"]), _MONTHS[parts["month"].lower()], int(parts["day"]))
            value = _clock(value, parts)
        except ValueError:
            return None
        return FoundDate(value, parts["hour"] is not None, match.group(0).strip())
    return None


def numeric(line: str, lang: str) -> FoundDate | None:
    """'08.04.2015' is 8 April on a German page, '3/09/15' is 9 March on an English one."""
    match = _YEAR_FIRST.search(line)
    if match:  # a year first is always followed by the month
        parts = match.groupdict()
        year, month, day = int(parts["y"]), int(parts["b"]), int(parts["a"])
    else:
        match = _NUMERIC.search(line)
        if not match:
            return None
        parts = match.groupdict()
        a, b, year = int(parts["a"]), int(parts["b"]), int(parts["y"])
        if year < 100:
            year += 2000 if year < 70 else 1900
        month, day = (a, b) if lang in MONTH_FIRST and a <= 12 else (b, a)
    try:
        value = _clock(dt.datetime(year, month, day), parts)
    except ValueError:
        return None
    return FoundDate(value, parts["hour"] is not None, match.group(0).strip())


def cjk(line: str) -> FoundDate | None:
    match = _CJK.search(line)
    if not match:
        return None
    parts = match.groupdict()
    try:
        value = _clock(dt.datetime(int(parts["year"]), int(parts["month"]), int(parts["day"])), parts)
    except ValueError:
        return None
    return FoundDate(value, parts["hour"] is not None, match.group(0).strip())


@dataclass(frozen=True)
class DayOfYear:
    """A date printed without its year ("Written on Mar 27", "Svētdiena, 3. janvāris", "3/9(木)")."""

    month: int
    day: int
    weekday: int | None  # Monday is 0; when the page names it, it pins the year
    text: str


_WEEKDAYS = {name: number for number, names in enumerate(
    ("mon monday", "tue tues tuesday", "wed wednesday", "thu thur thurs thursday", "fri friday",
     "sat saturday", "sun sunday")) for name in names.split()}
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_NO_YEAR = r"(?!\s*,?\s*(?:19|20)\d\d)(?![\d:])"
_ENGLISH_NO_YEAR = [re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}\b{_NO_YEAR}", re.IGNORECASE),
                    re.compile(rf"\b{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}\b{_NO_YEAR}", re.IGNORECASE)]
_CJK_WEEKDAYS = {ch: number for number, chars in enumerate(("月一", "火二", "水三", "木四", "金五", "土六", "日天"))
                 for ch in chars}
# 3月9日(木), 3/9(木) 18:45: Japanese and Chinese pages write the month first
_CJK_NO_YEAR = re.compile(r"(?<![\d年/])(?P<month>\d{1,2})\s*(?:月|/)\s*(?P<day>\d{1,2})\s*日?\s*"
                          r"(?:[(（]\s*(?:星期|週|周)?(?P<weekday>[月火水木金土日一二三四五六天])\s*(?:曜日?)?[)）])")


def day_of_year(line: str) -> DayOfYear | None:
    """A year-less date in English or Chinese/Japanese ("Mar 27", "Friday 3 March", "3/9(木)")."""
    match = _CJK_NO_YEAR.search(line)
    if match:
        weekday = _CJK_WEEKDAYS[match.group("weekday")]
        return _valid(int(match.group("month")), int(match.group("day")), weekday, match.group(0))
    for pattern in _ENGLISH_NO_YEAR:
        match = pattern.search(line)
        if match:
            name = match.group("weekday")
            weekday = _WEEKDAYS[name.lower()] if name else None
            if match.group("month").lower() == "may" and weekday is None:
                continue  # "Top 10 May deals": the month's name is also a word
            return _valid(_MONTHS[match.group("month").lower()], int(match.group("day")), weekday, match.group(0))
    return None


def _valid(month: int, day: int, weekday: int | None, text: str) -> DayOfYear | None:
    try:
        dt.date(2000, month, day)  # a leap year: 29 February is a day of some year
    except ValueError:
        return None
    return DayOfYear(month, day, weekday, text.strip())


def resolve_year(found: DayOfYear, captured: dt.datetime, newest_year: int | None) -> dt.datetime | None:
    """The latest year, up to the capture (and the page's newest copyright year), in which that day
    has already come and falls on the weekday the page names."""
    top = min(captured.year, newest_year or captured.year)
    for year in range(top, top - 8, -1):
        try:
            day = dt.date(year, found.month, found.day)
        except ValueError:  # 29 February
            continue
        if day > captured.date() or (found.weekday is not None and day.weekday() != found.weekday):
            continue
        return dt.datetime(day.year, day.month, day.day)
    return None
