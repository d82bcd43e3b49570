"""Who published a source, and how much it weighs: ``data/publishers.csv``.

One editable row per domain: ``domain, publisher, tier, note``. Tiers, strongest first:

* ``primary``: the body that acted (the UN Security Council or Secretariat, the MSS mission, a
  contributing government or police service, a court, the OAS, CARICOM);
* ``established``: an established news organisation or wire, or an established research
  publisher (Security Council Report);
* ``secondary``: anything else (regional aggregators, blogs, mirrors). A domain missing from
  the table is *secondary* until someone classifies it; ``validate`` lists such domains.

A URL matches the longest table domain it ends with, so ``press.un.org`` can be told apart
from ``un.org`` and ``www.`` never matters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import field_validator

from dashboard.data.events import SEED_SOURCES, source_label
from dashboard.data.reader import Problem, RowModel, ValueProblem, one_of, read_table

TIERS = ("primary", "established", "secondary")
UNKNOWN_TIER = "secondary"
Tier = one_of(TIERS)


class Publisher(RowModel):
    """A row of ``data/publishers.csv``: a domain (lower case, no scheme, no ``www.``)."""

    domain: str
    publisher: str
    tier: Tier
    note: str = ""

    @field_validator("domain")
    @classmethod
    def _bare_domain(cls, value: str) -> str:
        if (
            value != value.lower()
            or value.startswith("www.")
            or "/" in value
            or "." not in value
            or " " in value
        ):
            raise ValueProblem(f"not a bare lower-case domain such as 'press.un.org': {value!r}")
        return value


@dataclass(frozen=True)
class Source:
    """One cited URL with the publisher and tier it resolves to (``known`` False: not in the table)."""

    url: str
    domain: str
    publisher: str
    tier: str
    known: bool


def host_of(url: str) -> str:
    """The URL's host, lower case, without ``www.`` (``""`` when there is none)."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    return host.removeprefix("www.")


class Publishers:
    """The publisher table, looked up by the longest matching domain suffix."""

    def __init__(self, rows: Iterable[Publisher]):
        self._by_domain: Mapping[str, Publisher] = {row.domain: row for row in rows}

    def source(self, url: str) -> Source:
        """Who published ``url`` and its tier (unknown domains: secondary, named by host; a
        stored article without a URL: secondary, named by its title)."""
        if url in SEED_SOURCES:
            return Source(url, "", source_label(url), UNKNOWN_TIER, True)
        host = host_of(url)
        parts = host.split(".")
        for start in range(len(parts) - 1):
            found = self._by_domain.get(".".join(parts[start:]))
            if found is not None:
                return Source(url, found.domain, found.publisher, found.tier, True)
        return Source(url, host, host or url, UNKNOWN_TIER, False)

    def best(self, urls: Sequence[str]) -> Source | None:
        """The strongest source among ``urls`` (the first of equal tier), or None."""
        sources = [self.source(url) for url in urls]
        return min(sources, key=lambda s: TIERS.index(s.tier), default=None)

    def __len__(self) -> int:
        return len(self._by_domain)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Publishers) and dict(self._by_domain) == dict(other._by_domain)

    __hash__ = None  # mutable-looking container semantics: equal by content, not hashable

    def unknown_domains(self, urls: Iterable[str]) -> list[str]:
        """Hosts of ``urls`` that no table row matches, sorted, once each."""
        return sorted({s.domain for s in map(self.source, urls) if not s.known})


def is_weakly_sourced(best: Source | None) -> bool:
    """True when a row's strongest source is secondary (or it has none)."""
    return best is None or best.tier == UNKNOWN_TIER


def load_publishers(path: Path) -> tuple[Publishers, list[Problem]]:
    """Load ``publishers.csv`` (a missing file: every domain is unknown, so secondary)."""
    if not path.exists():
        return Publishers([]), []
    table = read_table(path, Publisher, unique=("domain",))
    return Publishers(table.records), table.problems
