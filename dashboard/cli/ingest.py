"""``python -m dashboard ingest FILE --date YYYY-MM-DD``: the next MSS update, reviewed first.

Without ``--apply`` it changes nothing: it lists every known place the text names, proposes the
capitalised names the gazetteer knows as candidates (with coordinates and evidence) and lists
the other capitalised names for review, as a review CSV (``--format csv`` to stdout, or ``-o``).
Columns: ``name_as_written, hotspot_id, candidate_name, lat, lon, evidence, action``; ``action``
is ``mention`` (a known place), ``candidate`` or ``review``.

``--apply REVIEW.csv`` appends the update to ``updates.csv`` and one mention per ``mention`` row
(after an analyst's edits: a candidate becomes a mention once it has a ``hotspot_id``) to
``mentions.csv``, validated and written atomically. Re-ingesting an update already in the data
(same id or same URL) is a no-op.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import date
from pathlib import Path

from dashboard.data import DataDir, load_inputs
from dashboard.data.writer import write_atomic
from dashboard.geocoding import Gazetteer
from dashboard.outputs.export import neutralise_formula
from dashboard.text.i18n import _
from dashboard.timelines.ingest import review

REVIEW_COLUMNS = ("name_as_written", "hotspot_id", "candidate_name", "lat", "lon", "evidence", "action")
UPDATE_COLUMNS = ("update_id", "date", "languages", "title", "publisher", "urls", "summary")
MENTION_COLUMNS = ("update_id", "hotspot_id", "name_as_written", "context")


def add_parser(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    ingest = commands.add_parser("ingest", parents=[parent], help=_("find the places an MSS update names"))
    ingest.add_argument("file", type=Path, help=_("the update's text (UTF-8, English or French)"))
    ingest.add_argument("--date", type=_iso_date, required=True, help=_("the update's date, YYYY-MM-DD"))
    ingest.add_argument("--url", default="", help=_("where the update was published"))
    ingest.add_argument("--lang", choices=("en", "fr"), default="en", type=str.lower, help=_("en or fr"))
    ingest.add_argument("--title", default="", help=_("the update's title (default: its first line)"))
    ingest.add_argument("--publisher", default="MSS mission", help=_("who published it"))
    ingest.add_argument("--format", choices=("text", "csv"), default="text", type=str.lower)
    ingest.add_argument("-o", "--output", type=Path, default=None, help=_("write the review CSV here"))
    ingest.add_argument("--apply", type=Path, default=None, metavar="REVIEW.csv", help=_("append the update"))


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def read_text(path: Path) -> str:
    """The update's text; SystemExit with one line for a missing, empty or binary file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SystemExit(f"error: cannot read {path}: {error.strerror or error}") from None
    if b"\x00" in raw:
        raise SystemExit(f"error: {path} is not a text file (it holds NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SystemExit(f"error: {path} is not UTF-8 text (byte {error.start})") from None
    if not text.strip():
        raise SystemExit(f"error: {path} is empty")
    return text


def review_rows(text: str, data_dir) -> list[dict[str, str]]:
    """The review rows for ``text`` against the data directory's hotspots and gazetteer."""
    inputs = load_inputs(data_dir)
    places = {spot.id: spot.names for spot in inputs.hotspots}
    gazetteer = Gazetteer(inputs.gazetteer)
    known, candidates = review(text, places, lambda name: gazetteer.lookup([name]))
    rows = [_row(m.name_as_written, hotspot_id=m.hotspot_id, action="mention") for m in known]
    for candidate in candidates:
        found = candidate.found
        if found is None:
            rows.append(_row(candidate.name_as_written, action="review"))
        else:
            evidence = f"{found.evidence_kind} {found.evidence_id}".strip()
            rows.append(
                _row(
                    candidate.name_as_written,
                    candidate_name=found.name,
                    lat=f"{found.lat:.5f}",
                    lon=f"{found.lon:.5f}",
                    evidence=evidence,
                    action="candidate",
                )
            )
    return rows


def _row(name: str, **fields: str) -> dict[str, str]:
    return {column: "" for column in REVIEW_COLUMNS} | {"name_as_written": name} | fields


def to_csv(rows: list[dict[str, str]], columns=REVIEW_COLUMNS, *, guard: bool = True) -> str:
    """CSV text; ``guard``: text cells a spreadsheet would run as formulas get a ``'`` (the
    review CSV is opened in spreadsheets; data files are validated instead)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        guarded = {
            k: neutralise_formula(v) if guard and k not in ("lat", "lon") else v for k, v in row.items()
        }
        writer.writerow(guarded)
    return buffer.getvalue()


def _label(row: dict[str, str]) -> str:
    target = row["hotspot_id"] or row["candidate_name"]
    return row["name_as_written"] + (f" → {target}" if target else "")


def run_ingest(args: argparse.Namespace) -> int:
    text = read_text(args.file)
    if args.apply is not None:
        return apply_review(args, text)
    rows = review_rows(text, args.data_dir)
    out = to_csv(rows)
    if args.output is not None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(out, encoding="utf-8", newline="")
    if args.format == "csv":
        sys.stdout.write(out)
    else:
        for action, label in (("mention", "known"), ("candidate", "candidate"), ("review", "to review")):
            names = [_label(r) for r in rows if r["action"] == action]
            print(f"{label} ({len(names)}): {'; '.join(names) or '—'}")
    hint = f"ingest {args.file} --date {args.date} --url URL --apply REVIEW.csv"
    print(f"nothing written to the data; review the rows, then: {hint}", file=sys.stderr)
    return 0


def apply_review(args: argparse.Namespace, text: str) -> int:
    """Append the update and its reviewed mentions (see the module docstring)."""
    files = DataDir.resolve(args.data_dir)
    inputs = load_inputs(files)
    update_id = f"mss-{args.date.isoformat()}"
    if any(u.update_id == update_id or (args.url and args.url in u.urls) for u in inputs.updates):
        print(f"{update_id}: already in {DataDir.UPDATES}; nothing to do", file=sys.stderr)
        return 0
    if not args.url:
        print("error: --apply needs --url (every update cites where it was published)", file=sys.stderr)
        return 1
    mentions, problems = _reviewed_mentions(args.apply, {spot.id for spot in inputs.hotspots})
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems or not mentions:
        if not problems:
            print(f"error: {args.apply} has no 'mention' row with a known hotspot_id", file=sys.stderr)
        return 1
    title = args.title or next(line.strip() for line in text.splitlines() if line.strip())[:150]
    names = ", ".join(dict.fromkeys(name for name, _ in mentions))
    update = {
        "update_id": update_id,
        "date": args.date.isoformat(),
        "languages": args.lang,
        "title": title,
        "publisher": args.publisher,
        "urls": args.url,
        "summary": f"Places named: {names}.",
    }
    rows = [
        {"update_id": update_id, "hotspot_id": h, "name_as_written": n, "context": ""} for n, h in mentions
    ]
    _append(files.updates, UPDATE_COLUMNS, [update])
    _append(files.mentions, MENTION_COLUMNS, rows)
    print(f"{update_id}: appended with {len(mentions)} mention(s)", file=sys.stderr)
    return 0


def _reviewed_mentions(path: Path, hotspot_ids: set[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(name_as_written, hotspot_id) of the review's ``mention`` rows, and problems by row."""
    try:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    except (OSError, UnicodeDecodeError) as error:
        return [], [f"{path.name}: cannot read: {error}"]
    mentions, problems = [], []
    for number, row in enumerate(rows, start=2):
        if (row.get("action") or "").strip() != "mention":
            continue
        hotspot_id = (row.get("hotspot_id") or "").strip()
        if hotspot_id not in hotspot_ids:
            problems.append(f"{path.name}:{number}: hotspot_id: {hotspot_id!r} is not in {DataDir.HOTSPOTS}")
            continue
        mentions.append(((row.get("name_as_written") or "").strip(), hotspot_id))
    return list(dict.fromkeys(mentions)), problems


def _append(path: Path, columns, rows: list[dict[str, str]]) -> None:
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    body = to_csv(rows, columns, guard=False).split("\n", 1)[1]
    if not existing:
        existing = ",".join(columns) + "\n"
    write_atomic(path, existing + ("" if existing.endswith("\n") else "\n") + body)
