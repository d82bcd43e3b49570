"""Where the data lives: ``data/`` by default, ``DASHBOARD_DATA_DIR`` or ``--data-dir`` otherwise."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository's bundled data directory (``<repo>/data``).
BUNDLED_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

ENV_VAR = "DASHBOARD_DATA_DIR"

HOTSPOTS_FILE = "hotspots.csv"
TYPES_FILE = "hotspot_types.csv"
GAZETTEER_FILE = "gazetteer.csv"
GEOCODES_FILE = "geocodes.csv"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data directory: ``override``, else ``$DASHBOARD_DATA_DIR``, else ``data/``."""
    if override:
        return Path(override)
    from_env = os.environ.get(ENV_VAR)
    return Path(from_env) if from_env else BUNDLED_DATA_DIR
