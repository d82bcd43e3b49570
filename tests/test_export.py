"""Exports parsed back: GeoJSON (RFC 7946, lon/lat), CSV (pandas, formula-safe)."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pandas as pd
import pytest

from dashboard import paths
from dashboard.dataset import load_dataset
from dashboard.export import FIELD_NAMES, neutralise_formula, to_csv, to_geojson


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(paths.BUNDLED_DATA_DIR)


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
    evil = replace(item, hotspot=replace(item.hotspot, canonical_name="=HYPERLINK(\"http://x\")",
                                         description="+1", source_publisher="@SUM(A1)"))
    frame = pd.read_csv(io.StringIO(to_csv([evil], dataset.styles)))
    assert frame.loc[0, "name"] == "'=HYPERLINK(\"http://x\")"
    assert frame.loc[0, "description"] == "'+1"
    assert frame.loc[0, "source_publisher"] == "'@SUM(A1)"
    assert frame.loc[0, "lon"] < 0


@pytest.mark.parametrize(("cell", "expected"), [
    ("=1+1", "'=1+1"), ("-2", "'-2"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("Delmas", "Delmas"), ("", ""),
])
def test_neutralise_formula(cell, expected):
    assert neutralise_formula(cell) == expected
