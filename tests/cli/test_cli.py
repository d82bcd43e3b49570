"""The command line, run in-process on a scratch copy of the data."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.data import DataDir
from dashboard.geocoding import load_store, save_store
from tests.support.maps import hotspot_rows
from tests.support.nominatim import StubReply, nominatim_place
from tests.support.records import replace


def test_export_geojson_prints_22_points(capsys):
    assert main(["export", "--format", "geojson"]) == 0
    collection = json.loads(capsys.readouterr().out)
    assert len(collection["features"]) == 22


def test_module_entry_point_and_env_var(data_dir):
    (data_dir / DataDir.HOTSPOTS).write_text(
        "\n".join((data_dir / DataDir.HOTSPOTS).read_text(encoding="utf-8").splitlines()[:3]) + "\n",
        encoding="utf-8",
    )
    env = {"DASHBOARD_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "--format", "csv"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert len(out.strip().splitlines()) == 3  # header + the 2 rows left


def test_geocode_fills_a_missing_entry_and_reports(data_dir, capsys):
    store_path = data_dir / DataDir.GEOCODES
    store, _ = load_store(store_path)
    del store["solino"]
    save_store(store_path, store)
    assert main(["--data-dir", str(data_dir), "geocode"]) == 0
    out = capsys.readouterr()
    assert "1 changed" in out.out
    assert "changed: solino (evidence)" in out.out
    assert "low-confidence: varreux-terminal (neighbourhood)" in out.out
    assert "/37] solino" in out.err
    assert load_store(store_path)[0]["solino"].evidence_id.endswith("geonameid=8299685")


def test_online_geocode_never_overwrites_manual_entries(data_dir, nominatim_stub, capsys):
    nominatim_stub.reply = lambda q: StubReply(body=[nominatim_place(q, 18.55, -72.33)])
    store_path = data_dir / DataDir.GEOCODES
    store, _ = load_store(store_path)
    manual = replace(
        store["bourdon"],
        method="manual",
        lat=18.5301,
        lon=-72.3102,
        confidence="medium",
        retrieved=date(2026, 11, 30),
        note="analyst fix",
    )
    store["bourdon"] = manual
    save_store(store_path, store)
    code = main(
        [
            "--data-dir",
            str(data_dir),
            "geocode",
            "--online",
            "--nominatim-url",
            nominatim_stub.url,
            "--min-delay",
            "0",
        ]
    )
    assert code == 0
    after, _ = load_store(store_path)
    assert after["bourdon"] == manual
    queried = [r["q"][0] for r in nominatim_stub.requests]
    assert not any(q.startswith("Bourdon") for q in queried)
    # the places the evidence gives only a stand-in for were tried online and improved
    assert after["varreux-terminal"].method == "nominatim"
    # a place the evidence locates is not sent online: the evidence is recomputed and kept
    assert not any(q.startswith("Christ-Roi") for q in queried)
    assert after["christ-roi"] == store["christ-roi"]


def test_export_kml_and_html_with_view_filters(tmp_path, capsys):
    kml = tmp_path / "a.kml"
    assert main(["export", "--format", "kml", "--area", "Artibonite", "-o", str(kml)]) == 0
    assert kml.read_text(encoding="utf-8").count("<Placemark") == 5
    html = tmp_path / "a.html"
    assert main(["export", "--format", "html", "--type", "town", "-o", str(html)]) == 0
    text = html.read_text(encoding="utf-8")
    assert len(hotspot_rows(text)) == 5
    assert "Haiti security hotspots named by the MSS mission" in text  # briefing title on the map


def test_unknown_type_is_a_clear_error():
    import pytest

    with pytest.raises(SystemExit, match="unknown type"):
        main(["export", "--format", "csv", "--type", "castle"])


def test_public_server_keeps_the_one_second_policy():
    import pytest

    with pytest.raises(SystemExit, match="usage policy"):
        main(["geocode", "--online", "--min-delay", "0.2", "--dry-run"])


def test_evidence_prints_the_markdown_table_and_writes_csv(tmp_path, capsys):
    assert main(["evidence"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("| hotspot | point (lat, lon) | precision | confidence | lineages |")
    assert len(lines) == 2 + 37
    assert any(line.startswith("| La Croix | 19.34690, -72.56220 |") for line in lines)
    target = tmp_path / "new" / "evidence.csv"
    assert main(["evidence", "--format", "CSV", "-o", str(target)]) == 0
    rows = target.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "id,name,lat,lon,precision,confidence,lineages,spread_km,source,reason"
    assert rows[1].startswith("tlia,Toussaint Louverture International Airport,18.58000,-72.29250,site,high,")


def test_the_readme_evidence_table_is_what_the_command_generates(capsys):
    """The README's table is generated (`python -m dashboard evidence`), never hand-typed."""
    assert main(["evidence"]) == 0
    table = capsys.readouterr().out
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert table in readme


def test_lang_fr_gives_french_help_messages_and_outputs(tmp_path, capsys):
    """``--lang fr`` (before or after the subcommand): French help, messages, the export's
    human-readable columns and the HTML map's words; ids and column names unchanged."""
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "export", "--help"])
    assert "langue de l'aide, des messages et des sorties" in capsys.readouterr().out
    target = tmp_path / "carte.csv"
    assert main(["export", "--format", "csv", "--lang", "fr", "--hxl", "-o", str(target)]) == 0
    assert "points chauds" in capsys.readouterr().err
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    tlia = next(row for row in rows if row["id"] == "tlia")
    assert tlia["type"] == "transport_hub"
    assert tlia["type_label"] == "Pôle de transport"
    assert tlia["description"].startswith("Principal aéroport international d'Haïti")
    assert rows[0]["type_label"] == "#loc+type+name"  # the HXL row is the same in every language
    html = tmp_path / "carte.html"
    assert main(["--lang", "fr", "export", "--format", "html", "-o", str(html)]) == 0
    assert "19 novembre 2024" in html.read_text(encoding="utf-8")
    assert '<html lang="fr">' in html.read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["export", "--format", "csv", "--lang", "de"])
    assert "'de' is not one of: en, fr" in capsys.readouterr().err


def test_ingest_keeps_its_own_lang_option():
    from dashboard.cli.commands import _parser

    args = _parser().parse_args(
        ["--lang", "fr", "ingest", "update.txt", "--date", "2025-01-02", "--lang", "en"]
    )
    assert (args.ui_lang, args.lang) == ("fr", "en")
