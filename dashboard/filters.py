"""What the user asked to see: types, departments, a name search."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dashboard.dataset import LocatedHotspot
from dashboard.geocoding.gazetteer import normalise


@dataclass(frozen=True)
class Filters:
    """``None`` means "no restriction"; an empty tuple means "nothing"."""

    types: tuple[str, ...] | None = None
    departments: tuple[str, ...] | None = None
    name_query: str = ""

    def describe(self, labels: Mapping[str, str] | None = None) -> str:
        """The filters in words (for counts, captions and the briefing view); ``labels``
        maps type ids to their labels."""
        labels = labels or {}
        parts = []
        if self.types is not None:
            parts.append(f"types: {', '.join(labels.get(t, t) for t in self.types) or 'none'}")
        if self.departments is not None:
            parts.append(f"departments: {', '.join(self.departments) or 'none'}")
        if self.name_query.strip():
            parts.append(f'name contains "{self.name_query.strip()}"')
        return "; ".join(parts) or "all hotspots"


def matches(item: LocatedHotspot, filters: Filters) -> bool:
    spot = item.hotspot
    if filters.types is not None and spot.type not in filters.types:
        return False
    if filters.departments is not None and spot.department not in filters.departments:
        return False
    query = normalise(filters.name_query)
    return not query or any(query in normalise(name) for name in (*spot.names, spot.commune))


def apply_filters(items: Iterable[LocatedHotspot], filters: Filters) -> list[LocatedHotspot]:
    """The items that pass ``filters``, in their original order."""
    return [item for item in items if matches(item, filters)]
