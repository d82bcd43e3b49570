"""Resolving hotspots to coordinates: manual → evidence → stored → gazetteer → online → commune.

1. a **manual** entry in the store is final (an analyst's correction is never overwritten;
   its ``note`` says why);
2. the **evidence** table's point (:mod:`dashboard.geocoding.evidence`), recomputed every
   time so the store can never drift from the evidence; a stand-in from the evidence gives
   way to online geocoding when that is asked for;
3. a **stored** entry is kept, unless online geocoding was asked for and it is low-confidence;
4. the **offline gazetteer**, by the place's names, within its department;
5. **online Nominatim**, only when a geocoder is passed in;
6. a **stand-in**: the hotspot's ``fallback_place`` (a nearby sourced place named by the
   analyst) or else its commune, flagged low-confidence, so the point is honest about its
   precision rather than a guessed street corner.

Whatever fails, a stored coordinate is never lost; an online failure is kept on the
:class:`Resolution` as ``fault`` (``not-found``, ``outside-haiti``, ``wrong-department``,
``unavailable``, ``refused``) and ``message``, for the CLI report and the UI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from dashboard.data.gazetteer import GazetteerEntry
from dashboard.data.geocodes import GeocodeEntry
from dashboard.data.hotspots import Hotspot
from dashboard.geocoding.evidence import Assessment
from dashboard.geocoding.exceptions import GeocodingError
from dashboard.geocoding.gazetteer import Gazetteer
from dashboard.geocoding.nominatim import NominatimGeocoder

#: Resolution statuses, in the order of the chain above.
STATUSES = ("manual", "evidence", "stored", "gazetteer", "nominatim", "stand-in", "unresolved")


@dataclass(frozen=True)
class Resolution:
    """The outcome for one hotspot: the entry to use (or None) and how it was reached."""

    hotspot_id: str
    entry: GeocodeEntry | None
    status: str
    previous: GeocodeEntry | None = None
    message: str = ""
    fault: str = ""

    @property
    def changed(self) -> bool:
        """True when the entry differs from what the store held."""
        return self.entry != self.previous


def one_line(text: str, *, limit: int = 300) -> str:
    """``text`` (which may quote a server's answer) as one printable line of at most
    ``limit`` characters: no line breaks or terminal control codes reach a report."""
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    line = " ".join(printable.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def from_evidence(hotspot: Hotspot, assessment: Assessment) -> GeocodeEntry:
    """The store entry the evidence rule gives (its chosen row, confidence, lineages, spread)."""
    row = assessment.chosen
    return GeocodeEntry(
        id=hotspot.id,
        name=hotspot.canonical_name,
        lat=round(row.lat, 6),  # as the store writes them (0.1 m)
        lon=round(row.lon, 6),
        method="evidence",
        precision=row.precision,
        confidence=assessment.confidence,
        evidence_kind=row.source_kind,
        evidence_id=row.citation,
        evidence_url=row.url,
        retrieved=row.retrieved,
        note=f"{assessment.reason}. Point: {row.name_in_source}.",
        lineages=assessment.lineages,
        spread_km=None if assessment.spread_km is None else round(assessment.spread_km, 2),  # 10 m, as stored
    )


def _from_gazetteer(hotspot: Hotspot, found: GazetteerEntry, today: date, **over) -> GeocodeEntry:
    entry = GeocodeEntry(
        id=hotspot.id,
        name=hotspot.canonical_name,
        lat=found.lat,
        lon=found.lon,
        method="gazetteer",
        precision=found.precision,
        confidence=found.confidence,
        evidence_kind=found.evidence_kind,
        evidence_id=found.evidence_id,
        evidence_url=found.evidence_url,
        retrieved=found.retrieved or today,
        note=found.evidence_note,
    )
    return entry.model_copy(update=over)


def resolve(
    hotspot: Hotspot,
    *,
    stored: GeocodeEntry | None,
    gazetteer: Gazetteer,
    online: NominatimGeocoder | None = None,
    today: date,
    evidence: Assessment | None = None,
) -> Resolution:
    """Resolve one hotspot (see the module docstring for the order)."""
    if stored is not None and stored.is_manual:
        return Resolution(hotspot.id, stored, "manual", stored)
    if evidence is not None and evidence.chosen is not None and (evidence.lineages or online is None):
        status = "evidence" if evidence.lineages else "stand-in"
        return Resolution(hotspot.id, from_evidence(hotspot, evidence), status, stored)
    if stored is not None and not (online is not None and stored.is_low_confidence):
        return Resolution(hotspot.id, stored, "stored", stored)

    found = gazetteer.lookup(hotspot.names, department=hotspot.department)
    if found is not None:
        return Resolution(hotspot.id, _from_gazetteer(hotspot, found, today), "gazetteer", stored)

    message = fault = ""
    if online is not None:
        entry, message, fault = _online(hotspot, online, today)
        if entry is not None:
            return Resolution(hotspot.id, entry, "nominatim", stored)

    if stored is not None:  # online failed or found nothing better: keep what we had
        return Resolution(hotspot.id, stored, "stored", stored, message, fault)

    stand_in_name = hotspot.fallback_place or hotspot.commune
    stand_in = gazetteer.lookup([stand_in_name], department=hotspot.department)
    if stand_in is not None:
        entry = _from_gazetteer(
            hotspot,
            stand_in,
            today,
            precision="commune" if stand_in_name == hotspot.commune else stand_in.precision,
            confidence="low",
            note=f"Stand-in: the point of {stand_in.name} ({stand_in.evidence_note}); "
            "no sourced coordinate for the place itself.",
        )
        return Resolution(hotspot.id, entry, "stand-in", stored, message, fault)
    return Resolution(hotspot.id, None, "unresolved", stored, message or "no match anywhere", fault)


def _online(hotspot: Hotspot, online: NominatimGeocoder, today: date) -> tuple[GeocodeEntry | None, str, str]:
    """Nominatim's entry for the hotspot, or None with the failure's message and fault."""
    query = f"{hotspot.canonical_name}, {hotspot.commune}, {hotspot.department}, Haiti"
    try:
        match = online.geocode(query, department=hotspot.department)
    except GeocodingError as error:
        return None, one_line(f"online: {type(error).__name__}: {error}"), error.status
    entry = GeocodeEntry(
        id=hotspot.id,
        name=hotspot.canonical_name,
        lat=match.lat,
        lon=match.lon,
        method="nominatim",
        precision=match.precision,
        confidence="medium",
        evidence_kind="osm",
        evidence_id=f"{match.osm_type}/{match.osm_id}",
        evidence_url=match.osm_url,
        retrieved=today,
        note=f"Nominatim: {match.display_name}",
    )
    return entry, "", ""


def resolve_all(
    hotspots: Iterable[Hotspot],
    store: dict[str, GeocodeEntry],
    *,
    gazetteer: Gazetteer,
    online: NominatimGeocoder | None = None,
    today: date,
    progress: Callable[[int, int, Resolution], None] | None = None,
    evidence: Mapping[str, Assessment] | None = None,
) -> list[Resolution]:
    """Resolve every hotspot, in order; ``progress(i, n, resolution)`` after each;
    ``evidence`` maps hotspot ids to what the evidence table says."""
    places = list(hotspots)
    results = []
    for index, hotspot in enumerate(places, start=1):
        result = resolve(
            hotspot,
            stored=store.get(hotspot.id),
            gazetteer=gazetteer,
            online=online,
            today=today,
            evidence=(evidence or {}).get(hotspot.id),
        )
        results.append(result)
        if progress is not None:
            progress(index, len(places), result)
    return results


def updated_store(
    store: dict[str, GeocodeEntry], resolutions: Iterable[Resolution]
) -> dict[str, GeocodeEntry]:
    """The store with the resolutions applied (entries of other ids are kept as they are)."""
    merged = dict(store)
    for result in resolutions:
        if result.entry is not None:
            merged[result.hotspot_id] = result.entry
    return merged
