"""The command line (``python -m dashboard ...``, :mod:`.main`).

Layer: the top one (with :mod:`dashboard.ui`); it may import every layer below, never
:mod:`dashboard.ui` or Streamlit.
"""

from dashboard.cli.commands import main

__all__ = ["main"]
