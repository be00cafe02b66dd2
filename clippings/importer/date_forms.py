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
