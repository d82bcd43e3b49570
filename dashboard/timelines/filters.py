"""Which events fall in a date range, for an actor or a kind; dates shown as exactly as known."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import Protocol, TypeVar

from dashboard.data.events import period_end
from dashboard.text.i18n import format_date as i18n_date
from dashboard.text.i18n import format_month

__all__ = ["filter_events", "format_date", "in_range", "period_end"]


def format_date(day: date, precision: str) -> str:
    """A date shown only as exactly as it is known, in the active language: ``25 Jun 2024``,
    ``Jan 2025``, ``2025`` (French: ``25 juin 2024``, ``janv. 2025``)."""
    if precision == "month":
        return format_month(day)
    if precision == "year":
        return f"{day:%Y}"
    return i18n_date(day, short=True)


class _Event(Protocol):
    @property
    def date(self) -> date: ...
    @property
    def period_end(self) -> date: ...
    @property
    def actor(self) -> str: ...
    @property
    def kind(self) -> str: ...


E = TypeVar("E", bound=_Event)


def in_range(event: _Event, date_range: tuple[date, date]) -> bool:
    """Whether the event may fall in the range (inclusive). A month- or year-precision event
    is in it when its month or year overlaps the range."""
    start, end = date_range
    return event.date <= end and event.period_end >= start


def filter_events(
    events: Iterable[E],
    *,
    date_range: tuple[date, date] | None = None,
    actors: Collection[str] | None = None,
    kinds: Collection[str] | None = None,
) -> list[E]:
    """The events within ``date_range`` whose actor and kind are allowed, in their order.
    ``None`` means "no restriction"; an empty collection allows nothing."""
    return [
        event
        for event in events
        if (date_range is None or in_range(event, date_range))
        and (actors is None or event.actor in actors)
        and (kinds is None or event.kind in kinds)
    ]
