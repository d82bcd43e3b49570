"""The Haiti hotspot dashboard.

Folders are the layers, top-down; a package imports only the layers below it (checked by
``lint-imports``, see ``[tool.importlinter]`` in pyproject.toml):

- :mod:`dashboard.ui` (Streamlit page and widgets) and :mod:`dashboard.cli` (command line);
- :mod:`dashboard.outputs`: exports, standalone HTML, PNG snapshot, Chromium start-up;
- :mod:`dashboard.views`: the view vocabulary, view state, permalinks, filters, and the pure
  functions computing what the page shows;
- :mod:`dashboard.maps`: pure, deterministic map building;
- :mod:`dashboard.model`: the dataset the app shows (hotspots joined to geocodes and types);
- :mod:`dashboard.timelines` and :mod:`dashboard.geocoding`, side by side;
- :mod:`dashboard.data`: file names, row models (the records), CSV reading, ``load_inputs``;
- :mod:`dashboard.text`: escaping, URL checks, name folding, the ``Choice`` enum base.

Only :mod:`dashboard.ui` imports Streamlit. Coordinates are (lat, lon) in decimal degrees
(WGS84) everywhere in Python; only GeoJSON output uses (lon, lat), as RFC 7946 requires.
"""

__version__ = "0.1.0"
