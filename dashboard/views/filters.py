"""What the user asked to see: types, departments, a name search."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.model import LocatedHotspot
from dashboard.text.folding import fold


@dataclass(frozen=True)
class Filters:
    """``None`` means "no restriction"; an empty tuple means "nothing"."""

    types: tuple[str, ...] | None = None
    departments: tuple[str, ...] | None = None
    name_query: str = ""


def matches(item: LocatedHotspot, filters: Filters) -> bool:
    spot = item.hotspot
    if filters.types is not None and spot.type not in filters.types:
        return False
    if filters.departments is not None and spot.department not in filters.departments:
        return False
    # Names only (the name on the map, the source's spelling, other spellings), not the
    # commune: "Delmas" finds Delmas, not every place in the Delmas commune; the area filter
    # is the geographic one.
    query = fold(filters.name_query)
    return not query or any(query in fold(name) for name in spot.names)


def apply_filters(items: Iterable[LocatedHotspot], filters: Filters) -> list[LocatedHotspot]:
    """The items that pass ``filters``, in their original order."""
    return [item for item in items if matches(item, filters)]
