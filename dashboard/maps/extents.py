"""Map extents: one table of ids and labels, and the box each one frames."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.data.geography import HAITI_BOX, Bounds, bounds_of
from dashboard.model import LocatedHotspot
from dashboard.text.choices import Choice
from dashboard.text.i18n import N_, _


class Extent(Choice):
    """What the map is framed on."""

    FIT = "fit", N_("Fit to the hotspots")
    PAP = "pap", N_("Port-au-Prince area (Ouest)")
    ARTIBONITE = "artibonite", N_("Artibonite")
    HAITI = "haiti", N_("All Haiti")

    @property
    def department(self) -> str | None:
        """The department whose hotspots the extent frames (None: not a department's)."""
        return {"pap": "Ouest", "artibonite": "Artibonite"}.get(self.value)

    @property
    def words(self) -> str | None:
        """The extent in a sentence ("view: all Haiti"); None for the default, fit."""
        words = {"pap": N_("Port-au-Prince area"), "artibonite": N_("Artibonite"), "haiti": N_("all Haiti")}
        return _(words[self.value]) if self.value in words else None


#: Smallest box edge (degrees, ≈ 2 km) so a single point is not fitted at street level.
_MIN_SPAN = 0.02


def padded(bounds: Bounds) -> Bounds:
    """``bounds`` widened to at least :data:`_MIN_SPAN` on each axis."""
    lat_pad = max(0.0, (_MIN_SPAN - (bounds.north - bounds.south)) / 2)
    lon_pad = max(0.0, (_MIN_SPAN - (bounds.east - bounds.west)) / 2)
    return Bounds(
        bounds.south - lat_pad, bounds.west - lon_pad, bounds.north + lat_pad, bounds.east + lon_pad
    )


def frame(items: Sequence[LocatedHotspot]) -> Bounds:
    """The box around the placed ``items`` (a small margin), or Haiti when none is placed."""
    points = [i.location for i in items if i.location is not None]
    return padded(bounds_of(points, margin=0.01)) if points else HAITI_BOX


def extent_bounds(extent: str, *, shown: Sequence[LocatedHotspot], every: Sequence[LocatedHotspot]) -> Bounds:
    """The box to fit for ``extent`` (an :class:`Extent` id).

    "fit" frames the shown hotspots; "pap" and "artibonite" frame every hotspot of that
    department (whatever the filters); "haiti" is the whole country. Boxes come from the data.
    """
    chosen = Extent.parse(extent)
    if chosen is Extent.HAITI:
        return HAITI_BOX
    if chosen.department is not None:
        return frame([i for i in every if i.hotspot.department == chosen.department])
    return frame(shown)
