"""The one style table: hotspot type → label, colour, marker shape.

It is read from ``data/hotspot_types.csv`` so analysts can edit the taxonomy, and it drives the
map markers (:mod:`dashboard.maps.styles`), the legend and the type filter alike. Colours
should come from the Okabe–Ito palette (colour-blind safe); each type also has its own
marker shape, so the map still reads in greyscale or for colour-blind users.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from dashboard.data.reader import Problem, RowModel, ValueProblem, one_of, parsed, read_table
from dashboard.text.i18n import localized

#: SVG path data per shape, drawn in a 20×20 box centred on (10, 10).
SHAPES: dict[str, str] = {
    "circle": "M10 2.5a7.5 7.5 0 1 0 0.001 0Z",
    "square": "M3.5 3.5h13v13h-13Z",
    "diamond": "M10 1.5 18.5 10 10 18.5 1.5 10Z",
    "triangle": "M10 2 18.5 17h-17Z",
    "hexagon": "M10 1.8 17.1 5.9v8.2L10 18.2 2.9 14.1V5.9Z",
    "star": "M10 1.5l2.5 5.5 6 .6-4.5 4 1.3 5.9L10 14.5l-5.3 3 1.3-5.9-4.5-4 6-.6Z",
}

_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def _parse_colour(text: str) -> str:
    if not _HEX_COLOUR.fullmatch(text):
        raise ValueProblem(f"not a #RRGGBB colour: {text!r}")
    return text.upper()


def _parse_type_id(text: str) -> str:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", text):
        raise ValueProblem(f"type ids are lower-case letters, digits and _: {text!r}")
    return text


Shape = one_of(SHAPES)


class TypeStyle(RowModel):
    """How one hotspot type looks (one row of ``hotspot_types.csv``): ``colour`` is a
    ``#RRGGBB`` hex string, ``shape`` a key of :data:`SHAPES`."""

    id: Annotated[str, parsed(_parse_type_id)]
    label: str
    label_fr: str = ""
    colour: Annotated[str, parsed(_parse_colour)]
    shape: Shape
    description: str = ""
    description_fr: str = ""

    @property
    def shown_label(self) -> str:
        """The label in the active language (French when given and active)."""
        return localized(self.label, self.label_fr)


def load_type_styles(path: Path) -> tuple[dict[str, TypeStyle], list[Problem]]:
    """Load the style table (insertion order = legend and filter order); ids and labels
    must be unique."""
    table = read_table(path, TypeStyle, unique=("id", "label"))
    return {style.id: style for style in table.records}, table.problems
