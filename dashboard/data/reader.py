"""Reading the curated CSV files, validated row by row with pydantic models.

Every data file has a row model (a :class:`RowModel` subclass: one field per column, in file
order) and goes through :func:`read_table`. A bad row never stops the load: it is left out of
the records and described by a :class:`Problem` (``file:row: field: what is wrong``), so the
app can show the valid rows and list the rejected ones. Row numbers are the line numbers a
spreadsheet or editor shows (the header is row 1; a row whose quoted cell spans lines is
numbered by its first line).

What the reader checks before a row reaches its model: the bytes are text (no NUL bytes, not
UTF-16), the header names every required column once, the file is comma-separated, each row
has as many cells as the header and no cell holds bytes that are not UTF-8. A BOM and stray
whitespace around cells are tolerated; blank lines are skipped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from dashboard.text.urls import is_http_url


class ValueProblem(ValueError):
    """Raised by a cell parser; the message says what is wrong with the value."""


class RowProblem(ValueError):
    """Raised by a row model's cross-field check: names the field the message is about."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


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


@dataclass
class Table:
    """The parsed rows of a file (as dicts, with ``_row`` set), the same rows as records (the
    row model's instances) and the problems found."""

    path: Path
    rows: list[dict[str, Any]] = field(default_factory=list)
    records: list[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class RowModel(BaseModel):
    """Base of every row model. Fields are the columns, in file order; a field with a default
    is an optional column (an empty cell is the default). Validators raise
    :class:`ValueProblem` (about their field) or :class:`RowProblem` (about a named field)."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    #: Fields that are not columns of the file (set by the reader, e.g. ``row``).
    not_columns: ClassVar[tuple[str, ...]] = ()


# --- cell parsers (used as pydantic BeforeValidators) -----------------------------------------


def parse_float_in(low: float, high: float) -> Callable[[str], float]:
    """A parser for a decimal number within [low, high] (e.g. a latitude in degrees)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise ValueProblem(f"not a number: {text!r}") from None
        if not low <= value <= high:  # also rejects nan
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
    if not is_http_url(text):
        raise ValueProblem(f"not an http(s) URL: {text!r}")
    return text


def parse_names(text: str) -> tuple[str, ...]:
    """Parse alternative names separated by ``|``."""
    return tuple(part.strip() for part in text.split("|") if part.strip())


def _text_only(parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    """Apply ``parse`` to text cells; values already parsed (model_validate of a dict built
    in code) pass through to pydantic's own type check."""
    return lambda value: parse(value) if isinstance(value, str) else value


def parsed(parse: Callable[[str], Any]) -> BeforeValidator:
    """A pydantic BeforeValidator running a cell parser: ``Annotated[float, parsed(...)]``."""
    return BeforeValidator(_text_only(parse))


# Field types shared by the row models.
Latitude = Annotated[float, parsed(parse_float_in(-90, 90))]
Longitude = Annotated[float, parsed(parse_float_in(-180, 180))]
IsoDate = Annotated[date, parsed(parse_iso_date)]
HttpUrl = Annotated[str, parsed(parse_http_url)]
Names = Annotated[tuple[str, ...], parsed(parse_names)]


def one_of(choices: Iterable[str]) -> Any:
    """A field type: text that must be one of ``choices`` (listed in the message if not)."""
    return Annotated[str, parsed(parse_choice(choices))]


# --- reading --------------------------------------------------------------------------------


def columns_of(model: type[RowModel]) -> dict[str, bool]:
    """The model's columns (field aliases, where a field has one) in file order → whether each
    is required."""
    return {
        info.alias or name: info.is_required()
        for name, info in model.model_fields.items()
        if name not in model.not_columns
    }


# Over 60 lines only because of its parameter documentation; the steps are helpers below.
def read_table(
    path: Path,
    model: type[RowModel],
    *,
    unique: Sequence[str | tuple[str, ...]] = (),
    display_name: str | None = None,
    context: Mapping[str, Any] | None = None,
) -> Table:
    """Read a CSV file and validate every row with ``model``.

    Parameters
    ----------
    path
        The CSV file (UTF-8, a BOM is tolerated, header row first).
    model
        The row model. Missing required columns are a file-level problem (nothing loads);
        missing optional columns and unexpected columns are reported, and the rows still load.
    unique
        Columns (or tuples of columns) whose values must be unique, compared case-insensitively;
        later duplicates are rejected.
    display_name
        How to name the file in problems (default: the file name).
    context
        Passed to the model's validators (e.g. the known type ids).
    """
    name = display_name or path.name
    table = Table(path=path)
    text, problem = _read_text(path, name)
    if problem is not None:
        table.problems.append(problem)
        return table
    reader = _numbered_rows(text)
    try:
        header_row = next(reader, None)
    except csv.Error as error:
        table.problems.append(Problem(name, 1, None, f"not valid CSV: {error}"))
        return table
    if header_row is None:
        table.problems.append(Problem(name, None, None, "is empty (no header row)"))
        return table
    header = [_clean(cell).lstrip("\ufeff") for cell in header_row[1]]
    header_problems, usable = _check_header(name, header, columns_of(model))
    table.problems.extend(header_problems)
    if not usable:
        return table

    seen: dict[str | tuple[str, ...], dict[str, int]] = {key: {} for key in unique}
    try:
        for index, cells in reader:
            if not any(cell.strip() for cell in cells):
                continue  # blank line: nothing to lose
            record, problems = _parse_row(name, index, header, cells, model, context)
            if record is not None and "row" in model.not_columns:
                record = record.model_copy(update={"row": index})
            row = record.model_dump(by_alias=True) if record is not None else {}
            if not problems:
                problems = _duplicate_problems(name, index, row, seen)
            if problems:
                table.problems.extend(problems)
            else:
                table.rows.append({**row, "_row": index})
                table.records.append(record)
    except csv.Error as error:  # the rest of the file cannot be split into cells
        table.problems.append(Problem(name, None, None, f"not valid CSV after the rows read: {error}"))
    return table


def _clean(cell: str) -> str:
    """A cell without surrounding whitespace (no-break spaces included)."""
    return cell.strip()


def _read_text(path: Path, name: str) -> tuple[str, Problem | None]:
    """The file's text (a UTF-8 BOM removed; bytes that are not UTF-8 kept as surrogates, so
    only their rows are rejected), or a file-level problem."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "", Problem(name, None, None, "file not found")
    except OSError as error:
        return "", Problem(name, None, None, f"cannot be read: {error.strerror or error}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", Problem(name, None, None, "is UTF-16 text, not UTF-8 (save it as CSV UTF-8)")
    if b"\x00" in data:
        return "", Problem(name, None, None, "is not a CSV text file (it contains NUL bytes)")
    return data.decode("utf-8-sig", errors="surrogateescape"), None


def _numbered_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) per CSV record; line numbers count quoted line breaks."""
    reader = csv.reader(io.StringIO(text, newline=""))
    last_line = 0
    for cells in reader:
        yield last_line + 1, cells
        last_line = reader.line_num


def _check_header(name: str, header: list[str], columns: Mapping[str, bool]) -> tuple[list[Problem], bool]:
    """Problems with the header row, and whether rows can be read at all."""
    missing = [c for c, required in columns.items() if required and c not in header]
    if missing:
        return [_missing_columns_problem(name, header, columns, missing)], False
    problems = []
    doubled = sorted({h for h in header if header.count(h) > 1})
    if doubled:
        return [Problem(name, 1, None, f"column(s) named twice: {', '.join(doubled)}")], False
    absent = [c for c in columns if c not in header]
    if absent:
        problems.append(
            Problem(name, 1, None, f"missing optional column(s), read as empty: {', '.join(absent)}")
        )
    problems += [
        Problem(name, 1, h or "(blank)", "unexpected column (ignored)") for h in header if h not in columns
    ]
    return problems, True


def _missing_columns_problem(
    name: str, header: list[str], columns: Mapping[str, bool], missing: list[str]
) -> Problem:
    if len(header) == 1 and any(sep in header[0] for sep in ";\t"):
        separator = "';'" if ";" in header[0] else "a tab"
        return Problem(name, 1, None, f"not comma-separated: {separator} separates the column names")
    if not set(header) & set(columns):
        first = ",".join(header)[:60]
        return Problem(
            name, 1, None, f"not a CSV file of this kind: no expected column in the first line {first!r}"
        )
    return Problem(name, 1, None, f"missing column(s): {', '.join(missing)}")


def _parse_row(
    name: str,
    index: int,
    header: list[str],
    cells: list[str],
    model: type[RowModel],
    context: Mapping[str, Any] | None,
) -> tuple[RowModel | None, list[Problem]]:
    if len(cells) != len(header):
        return None, [Problem(name, index, None, f"has {len(cells)} cells, the header has {len(header)}")]
    columns = columns_of(model)
    raw = {h: _clean(cell) for h, cell in zip(header, cells, strict=True) if h in columns}
    problems = [
        Problem(name, index, column, f"not UTF-8 text: {_undecodable(text)} (save the file as UTF-8)")
        for column, text in raw.items()
        if _undecodable(text)
    ]
    if problems:
        return None, problems
    try:
        record = model.model_validate({k: v for k, v in raw.items() if v}, context=context)
    except ValidationError as error:
        return None, [_problem(name, index, detail) for detail in error.errors(include_url=False)]
    return record, []


def _undecodable(text: str) -> str:
    """The bytes of ``text`` that were not UTF-8 (as ``0xE9 0x...``), or ''."""
    bad = [ord(ch) - 0xDC00 for ch in text if 0xDC80 <= ord(ch) <= 0xDCFF]
    return " ".join(f"byte 0x{b:02X}" for b in bad[:3])


def _problem(name: str, index: int, detail: Mapping[str, Any]) -> Problem:
    """A pydantic error detail as a Problem (our parsers' messages kept word for word)."""
    column = str(detail["loc"][0]) if detail["loc"] else None
    cause = (detail.get("ctx") or {}).get("error")
    if isinstance(cause, RowProblem):
        return Problem(name, index, cause.field, cause.message)
    if isinstance(cause, ValueProblem):
        return Problem(name, index, column, str(cause))
    if detail["type"] == "missing":
        return Problem(name, index, column, "is empty")
    return Problem(name, index, column, f"{detail['msg']}: {detail.get('input')!r}")


def _duplicate_problems(
    name: str, index: int, row: Mapping[str, Any], seen: dict[str | tuple[str, ...], dict[str, int]]
) -> list[Problem]:
    """A problem per unique key whose value an earlier row already has (first rows win)."""
    problems = []
    for key, first_rows in seen.items():
        columns = (key,) if isinstance(key, str) else key
        if any(row[c] is None for c in columns):
            continue
        folded = "\x1f".join(str(row[c]).casefold() for c in columns)
        if folded in first_rows:
            value = row[columns[0]]
            scope = "".join(f" in {row[c]}" for c in columns[1:])
            problems.append(
                Problem(
                    name, index, columns[0], f"duplicate {value!r}{scope} (first at row {first_rows[folded]})"
                )
            )
    if not problems:
        for key, first_rows in seen.items():
            columns = (key,) if isinstance(key, str) else key
            if all(row[c] is not None for c in columns):
                first_rows["\x1f".join(str(row[c]).casefold() for c in columns)] = index
    return problems
