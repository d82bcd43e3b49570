"""Reading the hotspot markers back out of a map's script (they travel as one JSON argument of
``window.addHotspots``, see :mod:`dashboard.maps.markers`)."""

from __future__ import annotations

import json
import re

from dashboard.maps.assets import GENERATED_BASE, GENERATED_DIR


def published_parts(url: str) -> list[str]:
    """The popup pieces the page publishes at ``url`` (read from the generated folder)."""
    assert url.startswith(GENERATED_BASE + "/"), url
    return json.loads((GENERATED_DIR / url.rsplit("/", 1)[1]).read_text(encoding="utf-8"))


def hotspot_rows(script: str) -> list[dict]:
    """Every marker row in ``script`` (rendered HTML or st_folium's script), each with its
    ``popup`` HTML put back together (inline pieces, or the published file the page fetches)
    and its type's ``svg`` variants."""
    rows = []
    decoder = json.JSONDecoder()
    for match in re.finditer(r"window\.addHotspots\([\w$]+,\s*", script):
        data, _ = decoder.raw_decode(script, match.end())
        parts = data["parts"] if "parts" in data else published_parts(data["partsUrl"])
        for row in data["rows"]:
            popup = "".join(parts[i] for i in row["p"])
            rows.append({**row, "popup": popup, "svg": data["types"][row["ty"]]["svg"]})
    return rows
