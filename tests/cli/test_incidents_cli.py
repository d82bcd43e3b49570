"""The CLI and incidents.csv: validate applies the app's reader; export adds aggregates only."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard.cli import main
from dashboard.data.acled import load_incidents
from dashboard.model import load_dataset
from tests.support.acled import row, write

SECRET_NOTE = "SYNTHETIC note that must never leave the app"


@pytest.fixture
def with_incidents(data_dir):
    dataset = load_dataset(data_dir)
    lat, lon = next(item for item in dataset.located if item.hotspot.id == "tlia").location
    rows = [
        row("SYN1", lat, lon, when="2024-11-02", fatalities=3, notes=SECRET_NOTE),
        row("SYN2", lat, lon, when="2024-11-20", fatalities=0, notes=SECRET_NOTE),
        row("SYN3", lat, lon, when="2024-10-15", fatalities=1, notes=SECRET_NOTE),
        row("BAD1", "north", lon, when="2024-11-02"),
        row("BAD2", lat, lon, when="someday"),
        row("SYN0", lat, lon, when="2024-01-05", fatalities=0, notes=SECRET_NOTE),  # coverage start
    ]
    write(data_dir / "incidents.csv", rows)
    return data_dir


def test_validate_reports_the_rows_the_app_rejects_and_how_many_load(with_incidents, capsys):
    assert main(["--data-dir", str(with_incidents), "validate"]) == 1
    out = capsys.readouterr()
    app_problems = [str(p) for p in load_incidents(with_incidents).problems]  # the app's reader
    assert app_problems == [
        "incidents.csv:5: latitude: not a number: 'north'",
        "incidents.csv:6: event_date: not a date ('someday'; e.g. 2024-03-15 or 15 March 2024)",
    ]
    assert out.out.splitlines() == app_problems
    assert "incidents.csv: 4 of 6 rows load" in out.err


def test_validate_of_a_good_incident_file(with_incidents, capsys):
    path = with_incidents / "incidents.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:4] + lines[6:]) + "\n", encoding="utf-8")
    assert main(["--data-dir", str(with_incidents), "validate"]) == 0
    assert "incidents.csv: 4 of 4 rows load" in capsys.readouterr().err


def test_export_adds_activity_columns_and_the_credit_never_acled_rows(with_incidents, capsys):
    args = ["--data-dir", str(with_incidents), "export", "--format", "csv", "--incidents-radius", "1"]
    assert main([*args, "--from", "2024-11-01", "--to", "2024-11-30"]) == 0
    out = capsys.readouterr()
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.out))}
    tlia = rows["tlia"]
    assert (tlia["incidents"], tlia["fatalities"], tlia["change_pct"]) == ("2", "3", "100.0")
    assert tlia["incidents_source"].startswith("Incidents: Armed Conflict Location & Event Data (ACLED)")
    assert "accessed" in tlia["incidents_source"]
    assert "ACLED" in out.err
    assert SECRET_NOTE not in out.out
    assert "SYN1" not in out.out


def test_export_without_a_previous_event_leaves_the_change_blank(with_incidents, capsys):
    args = ["--data-dir", str(with_incidents), "export", "--format", "csv", "--incidents-radius", "0.5"]
    assert main([*args, "--from", "2024-10-01", "--to", "2024-10-31"]) == 0
    tlia = next(r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["id"] == "tlia")
    assert (tlia["incidents"], tlia["change_pct"]) == ("1", "")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--incidents-radius", "4"], "must be one of 0.5, 1, 2, 3, 5"),
        (["--incidents-radius", "1", "--format", "geojson"], "--format csv only"),
        (["--incidents-radius", "1", "--from", "2025-01-01", "--to", "2024-01-01"], "--from is after --to"),
    ],
)
def test_export_refuses_bad_incident_options(with_incidents, extra, message):
    args = ["--data-dir", str(with_incidents), "export", *extra]
    if "--format" not in extra:
        args += ["--format", "csv"]
    with pytest.raises(SystemExit, match=message):
        main(args)


def test_no_change_when_the_previous_period_starts_before_the_data(with_incidents, capsys):
    args = ["--data-dir", str(with_incidents), "export", "--format", "csv", "--incidents-radius", "1"]
    assert main([*args, "--from", "2024-01-01", "--to", "2024-11-30"]) == 0
    tlia = next(r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["id"] == "tlia")
    assert (tlia["incidents"], tlia["change_pct"]) == ("4", "")
