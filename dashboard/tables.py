"""Reading the curated CSV files, with validation that names file, row and field.

Every data file goes through :func:`read_table`. A bad row never stops the load: it is left
out of the records and described by a :class:`Problem` (``file:row: field: what is wrong``),
so the app can show the valid rows and list the rejected ones. Row numbers are the line
numbers a spreadsheet or editor shows (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse


class ValueProblem(ValueError):
    """Raised by a column parser; the message says what is wrong with the value."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file, at a row (1 = header) and field."""

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass(frozen=True)
class Column:
    """A column of a data file: its name, whether it must be filled, and how to parse it."""

    name: str
    required: bool = True
    parse: Callable[[str], Any] = str


@dataclass
class Table:
    """The parsed rows of a file (as dicts, with ``_row`` set) and the problems found."""

    path: Path
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# --- column parsers -------------------------------------------------------------------------


def parse_float_in(low: float, high: float) -> Callable[[str], float]:
    """A parser for a decimal number within [low, high] (e.g. a latitude in degrees)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise ValueProblem(f"not a number: {text!r}") from None
        if not low <= value <= high:
            raise ValueProblem(f"{value} is outside [{low}, {high}]")
        return value

    return parse


def parse_int(text: str) -> int:
    try:
        return int(text.replace(",", "").strip())
    except ValueError:
        raise ValueProblem(f"not a whole number: {text!r}") from None


def parse_signed_int(text: str) -> int:
    return parse_int(text.replace("\u2212", "-"))


def parse_iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueProblem(f"not a date in YYYY-MM-DD form: {text!r}") from None


def parse_choice(choices: Iterable[str]) -> Callable[[str], str]:
    allowed = tuple(choices)

    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueProblem(f"{text!r} is not one of: {', '.join(allowed)}")
        return text

    return parse


def parse_http_url(text: str) -> str:
    """Accept only http(s) URLs, so a ``javascript:`` link can never reach a page."""
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueProblem(f"not an http(s) URL: {text!r}")
    return text


def parse_url_list(text: str) -> tuple[str, ...]:
    """Parse URLs separated by `` ; `` (every one http(s))."""
    urls = tuple(part.strip() for part in text.split(";") if part.strip())
    if not urls:
        raise ValueProblem("no URL given")
    return tuple(parse_http_url(url) for url in urls)


def parse_names(text: str) -> tuple[str, ...]:
    """Parse alternative names separated by ``|``."""
    return tuple(part.strip() for part in text.split("|") if part.strip())


# --- reading --------------------------------------------------------------------------------


def read_table(
    path: Path,
    columns: Sequence[Column],
    *,
    key: str | None = None,
    display_name: str | None = None,
) -> Table:
    """Read and validate a CSV file.

    Parameters
    ----------
    path
        The CSV file (UTF-8, a BOM is tolerated, header row first).
    columns
        The expected columns. Missing columns are a file-level problem (nothing loads);
        unexpected columns are reported and ignored.
    key
        A column whose values must be unique; later duplicates are rejected.
    display_name
        How to name the file in problems (default: the file name).
    """
    name = display_name or path.name
    table = Table(path=path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        table.problems.append(Problem(name, None, None, "file not found"))
        return table
    except UnicodeDecodeError as exc:
        table.problems.append(Problem(name, None, None, f"not UTF-8 text ({exc.reason})"))
        return table

    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip() for cell in next(reader, [])]
    expected = [c.name for c in columns]
    missing = [c for c in expected if c not in header]
    if missing:
        table.problems.append(
            Problem(name, 1, None, f"missing column(s): {', '.join(missing)}")
        )
        return table
    for extra in (h for h in header if h not in expected):
        table.problems.append(Problem(name, 1, extra, "unexpected column (ignored)"))

    seen_keys: dict[str, int] = {}
    for index, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank line: nothing to lose
        row, problems = _parse_row(name, index, header, cells, columns)
        if key is not None and not problems:
            value = row[key]
            if value in seen_keys:
                problems.append(
                    Problem(name, index, key, f"duplicate {value!r} (first at row {seen_keys[value]})")
                )
            else:
                seen_keys[value] = index
        if problems:
            table.problems.extend(problems)
        else:
            row["_row"] = index
            table.rows.append(row)
    return table


def _parse_row(
    name: str, index: int, header: list[str], cells: list[str], columns: Sequence[Column]
) -> tuple[dict[str, Any], list[Problem]]:
    problems: list[Problem] = []
    if len(cells) != len(header):
        problems.append(
            Problem(name, index, None, f"has {len(cells)} cells, the header has {len(header)}")
        )
        return {}, problems
    raw = dict(zip(header, cells, strict=True))
    row: dict[str, Any] = {}
    for column in columns:
        text = raw[column.name].strip()
        if not text:
            if column.required:
                problems.append(Problem(name, index, column.name, "is empty"))
            row[column.name] = None
            continue
        try:
            row[column.name] = column.parse(text)
        except ValueProblem as exc:
            problems.append(Problem(name, index, column.name, str(exc)))
    return row, problems
