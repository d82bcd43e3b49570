"""The two panels in a real Streamlit script run (AppTest): one date range, actor/kind filters."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

APP = "apps/panels_app.py"  # relative to this file
JAN_FEB_2025 = (date(2025, 1, 1), date(2025, 2, 28))


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    return at


def _tables(at: AppTest) -> tuple[int, int]:
    """Rows in the deployments table and in the policy table."""
    deployments, policy = at.dataframe
    return len(deployments.value), len(policy.value)


def _chart_data(at: AppTest, index: int) -> list:
    chart = at.get("vega_lite_chart")[index]
    return [pa.ipc.open_stream(d.data.data).read_pandas() for d in chart.proto.datasets]


def _casualty_dates(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**")]


def test_full_range_shows_every_row(app):
    assert _tables(app) == (43, 58)
    assert len(_casualty_dates(app)) == 3


def test_the_date_range_filters_both_panels(app):
    app.slider(key="range").set_value(JAN_FEB_2025).run()
    assert not app.exception
    assert _tables(app) == (11, 5)
    assert len(_casualty_dates(app)) == 1
    assert _casualty_dates(app)[0].startswith("**23 Feb 2025**")
    series = next(d for d in _chart_data(app, 0) if "actor" in d.columns)
    dates = pd.to_datetime(series["date"])  # ISO strings in the spec's inline data
    assert dates.min().date() == JAN_FEB_2025[0]
    assert dates.max().date() == JAN_FEB_2025[1]


def test_the_deployments_actor_and_kind_filters(app):
    app.multiselect(key="dep_actors").set_value(["Kenya"]).run()
    assert _tables(app) == (19, 58)
    app.multiselect(key="dep_kinds").set_value(["arrival"]).run()
    deployments = app.dataframe[0].value
    assert deployments["Personnel"].isna().iloc[0]  # the advance team's size: no source confirms it
    assert list(deployments["Personnel"].iloc[1:]) == [200, 200, 217, 144, 230]
    assert list(deployments["On the map"]) == [
        "",
        "Airport (TLIA)",
        "Airport (TLIA)",
        "Airport (TLIA)",
        "Airport (TLIA)",
        "Airport (TLIA)",
    ]


def test_the_policy_actor_and_kind_filters(app):
    app.multiselect(key="pol_kinds").set_value(["resolution"]).run()
    policy = app.dataframe[1].value
    assert list(policy["Vote"]) == ["13-0-2", "15-0", "by acclamation (reported)", "", "12-0-3"]
    app.multiselect(key="pol_actors").set_value(["UN Security Council"]).run()
    assert list(app.dataframe[1].value["Title"]) == ["Resolution 2699", "Resolution 2751", "Resolution 2793"]
    assert _tables(app)[0] == 43  # the deployments panel keeps its own filters


def test_conflicts_are_flagged_and_seed_sources_are_text(app):
    deployments = app.dataframe[0].value
    flagged = deployments[deployments["⚠ conflict"] != ""]
    assert len(flagged) == 27
    assert all(text.startswith("⚠ ") for text in flagged["⚠ conflict"])
    assert all(url.startswith(("http://", "https://")) for url in deployments["Source"].dropna())
    # the stored seed article is named by its title, never by a path or a bare marker
    seed_title = "“Kenyan-led Haiti Mission Gives Update as US Advocates for UN Intervention”"
    cells = [*deployments["Publisher"].dropna(), *deployments["Other sources"]]
    assert any(seed_title in cell for cell in cells)
    assert not any("seed:" in cell or "shared/" in cell for cell in cells)


def test_every_row_names_its_strongest_publisher_and_tier(app):
    for frame in (app.dataframe[0].value, app.dataframe[1].value):
        assert set(frame["Tier"]) <= {"● Primary", "◐ Established", "○ Weakly sourced"}
        primary = frame[frame["Tier"] == "● Primary"]
        assert len(primary) > 0
        assert not any(name.startswith(("www.", "http")) for name in primary["Publisher"])
    policy = app.dataframe[1].value
    row = policy[policy["Title"] == "Resolution 2699"].iloc[0]
    assert (row["Tier"], row["Publisher"]) == (
        "● Primary",
        "United Nations, Meetings Coverage and Press Releases",
    )


def test_the_chart_keeps_the_strength_readable_and_names_the_off_scale_lines(app):
    """By default the axis is the strength's (≤ ~1,000): the planning figure and the ceiling
    are named in the caption, not drawn at 2,500 and 5,550."""
    data = _chart_data(app, 0)
    assert not any("label" in d.columns for d in data)
    assert max(max(d["personnel"]) for d in data if "personnel" in d.columns) < 2500
    assert any(
        "Off this scale: MSS planned strength 2,500 · GSF ceiling 5,550 (Res. 2793)" in c.value
        for c in app.caption
    )


def test_the_chart_carries_reference_lines_and_reported_totals(app):
    app.toggle(key="dep_references").set_value(True).run()
    data = _chart_data(app, 0)
    rules = next(d for d in data if "label" in d.columns)
    assert list(zip(rules["label"], rules["personnel"], strict=True)) == [
        ("MSS planned strength 2,500", 2500),
        ("GSF ceiling 5,550 (Res. 2793)", 5550),
    ]
    reports = next(d for d in data if "reported_by" in d.columns)
    assert list(reports["personnel"]) == [410, 430, 859, 970, 980]


def test_policy_chart_axis_switch(app):
    app.radio(key="pol_axis").set_value("Actor").run()
    assert not app.exception
    assert '"field":"actor"' in app.get("vega_lite_chart")[1].proto.spec.replace(" ", "")


def test_selecting_an_event_names_its_hotspot(app):
    assert app.text[0].value == "selected hotspot: None"
    # Row 4 of the full table is the first Kenyan contingent landing at TLIA (25 Jun 2024).
    app.session_state["dep_events"] = {"selection": {"rows": [4], "columns": [], "cells": []}}
    app.run()
    assert app.text[0].value == "selected hotspot: tlia"
    # The Markdown source: text from data is escaped (it renders as "Airport (TLIA)").
    assert [i.value for i in app.info] == ["On the map: Airport \\(TLIA\\)"]
