"""The tile layers built from a provider object equal those folium builds from the URL string."""

from __future__ import annotations

import folium
import pytest

from dashboard.maps.basemaps import TILED


@pytest.mark.parametrize("basemap", TILED, ids=[b.value for b in TILED])
def test_provider_layer_matches_the_url_layer(basemap):
    tiles = basemap.tiles
    options = {"attr": tiles.attribution, "name": basemap.label, "max_zoom": tiles.max_zoom, "overlay": False}
    from_url = folium.TileLayer(tiles=tiles.url, **options)
    from_provider = folium.TileLayer(tiles=tiles.provider, **options)
    assert from_provider.tiles == from_url.tiles == tiles.url
    assert from_provider.options == from_url.options
    assert tiles.provider is tiles.provider  # built once
