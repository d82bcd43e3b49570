"""Exports parsed back: GeoJSON (RFC 7946, lon/lat), CSV (pandas, formula-safe)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from dashboard.outputs.export import FIELD_NAMES, neutralise_formula, to_csv, to_geojson
from tests.support.records import replace
from tests.support.seed import seed_dataset


@pytest.fixture(scope="module")
def dataset():
    return seed_dataset()


def test_geojson_is_rfc7946_with_lon_lat_order(dataset):
    collection = json.loads(to_geojson(dataset.located, dataset.styles))
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    assert len(collection["features"]) == 22
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -75 < lon < -71  # Haiti: lon first ...
        assert 17.5 < lat < 20.5  # ... then lat
        props = feature["properties"]
        assert (props["lon"], props["lat"]) == (lon, lat)
        assert set(props) == set(FIELD_NAMES)
        for key in ("name", "type", "department", "method", "precision"):
            assert props[key], key
    pont = next(f for f in collection["features"] if f["id"] == "pont-sonde")
    assert pont["geometry"]["coordinates"] == [-72.61436, 19.14836]
    assert pont["properties"]["department"] == "Artibonite"


def test_csv_reads_back_with_pandas_and_hxl_row(dataset):
    text = to_csv(dataset.located, dataset.styles, hxl=True)
    frame = pd.read_csv(io.StringIO(text), skiprows=[1])
    assert list(frame.columns) == list(FIELD_NAMES)
    assert len(frame) == 22
    assert frame.loc[frame["id"] == "lestere", "lat"].item() == pytest.approx(19.30307)
    assert text.splitlines()[1].startswith("#loc+code,#loc+name")


def test_formula_cells_are_neutralised_but_negative_numbers_are_not(dataset):
    item = dataset.located[0]
    evil = replace(
        item,
        hotspot=replace(
            item.hotspot,
            canonical_name='=HYPERLINK("http://x")',
            description="+1",
            source_publisher="@SUM(A1)",
        ),
    )
    frame = pd.read_csv(io.StringIO(to_csv([evil], dataset.styles)))
    assert frame.loc[0, "name"] == '\'=HYPERLINK("http://x")'
    assert frame.loc[0, "description"] == "'+1"
    assert frame.loc[0, "source_publisher"] == "'@SUM(A1)"
    assert frame.loc[0, "lon"] < 0


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("-2", "'-2"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Delmas", "Delmas"),
        ("", ""),
    ],
)
def test_neutralise_formula(cell, expected):
    assert neutralise_formula(cell) == expected


def test_kml_parses_with_one_styled_placemark_per_hotspot(dataset):
    import xml.etree.ElementTree as ET

    from dashboard.outputs.export import to_kml

    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.fromstring(to_kml(dataset.located, dataset.styles, name="test").encode())
    placemarks = root.findall(".//k:Placemark", ns)
    assert len(placemarks) == 22
    styles = {s.get("id"): s for s in root.findall(".//k:Style", ns)}
    assert set(styles) == {f"type-{t}" for t in dataset.styles}
    # KML colours are aabbggrr: Okabe-Ito blue #0072B2 becomes ffb27200.
    assert styles["type-transport_hub"].find(".//k:color", ns).text == "ffb27200"
    pont = next(p for p in placemarks if p.get("id") == "pont-sonde")
    assert pont.find("k:Point/k:coordinates", ns).text == "-72.61436,19.14836,0"
    assert pont.find("k:styleUrl", ns).text == "#type-town"
    data = {d.get("name"): d.find("k:value", ns).text for d in pont.findall(".//k:Data", ns)}
    assert data["department"] == "Artibonite"


def test_standalone_html_needs_nothing_but_tiles(dataset):
    import re

    from dashboard.maps.build import build_map
    from dashboard.outputs.standalone import INLINE_BASE, standalone_html

    html = standalone_html(build_map(dataset.located, dataset.styles, asset_base=INLINE_BASE))
    assert re.findall(r"<script[^>]+src=", html) == []
    assert re.findall(r'<link[^>]+rel="stylesheet"', html) == []
    assert "Leaflet 1.9.3" in html  # leaflet.js is inside
    assert 'url("data:image/png;base64,' in html  # leaflet.css images are inlined
    assert html.count("L.marker(") == 22
