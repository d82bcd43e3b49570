"""Checking every data file of a data directory: ``python -m dashboard validate``.

The same loaders as the app (so the same messages), plus the checks that span files: a
deployment's ``hotspot_id`` must name a hotspot.
"""

from __future__ import annotations

from pathlib import Path

from dashboard.dataset import load_dataset
from dashboard.tables import Problem
from dashboard.timeline import DEPLOYMENTS_FILE, Timelines, load_timelines


def cross_file_problems(hotspot_ids: set[str], timelines: Timelines) -> list[Problem]:
    """Deployment rows that name a hotspot ``hotspots.csv`` lacks (or rejected)."""
    return [
        Problem(DEPLOYMENTS_FILE, event.row, "hotspot_id",
                f"no hotspot {event.hotspot_id!r} in hotspots.csv (missing or rejected)")
        for event in timelines.deployments.events
        if event.hotspot_id is not None and event.hotspot_id not in hotspot_ids
    ]


def validate_directory(directory: Path) -> list[Problem]:
    """Every problem in the data files of ``directory``, file by file, in row order."""
    dataset = load_dataset(directory)
    timelines = load_timelines(directory)
    hotspot_ids = {item.hotspot.id for item in dataset.located}
    return [*dataset.problems, *timelines.problems, *cross_file_problems(hotspot_ids, timelines)]
