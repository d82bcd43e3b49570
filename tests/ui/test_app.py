"""The page, run headless with Streamlit's AppTest: filters change the map and the table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import DataDir, paths
from tests.support.maps import hotspot_rows

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


def folium_args(at: AppTest) -> dict:
    element = at.get("component_instance")[0]
    assert element.proto.component_name == "streamlit_folium.st_folium"
    return json.loads(element.proto.json_args)


def marker_count(at: AppTest) -> int:
    """Markers sent to the map: in its script or in the layers swapped in place."""
    args = folium_args(at)
    return len(hotspot_rows(args["script"] + (args["feature_group"] or "")))


def highlighted(at: AppTest) -> list[str]:
    return [r["hotspot"] for r in hotspot_rows(folium_args(at)["feature_group"] or "") if r["h"]]


def table_names(at: AppTest) -> list[str]:
    """The names in the "Hotspot table" tab (opened for the reading, then the map again)."""
    assert not at.dataframe  # the table is built only while its tab is open
    at.session_state["panel"] = "Hotspot table"
    names = list(at.run().dataframe[0].value["name"])
    at.session_state["panel"] = "Hotspot map"
    at.run()
    return names


@pytest.fixture
def app(monkeypatch) -> AppTest:
    monkeypatch.setenv(paths.ENV_VAR, str(paths.BUNDLED_DATA_DIR))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    return at


def test_everything_shown_by_default(app):
    assert marker_count(app) == 22
    assert app.metric[0].value == "22"
    assert len(table_names(app)) == 22
    args = folium_args(app)
    assert args["returned_objects"] == []  # pan/zoom/click never rerun the script
    assert hotspot_rows(args["script"]) == []  # markers travel as in-place layers
    assert all(link.startswith("../../app/static/vendor/") for link in args["js_links"] + args["css_links"])


def test_type_filter_changes_map_and_table(app):
    app.sidebar.multiselect(key="type").set_value(["town", "transport_hub"]).run()
    assert marker_count(app) == 6
    assert sorted(table_names(app)) == sorted(
        [
            "Pont-Sondé",
            "L'Estère",
            "La Croix",
            "Petite-Rivière-de-l'Artibonite",
            "Delmas",
            "Toussaint Louverture International Airport",
        ]
    )
    app.sidebar.multiselect(key="type").set_value([]).run()
    assert marker_count(app) == 0
    assert table_names(app) == []


def test_area_filter_shows_the_artibonite(app):
    app.sidebar.radio(key="area").set_value("Artibonite").run()
    assert marker_count(app) == 5
    assert app.metric[2].value == "5"
    assert "Carrefour Paye" in table_names(app)


def test_name_search(app):
    app.sidebar.text_input(key="q").input("solino").run()
    assert table_names(app) == ["Solino"]
    assert marker_count(app) == 1


def test_bad_row_is_listed_and_the_rest_still_shows(monkeypatch, data_dir):
    hotspots = data_dir / DataDir.HOTSPOTS
    lines = hotspots.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",neighbourhood,", ",castle,")  # row 4: cazeau
    hotspots.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv(paths.ENV_VAR, str(data_dir))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert "hotspots.csv:4: type: unknown type 'castle'" in at.code[0].value
    assert marker_count(at) == 21


def test_filters_change_the_layers_not_the_map(app):
    """The map's own script (its identity for streamlit-folium) stays the same."""
    before = folium_args(app)
    app.sidebar.multiselect(key="type").set_value(["town"]).run()
    after = folium_args(app)
    assert after["script"] == before["script"]
    assert after["key"] == before["key"]
    assert after["feature_group"] != before["feature_group"]
    # A name search frames what it finds: the fitted box (in the map's script) changes.
    app.sidebar.text_input(key="q").input("pont").run()
    assert folium_args(app)["script"] != after["script"]


def test_a_selected_deployment_event_highlights_its_hotspot_on_the_map(app):
    """Row 4 of the deployments table is the first Kenyan contingent landing at TLIA; the
    highlight goes through the sidebar, so it stays after the table leaves the screen."""
    app.session_state["dep_events"] = {"selection": {"rows": [4], "columns": [], "cells": []}}
    app.run()
    assert app.sidebar.selectbox(key="hotspot").value == "tlia"
    assert highlighted(app) == ["tlia"]
    del app.session_state["dep_events"]
    app.run()
    assert app.sidebar.selectbox(key="hotspot").value == "tlia"
    assert highlighted(app) == ["tlia"]


def test_importing_the_page_runs_nothing(monkeypatch):
    """Only Streamlit's run of the entry script (as ``__main__``) calls ``main()``."""
    import importlib
    import sys

    import dashboard.ui.app

    def refuse() -> None:
        raise AssertionError("main() ran on import")

    monkeypatch.setattr(dashboard.ui.app, "main", refuse)
    monkeypatch.delitem(sys.modules, "dashboard.app", raising=False)
    importlib.import_module("dashboard.app")


def test_a_row_picked_in_the_table_opens_the_map_on_that_hotspot(app):
    app.session_state["panel"] = "Hotspot table"
    names = list(app.run().dataframe[0].value["name"])
    pick = names.index("Pont-Sondé")
    app.session_state["hotspot_table"] = {"selection": {"rows": [pick], "columns": [], "cells": []}}
    app.run()
    assert app.session_state["panel"] == "Hotspot map"
    assert not app.dataframe  # the table is no longer built, so its pick is dropped
    assert app.sidebar.selectbox(key="hotspot").value == "pont-sonde"
    assert highlighted(app) == ["pont-sonde"]
    app.session_state["panel"] = "Hotspot table"  # back to the table: no pick left to repeat
    assert list(app.run().dataframe[0].value["name"]) == names
    assert app.session_state["panel"] == "Hotspot table"
