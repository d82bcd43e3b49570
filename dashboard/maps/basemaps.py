"""The basemaps: one table of ids, labels and tile layers (tiles need the internet, in the
user's browser only)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import xyzservices

from dashboard.text.choices import Choice

_OSM = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


@dataclass(frozen=True)
class Tiles:
    """A tile layer: URL template, attribution (HTML) and deepest zoom."""

    url: str
    attribution: str
    max_zoom: int = 19

    @cached_property
    def provider(self) -> xyzservices.TileProvider:
        """The layer as an xyzservices provider, built once: given a URL string, folium searches
        xyzservices' ~1,000 providers by name on every map build (~7 ms each time)."""
        return xyzservices.TileProvider(
            name="tiles", url=self.url, attribution=self.attribution, max_zoom=self.max_zoom
        )


class Basemap(Choice):
    """The basemap a view shows (``none``: no tiles, for offline screenshots and tests)."""

    STREET = "street", "Street (OpenStreetMap)"
    LIGHT = "light", "Light (CARTO Positron)"
    SATELLITE = "satellite", "Satellite (Esri World Imagery)"
    NONE = "none", "No basemap (offline)"

    @property
    def tiles(self) -> Tiles | None:
        return TILES.get(self)


TILES: dict[Basemap, Tiles] = {
    Basemap.STREET: Tiles("https://tile.openstreetmap.org/{z}/{x}/{y}.png", _OSM),
    Basemap.LIGHT: Tiles(
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        _OSM + ' &copy; <a href="https://carto.com/attributions">CARTO</a>',
        20,
    ),
    Basemap.SATELLITE: Tiles(
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "Tiles &copy; Esri &mdash; Source: Esri, Maxar, Earthstar Geographics, and the GIS User Community",
    ),
}

#: The basemaps with tiles, in layer-control order.
TILED = tuple(b for b in Basemap if b in TILES)
