"""The bundled data itself: an analyst's bad edit fails CI here."""

from __future__ import annotations

import math
import re
from datetime import date

import pytest

from dashboard.data import DataDir, load_inputs, paths
from dashboard.data.hotspots import load_hotspots
from dashboard.data.styles import load_type_styles
from dashboard.data.validate import validate
from dashboard.geocoding import Gazetteer, load_store, resolve_all
from dashboard.geocoding.evidence import assess_all
from dashboard.model.dataset import load_dataset
from tests.support.seed import seed_dataset

SEED = paths.BUNDLED_DATA_DIR.parent.parent / "shared" / "seed" / "mss_update_2024-11-19.txt"
ARTIBONITE = {"pont-sonde", "carrefour-paye", "lestere", "la-croix", "petite-riviere"}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(paths.BUNDLED_DATA_DIR)


def test_loads_without_problems(dataset):
    assert [str(p) for p in dataset.problems] == []


def test_every_place_is_placed_and_the_default_update_names_the_22(dataset):
    assert dataset.unplaced == []
    assert len(seed_dataset().located) == 22


def test_every_hotspot_is_named_by_at_least_one_update(dataset):
    for item in dataset.located:
        assert dataset.updates.history(item.hotspot.id), item.hotspot.id


def test_source_names_are_spelled_as_in_the_update(dataset):
    """Every source_name occurs verbatim in the MSS quote (the quoted list of places)."""
    quote = (
        "Toussaint Louverture International Airport (TLIA), Carrefour Drouillard, Cazeau, "
        "Carrefour l’aeroport, IGHNP Building, National Port Authority (APN), Champ de Mars, "
        "Solino, Fort National, National Police College, Pont Sonde, Carrefour Paye, l’Estere, "
        "La Croix and Petite Rivière, Vivi Mitchell, Downtown, Delmas, Torcelle, Bourdon, "
        "Christ Roi, and Varreux Fuel Terminal"
    )
    if SEED.exists():  # the shared folder sits beside the checkout on the team's machines
        # The article pads the list with no-break spaces; compare with spaces folded.
        assert quote in " ".join(SEED.read_text(encoding="utf-8").split())
    names = [item.hotspot.source_name for item in seed_dataset().located]
    assert len(set(names)) == 22
    for name in names:
        assert name in quote, name


def test_artibonite_places_are_in_artibonite_not_the_capital(dataset):
    by_id = {item.hotspot.id: item for item in dataset.located}
    artibonite = {i for i, item in by_id.items() if item.hotspot.department == "Artibonite"}
    assert artibonite >= ARTIBONITE  # later updates add places there (Liancourt, Savien, …)
    for place in artibonite:
        lat = by_id[place].location[0]
        # Port-au-Prince lies near 18.54 N; the Lower Artibonite is north of 19 N.
        assert lat > 19.0, place
    for item in dataset.located:
        if item.hotspot.department == "Ouest":
            assert 18.4 < item.location[0] < 18.7, item.hotspot.id


def test_every_committed_coordinate_has_method_precision_and_evidence():
    store, problems = load_store(paths.BUNDLED_DATA_DIR / DataDir.GEOCODES)
    assert problems == []
    styles, _ = load_type_styles(paths.BUNDLED_DATA_DIR / DataDir.TYPES)
    hotspots, _ = load_hotspots(paths.BUNDLED_DATA_DIR / DataDir.HOTSPOTS, type_ids=styles)
    assert set(store) == {h.id for h in hotspots}
    for entry in store.values():
        assert entry.method in {"manual", "evidence", "gazetteer", "nominatim"}
        assert entry.precision
        assert entry.confidence
        assert entry.evidence_kind
        assert entry.evidence_id
        assert re.match(r"https://", entry.evidence_url or ""), entry.id
        assert entry.retrieved <= date.today()
        # a stand-in is always low (a commune-level point can be high when the hotspot is the
        # commune itself, e.g. Pétion-Ville named as a whole: the evidence rule decides)
        if "stand-in" in entry.note.lower():
            assert entry.confidence == "low", entry.id


def test_committed_store_is_what_offline_geocoding_gives():
    """`python -m dashboard geocode` on a clean store reproduces the committed store."""
    inputs = load_inputs(paths.BUNDLED_DATA_DIR)
    store = inputs.store
    assert inputs.problems[DataDir.GAZETTEER] == []
    gazetteer = Gazetteer(inputs.gazetteer)
    evidence = assess_all([spot.id for spot in inputs.hotspots], inputs.evidence)
    fresh = resolve_all(inputs.hotspots, {}, gazetteer=gazetteer, today=date(2026, 11, 30), evidence=evidence)
    for result in fresh:
        committed = store[result.hotspot_id]
        if committed.method == "manual":
            continue
        fresh_entry = result.entry.model_copy(update={"retrieved": committed.retrieved})
        assert fresh_entry == committed, result.hotspot_id


def test_every_type_is_used_and_styled(dataset):
    used = {item.hotspot.type for item in dataset.located}
    assert used == set(dataset.styles)
    colours = [style.colour for style in dataset.styles.values()]
    shapes = [style.shape for style in dataset.styles.values()]
    assert len(set(colours)) == len(colours)
    assert len(set(shapes)) == len(shapes)


def test_deployment_events_point_at_mapped_hotspots(dataset):
    from dashboard.timelines import load_timelines

    timelines = load_timelines(paths.BUNDLED_DATA_DIR)
    ids = {item.hotspot.id for item in dataset.located}
    linked = {e.hotspot_id for e in timelines.deployments.events if e.hotspot_id}
    assert linked
    assert linked <= ids, linked - ids


