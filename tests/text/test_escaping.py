"""Escaping for each context text from data lands in: HTML text and attributes inside
folium's JavaScript template literals, links, <script> JSON and Streamlit Markdown."""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.text import escaping

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "${alert(2)}",
    "`;alert(5);`",
    "</script><script>alert(3)</script>",
    '<b onmouseover=alert(4)>" onfocus="alert(6)',
    "\\`${alert(7)}",
]


@given(st.text())
def test_escaped_text_holds_no_html_or_template_literal_metacharacter(value):
    escaped = escaping.text(value)
    assert not re.search(r"[<>\"'`$\\]", escaped)
    # it still means the same text in HTML: the browser's own decoding (html.unescape) is the oracle
    assert html.unescape(escaped) == value


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<b>x",
        "vbscript:x",
        "ftp://example.org/a",
        "//example.org/a",
        "https:alert(1)",
        "http://",
        "https://a b",
    ],
)
def test_only_http_links_become_links(url):
    html = escaping.link(url, "label")
    assert "<a" not in html
    assert html == "label"


def test_an_http_link_is_escaped_in_its_attribute():
    html = escaping.link('https://example.org/?q="><script>', "<b>x</b>")
    assert html.startswith('<a href="https://example.org/?q=&quot;&gt;&lt;script&gt;"')
    assert "<b>" not in html


@given(st.text())
def test_script_json_cannot_end_the_script_block_and_reads_back(value):
    encoded = escaping.script_json(value)
    assert not re.search(r"[<>&]", encoded)
    assert json.loads(encoded) == value


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_escapes_every_markup_character(payload):
    escaped = escaping.markdown(payload)
    assert not re.search(r"(?<!\\)[<>\[\]()`$*_]", escaped)


def test_markdown_flattens_line_breaks():
    assert escaping.markdown("a\n# b") == "a \\# b"
