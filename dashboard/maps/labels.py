"""Briefing layout, done in the browser where the text boxes can be measured: text sized to the
map (not the window), the frame fitted inside the room the title, key, legend and source line
leave, and one label per hotspot placed where it overlaps nothing, else a number in the key.

Why in the browser: label widths depend on the fonts the viewer has, so a box computed in Python
would be a guess; the placement itself is still deterministic (same page, same size → same
picture). Placement works from the points handed in, not from known coordinates, so it holds
when hotspots move or more are added.

How labels are placed (``place`` in the script below), per group of markers that touch on screen:

1. a group of one to three markers gets one label (names one per line), tried right, left,
   above, below and at the four corners of the marker, then the same further out with a leader
   line; the first box that stays inside the map and clear of every control, marker and label
   already placed wins;
2. otherwise the group gets a small number badge (same search) and its names go in the
   numbered key (top right), numbered north to south so the key reads like the map;
3. a badge that cannot be placed either is dropped from the map and its key entry says
   "(not marked: too crowded)" — never drawn over other text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from branca.element import MacroElement
from jinja2 import Template

from dashboard.data.geography import Bounds
from dashboard.text.escaping import script_json
from dashboard.text.i18n import _

#: The frame the briefing is designed for (CSS px); text scales by min(width/1280, height/720).
DESIGN_SIZE = (1280, 720)
#: Body text size (CSS px) at the design size.
BASE_FONT_PX = 14


@dataclass(frozen=True)
class LabelPoint:
    """A marker to label: its id, its name (plain text) and where it is drawn (lat, lon)."""

    id: str
    name: str
    lat: float
    lon: float


def points_json(points: Sequence[LabelPoint]) -> str:
    """``[{"id", "name", "lat", "lon"}, …]`` for the layout script (names are plain text: the
    script sets them with ``textContent``, never as HTML)."""
    return script_json([{"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon} for p in points])


class BriefingLayout(MacroElement):
    """Sizes the text, fits ``bounds`` into the free room and places the labels (see module)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var POINTS = {{ this.points_json }};
            var BOUNDS = {{ this.bounds_json }};
            var DESIGN = {{ this.design_json }}, BASE = {{ this.base_font }};
            var TEXT = {{ this.text_json }};
            var container = map.getContainer();
            var pane = L.DomUtil.create("div", "briefing-label-pane", container);
            var keyControl = L.control({position: "topright"});
            keyControl.onAdd = function () {
                var div = L.DomUtil.create("div", "briefing-key-control");
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            keyControl.addTo(map);
            var keyDiv = keyControl.getContainer();
            map.options.zoomSnap = 0.1;

            function rel(el) {
                var c = container.getBoundingClientRect(), r = el.getBoundingClientRect();
                return {x: r.left - c.left, y: r.top - c.top, w: r.width, h: r.height};
            }
            function hits(a, b) {
                return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
            }
            function grow(r, m) { return {x: r.x - m, y: r.y - m, w: r.w + 2 * m, h: r.h + 2 * m}; }
            function visible(el) { return el.offsetWidth > 0 && el.offsetHeight > 0; }
            function controls() {
                return Array.prototype.filter.call(
                    container.querySelectorAll(".leaflet-control"), visible).map(rel);
            }
            function corner(name) {
                var el = container.querySelector(".leaflet-" + name);
                return el ? rel(el) : {x: 0, y: 0, w: 0, h: 0};
            }

            // 1. Text sized to the map: every control is in em of the container's font.
            function sizeText() {
                var w = container.clientWidth, h = container.clientHeight;
                var s = Math.min(w / DESIGN[0], h / DESIGN[1]);
                container.style.fontSize = (BASE * s).toFixed(2) + "px";
                container.style.setProperty("--brief-scale", s.toFixed(4));
                // Symbols shrink with a small frame (a phone) but never grow past their size.
                container.style.setProperty("--brief-marker", Math.max(0.45, Math.min(1, s)).toFixed(4));
                return s;
            }

            // 2. The corners share the frame: the title and the source line keep clear of the
            //    right-hand column (key, legend, attribution); the key keeps above the legend.
            function shareRoom() {
                var w = container.clientWidth, h = container.clientHeight;
                var gap = 10, em = parseFloat(container.style.fontSize);
                var legend = container.querySelector(".hotspot-legend-control");
                var attribution = container.querySelector(".leaflet-control-attribution");
                // The attribution (long with the coordinate credits) wraps in the legend's width.
                var right = legend ? legend.offsetWidth : Math.round(0.25 * w);
                if (attribution) { attribution.style.maxWidth = right + "px"; }
                var key = keyDiv.firstChild;
                keyDiv.style.maxWidth = Math.round(0.3 * w) + "px";
                if (key) {
                    var below = corner("bottom.leaflet-right").h;
                    key.style.maxHeight = Math.max(0, h - below - 3 * gap) + "px";
                    key.style.columnCount = 1;
                    var list = key.querySelector("ol");
                    for (var n = 2; n <= 3 && key.scrollHeight > key.clientHeight + 1; n++) {
                        list.style.columnCount = n;
                    }
                    right = Math.max(right, keyDiv.offsetWidth);
                }
                var left = Math.max(0, w - right - 4 * gap);
                ["briefing-title", "briefing-source"].forEach(function (cls) {
                    var el = container.querySelector("." + cls);
                    var most = cls === "briefing-title" ? 0.62 * w : w;
                    if (el) { el.style.maxWidth = Math.min(left, most) + "px"; }
                });
                return {right: right + 2 * gap, em: em};
            }

            // 3. The extent fitted into the room the text leaves.
            function fit(room) {
                var top = corner("top.leaflet-left").h, bottom = corner("bottom.leaflet-left").h;
                var pad = Math.round(2.5 * room.em);
                map.fitBounds(BOUNDS, {
                    paddingTopLeft: [pad, top + pad],
                    paddingBottomRight: [room.right + pad, bottom + pad],
                    animate: false
                });
            }

            // 4. Groups of markers that touch on screen (union of close pairs).
            function groups(size) {
                var pts = POINTS.map(function (p) {
                    var xy = map.latLngToContainerPoint([p.lat, p.lon]);
                    return {p: p, x: xy.x, y: xy.y};
                });
                var parent = pts.map(function (_, i) { return i; });
                function root(i) { while (parent[i] !== i) { i = parent[i] = parent[parent[i]]; } return i; }
                for (var i = 0; i < pts.length; i++) {
                    for (var j = i + 1; j < pts.length; j++) {
                        if (Math.abs(pts[i].x - pts[j].x) < size && Math.abs(pts[i].y - pts[j].y) < size) {
                            parent[root(i)] = root(j);
                        }
                    }
                }
                var byRoot = {};
                pts.forEach(function (q, i) { (byRoot[root(i)] = byRoot[root(i)] || []).push(q); });
                return Object.keys(byRoot).map(function (k) {
                    var m = byRoot[k], x = 0, y = 0;
                    m.forEach(function (q) { x += q.x; y += q.y; });
                    return {members: m, x: x / m.length, y: y / m.length};
                }).sort(function (a, b) { return a.y - b.y || a.x - b.x; });
            }

            function box(el, cls, text) {
                var div = L.DomUtil.create("div", cls, pane);
                text.split("\\n").forEach(function (line, i) {
                    if (i) { div.appendChild(document.createElement("br")); }
                    div.appendChild(document.createTextNode(line));
                });
                return div;
            }

            // Candidate boxes around (x, y): beside, above/below, corners; then further out.
            function candidates(g, w, h, r) {
                var out = [];
                [0, 1.6, 3.2].forEach(function (far) {
                    var d = r + 4 + far * r;
                    out.push([g.x + d, g.y - h / 2], [g.x - d - w, g.y - h / 2],
                             [g.x - w / 2, g.y - d - h], [g.x - w / 2, g.y + d],
                             [g.x + d * 0.7, g.y - d * 0.7 - h], [g.x + d * 0.7, g.y + d * 0.7],
                             [g.x - d * 0.7 - w, g.y - d * 0.7 - h], [g.x - d * 0.7 - w, g.y + d * 0.7]);
                });
                return out.map(function (c, i) { return {x: c[0], y: c[1], w: w, h: h, leader: i >= 8}; });
            }

            function put(div, g, r, taken, bounds) {
                var w = div.offsetWidth, h = div.offsetHeight;
                var list = candidates(g, w, h, r);
                for (var i = 0; i < list.length; i++) {
                    var c = list[i];
                    if (c.x < bounds.x || c.y < bounds.y || c.x + w > bounds.x + bounds.w ||
                        c.y + h > bounds.y + bounds.h) { continue; }
                    var pad = grow(c, 2);
                    if (taken.some(function (t) { return hits(pad, t); })) { continue; }
                    div.style.left = c.x + "px";
                    div.style.top = c.y + "px";
                    taken.push(c);
                    if (c.leader) { leader(g, c); }
                    return true;
                }
                return false;
            }

            function leader(g, c) {
                var tx = Math.max(c.x, Math.min(g.x, c.x + c.w));
                var ty = Math.max(c.y, Math.min(g.y, c.y + c.h));
                var len = Math.hypot(tx - g.x, ty - g.y), angle = Math.atan2(ty - g.y, tx - g.x);
                var line = L.DomUtil.create("div", "briefing-leader", pane);
                line.style.left = g.x + "px";
                line.style.top = g.y + "px";
                line.style.width = len + "px";
                line.style.transform = "rotate(" + angle + "rad)";
            }

            function place() {
                pane.innerHTML = "";
                var markers = Array.prototype.filter.call(
                    container.querySelectorAll(".hotspot-marker"), visible).map(function (el) {
                        return rel(el.querySelector("svg") || el);  // the symbol as drawn (scaled)
                    });
                var size = markers.reduce(function (m, r) { return Math.max(m, r.w); }, 20);
                var taken = controls().map(function (r) { return grow(r, 2); }).concat(markers);
                var frame = {x: 4, y: 4, w: container.clientWidth - 8, h: container.clientHeight - 8};
                var keyed = [];
                groups(size * 0.6).forEach(function (g) {
                    var names = g.members.map(function (q) { return q.p.name; });
                    var ownMarkers = g.members.length;
                    if (names.length <= 3) {
                        var label = box(pane, "briefing-label", names.join("\\n"));
                        label.dataset.ids = g.members.map(function (q) { return q.p.id; }).join(" ");
                        var reach = size / 2 + (ownMarkers > 1 ? size / 2 : 0);
                        if (put(label, g, reach, taken, frame)) { return; }
                        pane.removeChild(label);
                    }
                    keyed.push(g);
                });
                var items = keyed.map(function (g, i) {
                    var badge = box(pane, "briefing-badge", String(i + 1));
                    badge.dataset.ids = g.members.map(function (q) { return q.p.id; }).join(" ");
                    var ok = put(badge, g, size / 2, taken, frame);
                    if (!ok) { pane.removeChild(badge); }
                    return {n: i + 1, names: g.members.map(function (q) { return q.p.name; }), marked: ok};
                });
                return items;
            }

            function drawKey(items) {
                keyDiv.innerHTML = "";
                if (!items.length) { return; }
                var key = L.DomUtil.create("div", "briefing-key", keyDiv);
                var head = L.DomUtil.create("div", "briefing-key-head", key);
                head.textContent = TEXT.head;
                var list = L.DomUtil.create("ol", "", key);
                items.forEach(function (item) {
                    var li = L.DomUtil.create("li", "", list);
                    var n = L.DomUtil.create("b", "", li);
                    n.textContent = item.n + " ";
                    li.appendChild(document.createTextNode(
                        (item.names.length > 1 ? TEXT.places.replace("{n}", item.names.length) : "") +
                        item.names.join(", ") + (item.marked ? "" : TEXT.crowded)));
                });
            }

            // The key's content depends on the placement and the room on the key: two passes
            // settle it (the second places with the final key on the map).
            function layout() {
                if (container.clientWidth < 100 || container.clientHeight < 60) { return; }  // not shown yet
                // Leaflet's stylesheet may arrive after this script (streamlit-folium): until the
                // corners are positioned, every measure is wrong, so try again next frame.
                var topLeft = container.querySelector(".leaflet-top");
                if (!topLeft || getComputedStyle(topLeft).position !== "absolute") { later(); return; }
                // A zoom animation under way (the first fit, on a small frame) would swallow
                // the fit below and then land where it was going: lay out when it has ended.
                if (map._animatingZoom) { map.once("zoomend", later); return; }
                busy = true;
                map.invalidateSize({pan: false});
                sizeText();
                var items = [];
                for (var pass = 0; pass < 2; pass++) {
                    drawKey(items);
                    fit(shareRoom());
                    items = place();
                }
                drawKey(items);
                shareRoom();
                var again = place();
                if (again.length !== items.length) { drawKey(again); }
                container.dataset.layouts = String(++layouts);
                busy = false;
            }

            var pending = null, busy = false, layouts = 0;
            function later() {
                if (pending === null) {
                    pending = requestAnimationFrame(function () { pending = null; layout(); });
                }
            }
            map.whenReady(function () {
                var fonts = document.fonts && document.fonts.ready;
                (fonts || Promise.resolve()).then(later);
            });
            map.on("resize", later);
            // The map's box is set after this script runs in some hosts (streamlit-folium sizes
            // the iframe later; a phone scales it down): lay out again whenever it changes.
            if (window.ResizeObserver) { new ResizeObserver(later).observe(container); }
            map.on("moveend", function () { if (!busy && pending === null) { drawKey(place()); } });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, points: Sequence[LabelPoint], bounds: Bounds):
        super().__init__()
        self._name = "BriefingLayout"
        self.points_json = points_json(points)
        self.bounds_json = json.dumps(bounds.as_folium())
        self.design_json = json.dumps(list(DESIGN_SIZE))
        self.base_font = BASE_FONT_PX
        self.text_json = script_json(
            {
                "head": _("Numbered on the map"),
                "places": _("{n} places: "),
                "crowded": " " + _("(not marked: too crowded)"),
            }
        )


