"""From any view (the permalink state) to its shown hotspots, words and map: shared by the
page, the HTML export and the PNG snapshot, so all three show the same thing for one link."""

from __future__ import annotations

from datetime import date

import folium

from dashboard.data.geography import Bounds
from dashboard.maps.assets import IFRAME_BASE, publish_popup_parts
from dashboard.maps.build import MapParts, build_map, build_map_parts
from dashboard.maps.extents import extent_bounds
from dashboard.maps.ids import assign_stable_ids
from dashboard.maps.labels import LAYOUT_CSS, BriefingLayout, LabelPoint
from dashboard.maps.overlay import BriefingText, MapStyle
from dashboard.model import Dataset, LocatedHotspot
from dashboard.views.filters import Filters, apply_filters
from dashboard.views.state import ViewState
from dashboard.views.vocabulary import Area, Basemap, Extent

TITLE = "Haiti security hotspots named by the MSS mission"


def filters_for(state: ViewState) -> Filters:
    """The filters a view applies to the hotspots."""
    return Filters(types=state.types, departments=Area.parse(state.area).departments, name_query=state.q)


def named_hotspots(dataset: Dataset, state: ViewState) -> list[LocatedHotspot]:
    """The hotspots the view's update names (or its date window's updates), before the other
    filters; every hotspot when the data has no updates."""
    if not dataset.updates:
        return list(dataset.located)
    ids = dataset.updates.places_of(dataset.updates.chosen(state.update, state.dates))
    return [item for item in dataset.located if item.hotspot.id in ids]


def shown_hotspots(dataset: Dataset, state: ViewState) -> list[LocatedHotspot]:
    """The hotspots a view shows, in data order (the one place the filters are applied)."""
    return apply_filters(named_hotspots(dataset, state), filters_for(state))


def as_of(dataset: Dataset, state: ViewState) -> date | None:
    """The date the view speaks for: its update's date (the newest of its window's updates),
    or the newest source date when the data has no updates."""
    if not dataset.updates:
        return dataset.as_of
    chosen = dataset.updates.chosen(state.update, state.dates)
    return max((u.date for u in chosen), default=None)


def updates_in_words(dataset: Dataset, state: ViewState) -> str:
    """E.g. "MSS update of 19 Nov 2024" or "4 MSS updates, 27 Aug – 7 Oct 2024"."""
    chosen = dataset.updates.chosen(state.update, state.dates)
    if not chosen:
        return "no MSS update in the chosen dates"
    if len(chosen) == 1:
        return f"MSS update of {chosen[0].date.strftime('%-d %b %Y')}"
    first, last = chosen[0].date, chosen[-1].date
    return f"{len(chosen)} MSS updates, {first.strftime('%-d %b %Y')} – {last.strftime('%-d %b %Y')}"


def filters_in_words(dataset: Dataset, state: ViewState, shown: int, *, in_frame: int | None = None) -> str:
    """E.g. "5 of 22 hotspots · area: Artibonite · types: Town / commune"; with ``in_frame``
    (the briefing picture) the count is of the hotspots in the frame: "17 of 22 hotspots in
    this view" when the extent leaves some of the shown ones out."""
    named = len(named_hotspots(dataset, state))
    framed = in_frame is not None and in_frame < shown
    count = in_frame if framed else shown
    parts = [f"{count} of {named} hotspots" + (" in this view" if framed else "")]
    area = Area.parse(state.area)
    if area is not Area.ALL:
        parts.append(f"area: {area.label}")
    if state.types is not None:
        labels = [dataset.styles[t].label for t in state.types if t in dataset.styles]
        parts.append("types: " + (", ".join(labels) or "none"))
    if state.q.strip():
        parts.append(f'name contains "{state.q.strip()}"')
    if len(parts) == 1 and not framed:
        parts[0] = f"All {named} hotspots"
    words = Extent.parse(state.extent).words
    if words:
        parts.append(f"view: {words}")
    return " · ".join(parts)


