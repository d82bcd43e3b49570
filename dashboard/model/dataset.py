"""Everything the app shows, loaded from one data directory and resolved offline."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from dashboard.data import DataDir, Inputs, load_inputs
from dashboard.data.evidence import ATTRIBUTIONS
from dashboard.data.geocodes import GeocodeEntry
from dashboard.data.hotspots import Hotspot
from dashboard.data.reader import Problem
from dashboard.data.styles import TypeStyle
from dashboard.geocoding import Gazetteer, Resolution, resolve_all
from dashboard.geocoding.evidence import SourcePoint, assess_all
from dashboard.model.updates import Mentioned, UpdateIndex
from dashboard.text.i18n import _


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
    #: The MSS updates that named the place, oldest first.
    mentions: tuple[Mentioned, ...] = ()
    #: Where each independent source puts the place (evidence table, one point per lineage).
    sources: tuple[SourcePoint, ...] = ()

    @property
    def location(self) -> tuple[float, float] | None:
        """(lat, lon) in WGS84 decimal degrees."""
        return None if self.geocode is None else (self.geocode.lat, self.geocode.lon)


@dataclass
class Dataset:
    """The hotspots the app shows, each with its coordinate, the type styles, and the
    problems found in the files behind them."""

    styles: dict[str, TypeStyle]
    located: list[LocatedHotspot]
    problems: list[Problem] = field(default_factory=list)
    #: The MSS updates and which places each names (empty: every hotspot is always shown).
    updates: UpdateIndex = field(default_factory=UpdateIndex)

    @property
    def as_of(self) -> date | None:
        """The date of the newest update the hotspots come from."""
        dates = [item.hotspot.source_date for item in self.located]
        return max(dates) if dates else None

    @property
    def coordinate_credits(self) -> str:
        """Who to credit for the points shown, e.g. "Coordinates: ACLED (…), GeoNames (CC BY 4.0)"
        (the sources of the chosen points, in the order of the evidence vocabulary)."""
        kinds = {item.geocode.evidence_kind for item in self.located if item.geocode is not None}
        names = [_(text) for kind, text in ATTRIBUTIONS.items() if kind in kinds]
        names += sorted(kind for kind in kinds if kind not in ATTRIBUTIONS)  # e.g. a manual entry's
        separator = _("; ")  # between the sources (French: a narrow no-break space before ";")
        return _("Coordinates: {sources}").format(sources=separator.join(names)) if names else ""

    @property
    def unplaced(self) -> list[LocatedHotspot]:
        return [item for item in self.located if item.geocode is None]


def load_dataset(
    directory: str | os.PathLike[str] | DataDir | None = None, *, today: date | None = None
) -> Dataset:
    """Load the data directory (see :func:`dashboard.data.load_inputs`) and resolve every
    hotspot offline."""
    return dataset_of(load_inputs(directory), today=today)


def dataset_of(inputs: Inputs, *, today: date | None = None) -> Dataset:
    """Resolve every hotspot of ``inputs`` offline (manual → evidence → stored → gazetteer →
    stand-in).

    Never writes: places missing from the store are resolved from the gazetteer on the fly
    (``python -m dashboard geocode`` writes them to the store).
    """
    evidence = assess_all([spot.id for spot in inputs.hotspots], inputs.evidence)
    resolutions: list[Resolution] = resolve_all(
        inputs.hotspots,
        inputs.store,
        gazetteer=Gazetteer(inputs.gazetteer),
        today=today or date.today(),
        evidence=evidence,
    )
    updates = UpdateIndex.of(inputs.updates, inputs.mentions)
    located = [
        LocatedHotspot(
            hotspot,
            result.entry,
            result.status,
            result.message,
            updates.history(hotspot.id),
            evidence[hotspot.id].sources,
        )
        for hotspot, result in zip(inputs.hotspots, resolutions, strict=True)
    ]
    return Dataset(inputs.styles, located, inputs.map_problems, updates)
