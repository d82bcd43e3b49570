"""The hotspot markers: where each is drawn (hotspots sharing a point go on a small ring),
briefing labels, and one layer per type."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import folium

from dashboard.data.geography import Bounds
from dashboard.data.styles import TypeStyle
from dashboard.maps.popup import popup_html
from dashboard.maps.styles import marker_svg
from dashboard.model import LocatedHotspot
from dashboard.text import escaping


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


def permanent_labels(placed: Sequence[LocatedHotspot], bounds: Bounds) -> dict[str, tuple[str, str]]:
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
    item: LocatedHotspot,
    style: TypeStyle,
    position: tuple[float, float],
    *,
    highlighted: bool,
    size: int = 20,
    label: tuple[str, str] | None = None,
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
            label[0] if label else escaping.text(item.hotspot.canonical_name),
            sticky=False,
            permanent=label is not None,
            direction=label[1] if label else "right",
            offset=(-(size // 2) if label and label[1] == "left" else size // 2, 0),
            class_name="hotspot-label" if label is not None else "",
        ),
        popup=folium.Popup(popup_html(item, style, spread=position != item.location), max_width=380),
    )


def type_layers(
    placed: Sequence[LocatedHotspot],
    styles: Mapping[str, TypeStyle],
    *,
    counts: Mapping[str, int],
    bounds: Bounds,
    highlight: str | None,
    labels: bool,
    marker_size: int,
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
                    [position, item.location],
                    color="#444444",
                    weight=1,
                    opacity=0.8,
                    dash_array="2 3",
                    interactive=False,
                ).add_to(group)
            _marker(
                item,
                style,
                position,
                highlighted=item.hotspot.id == highlight,
                size=marker_size,
                label=label_texts.get(item.hotspot.id),
            ).add_to(group)
        layers.append(group)
    return layers
