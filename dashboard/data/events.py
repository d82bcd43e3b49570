"""The deployments and policy files: the event records (their frozen row models) and readers.

Two files, read with :func:`dashboard.data.reader.read_table` (so a bad row is left out and
described as ``file:row: field: message`` while the rest loads):

* ``deployments.csv``: arrivals, departures, strength reports, casualties… of the MSS and
  the Gang Suppression Force (GSF), one row per event;
* ``policy_events.csv``: resolutions, drafts, requests, statements, court rulings, funding…

Filters, the strength series and the loading of both files together are in :mod:`dashboard.timelines`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import ConfigDict, Field, field_validator, model_validator

from dashboard.data.reader import (
    IsoDate,
    Problem,
    RowModel,
    RowProblem,
    ValueProblem,
    one_of,
    parse_http_url,
    parse_int,
    parse_signed_int,
    parsed,
    read_table,
)
from dashboard.text.i18n import N_

#: How exact ``event_date`` is. ``month`` dates fall on the 1st, ``year`` dates on 1 January.
PRECISIONS = ("day", "month", "year")

#: The only sources that are not http(s) URLs: stored copies of articles that have no URL,
#: and how to name them on the page.
SEED_SOURCES = {
    "seed:mss_update_2024-11-19": (
        "“Kenyan-led Haiti Mission Gives Update as US Advocates for UN Intervention”, "
        "news report of 19 Nov 2024 quoting the MSS post on X (publisher not named in our copy)"
    ),
}

DEPLOYMENT_KINDS = (
    "announcement",
    "arrival",
    "authorized_strength",
    "casualty",
    "command",
    "departure",
    "disruption",
    "drawdown",
    "equipment",
    "patrol",
    "readiness",
    "rotation",
    "standby",
    "strength_report",
    "withdrawal_attempt",
)

POLICY_KINDS = (
    "agreement",
    "appointment",
    "approval",
    "court_filing",
    "court_order",
    "court_ruling",
    "draft",
    "equipment",
    "explanation_of_vote",
    "funding",
    "letter",
    "meeting",
    "milestone",
    "pledge",
    "request",
    "resolution",
    "statement",
    "summit",
)

#: How each kind reads on screen (translated where shown; files keep the ids).
KIND_WORDS = {
    "agreement": N_("agreement"),
    "announcement": N_("announcement"),
    "appointment": N_("appointment"),
    "approval": N_("approval"),
    "arrival": N_("arrival"),
    "authorized_strength": N_("authorized strength"),
    "casualty": N_("casualty"),
    "command": N_("command"),
    "court_filing": N_("court filing"),
    "court_order": N_("court order"),
    "court_ruling": N_("court ruling"),
    "departure": N_("departure"),
    "disruption": N_("disruption"),
    "draft": N_("draft"),
    "drawdown": N_("drawdown"),
    "equipment": N_("equipment"),
    "explanation_of_vote": N_("explanation of vote"),
    "funding": N_("funding"),
    "letter": N_("letter"),
    "meeting": N_("meeting"),
    "milestone": N_("milestone"),
    "patrol": N_("patrol"),
    "pledge": N_("pledge"),
    "readiness": N_("readiness"),
    "request": N_("request"),
    "resolution": N_("resolution"),
    "rotation": N_("rotation"),
    "standby": N_("standby"),
    "statement": N_("statement"),
    "strength_report": N_("strength report"),
    "summit": N_("summit"),
    "withdrawal_attempt": N_("withdrawal attempt"),
}

#: Kinds whose row may carry ``on_ground_change`` (people arriving in or leaving Haiti).
MOVEMENT_KINDS = ("arrival", "departure", "rotation")

#: Kinds whose row must carry ``personnel`` (the chart places them by it).
FIGURE_KINDS = ("authorized_strength", "strength_report")


# --- records --------------------------------------------------------------------------------


class _EventSet:
    """The actors and kinds present in ``events`` (for the panels' filters)."""

    events: tuple[Event, ...]

    @property
    def actors(self) -> list[str]:
        return sorted({e.actor for e in self.events})

    @property
    def kinds(self) -> list[str]:
        return sorted({e.kind for e in self.events})


@dataclass(frozen=True)
class DeploymentData(_EventSet):
    """The deployment events, in date order (file order within a day)."""

    events: tuple[DeploymentEvent, ...] = ()


@dataclass(frozen=True)
class PolicyData(_EventSet):
    """The policy events, in date order (file order within a day)."""

    events: tuple[PolicyEvent, ...] = ()


# --- parsing --------------------------------------------------------------------------------


def parse_sources(text: str) -> tuple[str, ...]:
    """Parse sources separated by `` ; ``: each an http(s) URL or a known ``seed:`` marker."""
    parts = tuple(part.strip() for part in text.split(";") if part.strip())
    if not parts:
        raise ValueProblem("no source given")
    return tuple(_parse_source(part) for part in parts)


def _parse_source(text: str) -> str:
    if text in SEED_SOURCES:
        return text
    if text.startswith("seed:"):
        raise ValueProblem(f"unknown seed source {text!r} (known: {', '.join(SEED_SOURCES)})")
    return parse_http_url(text)


def source_url(source: str) -> str | None:
    """The link for a source: the URL itself, or None for a seed marker."""
    return None if source in SEED_SOURCES else source


def source_label(source: str) -> str:
    """How to name a source in text: the URL, or the description of a seed marker."""
    return SEED_SOURCES.get(source, source)


def _check_event_id(prefix: str, text: str) -> str:
    if not text.startswith(prefix) or not text.replace("-", "").isalnum() or not text.islower():
        raise ValueProblem(f"ids start {prefix!r} and are lower-case letters, digits and '-': {text!r}")
    return text


def _parse_hotspot_id(text: str) -> str:
    if not text.replace("-", "").isalnum() or not text.islower():
        raise ValueProblem(f"hotspot ids are lower-case letters, digits and '-': {text!r}")
    return text


def _parse_count(text: str) -> int:
    value = parse_int(text)
    if value < 0:
        raise ValueProblem(f"a count of people cannot be negative: {text!r}")
    return value


Sources = Annotated[tuple[str, ...], parsed(parse_sources)]
Precision = one_of(PRECISIONS)
Count = Annotated[int, parsed(_parse_count)]
SignedCount = Annotated[int, parsed(parse_signed_int)]
HotspotId = Annotated[str, parsed(_parse_hotspot_id)]
DeploymentKind = one_of(DEPLOYMENT_KINDS)
PolicyKind = one_of(POLICY_KINDS)


class Event(RowModel):
    """What every timeline row has: when (with its precision), who, what kind, what happened,
    its outcome, any conflict between sources, and the sources. Fields are named for the
    code; their aliases are the file's columns (``event_id`` → ``id``…), in file order.
    ``row`` is the row's line number in its file (not a column)."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)
    not_columns: ClassVar[tuple[str, ...]] = ("row",)
    #: Every ``event_id`` of the file starts with this.
    id_prefix: ClassVar[str] = ""

    id: str = Field(alias="event_id")
    date: IsoDate = Field(alias="event_date")
    precision: Precision = Field(alias="date_precision")
    actor: str
    row: int = 0

    @field_validator("id")
    @classmethod
    def _event_id(cls, value: str) -> str:
        return _check_event_id(cls.id_prefix, value)

    @model_validator(mode="after")
    def _date_fits_precision(self) -> Event:
        day, precision = self.date, self.precision
        if precision == "month" and day.day != 1:
            raise RowProblem("event_date", f"month-precision dates fall on the 1st: {day}")
        if precision == "year" and (day.month, day.day) != (1, 1):
            raise RowProblem("event_date", f"year-precision dates fall on 1 January: {day}")
        return self

    @property
    def period_end(self) -> date:
        """The last day ``date`` may stand for, given its precision."""
        return period_end(self.date, self.precision)


class DeploymentEvent(Event):
    """One row of ``deployments.csv``. Personnel figures are numbers of people."""

    id_prefix: ClassVar[str] = "dep-"

    kind: DeploymentKind = Field(alias="event_kind")
    personnel: Count | None = None
    on_ground_change: SignedCount | None = None
    location: str = ""
    hotspot_id: HotspotId | None = None
    summary: str
    status: str = ""
    conflict: str = ""
    sources: Sources = Field(alias="source_urls")
    page_date: str = ""
    #: Why the sources are what they are: "Weakly sourced: …" when only secondary pages exist.
    source_note: str = ""

    @model_validator(mode="after")
    def _movement_fits_kind(self) -> DeploymentEvent:
        kind, change = self.kind, self.on_ground_change
        if change is not None and kind not in MOVEMENT_KINDS:
            raise RowProblem(
                "on_ground_change", f"only {', '.join(MOVEMENT_KINDS)} rows change the numbers on the ground"
            )
        if kind == "arrival" and change is not None and change < 0:
            raise RowProblem("on_ground_change", f"an arrival cannot be negative: {change}")
        if kind == "departure" and change is not None and change > 0:
            raise RowProblem("on_ground_change", f"a departure cannot be positive: {change}")
        if kind in FIGURE_KINDS and self.personnel is None:
            raise RowProblem("personnel", f"is empty (required for {kind} rows)")
        return self


class PolicyEvent(Event):
    """One row of ``policy_events.csv``."""

    id_prefix: ClassVar[str] = "pol-"

    kind: PolicyKind = Field(alias="event_kind")
    title: str
    summary: str
    status: str = ""
    vote: str = ""
    conflict: str = ""
    sources: Sources = Field(alias="source_urls")
    page_date: str = ""
    #: Why the sources are what they are: "Weakly sourced: …" when only secondary pages exist.
    source_note: str = ""


# --- loading --------------------------------------------------------------------------------


def load_deployments(path: Path) -> tuple[DeploymentData, list[Problem]]:
    """Load ``deployments.csv``; rows that fail a check are left out with a problem."""
    table = read_table(path, DeploymentEvent, unique=("event_id",))
    return DeploymentData(tuple(sorted(table.records, key=lambda e: (e.date, e.row)))), table.problems


def load_policy(path: Path) -> tuple[PolicyData, list[Problem]]:
    """Load ``policy_events.csv``; rows that fail a check are left out with a problem."""
    table = read_table(path, PolicyEvent, unique=("event_id",))
    return PolicyData(tuple(sorted(table.records, key=lambda e: (e.date, e.row)))), table.problems


# --- dates ----------------------------------------------------------------------------------


def period_end(day: date, precision: str) -> date:
    """The last day a date of this precision may stand for (``day`` itself for ``day``)."""
    if precision == "month":
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return day.replace(month=12, day=31)
    return day
