"""One loading sequence (load_inputs) and one owner of the file names (DataDir)."""

from __future__ import annotations

from dashboard.data import DataDir, load_inputs, paths
from dashboard.data.validate import validate
from dashboard.model import dataset_of, load_dataset
from dashboard.timelines import load_timelines, timelines_of


def test_every_file_name_is_owned_by_data_dir(data_dir):
    files = DataDir(data_dir)
    for path in (
        files.hotspots,
        files.types,
        files.gazetteer,
        files.geocodes,
        files.deployments,
        files.policy,
    ):
        assert path.exists(), path
    assert files.incidents.name == DataDir.INCIDENTS


def test_load_inputs_reads_every_file_once_and_the_layers_agree():
    inputs = load_inputs(paths.BUNDLED_DATA_DIR)
    assert len(inputs.hotspots) == 37
    assert inputs.store
    assert inputs.gazetteer
    assert inputs.styles
    assert inputs.deployments.events
    assert inputs.policy.events
    assert all(problems == [] for problems in inputs.problems.values())
    assert validate(inputs) == []
    assert dataset_of(inputs).located == load_dataset(paths.BUNDLED_DATA_DIR).located
    assert timelines_of(inputs) == load_timelines(paths.BUNDLED_DATA_DIR)


def test_problems_are_kept_per_file(data_dir):
    (data_dir / DataDir.POLICY).write_text("not,a,policy,file\n", encoding="utf-8")
    inputs = load_inputs(data_dir)
    assert inputs.problems[DataDir.POLICY]
    assert inputs.timeline_problems == inputs.problems[DataDir.POLICY]
    assert inputs.map_problems == []


def test_records_are_the_frozen_row_models():
    import pydantic
    import pytest

    inputs = load_inputs(paths.BUNDLED_DATA_DIR)
    spot = inputs.hotspots[0]
    with pytest.raises(pydantic.ValidationError):
        spot.id = "changed"
