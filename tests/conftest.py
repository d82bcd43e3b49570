"""Shared fixtures: a scratch copy of the data, a local Nominatim-compatible server, a fake
clock; the tier markers (``browser``, ``bench``) applied by folder; Hypothesis without deadlines."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from dashboard.data.paths import BUNDLED_DATA_DIR
from tests.support.nominatim import FakeTime, NominatimStub, nominatim_server

ROOT = Path(__file__).resolve().parents[1]
# Property tests never depend on the machine's speed: Hypothesis's default 200 ms deadline per
# example failed a correct test when other work loaded both cores (a run is still bounded by
# max_examples). Tests may still set their own settings.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

#: Test folders whose every test carries a marker of the same name.
MARKED_TIERS = ("browser", "bench")


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        tier = Path(str(item.path)).relative_to(ROOT / "tests").parts[0]
        if tier in MARKED_TIERS:
            item.add_marker(getattr(pytest.mark, tier))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled data directory."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA_DIR, target)
    return target


@pytest.fixture
def nominatim_stub() -> Iterator[NominatimStub]:
    with nominatim_server() as stub:
        yield stub


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()
