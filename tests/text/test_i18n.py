"""Languages: the catalogues are complete and compiled, dates and numbers follow the locale,
the browser's language is negotiated, and the active language is scoped."""

from __future__ import annotations

import io
import threading
import tokenize
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from dashboard.text import i18n
from dashboard.text.i18n import (
    LANGUAGES,
    LOCALE_DIR,
    _,
    current,
    format_date,
    format_number,
    negotiate,
    ngettext,
    using,
)

PACKAGE = Path(i18n.__file__).resolve().parents[1]
TRANSLATED = [lang for lang in LANGUAGES if lang != i18n.DEFAULT]
NBSP, NNBSP = "\u00a0", "\u202f"


def _po(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def _messages_in_code() -> dict[str | tuple[str, ...], str]:
    """Every marked message of the package (Babel's extractor, the keywords of babel.cfg) →
    where it is."""
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")]
    ):
        key = tuple(message) if isinstance(message, (list, tuple)) else message
        found.setdefault(key, f"dashboard/{filename}:{lineno}")
    return found


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_of_the_code_is_translated(lang):
    with _po(lang).open("rb") as file:
        catalogue = read_po(file)
    problems = []
    for message, where in _messages_in_code().items():
        entry = catalogue.get(message[0] if isinstance(message, tuple) else message)
        strings = () if entry is None else entry.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None:
            problems.append(f"{where}: {message!r} is not in {_po(lang).name}")
        elif entry.fuzzy or not all(strings):
            problems.append(f"{where}: {message!r} has no {lang} translation (empty or fuzzy msgstr)")
    assert not problems, "run `make i18n`, then translate:\n" + "\n".join(problems)
    assert len(_messages_in_code()) > 100  # the extractor found the package's messages


@pytest.mark.parametrize("lang", TRANSLATED)
def test_compiled_catalogue_is_current(lang):
    """The committed .mo is what compiling the .po gives (`make i18n` compiles it)."""
    with _po(lang).open("rb") as file:
        catalogue = read_po(file)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    assert _po(lang).with_suffix(".mo").read_bytes() == compiled.getvalue(), "run `make i18n`"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders(lang):
    with _po(lang).open("rb") as file:
        catalogue = read_po(file)
    for entry in catalogue:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = {p for p in ids[-1].split("{")[1:]}
        for text in strings:
            # A singular may say "one" in words instead of its {count}; every other
            # placeholder is kept.
            got = {p for p in text.split("{")[1:]}
            assert {p.split("}")[0] for p in got} <= {p.split("}")[0] for p in wanted}, entry.id


def test_no_message_is_hidden_in_an_f_string():
    """The extractor reads Python 3.11 tokens: a ``_()`` inside an f-string is not extracted
    (so never translated). Messages are put in a variable first."""
    hidden = []
    for path in PACKAGE.rglob("*.py"):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for token in tokens:
            text = token.string
            if token.type == tokenize.STRING and text.lstrip("rRbB")[:1] in "fF" and "_(" in text:
                hidden.append(f"{path.relative_to(PACKAGE)}:{token.start[0]}")
    assert not hidden


def test_french_typography_in_the_catalogue():
    with _po("fr").open("rb") as file:
        catalogue = read_po(file)
    for entry in catalogue:
        for text in entry.string if isinstance(entry.string, tuple) else (entry.string,):
            for plain in (" :", " ;", "« ", " »"):  # no-break spaces there
                assert plain not in text, text


def test_dates_in_words_per_language():
    day = date(2024, 11, 19)
    assert format_date(day, "fr") == "19 novembre 2024"
    assert format_date(day, "en") == "19 November 2024"
    assert format_date(day, "en", short=True) == "19 Nov 2024"
    assert format_date(day, "fr", short=True) == "19 nov. 2024"
    assert format_date(date(2025, 2, 1), "fr") == "1 février 2025"


def test_numbers_grouped_per_language():
    assert format_number(2500, "en") == "2,500"
    assert format_number(2500, "fr").replace(NNBSP, " ").replace(NBSP, " ") == "2 500"
    assert format_number(5550.5, "fr").replace(NNBSP, " ") == "5 550,5"
    assert format_number(999, "fr") == "999"


def test_the_active_language_is_scoped():
    assert current() == "en"
    with using("fr"):
        assert _("Filters") == "Filtres"
        assert format_date(date(2024, 11, 19)) == "19 novembre 2024"
        assert ngettext("{count} of {named} hotspots", "{count} of {named} hotspots", 5) == (
            "{count} points chauds sur {named}"
        )
        assert ngettext("{count} of {named} hotspots", "{count} of {named} hotspots", 1) == (
            "{count} point chaud sur {named}"
        )
    assert current() == "en"
    assert _("Filters") == "Filters"
    with pytest.raises(ValueError, match="'de' is not one of: en, fr"), using("de"):
        pass


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, "en"),
        ("", "en"),
        ("fr-HT,fr;q=0.9,en;q=0.8", "fr"),
        ("ht-HT,ht;q=0.9,fr;q=0.8,en;q=0.5", "fr"),
        ("en-US,en;q=0.9,fr;q=0.8", "en"),
        ("fr;q=0.2,en;q=0.9", "en"),
        ("fr;q=0", "en"),
        ("de-DE,es", "en"),
        ("*", "en"),
        ("fr_CA", "fr"),
        ("garbage;;q=x,,fr", "fr"),
    ],
)
def test_browser_language(header, lang):
    assert negotiate(header) == lang


def test_work_done_elsewhere_keeps_the_language():
    """A download built when clicked runs in another thread, where the language is the
    default: ``in_language`` carries the view's language there."""
    results = {}

    def later():
        results["plain"] = _("Filters")
        results["carried"] = i18n.in_language("fr", lambda: _("Filters"))()

    with using("fr"):
        thread = threading.Thread(target=later)
        thread.start()
        thread.join()
    assert results == {"plain": "Filters", "carried": "Filtres"}


def test_choice_labels_follow_the_active_language():
    from dashboard.views.vocabulary import Area, Language

    assert Area.OUEST.label == "Port-au-Prince area (Ouest)"
    with using("fr"):
        assert Area.OUEST.label == "Région de Port-au-Prince (Ouest)"
        assert Language.FR.label == "Français"  # endonyms, never translated
    assert Area.parse("ouest") is Area.OUEST
