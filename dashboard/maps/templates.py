"""Compile each Jinja template source once per process, not once per map render.

branca (under folium) turns every rendered piece of a map (each macro's header, html and script
output) into a new ``Element(template=rendered_text)``, and ``Element.__init__`` compiles that
text as a Jinja template; rendering it later just gives the text back. Our maps render to the
same bytes for the same view (:mod:`dashboard.maps.ids`), so the same ~80 sources were compiled
again on every Streamlit rerun: ~60 % of a filter rerun's time in the profile
(``scripts/profile_rerun.py``). A compiled ``jinja2.Template`` is immutable and safe to share
between threads, so caching it by source changes no output (``tests/maps/test_templates.py``
renders a map both ways and compares the bytes).
"""

from __future__ import annotations

import functools

import branca.element
import jinja2

#: Distinct sources kept: a map has ~80 pieces, most the same in every view.
CACHE_SIZE = 128
#: Longer sources (the markers' data of one view) are compiled each time, as before: a compiled
#: template holds ~15× its source in memory (4.3 MB for the 17 pieces of a map with inline
#: popups, measured with tracemalloc), and such a piece changes with the view anyway. With this
#: bound the cache holds at most ~128 × 0.3 MB.
MAX_CACHED_CHARS = 20_000


@functools.lru_cache(maxsize=CACHE_SIZE)
def _compiled(source: str) -> jinja2.Template:
    return jinja2.Template(source)


def compiled(source: str) -> jinja2.Template:
    """``jinja2.Template(source)``, compiled once per distinct ``source`` of at most
    :data:`MAX_CACHED_CHARS` characters."""
    return _compiled(source) if len(source) <= MAX_CACHED_CHARS else jinja2.Template(source)


compiled.cache_info = _compiled.cache_info  # type: ignore[attr-defined]


def compile_templates_once() -> None:
    """Make branca's elements use :func:`compiled` (idempotent; process-wide)."""
    branca.element.Template = compiled


def compile_templates_each_time() -> None:
    """Undo :func:`compile_templates_once` (for tests that compare both)."""
    branca.element.Template = jinja2.Template
