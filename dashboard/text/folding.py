"""Folding names for matching: one rule for place names, department names and name searches."""

from __future__ import annotations

import re
import unicodedata


def fold(name: str) -> str:
    """Fold a name for matching: no accents, case, apostrophes, hyphens or spaces
    ("L'Estère" = "l estere" = "lestere"; GeoNames writes "Pétionville" where locals write
    "Pétion-Ville")."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = re.sub(r"[\u2018\u2019'`´\-_.,()]", " ", folded)
    return "".join(folded.split())


def fold_letters(name: str) -> str:
    """:func:`fold`, keeping only the letters a-z (for names compared as words, e.g. departments)."""
    return re.sub(r"[^a-z]", "", fold(name))
