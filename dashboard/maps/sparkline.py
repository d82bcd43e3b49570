"""A small monthly sparkline for popups: inline SVG built from numbers only (no text from data)."""

from __future__ import annotations

from collections.abc import Sequence


def sparkline_svg(counts: Sequence[int], *, before: int = 0, width: int = 140, height: int = 28) -> str:
    """Bars of ``counts`` (events per month, oldest first) scaled to the largest, the first
    ``before`` months grey (context) and the rest red (the chosen period); an empty string when
    there are no months. The SVG has a text alternative (``aria-label``)."""
    if not counts:
        return ""
    values = [max(0, int(c)) for c in counts]
    top = max(values) or 1
    step = width / len(values)
    bar = max(step - 1, 1)
    bars = "".join(
        f'<rect x="{i * step:.1f}" y="{height - v / top * (height - 2):.1f}" width="{bar:.1f}" '
        f'height="{v / top * (height - 2):.1f}" fill="{"#8C96A0" if i < before else "#B3261E"}"/>'
        for i, v in enumerate(values)
        if v
    )
    label = (
        f"events per month, oldest first: {', '.join(str(v) for v in values)}"
        f"{f' (the last {len(values) - before} in the chosen period)' if before else ''}"
    )
    return (
        f'<svg class="hotspot-sparkline" role="img" aria-label="{label}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
        f'<line x1="0" y1="{height - 0.5}" x2="{width}" y2="{height - 0.5}" stroke="#999" stroke-width="1"/>'
        f"{bars}</svg>"
    )
