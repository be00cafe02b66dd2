"""The date formats pages print, each named after a site that prints it, and ISO stamps for metadata."""

from __future__ import annotations

import datetime as dt

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _h12(moment: dt.datetime) -> tuple[int, str]:
    hour = moment.hour % 12 or 12
    return hour, "AM" if moment.hour < 12 else "PM"


def d_long(m: dt.datetime) -> str:  # 13 June 2023
    return f"{m.day} {MONTHS[m.month - 1]} {m.year}"


def d_us(m: dt.datetime) -> str:  # June 13, 2023
    return f"{MONTHS[m.month - 1]} {m.day}, {m.year}"


def d_rt(m: dt.datetime) -> str:  # 14 Jun, 2023 05:23
    return f"{m.day} {MONTHS[m.month - 1][:3]}, {m.year} {m:%H:%M}"


def d_dpa(m: dt.datetime) -> str:  # Published June 13,2023
    return f"Published {MONTHS[m.month - 1]} {m.day},{m.year}"


def uk_zone(m: dt.datetime) -> tuple[str, str]:
    """Roughly when British Summer Time applies (the exact Sundays do not matter here)."""
    return ("BST", "+01:00") if 4 <= m.month <= 10 else ("GMT", "+00:00")


def d_guardian(m: dt.datetime) -> str:  # Tue 13 Jun 2023 18.04 BST
    return f"{DAYS[m.weekday()][:3]} {m.day} {MONTHS[m.month - 1][:3]} {m.year} {m:%H.%M} {uk_zone(m)[0]}"


def wire_month(m: dt.datetime) -> str:  # wire style: "Jan", "March", "June", "Sept"
    name = MONTHS[m.month - 1]
    return name if 3 <= m.month <= 7 else "Sept" if m.month == 9 else name[:3]


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def d_reuters(m: dt.datetime) -> str:  # June 13, 2023 6:04 PM UTC
    hour, half = _h12(m)
    return f"{d_us(m)} {hour}:{m:%M} {half} UTC"


def d_cnn(m: dt.datetime) -> str:  # Updated 6:04 PM EDT, Tue June 13, 2023
    hour, half = _h12(m)
    return f"{hour}:{m:%M} {half} EDT, {DAYS[m.weekday()][:3]} {MONTHS[m.month - 1]} {m.day}, {m.year}"


def d_local(m: dt.datetime) -> str:  # June 13, 2023 at 6:04 p.m.
    hour, half = _h12(m)
    return f"{d_us(m)} at {hour}:{m:%M} {'a.m.' if half == 'AM' else 'p.m.'}"


def d_yahoo(m: dt.datetime) -> str:  # Tue, June 13, 2023 at 6:04 PM
    hour, half = _h12(m)
    return f"{DAYS[m.weekday()][:3]}, {d_us(m)} at {hour}:{m:%M} {half}"


def ago(hours: int) -> str:
    return "1 hour ago" if hours == 1 else f"{hours} hours ago"


def iso(m: dt.datetime, offset: str = "+00:00") -> str:
    return m.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if offset == "Z" else offset)
