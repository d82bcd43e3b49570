"""The hotspot markers: one compact layer per type, built in the browser from a JSON array.

Why not one ``folium.Marker`` per hotspot: each one costs ~1.5 kB of generated JavaScript (icon,
popup element, tooltip, their ids) on top of its popup, which made the map payload 4× a bare
map's. Here each type's layer is one call of a small function (defined once in the base map,
:data:`HOTSPOT_JS`) with the rows it needs: (lat, lon), a screen-pixel offset, flags, the
accessible name, the tooltip and the popup HTML (:func:`dashboard.maps.popup.popup_html`).

Hotspots that share a point (or lie within :data:`NEAR_M` of each other) are spread on a ring
in *screen pixels* around their true point, with a dotted leader line back to it: they stay
apart at every zoom, unlike a ring in degrees, which only separates at street level.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence

import folium
from branca.element import MacroElement
from jinja2 import Template

from dashboard.data.evidence import SOURCE_NAMES
from dashboard.data.geography import Bounds, distance_km
from dashboard.data.styles import TypeStyle
from dashboard.maps.popup import popup_html
from dashboard.maps.styles import marker_svg
from dashboard.model import LocatedHotspot
from dashboard.model.activity import HotspotActivity
from dashboard.text import escaping
from dashboard.text.i18n import _

#: Hotspots closer than this (metres) are spread as one group: at zoom 12 (the Port-au-Prince
#: extent) 250 m is ~7 screen pixels, less than half a marker.
NEAR_M = 250
#: Gap (screen pixels) kept between neighbouring markers of a ring.
RING_GAP_PX = 6
#: The highlighted hotspot is drawn this much larger, and above every other marker.
HIGHLIGHT_SCALE = 1.7


def _metres_apart(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular distance in metres between two (lat, lon): exact enough below 1 km."""
    dlat = (a[0] - b[0]) * 111_320
    dlon = (a[1] - b[1]) * 111_320 * math.cos(math.radians(a[0]))
    return math.hypot(dlat, dlon)


def spread_offsets(placed: Sequence[LocatedHotspot], *, size: int = 20) -> dict[str, tuple[int, int]]:
    """Hotspot id → (dx, dy): where its marker is drawn, in screen pixels (right, down) from its
    true point; (0, 0) for a hotspot alone. Hotspots within :data:`NEAR_M` of a group's first
    member join it and are spread on a ring (starting at the top, clockwise, in input order)
    whose radius keeps ``size``-pixel markers :data:`RING_GAP_PX` apart. Deterministic."""
    groups: list[list[LocatedHotspot]] = []
    for item in placed:
        for members in groups:
            if _metres_apart(members[0].location, item.location) < NEAR_M:
                members.append(item)
                break
        else:
            groups.append([item])
    offsets: dict[str, tuple[int, int]] = {}
    for members in groups:
        count = len(members)
        radius = 0 if count == 1 else math.ceil((size + RING_GAP_PX) / (2 * math.sin(math.pi / count)))
        for index, item in enumerate(members):
            angle = -math.pi / 2 + 2 * math.pi * index / count
            offsets[item.hotspot.id] = (round(radius * math.cos(angle)), round(radius * math.sin(angle)))
    return offsets


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


def accessible_name(item: LocatedHotspot, style: TypeStyle) -> str:
    """The marker's accessible name (plain text, set with ``setAttribute``): name, type, and
    "approximate location" when the point is only placed at commune or stand-in level."""
    low = item.geocode is not None and item.geocode.is_low_confidence
    return ", ".join(
        [item.hotspot.canonical_name, style.shown_label, *([_("approximate location")] if low else [])]
    )


