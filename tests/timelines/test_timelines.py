"""The deployments and policy timelines: the bundled data, validation, the strength series."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from dashboard.data import DataDir, paths
from dashboard.data.events import SEED_SOURCES, load_deployments, load_policy, source_label, source_url
from dashboard.timelines.events import load_timelines, timeline_date_bounds
from dashboard.timelines.filters import filter_events, format_date
from dashboard.timelines.strength import reference_lines, strength_on, strength_reports, strength_series

DATA = paths.BUNDLED_DATA_DIR
SEED = "seed:mss_update_2024-11-19"
HTTP = re.compile(r"^https?://[^\s/]+")


def _raw_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle) if any(v.strip() for v in row.values())]


# --- the bundled files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "load"), [(DataDir.DEPLOYMENTS, load_deployments), (DataDir.POLICY, load_policy)]
)
def test_every_bundled_row_loads_without_a_problem(name, load):
    data, problems = load(DATA / name)
    assert [str(p) for p in problems] == []
    assert len(data.events) == len(_raw_rows(DATA / name))


@pytest.mark.parametrize("name", [DataDir.DEPLOYMENTS, DataDir.POLICY])
def test_every_bundled_row_has_a_source_and_a_date(name):
    for row in _raw_rows(DATA / name):
        sources = [s.strip() for s in row["source_urls"].split(";") if s.strip()]
        assert sources, row["event_id"]
        for source in sources:
            assert HTTP.match(source) or source == SEED, (row["event_id"], source)
        assert date.fromisoformat(row["event_date"]), row["event_id"]


def test_the_seed_marker_is_text_not_a_link():
    timelines = load_timelines(DATA)
    seeded = [e.id for e in (*timelines.deployments.events, *timelines.policy.events) if SEED in e.sources]
    assert seeded == ["dep-2024-11-19-kenya-600-seed", "pol-2024-11-19-us-pko-draft-seed"]
    assert source_url(SEED) is None
    assert source_label(SEED) == SEED_SOURCES[SEED]
    assert source_url("https://example.org/a") == "https://example.org/a"


def test_date_bounds_span_both_files():
    assert timeline_date_bounds(load_timelines(DATA)) == (date(2022, 10, 6), date(2026, 3, 21))


# --- broken rows ----------------------------------------------------------------------------

KINDS_MESSAGE = (
    "'parade' is not one of: announcement, arrival, authorized_strength, casualty, command, "
    "departure, disruption, drawdown, equipment, patrol, readiness, rotation, standby, "
    "strength_report, withdrawal_attempt"
)

# (file, column, bad value for the second data row (row 3), the exact problem)
BROKEN_ROWS = [
    ("deployments.csv", "source_urls", "", "deployments.csv:3: source_urls: is empty"),
    ("deployments.csv", "source_urls", " ; ", "deployments.csv:3: source_urls: no source given"),
    (
        "deployments.csv",
        "event_date",
        "2024-02-30",
        "deployments.csv:3: event_date: not a date in YYYY-MM-DD form: '2024-02-30'",
    ),
    (
        "deployments.csv",
        "event_date",
        "21/05/2024",
        "deployments.csv:3: event_date: not a date in YYYY-MM-DD form: '21/05/2024'",
    ),
    ("deployments.csv", "event_kind", "parade", f"deployments.csv:3: event_kind: {KINDS_MESSAGE}"),
    (
        "deployments.csv",
        "source_urls",
        "javascript:alert(1)",
        "deployments.csv:3: source_urls: not an http(s) URL: 'javascript:alert(1)'",
    ),
    (
        "deployments.csv",
        "source_urls",
        "https://example.org/ok ; javascript:alert(1)",
        "deployments.csv:3: source_urls: not an http(s) URL: 'javascript:alert(1)'",
    ),
    (
        "deployments.csv",
        "source_urls",
        "seed:another_article",
        "deployments.csv:3: source_urls: unknown seed source 'seed:another_article' "
        "(known: seed:mss_update_2024-11-19)",
    ),
    (
        "deployments.csv",
        "date_precision",
        "week",
        "deployments.csv:3: date_precision: 'week' is not one of: day, month, year",
    ),
    (
        "deployments.csv",
        "personnel",
        "-6",
        "deployments.csv:3: personnel: a count of people cannot be negative: '-6'",
    ),
    (
        "deployments.csv",
        "on_ground_change",
        "-6",
        "deployments.csv:3: on_ground_change: an arrival cannot be negative: -6",
    ),
    (
        "deployments.csv",
        "event_id",
        "dep-2023-10-01-mss-authorized",
        "deployments.csv:3: event_id: duplicate 'dep-2023-10-01-mss-authorized' (first at row 2)",
    ),
    ("policy_events.csv", "title", "", "policy_events.csv:3: title: is empty"),
    (
        "policy_events.csv",
        "event_kind",
        "tweet",
        "policy_events.csv:3: event_kind: 'tweet' is not one of: agreement, appointment, approval, "
        "court_filing, court_order, court_ruling, draft, equipment, explanation_of_vote, funding, "
        "letter, meeting, milestone, pledge, request, resolution, statement, summit",
    ),
    (
        "policy_events.csv",
        "source_urls",
        "ftp://example.org/file",
        "policy_events.csv:3: source_urls: not an http(s) URL: 'ftp://example.org/file'",
    ),
    (
        "policy_events.csv",
        "event_id",
        "Pol-Bad Id",
        "policy_events.csv:3: event_id: ids start 'pol-' and are lower-case letters, digits and '-': "
        "'Pol-Bad Id'",
    ),
]


def _write_sample(
    tmp_path: Path, name: str, *, change: dict[str, str] | None = None, drop: str | None = None
) -> Path:
    """The first three data rows of the bundled file, the second one changed."""
    rows = _raw_rows(DATA / name)[:3]
    if change:
        rows[1].update(change)
    header = [h for h in rows[0] if h != drop]
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _loader(name: str):
    return load_deployments if name == DataDir.DEPLOYMENTS else load_policy


@pytest.mark.parametrize(("name", "column", "value", "expected"), BROKEN_ROWS)
def test_a_broken_row_is_named_and_the_others_load(tmp_path, name, column, value, expected):
    path = _write_sample(tmp_path, name, change={column: value})
    data, problems = _loader(name)(path)
    assert [str(p) for p in problems] == [expected]
    assert [e.row for e in data.events] == [2, 4]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"event_kind": "patrol", "on_ground_change": "6"},
            "deployments.csv:3: on_ground_change: only arrival, departure, rotation rows change "
            "the numbers on the ground",
        ),
        (
            {"event_kind": "strength_report", "personnel": ""},
            "deployments.csv:3: personnel: is empty (required for strength_report rows)",
        ),
        (
            {"date_precision": "month"},
            "deployments.csv:3: event_date: month-precision dates fall on the 1st: 2024-05-21",
        ),
    ],
)
def test_rows_that_contradict_themselves_are_rejected(tmp_path, change, expected):
    path = _write_sample(tmp_path, DataDir.DEPLOYMENTS, change=change)
    data, problems = load_deployments(path)
    assert [str(p) for p in problems] == [expected]
    assert [e.row for e in data.events] == [2, 4]


@pytest.mark.parametrize("name", [DataDir.DEPLOYMENTS, DataDir.POLICY])
def test_a_missing_column_is_a_file_problem(tmp_path, name):
    path = _write_sample(tmp_path, name, drop="source_urls")
    data, problems = _loader(name)(path)
    assert [str(p) for p in problems] == [f"{name}:1: missing column(s): source_urls"]
    assert data.events == ()


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path):
    timelines = load_timelines(tmp_path)
    assert [str(p) for p in timelines.problems] == [
        "deployments.csv: file not found",
        "policy_events.csv: file not found",
    ]
    assert timeline_date_bounds(timelines)[0] == timeline_date_bounds(timelines)[1]


# --- strength on the ground -----------------------------------------------------------------
# Expected values are copied from /work/research/panels-data-notes.md ("Hand-checked
# strength") and, for 2025-01-04, from the reported breakdown in the source note.

HAND_CHECKED = [
    (date(2024, 7, 31), {"Kenya": 400}, 400),
    (date(2024, 10, 31), {"Kenya": 400, "Jamaica": 24, "Belize": 2, "Bahamas": 6}, 432),
    (
        date(2025, 1, 4),
        {"Kenya": 400, "Guatemala": 150, "Jamaica": 24, "El Salvador": 8, "Bahamas": 6, "Belize": 2},
        590,
    ),
    (
        date(2025, 1, 31),
        {"Kenya": 617, "Guatemala": 150, "Jamaica": 24, "El Salvador": 8, "Bahamas": 6, "Belize": 2},
        807,
    ),
    (
        date(2025, 2, 28),
        {"Kenya": 761, "Guatemala": 150, "Jamaica": 24, "El Salvador": 78, "Bahamas": 6, "Belize": 2},
        1021,
    ),
]


@pytest.fixture(scope="module")
def deployments():
    data, problems = load_deployments(DATA / DataDir.DEPLOYMENTS)
    assert problems == []
    return data


@pytest.mark.parametrize(("day", "by_country", "total"), HAND_CHECKED)
def test_strength_on_hand_checked_dates(deployments, day, by_country, total):
    on_ground = strength_on(deployments.events, day)
    assert {k: v for k, v in on_ground.items() if v} == by_country
    assert sum(on_ground.values()) == total


@pytest.mark.parametrize(("day", "by_country", "total"), HAND_CHECKED)
def test_the_chart_series_carries_the_same_values(deployments, day, by_country, total):
    series = strength_series(deployments.events, date_range=(date(2024, 6, 1), day))
    last = series[series["date"] == series["date"].max()]
    assert {a: int(p) for a, p in zip(last["actor"], last["personnel"], strict=True) if p} == by_country
    assert int(last["personnel"].sum()) == total


def test_the_series_steps_only_on_change_dates(deployments):
    series = strength_series(deployments.events, date_range=(date(2024, 7, 1), date(2024, 7, 31)))
    kenya = series[series["actor"] == "Kenya"]
    assert [(d.date(), int(p)) for d, p in zip(kenya["date"], kenya["personnel"], strict=True)] == [
        (date(2024, 7, 1), 200),
        (date(2024, 7, 16), 400),
        (date(2024, 7, 31), 400),
    ]
    assert set(series["actor"]) == {"Kenya"}  # countries not yet deployed are left out


def test_reference_lines_come_from_the_authorized_rows(deployments):
    lines = reference_lines(deployments)
    assert [(line.label, line.personnel, line.start, line.end) for line in lines] == [
        ("MSS planned strength 2,500", 2500, date(2023, 10, 1), date(2025, 9, 30)),
        ("GSF ceiling 5,550 (Res. 2793)", 5550, date(2025, 9, 30), None),
    ]


def test_reference_lines_follow_an_edited_figure(tmp_path):
    path = _write_sample(tmp_path, DataDir.DEPLOYMENTS)
    text = path.read_text(encoding="utf-8").replace(",2500,", ",2600,")
    path.write_text(text, encoding="utf-8")
    data, _ = load_deployments(path)
    assert [line.label for line in reference_lines(data)] == ["MSS planned strength 2,600"]


def test_strength_reports_are_the_reported_totals(deployments):
    assert [(e.date, e.actor, e.personnel) for e in strength_reports(deployments)] == [
        (date(2024, 9, 30), "MSS total", 410),
        (date(2024, 10, 11), "MSS total", 430),
        (date(2025, 2, 4), "MSS total", 859),
        (date(2025, 9, 1), "MSS total", 970),
        (date(2025, 12, 1), "GSF total", 980),
    ]


# --- filters and dates ----------------------------------------------------------------------


def test_filter_by_date_actor_and_kind(deployments):
    jan_feb_2025 = (date(2025, 1, 1), date(2025, 2, 28))
    assert len(filter_events(deployments.events, date_range=jan_feb_2025)) == 11
    kenya = filter_events(deployments.events, date_range=jan_feb_2025, actors={"Kenya"})
    assert [e.id for e in kenya] == [
        "dep-2025-01-18-kenya-arrival-3",
        "dep-2025-01-22-fob-handover-guatemala",
        "dep-2025-02-06-kenya-arrival-4",
        "dep-2025-02-23-kenya-kia-kaetuai",
    ]
    assert len(filter_events(deployments.events, kinds={"casualty"})) == 3
    assert filter_events(deployments.events, actors=()) == []


def test_a_month_precision_event_is_in_a_range_that_overlaps_its_month(deployments):
    mid_september = (date(2025, 9, 15), date(2025, 9, 20))
    ids = [e.id for e in filter_events(deployments.events, date_range=mid_september)]
    assert ids == ["dep-2025-09-01-mss-strength-end"]


def test_policy_filters():
    policy, _ = load_policy(DATA / DataDir.POLICY)
    resolutions = filter_events(policy.events, kinds={"resolution"})
    assert [(e.title, e.vote) for e in resolutions] == [
        ("Resolution 2699", "13-0-2"),
        ("Resolution 2751", "15-0"),
        ("OAS backs Haiti's UN PKO request", "by acclamation (reported)"),
        ("OAS AG/RES. 3039 (Haiti Roadmap)", ""),
        ("Resolution 2793", "12-0-3"),
    ]
    assert len(filter_events(policy.events, date_range=(date(2025, 1, 1), date(2025, 2, 28)))) == 5


@pytest.mark.parametrize(
    ("day", "precision", "expected"),
    [
        (date(2024, 6, 25), "day", "25 Jun 2024"),
        (date(2025, 1, 1), "month", "Jan 2025"),
        (date(2025, 1, 1), "year", "2025"),
    ],
)
def test_dates_are_shown_as_exactly_as_known(day, precision, expected):
    assert format_date(day, precision) == expected
