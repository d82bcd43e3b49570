"""Exports of the resolved hotspots: CSV (spreadsheet-safe, optional HXL row), GeoJSON, KML.

GeoJSON follows RFC 7946: WGS84, coordinates in **(lon, lat)** order, no ``crs`` member,
at most 6 decimals (≈ 0.1 m), one geometry type (Point) and the same properties on every
feature (ArcGIS takes its schema from the first feature).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.data.styles import TypeStyle
from dashboard.geocoding.evidence import SUMMARY_COLUMNS
from dashboard.model import LocatedHotspot

#: Export columns, their HXL hashtags, and whether they hold numbers.
FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("id", "#loc+code", False),
    ("name", "#loc+name", False),
    ("source_name", "#loc+name+source", False),
    ("type", "#loc+type+code", False),
    ("type_label", "#loc+type+name", False),
    ("department", "#adm1+name", False),
    ("commune", "#adm2+name", False),
    ("lat", "#geo+lat", True),
    ("lon", "#geo+lon", True),
    ("method", "#geo+method", False),
    ("precision", "#geo+precision", False),
    ("confidence", "#geo+confidence", False),
    ("sources", "#meta+sources+num", True),
    ("spread_km", "#geo+spread", True),
    ("evidence", "#meta+evidence", False),
    ("evidence_url", "#meta+evidence+url", False),
    ("retrieved", "#date+retrieved", False),
    ("description", "#description", False),
    ("location_note", "#description+location", False),
    ("source_title", "#meta+source", False),
    ("source_publisher", "#meta+source+publisher", False),
    ("source_date", "#date+reported", False),
    ("source_url", "#meta+source+url", False),
)
FIELD_NAMES = tuple(name for name, _, _ in FIELDS)
#: Columns added when incidents are counted around each hotspot (aggregates only, never ACLED
#: rows); ``incidents_source`` holds ACLED's attribution line with its access date on every row.
ACTIVITY_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("incidents", "#event+num", True),
    ("fatalities", "#affected+killed+num", True),
    ("change_pct", "#indicator+change+pct", True),
    ("incidents_source", "#meta+source+incidents", False),
)

#: OWASP CSV-injection guidance: cells starting with these can run as formulas.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def record(item: LocatedHotspot, styles: Mapping[str, TypeStyle]) -> dict[str, Any]:
    """One hotspot as a flat dict of :data:`FIELD_NAMES` (lat/lon None when unplaced); the
    human-readable columns (``type_label``, ``description``) in the active language, the
    column names, ids and vocabulary values unchanged."""
    spot, geo = item.hotspot, item.geocode
    style = styles.get(spot.type)
    return {
        "id": spot.id,
        "name": spot.canonical_name,
        "source_name": spot.source_name,
        "type": spot.type,
        "type_label": style.shown_label if style else spot.type,
        "department": spot.department,
        "commune": spot.commune,
        "lat": round(geo.lat, 6) if geo else None,
        "lon": round(geo.lon, 6) if geo else None,
        "method": geo.method if geo else "",
        "precision": geo.precision if geo else "",
        "confidence": geo.confidence if geo else "",
        "sources": geo.lineages if geo else None,
        "spread_km": geo.spread_km if geo else None,
        "evidence": f"{geo.evidence_kind} {geo.evidence_id}" if geo else "",
        "evidence_url": (geo.evidence_url or "") if geo else "",
        "retrieved": geo.retrieved.isoformat() if geo else "",
        "description": spot.shown_description,
        "location_note": spot.location_note,
        "source_title": spot.source_title,
        "source_publisher": spot.source_publisher,
        "source_date": spot.source_date.isoformat(),
        "source_url": spot.source_url or "",
    }


def neutralise_formula(value: str) -> str:
    """Prefix a text cell that a spreadsheet would read as a formula with ``'``."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def to_csv(
    items: Sequence[LocatedHotspot],
    styles: Mapping[str, TypeStyle],
    *,
    hxl: bool = False,
    activity: Mapping[str, Mapping[str, Any]] | None = None,
    credit: str = "",
) -> str:
    """CSV text (UTF-8, header row, then an HXL hashtag row if ``hxl``). With ``activity``
    (hotspot id → ``incidents``, ``fatalities``, ``change_pct``) the :data:`ACTIVITY_FIELDS`
    are added, ``credit`` (ACLED's attribution line) in ``incidents_source``."""
    fields = FIELDS + (ACTIVITY_FIELDS if activity is not None else ())
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(name for name, _, _ in fields)
    if hxl:
        writer.writerow(tag for _, tag, _ in fields)
    for item in items:
        row = record(item, styles)
        if activity is not None:
            found = activity.get(item.hotspot.id, {})
            row |= {name: found.get(name) for name in ("incidents", "fatalities", "change_pct")}
            row["incidents_source"] = credit
        writer.writerow(
            "" if _blank(row[name]) else (row[name] if numeric else neutralise_formula(str(row[name])))
            for name, _, numeric in fields
        )
    return buffer.getvalue()