#: Defined once in the base map; the hotspot layer calls it. Rows are built in Python
#: (:func:`_row`); HTML in them (tooltip, popup parts, icons) is already escaped for its context,
#: and the accessible name is set with ``setAttribute`` (plain text).
HOTSPOT_JS = """
window.addHotspots = function (group, layer) {
  layer.rows.forEach(function (r) {
    var s = r.h ? layer.big : layer.size, dx = r.dx, dy = r.dy, c = s / 2, type = layer.types[r.ty];
    var leader = (dx || dy) ? '<svg class="hotspot-leader" aria-hidden="true" width="' + s +
      '" height="' + s + '" style="position:absolute;left:0;top:0;overflow:visible;pointer-events:none">' +
      '<line x1="' + c + '" y1="' + c + '" x2="' + (c - dx) + '" y2="' + (c - dy) +
      '" stroke="#333" stroke-width="1.2" stroke-dasharray="2 2"/><circle cx="' + (c - dx) +
      '" cy="' + (c - dy) + '" r="2.5" fill="#333"/></svg>' : '';
    var icon = L.divIcon({
      html: leader + type.svg[(r.h ? 2 : 0) + r.l],
      className: 'hotspot-marker hotspot-type-' + r.ty + (r.h ? ' hotspot-highlight' : ''),
      iconSize: [s, s], iconAnchor: [c - dx, c - dy],
      tooltipAnchor: [dx, dy], popupAnchor: [dx, dy - c]
    });
    var marker = L.marker([r.lat, r.lon], {icon: icon, zIndexOffset: r.h ? 1000 : 0, keyboard: true});
    marker.on('add', function () { marker.getElement().setAttribute('aria-label', r.a); });
    marker.bindTooltip(r.t, r.lab
      ? {permanent: true, direction: r.lab, offset: [r.lab === 'left' ? -c : c, 0],
         className: 'hotspot-label'}
      : {direction: 'right', offset: [c, 0]});
    if (r.ev) { showSourcesWithPopup(group, marker, r, layer); }
    if (layer.parts) {
      marker.bindPopup(r.p.map(function (i) { return layer.parts[i]; }).join(''), {maxWidth: 380});
    } else {  // the pieces come from a published JSON file, fetched once on the first open
      marker.bindPopup('<div class="hotspot-popup" role="status">' + layer.words.loading + '</div>',
                       {maxWidth: 380});
      marker.on('popupopen', function () {
        window.hotspotParts(layer.partsUrl, layer.words.failed).then(function (parts) {
          marker.setPopupContent(r.p.map(function (i) { return parts[i]; }).join(''));
        });
      });
    }
    group.addLayer(marker);
  });
};
// While the pointer is on a hotspot or its popup is open: where each independent source puts
// it (small white dots, named on hover) and the circle round the true point that holds them all.
function showSourcesWithPopup(group, marker, r, layer) {
  var shown = null, hover = false, open = false;
  function update() {
    var map = group._map;
    if ((hover || open) && map && !shown) {
      shown = L.layerGroup([L.circle([r.lat, r.lon], {
        radius: r.reach, className: 'evidence-reach', color: '#333', weight: 1.2,
        dashArray: '4 3', fill: false, interactive: false})]);
      r.ev.forEach(function (p) {
        var dot = L.circleMarker([p[0], p[1]], {radius: 4, className: 'evidence-point',
          color: '#222', weight: 1.5, fillColor: '#fff', fillOpacity: 1});
        shown.addLayer(dot.bindTooltip(layer.words.source.replace('{name}', layer.kinds[p[2]])));
      });
      shown.addTo(map);
    } else if (!(hover || open) && shown) {
      shown.remove();
      shown = null;
    }
  }
  marker.on('mouseover', function () { hover = true; update(); });
  marker.on('mouseout', function () { hover = false; update(); });
  marker.on('popupopen', function () { open = true; update(); });
  marker.on('popupclose', function () { open = false; update(); });
}
window.hotspotParts = function (url, failed) {
  var cache = window.hotspotParts.cache = window.hotspotParts.cache || {};
  if (!cache[url]) {
    cache[url] = fetch(url).then(function (reply) {
      if (!reply.ok) { throw new Error(url + ': ' + reply.status); }
      return reply.json();
    }).catch(function (error) {
      delete cache[url];
      return ['<div class="hotspot-popup">' +
        failed.replace('{error}', String(error.message).replace(/[<&]/g, '')) + '</div>'];
    });
  }
  return cache[url];
};
"""


class HotspotScript(MacroElement):
    """:data:`HOTSPOT_JS` in the base map's script (before the hotspot layer's call)."""

    _template = Template("{% macro script(this, kwargs) %}" + HOTSPOT_JS + "{% endmacro %}")

    def __init__(self):
        super().__init__()
        self._name = "HotspotScript"


class HotspotMarkers(MacroElement):
    """The markers, added to the parent layer in the browser (see :data:`HOTSPOT_JS`)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "window.addHotspots({{ this._parent.get_name() }}, {{ this.data }});"
        "{% endmacro %}"
    )

    def __init__(self, data: dict):
        super().__init__()
        self._name = "HotspotMarkers"
        self.data = escaping.script_json_compact(data)


class _Parts:
    """Popup HTML cut before each ``<div`` and ``<li``, each distinct piece kept once: the
    popups repeat their wrapper, styles, the source block and list items of the updates that
    name them, which made them most of the payload. Rows hold the indices of their pieces."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self._index: dict[str, int] = {}

    def indices(self, html: str) -> list[int]:
        out = []
        for piece in re.split(r"(?=<div|<li)", html):
            if piece:
                if piece not in self._index:
                    self._index[piece] = len(self.pieces)
                    self.pieces.append(piece)
                out.append(self._index[piece])
        return out


