"""The Haiti hotspot dashboard.

Layers, top-down (each module's name says its concept):

- data: :mod:`dashboard.tables` (validated CSV reading), :mod:`dashboard.hotspots`,
  :mod:`dashboard.styles` (the one type → colour/label/shape table);
- geocoding: :mod:`dashboard.geocoding` (store, offline gazetteer, Nominatim, resolver);
- map building: :mod:`dashboard.mapping` (a pure function from data and filters to a
  ``folium.Map``), :mod:`dashboard.legend`, :mod:`dashboard.assets` (local Leaflet files);
- outputs: :mod:`dashboard.export`, :mod:`dashboard.cli`;
- the page: ``dashboard/app.py`` (Streamlit), which only wires the layers together.

Coordinates are (lat, lon) in decimal degrees (WGS84) everywhere in Python; only GeoJSON
output uses (lon, lat), as RFC 7946 requires.
"""

__version__ = "0.1.0"
