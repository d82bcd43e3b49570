"""Two processes geocoding into one store at once: no entry lost, nothing corrupted, manual
entries never overwritten."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.data import DataDir
from dashboard.geocoding import (
    Gazetteer,
    NominatimGeocoder,
    StoreNotWritten,
    load_store,
    resolve,
    save_store,
    update_store,
)
from dashboard.geocoding.store import lock_path
from tests.support.nominatim import StubReply, nominatim_place
from tests.support.records import TODAY, hotspot, replace, stored

EMPTY_GAZETTEER = Gazetteer(use_geonames=False)


def _writer(store_path: str, url: str, ids: list[str], start) -> None:
    """Resolve each place online and merge it into the store, one write per place."""
    scheme, _, domain = url.partition("://")
    online = NominatimGeocoder(
        scheme=scheme, domain=domain, min_delay_seconds=0, clock=lambda: 0.0, sleep=lambda s: None
    )
    start.wait()
    for key in ids:
        spot = hotspot(id=key, canonical_name=key.title(), source_name=key.title())
        result = resolve(spot, stored=None, gazetteer=EMPTY_GAZETTEER, online=online, today=TODAY)
        update_store(Path(store_path), {key: result.entry})


def test_two_writer_processes_both_keep_their_entries(tmp_path, nominatim_stub):
    nominatim_stub.reply = lambda q: StubReply(body=[nominatim_place(q, 18.55, -72.33)])
    store_path = tmp_path / "geocodes.csv"
    manual = replace(stored("manual"), id="a-00", lat=18.5)
    save_store(store_path, {"a-00": manual})
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    batches = [[f"a-{i:02d}" for i in range(25)], [f"b-{i:02d}" for i in range(25)]]
    writers = [
        context.Process(target=_writer, args=(str(store_path), nominatim_stub.url, ids, start))
        for ids in batches
    ]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=120)
    assert [p.exitcode for p in writers] == [0, 0]
    store, problems = load_store(store_path)
    assert problems == []
    assert sorted(store) == sorted(batches[0] + batches[1])
    assert store["a-00"] == manual  # writer a's automatic answer did not replace the manual entry
    assert store["b-24"].method == "nominatim"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_update_merges_into_what_another_process_wrote(tmp_path):
    store_path = tmp_path / "geocodes.csv"
    mine = {"a": replace(stored(), id="a")}
    save_store(store_path, {"b": replace(stored(), id="b")})  # written by "someone else" meanwhile
    assert update_store(store_path, mine) == []
    assert sorted(load_store(store_path)[0]) == ["a", "b"]
    assert lock_path(store_path).exists()


def test_a_manual_entry_written_meanwhile_is_not_overwritten(tmp_path):
    store_path = tmp_path / "geocodes.csv"
    manual = replace(stored("manual"), id="a", lat=18.9)
    save_store(store_path, {"a": manual})
    refused = update_store(store_path, {"a": replace(stored("nominatim"), id="a")})
    assert refused == ["a"]
    assert load_store(store_path)[0]["a"] == manual


def test_a_store_with_rejected_rows_is_not_rewritten(data_dir, capsys):
    store_path = data_dir / DataDir.GEOCODES
    text = store_path.read_text(encoding="utf-8")
    text = text.replace("bourdon,Bourdon,18.537800", "bourdon,Bourdon,north")
    store_path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreNotWritten, match=r"geocodes\.csv:4: lat: not a number: 'north'"):
        update_store(store_path, {"x": replace(stored(), id="x")})
    # the CLI says so and leaves the file as it was (the rejected row is not lost)
    assert main(["--data-dir", str(data_dir), "geocode"]) == 2
    assert "error: geocodes.csv has rejected rows, not rewritten" in capsys.readouterr().err
    assert store_path.read_text(encoding="utf-8") == text