def _row(
    item: LocatedHotspot,
    style: TypeStyle,
    offset: tuple[int, int],
    parts: _Parts,
    *,
    highlighted: bool,
    label: tuple[str, str] | None,
    activity: HotspotActivity | None = None,
    kinds: list[str],
) -> dict:
    """One marker for :data:`HOTSPOT_JS`: ``lat``/``lon`` the true point (degrees), ``dx``/``dy``
    the drawn offset (screen pixels), ``ty`` its type id, ``l`` low confidence (0/1), ``h``
    highlighted, ``a`` the accessible name (text), ``t`` the tooltip (HTML), ``lab`` the side
    of a permanent label ("left" / "right", 0 for none), ``p`` the popup (indices of its
    pieces), ``hotspot`` its id."""
    lat, lon = item.location
    low = item.geocode is not None and item.geocode.is_low_confidence
    return {
        "hotspot": item.hotspot.id,
        "ty": style.id,
        "lat": lat,
        "lon": lon,
        "dx": offset[0],
        "dy": offset[1],
        "l": int(low),
        "h": int(highlighted),
        "a": accessible_name(item, style),
        "t": label[0] if label else escaping.text(item.hotspot.canonical_name),
        "lab": label[1] if label else 0,
        "p": parts.indices(popup_html(item, style, spread=offset != (0, 0), activity=activity)),
        **_sources(item, kinds),
    }


def _sources(item: LocatedHotspot, kinds: list[str]) -> dict:
    """``ev`` and ``reach`` of a row (see :func:`_row`); nothing for fewer than two sources (the
    popup says "1 source"). ``kinds`` collects the kinds of source used, in order of use."""
    if len(item.sources) < 2:
        return {}
    for point in item.sources:
        if point.kind not in kinds:
            kinds.append(point.kind)
    points = [(round(p.lat, 5), round(p.lon, 5), kinds.index(p.kind)) for p in item.sources]
    reach_km = max(distance_km(item.location, (lat, lon)) for lat, lon, _kind in points)
    return {"ev": [list(point) for point in points], "reach": math.ceil(reach_km * 1000)}


def _sources_and_parts(
    kinds: list[str], pieces: list[str], publish_parts: Callable[[list[str]], str] | None
) -> dict:
    """The layer's ``kinds`` (names of the sources' kinds), its popup ``parts`` (or the
    ``partsUrl`` they are published at) and the ``words`` its script shows (HTML: escaped)."""
    data: dict = {}
    words: dict[str, str] = {}
    if kinds:
        data["kinds"] = [escaping.text(_(SOURCE_NAMES.get(kind, kind))) for kind in kinds]
        words["source"] = escaping.text(_("Source: {name}"))
    if publish_parts is None:
        data["parts"] = pieces
    else:
        data["partsUrl"] = publish_parts(pieces)
        words["loading"] = escaping.text(_("Loading…"))
        words["failed"] = escaping.text(_("The details could not be loaded ({error}); reload the page."))
    if words:
        data["words"] = words
    return data


def hotspot_layer(
    placed: Sequence[LocatedHotspot],
    styles: Mapping[str, TypeStyle],
    *,
    bounds: Bounds,
    highlight: str | None,
    labels: bool,
    marker_size: int,
    publish_parts: Callable[[list[str]], str] | None = None,
    activity: Mapping[str, HotspotActivity] | None = None,
) -> folium.FeatureGroup:
    """One layer holding every marker (drawn in data order; the highlighted one on top);
    ``activity`` (by hotspot id) adds the incidents around each to its popup.

    The popups' HTML pieces travel in the layer itself, or, with ``publish_parts`` (pieces →
    URL of a JSON file holding them), are fetched by the browser on the first popup opened:
    they were most of the page's map payload (62 of 72 kB for 22 hotspots), sent again on each
    map render though only one popup is ever read at a time."""
    offsets = spread_offsets(placed, size=marker_size)
    label_texts = permanent_labels(placed, bounds) if labels else {}
    big = round(marker_size * HIGHLIGHT_SCALE)
    parts = _Parts()
    kinds: list[str] = []
    rows = [
        _row(
            item,
            styles[item.hotspot.type],
            offsets[item.hotspot.id],
            parts,
            highlighted=item.hotspot.id == highlight,
            label=label_texts.get(item.hotspot.id),
            activity=(activity or {}).get(item.hotspot.id),
            kinds=kinds,
        )
        for item in placed
        if item.hotspot.type in styles
    ]
    used = {row["ty"] for row in rows}
    types = {
        style.id: {
            "svg": [
                marker_svg(style, size=size, low_confidence=low)
                for size in (marker_size, big)
                for low in (False, True)
            ]
        }
        for style in styles.values()
        if style.id in used
    }
    group = folium.FeatureGroup(name="Hotspots", show=True)
    if rows:
        data = {"size": marker_size, "big": big, "types": types, "rows": rows}
        data.update(_sources_and_parts(kinds, parts.pieces, publish_parts))
        HotspotMarkers(data).add_to(group)
    return group
