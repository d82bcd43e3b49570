"""Map building: a pure, deterministic function from data and filters to a ``folium.Map``.

Same input → byte-identical HTML (element ids are assigned in order, not at random), so
Streamlit does not rebuild or remount the map needlessly. Nothing here touches Streamlit.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import folium
from branca.element import Element
from folium.plugins import Fullscreen

from dashboard import escaping
from dashboard.assets import IFRAME_BASE, use_local_assets
from dashboard.dataset import LocatedHotspot
from dashboard.geocoding.gazetteer import Bounds, bounds_of, haiti_bounds
from dashboard.incident_layer import IncidentCluster
from dashboard.legend import Legend, legend_html
from dashboard.overlay import BriefingText, MapStyle, MapText, source_html, title_html
from dashboard.styles import TypeStyle, marker_svg

#: Leaflet's controls at the same compact size as the legend (Streamlit's theme stops at the iframe).
MAP_CSS = """
.leaflet-container { font: 12px/1.45 system-ui, sans-serif; }
.leaflet-control-layers-expanded { padding: 6px 9px; }
.leaflet-control-layers label { margin: 1px 0; }
.leaflet-control-attribution, .leaflet-control-scale-line { font-size: 11px; }
.hotspot-marker { background: transparent; border: 0; }
.hotspot-highlight svg { filter: drop-shadow(0 0 4px #000); }
.hotspot-legend svg { width: 1.15em; height: 1.15em; flex: none; }
"""

#: Briefing maps: text grows with the map's width (the iframe's vw), within readable bounds.
BRIEF_CSS = """
.leaflet-container { font-size: clamp(13px, 1.05vw, 21px); }
.leaflet-control-attribution, .leaflet-control-scale-line { font-size: .8em; }
.leaflet-control-scale-line { font-size: .85em; }
.leaflet-tooltip.hotspot-label { font-size: .8em;
  padding: 1px 5px; opacity: .92 !important; box-shadow: none; border-color: #bbb; }
"""


@dataclass(frozen=True)
class Basemap:
    id: str
    label: str
    url: str
    attribution: str
    max_zoom: int = 19


#: Tile layers (they need the internet, in the user's browser only).
BASEMAPS: dict[str, Basemap] = {
    b.id: b
    for b in (
        Basemap(
            "street",
            "Street (OpenStreetMap)",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
        ),
        Basemap(
            "light",
            "Light (CARTO Positron)",
            "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
            '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors '
            '&copy; <a href="https://carto.com/attributions">CARTO</a>',
            20,
        ),
        Basemap(
            "satellite",
            "Satellite (Esri World Imagery)",
            "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
            "Tiles &copy; Esri &mdash; Source: Esri, Maxar, Earthstar Geographics, "
            "and the GIS User Community",
        ),
    )
}

#: Ids of the extents :func:`extent_bounds` knows.
EXTENTS = {
    "fit": "Fit to the hotspots",
    "pap": "Port-au-Prince area (Ouest)",
    "artibonite": "Artibonite",
    "haiti": "All Haiti",
}
_EXTENT_DEPARTMENT = {"pap": "Ouest", "artibonite": "Artibonite"}
#: Smallest box edge (degrees, ≈ 2 km) so a single point is not fitted at street level.
_MIN_SPAN = 0.02


def _padded(bounds: Bounds) -> Bounds:
    lat_pad = max(0.0, (_MIN_SPAN - (bounds.north - bounds.south)) / 2)
    lon_pad = max(0.0, (_MIN_SPAN - (bounds.east - bounds.west)) / 2)
    return Bounds(bounds.south - lat_pad, bounds.west - lon_pad,
                  bounds.north + lat_pad, bounds.east + lon_pad)


def extent_bounds(
    extent: str, *, shown: Sequence[LocatedHotspot], every: Sequence[LocatedHotspot]
) -> Bounds:
    """The box to fit for ``extent`` (a key of :data:`EXTENTS`).

    "fit" frames the shown hotspots; "pap" and "artibonite" frame every hotspot of that
    department (whatever the filters); "haiti" is the whole country. Boxes come from the data.
    """
    if extent == "haiti":
        return haiti_bounds()
    if extent in _EXTENT_DEPARTMENT:
        pool = [i for i in every if i.hotspot.department == _EXTENT_DEPARTMENT[extent]]
    else:
        pool = list(shown)
    points = [i.location for i in pool if i.location is not None]
    if not points:
        return haiti_bounds()
    return _padded(bounds_of(points, margin=0.01))


def popup_html(item: LocatedHotspot, style: TypeStyle, *, spread: bool = False) -> str:
    """The popup: what the place is, where, where the coordinate came from, and the source."""
    spot, geo, t = item.hotspot, item.geocode, escaping.text
    lines = [
        '<div class="hotspot-popup" style="font:13px/1.4 system-ui,sans-serif;min-width:240px">',
        f'<div style="font-weight:700;font-size:14px">{t(spot.canonical_name)}</div>',
        f'<div style="color:#555">as written in the source: &ldquo;{t(spot.source_name)}&rdquo;</div>',
        f'<div style="margin:4px 0">{marker_svg(style, size=12)} {t(style.label)}</div>',
        f"<div><b>Where:</b> {t(spot.commune)}, {t(spot.department)} department</div>",
        *([f'<div style="color:#8a4b00">{t(spot.location_note)}</div>'] if spot.location_note else []),
        f'<div style="margin:4px 0">{t(spot.description)}</div>',
    ]
    if geo is not None:
        shared = (
            "<br><i>Other hotspots share this point: the marker is drawn beside it, "
            "a dotted line leads to the point.</i>" if spread else ""
        )
        evidence = escaping.link(geo.evidence_url, f"{geo.evidence_kind} {geo.evidence_id}")
        lines += [
            '<div style="margin-top:6px;border-top:1px solid #ddd;padding-top:4px">'
            f"<b>Coordinate:</b> {geo.lat:.5f}, {geo.lon:.5f} (lat, lon)"
            f"{shared}</div>",
            f"<div>{t(geo.method)} &middot; precision: {t(geo.precision)} &middot; "
            f"confidence: <b>{t(geo.confidence)}</b></div>",
            f"<div>Evidence: {evidence} (retrieved {t(geo.retrieved.isoformat())})</div>",
        ]
        if geo.note:
            lines.append(f'<div style="color:#555">{t(geo.note)}</div>')
    source = escaping.link(spot.source_url, spot.source_title)
    lines += [
        '<div style="margin-top:6px;border-top:1px solid #ddd;padding-top:4px">'
        f"<b>Source:</b> {source} &mdash; {t(spot.source_publisher)}, "
        f"{t(spot.source_date.isoformat())}</div>",
    ]
    if spot.source_note:
        lines.append(f'<div style="color:#555">{t(spot.source_note)}</div>')
    lines.append("</div>")
    return "".join(lines)


def layer_name(style: TypeStyle, count: int) -> str:
    """The layer-control label: symbol, escaped label, count (Leaflet inserts it as HTML)."""
    return (
        f'<span class="layer-type" data-type="{escaping.text(style.id)}">'
        f"{marker_svg(style, size=12)} {escaping.text(style.label)} ({count})</span>"
    )


#: Radius (degrees of latitude, ≈ 330 m) of the ring that hotspots sharing one point are
#: spread on, so none hides another; a thin line leads back to the true point.
SPREAD_RADIUS = 0.003


def display_positions(placed: Sequence[LocatedHotspot]) -> dict[str, tuple[float, float]]:
    """Where each marker is drawn: its true (lat, lon), or a ring position around it when
    several hotspots share the same point (deterministic: ring order is the input order)."""
    groups: dict[tuple[float, float], list[LocatedHotspot]] = {}
    for item in placed:
        lat, lon = item.location
        groups.setdefault((round(lat, 6), round(lon, 6)), []).append(item)
    positions = {}
    for (lat, lon), members in groups.items():
        if len(members) == 1:
            positions[members[0].hotspot.id] = (lat, lon)
            continue
        for index, item in enumerate(members):
            angle = 2 * math.pi * index / len(members)
            positions[item.hotspot.id] = (
                round(lat + SPREAD_RADIUS * math.cos(angle), 6),
                round(lon + SPREAD_RADIUS * math.sin(angle) / math.cos(math.radians(lat)), 6),
            )
    return positions


def permanent_labels(
    placed: Sequence[LocatedHotspot], bounds: Bounds
) -> dict[str, tuple[str, str]]:
    """Briefing labels: hotspot id → (label HTML, "left" | "right").

    Hotspots closer together than 2 % of the map's width share one label (on the first of
    them) listing every name, instead of a pile of overlapping labels. Labels go right of their
    marker: Leaflet places left-hand labels by a width it measures before streamlit-folium has
    loaded the stylesheets, so they land in the wrong place.
    """
    near = 0.02 * max(bounds.east - bounds.west, 0.01)
    groups: list[list[LocatedHotspot]] = []
    for item in placed:
        lat, lon = item.location
        for members in groups:
            first_lat, first_lon = members[0].location
            if abs(first_lat - lat) < near and abs(first_lon - lon) < near:
                members.append(item)
                break
        else:
            groups.append([item])
    labels = {}
    for members in groups:
        names = "<br>".join(escaping.text(m.hotspot.canonical_name) for m in members)
        labels[members[0].hotspot.id] = (names, "right")
    return labels


def _marker(
    item: LocatedHotspot, style: TypeStyle, position: tuple[float, float], *, highlighted: bool,
    size: int = 20, label: tuple[str, str] | None = None,
) -> folium.Marker:
    low = item.geocode is not None and item.geocode.is_low_confidence
    size = round(size * 1.7) if highlighted else size
    extra = " hotspot-highlight" if highlighted else ""
    icon = folium.DivIcon(
        html=marker_svg(style, size=size, low_confidence=low),
        icon_size=(size, size),
        icon_anchor=(size // 2, size // 2),
        class_name=f"hotspot-marker hotspot-type-{style.id}{extra}",
    )
    return folium.Marker(
        location=position,
        icon=icon,
        tooltip=folium.Tooltip(
            label[0] if label else escaping.text(item.hotspot.canonical_name), sticky=False,
            permanent=label is not None, direction=label[1] if label else "right",
            offset=(-(size // 2) if label and label[1] == "left" else size // 2, 0),
            class_name="hotspot-label" if label is not None else "",
        ),
        popup=folium.Popup(popup_html(item, style, spread=position != item.location),
                           max_width=380),
    )


@dataclass
class MapParts:
    """A map split for in-place updates (streamlit-folium's ``feature_group_to_add``).

    ``base`` holds what does not change with the filters (tiles, legend, controls, extent,
    the incident layer); ``layers`` (one per type) and ``control`` are swapped inside the
    live map, which therefore keeps the user's pan and zoom and does not flicker.
    """

    base: folium.Map
    layers: list[folium.FeatureGroup]
    control: folium.LayerControl


def build_map(
    shown: Sequence[LocatedHotspot],
    styles: Mapping[str, TypeStyle],
    *,
    bounds: Bounds | None = None,
    basemap: str | None = "street",
    asset_base: str = IFRAME_BASE,
    height: str = "100%",
    highlight: str | None = None,
    overlay: BriefingText | None = None,
    labels: bool = False,
    incidents_json: str | None = None,
    incidents_url: str | None = None,
) -> folium.Map:
    """Build the complete hotspot map (one deterministic ``folium.Map``).

    Parameters
    ----------
    shown
        The hotspots to draw (already filtered); those without a coordinate are skipped.
    styles
        The style table (type id → style); one layer and one legend row per type.
    bounds
        The box to fit; default: the shown hotspots (or Haiti if none).
    basemap
        Key of :data:`BASEMAPS` shown first (the others are in the layer control), or None
        for no tiles at all (offline screenshots, tests).
    asset_base
        URL prefix of the local Leaflet files (see :mod:`dashboard.assets`).
    highlight
        Id of a hotspot to draw larger (e.g. the place of a selected deployment event).
    overlay
        Briefing text drawn on the map (title, as-of, filters, source line); also scales the
        map's text with its width so it reads at 1280×720 and at 1920×1080.
    labels
        Show every name next to its marker (briefing slides), not only on hover.
    incidents_json, incidents_url
        ``[[lat, lon, label], …]`` of incidents to cluster in a layer of their own, inline or
        as the URL of a JSON file (see :class:`~dashboard.incident_layer.IncidentCluster`).
    """
    parts = build_map_parts(
        shown, styles, bounds=bounds, basemap=basemap, asset_base=asset_base, height=height,
        highlight=highlight, overlay=overlay, labels=labels, incidents_json=incidents_json,
        incidents_url=incidents_url, legend_counts=True,
    )
    for layer in parts.layers:
        layer.add_to(parts.base)
    parts.control.add_to(parts.base)
    _assign_stable_ids(parts.base, prefix="")
    return parts.base


def build_map_parts(
    shown: Sequence[LocatedHotspot],
    styles: Mapping[str, TypeStyle],
    *,
    bounds: Bounds | None = None,
    basemap: str | None = "street",
    asset_base: str = IFRAME_BASE,
    height: str = "100%",
    highlight: str | None = None,
    overlay: BriefingText | None = None,
    labels: bool = False,
    incidents_json: str | None = None,
    incidents_url: str | None = None,
    legend_counts: bool = False,
) -> MapParts:
    """The map as :class:`MapParts` (same parameters as :func:`build_map`).

    With ``legend_counts=False`` the legend lists the types without counts, so the base map
    stays the same whatever the filters (counts are in the layer control's names instead).
    """
    placed = [item for item in shown if item.location is not None]
    if bounds is None:
        points = [item.location for item in placed]
        bounds = _padded(bounds_of(points, margin=0.01)) if points else haiti_bounds()
    counts = Counter(item.hotspot.type for item in placed)
    base = _base_map(styles, bounds=bounds, basemap=basemap, asset_base=asset_base, height=height,
                     overlay=overlay, legend_counts=counts if legend_counts else None,
                     incidents_json=incidents_json, incidents_url=incidents_url)
    layers = _type_layers(placed, styles, counts=counts, bounds=bounds, highlight=highlight,
                          labels=labels, marker_size=26 if overlay is not None else 20)
    for index, layer in enumerate(layers):
        _assign_stable_ids(layer, prefix=f"t{index}x")
    control = folium.LayerControl(collapsed=True, position="topright")
    return MapParts(base, layers, control)


def _base_map(
    styles: Mapping[str, TypeStyle], *, bounds: Bounds, basemap: str | None, asset_base: str,
    height: str, overlay: BriefingText | None, legend_counts: Mapping[str, int] | None,
    incidents_json: str | None, incidents_url: str | None,
) -> folium.Map:
    m = folium.Map(tiles=None, control_scale=True, height=height, zoom_control=True)
    if basemap is not None:
        for tile in sorted(BASEMAPS.values(), key=lambda b: b.id != basemap):
            folium.TileLayer(
                tiles=tile.url, attr=tile.attribution, name=tile.label,
                max_zoom=tile.max_zoom, overlay=False, control=True, show=tile.id == basemap,
            ).add_to(m)
    if incidents_json is not None or incidents_url is not None:
        IncidentCluster(incidents_json, rows_url=incidents_url, name="Incidents (ACLED export)").add_to(m)
    Legend(legend_html(styles, legend_counts)).add_to(m)
    MapStyle(MAP_CSS).add_to(m)
    if overlay is not None:
        MapText(title_html(overlay), position="topleft", css_class="briefing-title-control").add_to(m)
        MapText(source_html(overlay), position="bottomleft", css_class="briefing-source-control").add_to(m)
        MapStyle(BRIEF_CSS).add_to(m)
    Fullscreen(position="topleft", title="Full screen", title_cancel="Exit full screen").add_to(m)
    # Keep markers clear of the legend (bottom right) and the zoom buttons (top left).
    if overlay is None:
        m.fit_bounds(bounds.as_folium(), padding_top_left=(50, 30), padding_bottom_right=(250, 150))
    else:  # the briefing title (top left), legend and source line (bottom) take more room
        m.fit_bounds(bounds.as_folium(), padding_top_left=(60, 150), padding_bottom_right=(420, 190))
    use_local_assets(m, base=asset_base)
    _assign_stable_ids(m, prefix="")
    return m


def _type_layers(
    placed: Sequence[LocatedHotspot], styles: Mapping[str, TypeStyle], *, counts: Mapping[str, int],
    bounds: Bounds, highlight: str | None, labels: bool, marker_size: int,
) -> list[folium.FeatureGroup]:
    positions = display_positions(placed)
    label_texts = permanent_labels(placed, bounds) if labels else {}
    layers = []
    for style in styles.values():
        group = folium.FeatureGroup(name=layer_name(style, counts.get(style.id, 0)), show=True)
        for item in placed:
            if item.hotspot.type != style.id:
                continue
            position = positions[item.hotspot.id]
            if position != item.location:
                folium.PolyLine(
                    [position, item.location], color="#444444", weight=1, opacity=0.8,
                    dash_array="2 3", interactive=False,
                ).add_to(group)
            _marker(item, style, position, highlighted=item.hotspot.id == highlight,
                    size=marker_size, label=label_texts.get(item.hotspot.id)).add_to(group)
        layers.append(group)
    return layers


def _assign_stable_ids(root, *, prefix: str) -> None:
    """Replace folium's random element ids by ids in tree order, for deterministic output."""
    counter = iter(range(1_000_000))

    def walk(element) -> None:
        children = list(element._children.values())
        for child in children:
            child._id = f"{prefix}{next(counter):04d}"
            walk(child)
            # Popups keep their content in side trees, outside ``_children``.
            for side in ("header", "html", "script"):
                subtree = getattr(child, side, None)
                if isinstance(subtree, Element) and subtree is not child:
                    walk(subtree)
        element._children.clear()
        element._children.update((child.get_name(), child) for child in children)

    if isinstance(root, folium.Map):
        root._id = "hotspots"
    walk(root)
