"""Compiling each template source once changes nothing in what a map renders to."""

from __future__ import annotations

import branca.element
import jinja2
import pytest

from dashboard.maps import templates
from dashboard.views.render import map_for_view
from dashboard.views.state import ViewState, briefing_of
from tests.support.seed import seed_dataset


@pytest.fixture
def each_time():
    templates.compile_templates_each_time()
    yield
    templates.compile_templates_each_time()


@pytest.mark.parametrize("state", [ViewState(), briefing_of(ViewState())], ids=["page", "brief"])
@pytest.mark.usefixtures("each_time")
def test_a_map_renders_to_the_same_bytes_with_the_cache(state):
    dataset = seed_dataset()
    plain = map_for_view(dataset, state).get_root().render()
    templates.compile_templates_once()
    assert branca.element.Template is templates.compiled
    first = map_for_view(dataset, state).get_root().render()
    hits = templates.compiled.cache_info().hits
    second = map_for_view(dataset, state).get_root().render()
    assert plain == first == second
    assert templates.compiled.cache_info().hits > hits  # the second render reused compiled pieces


@pytest.mark.usefixtures("each_time")
def test_undo_restores_jinja():
    templates.compile_templates_once()
    templates.compile_templates_each_time()
    assert branca.element.Template is jinja2.Template


def test_long_sources_are_compiled_each_time_not_kept():
    templates.compiled.cache_info()  # the cache's counters are readable
    long = "x" * (templates.MAX_CACHED_CHARS + 1)
    before = templates.compiled.cache_info().currsize
    assert templates.compiled(long).render() == long
    assert templates.compiled(long) is not templates.compiled(long)
    assert templates.compiled.cache_info().currsize == before
    short = "y" * 10
    assert templates.compiled(short) is templates.compiled(short)
