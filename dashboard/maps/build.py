"""Map building: a pure, deterministic function from data and filters to a ``folium.Map``.

Same input → byte-identical HTML (element ids are assigned in order, not at random, see
:mod:`dashboard.maps.ids`), so Streamlit does not rebuild or remount the map needlessly.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import folium
from branca.element import MacroElement
from folium.plugins import Fullscreen
from jinja2 import Template

from dashboard.data.geography import Bounds
from dashboard.data.styles import TypeStyle
from dashboard.maps.a11y import AccessibleMap, MapAccess
from dashboard.maps.assets import IFRAME_BASE, use_local_assets
from dashboard.maps.basemaps import Basemap
from dashboard.maps.extents import frame
from dashboard.maps.ids import assign_stable_ids
from dashboard.maps.incident_layer import IncidentScript, incident_group
from dashboard.maps.legend import Legend, legend_html
from dashboard.maps.markers import HotspotScript, hotspot_layer
from dashboard.maps.overlay import Attribution, BriefingText, MapStyle, MapText, source_html, title_html
from dashboard.maps.styles import BRIEF_CSS, MAP_CSS
from dashboard.model import LocatedHotspot
from dashboard.model.activity import HotspotActivity
from dashboard.model.incidents import CodedFilter
from dashboard.text.i18n import _


@dataclass
class MapParts:
    """A map split for in-place updates (streamlit-folium's ``feature_group_to_add``).

    ``base`` holds what does not change with the filters (tiles, legend, controls, extent,
    the incident layer); ``layers`` (the hotspot markers) are swapped inside the live map, which
    therefore keeps the user's pan and zoom and does not flicker.

    There is no in-map layer control: the sidebar is the one place that chooses types and the
    basemap, so the counts, the table, the exports and the link always agree with the map (a
    layer control hid markers without telling any of them).
    """

    base: folium.Map
    layers: list[folium.FeatureGroup]


@dataclass(frozen=True)
class MapOptions:
    """How to draw the map (the keyword arguments of :func:`build_map` and
    :func:`build_map_parts`).

    bounds
        The box to fit; default: the shown hotspots (or Haiti if none).
    basemap
        A :class:`~dashboard.maps.basemaps.Basemap` id shown first (the others are in the
        layer control); ``None`` or ``"none"``: no tiles at all (offline screenshots, tests).
    asset_base
        URL prefix of the local Leaflet files (see :mod:`dashboard.maps.assets`).
    highlight
        Id of a hotspot to draw larger (e.g. the place of a selected deployment event).
    overlay
        Briefing text drawn on the map (title, as-of, filters, source line); also scales the
        map's text with its width so it reads at 1280×720 and at 1920×1080.
    labels
        Show every name next to its marker (briefing slides), not only on hover.
    credits
        Text added to the map's attribution line (who the coordinates come from).
    incidents_json, incidents_url
        Every loaded incident (:func:`~dashboard.maps.incident_layer.incident_payload`), inline
        or as the URL of that JSON file; drawn when ``incident_filter`` is given too.
    publish_parts
        Popup pieces → URL of a JSON file holding them; the popups are then fetched when first
        opened instead of travelling in the map (see :func:`~dashboard.maps.markers.hotspot_layer`).
        ``None``: inline (standalone HTML, snapshots).
    incident_filter, incident_mode
        Which incidents to draw (:class:`~dashboard.model.incidents.CodedFilter`) and how
        (:class:`~dashboard.maps.incident_layer.IncidentMode` id), in a swappable layer.
    incident_credit
        The ACLED attribution line (with its access date), added to the map's attribution.
    activity
        Hotspot id → :class:`~dashboard.model.activity.HotspotActivity`, shown in the popups.
    """

    bounds: Bounds | None = None
    basemap: str | None = "street"
    asset_base: str = IFRAME_BASE
    height: str = "100%"
    highlight: str | None = None
    overlay: BriefingText | None = None
    labels: bool = False
    credits: str | None = None
    incidents_json: str | None = None
    incidents_url: str | None = None
    publish_parts: Callable[[list[str]], str] | None = None
    incident_filter: CodedFilter | None = None
    incident_mode: str = "clusters"
    incident_credit: str | None = None
    activity: Mapping[str, HotspotActivity] | None = None

    @property
    def with_incidents(self) -> bool:
        has_data = self.incidents_json is not None or self.incidents_url is not None
        return has_data and self.incident_filter is not None

    @property
    def tiles_first(self) -> Basemap | None:
        """The basemap shown first, or None for no tiles."""
        chosen = None if self.basemap is None else Basemap.parse(self.basemap)
        return None if chosen is Basemap.NONE else chosen


def build_map(shown: Sequence[LocatedHotspot], styles: Mapping[str, TypeStyle], **options) -> folium.Map:
    """Build the complete hotspot map (one deterministic ``folium.Map``).

    ``shown`` are the hotspots to draw (already filtered; those without a coordinate are
    skipped); ``styles`` the style table (one layer and one legend row per type);
    ``options`` the fields of :class:`MapOptions`.
    """
    parts = build_map_parts(shown, styles, legend_counts=True, **options)
    for layer in parts.layers:
        layer.add_to(parts.base)
    assign_stable_ids(parts.base, prefix="")
    return parts.base


def build_map_parts(
    shown: Sequence[LocatedHotspot],
    styles: Mapping[str, TypeStyle],
    *,
    legend_counts: bool = False,
    **options,
) -> MapParts:
    """The map as :class:`MapParts` (same parameters as :func:`build_map`).

    With ``legend_counts=False`` the legend lists the types without counts, so the base map
    stays the same whatever the filters (the page's counts row gives the numbers).
    """
    opts = MapOptions(**options)
    placed = [item for item in shown if item.location is not None]
    bounds = opts.bounds if opts.bounds is not None else frame(placed)
    counts = Counter(item.hotspot.type for item in placed)
    base = _base_map(styles, opts, bounds=bounds, legend_counts=counts if legend_counts else None)
    layer = hotspot_layer(
        placed,
        styles,
        bounds=bounds,
        highlight=opts.highlight,
        labels=opts.labels,
        marker_size=26 if opts.overlay is not None else 20,
        publish_parts=opts.publish_parts,
        activity=opts.activity,
    )
    assign_stable_ids(layer, prefix="h")
    layers = [layer]
    if opts.with_incidents:
        incidents = incident_group(opts.incident_filter, opts.incident_mode)
        assign_stable_ids(incidents, prefix="i")
        layers.insert(0, incidents)  # below the hotspot markers
    return MapParts(base, layers)


class FitView(MacroElement):
    """Fit the map to ``bounds`` clear of the legend (bottom right) and the buttons (top left);
    a narrow map (a phone, < 600 px) pads less, where the legend is folded (see MAP_CSS), so
    the hotspots fill the screen instead of a corner at zoom 7."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var narrow = map.getSize().x < 600;
            map.fitBounds({{ this.bounds }}, narrow
                ? {paddingTopLeft: [40, 20], paddingBottomRight: [20, 50]}
                : {paddingTopLeft: [50, 30], paddingBottomRight: [250, 150]});
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: Bounds):
        super().__init__()
        self._name = "FitView"
        self.bounds = json.dumps(bounds.as_folium())


def _base_map(
    styles: Mapping[str, TypeStyle],
    opts: MapOptions,
    *,
    bounds: Bounds,
    legend_counts: Mapping[str, int] | None,
) -> folium.Map:
    m = AccessibleMap(tiles=None, control_scale=True, height=opts.height, zoom_control=True)
    first = opts.tiles_first
    if first is not None:  # only the chosen basemap: the sidebar switches it (see MapParts)
        tiles = first.tiles
        folium.TileLayer(
            tiles=tiles.provider,
            attr=tiles.shown_attribution,
            name=first.label,
            max_zoom=tiles.max_zoom,
            overlay=False,
        ).add_to(m)
    HotspotScript().add_to(m)
    if opts.with_incidents:
        IncidentScript(payload=opts.incidents_json, url=opts.incidents_url).add_to(m)
    Legend(legend_html(styles, legend_counts, incidents=opts.with_incidents)).add_to(m)
    if opts.credits:
        Attribution(opts.credits).add_to(m)
    if opts.incident_credit:
        Attribution(opts.incident_credit).add_to(m)
    MapStyle(MAP_CSS).add_to(m)
    overlay = opts.overlay
    if overlay is not None:
        MapText(title_html(overlay), position="topleft", css_class="briefing-title-control").add_to(m)
        MapText(source_html(overlay), position="bottomleft", css_class="briefing-source-control").add_to(m)
        MapStyle(BRIEF_CSS).add_to(m)
    Fullscreen(position="topleft", title=_("Full screen"), title_cancel=_("Exit full screen")).add_to(m)
    MapAccess().add_to(m)
    # Keep markers clear of the legend (bottom right) and the zoom buttons (top left).
    if overlay is None:
        FitView(bounds).add_to(m)
    else:  # the briefing title (top left), legend and source line (bottom) take more room
        m.fit_bounds(bounds.as_folium(), padding_top_left=(60, 150), padding_bottom_right=(420, 190))
    use_local_assets(m, base=opts.asset_base)
    assign_stable_ids(m, prefix="")
    return m
