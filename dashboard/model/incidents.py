"""Which incidents a view shows: one date range (the sidebar's), event types, sub-event types
and an actor search, applied to the frame :func:`dashboard.data.acled.read_acled` loads.

The same filter drives the map layer (the browser applies it to integer codes, see
:mod:`dashboard.maps.incident_layer`), the page's count and the activity per hotspot, so they
always agree. Text values are coded by their position in a sorted vocabulary
(:class:`Vocabulary`); the browser only ever compares those integers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from dashboard.text.folding import fold

#: Days are counted from this date (the browser's ``Date`` epoch), in the layer and its filter.
EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class IncidentFilter:
    """``None`` means "no restriction"; dates are inclusive; ``actor`` matches either actor
    (accents, case and punctuation ignored)."""

    start: date | None = None
    end: date | None = None
    event_types: tuple[str, ...] | None = None
    sub_types: tuple[str, ...] | None = None
    actor: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """The distinct values of the coded text columns, sorted; a value's code is its index."""

    types: tuple[str, ...]
    subs: tuple[str, ...]
    actors: tuple[str, ...]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Vocabulary:
        actors = set(frame["actor1"]) | set(frame["actor2"])
        return cls(
            tuple(sorted(set(frame["event_type"]))),
            tuple(sorted(set(frame["sub_event_type"]))),
            tuple(sorted(actors)),
        )

    def codes(self, frame: pd.DataFrame) -> dict[str, np.ndarray]:
        """Integer codes of ``event_type``, ``sub_event_type``, ``actor1``, ``actor2``."""
        return {
            "event_type": _codes(frame["event_type"], self.types),
            "sub_event_type": _codes(frame["sub_event_type"], self.subs),
            "actor1": _codes(frame["actor1"], self.actors),
            "actor2": _codes(frame["actor2"], self.actors),
        }


def _codes(values: pd.Series, vocabulary: tuple[str, ...]) -> np.ndarray:
    return pd.Categorical(values, categories=list(vocabulary)).codes.astype(np.int32)


def days(when: date) -> int:
    """Days since :data:`EPOCH`."""
    return (when - EPOCH).days


def matching_actors(actors: tuple[str, ...], query: str) -> list[int] | None:
    """Codes of the actors whose folded name contains the folded ``query`` (None: no search)."""
    wanted = fold(query)
    if not wanted:
        return None
    return [code for code, name in enumerate(actors) if name and wanted in fold(name)]


def allowed_codes(vocabulary: tuple[str, ...], chosen: tuple[str, ...] | None) -> list[int] | None:
    """Codes of the ``chosen`` values (None: every value)."""
    if chosen is None:
        return None
    wanted = set(chosen)
    return [code for code, value in enumerate(vocabulary) if value in wanted]


@dataclass(frozen=True)
class CodedFilter:
    """An :class:`IncidentFilter` in codes, as the browser applies it: days since
    :data:`EPOCH` (inclusive) and the allowed codes (None: any)."""

    first_day: int | None
    last_day: int | None
    types: list[int] | None
    subs: list[int] | None
    actors: list[int] | None

    @classmethod
    def of(cls, chosen: IncidentFilter, vocabulary: Vocabulary) -> CodedFilter:
        return cls(
            None if chosen.start is None else days(chosen.start),
            None if chosen.end is None else days(chosen.end),
            allowed_codes(vocabulary.types, chosen.event_types),
            allowed_codes(vocabulary.subs, chosen.sub_types),
            matching_actors(vocabulary.actors, chosen.actor),
        )

    def as_json(self) -> dict:
        return {
            "from": self.first_day,
            "to": self.last_day,
            "types": self.types,
            "subs": self.subs,
            "actors": self.actors,
        }


def attribute_mask(
    frame: pd.DataFrame,
    chosen: IncidentFilter,
    vocabulary: Vocabulary,
    codes: dict[str, np.ndarray] | None = None,
) -> np.ndarray:
    """Rows passing the type, sub-type and actor parts of ``chosen`` (dates not applied);
    ``codes``: ``vocabulary.codes(frame)`` when already computed (once per load)."""
    coded = CodedFilter.of(chosen, vocabulary)
    codes = vocabulary.codes(frame) if codes is None else codes
    keep = np.ones(len(frame), dtype=bool)
    if coded.types is not None:
        keep &= np.isin(codes["event_type"], coded.types)
    if coded.subs is not None:
        keep &= np.isin(codes["sub_event_type"], coded.subs)
    if coded.actors is not None:
        keep &= np.isin(codes["actor1"], coded.actors) | np.isin(codes["actor2"], coded.actors)
    return keep


def date_mask(frame: pd.DataFrame, start: date | None, end: date | None) -> np.ndarray:
    """Rows dated within [start, end] (inclusive days; None: open)."""
    dates = frame["date"].to_numpy("datetime64[D]")
    keep = np.ones(len(frame), dtype=bool)
    if start is not None:
        keep &= dates >= np.datetime64(start, "D")
    if end is not None:
        keep &= dates < np.datetime64(end + timedelta(days=1), "D")
    return keep


def incident_mask(
    frame: pd.DataFrame,
    chosen: IncidentFilter,
    vocabulary: Vocabulary,
    codes: dict[str, np.ndarray] | None = None,
) -> np.ndarray:
    """Rows the view shows: every part of ``chosen`` applied (``codes`` as in :func:`attribute_mask`)."""
    keep = attribute_mask(frame, chosen, vocabulary, codes)
    return keep & date_mask(frame, chosen.start, chosen.end)


def date_bounds(frame: pd.DataFrame) -> tuple[date, date] | None:
    """The first and last incident dates (None when there is none)."""
    if frame.empty:
        return None
    return frame["date"].min().date(), frame["date"].max().date()
