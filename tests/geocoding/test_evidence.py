"""The evidence rule: chosen point, lineages, spread and confidence from evidence rows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.data.geography import distance_km
from dashboard.geocoding import evidence
from dashboard.geocoding.evidence import EvidenceRow, assess


def row(lineage: str, lat: float, lon: float, **fields) -> EvidenceRow:
    values = {
        "hotspot_id": "h",
        "source_kind": "geonames",
        "dataset": "GeoNames",
        "record_id": lineage,
        "name_in_source": "Somewhere",
        "lat": str(lat),
        "lon": str(lon),
        "precision": "neighbourhood",
        "lineage": lineage,
        "relation": "place",
        "retrieved": "2026-12-02",
    }
    values.update({key: str(value) for key, value in fields.items()})
    return EvidenceRow.model_validate(values)


# 0.001° of latitude is 0.111 km
BASE = (18.5, -72.3)


def test_haversine_matches_a_known_distance():
    # one degree of latitude along a meridian: 111.2 km on the mean sphere
    assert distance_km((18.0, -72.0), (19.0, -72.0)) == pytest.approx(111.195, abs=0.01)
    assert distance_km(BASE, BASE) == 0


def test_two_lineages_within_half_a_km_are_high():
    result = assess("h", [row("geonames:1", *BASE), row("acled:x", BASE[0] + 0.003, BASE[1])])
    assert result.confidence == "high"
    assert result.lineages == 2
    assert result.spread_km == pytest.approx(0.334, abs=0.01)
    assert result.reason.startswith("2 independent sources within 0.3 km")


def test_copies_of_one_lineage_count_once():
    rows = [row("geonames:1", *BASE), row("geonames:1", *BASE, source_kind="wof", precision="locality")]
    result = assess("h", rows)
    assert result.lineages == 1
    assert result.confidence == "medium"  # one source naming the place at neighbourhood level


def test_two_lineages_within_one_and_a_half_km_are_medium():
    result = assess(
        "h", [row("a", *BASE, precision="area"), row("b", BASE[0] + 0.010, BASE[1], precision="area")]
    )
    assert result.confidence == "medium"
    assert 1.0 < result.spread_km < 1.5


def test_a_single_coarse_point_is_low():
    assert assess("h", [row("a", *BASE, precision="area")]).confidence == "low"


def test_an_authoritative_site_point_alone_is_high():
    result = assess("h", [row("osm:node/1", *BASE, source_kind="osm", precision="site")])
    assert result.confidence == "high"
    assert result.reason == "1 source (osm, site level)"


def test_a_site_from_a_non_authoritative_source_alone_is_medium():
    assert (
        assess("h", [row("wikipedia:x", *BASE, source_kind="wikipedia", precision="site")]).confidence
        == "medium"
    )


def test_the_most_precise_lineage_is_chosen_and_far_lineages_are_reported():
    rows = [
        row("geonames:1", *BASE, precision="locality"),
        row("osm:way/2", BASE[0] + 0.001, BASE[1], source_kind="osm", precision="site"),
        row("acled:far", BASE[0] + 0.05, BASE[1]),
    ]
    result = assess("h", rows)
    assert result.chosen.lineage == "osm:way/2"
    assert result.agreeing == 2
    assert result.spread_km == pytest.approx(5.56, abs=0.05)
    assert "1 more lies farther than 1.5 km" in result.reason


def test_volunteer_reports_corroborate_but_never_stand_alone():
    alone = assess("h", [row("ushahidi:12", *BASE, source_kind="ushahidi")])
    assert alone.confidence == "low"
    assert alone.chosen is None
    corroborated = assess(
        "h", [row("ushahidi:12", *BASE, source_kind="ushahidi"), row("acled:x", BASE[0] + 0.002, BASE[1])]
    )
    assert corroborated.chosen.lineage == "acled:x"
    assert corroborated.confidence == "high"


def test_stand_ins_and_rejected_candidates_never_make_the_point():
    rows = [
        row(
            "geonames:city", *BASE, relation="stand-in", precision="commune", name_in_source="Port-au-Prince"
        ),
        row("geonames:other", 19.2, -72.3, relation="candidate-rejected"),
    ]
    result = assess("h", rows)
    assert result.confidence == "low"
    assert (result.lat, result.lon) == BASE
    assert result.lineages == 0
    assert "stand-in: the point of Port-au-Prince" in result.reason


def test_other_hotspots_rows_are_ignored():
    assert assess("other", [row("a", *BASE)]).chosen is None


coordinate = st.tuples(st.floats(18.0, 20.0), st.floats(-74.0, -71.5))


@given(st.lists(coordinate, min_size=1, max_size=6), st.sampled_from(evidence.PRECISIONS))
def test_the_chosen_point_is_always_one_sources_own_coordinate(points, precision):
    rows = [row(f"l{i}", lat, lon, precision=precision) for i, (lat, lon) in enumerate(points)]
    result = assess("h", rows)
    assert (result.lat, result.lon) in points
    assert result.lineages == len(points)
    # the spread bounds the distance of every lineage from the chosen point
    assert all(distance_km((result.lat, result.lon), p) <= result.spread_km + 1e-9 for p in points)


def test_the_summary_and_its_markdown_table_say_what_the_rule_gave():
    rows = [
        row("geonames:1", *BASE, dataset="GeoNames", record_id="3718426"),
        row("acled:x", BASE[0] + 0.003, BASE[1]),
    ]
    summary = evidence.summary_rows({"h": "Place | one"}, evidence.assess_all(["h"], rows))
    assert summary[0]["confidence"] == "high"
    assert summary[0]["lineages"] == "2"
    table = evidence.markdown_table(summary)
    assert "| Place \\| one | 18.50000, -72.30000 | neighbourhood | high | 2 | 0.33 |" in table
