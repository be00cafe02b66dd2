"""Publication dates as news pages write them.

ISO forms are parsed exactly (offset kept); the common English, numeric and CJK forms are read
directly (date_forms.py); everything else goes to ``dateparser.search`` with the page's
language ("13. Juni 2023", "hace 2 horas"). A relative date ("2 hours ago") is resolved only
against a known capture time, and says so (``FoundDate.relative``). A time zone is recorded
only when the page states one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings

from .date_forms import DayOfYear, FoundDate, cjk, day_of_year, english, numeric, resolve_year

__all__ = ["FoundDate", "find_date", "find_yearless", "looks_like_date", "newest_copyright_year", "parse_iso",
           "parse_line"]

ISO = re.compile(
    r"\b(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?\b"
)
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")  # "中文站2016年" has no word boundary
NUMERIC_DATE = re.compile(r"(?<![\d.])\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)")  # 3/09/15 (a two-digit year)
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
# Dates that are not the page's: an expiry, a citation's access day, a quote's or an embedded tweet's.
LABELLED = re.compile(r"^(?:expires?|expiry|retrieved|archived|accessed)\b\W*", re.I)
NOT_PUBLISHED = re.compile(r"^(?:(?:expires?|retrieved|archived|accessed|today in history)\b|[—–]\s)|\(@\w+\)|"
                           r"\b(?:retrieved|accessed)(?: on)? \d|\barchived from\b|\bISBN\b|\bdoi:|^\^ |^[.,;] ", re.I)
# (a reference list's entry anywhere, "^ ... Global Innovation Index. Retrieved 21 June 2018.", or the
# rest of one a link broke off: ". 24 August 2021.")
# Numeric date order by language for dateparser; English is left to it (US pages write the month first).
DATE_ORDERS = {"en": None, "": None, "zh": "YMD", "ja": "YMD", "ko": "YMD", "hu": "YMD", "lt": "YMD", "fa": "YMD"}
MAX_LINE = 90  # date lines are short; long lines are prose that merely mentions a date
DATELINE = 40  # of a long line, only its start may be a dateline ("Feb. 23, 2015 -- Life-threatening ...")
# A month word glued to the word before it by the capture: "PressDecember 2, 2016", "BUSINESSNOV 7, 2023".
GLUED_MONTH = re.compile(
    r"(?<=[a-z])(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    r"july|august|september|october|november|december)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)


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
        ISO.search(line) or (YEAR.search(line) and re.search(r"\d", YEAR.sub("", line))) or RELATIVE.search(line)
        or NUMERIC_DATE.search(line))


def _tidy(line: str) -> str:
    """Undo capture damage dateparser trips on: '20236:04 PM' (glued), '12.45 GMT' (dotted time),
    'PressDecember 2, 2016', '2015at 08:05', '21.dez.2018', '28 آب/اغسطس 2013' (two names of a month)."""
    line = re.sub(r"\b((?:19|20)\d\d)(\d{1,2}:\d{2})", r"\1 \2", line)
    line = re.sub(r"\b((?:19|20)\d\d)(?=[^\W\d_])", r"\1 ", line)
    line = GLUED_MONTH.sub(" ", line)
    line = re.sub(r"\b(\d{1,2})\.([^\W\d_]{3,9})\.\s?((?:19|20)\d\d)\b", r"\1 \2 \3", line)
    line = re.sub(r"\b(\d{1,2}\s+)[^\W\d_]+/([^\W\d_]+)(\s+(?:19|20)\d\d)\b", r"\1\2\3", line)
    line = re.sub(r"\b(\d{1,2})\.(\d{2})(?=\s*(?:GMT|BST|UTC|CET|CEST|EST|EDT|PST|PDT|MSK|Uhr|h)\b)", r"\1:\2", line)
    line = re.sub(r"\b(\d{1,2})h(\d{2})\b", r"\1:\2", line)  # French "18h04"
    return re.sub(r"[·•|]?\s*\d+\s*min(ute)?s? read\b", " ", line, flags=re.IGNORECASE)


def _candidate(line: str, lang: str = "") -> str | None:
    """The part of a line that may hold a publication date, or None."""
    if len(line) > MAX_LINE and not PUBLISHED.match(line):
        line = line[:DATELINE]  # a long line may open with a dateline; the rest is prose
    label = LABELLED.match(line.strip())
    if label:  # "Expires: 18 June 2015 15 December 2014": the label names the date after it, not the next
        rest = line.strip()[label.end():]
        first = _direct(rest, lang)
        if first is None:
            return None
        line = rest[rest.find(first.text) + len(first.text):]
    if COPYRIGHT.search(line) or NOT_PUBLISHED.search(line.strip()):
        return None
    return line if (YEAR.search(line) or RELATIVE.search(line) or NUMERIC_DATE.search(line)) else None


def _full_date(text: str) -> bool:
    """What dateparser matched names a day: a month word or a numeric date besides the year, or a
    relative day. '31, 2021' (the month lost), 'Tuesday', 'June 2023' or '2018 às 12:55' do not."""
    if RELATIVE.search(text):
        return True
    rest = YEAR.sub("", text)
    month_word = any(sum(ch.isalpha() or unicodedata.category(ch).startswith("M") for ch in word) >= 3
                     for word in rest.split())  # letters and the marks of Burmese or Thai
    return bool(YEAR.search(text) and re.search(r"\d", rest) and month_word) or bool(NUMERIC_DATE.search(text))


def _direct(line: str, lang: str) -> FoundDate | None:
    """The forms read without dateparser; the one that starts first in the line wins."""
    found = [f for f in (cjk(line), numeric(line, lang), english(line) if lang in ("en", "", None) else None) if f]
    return min(found, key=lambda f: line.find(f.text)) if found else None


def parse_line(line: str, lang: str, captured: dt.datetime | None) -> FoundDate | None:
    iso = parse_iso(line[:DATELINE] if len(line) > MAX_LINE else line)
    if iso:
        return iso
    part = _candidate(_tidy(line), lang)
    if part is None:
        return None
    found = _direct(part, lang)
    if found:
        return found
    return _dateparser(part, lang, captured)


def _dateparser(line: str, lang: str, captured: dt.datetime | None) -> FoundDate | None:
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
        if not _full_date(text):
            continue
        relative = bool(RELATIVE.search(text))
        if relative and captured is None:
            continue  # "2 hours ago" with no known capture time gives no day
        has_time = bool(TIME.search(text))
        if relative:
            value = value.replace(second=0, microsecond=0)  # "2 hours ago" is not precise to the second
        zone = ZONE.search(line)
        if zone and has_time and not relative:
            aware = _with_zone(line, lang, settings)
            if aware is not None:
                value = aware
        return FoundDate(value, has_time, text, relative)
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
    """The publication date among candidate lines (nearest the headline first): 'Published' beats
    'Updated', and a date the page states beats a relative one ("2 hours ago"), which is only as good
    as the capture time."""
    fallback = None
    relative = None
    for line in lines:
        found = parse_line(line, lang, captured)
        if found is None or _after(found, captured):
            continue
        if UPDATED.match(line.strip()):
            fallback = fallback or found
            continue
        if found.relative:
            relative = relative or found
            continue
        return found
    return fallback or relative


def _after(found: FoundDate, captured: dt.datetime | None) -> bool:
    """A date after the capture is not the page's publication date (an event's, an expiry); a day's
    grace allows for the page's time zone."""
    if captured is None:
        return False
    return found.value.replace(tzinfo=None) > captured.replace(tzinfo=None) + dt.timedelta(days=1)


