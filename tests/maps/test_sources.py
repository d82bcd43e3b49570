"""Where each independent source puts a hotspot: the points a popup shows while it is open.

The oracle reads ``place_evidence.csv`` with the ``csv`` module: one point per lineage of the
``place`` rows, and only for hotspots with two or more lineages.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict

import pytest

from dashboard.data import paths
from dashboard.data.evidence import SOURCE_NAMES
from dashboard.data.geography import distance_km
from dashboard.maps.build import build_map
from dashboard.model.dataset import load_dataset
from dashboard.text import escaping


def layer_data(html: str) -> list[dict]:
    """The JSON argument of each ``window.addHotspots`` call in ``html``."""
    decoder = json.JSONDecoder()
    return [
        decoder.raw_decode(html, m.end())[0] for m in re.finditer(r"window\.addHotspots\([\w$]+,\s*", html)
    ]


@pytest.fixture(scope="module")
def evidence() -> dict[str, list[dict]]:
    rows = defaultdict(list)
    with (paths.BUNDLED_DATA_DIR / "place_evidence.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["relation"] == "place":
                rows[row["hotspot_id"]].append(row)
    return rows


@pytest.fixture(scope="module")
def layers() -> list[dict]:
    dataset = load_dataset(paths.BUNDLED_DATA_DIR)
    return layer_data(build_map(dataset.located, dataset.styles).get_root().render())


def test_each_independent_source_is_one_point_with_its_kind(layers, evidence):
    (layer,) = layers
    with_sources = 0
    for row in layer["rows"]:
        mine = evidence.get(row["hotspot"], [])
        lineages = {r["lineage"] for r in mine}
        if len(lineages) < 2:
            assert "ev" not in row, row["hotspot"]
            assert "reach" not in row, row["hotspot"]
            continue
        with_sources += 1
        assert len(row["ev"]) == len(lineages), row["hotspot"]
        for lat, lon, kind in row["ev"]:
            named = {
                escaping.text(SOURCE_NAMES[r["source_kind"]])
                for r in mine
                if (round(float(r["lat"]), 5), round(float(r["lon"]), 5)) == (lat, lon)
            }
            assert layer["kinds"][kind] in named, (row["hotspot"], lat, lon)
    assert with_sources == sum(len({r["lineage"] for r in rows}) >= 2 for rows in evidence.values()) > 10


def test_the_circle_reaches_the_farthest_source_and_no_farther(layers):
    for row in layers[0]["rows"]:
        if "ev" in row:
            farthest = max(
                distance_km((row["lat"], row["lon"]), (lat, lon)) * 1000 for lat, lon, _ in row["ev"]
            )
            assert farthest <= row["reach"] < farthest + 1, row["hotspot"]


def test_source_names_are_escaped_text(layers):
    layer = layers[0]
    assert "Who&#x27;s On First" in layer["kinds"]  # set as HTML in the tooltip
    assert layer["words"]["source"] == "Source: {name}"
