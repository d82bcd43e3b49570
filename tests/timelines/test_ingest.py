"""Finding known places in an update's text, and proposing the rest for review."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dashboard.text.folding import fold
from dashboard.timelines.ingest import capitalised_names, find_known, review

ROOT = Path(__file__).resolve().parents[2]
SEED_IDS = [
    "tlia", "carrefour-drouillard", "cazeau", "carrefour-aeroport", "ighnp-building", "apn-port",
    "champ-de-mars", "solino", "fort-national", "police-college", "pont-sonde", "carrefour-paye",
    "lestere", "la-croix", "petite-riviere", "vivy-mitchell", "downtown-pap", "delmas", "torcelle",
    "bourdon", "christ-roi", "varreux-terminal",
]  # fmt: skip


@pytest.fixture(scope="module")
def places() -> dict[str, list[str]]:
    with (ROOT / "data" / "hotspots.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        r["id"]: [r["source_name"], r["canonical_name"], *filter(None, r["alt_names"].split("|"))]
        for r in rows
    }


# The seed's quoted list, as the MSS wrote it (the stored seed lives outside the repo).
SEED_QUOTE = (
    "MSS has remained steadfast in its security operations that are currently being focused and the "
    "impact felt at Toussaint Louverture International Airport (TLIA), Carrefour Drouillard, Cazeau, "
    "Carrefour l’aeroport, IGHNP Building, National Port Authority (APN), Champ de Mars, Solino, Fort "
    "National, National Police College,  Pont Sonde, Carrefour Paye, l’Estere,  La Croix and Petite "
    "Rivière, Vivi Mitchell, Downtown, Delmas, Torcelle, Bourdon, Christ Roi, and Varreux Fuel Terminal."
)


def test_the_seed_list_gives_exactly_its_22_places_in_order(places):
    assert [m.hotspot_id for m in find_known(SEED_QUOTE, places)] == SEED_IDS


@pytest.mark.parametrize("written", ["l'Estere", "L’Estère", "Lestere", "L Estère", "L'ESTÈRE", "l-estere"])
def test_spellings_fold_to_the_same_place(places, written):
    assert [m.hotspot_id for m in find_known(f"Patrols reached {written} today.", places)] == ["lestere"]
    assert fold(written) == "lestere"


def test_generic_words_are_not_places(places):
    text = "The team flew downtown Nairobi, then to Downtown Saint-Marc, then patrolled Downtown, Delmas."
    assert [m.name_as_written for m in find_known(text, places)] == ["Downtown", "Delmas"]


def test_names_do_not_run_across_punctuation(places):
    # "Fort, National Police College" must not become "Fort National"
    assert [m.hotspot_id for m in find_known("Near the Fort, National Police College staff", places)] == [
        "police-college"
    ]


def test_a_french_update_finds_its_places(places):
    text = (
        "Mise à jour : la MSSM et la PNH ont mené une opération conjointe à Solino et au Champ-de-Mars, "
        "puis des patrouilles à Pont-Sondé, au Carrefour Paye et à L'Estère. L’Académie Nationale de "
        "Police a repris ses cours."
    )
    found = [m.hotspot_id for m in find_known(text, places)]
    assert found == ["solino", "champ-de-mars", "pont-sonde", "carrefour-paye", "lestere", "police-college"]


def test_unknown_places_are_proposed_with_what_the_gazetteer_knows(places):
    text = "Joint operations continued in Fond-Parisien and Mirebalais, near Solino, with Commander Otunge."
    gazetteer = {"mirebalais": ("Mirebalais", 18.83, -72.10)}
    known, candidates = review(text, places, lambda name: gazetteer.get(fold(name)))
    assert [m.hotspot_id for m in known] == ["solino"]
    assert [(c.name_as_written, c.found is not None) for c in candidates] == [
        ("Fond-Parisien", False),
        ("Mirebalais", True),
        ("Commander Otunge", False),
    ]


def test_known_places_are_never_proposed_again(places):
    text = "Solino. Solino again, and Delmas."
    assert capitalised_names(text, find_known(text, places)) == []
