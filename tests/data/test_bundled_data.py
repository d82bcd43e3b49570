"""The bundled data itself: an analyst's bad edit fails CI here."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dashboard.data import DataDir, load_inputs, paths
from dashboard.data.hotspots import load_hotspots
from dashboard.data.styles import load_type_styles
from dashboard.geocoding import Gazetteer, load_store, resolve_all
from dashboard.model.dataset import load_dataset

SEED = paths.BUNDLED_DATA_DIR.parent.parent / "shared" / "seed" / "mss_update_2024-11-19.txt"
ARTIBONITE = {"pont-sonde", "carrefour-paye", "lestere", "la-croix", "petite-riviere"}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(paths.BUNDLED_DATA_DIR)


def test_loads_without_problems(dataset):
    assert [str(p) for p in dataset.problems] == []


def test_twenty_two_places_all_placed(dataset):
    assert len(dataset.located) == 22
    assert dataset.unplaced == []


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
    names = [item.hotspot.source_name for item in dataset.located]
    assert len(set(names)) == 22
    for name in names:
        assert name in quote, name


def test_artibonite_places_are_in_artibonite_not_the_capital(dataset):
    by_id = {item.hotspot.id: item for item in dataset.located}
    assert {i for i, item in by_id.items() if item.hotspot.department == "Artibonite"} == ARTIBONITE
    for place in ARTIBONITE:
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
        assert entry.method in {"manual", "gazetteer", "nominatim"}
        assert entry.precision
        assert entry.confidence
        assert entry.evidence_kind
        assert entry.evidence_id
        assert re.match(r"https://", entry.evidence_url or ""), entry.id
        assert entry.retrieved <= date.today()
        if entry.precision == "commune" or "Stand-in" in entry.note:
            assert entry.confidence == "low", entry.id


def test_committed_store_is_what_offline_geocoding_gives():
    """`python -m dashboard geocode` on a clean store reproduces the committed store."""
    inputs = load_inputs(paths.BUNDLED_DATA_DIR)
    store = inputs.store
    assert inputs.problems[DataDir.GAZETTEER] == []
    gazetteer = Gazetteer(inputs.gazetteer)
    fresh = resolve_all(inputs.hotspots, {}, gazetteer=gazetteer, today=date(2026, 11, 30))
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
