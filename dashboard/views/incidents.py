"""Incidents in a view: the loaded ACLED file prepared once per data load, then the view's
filter, period, activity per hotspot and map options (pure functions; the page caches
:func:`prepare`).

One date range: the view's ``dates`` (the sidebar's) filter the incidents and define the
period whose activity is counted; without ``dates`` the period is the whole date range.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from dashboard.data.acled import AcledImport, attribution
from dashboard.data.reader import Problem
from dashboard.model import LocatedHotspot
from dashboard.model.activity import (
    MAX_RADIUS_KM,
    HotspotActivity,
    Proximity,
    activity,
    hotspot_activity,
    proximity,
)
from dashboard.model.incidents import (
    CodedFilter,
    IncidentFilter,
    Vocabulary,
    attribute_mask,
    date_bounds,
    incident_mask,
)
from dashboard.views.state import ViewState


@dataclass
class IncidentData:
    """The loaded incidents with what every view reuses: their vocabulary, the hotspots within
    :data:`~dashboard.model.activity.MAX_RADIUS_KM` of each (haversine, once per load), the
    access date and the file's problems."""

    frame: pd.DataFrame
    vocabulary: Vocabulary
    near: Proximity
    accessed: date | None = None
    problems: list[Problem] = field(default_factory=list)
    #: The coded text columns (:meth:`Vocabulary.codes`), computed once.
    codes: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def credit(self) -> str:
        """The ACLED attribution line, with the access date."""
        return attribution(self.accessed)

    @property
    def bounds(self) -> tuple[date, date] | None:
        return date_bounds(self.frame)


def prepare(loaded: AcledImport, located: Sequence[LocatedHotspot]) -> IncidentData:
    """Vocabulary and proximity of ``loaded`` for the placed hotspots of ``located``."""
    points = {item.hotspot.id: item.location for item in located if item.location is not None}
    frame = loaded.frame
    vocabulary = Vocabulary.of(frame)
    return IncidentData(
        frame,
        vocabulary,
        proximity(frame, points, max_km=MAX_RADIUS_KM),
        loaded.accessed,
        list(loaded.problems),
        vocabulary.codes(frame),
    )


def joint_bounds(*ranges: tuple[date, date] | None) -> tuple[date, date] | None:
    """The smallest range covering every given one (the sidebar's date slider)."""
    given = [r for r in ranges if r is not None]
    if not given:
        return None
    return min(r[0] for r in given), max(r[1] for r in given)


def period_of(state: ViewState, data: IncidentData) -> tuple[date, date] | None:
    """The view's period: its dates, else the incidents' whole range. The change against the
    preceding period is only given when that period starts on or after the first incident
    (the file's coverage)."""
    return state.dates or data.bounds


def filter_of(state: ViewState, data: IncidentData) -> IncidentFilter:
    period = period_of(state, data)
    start, end = period if period else (None, None)
    return IncidentFilter(start, end, state.event_types, state.sub_types, state.actor)


def shown_count(state: ViewState, data: IncidentData) -> int:
    """How many incidents the view draws (the map layer applies the same filter)."""
    return int(incident_mask(data.frame, filter_of(state, data), data.vocabulary, data.codes).sum())


def _keep(state: ViewState, data: IncidentData) -> np.ndarray:
    return attribute_mask(data.frame, filter_of(state, data), data.vocabulary, data.codes)


def _period_arguments(state: ViewState, data: IncidentData) -> dict:
    """The keyword arguments the activity functions share: the view's period, radius (km),
    incident filter and the first day the data cover."""
    start, end = period_of(state, data)
    return {
        "radius_km": state.radius_km,
        "start": start,
        "end": end,
        "keep": _keep(state, data),
        "covered_from": data.bounds[0],
    }


def activity_table(state: ViewState, data: IncidentData) -> pd.DataFrame:
    """:func:`~dashboard.model.activity.activity` for the view (one row per placed hotspot)."""
    return activity(data.frame, data.near, **_period_arguments(state, data))


def popup_activity(state: ViewState, data: IncidentData) -> dict[str, HotspotActivity]:
    """Per hotspot: the counts and the monthly series its popup shows."""
    return hotspot_activity(data.frame, data.near, **_period_arguments(state, data))


def map_options(
    state: ViewState, data: IncidentData, *, url: str | None = None, payload: str | None = None
) -> dict:
    """The :class:`~dashboard.maps.build.MapOptions` fields that draw the view's incidents
    (given as a published ``url`` or an inline ``payload``), credit ACLED and add activity to
    the hotspot popups. Empty when no incident is loaded."""
    if not len(data) or period_of(state, data) is None:
        return {}
    return {
        "incidents_url": url,
        "incidents_json": payload,
        "incident_filter": CodedFilter.of(filter_of(state, data), data.vocabulary),
        "incident_mode": state.incidents,
        "incident_credit": data.credit,
        "activity": popup_activity(state, data),
    }
