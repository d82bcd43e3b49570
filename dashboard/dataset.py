"""Everything the app shows, loaded from one data directory and resolved offline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dashboard import paths
from dashboard.geocoding import Gazetteer, GeocodeEntry, Resolution, load_store, resolve_all
from dashboard.geocoding.gazetteer import load_curated
from dashboard.hotspots import Hotspot, load_hotspots
from dashboard.styles import TypeStyle, load_type_styles
from dashboard.tables import Problem


@dataclass(frozen=True)
class LocatedHotspot:
    """A hotspot with its coordinate (``geocode`` is None when it could not be placed).

    ``status`` says how the coordinate was reached (see ``resolver.STATUSES``); ``message``
    says what failed on the way, if anything (the UI may show it beside the place).
    """

    hotspot: Hotspot
    geocode: GeocodeEntry | None
    status: str
    message: str = ""

    @property
    def location(self) -> tuple[float, float] | None:
        """(lat, lon) in WGS84 decimal degrees."""
        return None if self.geocode is None else (self.geocode.lat, self.geocode.lon)


@dataclass
class Dataset:
    data_dir: Path
    styles: dict[str, TypeStyle]
    located: list[LocatedHotspot]
    problems: list[Problem] = field(default_factory=list)

    @property
    def as_of(self) -> date | None:
        """The date of the newest update the hotspots come from."""
        dates = [item.hotspot.source_date for item in self.located]
        return max(dates) if dates else None

    @property
    def unplaced(self) -> list[LocatedHotspot]:
        return [item for item in self.located if item.geocode is None]


def load_gazetteer(directory: Path) -> tuple[Gazetteer, list[Problem]]:
    curated, problems = load_curated(directory / paths.GAZETTEER_FILE)
    return Gazetteer(curated), problems


def load_dataset(directory: Path | None = None, *, today: date | None = None) -> Dataset:
    """Load styles, hotspots and the geocode store, and resolve every hotspot offline.

    Never writes: places missing from the store are resolved from the gazetteer on the fly
    (``python -m dashboard geocode`` writes them to the store).
    """
    directory = directory or paths.data_dir()
    styles, problems = load_type_styles(directory / paths.TYPES_FILE)
    hotspots, hotspot_problems = load_hotspots(directory / paths.HOTSPOTS_FILE, type_ids=styles)
    store, store_problems = load_store(directory / paths.GEOCODES_FILE)
    gazetteer, gazetteer_problems = load_gazetteer(directory)
    problems += hotspot_problems + store_problems + gazetteer_problems
    resolutions: list[Resolution] = resolve_all(
        hotspots, store, gazetteer=gazetteer, today=today or date.today()
    )
    located = [
        LocatedHotspot(hotspot, result.entry, result.status, result.message)
        for hotspot, result in zip(hotspots, resolutions, strict=True)
    ]
    return Dataset(directory, styles, located, problems)
