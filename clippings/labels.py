"""Source labels: the vocabulary of outlet types and the badge text derived from it."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class SourceType:
    key: str
    noun: str
    plural: str
    description: str


@dataclass(frozen=True)
class SourceVocabulary:
    types: dict[str, SourceType]
    countries: dict[str, dict[str, str]]  # ISO alpha-2 -> {"name", "adjective"}

    def label(self, kind: str, country: str | None) -> str:
        """Badge text such as "Russian state-controlled media" or "News agency"."""
        noun = self.types[kind].noun if kind in self.types else kind
        adjective = self.countries.get(country or "", {}).get("adjective")
        return f"{adjective} {noun}" if adjective else noun[:1].upper() + noun[1:]

    def country_name(self, country: str | None) -> str | None:
        return self.countries.get(country or "", {}).get("name")


def load_vocabulary() -> SourceVocabulary:
    data = resources.files("clippings") / "data"
    types = tomllib.loads((data / "source_types.toml").read_text(encoding="utf-8"))["type"]
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    return SourceVocabulary(
        types={t["key"]: SourceType(**{k: t[k] for k in ("key", "noun", "plural", "description")}) for t in types},
        countries=countries,
    )
