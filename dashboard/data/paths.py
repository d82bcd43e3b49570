"""Where the data lives and what its files are called: ``data/`` by default,
``DASHBOARD_DATA_DIR`` or ``--data-dir`` otherwise; :class:`DataDir` owns every file name."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The repository's bundled data directory (``<repo>/data``).
BUNDLED_DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"

ENV_VAR = "DASHBOARD_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data directory: ``override``, else ``$DASHBOARD_DATA_DIR``, else ``data/``."""
    if override:
        return Path(override)
    from_env = os.environ.get(ENV_VAR)
    return Path(from_env) if from_env else BUNDLED_DATA_DIR


@dataclass(frozen=True)
class DataDir:
    """A data directory and the one place its file names are written down."""

    path: Path

    HOTSPOTS = "hotspots.csv"
    TYPES = "hotspot_types.csv"
    GAZETTEER = "gazetteer.csv"
    GEOCODES = "geocodes.csv"
    DEPLOYMENTS = "deployments.csv"
    POLICY = "policy_events.csv"
    INCIDENTS = "incidents.csv"
    EVIDENCE = "place_evidence.csv"
    PUBLISHERS = "publishers.csv"
    UPDATES = "updates.csv"
    MENTIONS = "mentions.csv"

    @classmethod
    def resolve(cls, override: str | os.PathLike[str] | DataDir | None = None) -> DataDir:
        """The data directory ``override`` names (see :func:`data_dir` for the default)."""
        return override if isinstance(override, DataDir) else cls(data_dir(override))

    @property
    def hotspots(self) -> Path:
        return self.path / self.HOTSPOTS

    @property
    def types(self) -> Path:
        return self.path / self.TYPES

    @property
    def gazetteer(self) -> Path:
        return self.path / self.GAZETTEER

    @property
    def geocodes(self) -> Path:
        return self.path / self.GEOCODES

    @property
    def deployments(self) -> Path:
        return self.path / self.DEPLOYMENTS

    @property
    def policy(self) -> Path:
        return self.path / self.POLICY

    @property
    def updates(self) -> Path:
        return self.path / self.UPDATES

    @property
    def mentions(self) -> Path:
        return self.path / self.MENTIONS

    @property
    def publishers(self) -> Path:
        return self.path / self.PUBLISHERS

    @property
    def evidence(self) -> Path:
        return self.path / self.EVIDENCE

    @property
    def incidents(self) -> Path:
        return self.path / self.INCIDENTS

    def signature(self) -> tuple:
        """Changes whenever a data file changes (name, mtime, size of every CSV file)."""
        return tuple(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(self.path.glob("*.csv"))
        )
