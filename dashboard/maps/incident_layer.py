"""The incident layer: thousands of points clustered in the browser (Leaflet.markercluster).

One Leaflet marker per incident is created *in the browser* from a compact JSON array, and
clustered; Python never builds one folium ``Marker`` per row (50,000 of those take minutes).
Labels are set with ``textContent``, so text from an export can never run as code.
"""

from __future__ import annotations

import json

from folium.elements import JSCSSMixin
from folium.map import Layer
from jinja2 import Template

from dashboard.text.escaping import script_safe


class IncidentCluster(JSCSSMixin, Layer):
    """A clustered point layer of ``[[lat, lon, label], …]`` rows, given inline (``rows_json``,
    for standalone files) or as the URL of a JSON file the browser fetches once (``rows_url``:
    the app, so that its reruns do not re-send megabytes of rows)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.markerClusterGroup({
            chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 60
        });
        (function (group) {
            var icon = L.divIcon({className: "incident-marker", iconSize: [9, 9]});
            function add(rows) {
                var markers = new Array(rows.length);
                for (var i = 0; i < rows.length; i++) {
                    var marker = L.marker([rows[i][0], rows[i][1]], {icon: icon});
                    marker._label = rows[i][2];
                    marker.bindPopup(function (layer) {
                        var div = document.createElement("div");
                        div.textContent = layer._label;
                        return div;
                    });
                    markers[i] = marker;
                }
                group.addLayers(markers);
            }
            {% if this.rows_url %}
            fetch({{ this.rows_url_json }}).then(function (r) { return r.json(); }).then(add);
            {% else %}
            add({{ this.rows }});
            {% endif %}
        })({{ this.get_name() }});
        {#- folium's Layer adds it to the map (when shown); adding it here too duplicates it. #}
        {% endmacro %}
        """
    )
    #: Replaced by local copies in :func:`dashboard.maps.assets.use_local_assets`.
    default_js = (("leaflet.markercluster.js", "leaflet-markercluster/leaflet.markercluster.js"),)
    default_css = (
        ("MarkerCluster.css", "leaflet-markercluster/MarkerCluster.css"),
        ("MarkerCluster.Default.css", "leaflet-markercluster/MarkerCluster.Default.css"),
    )

    def __init__(
        self,
        rows_json: str | None = None,
        *,
        rows_url: str | None = None,
        name: str,
        show: bool = True,
    ):
        if (rows_json is None) == (rows_url is None):
            raise ValueError("give exactly one of rows_json and rows_url")
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "IncidentCluster"
        self.rows = script_safe(rows_json or "[]")
        self.rows_url = rows_url
        self.rows_url_json = script_safe(json.dumps(rows_url))
