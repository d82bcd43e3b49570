"""The model: the dataset the app shows, hotspots joined to their geocodes and types
(:mod:`dashboard.model.dataset`).

Layer: above :mod:`dashboard.timelines` and :mod:`dashboard.geocoding`; imports those,
``dashboard.data`` and ``dashboard.text`` only (never maps, views, outputs, the UI or the CLI).
"""

from dashboard.model.dataset import Dataset, LocatedHotspot, dataset_of, load_dataset

__all__ = ["Dataset", "LocatedHotspot", "dataset_of", "load_dataset"]
