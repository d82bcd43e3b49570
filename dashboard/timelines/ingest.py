"""Finding places in the text of an MSS update (``python -m dashboard ingest``).

Matching is case-, accent-, apostrophe-, hyphen- and space-insensitive ("l'Estere",
"L’Estère", "Lestere" and "L Estère" all match L'Estère): the text is cut into words, and
every run of one to :data:`MAX_WORDS` consecutive words is folded the way names are folded
(:func:`fold`) and looked up; the longest match wins and matches never overlap.

Names that are also ordinary words (:data:`GENERIC_NAMES`: "Downtown", "Centre-ville") match
only when written with a capital and not followed by another capitalised word, so "downtown
Nairobi" or "Downtown Saint-Marc" is not read as downtown Port-au-Prince.

What is left over is proposed for review: runs of capitalised words (with the French
connectors de, du, des, la, le, l') that are not known hotspots. Those the gazetteer knows
become *candidates* with coordinates and evidence; the others are listed as *unmatched*.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from dashboard.text.folding import fold

MAX_WORDS = 6
#: Folded names that are also ordinary words: matched only as capitalised proper names.
GENERIC_NAMES = frozenset({"downtown", "centreville", "lacroix"})
#: Lower-case words allowed inside a capitalised place name ("Croix-des-Bouquets", "Champ de Mars").
CONNECTORS = frozenset({"de", "du", "des", "la", "le", "l", "d", "en", "of", "the"})
#: Capitalised words that are never places in an update (sentence openers, actors, months…).
NOT_PLACES = frozenset(
    """
    the a an in on at and or but this that these those with while despite however further during
    after before today yesterday le la les un une dans et avec mss mssm pnh hnp fadh onu haiti kenya
    kenyan haitian haitien haitienne mission multinational security support police national
    nationale update mise jour january february march april may june july august september october
    november december janvier fevrier mars avril mai juin juillet aout septembre octobre novembre
    decembre monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi
    vendredi samedi dimanche x twitter gang gangs we our it its they their he she
    """.split()  # noqa: SIM905 - a word list reads better as text than as 100 literals
)

#: A word: letters/digits with inner hyphens; a French elision ("l’", "d'") is a word of its own
#: so "L’Académie Nationale de Police" still contains "Académie Nationale de Police".
_WORD = re.compile(r"[LlDd]['’](?=\w)|[^\W_](?:[\w\-]*[^\W_])?")


@dataclass(frozen=True)
class Word:
    """A word of the text and where it is (character offsets)."""

    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Match:
    """A known hotspot found in the text, as written there (``start``/``end``: offsets)."""

    hotspot_id: str
    name_as_written: str
    start: int
    end: int


@dataclass(frozen=True)
class Candidate:
    """A capitalised name that is not a known hotspot; ``found`` is the gazetteer's answer."""

    name_as_written: str
    found: object | None  # a gazetteer entry (lat, lon, evidence_*) or None


def words_of(text: str) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def name_index(places: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Folded name → hotspot id, for every name of every place (first place wins a clash)."""
    index: dict[str, str] = {}
    for hotspot_id, names in places.items():
        for name in names:
            index.setdefault(fold(name), hotspot_id)
    return index


def find_known(text: str, places: Mapping[str, Iterable[str]]) -> list[Match]:
    """Known hotspots named in ``text``, first mention of each, in text order."""
    return _first_of_each(_all_known(text, words_of(text), name_index(places)))


def _all_known(text: str, words: Sequence[Word], index: Mapping[str, str]) -> list[Match]:
    """Every (non-overlapping, longest-first) match, repeats included."""
    matches, i = [], 0
    while i < len(words):
        found = _longest_at(text, words, i, index)
        if found is None:
            i += 1
            continue
        length, hotspot_id = found
        start, end = words[i].start, words[i + length - 1].end
        matches.append(Match(hotspot_id, text[start:end], start, end))
        i += length
    return matches


def _first_of_each(matches: Iterable[Match]) -> list[Match]:
    first: dict[str, Match] = {}
    for match in matches:
        first.setdefault(match.hotspot_id, match)
    return list(first.values())


def _longest_at(text: str, words: Sequence[Word], i: int, index: Mapping[str, str]) -> tuple[int, str] | None:
    for length in range(min(MAX_WORDS, len(words) - i), 0, -1):
        span = words[i : i + length]
        if not _adjacent(text, span):
            continue
        key = fold(" ".join(w.text for w in span))
        if key in index and _acceptable(text, key, words, i, length):
            return length, index[key]
    return None


def _joined(text: str, a: Word, b: Word) -> bool:
    """True when ``b`` follows ``a`` within one name: only spaces, a hyphen or an apostrophe
    between them ("Grand'Anse")."""
    return re.fullmatch(r"[ \t\u00a0]*[-'’]?[ \t\u00a0]*", text[a.end : b.start]) is not None


def _adjacent(text: str, span: Sequence[Word]) -> bool:
    return all(_joined(text, a, b) for a, b in pairwise(span))


def _acceptable(text: str, key: str, words: Sequence[Word], i: int, length: int) -> bool:
    if key not in GENERIC_NAMES:
        return True
    last, following = words[i + length - 1], words[i + length] if i + length < len(words) else None
    continued = following is not None and following.capitalised and _joined(text, last, following)
    return words[i].capitalised and not continued


def capitalised_names(text: str, known: Iterable[Match]) -> list[str]:
    """Runs of capitalised words (connectors allowed inside, only spaces or hyphens between
    words) that no known match covers, each once, in text order."""
    known = list(known)
    spans = [(m.start, m.end) for m in known]
    known_folds = {fold(m.name_as_written) for m in known}
    names: list[str] = []
    run: list[Word] = []
    for word in words_of(text):
        free = not any(start <= word.start < end for start, end in spans)
        joined = bool(run) and _joined(text, run[-1], word)
        if free and word.capitalised and fold(word.text) not in NOT_PLACES and (joined or not run):
            run.append(word)
            continue
        if free and joined and fold(word.text) in CONNECTORS and word.text.islower():
            run.append(word)
            continue
        _close(text, run, names)
        run = [word] if free and word.capitalised and fold(word.text) not in NOT_PLACES else []
    _close(text, run, names)
    return [name for name in dict.fromkeys(names) if fold(name) not in known_folds]


def _close(text: str, run: list[Word], names: list[str]) -> None:
    while run and not run[-1].capitalised:
        run.pop()
    if run:
        names.append(text[run[0].start : run[-1].end])


def review(
    text: str, places: Mapping[str, Iterable[str]], lookup: Callable[[str], object | None]
) -> tuple[list[Match], list[Candidate]]:
    """Known places, then every other capitalised name with what ``lookup`` (a gazetteer
    lookup by name, within Haiti) finds for it."""
    words, index = words_of(text), name_index(places)
    every = _all_known(text, words, index)
    candidates = [Candidate(name, lookup(name)) for name in capitalised_names(text, every)]
    # A lone capitalised word at a sentence start is usually just the first word ("Joint
    # operations…"): proposed only when the gazetteer knows it.
    openers = {fold(w.text) for w in _sentence_openers(text, words)}
    kept = [
        c
        for c in candidates
        if c.found is not None or " " in c.name_as_written or fold(c.name_as_written) not in openers
    ]
    return _first_of_each(every), kept


def _sentence_openers(text: str, words: Sequence[Word]) -> list[Word]:
    """Words that open a sentence, a line or the text."""
    return [w for w in words if re.search(r"(^|[.!?:;\n]\s*|[\"“(]\s*)$", text[: w.start])]