YEARLESS_LINE = 40  # characters: a date line without a year is short ("Written on Mar 27 by")
YEARLESS_TRIES = 30  # candidate lines tried, nearest the headline first


def newest_copyright_year(lines: list[str]) -> int | None:
    """The newest year of the page's copyright lines ("© 1996-2015"): the page was shown then or later."""
    years = [int(y) for line in lines if COPYRIGHT.search(line) for y in YEAR.findall(line)]
    return max(years) if years else None


def find_yearless(lines: list[str], lang: str, captured: dt.datetime | None,
                  newest_year: int | None = None) -> FoundDate | None:
    """A date printed without its year, given a year only when the capture time is known: the latest
    year up to it (and up to the page's copyright year) in which the day has come and falls on the
    weekday named. It is as good as the capture time, so it is marked relative (and for review)."""
    if captured is None:
        return None
    for line in [line for line in lines if len(line) <= YEARLESS_LINE and re.search(r"\d", line)][:YEARLESS_TRIES]:
        if COPYRIGHT.search(line) or NOT_PUBLISHED.search(line.strip()) or YEAR.search(line):
            continue
        found = day_of_year(line) if lang in ("en", "zh", "ja", "", None) else _dateparser_day(line, lang)
        value = resolve_year(found, captured, newest_year) if found else None
        if value is not None:
            return FoundDate(value, False, found.text, relative=True)
    return None


def _dateparser_day(line: str, lang: str) -> DayOfYear | None:
    """'Svētdiena, 3. janvāris', '3. Juni': a day and a month in the page's language; a first part
    that is a weekday's name pins the year."""
    import dateparser  # imported late: loading it costs ~0.2 s

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parts = [p.strip() for p in line.split(",")]
            day = dateparser.parse(parts[-1], languages=[lang], settings={"REQUIRE_PARTS": ["day", "month"],
                                                                          "RELATIVE_BASE": dt.datetime(2000, 1, 15)})
            weekday = None
            if day is not None and len(parts) > 1 and not re.search(r"\d", parts[0]):
                named = dateparser.parse(parts[0], languages=[lang])
                weekday = named.weekday() if named is not None else None
        except Exception:  # dateparser raises assorted errors on odd input; no date is the answer
            return None
    if day is None or str(day.day) not in re.findall(r"\d+", parts[-1]):
        return None  # the day must be printed: "před 2 hodinami" (2 hours ago) is no day of the year
    return DayOfYear(day.month, day.day, weekday, line)
