"""A map as one self-contained HTML file that works offline (for e-mail, archives, QGIS users).

Every ``<script src>`` and stylesheet that points at the vendored files is replaced by the file's
content; images the CSS refers to are inlined as ``data:`` URIs. Map tiles still need the
internet, as anywhere.
"""

from __future__ import annotations

import base64
import mimetypes
import re

import folium

from dashboard.maps.assets import INLINE_PREFIX, VENDOR_DIR
from dashboard.text.i18n import current

#: A prefix no real URL has: it marks the links this module inlines.
INLINE_BASE = INLINE_PREFIX


def _file(relative: str):
    path = (VENDOR_DIR / relative).resolve()
    if VENDOR_DIR.resolve() not in path.parents:  # never read outside the vendor folder
        raise ValueError(f"not a vendored file: {relative}")
    return path


def _data_uri(css_dir, reference: str) -> str:
    path = (css_dir / reference).resolve()
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _inline_css(relative: str) -> str:
    path = _file(relative)
    css = path.read_text(encoding="utf-8")
    css = re.sub(
        r"url\((['\"]?)(?!data:|https?:|#)([^)'\"]+)\1\)",
        lambda m: f'url("{_data_uri(path.parent, m.group(2))}")',
        css,
    )
    return f"<style>\n{css}\n</style>"


def _inline_js(relative: str) -> str:
    code = _file(relative).read_text(encoding="utf-8").replace("</script", "<\\/script")
    return f"<script>\n{code}\n</script>"


def standalone_html(m: folium.Map) -> str:
    """Render ``m`` (built with ``asset_base=INLINE_BASE``) with every asset inlined; the
    document says its language (the active one), for screen readers and translation tools."""
    html = m.get_root().render().replace("<html>", f'<html lang="{current()}">', 1)
    html = re.sub(
        rf'<script src="{re.escape(INLINE_BASE)}/([^"]+)"></script>',
        lambda match: _inline_js(match.group(1)),
        html,
    )
    html = re.sub(
        rf'<link rel="stylesheet" href="{re.escape(INLINE_BASE)}/([^"]+)"/>',
        lambda match: _inline_css(match.group(1)),
        html,
    )
    if INLINE_BASE in html:
        raise RuntimeError("an asset link was not inlined")
    return html