def _blank(value: Any) -> bool:
    """None or NaN (a change against an empty previous period)."""
    return value is None or (isinstance(value, float) and value != value)


def to_geojson_dict(items: Sequence[LocatedHotspot], styles: Mapping[str, TypeStyle]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection of the placed hotspots (Point, [lon, lat])."""
    features = []
    for item in items:
        if item.geocode is None:
            continue
        properties = record(item, styles)
        features.append(
            {
                "type": "Feature",
                "id": item.hotspot.id,
                "geometry": {"type": "Point", "coordinates": [properties["lon"], properties["lat"]]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def to_geojson(items: Sequence[LocatedHotspot], styles: Mapping[str, TypeStyle]) -> str:
    return json.dumps(to_geojson_dict(items, styles), ensure_ascii=False, indent=1) + "\n"


KML_NS = "http://www.opengis.net/kml/2.2"


def _kml_colour(hex_rgb: str) -> str:
    """``#RRGGBB`` → KML's ``aabbggrr`` (opaque)."""
    red, green, blue = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"ff{blue}{green}{red}".lower()


def to_kml(items: Sequence[LocatedHotspot], styles: Mapping[str, TypeStyle], *, name: str) -> str:
    """KML 2.2: one shared style per type (its colour) and one placemark per placed hotspot,
    with every export field in ExtendedData. Coordinates are written ``lon,lat``."""
    ET.register_namespace("", KML_NS)
    kml = ET.Element(f"{{{KML_NS}}}kml")
    document = ET.SubElement(kml, "Document")
    ET.SubElement(document, "name").text = name
    for style in styles.values():
        node = ET.SubElement(document, "Style", id=f"type-{style.id}")
        icon_style = ET.SubElement(node, "IconStyle")
        ET.SubElement(icon_style, "color").text = _kml_colour(style.colour)
        ET.SubElement(icon_style, "scale").text = "1.1"
        icon = ET.SubElement(icon_style, "Icon")
        ET.SubElement(icon, "href").text = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"
        ET.SubElement(ET.SubElement(node, "LabelStyle"), "scale").text = "0.8"
    for item in items:
        if item.geocode is None:
            continue
        row = record(item, styles)
        placemark = ET.SubElement(document, "Placemark", id=row["id"])
        ET.SubElement(placemark, "name").text = row["name"]
        ET.SubElement(placemark, "description").text = (
            f"{row['type_label']} · {row['commune']}, {row['department']}. {row['description']} "
            f"Coordinate: {row['method']}, precision {row['precision']}, confidence "
            f"{row['confidence']} ({row['evidence']}). Source: {row['source_title']}, "
            f"{row['source_date']}."
        )
        ET.SubElement(placemark, "styleUrl").text = f"#type-{row['type']}"
        extended = ET.SubElement(placemark, "ExtendedData")
        for field_name in FIELD_NAMES:
            data = ET.SubElement(extended, "Data", name=field_name)
            value = row[field_name]
            ET.SubElement(data, "value").text = "" if value is None else str(value)
        point = ET.SubElement(placemark, "Point")
        ET.SubElement(point, "coordinates").text = f"{row['lon']},{row['lat']},0"
    ET.indent(kml)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(kml, encoding="unicode") + "\n"


def evidence_csv(rows: Sequence[Mapping[str, str]]) -> str:
    """The per-hotspot evidence summary (:func:`dashboard.geocoding.evidence.summary_rows`) as
    CSV, text cells guarded against formulas."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(SUMMARY_COLUMNS), lineterminator="\n")
    writer.writeheader()
    numeric = {"lat", "lon", "lineages", "spread_km"}  # numbers stay numbers ("-72.3" is no formula)
    for row in rows:
        writer.writerow({k: v if k in numeric else neutralise_formula(v) for k, v in row.items()})
    return buffer.getvalue()
