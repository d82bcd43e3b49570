"""The briefing picture's text boxes, measured in the browser: every visible control (title,
key, legend, scale, source, attribution, any button) and every label or number badge; and the
pairs that overlap. Shared by the app, export and snapshot tests."""

from __future__ import annotations

#: Returns {boxes: [{name, x, y, w, h}], frame: {w, h}} for the map in the current document.
COLLECT_JS = """() => {
    const c = document.querySelector('.leaflet-container');
    const cr = c.getBoundingClientRect();
    const seen = [...c.querySelectorAll('.leaflet-control, .briefing-label, .briefing-badge')]
        .filter(el => el.offsetWidth > 0 && el.offsetHeight > 0
                      && getComputedStyle(el).visibility !== 'hidden');
    const name = el => (el.className || '').toString().split(' ').filter(n => n && n !== 'leaflet-control')[0]
        + ':' + (el.textContent || '').trim().slice(0, 30);
    const boxes = seen.map(el => { const r = el.getBoundingClientRect();
        return {name: name(el), x: r.left - cr.left, y: r.top - cr.top, w: r.width, h: r.height,
                label: el.matches('.briefing-label, .briefing-badge'), ids: el.dataset.ids || ''}; });
    const markers = [...c.querySelectorAll('.hotspot-marker')].map(el => {
        const r = (el.querySelector('svg') || el).getBoundingClientRect();  // the symbol as drawn
        return {x: r.left - cr.left, y: r.top - cr.top, w: r.width, h: r.height}; });
    return {boxes, markers, frame: {w: cr.width, h: cr.height}};
}"""


def _hit(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    )


def problems(measured: dict) -> list[str]:
    """Overlapping text boxes, boxes outside the frame, labels over markers (empty: good)."""
    boxes, frame = measured["boxes"], measured["frame"]
    found = []
    for i, a in enumerate(boxes):
        if (
            a["x"] < -0.5
            or a["y"] < -0.5
            or a["x"] + a["w"] > frame["w"] + 0.5
            or a["y"] + a["h"] > frame["h"] + 0.5
        ):
            found.append(f"outside the frame: {a['name']}")
        for b in boxes[i + 1 :]:
            if _hit(a, b):
                found.append(f"overlap: {a['name']} / {b['name']}")
        if a["label"]:
            found.extend(f"label over a marker: {a['name']}" for m in measured["markers"] if _hit(a, m))
    for a in boxes:
        if not a["label"]:
            found.extend(f"control over a marker: {a['name']}" for m in measured["markers"] if _hit(a, m))
    return found
