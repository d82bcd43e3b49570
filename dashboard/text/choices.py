"""A closed set of ids with their labels: the base of the view vocabulary's enums."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from dashboard.text.i18n import _


class Choice(StrEnum):
    """An id (the enum's string value, as written in links, the CLI and exports) and its label.

    Members are declared as ``NAME = "id", N_("Label")`` (marked for the catalogue, see
    :mod:`dashboard.text.i18n`); they compare equal to their id. ``label`` is in the active
    language, ``english_label`` as declared.
    """

    english_label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.english_label = label or value
        return member

    @property
    def label(self) -> str:
        """The label in the active language."""
        return _(self.english_label)

    @classmethod
    def parse(cls, text: str) -> Self:
        """The member whose id is ``text``, compared case-insensitively; ValueError if none."""
        folded = text.strip().casefold()
        for member in cls:
            if member.value.casefold() == folded:
                return member
        raise ValueError(f"{text!r} is not one of: {', '.join(cls.ids())}")

    @classmethod
    def ids(cls) -> list[str]:
        """Every id, in declaration order."""
        return [member.value for member in cls]
