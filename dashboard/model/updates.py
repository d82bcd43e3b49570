"""The MSS updates as the app uses them: which places each update names, and each place's
history of mentions.

A view shows the places of *one* update (by default the mission's list of 19 Nov 2024, the 22
places of the seed) or of *every* update within its date window (``ALL``). With no updates in
the data, every hotspot is shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from dashboard.data.updates import Mention, Update

#: The update a first visit shows: the mission's own list of 22 hotspots (19 Nov 2024).
DEFAULT_UPDATE_ID = "mss-2024-11-19"
#: The choice "every update within the date window".
ALL = "all"


@dataclass(frozen=True)
class Mentioned:
    """One update naming one place, with every name it used for it."""

    update: Update
    names: tuple[str, ...]
    context: str


@dataclass
class UpdateIndex:
    """The updates (oldest first) and, both ways, which update names which place."""

    updates: tuple[Update, ...] = ()
    _places: dict[str, frozenset[str]] = field(default_factory=dict)
    _history: dict[str, tuple[Mentioned, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, updates: Sequence[Update], mentions: Iterable[Mention]) -> UpdateIndex:
        by_id = {update.update_id: update for update in updates}
        names: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        for mention in mentions:
            if mention.update_id in by_id:
                names[mention.hotspot_id, mention.update_id].append(mention)
        places: dict[str, set[str]] = defaultdict(set)
        history: dict[str, list[Mentioned]] = defaultdict(list)
        for (hotspot_id, update_id), found in names.items():
            places[update_id].add(hotspot_id)
            context = "; ".join(dict.fromkeys(m.context for m in found if m.context))
            history[hotspot_id].append(
                Mentioned(by_id[update_id], tuple(m.name_as_written for m in found), context)
            )
        ordered = {
            k: tuple(sorted(v, key=lambda m: (m.update.date, m.update.update_id))) for k, v in history.items()
        }
        return cls(tuple(updates), {k: frozenset(v) for k, v in places.items()}, ordered)

    def __bool__(self) -> bool:
        return bool(self.updates)

    @property
    def ids(self) -> list[str]:
        return [update.update_id for update in self.updates]

    def get(self, update_id: str) -> Update | None:
        return next((u for u in self.updates if u.update_id == update_id), None)

    @property
    def default_id(self) -> str:
        """The update a first visit shows: :data:`DEFAULT_UPDATE_ID` if present, else ``all``."""
        return DEFAULT_UPDATE_ID if self.get(DEFAULT_UPDATE_ID) is not None else ALL

    def within(self, dates: tuple[date, date] | None) -> list[Update]:
        """The updates dated within ``dates`` (inclusive; None: all)."""
        if dates is None:
            return list(self.updates)
        return [u for u in self.updates if dates[0] <= u.date <= dates[1]]

    def chosen(self, update_id: str | None, dates: tuple[date, date] | None) -> list[Update]:
        """The updates a view shows: one by id, or (``all``) those within ``dates``."""
        wanted = update_id or self.default_id
        if wanted == ALL:
            return self.within(dates)
        found = self.get(wanted)
        return [found] if found is not None else []

    def places_of(self, updates: Iterable[Update]) -> frozenset[str]:
        """The hotspot ids any of ``updates`` names."""
        return frozenset().union(*(self._places.get(u.update_id, frozenset()) for u in updates))

    def history(self, hotspot_id: str) -> tuple[Mentioned, ...]:
        """Every update that named the place, oldest first."""
        return self._history.get(hotspot_id, ())

    def is_new_in(self, hotspot_id: str, update: Update) -> bool:
        """True when ``update`` is the first one to name the place."""
        past = self.history(hotspot_id)
        return bool(past) and past[0].update.update_id == update.update_id
