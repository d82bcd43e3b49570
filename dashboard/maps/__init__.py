"""Map building: pure and deterministic, from the dataset and what to show to a ``folium.Map``,
one concern per module: extents and basemaps (ids and labels: the view vocabulary's enums
:class:`Extent` and :class:`Basemap` are defined here), styles, popup HTML, markers, legend,
the briefing overlay, the incident layer, local Leaflet assets, :func:`build_map` and stable
element ids.

Layer: above :mod:`dashboard.model`; imports ``dashboard.model``, ``dashboard.data`` and
``dashboard.text`` (folium, branca), never views, outputs, the UI or the CLI.
"""
