"""Permalinks: every view setting lives in the URL query string, so a link reopens the view.

Pure functions between a :class:`ViewState` and query parameters (``dict[str, list[str]]``,
repeated keys as lists); the page reads them once per session and writes them on every run.
Only settings that differ from the defaults are written, to keep links short. Unknown or
malformed parameters are ignored, each with a short notice, never an error.

Parameters (values are the ids of :mod:`dashboard.views.vocabulary`, as in the exports):

=========  ===============================================  =====================
name       meaning                                          example
=========  ===============================================  =====================
view       ``brief`` opens the briefing view                ``view=brief``
type       hotspot type id, repeatable                      ``type=town&type=junction``
area       ``Ouest`` or ``Artibonite``                      ``area=Artibonite``
q          name search                                      ``q=delmas``
extent     ``fit``, ``pap``, ``artibonite``, ``haiti``       ``extent=pap``
basemap    ``street``, ``light``, ``satellite``, ``none``     ``basemap=light``
hotspot    id of the hotspot to highlight                    ``hotspot=tlia``
panel      ``map``, ``deployments``, ``policy``              ``panel=policy``
from, to   date range of the panels (YYYY-MM-DD)            ``from=2025-01-01``
size       briefing map size in CSS pixels                   ``size=1920x1080``
update     an MSS update id, or ``all`` (every update in      ``update=mss-2024-09-17``
           the date range); default: the 19 Nov 2024 list
event      ACLED event type shown, repeatable                ``event=Battles``
sub        ACLED sub-event type shown, repeatable            ``sub=Armed%20clash``
actor      actor search (either actor)                      ``actor=police``
incidents  ``clusters``, ``heat``, ``heat-fatalities``       ``incidents=heat``
radius     km around each hotspot: 0.5, 1, 2, 3, 5           ``radius=2``
lang       ``en`` or ``fr``: the language of every word       ``lang=fr``
           (default: the browser's, see ``default_lang``)
=========  ===============================================  =====================

``from``/``to`` filter the incidents too (one date range for everything).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import fields, replace
from datetime import date
from urllib.parse import urlencode

from dashboard.model.activity import RADIUS_CHOICES_KM
from dashboard.text.choices import Choice
from dashboard.text.i18n import N_, _, using
from dashboard.views.state import ViewState, defaults_for
from dashboard.views.vocabulary import Area, Basemap, Extent, IncidentMode, Language, Panel, Size, View

#: Every parameter a link may carry (see the module docstring).
PARAMETERS = frozenset(
    {
        "view",
        "type",
        "area",
        "q",
        "extent",
        "basemap",
        "hotspot",
        "panel",
        "from",
        "to",
        "size",
        "update",
        "event",
        "sub",
        "actor",
        "incidents",
        "radius",
        "lang",
    }
)
#: ViewState fields whose link parameter has another name.
_PARAMETER_OF = {"types": "type", "event_types": "event", "sub_types": "sub", "radius_km": "radius"}


def _one(params: Mapping[str, list[str]], name: str) -> str | None:
    values = params.get(name) or []
    return values[-1] if values else None


#: Notices list the allowed values up to this many; beyond, they say "not a known … id".
_LISTED = 8


def parse_query(
    params: Mapping[str, list[str]],
    *,
    type_ids: Collection[str],
    hotspot_ids: Collection[str],
    date_bounds: tuple[date, date] | None = None,
    update_ids: Collection[str] = (),
    event_types: Collection[str] = (),
    sub_types: Collection[str] = (),
    default_lang: str = Language.EN,
) -> tuple[ViewState, list[str]]:
    """Read a view from query parameters; return it and notices about what was ignored (in
    the view's language). ``update_ids``: the MSS updates in the data (``update=`` takes one
    of them or ``all``); ``event_types``, ``sub_types``: the ACLED types in the incident file;
    ``default_lang``: the language when the link does not say (the browser's)."""
    asked = _one(params, "lang")
    try:
        lang = Language.parse(asked or default_lang)
    except ValueError:
        lang = Language.parse(default_lang)
    with using(lang):
        state, notices = _parse_query(
            params, type_ids, hotspot_ids, date_bounds, update_ids, event_types, sub_types
        )
        if asked is not None and asked.strip().casefold() != lang:
            ids = ", ".join(Language.ids())
            notice = _("'{name}={value}' is not one of {ids}; ignored")
            notices.append(notice.format(name="lang", value=asked, ids=ids))
    return replace(state, lang=str(lang)), notices


def _parse_query(
    params: Mapping[str, list[str]],
    type_ids: Collection[str],
    hotspot_ids: Collection[str],
    date_bounds: tuple[date, date] | None,
    update_ids: Collection[str],
    event_types: Collection[str],
    sub_types: Collection[str],
) -> tuple[ViewState, list[str]]:
    unknown = _("unknown link parameter '{name}' ignored")
    notices = [unknown.format(name=name) for name in params if name not in PARAMETERS]

    def choice(name: str, allowed: type[Choice] | Collection[str]) -> str | None:
        value = _one(params, name)
        if value is None:
            return None
        if isinstance(allowed, type) and issubclass(allowed, Choice):
            try:
                return allowed.parse(value)
            except ValueError:
                allowed = allowed.ids()
        elif value in allowed:
            return value
        # A long list (every hotspot id) would bury the notice: name the kind instead.
        if len(allowed) <= _LISTED:
            notice = _("'{name}={value}' is not one of {ids}; ignored")
        else:
            notice = _("'{name}={value}' is not a known {name} id; ignored")
        notices.append(notice.format(name=name, value=value, ids=", ".join(allowed)))
        return None

    view = choice("view", View) or View.FULL
    state = defaults_for(view)
    changes: dict[str, object] = {}
    for name, allowed in (
        ("area", Area),
        ("extent", Extent),
        ("basemap", Basemap),
        ("panel", Panel),
        ("size", Size),
        ("incidents", IncidentMode),
        ("hotspot", hotspot_ids),
        ("update", [*update_ids, "all"]),
    ):
        value = choice(name, allowed)
        if value is not None:
            changes[name] = value
    types = _parse_types(params, type_ids, notices)
    if types is not None:
        changes["types"] = types
    query = _one(params, "q")
    if query:
        changes["q"] = query[:100]
    changes |= _incident_changes(params, event_types, sub_types, notices)
    dates = _parse_dates(params, date_bounds, notices)
    if dates is not None:
        changes["dates"] = dates
    return replace(state, **changes), notices


def _incident_changes(
    params: Mapping[str, list[str]],
    event_types: Collection[str],
    sub_types: Collection[str],
    notices: list[str],
) -> dict[str, object]:
    """The incident settings of a link: ``event``, ``sub``, ``actor``, ``radius``."""
    changes: dict[str, object] = {}
    for name, field, known in (("event", "event_types", event_types), ("sub", "sub_types", sub_types)):
        chosen = _parse_types(params, known, notices, name=name)
        if chosen is not None:
            changes[field] = chosen
    actor = _one(params, "actor")
    if actor:
        changes["actor"] = actor[:100]
    radius = _parse_radius(_one(params, "radius"), notices)
    if radius is not None:
        changes["radius_km"] = radius
    return changes


#: The notice for unknown values of each list parameter (translated where shown).
_UNKNOWN = {
    "type": N_("unknown type(s) {types} ignored"),
    "event": N_("unknown event(s) {types} ignored"),
    "sub": N_("unknown sub-event type(s) {types} ignored"),
}


def _parse_types(
    params: Mapping[str, list[str]], type_ids: Collection[str], notices: list[str], *, name: str = "type"
) -> tuple[str, ...] | None:
    """The link's valid types (in table order), or None for "every type": when there is no
    ``type`` parameter, or when every type it names is unknown (it asked for *some* types, not
    for none). ``type=`` alone still means none. (The same for ``event`` and ``sub``.)"""
    if name not in params:
        return None
    wanted = [t for t in params[name] if t]
    unknown = [t for t in wanted if t not in type_ids]
    known = tuple(t for t in type_ids if t in wanted)
    if unknown:
        notices.append(_(_UNKNOWN[name]).format(types=", ".join(unknown)))
    return known if known or not wanted else None


def _parse_radius(text: str | None, notices: list[str]) -> float | None:
    """A radius of :data:`RADIUS_CHOICES_KM` (km), or None with a notice."""
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        value = None
    if value not in RADIUS_CHOICES_KM:
        allowed = ", ".join(f"{r:g}" for r in RADIUS_CHOICES_KM)
        notices.append(
            _("'radius={value}' is not one of {allowed} (km); ignored").format(value=text, allowed=allowed)
        )
        return None
    return value


def _parse_dates(
    params: Mapping[str, list[str]], bounds: tuple[date, date] | None, notices: list[str]
) -> tuple[date, date] | None:
    if bounds is None or ("from" not in params and "to" not in params):
        return None
    low, high = bounds
    parsed = []
    for name, fallback in (("from", low), ("to", high)):
        text = _one(params, name)
        if text is None:
            parsed.append(fallback)
            continue
        try:
            value = date.fromisoformat(text)
        except ValueError:
            notice = _("'{name}={text}' is not a YYYY-MM-DD date; ignored")
            notices.append(notice.format(name=name, text=text))
            value = fallback
        clamped = min(max(value, low), high)
        if clamped != value:
            notice = (
                _("'{name}={text}' is before the first dated event; {date} used instead")
                if value < low
                else _("'{name}={text}' is after the last dated event; {date} used instead")
            )
            notices.append(notice.format(name=name, text=text, date=clamped.isoformat()))
        parsed.append(clamped)
    start, end = parsed
    if start > end:
        notices.append(_("'from' is after 'to'; the dates were swapped"))
        start, end = end, start
    return start, end


def to_query(state: ViewState, *, date_bounds: tuple[date, date] | None = None) -> dict[str, list[str]]:
    """The query parameters for ``state``: only what differs from the defaults."""
    defaults = defaults_for(state.view)
    query: dict[str, list[str]] = {}
    for item in fields(ViewState):
        value = getattr(state, item.name)
        default = ViewState.view if item.name == "view" else getattr(defaults, item.name)
        if value == default:
            continue
        name = _PARAMETER_OF.get(item.name, item.name)
        if item.name in ("types", "event_types", "sub_types"):
            query[name] = list(value) if value else [""]
        elif item.name == "radius_km":
            query[name] = [f"{value:g}"]
        elif item.name == "dates":
            if date_bounds is None or value != date_bounds:
                query["from"], query["to"] = [value[0].isoformat()], [value[1].isoformat()]
        elif value is not None:
            query[item.name] = [str(value)]
    return query


def query_string(query: Mapping[str, list[str]]) -> str:
    """``?a=1&b=2`` (URL-encoded) for a link, or ``""`` when there is nothing to say."""
    pairs = [(name, value) for name, values in query.items() for value in values]
    return "?" + urlencode(pairs) if pairs else ""
