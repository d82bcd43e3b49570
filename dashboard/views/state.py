"""The view state: everything that defines a view, with the ids of the view vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from dashboard.model.activity import DEFAULT_RADIUS_KM
from dashboard.views.vocabulary import Area, Basemap, Extent, IncidentMode, Language, Panel, Size, View


@dataclass(frozen=True)
class ViewState:
    """Everything that defines a view. ``types=None`` means every type."""

    view: str = View.FULL
    types: tuple[str, ...] | None = None
    area: str = Area.ALL
    q: str = ""
    extent: str = Extent.FIT
    basemap: str = Basemap.STREET
    hotspot: str | None = None
    panel: str = Panel.MAP
    dates: tuple[date, date] | None = None
    size: str = Size.HD
    #: An update id, ``all`` (every update within ``dates``) or None (the data's default update).
    update: str | None = None
    #: Incidents: ACLED event types and sub-event types shown (None: every one), an actor search,
    #: how they are drawn (an :class:`~dashboard.views.vocabulary.IncidentMode` id) and the
    #: radius (km) of the activity counted around each hotspot. ``dates`` filters them too.
    event_types: tuple[str, ...] | None = None
    sub_types: tuple[str, ...] | None = None
    actor: str = ""
    incidents: str = IncidentMode.CLUSTERS
    radius_km: float = DEFAULT_RADIUS_KM
    #: The language of every word shown (an id of :class:`~dashboard.views.vocabulary.Language`).
    lang: str = Language.EN

    @property
    def brief(self) -> bool:
        return self.view == View.BRIEF

    @property
    def size_px(self) -> tuple[int, int]:
        """(width, height) of the briefing map in CSS pixels."""
        width, height = self.size.split("x")
        return int(width), int(height)


def defaults_for(view: str) -> ViewState:
    """The defaults: the briefing view starts on the light basemap (slides print better)."""
    brief = view == View.BRIEF
    return ViewState(
        view=View.BRIEF if brief else View.FULL, basemap=Basemap.LIGHT if brief else Basemap.STREET
    )


def briefing_of(state: ViewState) -> ViewState:
    """The briefing view of ``state``: the same settings, on the light basemap when it was on
    the street one (slides print better)."""
    basemap = Basemap.LIGHT if state.basemap == Basemap.STREET else state.basemap
    return replace(state, view=View.BRIEF, basemap=basemap)
