"""An incident export clusters in the browser next to the hotspots."""

from __future__ import annotations

import random
import shutil

import pytest
from playwright.sync_api import expect

from dashboard.data.paths import BUNDLED_DATA_DIR
from tests.browser.conftest import MAP_FRAME, running_app
from tests.maps.test_incidents import HEADER, row


@pytest.fixture(scope="module")
def app_with_incidents(tmp_path_factory):
    data = tmp_path_factory.mktemp("incidents") / "data"
    shutil.copytree(BUNDLED_DATA_DIR, data)
    rng = random.Random(7)  # test fixture only: deterministic fake rows, never shipped
    lines = [HEADER] + [
        row(f"TEST{i}", f"{rng.uniform(18.50, 18.60):.5f}", f"{rng.uniform(-72.36, -72.26):.5f}")
        for i in range(600)
    ]
    (data / "incidents.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with running_app({"DASHBOARD_DATA_DIR": str(data)}) as url:
        yield url


def test_incidents_cluster_beside_the_hotspots(offline_page, app_with_incidents):
    offline_page.goto(app_with_incidents)
    frame = offline_page.frame_locator(MAP_FRAME)
    expect(frame.locator(".hotspot-marker")).to_have_count(22, timeout=30_000)
    clusters = frame.locator(".marker-cluster")
    expect(clusters.first).to_be_visible(timeout=15_000)
    map_frame = next(f for f in offline_page.frames if "streamlit_folium" in f.url)
    # Every incident is either inside a drawn cluster or drawn on its own (chunked loading
    # fills the clusters over a few frames, so wait for the total).
    map_frame.wait_for_function(
        """() => {
            let total = document.querySelectorAll('.incident-marker').length;
            document.querySelectorAll('.marker-cluster').forEach(c => total += Number(c.innerText));
            return total === 600;
        }""",
        timeout=15_000,
    )
    assert offline_page.page_errors == []
