"""The view vocabulary: every id a view setting may take, with its label, ONE table each.

Permalinks, the CLI, map building and the page all use these enums (ids compare equal to
their strings and parse case-insensitively). Extents and basemaps are defined with the map
code that draws them (:mod:`dashboard.maps.extents`, :mod:`dashboard.maps.basemaps`).
"""

from __future__ import annotations

from dashboard.maps.basemaps import Basemap
from dashboard.maps.extents import Extent
from dashboard.maps.incident_layer import IncidentMode
from dashboard.text.choices import Choice
from dashboard.text.i18n import N_

__all__ = ["Area", "Basemap", "Extent", "IncidentMode", "Language", "Panel", "Size", "View"]


class Area(Choice):
    """Which departments' hotspots are shown."""

    ALL = "all", N_("All departments")
    OUEST = "Ouest", N_("Port-au-Prince area (Ouest)")
    ARTIBONITE = "Artibonite", N_("Artibonite")

    @property
    def departments(self) -> tuple[str, ...] | None:
        """The departments shown (None: every one)."""
        return None if self is Area.ALL else (self.value,)


class Panel(Choice):
    """The page's tabs."""

    MAP = "map", N_("Hotspot map")
    TABLE = "table", N_("Hotspot table")
    DEPLOYMENTS = "deployments", N_("Deployments")
    POLICY = "policy", N_("Policy")
    UPDATES = "updates", N_("MSS updates")


class View(Choice):
    """The full page, or the briefing view (the map alone, 16:9, text drawn on it)."""

    FULL = "full", N_("Full page")
    BRIEF = "brief", N_("Briefing view")


class Size(Choice):
    """The briefing map's size in CSS pixels."""

    HD = "1280x720", "1280×720"
    FULL_HD = "1920x1080", "1920×1080"


class Language(Choice):
    """The language of every word the view shows (labels are endonyms, never translated)."""

    EN = "en", "English"
    FR = "fr", "Français"
