"""Broken data files, one kind per case: the exact message, and every valid row still loads.

Each case edits a copy of a bundled file (hotspots.csv has 22 rows: row 2 is tlia, row 4
cazeau; geocodes.csv row 7 is cazeau; gazetteer.csv row 4 is Solino) and loads it with the
loader the app uses.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.data import DataDir, paths
from dashboard.data.events import load_deployments
from dashboard.data.hotspots import load_hotspots
from dashboard.data.styles import load_type_styles
from dashboard.geocoding.gazetteer import load_curated
from dashboard.geocoding.store import load_store
from dashboard.model.dataset import load_dataset

DATA = paths.BUNDLED_DATA_DIR
TYPES = ("transport_hub", "port_fuel", "government_police", "junction", "neighbourhood", "town")
#: Data rows of the bundled hotspots.csv (= rows of geocodes.csv): a broken row costs exactly one.
N_HOTSPOTS = sum(1 for line in (DATA / "hotspots.csv").read_text(encoding="utf-8").splitlines()[1:] if line)


def _load_hotspots(path: Path):
    hotspots, problems = load_hotspots(path, type_ids=TYPES)
    return [h.id for h in hotspots], problems


def _load_store(path: Path):
    store, problems = load_store(path)
    return list(store), problems


def _load_gazetteer(path: Path):
    entries, problems = load_curated(path)
    return [e.name for e in entries], problems


def _load_types(path: Path):
    styles, problems = load_type_styles(path)
    return list(styles), problems


def _load_deployments(path: Path):
    data, problems = load_deployments(path)
    return [e.id for e in data.events], problems


LOADERS: dict[str, Callable[[Path], tuple[list, list]]] = {
    "hotspots.csv": _load_hotspots,
    "geocodes.csv": _load_store,
    "gazetteer.csv": _load_gazetteer,
    "hotspot_types.csv": _load_types,
    "deployments.csv": _load_deployments,
}


# --- edits ----------------------------------------------------------------------------------


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def cell(row: int, column: str, value: str) -> Callable[[bytes], bytes]:
    """Set one cell (row numbers as an editor shows them; the header is row 1)."""

    def edit(data: bytes) -> bytes:
        rows = _rows(data.decode("utf-8"))
        rows[row - 1][rows[0].index(column)] = value
        return _csv(rows).encode("utf-8")

    return edit


def drop_column(column: str) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        rows = _rows(data.decode("utf-8"))
        index = rows[0].index(column)
        return _csv([r[:index] + r[index + 1 :] for r in rows]).encode("utf-8")

    return edit


def add_column(column: str, value: str) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        rows = _rows(data.decode("utf-8"))
        return _csv([[*rows[0], column]] + [[*r, value] for r in rows[1:]]).encode("utf-8")

    return edit


def line(number: int, change: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    """Change one line's bytes."""

    def edit(data: bytes) -> bytes:
        lines = data.split(b"\n")
        lines[number - 1] = change(lines[number - 1])
        return b"\n".join(lines)

    return edit


