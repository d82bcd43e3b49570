"""Property-based tests (hypothesis): the CSV reader and the export's formula guard."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.data import paths
from dashboard.data.geocodes import CONFIDENCES, METHODS, PRECISIONS
from dashboard.data.hotspots import load_hotspots
from dashboard.data.reader import HttpUrl, IsoDate, Latitude, RowModel, read_table
from dashboard.geocoding.store import GeocodeEntry, load_store, save_store
from dashboard.model.dataset import load_dataset
from dashboard.outputs.export import FIELDS, to_csv
from tests.support.records import replace

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Place(RowModel):
    id: str
    name: str
    lat: Latitude
    when: IsoDate
    url: HttpUrl | None = None
    note: str = ""


#: Cell text as an analyst might type it: any printable or line-breaking character but NUL,
#: without surrounding whitespace (the reader strips it).
cell_text = (
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
)
ids = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)
places = st.lists(
    st.fixed_dictionaries(
        {
            "id": ids,
            "name": cell_text,
            "lat": st.floats(-90, 90, allow_nan=False),
            "when": st.dates(date(1900, 1, 1), date(2100, 12, 31)),
            "url": st.none()
            | st.builds(lambda path: f"https://example.org/{path}", st.text("abcxyz019/_-", max_size=10)),
            "note": st.just("") | cell_text,
        }
    ),
    max_size=8,
    unique_by=lambda row: row["id"],
)


def _record(row: dict) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(  # as spreadsheets write: CR quoted too
        [row["id"], row["name"], repr(row["lat"]), row["when"].isoformat(), row["url"] or "", row["note"]]
    )
    return buffer.getvalue()


def _lines(text: str) -> int:
    return len(io.StringIO(text, newline="").readlines())


@settings(max_examples=150, deadline=None)
@given(rows=places)
def test_whatever_valid_rows_hold_they_load_unchanged_with_their_line_numbers(rows):
    records = [_record(row) for row in rows]
    with TemporaryDirectory() as folder:
        path = Path(folder) / "places.csv"
        path.write_text("id,name,lat,when,url,note\n" + "".join(records), encoding="utf-8", newline="")
        table = read_table(path, Place, unique=("id",))
    assert table.problems == []
    assert [{k: v for k, v in r.items() if k != "_row"} for r in table.rows] == rows
    expected_lines = [2 + sum(_lines(r) for r in records[:i]) for i in range(len(records))]
    assert [r["_row"] for r in table.rows] == expected_lines


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_give_rows_or_problems_never_an_exception(data):
    with TemporaryDirectory() as folder:
        path = Path(folder) / "places.csv"
        path.write_bytes(b"id,name,lat,when,url,note\n" + data)
        table = read_table(path, Place, unique=("id",))
        for problem in table.problems:
            assert str(problem).startswith("places.csv")
        for row in table.rows:
            assert -90 <= row["lat"] <= 90
        # the real loaders too
        for loader in (lambda p: load_hotspots(p, type_ids=["town"]), load_store):
            path.write_bytes(data)
            loader(path)


entries = st.builds(
    GeocodeEntry,
    id=ids,
    name=cell_text,
    lat=st.floats(17.8, 20.2),
    lon=st.floats(-74.7, -71.5),
    method=st.sampled_from(METHODS),
    precision=st.sampled_from(PRECISIONS),
    confidence=st.sampled_from(CONFIDENCES),
    evidence_kind=cell_text,
    evidence_id=cell_text,
    evidence_url=st.none() | st.just("https://www.openstreetmap.org/node/1"),
    retrieved=st.dates(date(2000, 1, 1), date(2030, 1, 1)),
    note=st.just("") | cell_text,
)


def _as_read(entry: GeocodeEntry) -> GeocodeEntry:
    """What the store gives back: 6 decimals, stripped text, one kind of line break."""

    def text(value: str) -> str:
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()

    return replace(
        entry,
        lat=round(entry.lat, 6),
        lon=round(entry.lon, 6),
        name=text(entry.name),
        evidence_kind=text(entry.evidence_kind),
        evidence_id=text(entry.evidence_id),
        note=text(entry.note),
    )


@settings(max_examples=150, deadline=None)
@given(store=st.dictionaries(ids, entries, max_size=6))
def test_the_store_reads_back_what_it_wrote(store):
    store = {key: replace(entry, id=key) for key, entry in store.items()}
    store = {
        k: e
        for k, e in store.items()
        if all(_as_read(e).__dict__[f] for f in ("name", "evidence_kind", "evidence_id"))
    }
    with TemporaryDirectory() as folder:
        path = Path(folder) / "geocodes.csv"
        save_store(path, store)
        loaded, problems = load_store(path)
    assert problems == []
    assert loaded == {key: _as_read(entry) for key, entry in store.items()}


@pytest.fixture(scope="module")
def located():
    return load_dataset(paths.BUNDLED_DATA_DIR)


TEXT_COLUMNS = [name for name, _, numeric in FIELDS if not numeric]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(max_size=30),
    description=st.text(max_size=30),
    publisher=st.text(max_size=30),
    lat=st.floats(17.8, 20.2),
    lon=st.floats(-74.7, -71.5),
)
def test_no_exported_text_cell_can_run_as_a_formula_and_numbers_stay_numbers(
    located, name, description, publisher, lat, lon
):
    item = located.located[0]
    item = replace(
        item,
        hotspot=replace(
            item.hotspot, canonical_name=name, description=description, source_publisher=publisher
        ),
        geocode=replace(item.geocode, lat=lat, lon=lon),
    )
    text = to_csv([item], located.styles)
    header, row = list(csv.reader(io.StringIO(text, newline="")))
    cells = dict(zip(header, row, strict=True))
    for column in TEXT_COLUMNS:
        assert not cells[column].startswith(FORMULA_STARTS), (column, cells[column])
    for column, original in (("name", name), ("description", description), ("source_publisher", publisher)):
        expected = "'" + original if original.startswith(FORMULA_STARTS) else original
        assert cells[column] == expected  # prefixed, otherwise untouched
    assert float(cells["lat"]) == round(lat, 6)
    assert float(cells["lon"]) == round(lon, 6)  # negative, and not prefixed
    assert cells["lon"].startswith("-")
