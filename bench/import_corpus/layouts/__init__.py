"""The page layouts, by name. Each takes a Page and returns (txt, html), and fills in the page's
expected byline, summary, time and body.

The order of LAYOUTS is part of the output: the set is built by shuffling its names in place.
"""

from __future__ import annotations

from collections.abc import Callable

from ..page import Page
from .agencies import syndicated, wire
from .broadcast import broadcaster, cable, state_tv
from .papers import local_paper, nordic, quality_daily
from .web import blog, magazine, portal

LAYOUTS: dict[str, Callable[[Page], tuple[str, str]]] = {
    "wire": wire, "broadcaster": broadcaster, "statetv": state_tv, "syndicated": syndicated,
    "daily": quality_daily, "cable": cable, "localpaper": local_paper, "blog": blog, "portal": portal,
    "magazine": magazine, "nordic": nordic,
}
