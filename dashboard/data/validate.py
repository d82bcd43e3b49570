"""Checking every data file of a data directory: ``python -m dashboard validate``.

The same loader as the app (so the same messages), plus the checks that span files: a
deployment's ``hotspot_id`` must name a hotspot.
"""

from __future__ import annotations

from dashboard.data.inputs import Inputs
from dashboard.data.paths import DataDir
from dashboard.data.reader import Problem


def cross_file_problems(inputs: Inputs) -> list[Problem]:
    """Deployment rows that name a hotspot ``hotspots.csv`` lacks (or rejected)."""
    hotspot_ids = {spot.id for spot in inputs.hotspots}
    return [
        Problem(
            DataDir.DEPLOYMENTS,
            event.row,
            "hotspot_id",
            f"no hotspot {event.hotspot_id!r} in {DataDir.HOTSPOTS} (missing or rejected)",
        )
        for event in inputs.deployments.events
        if event.hotspot_id is not None and event.hotspot_id not in hotspot_ids
    ]


def validate(inputs: Inputs) -> list[Problem]:
    """Every problem in the data files, file by file, in row order, then the cross-file ones."""
    return [*inputs.map_problems, *inputs.timeline_problems, *cross_file_problems(inputs)]
