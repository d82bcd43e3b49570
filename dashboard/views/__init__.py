"""Views: the typed view vocabulary (:mod:`.vocabulary`: enums with labels, one table each),
the view state, permalinks, filters, and the pure functions that compute what the page, the
HTML export and the snapshot show (:mod:`.render`, :mod:`.page`).

Layer: above :mod:`dashboard.maps`; imports maps, model, timelines, geocoding, data and text,
never outputs, the UI or the CLI, and never Streamlit.
"""
