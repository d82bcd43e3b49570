"""Reading the hotspot markers back out of a map's script (they travel as one JSON argument of
``window.addHotspots``, see :mod:`dashboard.maps.markers`)."""

from __future__ import annotations

import json
import re


def hotspot_rows(script: str) -> list[dict]:
    """Every marker row in ``script`` (rendered HTML or st_folium's script), each with its
    ``popup`` HTML put back together and its type's ``svg`` variants."""
    rows = []
    decoder = json.JSONDecoder()
    for match in re.finditer(r"window\.addHotspots\([\w$]+,\s*", script):
        data, _ = decoder.raw_decode(script, match.end())
        for row in data["rows"]:
            popup = "".join(data["parts"][i] for i in row["p"])
            rows.append({**row, "popup": popup, "svg": data["types"][row["ty"]]["svg"]})
    return rows
