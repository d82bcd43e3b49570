"""Every curated data file of a data directory, read and validated in one call.

:func:`load_inputs` is the one loading sequence: the app, the CLI, the benchmark and the
tests all start from it. A bad row is left out and described; nothing here resolves
coordinates (:mod:`dashboard.model`) or builds timelines (:mod:`dashboard.timelines`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from dashboard.data.events import DeploymentData, PolicyData, load_deployments, load_policy
from dashboard.data.evidence import EvidenceRow, load_evidence
from dashboard.data.gazetteer import GazetteerEntry, load_curated
from dashboard.data.geocodes import GeocodeEntry, load_store
from dashboard.data.hotspots import Hotspot, load_hotspots
from dashboard.data.paths import DataDir
from dashboard.data.publishers import Publishers, load_publishers
from dashboard.data.reader import Problem
from dashboard.data.styles import TypeStyle, load_type_styles
from dashboard.data.updates import Mention, Update, load_mentions, load_updates


@dataclass
class Inputs:
    """The records of every data file, and the problems found, per file."""

    files: DataDir
    styles: dict[str, TypeStyle]
    hotspots: list[Hotspot]
    store: dict[str, GeocodeEntry]
    gazetteer: list[GazetteerEntry]
    deployments: DeploymentData
    policy: PolicyData
    evidence: list[EvidenceRow] = field(default_factory=list)
    publishers: Publishers = field(default_factory=lambda: Publishers([]))
    updates: list[Update] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    problems: dict[str, list[Problem]] = field(default_factory=dict)

    @property
    def map_problems(self) -> list[Problem]:
        """Problems in the files behind the map (types, hotspots, evidence, geocodes, gazetteer)."""
        names = (
            DataDir.TYPES,
            DataDir.HOTSPOTS,
            DataDir.EVIDENCE,
            DataDir.GEOCODES,
            DataDir.GAZETTEER,
            DataDir.UPDATES,
            DataDir.MENTIONS,
        )
        return [p for name in names for p in self.problems.get(name, [])]

    @property
    def timeline_problems(self) -> list[Problem]:
        """Problems in the timeline files (deployments, policy, then their publishers)."""
        names = (DataDir.DEPLOYMENTS, DataDir.POLICY, DataDir.PUBLISHERS)
        return [p for name in names for p in self.problems.get(name, [])]

    @property
    def unknown_domains(self) -> list[str]:
        """Domains the timelines cite that ``publishers.csv`` does not classify (secondary)."""
        events = (*self.deployments.events, *self.policy.events)
        return self.publishers.unknown_domains(url for event in events for url in event.sources)


def load_inputs(directory: str | os.PathLike[str] | DataDir | None = None) -> Inputs:
    """Read every data file of ``directory`` (default: see :func:`dashboard.data.paths.data_dir`)."""
    files = DataDir.resolve(directory)
    styles, type_problems = load_type_styles(files.types)
    hotspots, hotspot_problems = load_hotspots(files.hotspots, type_ids=styles)
    store, store_problems = load_store(files.geocodes)
    curated, gazetteer_problems = load_curated(files.gazetteer)
    deployments, deployment_problems = load_deployments(files.deployments)
    policy, policy_problems = load_policy(files.policy)
    evidence, evidence_problems = load_evidence(files.evidence)
    publishers, publisher_problems = load_publishers(files.publishers)
    updates, update_problems = load_updates(files.updates)
    mentions, mention_problems = load_mentions(files.mentions)
    return Inputs(
        files,
        styles,
        hotspots,
        store,
        curated,
        deployments,
        policy,
        evidence,
        publishers,
        updates,
        mentions,
        problems={
            DataDir.TYPES: type_problems,
            DataDir.HOTSPOTS: hotspot_problems,
            DataDir.EVIDENCE: evidence_problems,
            DataDir.GEOCODES: store_problems,
            DataDir.GAZETTEER: gazetteer_problems,
            DataDir.DEPLOYMENTS: deployment_problems,
            DataDir.POLICY: policy_problems,
            DataDir.PUBLISHERS: publisher_problems,
            DataDir.UPDATES: update_problems,
            DataDir.MENTIONS: mention_problems,
        },
    )
