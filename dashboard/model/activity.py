"""Activity around each hotspot: incidents and fatalities within R km, and their trend.

Distances are great-circle (haversine, mean Earth radius), computed once per data load for
every (hotspot, incident) pair within :data:`MAX_RADIUS_KM` (:func:`proximity`); a new period or
radius is then a mask over those pairs, so it costs milliseconds even for 200,000 incidents.

**Counting.** An incident counts for *every* hotspot within R km of it: the per-hotspot figures
answer "what happens around this place", so two hotspots 600 m apart share the incidents
between them and the column totals can exceed the number of incidents (the page says so).

**Trend.** The chosen period [start, end] (inclusive days) is compared with the preceding
period of equal length. ``change_pct`` = (now − before) / before × 100, empty when there was
nothing before. A hotspot is flagged ``rising`` when events rose by more than 25 %
(:data:`RISE_THRESHOLD_PCT`, the threshold ACLED's Conflict Index / trend notes use), or went
from none to some.

Coordinates are (lat, lon) in WGS84 degrees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from dashboard.data.geography import distances_km

MAX_RADIUS_KM = 5.0
RADIUS_CHOICES_KM = (0.5, 1.0, 2.0, 3.0, 5.0)
DEFAULT_RADIUS_KM = 1.0
RISE_THRESHOLD_PCT = 25.0
ACTIVITY_COLUMNS = (
    "hotspot_id",
    "incidents",
    "fatalities",
    "previous_incidents",
    "previous_fatalities",
    "change_pct",
    "rising",
)


@dataclass(frozen=True)
class Proximity:
    """For each hotspot id: positions (row numbers of the incident frame) of the incidents
    within ``max_km``, and their distances in km."""

    rows: Mapping[str, np.ndarray]
    distances: Mapping[str, np.ndarray]
    max_km: float


def proximity(
    incidents: pd.DataFrame, points: Mapping[str, tuple[float, float]], *, max_km: float = MAX_RADIUS_KM
) -> Proximity:
    """Pairs (hotspot, incident) closer than ``max_km``; ``points`` maps id → (lat, lon)."""
    lats, lons = incidents["lat"].to_numpy(float), incidents["lon"].to_numpy(float)
    # a cheap box test first: 1° of latitude ≥ 110 km; longitude degrees shrink with cos(lat)
    rows, distances = {}, {}
    for hotspot_id, (lat, lon) in points.items():
        dlat, dlon = max_km / 110.0, max_km / (110.0 * max(np.cos(np.radians(lat)), 0.1))
        candidates = np.flatnonzero((np.abs(lats - lat) <= dlat) & (np.abs(lons - lon) <= dlon))
        d = distances_km(lat, lon, lats[candidates], lons[candidates])
        keep = d <= max_km
        rows[hotspot_id], distances[hotspot_id] = candidates[keep], d[keep]
    return Proximity(rows, distances, max_km)


def _period_mask(dates: np.ndarray, start: date, end: date) -> np.ndarray:
    low, high = np.datetime64(start, "D"), np.datetime64(end + timedelta(days=1), "D")
    return (dates >= low) & (dates < high)


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of equal length (days, inclusive) just before [start, end]."""
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)


def activity(
    incidents: pd.DataFrame,
    near: Proximity,
    *,
    radius_km: float,
    start: date,
    end: date,
    keep: np.ndarray | None = None,
    covered_from: date | None = None,
) -> pd.DataFrame:
    """One row per hotspot (in ``near``'s order): events and fatalities within ``radius_km`` in
    [start, end] and in the preceding equal period, ``change_pct`` and the ``rising`` flag.
    ``keep``: a boolean mask over the incident rows (e.g. event types, an actor); None: all.
    ``covered_from``: the first day the data cover; when the preceding period starts before
    it, there is nothing to compare with (no data is not "no events"): ``change_pct`` is
    empty and no hotspot is flagged."""
    if radius_km > near.max_km:
        raise ValueError(f"radius {radius_km} km is beyond the precomputed {near.max_km} km")
    dates = incidents["date"].to_numpy("datetime64[D]")
    deaths = incidents["fatalities"].to_numpy(int)
    now, before = _period_mask(dates, start, end), _period_mask(dates, *previous_period(start, end))
    if keep is not None:
        now, before = now & keep, before & keep
    records = []
    for hotspot_id, rows in near.rows.items():
        close = rows[near.distances[hotspot_id] <= radius_km]
        cur, prev = now[close], before[close]
        records.append(
            (
                hotspot_id,
                int(cur.sum()),
                int(deaths[close][cur].sum()),
                int(prev.sum()),
                int(deaths[close][prev].sum()),
            )
        )
    frame = pd.DataFrame.from_records(records, columns=list(ACTIVITY_COLUMNS[:5]))
    previous = frame["previous_incidents"].replace(0, np.nan)
    frame["change_pct"] = ((frame["incidents"] - frame["previous_incidents"]) / previous * 100).round(1)
    frame["rising"] = rising(frame["incidents"], frame["previous_incidents"])
    if covered_from is not None and previous_period(start, end)[0] < covered_from:
        frame["change_pct"] = np.nan
        frame["rising"] = False
    return frame


