"""Both timelines together: loaded from a data directory, and the span of their dates."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from dashboard.data import DataDir, Inputs, load_inputs
from dashboard.data.events import DeploymentData, PolicyData
from dashboard.data.publishers import Publishers
from dashboard.data.reader import Problem


@dataclass
class Timelines:
    """Both timelines and every problem found while loading them."""

    deployments: DeploymentData
    policy: PolicyData
    problems: list[Problem] = field(default_factory=list)
    #: Who published each cited source, and its tier (``publishers.csv``).
    publishers: Publishers = field(default_factory=lambda: Publishers([]))


def load_timelines(data_dir: str | os.PathLike[str] | DataDir | None = None) -> Timelines:
    """Load ``deployments.csv`` and ``policy_events.csv`` from ``data_dir``."""
    return timelines_of(load_inputs(data_dir))


def timelines_of(inputs: Inputs) -> Timelines:
    """The timelines of already loaded inputs (see :func:`dashboard.data.load_inputs`)."""
    return Timelines(inputs.deployments, inputs.policy, inputs.timeline_problems, inputs.publishers)


def timeline_date_bounds(timelines: Timelines) -> tuple[date, date]:
    """The first and last event dates across both timelines (the last widened to the end of
    its month or year when imprecise); today twice when there are no events."""
    events = [*timelines.deployments.events, *timelines.policy.events]
    if not events:
        today = date.today()
        return today, today
    return min(e.date for e in events), max(e.period_end for e in events)
