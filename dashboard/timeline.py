"""The deployments and policy timelines: records, loaders, filters and the strength series.

Two files, read with :func:`dashboard.tables.read_table` (so a bad row is left out and
described as ``file:row: field: message`` while the rest loads):

* ``deployments.csv``: arrivals, departures, strength reports, casualties… of the MSS and
  the Gang Suppression Force (GSF), one row per event;
* ``policy_events.csv``: resolutions, drafts, requests, statements, court rulings, funding…

Pure logic only: nothing here imports Streamlit (see :mod:`dashboard.panels`).
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, ClassVar, Protocol, TypeVar

import pandas as pd
from pydantic import field_validator, model_validator

from dashboard.tables import (
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

DEPLOYMENTS_FILE = "deployments.csv"
POLICY_FILE = "policy_events.csv"

#: How exact ``event_date`` is. ``month`` dates fall on the 1st, ``year`` dates on 1 January.
PRECISIONS = ("day", "month", "year")

#: The only sources that are not http(s) URLs: stored copies of articles that have no URL,
#: and how to name them on the page.
SEED_SOURCES = {
    "seed:mss_update_2024-11-19": "MSS update article, 19 Nov 2024 (no URL; stored copy)",
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

#: Kinds whose row may carry ``on_ground_change`` (people arriving in or leaving Haiti).
MOVEMENT_KINDS = ("arrival", "departure", "rotation")

#: Kinds whose row must carry ``personnel`` (the chart places them by it).
FIGURE_KINDS = ("authorized_strength", "strength_report")

#: How a reference rule is labelled, by the actor of its ``authorized_strength`` row;
#: ``{n}`` is the personnel figure. The MSS figure was a planning figure, not a ceiling.
REFERENCE_LABELS = {
    "MSS": "MSS planned strength {n:,}",
    "GSF": "GSF ceiling {n:,} (Res. 2793)",
}
DEFAULT_REFERENCE_LABEL = "{actor} authorized strength {n:,}"


# --- records --------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Event:
    """What every timeline row has: when (with its precision), who, what kind, what happened,
    its outcome, any conflict between sources, and the sources."""

    id: str
    date: date
    precision: str
    actor: str
    kind: str
    summary: str
    status: str
    conflict: str
    sources: tuple[str, ...]
    page_date: str
    row: int

    @property
    def period_end(self) -> date:
        """The last day ``date`` may stand for, given its precision."""
        return period_end(self.date, self.precision)


@dataclass(frozen=True, kw_only=True)
class DeploymentEvent(Event):
    """One row of ``deployments.csv``. Personnel figures are numbers of people."""

    personnel: int | None
    on_ground_change: int | None
    location: str
    hotspot_id: str | None


@dataclass(frozen=True, kw_only=True)
class PolicyEvent(Event):
    """One row of ``policy_events.csv``."""

    title: str
    vote: str


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


@dataclass
class Timelines:
    """Both timelines and every problem found while loading them."""

    deployments: DeploymentData
    policy: PolicyData
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class ReferenceLine:
    """A horizontal rule on the strength chart: ``personnel`` people, from ``start`` to ``end``
    (``end`` is None while no later authorization supersedes it)."""

    label: str
    personnel: int
    start: date
    end: date | None
    event: DeploymentEvent


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


class EventRow(RowModel):
    """The columns both timelines share, in file order, and their checks."""

    #: Every ``event_id`` of the file starts with this.
    id_prefix: ClassVar[str] = ""

    event_id: str
    event_date: IsoDate
    date_precision: Precision
    actor: str

    @field_validator("event_id")
    @classmethod
    def _event_id(cls, value: str) -> str:
        return _check_event_id(cls.id_prefix, value)

    @model_validator(mode="after")
    def _date_fits_precision(self) -> EventRow:
        day, precision = self.event_date, self.date_precision
        if precision == "month" and day.day != 1:
            raise RowProblem("event_date", f"month-precision dates fall on the 1st: {day}")
        if precision == "year" and (day.month, day.day) != (1, 1):
            raise RowProblem("event_date", f"year-precision dates fall on 1 January: {day}")
        return self


class DeploymentRow(EventRow):
    """One row of ``deployments.csv``."""

    id_prefix: ClassVar[str] = "dep-"

    event_kind: DeploymentKind
    personnel: Count | None = None
    on_ground_change: SignedCount | None = None
    location: str = ""
    hotspot_id: HotspotId | None = None
    summary: str
    status: str = ""
    conflict: str = ""
    source_urls: Sources
    page_date: str = ""

    @model_validator(mode="after")
    def _movement_fits_kind(self) -> DeploymentRow:
        kind, change = self.event_kind, self.on_ground_change
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


class PolicyRow(EventRow):
    """One row of ``policy_events.csv``."""

    id_prefix: ClassVar[str] = "pol-"

    event_kind: PolicyKind
    title: str
    summary: str
    status: str = ""
    vote: str = ""
    conflict: str = ""
    source_urls: Sources
    page_date: str = ""


# --- loading --------------------------------------------------------------------------------


def _common(row: dict) -> dict:
    """The fields every event has, from a validated row."""
    return {
        "id": row["event_id"],
        "date": row["event_date"],
        "precision": row["date_precision"],
        "actor": row["actor"],
        "kind": row["event_kind"],
        "summary": row["summary"],
        "status": row["status"] or "",
        "conflict": row["conflict"] or "",
        "sources": row["source_urls"],
        "page_date": row["page_date"] or "",
        "row": row["_row"],
    }


def load_deployments(path: Path) -> tuple[DeploymentData, list[Problem]]:
    """Load ``deployments.csv``; rows that fail a check are left out with a problem."""
    table = read_table(path, DeploymentRow, unique=("event_id",))
    events = [
        DeploymentEvent(
            **_common(row),
            personnel=row["personnel"],
            on_ground_change=row["on_ground_change"],
            location=row["location"],
            hotspot_id=row["hotspot_id"],
        )
        for row in table.rows
    ]
    events.sort(key=lambda e: (e.date, e.row))
    return DeploymentData(tuple(events)), table.problems


def load_policy(path: Path) -> tuple[PolicyData, list[Problem]]:
    """Load ``policy_events.csv``; rows that fail a check are left out with a problem."""
    table = read_table(path, PolicyRow, unique=("event_id",))
    events = [
        PolicyEvent(**_common(row), title=row["title"], vote=row["vote"] or "")
        for row in table.rows
    ]
    events.sort(key=lambda e: (e.date, e.row))
    return PolicyData(tuple(events)), table.problems


def load_timelines(data_dir: Path) -> Timelines:
    """Load ``deployments.csv`` and ``policy_events.csv`` from ``data_dir``."""
    deployments, dep_problems = load_deployments(data_dir / DEPLOYMENTS_FILE)
    policy, pol_problems = load_policy(data_dir / POLICY_FILE)
    return Timelines(deployments, policy, [*dep_problems, *pol_problems])


def timeline_date_bounds(timelines: Timelines) -> tuple[date, date]:
    """The first and last event dates across both timelines (the last widened to the end of
    its month or year when imprecise); today twice when there are no events."""
    events = [*timelines.deployments.events, *timelines.policy.events]
    if not events:
        today = date.today()
        return today, today
    return min(e.date for e in events), max(e.period_end for e in events)


# --- dates and filters ----------------------------------------------------------------------


def period_end(day: date, precision: str) -> date:
    """The last day a date of this precision may stand for (``day`` itself for ``day``)."""
    if precision == "month":
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return day.replace(month=12, day=31)
    return day


def format_date(day: date, precision: str) -> str:
    """A date shown only as exactly as it is known: ``25 Jun 2024``, ``Jan 2025``, ``2025``."""
    if precision == "month":
        return f"{day:%b %Y}"
    if precision == "year":
        return f"{day:%Y}"
    return f"{day.day} {day:%b %Y}"


class _Event(Protocol):
    @property
    def date(self) -> date: ...
    @property
    def period_end(self) -> date: ...
    @property
    def actor(self) -> str: ...
    @property
    def kind(self) -> str: ...


E = TypeVar("E", bound=_Event)


def in_range(event: _Event, date_range: tuple[date, date]) -> bool:
    """Whether the event may fall in the range (inclusive). A month- or year-precision event
    is in it when its month or year overlaps the range."""
    start, end = date_range
    return event.date <= end and event.period_end >= start


def filter_events(
    events: Iterable[E],
    *,
    date_range: tuple[date, date] | None = None,
    actors: Collection[str] | None = None,
    kinds: Collection[str] | None = None,
) -> list[E]:
    """The events within ``date_range`` whose actor and kind are allowed, in their order.
    ``None`` means "no restriction"; an empty collection allows nothing."""
    return [
        event
        for event in events
        if (date_range is None or in_range(event, date_range))
        and (actors is None or event.actor in actors)
        and (kinds is None or event.kind in kinds)
    ]


# --- strength on the ground -----------------------------------------------------------------


def _movements(events: Iterable[DeploymentEvent]) -> list[DeploymentEvent]:
    return sorted(
        (e for e in events if e.on_ground_change is not None and e.kind in MOVEMENT_KINDS),
        key=lambda e: (e.date, e.row),
    )


def strength_on(events: Iterable[DeploymentEvent], day: date) -> dict[str, int]:
    """Personnel on the ground at the end of ``day``, by contributing country: the sum of the
    sourced ``on_ground_change`` values dated on or before it (people)."""
    totals: dict[str, int] = {}
    for event in _movements(events):
        if event.date > day:
            break
        totals[event.actor] = totals.get(event.actor, 0) + (event.on_ground_change or 0)
    return totals


def strength_series(
    events: Iterable[DeploymentEvent], *, date_range: tuple[date, date] | None = None
) -> pd.DataFrame:
    """Personnel on the ground by country as a step series, for a stacked chart.

    One row per (date, actor) with columns ``date`` (datetime64), ``actor`` and
    ``personnel`` (people, carried forward from the last change). Dates are every change
    date in the range plus the range's two ends, so every actor has a value at every date.
    """
    moves = _movements(events)
    if not moves:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "actor": [], "personnel": []})
    start, end = date_range or (moves[0].date, moves[-1].date)
    dates = sorted({start, end, *(e.date for e in moves if start <= e.date <= end)})
    actors = list(dict.fromkeys(e.actor for e in moves))
    rows = []
    for day in dates:
        totals = strength_on(moves, day)
        rows.extend({"date": day, "actor": a, "personnel": totals.get(a, 0)} for a in actors)
    frame = pd.DataFrame(rows)
    shown = frame.groupby("actor")["personnel"].transform(lambda s: s.abs().max() > 0)
    frame = frame[shown].reset_index(drop=True)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def reference_lines(data: DeploymentData) -> list[ReferenceLine]:
    """The ``authorized_strength`` rows as chart rules, each lasting until the next one."""
    rows = [e for e in data.events if e.kind == "authorized_strength" and e.personnel is not None]
    lines = []
    for index, event in enumerate(rows):
        template = REFERENCE_LABELS.get(event.actor, DEFAULT_REFERENCE_LABEL)
        label = template.format(n=event.personnel, actor=event.actor)
        following = rows[index + 1].date if index + 1 < len(rows) else None
        lines.append(ReferenceLine(label, event.personnel or 0, event.date, following, event))
    return lines


def strength_reports(data: DeploymentData) -> list[DeploymentEvent]:
    """The reported totals of the whole force (``strength_report`` rows)."""
    return [e for e in data.events if e.kind == "strength_report" and e.personnel is not None]


def casualties(data: DeploymentData) -> list[DeploymentEvent]:
    """The ``casualty`` rows (deaths, people missing), in date order."""
    return [e for e in data.events if e.kind == "casualty"]
