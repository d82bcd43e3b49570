"""The map for keyboard and screen-reader users (WCAG 2.1 AA; checked by axe-core in the tests).

- :class:`AccessibleMap`: a ``folium.Map`` whose page can be zoomed (folium's header says
  ``maximum-scale=1.0, user-scalable=no``, which blocks pinch and browser zoom on phones).
- :class:`MapAccess`: in the browser, the map's document gets a ``main`` landmark, a named map
  region, a level-one heading and a short description (hidden from sight, read by screen
  readers), and the frame holding it (streamlit-folium's iframe) gets the same name; clusters
  (Leaflet.markercluster) say how many points they hold; a marker's
  popup opened from the keyboard (Tab to the marker, Enter) takes the focus, and Escape closes it
  and gives the focus back to the marker.
"""

from __future__ import annotations

import re

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from dashboard.text.escaping import script_json
from dashboard.text.i18n import N_, _

#: What folium writes, and what the map says instead (zoom allowed).
_VIEWPORT = re.compile(r'<meta name="viewport" content="[^"]*"\s*/?>')
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'

MAP_NAME = N_("Map of Haiti security hotspots")
MAP_DESCRIPTION = N_(
    "Each hotspot is a button named by its place and type (and 'approximate location' when it "
    "is only placed roughly): Tab moves from one to the next, Enter opens its details, Escape "
    "closes them. The legend is at the bottom right."
)
#: A cluster's name; ``{n}``: how many points it holds.
CLUSTER_NAME = N_("Cluster of {n} points: Enter zooms in to them")

#: Visually hidden, still read (the usual "sr-only" pattern); links in the attribution line are
#: underlined (they were told apart from its text by colour alone); a visible focus ring.
ACCESS_CSS = """
.map-sr-only { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.leaflet-control-attribution a { text-decoration: underline; }
.leaflet-container .leaflet-marker-icon:focus-visible,
.leaflet-container .leaflet-control a:focus-visible {
  outline: 3px solid #1B1F24; outline-offset: 2px; border-radius: 3px; }
.leaflet-popup-content-wrapper:focus-visible { outline: 3px solid #0072B2; }
"""

ACCESS_JS = """
(function (map, name, description, css, clusterName) {
  var container = map.getContainer(), host = container.parentElement;
  var style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);
  // One main landmark per document: the map's holder (the map itself in a bare page).
  if (host && host !== document.body) {
    host.setAttribute("role", "main");
    container.setAttribute("role", "region");
  } else {
    container.setAttribute("role", "main");
  }
  container.setAttribute("aria-label", name);
  var heading = document.createElement("h1"), about = document.createElement("p");
  heading.className = about.className = "map-sr-only";
  heading.textContent = name;
  about.id = container.id + "-description";
  about.textContent = description;
  container.insertBefore(about, container.firstChild);
  container.insertBefore(heading, about);
  container.setAttribute("aria-describedby", about.id);
  if (!document.title || /streamlit/i.test(document.title)) document.title = name;
  try {  // the app's iframe: named like the map (its title attribute stays streamlit-folium's)
    if (window.frameElement) window.frameElement.setAttribute("aria-label", name);
  } catch (e) { /* a frame of another origin: its own name stays */ }

  // Leaflet.markercluster's clusters (the incident layer) are buttons named by their number
  // alone: say what the number counts and what Enter does.
  map.on("layeradd", function (e) {
    var layer = e.layer, icon = layer.getElement && layer.getElement();
    if (icon && L.MarkerCluster && layer instanceof L.MarkerCluster) {
      var count = layer.getChildCount();
      icon.setAttribute("aria-label", clusterName.replace("{n}", count));
    }
  });

  var opener = null;
  map.on("popupopen", function (e) {
    var source = e.popup._source, popup = e.popup.getElement();
    var wrapper = popup.querySelector(".leaflet-popup-content-wrapper");
    opener = source && source.getElement ? source.getElement() : null;
    var label = opener && opener.getAttribute("aria-label");
    wrapper.setAttribute("role", "dialog");
    wrapper.setAttribute("tabindex", "-1");
    if (label) wrapper.setAttribute("aria-label", label);
    if (opener && opener.contains(document.activeElement)) wrapper.focus({preventScroll: true});
  });
  map.on("popupclose", function (e) {
    var wrapper = e.popup.getElement(), back = opener;
    opener = null;
    var active = document.activeElement;
    if (back && wrapper && (wrapper.contains(active) || active === document.body)) {
      back.focus({preventScroll: true});
    }
  });
  container.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && map._popup && map.hasLayer(map._popup)) {
      var back = opener;
      map.closePopup();
      if (back) back.focus({preventScroll: true});
      e.stopPropagation();
    }
  });
})
"""


class AccessibleMap(folium.Map):
    """``folium.Map`` with a viewport that allows zooming (WCAG 1.4.4, axe ``meta-viewport``)."""

    def render(self, **kwargs) -> None:
        super().render(**kwargs)
        header = self.get_root().header
        name = self.get_name()
        written = header._children.get(name)
        if written is not None:
            header.add_child(Element(_VIEWPORT.sub(VIEWPORT, written.render())), name=name)


class MapAccess(MacroElement):
    """:data:`ACCESS_JS` applied to the map (names, landmarks, description, popup focus)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        + ACCESS_JS
        + "({{ this._parent.get_name() }}, {{ this.args }});{% endmacro %}"
    )

    def __init__(self, name: str | None = None, description: str | None = None):
        """``name``, ``description``: default :data:`MAP_NAME`, :data:`MAP_DESCRIPTION` in the
        active language."""
        super().__init__()
        self._name = "MapAccess"
        texts = (name or _(MAP_NAME), description or _(MAP_DESCRIPTION), ACCESS_CSS, _(CLUSTER_NAME))
        self.args = ", ".join(script_json(text) for text in texts)
