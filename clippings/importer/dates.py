"""Publication dates as news pages write them.

ISO forms are parsed exactly (offset kept); everything else goes to ``dateparser.search``
with the page's language, which reads "Published June 13,2023", "14 Jun, 2023 05:23",
"13.06.2023, 14:05 Uhr" and "2 hours ago" (relative to the capture time). A time zone is
recorded only when the page states one.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass

ISO = re.compile(
    r"\b(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?\b"
)
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
RELATIVE = re.compile(
    r"\b(ago|yesterday|today|vor \d+|gestern|heute|il y a|hier|aujourd'hui|hace|ayer|hoy|назад|вчера|сегодня)\b",
    re.IGNORECASE,
)
TIME = re.compile(
    r"\b\d{1,2}[:h]\d{2}\b|\b\d{1,2}\.\d{2}\s?Uhr\b|\b\d{1,2}\s?(?:am|pm)\b|\b(?:hours?|minutes?|mins?|hrs?)\b",
    re.IGNORECASE,
)
ZONE = re.compile(
    r"(?:\b(?:GMT|UTC)\s?[+-]\d{1,2}(?::?\d{2})?|\b(?:GMT|UTC|CET|CEST|MSK|BST|EST|EDT|PST|PDT)\b|[+-]\d{2}:\d{2}\b)"
)
PUBLISHED = re.compile(r"^(published|posted|first published|veröffentlicht|publié|publicado|опубликовано)\b", re.I)
UPDATED = re.compile(r"^(updated|last updated|modified|aktualisiert|mis à jour|actualizado|обновлено)\b", re.I)
# Numeric date order by language; English is left to dateparser (US pages write the month first).
DATE_ORDERS = {"en": None, "": None, "zh": "YMD", "ja": "YMD", "ko": "YMD", "hu": "YMD", "lt": "YMD", "fa": "YMD"}
MAX_LINE = 90  # date lines are short; long lines are prose that merely mentions a date


@dataclass(frozen=True)
class FoundDate:
    value: dt.datetime  # aware only when the page gave a zone
    has_time: bool
    text: str  # the words it was read from


def parse_iso(text: str) -> FoundDate | None:
    match = ISO.search(text)
    if not match:
        return None
    day, clock, zone = match.groups()
    try:
        if clock is None:
            return FoundDate(dt.datetime.fromisoformat(day), False, match.group(0))
        stamp = f"{day}T{clock}" + ("+00:00" if zone == "Z" else (zone or ""))
        return FoundDate(dt.datetime.fromisoformat(stamp), True, match.group(0))
    except ValueError:
        return None


COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved", re.IGNORECASE)


def looks_like_date(line: str) -> bool:
    """Cheap test: could this short line be a dateline? (No parsing.)"""
    line = _tidy(line)
    return len(line) <= MAX_LINE and not COPYRIGHT.search(line) and bool(
        ISO.search(line) or (YEAR.search(line) and re.search(r"\d", YEAR.sub("", line))) or RELATIVE.search(line))


def _tidy(line: str) -> str:
    """Undo capture damage dateparser trips on: '20236:04 PM' (glued), '12.45 GMT' (dotted time)."""
    line = re.sub(r"\b((?:19|20)\d\d)(\d{1,2}:\d{2})", r"\1 \2", line)
    line = re.sub(r"\b(\d{1,2})\.(\d{2})(?=\s*(?:GMT|BST|UTC|CET|CEST|EST|EDT|PST|PDT|MSK|Uhr|h)\b)", r"\1:\2", line)
    line = re.sub(r"\b(\d{1,2})h(\d{2})\b", r"\1:\2", line)  # French "18h04"
    return re.sub(r"[·•|]?\s*\d+\s*min(ute)?s? read\b", " ", line, flags=re.IGNORECASE)


def _is_candidate(line: str) -> bool:
    if len(line) > MAX_LINE and not PUBLISHED.match(line):
        return False
    if COPYRIGHT.search(line):
        return False
    return bool(YEAR.search(line) or RELATIVE.search(line))


# The English forms most pages use, read directly: dateparser handles them too, but at a few
# milliseconds a line it would be most of an import's time.
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


def _english(line: str) -> FoundDate | None:
    for pattern in _ENGLISH:
        match = pattern.search(line)
        if not match:
            continue
        parts = match.groupdict()
        try:
            value = dt.datetime(int(parts["year"]), _MONTHS[parts["month"].lower()], int(parts["day"]))
            if parts["hour"] is not None:
                hour = int(parts["hour"]) % 12 if parts["ampm"] else int(parts["hour"])
                if parts["ampm"] and parts["ampm"].lower().startswith("p"):
                    hour += 12
                value = value.replace(hour=hour, minute=int(parts["minute"]))
                if parts["zone"]:
                    value = value.replace(tzinfo=dt.timezone(dt.timedelta(hours=_ZONES[parts["zone"].upper()])))
        except ValueError:
            return None
        return FoundDate(value, parts["hour"] is not None, match.group(0).strip())
    return None


def parse_line(line: str, lang: str, captured: dt.datetime | None) -> FoundDate | None:
    iso = parse_iso(line)
    if iso:
        return iso
    line = _tidy(line)
    if not _is_candidate(line):
        return None
    if lang in ("en", None, ""):
        found = _english(line)
        if found:
            return found
    from dateparser.search import search_dates  # imported late: loading it costs ~0.2 s

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    order = DATE_ORDERS.get(lang or "", "DMY")  # most languages write the day first: 01.11.2023 is 1 November
    if order:
        settings["DATE_ORDER"] = order
    if captured is not None:
        settings["RELATIVE_BASE"] = captured.replace(tzinfo=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = search_dates(line, languages=[lang] if lang else None, settings=settings)
        except Exception:  # dateparser raises assorted errors on odd input; no date is the answer
            found = None
    for text, value in found or []:
        if not RELATIVE.search(text) and not (YEAR.search(text) and re.search(r"\d", YEAR.sub("", text))):
            continue  # "Tuesday", "13 June", "June 2023" or "2005" does not give the day
        has_time = bool(TIME.search(text))
        if RELATIVE.search(text):
            value = value.replace(second=0, microsecond=0)  # "2 hours ago" is not precise to the second
        zone = ZONE.search(line)
        if zone and has_time:
            aware = _with_zone(line, lang, settings)
            if aware is not None:
                value = aware
        return FoundDate(value, has_time, text)
    return None


def _with_zone(line: str, lang: str, settings: dict) -> dt.datetime | None:
    from dateparser.search import search_dates

    aware_settings = {**settings, "RETURN_AS_TIMEZONE_AWARE": True}
    aware_settings.pop("RELATIVE_BASE", None)
    found = search_dates(line, languages=[lang] if lang else None, settings=aware_settings)
    if not found or found[0][1].tzinfo is None:
        return None
    value = found[0][1]
    return value.replace(tzinfo=dt.timezone(value.utcoffset()))  # a plain offset serializes cleanly


def find_date(lines: list[str], lang: str, captured: dt.datetime | None) -> FoundDate | None:
    """The publication date among candidate lines (in page order): 'Published' beats 'Updated', and a
    date the page states beats a relative one ("2 hours ago"), which is only as good as the capture time."""
    fallback = None
    relative = None
    for line in lines:
        found = parse_line(line, lang, captured)
        if found is None:
            continue
        if UPDATED.match(line.strip()):
            fallback = fallback or found
            continue
        if RELATIVE.search(found.text):
            relative = relative or found
            continue
        return found
    return fallback or relative
