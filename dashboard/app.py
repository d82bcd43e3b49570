"""Streamlit entry script: ``streamlit run dashboard/app.py`` (``make run``).

Kept here, beside ``dashboard/static/``, because Streamlit serves the static folder next to
the entry script. Importing it runs nothing; Streamlit runs it as ``__main__``.
"""

from dashboard.ui.app import main

if __name__ == "__main__":
    main()
