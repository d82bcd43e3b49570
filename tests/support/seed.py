"""The bundled data as a first visit sees it: the 22 places of the MSS update of 19 Nov 2024."""

from __future__ import annotations

import dataclasses

from dashboard.data import paths
from dashboard.model.dataset import Dataset, load_dataset
from dashboard.views.render import named_hotspots
from dashboard.views.state import ViewState


def seed_dataset() -> Dataset:
    """The bundled dataset restricted to the default update's places (the mission's list of
    22 hotspots, 19 Nov 2024), as the map, the exports and the briefing show them by default."""
    full = load_dataset(paths.BUNDLED_DATA_DIR)
    return dataclasses.replace(full, located=named_hotspots(full, ViewState()))