def briefing_text(
    dataset: Dataset, state: ViewState, shown: int, *, in_frame: int | None = None
) -> BriefingText:
    when = as_of(dataset, state)
    when_text = when.strftime("%-d %B %Y") if when else "unknown"
    what = updates_in_words(dataset, state) if dataset.updates else "MSS update"
    tiles = "" if state.basemap == Basemap.NONE else " Map data © OpenStreetMap contributors."
    return BriefingText(
        title=TITLE,
        as_of=f"{when_text} ({what})",
        filters=filters_in_words(dataset, state, shown, in_frame=in_frame),
        source=(
            "Source: MSS update of 19 Nov 2024 (post on X), as reported in “Kenyan-led Haiti "
            f"Mission Gives Update as US Advocates for UN Intervention”. {dataset.coordinate_credits} "
            "(evidence per point in the dashboard); dashed markers are approximate (a stand-in or a "
            f"single coarse source).{tiles}"
        ),
    )


def map_for_view(
    dataset: Dataset, state: ViewState, *, asset_base: str = IFRAME_BASE, overlay: bool | None = None
) -> folium.Map:
    """The map a view shows; ``overlay`` (default: in the briefing view) draws the briefing
    text on the map itself."""
    shown = shown_hotspots(dataset, state)
    bounds = extent_bounds(state.extent, shown=shown, every=named_hotspots(dataset, state))
    with_overlay = state.brief if overlay is None else overlay
    if not with_overlay:
        return build_map(
            shown,
            dataset.styles,
            bounds=bounds,
            basemap=state.basemap,
            asset_base=asset_base,
            highlight=state.hotspot,
            credits=dataset.coordinate_credits,
        )
    # The briefing picture draws (and counts, in its title and legend) what is in its frame.
    framed = in_frame(shown, bounds)
    m = build_map(
        framed,
        dataset.styles,
        bounds=bounds,
        basemap=state.basemap,
        asset_base=asset_base,
        highlight=state.hotspot,
        overlay=briefing_text(dataset, state, len(shown), in_frame=len(framed)),
        labels=False,  # placed by the layout script instead (no overlaps, numbered key)
        credits=dataset.coordinate_credits,
    )
    return with_briefing_layout(m, framed, bounds)


def in_frame(shown: list[LocatedHotspot], bounds: Bounds) -> list[LocatedHotspot]:
    """The ``shown`` hotspots inside ``bounds`` (the extent the briefing frame is fitted to)."""
    return [item for item in shown if item.location is not None and bounds.contains(*item.location)]


def with_briefing_layout(m: folium.Map, framed: list[LocatedHotspot], bounds: Bounds) -> folium.Map:
    """``m`` with the briefing layout script (labels, key, text sized to the map) added."""
    # Labels are placed around each hotspot's true point (markers that share a point are
    # spread by a few screen pixels only, see maps/markers.py).
    points = [LabelPoint(item.hotspot.id, item.hotspot.canonical_name, *item.location) for item in framed]
    MapStyle(LAYOUT_CSS).add_to(m)
    BriefingLayout(points, bounds).add_to(m)
    assign_stable_ids(m, prefix="")
    return m


def map_parts_for_view(
    shown: list[LocatedHotspot],
    dataset: Dataset,
    state: ViewState,
    *,
    fit: Bounds,
    incidents_url: str | None = None,
) -> MapParts:
    """The interactive page's map of the ``shown`` hotspots, split so that filters update it
    in place; ``fit`` is the box the page chose to frame (it does not follow the filters, see
    :func:`dashboard.views.page.map_frame`)."""
    return build_map_parts(
        shown,
        dataset.styles,
        bounds=fit,
        basemap=state.basemap,
        highlight=state.hotspot,
        incidents_url=incidents_url,
        credits=dataset.coordinate_credits,
        # The page fetches popups on first open (a smaller map payload on every render).
        publish_parts=publish_popup_parts,
    )