def rising(now: pd.Series, before: pd.Series) -> pd.Series:
    """True where events rose by more than :data:`RISE_THRESHOLD_PCT` %, or from none to some."""
    return (now * 100 > before * (100 + RISE_THRESHOLD_PCT)) & (now > 0)


def monthly(
    incidents: pd.DataFrame,
    near: Proximity,
    hotspot_id: str,
    *,
    radius_km: float,
    start: date,
    end: date,
    keep: np.ndarray | None = None,
) -> pd.Series:
    """Events per calendar month within ``radius_km`` of one hotspot, every month of the period
    present (zeros included), indexed by the month's first day (``keep`` as in :func:`activity`)."""
    window = _Months(incidents, start, end, keep)
    counts = window.counts(near.rows[hotspot_id][near.distances[hotspot_id] <= radius_km])
    return pd.Series(counts.tolist(), index=window.firsts)


class _Months:
    """Counting incidents per calendar month of [start, end] (vectorised, for many hotspots)."""

    def __init__(self, incidents: pd.DataFrame, start: date, end: date, keep: np.ndarray | None):
        dates = incidents["date"].to_numpy("datetime64[D]")
        self.inside = (
            _period_mask(dates, start, end) if keep is None else _period_mask(dates, start, end) & keep
        )
        self.month = dates.astype("datetime64[M]").astype(np.int64)  # months since Jan 1970
        self.first = (start.year - 1970) * 12 + start.month - 1
        self.size = (end.year - 1970) * 12 + end.month - 1 - self.first + 1
        self.firsts = [
            date(1970 + (self.first + i) // 12, (self.first + i) % 12 + 1, 1) for i in range(self.size)
        ]

    def counts(self, rows: np.ndarray) -> np.ndarray:
        chosen = rows[self.inside[rows]]
        return np.bincount(self.month[chosen] - self.first, minlength=self.size)


#: The popup's sparkline shows at least this many months (ending with the period).
SPARKLINE_MONTHS = 12


def sparkline_start(start: date, end: date) -> date:
    """The first day of the sparkline: the preceding period's start, or :data:`SPARKLINE_MONTHS`
    months before the end when that is earlier (a short period still shows its context)."""
    month_index = end.year * 12 + end.month - 1 - (SPARKLINE_MONTHS - 1)
    context = date(month_index // 12, month_index % 12 + 1, 1)
    return min(previous_period(start, end)[0], context)


@dataclass(frozen=True)
class HotspotActivity:
    """One hotspot's activity for its popup: the counts of :func:`activity` and the events per
    month of the period (oldest first)."""

    incidents: int
    fatalities: int
    previous_incidents: int
    change_pct: float | None
    rising: bool
    #: Events per calendar month from :func:`sparkline_start` to ``end`` (the period and before).
    months: tuple[int, ...]
    radius_km: float
    start: date
    end: date
    #: False when the preceding period starts before the data do (no change, no flag).
    comparable: bool = True

    @property
    def months_before(self) -> int:
        """How many of ``months`` lie before the month the period starts in."""
        first = sparkline_start(self.start, self.end)
        return (self.start.year - first.year) * 12 + self.start.month - first.month


def hotspot_activity(
    incidents: pd.DataFrame,
    near: Proximity,
    *,
    radius_km: float,
    start: date,
    end: date,
    keep: np.ndarray | None = None,
    covered_from: date | None = None,
) -> dict[str, HotspotActivity]:
    """:class:`HotspotActivity` of every hotspot in ``near`` (arguments as in :func:`activity`;
    ``comparable`` says whether the preceding period lies within ``covered_from``);
    its months run from :func:`sparkline_start` to ``end``."""
    comparable = covered_from is None or previous_period(start, end)[0] >= covered_from
    months_of = _Months(incidents, sparkline_start(start, end), end, keep)
    table = activity(
        incidents, near, radius_km=radius_km, start=start, end=end, keep=keep, covered_from=covered_from
    )
    result = {}
    for row in table.itertuples(index=False):
        hotspot = row.hotspot_id
        months = months_of.counts(near.rows[hotspot][near.distances[hotspot] <= radius_km])
        result[row.hotspot_id] = HotspotActivity(
            int(row.incidents),
            int(row.fatalities),
            int(row.previous_incidents),
            None if pd.isna(row.change_pct) else float(row.change_pct),
            bool(row.rising),
            tuple(int(v) for v in months),
            radius_km,
            start,
            end,
            comparable,
        )
    return result
