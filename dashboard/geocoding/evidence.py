"""Where each hotspot is, computed from the evidence table (``data/place_evidence.csv``).

One row per (hotspot, source): a point some public record gives for the place, with the
record's id, what the point stands for (``precision``), its *lineage* (sources that copy one
another share one, e.g. a Who's On First record derived from GeoNames is ``geonames:<id>``)
and its ``relation`` to the hotspot (``place``: the source names the place itself;
``stand-in``: a commune or nearby place used for want of better; ``candidate-rejected``: a
same-name place that is not the one meant, kept so the ambiguity stays on record).

**The rule** (:func:`assess`), applied to the ``place`` rows, one point per lineage (the
lineage's most precise row):

* the **chosen point** is the most precise lineage's point (site > neighbourhood > locality >
  area > commune), ties going to an authoritative site source, then to file order. It is always
  one source's own coordinate, never an average. Volunteer reports (``ushahidi``) corroborate
  but are never chosen and never count alone;
* **agreeing lineages** are those whose point lies within 0.5 km (``near``) or 1.5 km
  (``around``) of the chosen point, the chosen one included;
* **high**: a site-level point from an authoritative source (an OSM feature or a UN
  Logistics Cluster survey), or ≥ 2 independent lineages within 0.5 km;
* **medium**: ≥ 2 independent lineages within 1.5 km, or one source that names the place
  itself at site, neighbourhood or locality precision;
* **low**: anything else: a stand-in, or a single coarse (``area``/``commune``) point.

The **spread** is the largest great-circle distance between the independent lineages' points
(km); a spread far larger than the agreement radius is a disagreement worth reading in the rows.

Coordinates are WGS84 decimal degrees, (lat, lon).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple

from dashboard.data.evidence import (
    AUTHORITATIVE_SITE_KINDS,
    CORROBORATION_ONLY_KINDS,
    PRECISIONS,
    EvidenceRow,
)
from dashboard.data.geography import distance_km

NEAR_KM = 0.5
AROUND_KM = 1.5
CONFIDENCES = ("high", "medium", "low")


class SourcePoint(NamedTuple):
    """Where one independent source (a lineage's most precise row) puts a hotspot: WGS84
    decimal degrees, (lat, lon), and the kind of source (``SOURCE_KINDS``)."""

    lat: float
    lon: float
    kind: str


@dataclass(frozen=True)
class Assessment:
    """What the evidence says about one hotspot: the point to use and how sure we are.

    ``lineages`` counts the independent lineages naming the place itself; ``agreeing`` those
    within 1.5 km of the chosen point; ``spread_km`` the largest distance between lineages;
    ``sources`` each lineage's point, in file order (empty for a stand-in).
    """

    hotspot_id: str
    chosen: EvidenceRow | None
    confidence: str
    lineages: int
    agreeing: int
    spread_km: float | None
    reason: str
    sources: tuple[SourcePoint, ...] = ()

    @property
    def lat(self) -> float | None:
        return None if self.chosen is None else self.chosen.lat

    @property
    def lon(self) -> float | None:
        return None if self.chosen is None else self.chosen.lon


def _rank(row: EvidenceRow) -> tuple[int, int]:
    """Sort key: more precise first, then authoritative site sources."""
    authoritative = row.precision == "site" and row.source_kind in AUTHORITATIVE_SITE_KINDS
    return PRECISIONS.index(row.precision), 0 if authoritative else 1


def one_per_lineage(rows: Iterable[EvidenceRow]) -> list[EvidenceRow]:
    """Each lineage's most precise row (the first such in file order), in file order."""
    best: dict[str, EvidenceRow] = {}
    for row in rows:
        if row.lineage not in best or _rank(row) < _rank(best[row.lineage]):
            best[row.lineage] = row
    return list(best.values())


def spread_km(rows: Sequence[EvidenceRow]) -> float:
    """The largest distance (km) between any two of ``rows`` (0 for fewer than two)."""
    return max((distance_km((a.lat, a.lon), (b.lat, b.lon)) for a, b in combinations(rows, 2)), default=0.0)


def _within(rows: Sequence[EvidenceRow], centre: EvidenceRow, km: float) -> int:
    return sum(distance_km((r.lat, r.lon), (centre.lat, centre.lon)) <= km for r in rows)


def assess(hotspot_id: str, rows: Iterable[EvidenceRow]) -> Assessment:
    """Apply the rule (module docstring) to one hotspot's evidence rows."""
    mine = [row for row in rows if row.hotspot_id == hotspot_id]
    lineages = one_per_lineage(row for row in mine if row.relation == "place")
    choosable = sorted(
        (row for row in lineages if row.source_kind not in CORROBORATION_ONLY_KINDS), key=_rank
    )
    if not choosable:
        return _stand_in(hotspot_id, mine, len(lineages))
    chosen = choosable[0]
    near, around = _within(lineages, chosen, NEAR_KM), _within(lineages, chosen, AROUND_KM)
    spread = spread_km(lineages)
    authoritative_site = _rank(chosen) == (0, 0)
    if authoritative_site or near >= 2:
        confidence = "high"
    elif around >= 2 or chosen.precision in ("site", "neighbourhood", "locality"):
        confidence = "medium"
    else:
        confidence = "low"
    agreeing = [row for row in lineages if _within([row], chosen, AROUND_KM)]
    reason = _reason(chosen, agreeing, len(lineages) - len(agreeing))
    sources = tuple(SourcePoint(row.lat, row.lon, row.source_kind) for row in lineages)
    return Assessment(hotspot_id, chosen, confidence, len(lineages), around, spread, reason, sources)


def _stand_in(hotspot_id: str, rows: list[EvidenceRow], lineages: int) -> Assessment:
    stand_ins = sorted((row for row in rows if row.relation == "stand-in"), key=_rank)
    chosen = stand_ins[0] if stand_ins else None
    reason = (
        f"stand-in: the point of {chosen.name_in_source}; no source places the hotspot itself"
        if chosen
        else "no evidence"
    )
    return Assessment(hotspot_id, chosen, "low", lineages, 0, None, reason)


def _reason(chosen: EvidenceRow, agreeing: list[EvidenceRow], others: int) -> str:
    """E.g. "3 independent sources within 0.7 km" or "1 source (geonames, locality level)",
    followed by how many lineages lie farther than 1.5 km, if any."""
    if len(agreeing) >= 2:
        text = f"{len(agreeing)} independent sources within {max(spread_km(agreeing), 0.05):.1f} km"
    else:
        text = f"1 source ({chosen.source_kind}, {chosen.precision} level)"
    if others:
        text += f"; {others} more {'lies' if others == 1 else 'lie'} farther than {AROUND_KM:g} km"
    return text


def assess_all(hotspot_ids: Iterable[str], rows: Iterable[EvidenceRow]) -> dict[str, Assessment]:
    """:func:`assess` for each id, keyed by id."""
    table = list(rows)
    return {hotspot_id: assess(hotspot_id, table) for hotspot_id in hotspot_ids}


#: Columns of the per-hotspot evidence summary (``python -m dashboard evidence``).
SUMMARY_COLUMNS = (
    "id",
    "name",
    "lat",
    "lon",
    "precision",
    "confidence",
    "lineages",
    "spread_km",
    "source",
    "reason",
)


def summary_rows(names: Mapping[str, str], assessments: Mapping[str, Assessment]) -> list[dict[str, str]]:
    """One row per hotspot (``names``: id → display name, in display order), as text."""
    rows = []
    for hotspot_id, name in names.items():
        a = assessments[hotspot_id]
        chosen = a.chosen
        rows.append(
            {
                "id": hotspot_id,
                "name": name,
                "lat": "" if chosen is None else f"{chosen.lat:.5f}",
                "lon": "" if chosen is None else f"{chosen.lon:.5f}",
                "precision": "" if chosen is None else chosen.precision,
                "confidence": a.confidence,
                "lineages": str(a.lineages),
                "spread_km": "" if a.spread_km is None else f"{a.spread_km:.2f}",
                "source": "" if chosen is None else f"{chosen.dataset} {chosen.record_id}".strip(),
                "reason": a.reason,
            }
        )
    return rows


def markdown_table(rows: Sequence[Mapping[str, str]]) -> str:
    """The summary as a Markdown table (``|`` in cells escaped)."""
    header = ["hotspot", "point (lat, lon)", "precision", "confidence", "lineages", "spread (km)", "evidence"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        point = f"{row['lat']}, {row['lon']}" if row["lat"] else "—"
        cells = [
            row["name"],
            point,
            row["precision"],
            row["confidence"],
            row["lineages"],
            row["spread_km"] or "—",
        ]
        cells.append(f"{row['reason']}; chosen: {row['source']}" if row["source"] else row["reason"])
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
