"""The incident layer: thousands of ACLED events, clustered or as a heat map, drawn in the browser.

Python never builds one folium ``Marker`` per row (50,000 of those take minutes). Instead:

* :func:`incident_payload` serialises every loaded incident once per data load, as compact
  JSON (text values coded by :class:`~dashboard.model.incidents.Vocabulary`, notes shortened);
  the app publishes it as a file the map fetches once, a standalone file inlines it.
* :class:`IncidentScript`, in the base map, defines ``window.addIncidents`` and loads
  Leaflet.markercluster and Leaflet.heat.
* :class:`IncidentLayer`, inside a swappable feature group, calls it with the view's filter
  (:class:`~dashboard.model.incidents.CodedFilter`) and mode: a filter change swaps that group
  in the live map (no remount; pan and zoom stay).

The popup is built with ``textContent`` from the JSON: text from an export never runs as code.
The number of incidents drawn is written to the map container's ``data-incidents-shown``.

Heat: each event weighs 1 ("events") or its fatalities ("fatalities", events without deaths
weigh nothing); a cell reaches full colour at :data:`HEAT_MAX` of the weights.
"""

from __future__ import annotations

import json
import textwrap

import folium
import pandas as pd
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from dashboard.model.incidents import EPOCH, CodedFilter, Vocabulary
from dashboard.text.choices import Choice
from dashboard.text.escaping import script_json, script_safe
from dashboard.text.i18n import N_, _

#: Notes are cut to about this many characters (ACLED notes run to a paragraph).
NOTES_CHARS = 200


class IncidentMode(Choice):
    """How incidents are drawn."""

    CLUSTERS = "clusters", N_("Clusters (one point per event)")
    HEAT = "heat", N_("Heat map, weighted by events")
    HEAT_FATALITIES = "heat-fatalities", N_("Heat map, weighted by fatalities")


#: Weight at which a heat cell reaches full colour, per mode.
HEAT_MAX = {IncidentMode.HEAT: 3.0, IncidentMode.HEAT_FATALITIES: 5.0}


def short_notes(notes: pd.Series, width: int = NOTES_CHARS) -> pd.Series:
    """Notes on one line, cut at a word to at most ``width`` characters (ending "…")."""
    long = notes.str.len() > width
    if not long.any():
        return notes
    shortened = notes.copy()
    shortened[long] = notes[long].map(lambda text: textwrap.shorten(text, width, placeholder=" …"))
    return shortened


def _place(frame: pd.DataFrame) -> pd.Series:
    """ "location, admin2, admin1" (the parts present, repeats dropped)."""
    seen: dict[tuple[str, str, str], str] = {}
    places = []
    for key in zip(frame["location"], frame["admin2"], frame["admin1"], strict=True):
        if key not in seen:
            seen[key] = ", ".join(dict.fromkeys(part for part in key if part))
        places.append(seen[key])
    return pd.Series(places, index=frame.index)


