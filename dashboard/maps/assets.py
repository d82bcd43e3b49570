"""Serve every map asset locally: with folium's CDN defaults the map is blank offline.

The files live in ``dashboard/static/vendor`` (see its VENDOR.md) and Streamlit serves them at
``/app/static/vendor`` (``server.enableStaticServing``). Paths are relative to the
streamlit-folium iframe (``/component/streamlit_folium.st_folium/index.html``), so they also
work under ``--server.baseUrlPath``.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import folium
from folium.elements import JSCSSMixin
from folium.plugins import Fullscreen

VENDOR_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor"
#: The vendor folder as seen from the streamlit-folium component iframe.
IFRAME_BASE = "../../app/static/vendor"
#: Marks links that dashboard.standalone inlines (see there).
INLINE_PREFIX = "inline-vendor:"

_JS = (
    ("leaflet", "leaflet/leaflet.js"),
    # Right after leaflet.js: fixes the default-icon path (see the file's comment).
    ("leaflet_icon_path", "leaflet-icon-path.js"),
    # No jQuery: folium.Popup calls $(…), but the hotspot and incident popups are built by our
    # own scripts (maps/markers.py, maps/incident_layer.py); 87 kB less to fetch and parse.
)
_CSS = (("leaflet_css", "leaflet/leaflet.css"),)
_FULLSCREEN_JS = (("Control.Fullscreen.js", "leaflet-fullscreen/Control.FullScreen.js"),)
_FULLSCREEN_CSS = (("Control.FullScreen.css", "leaflet-fullscreen/Control.FullScreen.css"),)


def _links(pairs: tuple[tuple[str, str], ...], base: str) -> list[tuple[str, str]]:
    return [(name, f"{base}/{path}") for name, path in pairs]


def use_local_assets(m: folium.Map, *, base: str = IFRAME_BASE) -> folium.Map:
    """Point ``m`` and its plugins at the local copies under ``base`` (a URL prefix)."""
    m.default_js = _links(_JS, base)
    m.default_css = _links(_CSS, base)
    for child in _walk(m):
        localise(child, base=base)
    return m


def localise(element, *, base: str = IFRAME_BASE) -> None:
    """Point one element's own JS/CSS at the local copies: folium's Fullscreen by name, and
    our own plugins, whose ``default_js``/``default_css`` are paths relative to the vendor folder."""
    if isinstance(element, Fullscreen):
        element.default_js = _links(_FULLSCREEN_JS, base)
        element.default_css = _links(_FULLSCREEN_CSS, base)
    elif isinstance(element, JSCSSMixin):
        for attribute in ("default_js", "default_css"):
            pairs = tuple(getattr(element, attribute))
            if all(_is_vendor_relative(path) for _, path in pairs):
                setattr(element, attribute, _links(pairs, base))


def _is_vendor_relative(path: str) -> bool:
    return "://" not in path and not path.startswith(("/", ".", INLINE_PREFIX))


def _walk(element):
    for child in element._children.values():
        yield child
        yield from _walk(child)


_MARKERCLUSTER = (
    ("leaflet.markercluster.js", "leaflet-markercluster/leaflet.markercluster.js"),
    ("MarkerCluster.css", "leaflet-markercluster/MarkerCluster.css"),
    ("MarkerCluster.Default.css", "leaflet-markercluster/MarkerCluster.Default.css"),
)
_HEAT = (("leaflet-heat.js", "leaflet-heat/leaflet-heat-global.js"),)


def vendor_files() -> list[Path]:
    """Every vendored file the map needs (for checks and for standalone exports)."""
    pairs = _JS + _CSS + _FULLSCREEN_JS + _FULLSCREEN_CSS + _MARKERCLUSTER + _HEAT
    return [VENDOR_DIR / path for _, path in pairs]


#: Files the app generates for the browser (e.g. incident rows), served beside the vendor files.
GENERATED_DIR = VENDOR_DIR.parent / "generated"
GENERATED_BASE = IFRAME_BASE.rsplit("/", 1)[0] + "/generated"


#: The generated folder keeps at most this many files (a long-running server writes one popup
#: file per distinct view) ...
MAX_GENERATED = 500
#: ... but never removes a file younger than this (seconds): a page may still fetch it.
KEEP_SECONDS = 3600


def publish(name: str, text: str, *, folder: Path | None = None, now: float | None = None) -> str:
    """Write ``text`` to the generated folder (once; atomically) and return its URL as the map
    iframe sees it. Names should carry a content hash, so a URL never changes meaning. Writing a
    new file prunes the folder (see :func:`prune`). ``folder``/``now``: for tests."""
    folder = folder or GENERATED_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if not target.exists():
        partial = target.with_suffix(target.suffix + f".{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
        prune(folder, now=time.time() if now is None else now)
    return f"{GENERATED_BASE}/{name}"


def prune(folder: Path, *, now: float, most: int = MAX_GENERATED, keep_seconds: float = KEEP_SECONDS) -> int:
    """Delete the oldest files of ``folder`` beyond ``most``, sparing any modified in the last
    ``keep_seconds`` (``now``: seconds since the epoch); return how many were deleted. A page
    that asks for a deleted file later shows a "reload the page" message in the popup."""
    dated = []
    for path in folder.glob("*.json"):
        try:
            dated.append((path.stat().st_mtime, path))
        except FileNotFoundError:  # another replica's prune got there first
            continue
    dated.sort()
    removed = 0
    for modified, old in dated[: max(0, len(dated) - most)]:
        if now - modified > keep_seconds:
            old.unlink(missing_ok=True)
            removed += 1
    return removed


def publish_json(prefix: str, value) -> str:
    """``value`` as compact JSON in the generated folder, named ``PREFIX-<hash>.json`` after its
    content (see :func:`publish`); returns its URL as the map iframe sees it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return publish(f"{prefix}-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json", text)


def publish_popup_parts(pieces: list[str]) -> str:
    """The hotspot popups' HTML pieces, published for the browser to fetch (see
    :func:`dashboard.maps.markers.hotspot_layer`)."""
    return publish_json("popups", pieces)
