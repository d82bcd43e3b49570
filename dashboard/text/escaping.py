"""Escaping text from data for the context it lands in.

* :func:`text`: HTML text and double-quoted attribute values, also when the HTML sits in a
  JavaScript template literal. Folium writes popups and tooltips inside template literals
  (`` `…` ``), where ``${…}`` is live code and a backtick ends the string; the browser then
  parses the result as HTML. So text from data is HTML-escaped *and* has the three
  template-literal metacharacters (`` ` ``, ``$``, ``\\``) turned into character references,
  which mean the same in HTML and nothing in JavaScript.
* :func:`link`: an ``<a>`` only for http(s) URLs (``javascript:``, ``data:``… become text).
* :func:`script_json`: a value as a JavaScript literal inside a ``<script>`` block.
* :func:`markdown`: literal text for Streamlit's Markdown (no links, images or HTML).
"""

from __future__ import annotations

import html
import json
import string

from dashboard.text.urls import is_http_url

_TEMPLATE_LITERAL = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def text(value: object) -> str:
    """Escape ``value`` for HTML text or a quoted attribute inside a JS template literal."""
    return html.escape(str(value), quote=True).translate(_TEMPLATE_LITERAL)


def link(url: str | None, label: str) -> str:
    """An ``<a>`` to ``url`` if it is http(s), else just the escaped label."""
    if not url or not is_http_url(url):
        return text(label)
    return f'<a href="{text(url)}" target="_blank" rel="noopener noreferrer">{text(label)}</a>'


def script_json(value: object) -> str:
    """JSON safe inside a ``<script>`` block: ``<``, ``>``, ``&`` and the JavaScript line
    separators as ``\\u`` escapes, so ``</script>`` or ``<!--`` in data cannot end the block."""
    return script_safe(json.dumps(value))


def script_json_compact(value: object) -> str:
    """JSON safe inside a ``<script>`` block, for large payloads of HTML snippets: only ``</``
    and ``<!--`` are escaped (``<\\/``, ``\\u003c!--``), which is all a ``<script>`` block's
    end needs, instead of every ``<``, ``>`` and ``&`` (a third more bytes for HTML), plus the
    JavaScript line separators. Non-ASCII text stays as UTF-8."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("</", "<\\/")
        .replace("<!--", "\\u003c!--")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def script_safe(json_text: str) -> str:
    """JSON text made safe inside a ``<script>`` block (see :func:`script_json`); for JSON
    already serialised (e.g. many incident rows)."""
    return (
        json_text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in string.punctuation})


def markdown(value: object) -> str:
    """``value`` as literal Markdown text: every ASCII punctuation character (all that Markdown,
    or Streamlit's ``:colour[…]`` and ``$…$`` extensions, could read) is backslash-escaped;
    line breaks become spaces, so data cannot start a heading, a list or a link."""
    return " ".join(str(value).split()).translate(_MARKDOWN_SPECIAL)