def incident_payload(frame: pd.DataFrame, vocabulary: Vocabulary) -> str:
    """Every incident as compact JSON: ``{"types", "subs", "actors", "places", "rows"}``, each
    row ``[lat, lon, day, type, sub, actor1, actor2, place, fatalities, geo_precision, notes]``
    (lat/lon in WGS84 degrees, 5 decimals; ``day`` since 1970-01-01; coded values are indices
    into the lists; -1 for none)."""
    codes = vocabulary.codes(frame)
    places = _place(frame)
    place_list = sorted(set(places))
    place_codes = pd.Categorical(places, categories=place_list).codes
    day = (frame["date"].to_numpy("datetime64[D]") - pd.Timestamp(EPOCH).to_datetime64()).astype(
        "timedelta64[D]"
    )
    columns = [
        frame["lat"].round(5).tolist(),
        frame["lon"].round(5).tolist(),
        day.astype(int).tolist(),
        codes["event_type"].tolist(),
        codes["sub_event_type"].tolist(),
        codes["actor1"].tolist(),
        codes["actor2"].tolist(),
        place_codes.tolist(),
        frame["fatalities"].astype(int).tolist(),
        frame["geo_precision"].tolist(),
        short_notes(frame["notes"]).tolist(),
    ]
    payload = {
        "types": list(vocabulary.types),
        "subs": list(vocabulary.subs),
        "actors": list(vocabulary.actors),
        "places": place_list,
        "rows": [list(row) for row in zip(*columns, strict=True)],
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


#: Defined once in the base map. ``source`` is {"url": …} (fetched once per page) or
#: {"data": …}. Rows are filtered on integer codes only; popups are text nodes.
INCIDENT_JS = """
(function (map, source, WORDS) {
  var cache = window.__incidentData = window.__incidentData || {};
  function load() {
    if (source.data) { return Promise.resolve(source.data); }
    if (!cache[source.url]) {
      cache[source.url] = fetch(source.url).then(function (r) { return r.json(); });
    }
    return cache[source.url];
  }
  function text(parent, label, value) {
    if (value === "" || value === null || value === undefined) { return; }
    var line = document.createElement("div");
    if (label) {
      var b = document.createElement("b");
      b.textContent = label + ": ";
      line.appendChild(b);
    }
    line.appendChild(document.createTextNode(String(value)));
    parent.appendChild(line);
  }
  var PRECISION = WORDS.precision;
  function popup(data) {
    return function (layer) {
      var r = layer._row, div = document.createElement("div");
      div.className = "incident-popup";
      var day = new Date(r[2] * 86400000).toISOString().slice(0, 10);
      var kind = [data.types[r[3]], data.subs[r[4]]].filter(Boolean).join(" / ");
      text(div, "", day + (kind ? " \\u00b7 " + kind : ""));
      text(div, WORDS.actors, [data.actors[r[5]], data.actors[r[6]]].filter(Boolean).join(WORDS.versus));
      text(div, WORDS.location, data.places[r[7]]);
      text(div, WORDS.fatalities, r[8]);
      text(div, WORDS.precision_label, PRECISION[r[9]] || r[9]);
      text(div, "", r[10]);
      div.firstChild && (div.firstChild.style.fontWeight = "700");
      return div;
    };
  }
  function allowed(codes) {
    if (codes === null) { return null; }
    var set = {};
    codes.forEach(function (c) { set[c] = true; });
    return set;
  }
  function select(rows, f) {
    var types = allowed(f.types), subs = allowed(f.subs), actors = allowed(f.actors), out = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (f.from !== null && r[2] < f.from) { continue; }
      if (f.to !== null && r[2] > f.to) { continue; }
      if (types && !types[r[3]]) { continue; }
      if (subs && !subs[r[4]]) { continue; }
      if (actors && !actors[r[5]] && !actors[r[6]]) { continue; }
      out.push(r);
    }
    return out;
  }
  function build(data, spec) {
    var rows = select(data.rows, spec.filter), layer;
    if (spec.mode === "clusters") {
      layer = L.markerClusterGroup(
        {chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 60});
      var icon = L.divIcon({className: "incident-marker", iconSize: [9, 9]}), markers = [];
      var show = popup(data);
      rows.forEach(function (r) {
        var marker = L.marker([r[0], r[1]], {icon: icon, keyboard: false});
        marker._row = r;
        marker.bindPopup(show, {maxWidth: 320});
        markers.push(marker);
      });
      layer.addLayers(markers);
    } else {
      var points = rows.map(function (r) {
        return [r[0], r[1], spec.mode === "heat-fatalities" ? r[8] : 1];
      });
      layer = L.heatLayer(points, {radius: 18, blur: 14, max: spec.max, minOpacity: 0.25});
    }
    return {layer: layer, count: rows.length};
  }
  // The last layer built is kept: a change of the hotspot filters re-adds the same incident
  // layer (the feature groups are swapped together) instead of rebuilding thousands of markers.
  var built = window.__incidentLayer = window.__incidentLayer || {};
  window.addIncidents = function (group, spec) {
    var key = JSON.stringify([L.stamp(map), source.url || "inline", spec]);
    load().then(function (data) {
      if (built.key !== key || !built.entry) {
        built.key = key;
        built.entry = build(data, spec);
      }
      group.addLayer(built.entry.layer);
      var box = map.getContainer();
      box.setAttribute("data-incidents-shown", String(built.entry.count));
      box.setAttribute("data-incidents-mode", spec.mode);
    });
  };
})
"""


def incident_words() -> dict:
    """The words of an incident popup in the active language (plain text: the script sets them
    as text nodes)."""
    return {
        "actors": _("Actors"),
        "location": _("Location"),
        "fatalities": _("Fatalities"),
        "precision_label": _("Geo-precision"),
        "versus": " " + _("vs") + " ",
        "precision": {
            "1": _("1 (the place itself)"),
            "2": _("2 (near the place)"),
            "3": _("3 (a wider area)"),
        },
    }


class IncidentScript(JSCSSMixin, MacroElement):
    """:data:`INCIDENT_JS` in the base map, with the incidents' source: ``payload`` (JSON
    text, inlined) or ``url`` (a JSON file the browser fetches once)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        + INCIDENT_JS
        + "({{ this._parent.get_name() }}, {{ this.source }}, {{ this.words }});"
        + "{% endmacro %}"
    )
    #: Relative to the vendor folder (see :func:`dashboard.maps.assets.localise`).
    default_js = (
        ("leaflet.markercluster.js", "leaflet-markercluster/leaflet.markercluster.js"),
        ("leaflet-heat.js", "leaflet-heat/leaflet-heat-global.js"),
    )
    default_css = (
        ("MarkerCluster.css", "leaflet-markercluster/MarkerCluster.css"),
        ("MarkerCluster.Default.css", "leaflet-markercluster/MarkerCluster.Default.css"),
    )

    def __init__(self, *, payload: str | None = None, url: str | None = None):
        if (payload is None) == (url is None):
            raise ValueError("give exactly one of payload and url")
        super().__init__()
        self._name = "IncidentScript"
        self.source = (
            '{"data":' + script_safe(payload) + "}"
            if payload is not None
            else script_safe(json.dumps({"url": url}))
        )
        self.words = script_json(incident_words())


class IncidentLayer(MacroElement):
    """The view's incidents, added to the parent feature group in the browser."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "window.addIncidents({{ this._parent.get_name() }}, {{ this.spec }});"
        "{% endmacro %}"
    )

    def __init__(self, coded: CodedFilter, mode: str):
        super().__init__()
        self._name = "IncidentLayer"
        chosen = IncidentMode.parse(mode)
        spec = {"mode": str(chosen), "max": HEAT_MAX.get(chosen, 1.0), "filter": coded.as_json()}
        self.spec = script_safe(json.dumps(spec, separators=(",", ":")))


def incident_group(coded: CodedFilter, mode: str) -> folium.FeatureGroup:
    """The swappable feature group holding the view's incidents."""
    group = folium.FeatureGroup(name=_("Incidents (ACLED)"), show=True)
    IncidentLayer(coded, mode).add_to(group)
    return group
