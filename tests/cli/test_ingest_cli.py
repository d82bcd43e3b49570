"""``python -m dashboard ingest``: review first, then --apply; idempotent; bad input said clearly."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard.cli import main
from dashboard.data import DataDir, load_inputs
from tests.timelines.test_ingest import SEED_IDS, SEED_QUOTE

FRENCH = (
    "Mise à jour du MSSM Haïti\n\nLa MSSM et la PNH ont mené des patrouilles à Pont-Sondé, au Carrefour Paye "
    "et à L'Estère, puis à Mirebalais. Le commandant a salué les efforts de la PNH."
)


def review(capsys, *args: str) -> list[dict[str, str]]:
    assert main(["ingest", *args, "--format", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_the_seed_text_lists_its_22_places_and_nothing_else_as_known(tmp_path, capsys):
    path = tmp_path / "seed.txt"
    path.write_text(SEED_QUOTE, encoding="utf-8")
    rows = review(capsys, str(path), "--date", "2024-11-19")
    assert [r["hotspot_id"] for r in rows if r["action"] == "mention"] == SEED_IDS


def test_a_french_update_finds_its_places_and_proposes_a_gazetteer_candidate(tmp_path, capsys):
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, encoding="utf-8")
    rows = review(capsys, str(path), "--date", "2025-09-01", "--lang", "fr")
    assert [r["hotspot_id"] for r in rows if r["action"] == "mention"] == [
        "pont-sonde",
        "carrefour-paye",
        "lestere",
    ]
    candidate = next(r for r in rows if r["action"] == "candidate")
    assert (candidate["name_as_written"], candidate["candidate_name"]) == ("Mirebalais", "Mirebalais")
    assert candidate["evidence"].startswith("geonames ")
    assert 18.5 < float(candidate["lat"]) < 19.2


def test_apply_appends_once_and_re_ingesting_is_a_no_op(data_dir, tmp_path, capsys):
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, encoding="utf-8")
    review_csv = tmp_path / "review.csv"
    base = ["--data-dir", str(data_dir), "ingest", str(path), "--date", "2025-09-01", "--lang", "fr"]
    assert main([*base, "-o", str(review_csv)]) == 0
    before = load_inputs(data_dir)
    assert len(before.updates) == 17  # the review wrote nothing to the data
    url = ["--url", "https://mssmhaiti.com/fr/post/example"]
    assert main([*base, *url, "--apply", str(review_csv)]) == 0
    after = load_inputs(data_dir)
    assert [u.update_id for u in after.updates][-1] == "mss-2025-09-01"
    added = [m for m in after.mentions if m.update_id == "mss-2025-09-01"]
    assert [m.hotspot_id for m in added] == ["pont-sonde", "carrefour-paye", "lestere"]
    assert all(not problems for problems in after.problems.values())
    text = (data_dir / DataDir.MENTIONS).read_text(encoding="utf-8")
    assert main([*base, *url, "--apply", str(review_csv)]) == 0  # again: nothing changes
    assert (data_dir / DataDir.MENTIONS).read_text(encoding="utf-8") == text
    assert "already in updates.csv; nothing to do" in capsys.readouterr().err


def test_a_review_row_naming_an_unknown_hotspot_is_refused_by_row(data_dir, tmp_path, capsys):
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, encoding="utf-8")
    review_csv = tmp_path / "review.csv"
    review_csv.write_text(
        "name_as_written,hotspot_id,candidate_name,lat,lon,evidence,action\nMirebalais,mirebalais,,,,,mention\n",
        encoding="utf-8",
    )
    args = [
        "--data-dir",
        str(data_dir),
        "ingest",
        str(path),
        "--date",
        "2025-09-01",
        "--url",
        "https://x.org/a",
    ]
    assert main([*args, "--apply", str(review_csv)]) == 1
    assert "review.csv:2: hotspot_id: 'mirebalais' is not in hotspots.csv" in capsys.readouterr().err
    assert len(load_inputs(data_dir).updates) == 17


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n", "is empty"),
        (b"\x00\x01binary", "is not a text file"),
        (b"\xff\xfe\xfa", "is not UTF-8"),
    ],
)
def test_bad_files_get_one_clear_line(tmp_path, content, message):
    path = tmp_path / "update.txt"
    path.write_bytes(content)
    with pytest.raises(SystemExit, match=message):
        main(["ingest", str(path), "--date", "2025-09-01"])


def test_a_date_in_another_form_is_refused_by_argparse(tmp_path, capsys):
    path = tmp_path / "update.txt"
    path.write_text("Solino", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["ingest", str(path), "--date", "19/11/2024"])
    assert "not a date in YYYY-MM-DD form: '19/11/2024'" in capsys.readouterr().err
