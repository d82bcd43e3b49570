"""Text drawn on the map itself for briefings: title, "as of", filters, source line.

Leaflet controls inside the map container, so a screenshot cropped to the map (or the map in
full screen) still says what it shows, when, and from what sources.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from branca.element import MacroElement
from jinja2 import Template

from dashboard.text import escaping
from dashboard.text.escaping import script_json
from dashboard.text.i18n import _

_BOX = (
    "background:rgba(255,255,255,.93);padding:.5em .75em;border-radius:6px;"
    "box-shadow:0 1px 4px rgba(0,0,0,.3);color:#1B1F24;max-width:62vw"
)


@dataclass(frozen=True)
class BriefingText:
    """Plain text (escaped when drawn)."""

    title: str
    as_of: str
    filters: str
    source: str


def title_html(text: BriefingText) -> str:
    t = escaping.text
    as_of = t(_("As of"))
    return (
        f'<div class="briefing-title" style="{_BOX}">'
        f'<div style="font-weight:700;font-size:1.45em;line-height:1.2">{t(text.title)}</div>'
        f'<div style="margin-top:.2em">{as_of} <b>{t(text.as_of)}</b></div>'
        f'<div style="color:#444">{t(text.filters)}</div></div>'
    )


def source_html(text: BriefingText) -> str:
    return (
        f'<div class="briefing-source" style="{_BOX};font-size:.9em;max-width:60vw">'
        f"{escaping.text(text.source)}</div>"
    )


class MapText(MacroElement):
    """A Leaflet control at ``position`` holding trusted HTML (built from escaped text)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position_json }}});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", {{ this.css_class_json }});
            div.innerHTML = {{ this.html_json }};
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, position: str, css_class: str):
        super().__init__()
        self._name = "MapText"
        self.html_json = script_json(html)
        self.position_json = json.dumps(position)
        self.css_class_json = json.dumps(css_class)


class Attribution(MacroElement):
    """Text (escaped) added to the map's own attribution line, e.g. who the coordinates come
    from, so every screenshot and export of the map credits its sources."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.html_json }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.html_json = script_json(escaping.text(text))


class MapStyle(MacroElement):
    """CSS for the map's own document, added by script.

    streamlit-folium drops ``<style>`` from the map's header, so CSS that must hold in the app
    and in standalone files alike is inserted into the document's head when the map loads.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var style = document.createElement("style");
            style.textContent = {{ this.css_json }};
            document.head.appendChild(style);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, css: str):
        super().__init__()
        self._name = "MapStyle"
        self.css_json = script_json(css)


__all__ = ["Attribution", "BriefingText", "MapStyle", "MapText", "source_html", "title_html"]
