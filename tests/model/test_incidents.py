"""Which incidents a view shows: dates, event types, sub-types, an actor search, in codes."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.model.incidents import (
    CodedFilter,
    IncidentFilter,
    Vocabulary,
    days,
    incident_mask,
    matching_actors,
)

FRAME = pd.DataFrame(
    {
        "date": pd.to_datetime(["2024-03-01", "2024-03-31", "2024-04-01", "2024-02-29"]),
        "event_type": ["Battles", "Riots", "Battles", "Protests"],
        "sub_event_type": ["Armed clash", "Mob violence", "Armed clash", "Peaceful protest"],
        "actor1": ["Gang Viv Ansanm", "Rioters (Haiti)", "Police Nationale d'Haïti", "Protesters (Haiti)"],
        "actor2": ["Police Nationale d'Haïti", "", "Gang Viv Ansanm", ""],
    }
)
VOCABULARY = Vocabulary.of(FRAME)


def shown(**chosen) -> list[int]:
    return list(FRAME.index[incident_mask(FRAME, IncidentFilter(**chosen), VOCABULARY)])


def test_dates_are_inclusive_days():
    assert shown(start=date(2024, 3, 1), end=date(2024, 3, 31)) == [0, 1]
    assert shown() == [0, 1, 2, 3]


def test_types_subtypes_and_actor_combine():
    assert shown(event_types=("Battles",)) == [0, 2]
    assert shown(sub_types=("Mob violence", "Peaceful protest")) == [1, 3]
    assert shown(event_types=("Battles",), end=date(2024, 3, 31)) == [0]
    assert shown(event_types=()) == []


def test_the_actor_search_ignores_accents_case_and_matches_either_actor():
    assert shown(actor="police nationale d haiti") == [0, 2]
    assert shown(actor="VIV") == [0, 2]
    assert shown(actor="nobody") == []
    assert matching_actors(VOCABULARY.actors, "  ") is None


def test_the_browser_filter_is_the_same_in_codes():
    coded = CodedFilter.of(
        IncidentFilter(date(2024, 3, 1), date(2024, 3, 31), ("Riots",), None, "rioters"), VOCABULARY
    )
    assert coded.as_json() == {
        "from": days(date(2024, 3, 1)),
        "to": days(date(2024, 3, 31)),
        "types": [VOCABULARY.types.index("Riots")],
        "subs": None,
        "actors": [VOCABULARY.actors.index("Rioters (Haiti)")],
    }
    assert days(date(1970, 1, 2)) == 1
