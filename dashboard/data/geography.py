"""Haiti's geography as the data checks need it: departments, a lat/lon box, and how OSM names
departments.

No CSV and no GeoNames here, so every loader can use it without paying for the GeoNames
index; :func:`dashboard.geocoding.gazetteer.haiti_bounds` derives the same box from GeoNames,
and a test keeps :data:`HAITI_BOX` around it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from dashboard.text.folding import fold_letters
from dashboard.text.i18n import N_

#: Haiti's ten departments (first-level administrative divisions), as spelled by the IHSI.
DEPARTMENTS = (
    "Artibonite",
    "Centre",
    "Grand'Anse",
    "Nippes",
    "Nord",
    "Nord-Est",
    "Nord-Ouest",
    "Ouest",
    "Sud",
    "Sud-Est",
)
#: "… department" as each language says it (French: "département de l'Ouest", "du Nord"…).
DEPARTMENT_WORDS = {
    "Artibonite": N_("Artibonite department"),
    "Centre": N_("Centre department"),
    "Grand'Anse": N_("Grand'Anse department"),
    "Nippes": N_("Nippes department"),
    "Nord": N_("Nord department"),
    "Nord-Est": N_("Nord-Est department"),
    "Nord-Ouest": N_("Nord-Ouest department"),
    "Ouest": N_("Ouest department"),
    "Sud": N_("Sud department"),
    "Sud-Est": N_("Sud-Est department"),
}


@dataclass(frozen=True)
class Bounds:
    """A lat/lon box in decimal degrees: (south, west) to (north, east)."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    def as_folium(self) -> list[list[float]]:
        """``[[south, west], [north, east]]``, the order ``folium.Map.fit_bounds`` takes."""
        return [[self.south, self.west], [self.north, self.east]]

    def __str__(self) -> str:
        return f"lat {self.south:g} to {self.north:g}, lon {self.west:g} to {self.east:g}"


def bounds_of(points: Iterable[tuple[float, float]], *, margin: float = 0.0) -> Bounds:
    """The box around (lat, lon) points, widened by ``margin`` degrees on each side."""
    lats, lons = zip(*points, strict=True)
    return Bounds(min(lats) - margin, min(lons) - margin, max(lats) + margin, max(lons) + margin)


#: Haiti with its coasts and islands (Tortuga, Gonâve, Cayemites): GeoNames' Haitian places
#: plus 0.3°, rounded outward to 0.05°. Coordinates in data files must fall inside it.
HAITI_BOX = Bounds(south=17.75, west=-74.8, north=20.25, east=-71.4)


#: Folded spellings OSM and others use for a department, beyond the IHSI name itself.
_DEPARTMENT_ALIASES = {"grandeanse": "Grand'Anse", "grandanse": "Grand'Anse"}
#: What may come before the folded name: "Département de l'Ouest", "Department of Nippes"…
_DEPARTMENT_PREFIXES = frozenset(
    {
        "",
        "departement",
        "departementde",
        "departementdel",
        "departementdela",
        "departementdu",
        "departementdes",
        "department",
        "departmentof",
        "departmentofthe",
        "depatman",
    }
)


def department_named(name: str) -> str | None:
    """The department a free-text name means ("Département de l'Ouest", "Grande-Anse",
    "ouest" → "Ouest"), or None when it names none."""
    folded = fold_letters(name)
    spellings = [(fold_letters(d), d) for d in DEPARTMENTS] + list(_DEPARTMENT_ALIASES.items())
    for spelling, department in spellings:
        if folded.endswith(spelling) and folded[: len(folded) - len(spelling)] in _DEPARTMENT_PREFIXES:
            return department
    return None


#: Mean Earth radius (IUGG), km: the sphere every great-circle distance here uses.
EARTH_RADIUS_KM = 6371.0088


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance in km between two (lat, lon) points in degrees."""
    return float(distances_km(a[0], a[1], np.array([b[0]]), np.array([b[1]]))[0])


def distances_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle (haversine) distances in km from one (lat, lon) point to arrays of points,
    all in degrees (vectorised: one call for any number of points)."""
    phi1, phi2 = np.radians(lat), np.radians(lats)
    dphi, dlmb = phi2 - phi1, np.radians(lons - lon)
    h = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
