"""The page with an incidents.csv (AppTest): the app's notice lists what validate lists, the
incident filters reach the live layer without rebuilding the map, the table gains activity."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cli import main
from dashboard.data import paths
from dashboard.model import load_dataset
from dashboard.views.vocabulary import IncidentMode
from tests.support.acled import row, write
from tests.ui.test_app import APP, folium_args


def incident_spec(at: AppTest) -> dict:
    """The filter and mode the live incident layer was last given."""
    found = re.search(r"window\.addIncidents\([\w$]+, (\{.*?\})\);", folium_args(at)["feature_group"])
    return json.loads(found.group(1))


@pytest.fixture
def app(monkeypatch, data_dir) -> AppTest:
    dataset = load_dataset(data_dir)
    lat, lon = next(item for item in dataset.located if item.hotspot.id == "tlia").location
    rows = [
        row("SYN1", lat, lon, when="2024-11-02", fatalities=3),
        row("SYN2", lat, lon, when="2024-11-20", event_type="Riots", sub_type="Mob violence", fatalities=0),
        row("BAD1", "north", lon),
    ]
    write(data_dir / "incidents.csv", rows)
    monkeypatch.setenv(paths.ENV_VAR, str(data_dir))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    at.data_dir = data_dir
    return at


def test_the_page_lists_the_rows_validate_lists(app, capsys):
    main(["--data-dir", str(app.data_dir), "validate"])
    validated = capsys.readouterr().out.splitlines()
    assert validated == ["incidents.csv:4: latitude: not a number: 'north'"]
    assert validated[0] in app.code[0].value


def test_incident_filters_swap_the_layer_not_the_map(app):
    script = folium_args(app)["script"]
    assert incident_spec(app)["filter"]["types"] is None
    app.sidebar.multiselect(key="event_types").set_value(["Riots"]).run()
    app.sidebar.radio(key="incident_mode").set_value(IncidentMode.HEAT).run()
    assert not app.exception
    spec = incident_spec(app)
    assert spec["filter"]["types"] == [1]  # "Riots" in the sorted vocabulary ["Battles", "Riots"]
    assert spec["mode"] == "heat"
    assert folium_args(app)["script"] == script  # no remount: pan and zoom stay
    assert app.query_params["event"] in ("Riots", ["Riots"])
    assert app.query_params["incidents"] in ("heat", ["heat"])


def test_the_table_has_activity_columns(app):
    assert not app.dataframe  # the table has its own tab, built only while it is open
    app.session_state["panel"] = "Hotspot table"
    table = app.run().dataframe[0].value.set_index("name")
    assert [h.value for h in app.subheader] == ["Hotspot activity"]  # and its chart, same tab
    assert len(app.get("vega_lite_chart")) == 1
    tlia = table.loc["Toussaint Louverture International Airport"]
    assert (tlia["incidents"], tlia["fatalities"]) == (2, 3)
    app.sidebar.text_input(key="actor").set_value("nobody").run()
    tlia = app.dataframe[0].value.set_index("name").loc["Toussaint Louverture International Airport"]
    assert tlia["incidents"] == 0
    assert any("ACLED" in caption.value for caption in app.caption)
