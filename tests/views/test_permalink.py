"""Permalinks: a view survives the trip through the query string; bad links never crash."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.views.permalink import ViewState, parse_query, query_string, to_query

TYPES = ["transport_hub", "port_fuel", "government_police", "junction", "neighbourhood", "town"]
HOTSPOTS = ["tlia", "pont-sonde", "solino"]
BOUNDS = (date(2022, 10, 6), date(2026, 3, 21))


def parse(params):
    return parse_query(params, type_ids=TYPES, hotspot_ids=HOTSPOTS, date_bounds=BOUNDS)


@pytest.mark.parametrize(
    "state",
    [
        ViewState(),
        ViewState(view="brief", basemap="light"),
        ViewState(view="brief", basemap="none", size="1920x1080", extent="pap"),
        ViewState(
            types=("town", "junction"),
            area="Artibonite",
            q="pont",
            extent="artibonite",
            basemap="satellite",
            hotspot="pont-sonde",
            panel="deployments",
            dates=(date(2025, 1, 1), date(2025, 2, 28)),
        ),
        ViewState(types=()),
        ViewState(lang="fr", view="brief", basemap="light"),
    ],
)
def test_round_trip(state):
    query = to_query(state, date_bounds=BOUNDS)
    parsed, notices = parse(query)
    assert notices == []
    expected_types = None if state.types is None else tuple(t for t in TYPES if t in state.types)
    assert parsed == ViewState(**{**state.__dict__, "types": expected_types})


def test_defaults_make_an_empty_link():
    assert to_query(ViewState(), date_bounds=BOUNDS) == {}
    assert query_string({}) == ""
    assert to_query(ViewState(view="brief", basemap="light")) == {"view": ["brief"]}


def test_required_names():
    state, _ = parse({"view": ["brief"], "type": ["town", "junction"]})
    assert state.brief
    assert state.types == ("junction", "town")  # style-table order
    assert query_string(to_query(state)) == "?view=brief&type=junction&type=town"


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"colour": ["red"]}, "unknown link parameter 'colour' ignored"),
        ({"view": ["poster"]}, "'view=poster' is not one of full, brief; ignored"),
        ({"type": ["town", "castle"]}, "unknown type(s) castle ignored"),
        ({"area": ["Nord"]}, "'area=Nord' is not one of all, Ouest, Artibonite; ignored"),
        ({"hotspot": ["nowhere"]}, "'hotspot=nowhere' is not one of tlia, pont-sonde, solino; ignored"),
        ({"from": ["2025-13-01"]}, "'from=2025-13-01' is not a YYYY-MM-DD date; ignored"),
        ({"from": ["2025-06-01"], "to": ["2025-01-01"]}, "'from' is after 'to'; the dates were swapped"),
        ({"size": ["99999x1"]}, "'size=99999x1' is not one of 1280x720, 1920x1080; ignored"),
    ],
)
def test_bad_parameters_are_ignored_with_a_notice(params, notice):
    state, notices = parse(params)
    assert notice in notices
    assert isinstance(state, ViewState)


def test_a_bad_id_among_many_gives_a_short_notice():
    many = [f"place-{n}" for n in range(22)]
    _, notices = parse_query({"hotspot": ["nowhere"]}, type_ids=TYPES, hotspot_ids=many)
    assert notices == ["'hotspot=nowhere' is not a known hotspot id; ignored"]


def test_dates_are_clamped_to_the_data():
    state, _ = parse({"from": ["1990-01-01"], "to": ["2030-01-01"]})
    assert state.dates == BOUNDS


EVENTS = ["Battles", "Riots", "Violence against civilians"]
SUBS = ["Armed clash", "Attack", "Mob violence"]


def test_incident_settings_survive_a_link():
    state = ViewState(
        event_types=("Battles", "Riots"),
        sub_types=("Armed clash",),
        actor="police",
        incidents="heat-fatalities",
        radius_km=2.0,
        dates=(date(2025, 1, 1), date(2025, 2, 28)),
    )
    query = to_query(state, date_bounds=BOUNDS)
    assert query["event"] == ["Battles", "Riots"]
    assert query["radius"] == ["2"]
    parsed, notices = parse_query(
        query, type_ids=TYPES, hotspot_ids=HOTSPOTS, date_bounds=BOUNDS, event_types=EVENTS, sub_types=SUBS
    )
    assert notices == []
    assert parsed == state


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"radius": ["7"]}, "'radius=7' is not one of 0.5, 1, 2, 3, 5 (km); ignored"),
        ({"radius": ["far"]}, "'radius=far' is not one of 0.5, 1, 2, 3, 5 (km); ignored"),
        ({"event": ["Picnic"]}, "unknown event(s) Picnic ignored"),
        ({"incidents": ["3d"]}, "'incidents=3d' is not one of clusters, heat, heat-fatalities; ignored"),
    ],
)
def test_bad_incident_settings_are_ignored_with_a_notice(params, notice):
    state, notices = parse_query(
        params, type_ids=TYPES, hotspot_ids=HOTSPOTS, event_types=EVENTS, sub_types=SUBS
    )
    assert notices == [notice]
    assert state == ViewState()


def test_language_from_the_link_else_the_browser():
    assert parse({"lang": ["fr"]})[0].lang == "fr"
    assert parse({"lang": ["FR"]}) == (ViewState(lang="fr"), [])
    browser_fr = parse_query({}, type_ids=TYPES, hotspot_ids=HOTSPOTS, default_lang="fr")[0]
    assert browser_fr.lang == "fr"
    assert to_query(browser_fr) == {"lang": ["fr"]}  # the link then says it
    linked = parse_query({"lang": ["en"]}, type_ids=TYPES, hotspot_ids=HOTSPOTS, default_lang="fr")
    assert linked[0].lang == "en"


def test_notices_in_the_link_language():
    state, notices = parse({"lang": ["fr"], "colour": ["red"], "area": ["Nord"]})
    assert state.lang == "fr"
    assert notices == [
        "paramètre de lien inconnu «\u00a0colour\u00a0» ignoré",
        "«\u00a0area=Nord\u00a0» ne fait pas partie de all, Ouest, Artibonite\u202f; ignoré",
    ]
    state, notices = parse({"lang": ["de"]})
    assert state.lang == "en"
    assert notices == ["'lang=de' is not one of en, fr; ignored"]
