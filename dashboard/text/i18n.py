"""Languages: gettext catalogues (``dashboard/locale/<lang>/LC_MESSAGES/dashboard.po``, edited by
translators; the compiled ``.mo`` beside it is committed and checked current by the tests) and
locale-aware dates and numbers (Babel's CLDR data).

The language is chosen per view (``ViewState.lang``, ``?lang=fr``, ``--lang fr``) and made
*active* for the code that draws it: :func:`using` (a context manager) or :func:`activate` (for
the page's whole run). Code that shows text calls :func:`_` / :func:`ngettext`, which translate
into the active language, so strings are wrapped where they are written instead of a ``lang``
argument being passed through every layer. The active language is a :class:`ContextVar`:
each thread (each Streamlit session's script run) has its own, starting in English.

Strings defined at import time (enum labels, table headings) are marked with :func:`N_` (for
extraction) and translated where they are shown.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

#: Every language the dashboard speaks (ids as in links: ``?lang=fr``); the first is the default.
LANGUAGES = ("en", "fr")
DEFAULT = LANGUAGES[0]
DOMAIN = "dashboard"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_active: ContextVar[str] = ContextVar("dashboard_lang", default=DEFAULT)

T = TypeVar("T")


class Translator:
    """``gettext`` and ``ngettext`` of one language (English: the messages themselves)."""

    def __init__(self, catalogue: gettext.NullTranslations):
        self.gettext: Callable[[str], str] = catalogue.gettext
        self.ngettext: Callable[[str, str, int], str] = catalogue.ngettext


def checked(lang: str) -> str:
    """``lang`` if the dashboard speaks it, else ValueError naming the choices."""
    if lang not in LANGUAGES:
        raise ValueError(f"{lang!r} is not one of: {', '.join(LANGUAGES)}")
    return lang


@lru_cache(maxsize=len(LANGUAGES))
def translator(lang: str) -> Translator:
    """The translator of ``lang`` (one of :data:`LANGUAGES`), from the compiled catalogue."""
    if checked(lang) == DEFAULT:
        return Translator(gettext.NullTranslations())
    return Translator(gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang]))


def current() -> str:
    """The active language."""
    return _active.get()


def activate(lang: str) -> None:
    """Make ``lang`` the active language of this thread (context) until changed."""
    _active.set(checked(lang))


@contextmanager
def using(lang: str) -> Iterator[None]:
    """The block runs with ``lang`` active; the previous language is restored after."""
    token = _active.set(checked(lang))
    try:
        yield
    finally:
        _active.reset(token)


def in_language(lang: str, make: Callable[[], T]) -> Callable[[], T]:
    """``make`` run with ``lang`` active, for work done later or elsewhere (a download built
    when clicked runs outside the page's run, where the active language is the default)."""

    def run() -> T:
        with using(lang):
            return make()

    return run


def _(message: str) -> str:
    """``message`` in the active language."""
    return translator(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for ``n``, in the active language."""
    return translator(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark ``message`` for extraction only; it is translated where shown (with :func:`_`)."""
    return message


def localized(english: str, french: str) -> str:
    """Data text in the active language: ``french`` when French is active and it is given."""
    return french if current() == "fr" and french else english


def format_date(day: date, lang: str | None = None, *, short: bool = False) -> str:
    """``day`` as the language writes it: "19 November 2024" / "19 novembre 2024"; ``short``:
    "19 Nov 2024" / "19 nov. 2024". ``lang`` defaults to the active language."""
    pattern = "d MMM y" if short else "d MMMM y"
    return _babel_date(day, pattern, locale=lang or current())


def format_month(day: date, lang: str | None = None) -> str:
    """The month and year of ``day``: "Nov 2024" / "nov. 2024"."""
    return _babel_date(day, "MMM y", locale=lang or current())


def format_number(number: float, lang: str | None = None, *, decimals: int | None = None) -> str:
    """``number`` with the locale's grouping and decimal signs: "2,500" / "2 500" (French
    groups with a narrow no-break space, U+202F); ``decimals``: exactly that many digits
    after the decimal sign ("0.65" / "0,65")."""
    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(number, format=pattern, locale=lang or current())


def negotiate(accept_language: str | None) -> str:
    """The language to use for an HTTP ``Accept-Language`` header ("fr-HT,fr;q=0.9,en;q=0.8"
    → "fr"): the first of :data:`LANGUAGES` the browser prefers, else the default."""
    if not accept_language:
        return DEFAULT
    ranked = []
    for position, item in enumerate(accept_language.split(",")):
        tag, _sep, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag.strip().replace("_", "-")))
    for quality, _position, tag in sorted(ranked):
        if quality >= 0:
            continue
        try:
            language = Locale.parse(tag, sep="-").language if tag != "*" else DEFAULT
        except (ValueError, UnknownLocaleError):
            continue
        if language in LANGUAGES:
            return language
    return DEFAULT


def vega_locale(lang: str | None = None) -> dict | None:
    """The Vega-Lite ``config.locale`` of ``lang`` (default: the active language), built from
    Babel's CLDR data: month and day names for date axes ("nov. 2024"), decimal and grouping
    signs for numbers. None for the default language (Vega's own, English)."""
    lang = lang or current()
    if lang == DEFAULT:
        return None
    locale = Locale.parse(lang)
    symbols = locale.number_symbols.get("latn", locale.number_symbols)
    months, days = locale.months["format"], locale.days["format"]
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # CLDR counts from Monday, d3 from Sunday
    return {
        "number": {
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
            "grouping": [3],
            "currency": ["", "\u00a0€"],
        },
        "time": {
            "dateTime": "%A %e %B %Y %X",
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [days["wide"][i] for i in sunday_first],
            "shortDays": [days["abbreviated"][i] for i in sunday_first],
            "months": [months["wide"][m] for m in range(1, 13)],
            "shortMonths": [months["abbreviated"][m] for m in range(1, 13)],
        },
    }
