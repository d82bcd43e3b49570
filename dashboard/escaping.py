"""Escaping text from data for the context it lands in.

Folium writes popups and tooltips inside JavaScript template literals (`` `…` ``), where
``${…}`` is live code and a backtick ends the string; the browser then parses the result as
HTML. So text from data is HTML-escaped *and* has the three template-literal metacharacters
(`` ` ``, ``$``, ``\\``) turned into character references, which mean the same in HTML and
nothing in JavaScript.
"""

from __future__ import annotations

import html

from dashboard.tables import ValueProblem, parse_http_url

_TEMPLATE_LITERAL = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def text(value: object) -> str:
    """Escape ``value`` for HTML text or a quoted attribute inside a JS template literal."""
    return html.escape(str(value), quote=True).translate(_TEMPLATE_LITERAL)


def link(url: str | None, label: str) -> str:
    """An ``<a>`` to ``url`` if it is http(s), else just the escaped label."""
    if not url:
        return text(label)
    try:
        safe_url = parse_http_url(url)
    except ValueProblem:
        return text(label)
    return f'<a href="{text(safe_url)}" target="_blank" rel="noopener noreferrer">{text(label)}</a>'