#: CSS of the briefing picture (added with :class:`~dashboard.maps.overlay.MapStyle`): no map
#: buttons in a slide, every box in em of the container's font (set by the layout script).
LAYOUT_CSS = """
.leaflet-control-zoom, .leaflet-control-fullscreen, .leaflet-control-layers { display: none !important; }
.leaflet-container { font-size: 14px; }
.leaflet-container { max-width: 100vw; max-height: 100vh; }
.leaflet-container .leaflet-control { margin: 10px; }
.leaflet-control-attribution { font-size: .75em; white-space: normal; box-sizing: border-box;
  line-height: 1.3; }
.leaflet-control-scale-line { font-size: .8em; }
.briefing-title, .briefing-source, .hotspot-legend, .briefing-key { box-sizing: border-box; }
.hotspot-legend, .briefing-key { font-size: .9em; }
.briefing-source { font-size: .8em; }
.briefing-key { background: rgba(255,255,255,.93); padding: .45em .7em; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); color: #1B1F24; overflow: hidden; line-height: 1.35; }
.briefing-key-head { font-weight: 600; margin-bottom: .2em; }
.briefing-key ol { list-style: none; margin: 0; padding: 0; column-gap: 1.2em; }
.briefing-key li { break-inside: avoid; margin: 0 0 .15em; padding-left: 1.4em; text-indent: -1.4em; }
.briefing-label-pane { position: absolute; left: 0; top: 0; right: 0; bottom: 0; z-index: 650;
  pointer-events: none; }
.briefing-label, .briefing-badge { position: absolute; white-space: nowrap; color: #1B1F24;
  background: rgba(255,255,255,.9); border: 1px solid #aaa; border-radius: 3px; font-size: .8em;
  line-height: 1.25; padding: 1px 5px; }
.briefing-badge { font-weight: 700; border-radius: 1em; padding: 0 .45em; background: #1B1F24; color: #fff;
  border-color: #fff; }
.hotspot-marker svg { transform: scale(var(--brief-marker, 1)); }
.briefing-leader { position: absolute; height: 0; border-top: 1px solid #555; transform-origin: 0 0; }
"""

__all__ = ["BASE_FONT_PX", "DESIGN_SIZE", "LAYOUT_CSS", "BriefingLayout", "LabelPoint", "points_json"]
