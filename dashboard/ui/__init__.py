"""The user interface: the Streamlit page (:mod:`.app`) and the panels' widgets (:mod:`.panels`).

Layer: the top one (with :mod:`dashboard.cli`); it may import every other layer, and it is the
only package that imports Streamlit or streamlit-folium.
"""