# --- issue 9: every hotspot at its own place, confidence from the evidence ------------------


@pytest.fixture(scope="module")
def inputs():
    return load_inputs(paths.BUNDLED_DATA_DIR)


def test_every_hotspot_has_evidence_it_can_cite(inputs):
    for spot in inputs.hotspots:
        rows = [row for row in inputs.evidence if row.hotspot_id == spot.id]
        assert rows, spot.id
        assert all(row.url or row.record_id for row in rows), spot.id


def test_the_store_holds_what_the_evidence_rule_gives(inputs):
    """Confidence, point, lineages and spread are recomputed here from the evidence table,
    so a hand edit of geocodes.csv (or a stale store) fails."""
    assessments = assess_all([spot.id for spot in inputs.hotspots], inputs.evidence)
    for spot in inputs.hotspots:
        stored, assessment = inputs.store[spot.id], assessments[spot.id]
        if stored.is_manual:
            assert stored.note, f"{spot.id}: a manual override must say why"
            continue
        assert stored.method == "evidence", spot.id
        assert (stored.lat, stored.lon) == pytest.approx((assessment.lat, assessment.lon), abs=1e-6), spot.id
        assert stored.confidence == assessment.confidence, spot.id
        assert stored.lineages == assessment.lineages, spot.id
        if assessment.spread_km is None:
            assert stored.spread_km is None, spot.id
        else:
            assert stored.spread_km == pytest.approx(assessment.spread_km, abs=0.006), spot.id


def test_at_most_three_low_confidence_points_each_explained(dataset):
    low = [item for item in dataset.located if item.geocode.is_low_confidence]
    assert len(low) <= 3
    for item in low:
        assert item.hotspot.location_note, item.hotspot.id


def test_no_two_hotspots_share_a_point(dataset):
    points = [(round(item.geocode.lat, 5), round(item.geocode.lon, 5)) for item in dataset.located]
    assert len(set(points)) == len(points)


def test_the_artibonite_places_stay_north_of_19_degrees(dataset):
    for item in dataset.located:
        if item.hotspot.id in ARTIBONITE:
            assert item.geocode.lat > 19.0, item.hotspot.id
            assert item.hotspot.department == "Artibonite"


def test_carrefour_paye_lies_on_rn1_between_pont_sonde_and_lestere(dataset):
    """Within 3 km of the straight segment Pont-Sondé – L'Estère (an equirectangular
    projection is exact enough over 20 km)."""
    where = {item.hotspot.id: item.location for item in dataset.located}
    (lat_a, lon_a), (lat_b, lon_b), (lat_p, lon_p) = (
        where["pont-sonde"],
        where["lestere"],
        where["carrefour-paye"],
    )
    kx = 111.195 * math.cos(math.radians((lat_a + lat_b) / 2))

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon - lon_a) * kx, (lat - lat_a) * 111.195

    (bx, by), (px, py) = xy(lat_b, lon_b), xy(lat_p, lon_p)
    t = max(0.0, min(1.0, (px * bx + py * by) / (bx * bx + by * by)))
    assert math.hypot(px - t * bx, py - t * by) <= 3.0


def test_evidence_for_an_unknown_hotspot_and_a_hotspot_without_evidence_are_reported(tmp_path):
    for name in (DataDir.TYPES, DataDir.HOTSPOTS, DataDir.GEOCODES):
        (tmp_path / name).write_bytes((paths.BUNDLED_DATA_DIR / name).read_bytes())
    evidence = (paths.BUNDLED_DATA_DIR / DataDir.EVIDENCE).read_text(encoding="utf-8").splitlines()
    kept = [evidence[0]] + [line for line in evidence[1:] if not line.startswith("tlia,")]
    kept.append(kept[1].replace(kept[1].split(",")[0], "atlantis", 1))
    (tmp_path / DataDir.EVIDENCE).write_text("\n".join(kept) + "\n", encoding="utf-8")
    messages = [str(p) for p in validate(load_inputs(tmp_path))]
    expected = "1 row(s) about 'atlantis', which hotspots.csv lacks (missing or rejected)"
    assert f"place_evidence.csv: hotspot_id: {expected}" in messages
    assert "hotspots.csv: id: 'tlia' has no row in place_evidence.csv" in messages


# --- issue 13: every timeline row sourced, weak ones said to be weak -------------------------


def test_a_row_with_only_secondary_sources_says_it_is_weakly_sourced_and_why(inputs):
    for event in (*inputs.deployments.events, *inputs.policy.events):
        best = inputs.publishers.best(event.sources)
        if best.tier == "secondary":
            assert event.source_note.startswith("Weakly sourced: "), event.id
            assert len(event.source_note) > len("Weakly sourced: ") + 10, event.id


def test_every_cited_domain_is_classified(inputs):
    assert inputs.unknown_domains == []
    assert inputs.problems[DataDir.PUBLISHERS] == []


def test_no_mirror_or_scraper_site_is_cited(inputs):
    """The sites issue 13 found in use; a publisher marked as a mirror must not come back."""
    banned = ("movies.yahoo.com", "whatsnew2day.com", "peakukshop.com", "wideo.ovh", "jamaican.xyz")
    urls = [url for e in (*inputs.deployments.events, *inputs.policy.events) for url in e.sources]
    assert not [url for url in urls if any(site in url for site in banned)]
    assert not [url for url in urls if re.match(r"https?://\d+\.\d+\.\d+\.\d+", url)]  # bare IPs
