"""The deployments and policy timelines: both loaded together, filters by date, actor and kind,
and the strength-on-the-ground series (records and row models: :mod:`dashboard.data.events`).

Layer: above :mod:`dashboard.data`, beside :mod:`dashboard.geocoding`; imports only
``dashboard.data`` and ``dashboard.text``. Pure logic: no Streamlit, no maps.
"""

from dashboard.timelines.events import Timelines, load_timelines, timeline_date_bounds, timelines_of

__all__ = ["Timelines", "load_timelines", "timeline_date_bounds", "timelines_of"]