def whole(change: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    return change


def then(*edits: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        for step in edits:
            data = step(data)
        return data

    return edit


def _strip_spaces(data: bytes) -> bytes:
    rows = _rows(data.decode("utf-8"))
    return _csv([[f"  {c}\u00a0" for c in r] for r in rows]).encode("utf-8")


# --- the cases ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    kind: str
    file: str
    edit: Callable[[bytes], bytes]
    problems: list[str]
    rows: int  # how many rows load


OUTSIDE = "(lat 17.75 to 20.25, lon -74.8 to -71.4)"

CASES = [
    Case(
        "missing required column",
        "hotspots.csv",
        drop_column("department"),
        ["hotspots.csv:1: missing column(s): department"],
        0,
    ),
    Case(
        "missing optional column",
        "hotspots.csv",
        drop_column("location_note"),
        ["hotspots.csv:1: missing optional column(s), read as empty: location_note"],
        N_HOTSPOTS,
    ),
    Case(
        "extra column",
        "hotspots.csv",
        add_column("colour", "red"),
        ["hotspots.csv:1: colour: unexpected column (ignored)"],
        N_HOTSPOTS,
    ),
    Case(
        "column named twice",
        "hotspots.csv",
        add_column("commune", "x"),
        ["hotspots.csv:1: column(s) named twice: commune"],
        0,
    ),
    Case(
        "empty required field",
        "hotspots.csv",
        cell(4, "canonical_name", "  "),
        ["hotspots.csv:4: canonical_name: is empty"],
        N_HOTSPOTS - 1,
    ),
    Case(
        "wrong type: not a number",
        "gazetteer.csv",
        cell(4, "lat", "north"),
        ["gazetteer.csv:4: lat: not a number: 'north'"],
        13,
    ),
    Case(
        "wrong type: not a whole number",
        "deployments.csv",
        cell(3, "personnel", "a few"),
        ["deployments.csv:3: personnel: not a whole number: 'a few'"],
        42,
    ),
    Case(
        "date that does not parse",
        "hotspots.csv",
        cell(4, "source_date", "19/11/2024"),
        ["hotspots.csv:4: source_date: not a date in YYYY-MM-DD form: '19/11/2024'"],
        N_HOTSPOTS - 1,
    ),
    Case(
        "date that does not exist",
        "geocodes.csv",
        cell(7, "retrieved", "2026-02-30"),
        ["geocodes.csv:7: retrieved: not a date in YYYY-MM-DD form: '2026-02-30'"],
        N_HOTSPOTS - 1,
    ),
    Case(
        "latitude out of range",
        "geocodes.csv",
        cell(7, "lat", "91"),
        ["geocodes.csv:7: lat: 91.0 is outside [-90, 90]"],
        N_HOTSPOTS - 1,
    ),
    Case(
        "coordinate outside Haiti",
        "geocodes.csv",
        then(cell(7, "lat", "18.4861"), cell(7, "lon", "-69.9312")),
        [f"geocodes.csv:7: lat: (18.4861, -69.9312) is outside Haiti {OUTSIDE}"],
        N_HOTSPOTS - 1,
    ),
    Case(
        "coordinate swapped (lon, lat)",
        "gazetteer.csv",
        then(cell(4, "lat", "-72.32186"), cell(4, "lon", "18.54961")),
        [f"gazetteer.csv:4: lat: (-72.32186, 18.54961) is outside Haiti {OUTSIDE}"],
        13,
    ),
    Case(
        "unknown type",
        "hotspots.csv",
        cell(4, "type", "castle"),
        [f"hotspots.csv:4: type: unknown type 'castle' (known: {', '.join(TYPES)})"],
        N_HOTSPOTS - 1,
    ),
    Case(
        "unknown department",
        "hotspots.csv",
        cell(4, "department", "Texas"),
        [
            "hotspots.csv:4: department: 'Texas' is not one of: Artibonite, Centre, Grand'Anse, Nippes, "
            "Nord, Nord-Est, Nord-Ouest, Ouest, Sud, Sud-Est"
        ],
        N_HOTSPOTS - 1,
    ),
    Case(
        "unknown shape",
        "hotspot_types.csv",
        cell(3, "shape", "blob"),
        [
            "hotspot_types.csv:3: shape: 'blob' is not one of: circle, square, diamond, triangle, "
            "hexagon, star"
        ],
        5,
    ),
    Case(
        "bad colour",
        "hotspot_types.csv",
        cell(3, "colour", "orange"),
        ["hotspot_types.csv:3: colour: not a #RRGGBB colour: 'orange'"],
        5,
    ),
    Case(
        "duplicate id",
        "hotspots.csv",
        cell(4, "id", "tlia"),
        ["hotspots.csv:4: id: duplicate 'tlia' (first at row 2)"],
        N_HOTSPOTS - 1,
    ),
    Case(
        "duplicate name (any case)",
        "hotspots.csv",
        cell(4, "canonical_name", "TOUSSAINT LOUVERTURE INTERNATIONAL AIRPORT"),
        [
            "hotspots.csv:4: canonical_name: duplicate 'TOUSSAINT LOUVERTURE INTERNATIONAL AIRPORT' "
            "(first at row 2)"
        ],
        N_HOTSPOTS - 1,
    ),
    Case(
        "duplicate type label",
        "hotspot_types.csv",
        cell(3, "label", "Transport hub"),
        ["hotspot_types.csv:3: label: duplicate 'Transport hub' (first at row 2)"],
        5,
    ),
    Case(
        "id with spaces and capitals",
        "hotspots.csv",
        cell(4, "id", "Cazeau Nord"),
        ["hotspots.csv:4: id: ids are lower-case letters, digits and '-': 'Cazeau Nord'"],
        N_HOTSPOTS - 1,
    ),
    Case(
        "javascript: link",
        "hotspots.csv",
        cell(4, "source_url", "javascript:alert(1)"),
        ["hotspots.csv:4: source_url: not an http(s) URL: 'javascript:alert(1)'"],
        N_HOTSPOTS - 1,
    ),
    Case(
        "link with a space",
        "gazetteer.csv",
        cell(4, "evidence_url", "https://example.org/a b"),
        ["gazetteer.csv:4: evidence_url: not an http(s) URL: 'https://example.org/a b'"],
        13,
    ),
    Case(
        "wrong encoding (one Latin-1 row)",
        "hotspots.csv",
        then(cell(4, "canonical_name", "Cazéau"), line(4, lambda b: b.decode().encode("latin-1"))),
        [
            "hotspots.csv:4: canonical_name: not UTF-8 text: byte 0xE9 (save the file as UTF-8)",
            # The row's French description has accents too.
            "hotspots.csv:4: description_fr: not UTF-8 text: byte 0xE9 byte 0xE0 (save the file as UTF-8)",
        ],
        N_HOTSPOTS - 1,
    ),
    Case(
        "UTF-16 file",
        "hotspots.csv",
        whole(lambda b: b.decode().encode("utf-16")),
        ["hotspots.csv: is UTF-16 text, not UTF-8 (save it as CSV UTF-8)"],
        0,
    ),
    Case("a BOM", "hotspots.csv", whole(lambda b: b"\xef\xbb\xbf" + b), [], N_HOTSPOTS),
    Case("two BOMs", "hotspots.csv", whole(lambda b: b"\xef\xbb\xbf\xef\xbb\xbf" + b), [], N_HOTSPOTS),
    Case("stray whitespace and no-break spaces", "hotspots.csv", whole(_strip_spaces), [], N_HOTSPOTS),
    Case(
        "Windows line ends and blank lines",
        "hotspots.csv",
        whole(lambda b: b.replace(b"\n", b"\r\n\r\n")),
        [],
        N_HOTSPOTS,
    ),
    Case(
        "too few cells",
        "hotspots.csv",
        line(4, lambda b: b"cazeau,Cazeau,Cazeau"),
        ["hotspots.csv:4: has 3 cells, the header has 16"],
        N_HOTSPOTS - 1,
    ),
    Case(
        "row numbers count quoted line breaks",
        "hotspots.csv",
        then(cell(3, "description", "two\nlines"), cell(5, "type", "castle")),
        [f"hotspots.csv:6: type: unknown type 'castle' (known: {', '.join(TYPES)})"],
        N_HOTSPOTS - 1,
    ),
    Case(
        "semicolon-separated",
        "hotspots.csv",
        whole(lambda b: b.replace(b",", b";")),
        ["hotspots.csv:1: not comma-separated: ';' separates the column names"],
        0,
    ),
    Case(
        "not CSV: an HTML page",
        "hotspots.csv",
        whole(lambda b: b"<!DOCTYPE html>\n<html><body>Not found</body></html>\n"),
        [
            "hotspots.csv:1: not a CSV file of this kind: no expected column in the first line "
            "'<!DOCTYPE html>'"
        ],
        0,
    ),
    Case(
        "not CSV: binary",
        "hotspots.csv",
        whole(lambda b: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ["hotspots.csv: is not a CSV text file (it contains NUL bytes)"],
        0,
    ),
    Case("empty file", "hotspots.csv", whole(lambda b: b""), ["hotspots.csv: is empty (no header row)"], 0),
    Case(
        "month-precision date not on the 1st",
        "deployments.csv",
        cell(3, "date_precision", "month"),
        ["deployments.csv:3: event_date: month-precision dates fall on the 1st: 2024-05-21"],
        42,
    ),
    Case(
        "several problems in one row, all listed",
        "hotspots.csv",
        then(cell(4, "department", "Texas"), cell(4, "source_date", "soon"), cell(4, "description", "")),
        [
            "hotspots.csv:4: department: 'Texas' is not one of: Artibonite, Centre, Grand'Anse, Nippes, "
            "Nord, Nord-Est, Nord-Ouest, Ouest, Sud, Sud-Est",
            "hotspots.csv:4: description: is empty",
            "hotspots.csv:4: source_date: not a date in YYYY-MM-DD form: 'soon'",
        ],
        N_HOTSPOTS - 1,
    ),
]


def test_there_are_at_least_twenty_kinds():
    assert len({case.kind for case in CASES}) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_broken_file(tmp_path, case: Case):
    path = tmp_path / case.file
    path.write_bytes(case.edit((DATA / case.file).read_bytes()))
    loaded, problems = LOADERS[case.file](path)
    assert [str(p) for p in problems] == case.problems
    assert len(loaded) == case.rows


def test_stray_whitespace_is_stripped_from_values(tmp_path):
    path = tmp_path / "hotspots.csv"
    path.write_bytes(_strip_spaces((DATA / "hotspots.csv").read_bytes()))
    hotspots, _ = load_hotspots(path, type_ids=TYPES)
    assert hotspots[0].canonical_name == "Toussaint Louverture International Airport"
    assert hotspots[0].alt_names == ("TLIA",)


def test_a_broken_store_row_still_places_the_hotspot(data_dir):
    """A rejected geocodes.csv row costs nothing on the map: the place is resolved offline."""
    store = data_dir / DataDir.GEOCODES
    store.write_bytes(cell(7, "lat", "91")(store.read_bytes()))
    dataset = load_dataset(data_dir)
    assert [str(p) for p in dataset.problems] == ["geocodes.csv:7: lat: 91.0 is outside [-90, 90]"]
    assert len(dataset.located) == N_HOTSPOTS
    assert dataset.unplaced == []


def test_validate_lists_every_problem_and_fails(data_dir, capsys):
    hotspots = data_dir / DataDir.HOTSPOTS
    edit = then(cell(4, "type", "castle"), cell(6, "source_date", "soon"))
    hotspots.write_bytes(edit(hotspots.read_bytes()))
    deployments = data_dir / "deployments.csv"
    deployments.write_bytes(
        then(cell(3, "event_kind", "parade"), cell(6, "hotspot_id", "atlantis"))(deployments.read_bytes())
    )
    assert main(["--data-dir", str(data_dir), "validate"]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert len(lines) == 9
    assert lines[0].startswith("hotspots.csv:4: type: unknown type 'castle'")
    assert lines[1] == "hotspots.csv:6: source_date: not a date in YYYY-MM-DD form: 'soon'"
    assert lines[2].startswith("deployments.csv:3: event_kind: 'parade' is not one of:")
    assert lines[3] == (
        "deployments.csv:6: hotspot_id: no hotspot 'atlantis' in hotspots.csv (missing or rejected)"
    )
    # hotspots.csv:6 (the IGPNH building) is rejected, so the row that names it is reported too
    assert lines[4].endswith("hotspot_id: no hotspot 'ighnp-building' in hotspots.csv (missing or rejected)")
    # and the evidence rows of the two rejected hotspots, once per hotspot
    assert lines[5].startswith("place_evidence.csv: hotspot_id: ")
    assert "which hotspots.csv lacks (missing or rejected)" in lines[6]
    # and the updates' mentions of them, once per hotspot
    assert lines[7].startswith("mentions.csv: hotspot_id: ")
    assert lines[8].startswith("mentions.csv: hotspot_id: ")
    assert out.err.startswith("9 problem(s) in ")


def test_validate_passes_on_the_bundled_data(capsys):
    assert main(["--data-dir", str(DATA), "validate"]) == 0
    assert capsys.readouterr().out == ""
