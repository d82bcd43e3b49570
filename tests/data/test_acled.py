"""Reading ACLED exports in the shapes analysts download (synthetic files in tests/fixtures)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.data.acled import read_acled

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_export_tool_shape_loads_fully():
    result = read_acled(FIXTURES / "acled_export_tool.csv")
    assert result.problems == []
    assert len(result) == 3
    assert list(result.frame["event_id_cnty"]) == ["SYN0001", "SYN0002", "SYN0003"]
    # "15 March 2024" and "2024-04-20" in one file
    assert list(result.frame["date"].dt.date) == [date(2024, 3, 15), date(2024, 4, 2), date(2024, 4, 20)]
    assert list(result.frame["fatalities"]) == [2, 0, 5]
    assert result.frame.loc[0, "notes"] == "SYNTHETIC test row, with a comma"
    assert result.accessed == date(2024, 6, 1)  # the newest timestamp, 1717200000


def test_the_api_shape_with_index_and_extra_columns_loads_fully():
    result = read_acled(FIXTURES / "acled_api.csv")
    assert result.problems == []
    assert len(result) == 3
    assert list(result.frame["sub_event_type"]) == ["Violent demonstration", "Armed clash", "Grenade"]
    assert result.frame["admin2"].eq("").all()  # absent optional column read as empty
    assert "extra_column" not in result.frame


def test_bom_and_semicolons_are_read(tmp_path):
    text = (FIXTURES / "acled_api.csv").read_text(encoding="utf-8").replace(",", ";")
    path = tmp_path / "incidents.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = read_acled(path)
    assert result.problems == []
    assert len(result) == 3


def test_only_the_three_required_columns_suffice(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_text("event_date,latitude,longitude\n2024-01-05,18.5,-72.3\n", encoding="utf-8")
    result = read_acled(path)
    assert len(result) == 1
    assert result.frame.loc[0, "fatalities"] == 0
    assert result.accessed is None


def test_damaged_rows_are_reported_by_row_and_field_and_the_rest_load(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_text(
        "event_date,latitude,longitude,event_id_cnty\n"
        "2024-01-05,18.5,-72.3,OK1\n"  # row 2
        ",18.5,-72.3,NODATE\n"  # row 3
        "5 Brumaire 2024,18.5,-72.3,BADDATE\n"  # row 4
        "2024-01-06,,-72.3,NOLAT\n"  # row 5
        "2024-01-06,18.5,west,BADLON\n"  # row 6
        "2024-01-06,40.7,-74.0,NEWYORK\n"  # row 7
        "2024-01-07,18.6,-72.2,OK2\n",
        encoding="utf-8",
    )
    result = read_acled(path)
    assert list(result.frame["event_id_cnty"]) == ["OK1", "OK2"]
    assert [str(p) for p in result.problems] == [
        "incidents.csv:3: event_date: missing",
        "incidents.csv:4: event_date: not a date ('5 Brumaire 2024'; e.g. 2024-03-15 or 15 March 2024)",
        "incidents.csv:5: latitude: missing",
        "incidents.csv:6: longitude: not a number: 'west'",
        "incidents.csv:7: latitude: (40.7, -74.0) is outside Haiti",
    ]


def test_a_file_without_required_columns_says_which_are_missing(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_text("date,lat,lon\n2024-01-01,18.5,-72.3\n", encoding="utf-8")
    result = read_acled(path)
    assert len(result) == 0
    assert [str(p) for p in result.problems] == [
        "incidents.csv:1: missing required column(s): event_date, latitude, longitude (found: date, lat, lon)"
    ]


def test_empty_and_non_utf8_files_give_one_clear_problem(tmp_path):
    empty = tmp_path / "incidents.csv"
    empty.write_text("", encoding="utf-8")
    assert [str(p) for p in read_acled(empty).problems] == ["incidents.csv: is empty (no header row)"]
    empty.write_bytes("event_date,latitude,longitude\n".encode("utf-16"))
    assert "not UTF-8 text" in str(read_acled(empty).problems[0])


def test_no_file_is_no_incidents_and_no_problem(tmp_path):
    result = read_acled(tmp_path / "incidents.csv")
    assert len(result) == 0
    assert result.problems == []
    assert isinstance(result.frame, pd.DataFrame)
