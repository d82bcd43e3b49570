"""Checking every data file of a data directory: ``python -m dashboard validate``.

The same loaders as the app (so the same messages; ``incidents.csv`` through
:func:`dashboard.data.acled.load_incidents`, which also says how many rows load), plus the
checks that span files: a
deployment's or an evidence row's ``hotspot_id`` must name a hotspot, and every hotspot needs
at least one evidence row.
"""

from __future__ import annotations

from collections import Counter

from dashboard.data.acled import load_incidents
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


def evidence_problems(inputs: Inputs) -> list[Problem]:
    """Evidence rows about an unknown hotspot; hotspots with no evidence row at all."""
    hotspot_ids = {spot.id for spot in inputs.hotspots}
    orphans = Counter(row.hotspot_id for row in inputs.evidence if row.hotspot_id not in hotspot_ids)
    unknown = [
        Problem(
            DataDir.EVIDENCE,
            None,
            "hotspot_id",
            f"{count} row(s) about {hotspot_id!r}, which {DataDir.HOTSPOTS} lacks (missing or rejected)",
        )
        for hotspot_id, count in orphans.items()
    ]
    with_evidence = {row.hotspot_id for row in inputs.evidence}
    missing = [
        Problem(DataDir.HOTSPOTS, None, "id", f"{spot.id!r} has no row in {DataDir.EVIDENCE}")
        for spot in inputs.hotspots
        if spot.id not in with_evidence
    ]
    return unknown + missing


def mention_problems(inputs: Inputs) -> list[Problem]:
    """Mentions of an update or a hotspot the other files lack."""
    update_ids = {update.update_id for update in inputs.updates}
    hotspot_ids = {spot.id for spot in inputs.hotspots}
    problems = []
    for field, known, other in (
        ("update_id", update_ids, DataDir.UPDATES),
        ("hotspot_id", hotspot_ids, DataDir.HOTSPOTS),
    ):
        orphans = Counter(getattr(m, field) for m in inputs.mentions if getattr(m, field) not in known)
        problems += [
            Problem(
                DataDir.MENTIONS,
                None,
                field,
                f"{n} mention(s) of {key!r}, which {other} lacks (missing or rejected)",
            )
            for key, n in orphans.items()
        ]
    return problems


def validate(inputs: Inputs) -> list[Problem]:
    """Every problem in the data files, file by file, in row order, then the cross-file ones."""
    return [
        *inputs.map_problems,
        *inputs.timeline_problems,
        *cross_file_problems(inputs),
        *evidence_problems(inputs),
        *mention_problems(inputs),
    ]


def incident_report(inputs: Inputs) -> tuple[list[Problem], str | None]:
    """The problems of ``incidents.csv`` (the app's reader and rules) and a line saying how many
    of its rows load, e.g. "incidents.csv: 4,329 of 4,331 rows load" (None: no such file)."""
    if not inputs.files.incidents.exists():
        return [], None
    loaded = load_incidents(inputs.files)
    return loaded.problems, f"{DataDir.INCIDENTS}: {len(loaded):,} of {loaded.rows_read:,} rows load"
