"""Personnel on the ground over time, the authorized-strength rules and the reported totals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.data.events import MOVEMENT_KINDS, DeploymentData, DeploymentEvent
from dashboard.text.i18n import N_, _, format_number

#: How a reference rule is labelled, by the actor of its ``authorized_strength`` row;
#: ``{n}`` is the personnel figure. The MSS figure was a planning figure, not a ceiling.
REFERENCE_LABELS = {
    "MSS": N_("MSS planned strength {n}"),
    "GSF": N_("GSF ceiling {n} (Res. 2793)"),
}
DEFAULT_REFERENCE_LABEL = N_("{actor} authorized strength {n}")


@dataclass(frozen=True)
class ReferenceLine:
    """A horizontal rule on the strength chart: ``personnel`` people, from ``start`` to ``end``
    (``end`` is None while no later authorization supersedes it)."""

    label: str
    personnel: int
    start: date
    end: date | None
    event: DeploymentEvent


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
        label = _(template).format(n=format_number(event.personnel or 0), actor=event.actor)
        following = rows[index + 1].date if index + 1 < len(rows) else None
        lines.append(ReferenceLine(label, event.personnel or 0, event.date, following, event))
    return lines


def strength_reports(data: DeploymentData) -> list[DeploymentEvent]:
    """The reported totals of the whole force (``strength_report`` rows)."""
    return [e for e in data.events if e.kind == "strength_report" and e.personnel is not None]


def casualties(data: DeploymentData) -> list[DeploymentEvent]:
    """The ``casualty`` rows (deaths, people missing), in date order."""
    return [e for e in data.events if e.kind == "casualty"]
