"""The generated folder: files written once, and pruned so a long-running server does not fill it."""

from __future__ import annotations

import os

from dashboard.maps.assets import GENERATED_BASE, prune, publish, publish_json

NOW = 2_000_000_000.0


def _aged(folder, count: int, age: float) -> list:
    paths = []
    for index in range(count):
        path = folder / f"old-{age:.0f}-{index:03d}.json"
        path.write_text("[]", encoding="utf-8")
        os.utime(path, (NOW - age - index, NOW - age - index))
        paths.append(path)
    return paths


def test_publish_writes_once_and_returns_the_iframe_url(tmp_path):
    url = publish("a.json", "[1]", folder=tmp_path, now=NOW)
    assert url == f"{GENERATED_BASE}/a.json"
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == "[1]"
    publish("a.json", "[2]", folder=tmp_path, now=NOW)  # same name: same content by contract
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == "[1]"
    assert not list(tmp_path.glob("*.tmp"))


def test_prune_removes_the_oldest_beyond_the_bound_but_never_recent_files(tmp_path):
    old = _aged(tmp_path, 5, age=7200)  # two hours old
    recent = _aged(tmp_path, 5, age=60)
    removed = prune(tmp_path, now=NOW, most=4, keep_seconds=3600)
    assert removed == 5  # 6 beyond the bound, but one of those 6 is recent
    assert not any(path.exists() for path in old)
    assert all(path.exists() for path in recent)


def test_prune_keeps_everything_within_the_bound(tmp_path):
    _aged(tmp_path, 3, age=99_999)
    assert prune(tmp_path, now=NOW, most=3) == 0
    assert len(list(tmp_path.glob("*.json"))) == 3


def test_the_json_file_is_named_after_its_content():
    assert publish_json("t", [1, "é"]) == publish_json("t", [1, "é"])
    assert publish_json("t", [1]) != publish_json("t", [2])
