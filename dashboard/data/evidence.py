"""The evidence table (``data/place_evidence.csv``): every public point found for each hotspot.

One row per (hotspot, source). ``lineage`` names the independent origin of the point: sources
that copy one another share one (a Who's On First record derived from GeoNames is
``geonames:<id>``; an ACLED point equal to a GeoNames point is that GeoNames lineage).
``relation`` says what the point is to the hotspot: ``place`` (the source names the place
itself), ``stand-in`` (a commune or nearby place used for want of better) or
``candidate-rejected`` (a same-name place that is not the one meant, kept so the ambiguity
stays on record). The rule that turns these rows into a point and a confidence is
:mod:`dashboard.geocoding.evidence`.

Coordinates are WGS84 decimal degrees, (lat, lon). ACLED points are single coordinates of a
location string, cited with attribution; no ACLED event row is stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from dashboard.data.geocodes import PlaceRow
from dashboard.data.hotspots import parse_id
from dashboard.data.reader import (
    HttpUrl,
    IsoDate,
    Latitude,
    Longitude,
    Problem,
    one_of,
    parsed,
    read_table,
)
from dashboard.text.i18n import N_

SOURCE_KINDS = ("acled", "geonames", "wof", "osm", "ushahidi", "wikipedia", "logcluster", "mss", "other")
#: Kinds whose *site* point is authoritative: a mapped feature (OSM) or a survey by the UN
#: Logistics Cluster. A site point from these alone is high confidence.
AUTHORITATIVE_SITE_KINDS = frozenset({"osm", "logcluster"})
#: Kinds that corroborate but never stand alone (volunteer-placed points).
CORROBORATION_ONLY_KINDS = frozenset({"ushahidi"})
#: What a point stands for, from most to least precise.
PRECISIONS = ("site", "neighbourhood", "locality", "area", "commune")
RELATIONS = ("place", "stand-in", "candidate-rejected")
#: Who to credit for each kind of source (map attribution line, exports).
ATTRIBUTIONS = {
    "acled": N_("ACLED (acleddata.com), locations as geocoded by ACLED"),
    "geonames": "GeoNames (CC BY 4.0)",
    "wof": "Who's On First (CC BY 4.0)",
    "osm": N_("© OpenStreetMap contributors (ODbL)"),
    "ushahidi": N_("Ushahidi Haiti 2010 crisis map"),
    "wikipedia": "Wikipedia",
    "logcluster": N_("UN Logistics Cluster (LCA)"),
    "mss": N_("MSS mission"),
    "other": N_("other sources (see the evidence table)"),
}

#: Short names of the kinds of source (the map's source points; proper nouns stay as they are).
SOURCE_NAMES = {
    "acled": "ACLED",
    "geonames": "GeoNames",
    "wof": "Who's On First",
    "osm": "OpenStreetMap",
    "ushahidi": N_("Ushahidi (2010 crisis map)"),
    "wikipedia": "Wikipedia",
    "logcluster": N_("UN Logistics Cluster"),
    "mss": N_("MSS mission"),
    "other": N_("other source"),
}

SourceKind = one_of(SOURCE_KINDS)
Precision = one_of(PRECISIONS)
Relation = one_of(RELATIONS)


class EvidenceRow(PlaceRow):
    """One source's point for one hotspot: a row of ``place_evidence.csv``."""

    hotspot_id: Annotated[str, parsed(parse_id)]
    source_kind: SourceKind
    dataset: str
    record_id: str
    name_in_source: str
    lat: Latitude
    lon: Longitude
    precision: Precision
    lineage: str
    relation: Relation
    url: HttpUrl | None = None
    retrieved: IsoDate
    note: str = ""

    @property
    def citation(self) -> str:
        """Dataset and record, e.g. "GeoNames geonameid=3718450"."""
        return f"{self.dataset} {self.record_id}".strip()


def load_evidence(path: Path) -> tuple[list[EvidenceRow], list[Problem]]:
    """Load ``place_evidence.csv`` (a missing file means no evidence); a source record may
    appear once per hotspot."""
    if not path.exists():
        return [], []
    table = read_table(path, EvidenceRow, unique=(("hotspot_id", "lineage", "record_id"),))
    return table.records, table.problems
