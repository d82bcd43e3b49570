"""The MSS mission's updates as data: ``data/updates.csv`` and ``data/mentions.csv``.

An *update* is one statement of the mission on where it operates (a post on mssmhaiti.com, a
post on X, a communiqué relayed by the Kenyan police or the press); a post published in English
and French is one update with two URLs. A *mention* is one place named in one update, with the
name as written and the operation in a few words. Streets may be grouped under a neighbourhood
or corridor hotspot (the mention's ``context`` says so). The tier of an update is not typed
here: it follows its first URL's publisher (``publishers.csv``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from dashboard.data.events import Sources
from dashboard.data.hotspots import parse_id
from dashboard.data.reader import IsoDate, Problem, RowModel, ValueProblem, parsed, read_table

LANGUAGES = ("en", "fr")


def _parse_languages(text: str) -> tuple[str, ...]:
    found = tuple(text.split())
    unknown = [code for code in found if code not in LANGUAGES]
    if not found or unknown:
        raise ValueProblem(f"languages are {' and/or '.join(LANGUAGES)}, separated by spaces: {text!r}")
    return found


def _parse_update_id(text: str) -> str:
    if not text.startswith("mss-"):
        raise ValueProblem(f"update ids start 'mss-' (e.g. mss-2024-11-19): {text!r}")
    return parse_id(text)


UpdateId = Annotated[str, parsed(_parse_update_id)]
HotspotId = Annotated[str, parsed(parse_id)]
Languages = Annotated[tuple[str, ...], parsed(_parse_languages)]


class Update(RowModel):
    """One MSS update: a row of ``updates.csv``. ``urls``: primary first, `` ; ``-separated."""

    update_id: UpdateId
    date: IsoDate
    languages: Languages
    title: str
    publisher: str
    urls: Sources
    summary: str


class Mention(RowModel):
    """One place named in one update: a row of ``mentions.csv``."""

    update_id: UpdateId
    hotspot_id: HotspotId
    name_as_written: str
    context: str = ""


def load_updates(path: Path) -> tuple[list[Update], list[Problem]]:
    """Load ``updates.csv`` (no file: no updates), oldest first."""
    if not path.exists():
        return [], []
    table = read_table(path, Update, unique=("update_id",))
    return sorted(table.records, key=lambda u: (u.date, u.update_id)), table.problems


def load_mentions(path: Path) -> tuple[list[Mention], list[Problem]]:
    """Load ``mentions.csv`` (no file: no mentions); several names in one update may point to one
    hotspot (streets grouped under their neighbourhood), each once."""
    if not path.exists():
        return [], []
    table = read_table(path, Mention, unique=(("update_id", "hotspot_id", "name_as_written"),))
    return table.records, table.problems
