"""The validated CSV reader: every problem names file, row and field; valid rows survive."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.data.reader import HttpUrl, IsoDate, Latitude, RowModel, read_table


class Place(RowModel):
    id: str
    lat: Latitude
    when: IsoDate
    url: HttpUrl | None = None


HEADER = "id,lat,when,url\n"
GOOD = "a,18.5,2024-11-19,https://example.org/a\n"


def _read(tmp_path: Path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "places.csv"
    path.write_bytes(text.encode(encoding))
    return read_table(path, Place, unique=("id",))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("b,,2024-01-01,\n", "places.csv:3: lat: is empty"),
        ("b,north,2024-01-01,\n", "places.csv:3: lat: not a number: 'north'"),
        ("b,91,2024-01-01,\n", "places.csv:3: lat: 91.0 is outside [-90, 90]"),
        ("b,18,19/11/2024,\n", "places.csv:3: when: not a date in YYYY-MM-DD form: '19/11/2024'"),
        (
            "b,18,2024-01-01,javascript:alert(1)\n",
            "places.csv:3: url: not an http(s) URL: 'javascript:alert(1)'",
        ),
        ("a,18,2024-01-01,\n", "places.csv:3: id: duplicate 'a' (first at row 2)"),
        ("b,18\n", "places.csv:3: has 2 cells, the header has 4"),
    ],
)
def test_bad_row_is_reported_and_good_row_survives(tmp_path, body, message):
    table = _read(tmp_path, HEADER + GOOD + body)
    assert [str(p) for p in table.problems] == [message]
    assert [row["id"] for row in table.rows] == ["a"]


def test_missing_column_is_a_file_problem(tmp_path):
    table = _read(tmp_path, "id,lat,url\n" + "a,1,\n")
    assert [str(p) for p in table.problems] == ["places.csv:1: missing column(s): when"]
    assert table.rows == []


def test_extra_column_is_reported_but_rows_load(tmp_path):
    table = _read(tmp_path, "id,lat,when,url,colour\n" + "a,18.5,2024-11-19,,red\n")
    assert [str(p) for p in table.problems] == ["places.csv:1: colour: unexpected column (ignored)"]
    assert table.rows[0]["lat"] == 18.5


def test_bom_and_stray_whitespace_are_tolerated(tmp_path):
    table = _read(tmp_path, "\ufeff" + HEADER + " a , 18.5 ,2024-11-19 , \n")
    assert table.problems == []
    assert table.rows[0]["id"] == "a"
    assert table.rows[0]["url"] is None


def test_wrong_encoding_rejects_only_the_rows_it_spoils(tmp_path):
    table = _read(tmp_path, HEADER + GOOD + "Pont-Sondé,18.5,2024-11-19,\n", encoding="latin-1")
    assert [str(p) for p in table.problems] == [
        "places.csv:3: id: not UTF-8 text: byte 0xE9 (save the file as UTF-8)"
    ]
    assert [row["id"] for row in table.rows] == ["a"]


def test_missing_file_is_reported(tmp_path):
    table = read_table(tmp_path / "nope.csv", Place)
    assert [str(p) for p in table.problems] == ["nope.csv: file not found"]
