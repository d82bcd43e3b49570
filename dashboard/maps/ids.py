"""Folium element ids in tree order instead of at random, so the same map renders to the same
bytes (Streamlit then neither rebuilds nor remounts it)."""

from __future__ import annotations

import folium
from branca.element import Element


def assign_stable_ids(root, *, prefix: str) -> None:
    """Replace folium's random element ids by ids in tree order, for deterministic output."""
    counter = iter(range(1_000_000))

    def walk(element) -> None:
        children = list(element._children.values())
        for child in children:
            child._id = f"{prefix}{next(counter):04d}"
            walk(child)
            # Popups keep their content in side trees, outside ``_children``.
            for side in ("header", "html", "script"):
                subtree = getattr(child, side, None)
                if isinstance(subtree, Element) and subtree is not child:
                    walk(subtree)
        element._children.clear()
        element._children.update((child.get_name(), child) for child in children)

    if isinstance(root, folium.Map):
        root._id = "hotspots"
    walk(root)
