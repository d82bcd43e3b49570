"""What the page shows, computed without Streamlit: counts, the map's frame, the highlight.

The page (:mod:`dashboard.ui.app`) only lays these values out in widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from dashboard.data.geography import DEPARTMENTS, Bounds
from dashboard.maps.extents import extent_bounds
from dashboard.model import LocatedHotspot
from dashboard.text.i18n import format_date
from dashboard.views.state import ViewState
from dashboard.views.vocabulary import Area, Extent


@dataclass(frozen=True)
class Count:
    """One metric of the counts row: its label and value."""

    label: str
    value: int


def department_counts(shown: Sequence[LocatedHotspot], every: Sequence[LocatedHotspot]) -> list[Count]:
    """Hotspots shown per department, for every department that has hotspots in the data:
    the departments of the area filter first (named by their area's label), then the others
    in IHSI order."""
    present = {item.hotspot.department for item in every}
    labels = {area.value: area.label for area in Area if area is not Area.ALL}
    order = [*labels, *(d for d in DEPARTMENTS if d not in labels)]
    return [
        Count(labels.get(department, department), sum(i.hotspot.department == department for i in shown))
        for department in order
        if department in present
    ]


def low_confidence_count(shown: Sequence[LocatedHotspot]) -> int:
    """How many shown hotspots are placed at commune or stand-in level."""
    return sum(1 for i in shown if i.geocode is not None and i.geocode.is_low_confidence)


@dataclass(frozen=True)
class Frame:
    """The box the interactive map is fitted to, and the settings it was chosen for: the
    extent, the area, the name search and the highlighted hotspot."""

    extent: str
    area: str
    bounds: Bounds
    q: str = ""
    hotspot: str | None = None


def map_frame(
    previous: Frame | None,
    state: ViewState,
    *,
    shown: Sequence[LocatedHotspot],
    every: Sequence[LocatedHotspot],
    zoom_to_shown: bool = False,
) -> Frame:
    """The refit decision: a new frame on the first run, when the extent or the area changes,
    or on "Zoom to shown hotspots" (which frames the shown hotspots); a new name search frames
    its results; otherwise the previous one, so that the type filter (which updates the map in
    place) keeps the user's pan and zoom. A newly highlighted hotspot outside the frame widens
    it, so the highlight is always in view."""
    query = state.q.strip()
    if zoom_to_shown:
        bounds = extent_bounds(Extent.FIT, shown=shown, every=every)
    elif previous is not None and (previous.extent, previous.area, previous.q) == (
        state.extent,
        state.area,
        query,
    ):
        bounds = previous.bounds
    elif query and shown:
        bounds = extent_bounds(Extent.FIT, shown=shown, every=every)
    else:
        bounds = extent_bounds(state.extent, shown=shown, every=every)
    new = _with_highlight(
        Frame(state.extent, state.area, bounds, q=query, hotspot=state.hotspot), previous, every
    )
    return previous if new == previous else new


def _with_highlight(new: Frame, previous: Frame | None, every: Sequence[LocatedHotspot]) -> Frame:
    """``new``, widened to take in its highlighted hotspot when it has just been chosen (or the
    frame is new) and lies outside; kept as is afterwards, so the user can pan away."""
    location = next((i.location for i in every if i.hotspot.id == new.hotspot and i.location), None)
    changed = previous is None or previous.hotspot != new.hotspot or previous.bounds != new.bounds
    if location is None or not changed or new.bounds.contains(*location):
        return new
    box = new.bounds
    lat, lon = location
    margin = 0.02
    wider = Bounds(
        min(box.south, lat - margin),
        min(box.west, lon - margin),
        max(box.north, lat + margin),
        max(box.east, lon + margin),
    )
    return replace(new, bounds=wider)


def picked_highlight(previous_pick: str | None, pick: str | None, current: str | None) -> str | None:
    """The highlighted hotspot after the deployments table's selection: a new pick (a
    selected event at a mapped place) replaces the sidebar's choice; otherwise it stays."""
    return pick if pick and pick != previous_pick else current


def as_of_text(dataset_as_of) -> str:
    """The date the hotspots are as of, for the page's caption ("19 Nov 2024", or "—"), in
    the active language."""
    return format_date(dataset_as_of, short=True) if dataset_as_of else "—"
