"""The command line without surprises: global options anywhere, case-insensitive choices with
one spelling per id, help that lists the ids, output folders created, and an unreachable
Nominatim reported in one line per place, fast, without tracebacks."""

from __future__ import annotations

import json
import socket
import time

import pytest

from dashboard.cli import main
from dashboard.data import DataDir
from dashboard.views.vocabulary import Area, Basemap, Extent


def _help(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main([*argv, "--help"])
    assert stop.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_goes_before_or_after_the_subcommand(data_dir, capsys, where):
    argv = (
        ["validate", "--data-dir", str(data_dir)]
        if where == "after"
        else ["--data-dir", str(data_dir), "validate"]
    )
    assert main(argv) == 0
    assert str(data_dir) in capsys.readouterr().err


def test_a_data_dir_after_the_subcommand_wins(data_dir, tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "nowhere"), "validate", "--data-dir", str(data_dir)]) == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["--format", "GeoJSON", "--area", "artibonite"],
        ["--format", "geojson", "--area", "ARTIBONITE", "--extent", "Artibonite"],
        ["--format", "GEOJSON", "--area", "Artibonite", "--basemap", "Light"],
    ],
)
def test_choices_are_case_insensitive(capsys, argv):
    assert main(["export", *argv]) == 0
    features = json.loads(capsys.readouterr().out)["features"]
    assert len(features) == 5
    assert {f["properties"]["department"] for f in features} == {"Artibonite"}


def test_a_type_id_is_case_insensitive_too(capsys):
    assert main(["export", "--format", "csv", "--type", "TOWN"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) > 1


def test_a_bad_choice_lists_the_ids(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--format", "csv", "--extent", "everywhere"])
    err = capsys.readouterr().err
    assert all(extent in err for extent in Extent.ids())


def test_help_lists_the_ids_without_markup(capsys):
    top = _help(capsys)
    assert "``" not in top
    assert "validate" in top
    assert "--data-dir" in top
    export = _help(capsys, "export")
    for ids in (Area.ids(), Extent.ids(), Basemap.ids(), ["csv", "geojson", "kml", "html"]):
        assert all(i in export for i in ids), ids
    assert "transport_hub" in export  # the --type ids, from the data
    assert "``" not in export


def test_missing_output_folders_are_created(tmp_path, capsys):
    target = tmp_path / "new" / "folder" / "hotspots.geojson"
    assert main(["export", "--format", "geojson", "-o", str(target)]) == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))["features"]) == 22


def test_an_output_folder_that_cannot_be_made_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SystemExit) as stop:
        main(["export", "--format", "csv", "-o", str(blocker / "sub" / "out.csv")])
    message = str(stop.value.code)
    assert message.startswith("error: ")
    assert "\n" not in message


def test_unreachable_nominatim_fails_fast_one_line_per_place(data_dir, capsys):
    """No server at the URL: the first place finds out, the others are not tried, and the
    report is one line per place and a summary, with no traceback."""
    # Every hotspot goes online: an empty store, no evidence and no curated gazetteer entries.
    (data_dir / DataDir.GEOCODES).unlink()
    (data_dir / DataDir.GAZETTEER).unlink()
    (data_dir / DataDir.EVIDENCE).unlink()
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    code = main(
        [
            "geocode",
            "--data-dir",
            str(data_dir),
            "--online",
            "--dry-run",
            "--min-delay",
            "0",
            "--nominatim-url",
            f"http://127.0.0.1:{port}",
        ]
    )
    elapsed = time.monotonic() - started
    captured = capsys.readouterr()
    assert code in (0, 1)
    assert "Traceback" not in captured.out + captured.err
    progress = [line for line in captured.err.splitlines() if line.startswith("[")]
    assert len(progress) == 37  # one line per place
    asked = [line for line in progress if "online:" in line]
    assert len(asked) > 10  # the places GeoNames does not know
    assert all(f"server unreachable: 127.0.0.1:{port} (" in line for line in asked)
    assert all("Connection refused" in line for line in asked)
    assert sum("not tried" in line for line in asked) == len(asked) - 1
    assert f"{len(asked)} online failure(s)" in captured.out
    assert elapsed < 30  # no per-place retries (they took minutes)
