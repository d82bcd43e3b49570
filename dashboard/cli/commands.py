"""Command line: python -m dashboard validate|geocode|evidence|ingest|export|snapshot.

``validate`` checks every data file and lists every problem (exit 1 if there is any).
``geocode`` resolves every hotspot (manual → evidence → stored → gazetteer → [online] →
stand-in),
prints one line per place, writes the store (locked, merged, atomic), and reports what
changed, what is low-confidence and every place whose online lookup failed.
``evidence`` prints (or writes, ``--format markdown|csv``) what the evidence table gives for
each hotspot: point, lineages, spread and confidence.
``ingest`` finds the places the text of the next MSS update names (:mod:`dashboard.cli.ingest`).
``export`` writes the resolved hotspots as CSV, GeoJSON, KML or a standalone HTML map.
``snapshot`` renders the briefing view to a PNG in headless Chromium.

Global options (``--data-dir``, ``--verbose``, ``--lang``) go before or after the subcommand
(``ingest`` has its own ``--lang``, the language of the update's text: there the interface's
goes before the subcommand); choices are case-insensitive and take the ids of
:mod:`dashboard.views.vocabulary`. ``--lang fr`` gives French help, messages and outputs (the
exports' human-readable columns, the HTML map and the snapshot).
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from dashboard.cli import ingest
from dashboard.data import DataDir, load_inputs
from dashboard.data.acled import load_incidents
from dashboard.data.paths import ENV_VAR
from dashboard.data.styles import load_type_styles
from dashboard.data.validate import incident_report, validate
from dashboard.geocoding import (
    Gazetteer,
    NominatimGeocoder,
    StoreNotWritten,
    resolve_all,
    update_store,
)
from dashboard.geocoding.evidence import assess_all, markdown_table, summary_rows
from dashboard.model import dataset_of
from dashboard.model.activity import RADIUS_CHOICES_KM
from dashboard.outputs.export import evidence_csv, to_csv, to_geojson, to_kml
from dashboard.outputs.snapshot import SnapshotError, check_size, snapshot_html, take_snapshot
from dashboard.outputs.standalone import INLINE_BASE, standalone_html
from dashboard.text.choices import Choice
from dashboard.text.i18n import N_, _, ngettext, using
from dashboard.views import incidents as incident_views
from dashboard.views.render import map_for_view, shown_hotspots
from dashboard.views.state import ViewState
from dashboard.views.vocabulary import Area, Basemap, Extent, Language, View


class EvidenceFormat(Choice):
    """What ``evidence`` writes."""

    MARKDOWN = "markdown", "Markdown table (the README's evidence table)"
    CSV = "csv", "CSV, one row per hotspot"


class Format(Choice):
    """What ``export`` writes."""

    CSV = "csv", "CSV (UTF-8, one row per hotspot)"
    GEOJSON = "geojson", "GeoJSON (RFC 7946)"
    KML = "kml", "KML (Google Earth)"
    HTML = "html", "standalone HTML map"


KML_NAME = N_("Haiti hotspots (MSS update, 19 Nov 2024)")


def _choice(kind: type[Choice]):
    """An argparse type: a case-insensitive id of ``kind`` (the message lists the ids)."""

    def parse(text: str) -> Choice:
        try:
            return kind.parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    parse.__name__ = kind.__name__.lower()
    return parse


def _ids(kind: type[Choice]) -> str:
    return ", ".join(kind.ids())


def _global_options(*, top: bool, lang: bool = True) -> argparse.ArgumentParser:
    """The options every subcommand also takes. Below a subcommand they default to
    SUPPRESS, so a value given before the subcommand is not overwritten. ``lang=False``:
    without ``--lang`` (``ingest`` has its own, the language of the update's text)."""
    parent = argparse.ArgumentParser(add_help=False)
    default = {} if top else {"default": argparse.SUPPRESS}
    parent.add_argument(
        "--data-dir",
        type=Path,
        **({"default": None} if top else default),
        help=_("data directory (default: ${env} or the bundled data/)").format(env=ENV_VAR),
    )
    parent.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        **default,
        help=_("full detail of failures (tracebacks, retries)"),
    )
    if not lang:
        return parent
    parent.add_argument(
        "--lang",
        dest="ui_lang",
        type=_choice(Language),
        **({"default": Language.EN} if top else default),
        metavar="LANG",
        help=_("language of the help, messages and outputs: {ids} (default: en)").format(ids=_ids(Language)),
    )
    return parent


def _parser() -> argparse.ArgumentParser:
    description = __doc__.split("\n")[0]
    parser = argparse.ArgumentParser(
        prog="python -m dashboard", description=description, parents=[_global_options(top=True)]
    )
    sub = _global_options(top=False)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("validate", parents=[sub], help=_("check every data file; list every problem"))

    _add_geocode_parser(commands, sub)

    _add_evidence_parser(commands, sub)
    ingest.add_parser(commands, _global_options(top=False, lang=False))

    export = commands.add_parser("export", parents=[sub], help=_("write the resolved hotspots"))
    export.add_argument(
        "--format",
        type=_choice(Format),
        required=True,
        metavar="FORMAT",
        help=_("one of: {ids}").format(ids=_ids(Format)),
    )
    export.add_argument("--hxl", action="store_true", help=_("CSV: add an HXL hashtag row"))
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help=_("file (default: stdout); missing folders are created"),
    )
    _add_view_options(export, basemap=Basemap.LIGHT)
    _add_incident_options(export)

    snapshot = commands.add_parser("snapshot", parents=[sub], help=_("render the briefing view to a PNG"))
    snapshot.add_argument(
        "-o", "--output", type=Path, required=True, help=_("PNG file to write; missing folders are created")
    )
    snapshot.add_argument("--size", default="1920x1080", help=_("WIDTHxHEIGHT, 640x360 to 3840x2160 CSS px"))
    _add_view_options(snapshot, basemap=Basemap.LIGHT)
    return parser


def _add_geocode_parser(commands: argparse._SubParsersAction, sub: argparse.ArgumentParser) -> None:
    geocode = commands.add_parser(
        "geocode", parents=[sub], help=_("resolve every hotspot and update the store")
    )
    geocode.add_argument(
        "--online",
        action="store_true",
        help=_("also ask Nominatim (≤ 1 request/s) for places the gazetteer lacks"),
    )
    geocode.add_argument(
        "--nominatim-url", default=None, help=_("a Nominatim-compatible server, e.g. http://127.0.0.1:8080")
    )
    geocode.add_argument(
        "--min-delay",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help=_(
            "seconds between requests (default 1; the public server's policy "
            "forbids less, so lower values need --nominatim-url)"
        ),
    )
    geocode.add_argument("--dry-run", action="store_true", help=_("report, but do not write the store"))


def _add_evidence_parser(commands: argparse._SubParsersAction, sub: argparse.ArgumentParser) -> None:
    evidence = commands.add_parser(
        "evidence", parents=[sub], help=_("per-hotspot evidence: point, lineages, spread, confidence")
    )
    evidence.add_argument(
        "--format",
        type=_choice(EvidenceFormat),
        default=EvidenceFormat.MARKDOWN,
        metavar="FORMAT",
        help=_("one of: {ids} (default: markdown)").format(ids=_ids(EvidenceFormat)),
    )
    evidence.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help=_("file (default: stdout); missing folders are created"),
    )


def _bundled_type_ids() -> str:
    """The type ids of the default data directory, for the help text."""
    styles, _ = load_type_styles(DataDir.resolve(None).types)
    return ", ".join(styles) or "see hotspot_types.csv"


def _add_view_options(parser: argparse.ArgumentParser, *, basemap: Basemap) -> None:
    """The view filters shared with the app's permalinks (same ids)."""
    parser.add_argument(
        "--type",
        action="append",
        default=None,
        metavar="TYPE_ID",
        help=_("only this hotspot type (repeatable); one of: {ids}").format(ids=_bundled_type_ids()),
    )
    parser.add_argument(
        "--area",
        type=_choice(Area),
        default=Area.ALL,
        metavar="AREA",
        help=_("one of: {ids} (default: all)").format(ids=_ids(Area)),
    )
    parser.add_argument("--name", default="", help=_("only names containing this text"))
    parser.add_argument(
        "--update",
        default=None,
        metavar="ID",
        help=_(
            "the MSS update whose places to show (e.g. mss-2024-09-17; 'all' for every update; "
            "default: the mission's list of 19 Nov 2024)"
        ),
    )
    parser.add_argument(
        "--extent",
        type=_choice(Extent),
        default=Extent.FIT,
        metavar="EXTENT",
        help=_("one of: {ids} (default: fit)").format(ids=_ids(Extent)),
    )
    parser.add_argument(
        "--basemap",
        type=_choice(Basemap),
        default=basemap,
        metavar="BASEMAP",
        help=_("one of: {ids} (default: {default})").format(ids=_ids(Basemap), default=basemap),
    )


def _add_incident_options(parser: argparse.ArgumentParser) -> None:
    """Activity around each hotspot from incidents.csv (CSV only; aggregates, never ACLED rows)."""
    radii = ", ".join(f"{r:g}" for r in RADIUS_CHOICES_KM)
    parser.add_argument(
        "--incidents-radius",
        type=float,
        default=None,
        metavar="KM",
        help=_(
            "CSV: add incidents, fatalities and change_pct within KM of each hotspot (one of: {radii})"
        ).format(radii=radii),
    )
    helps = (
        ("--from", _("first day of the period counted (default: the incidents' first date)")),
        ("--to", _("last day of the period counted (default: the incidents' last date)")),
    )
    for flag, text in helps:
        parser.add_argument(
            flag,
            dest=flag[2:] + "_date",
            type=date.fromisoformat,
            default=None,
            metavar="YYYY-MM-DD",
            help=text,
        )


def _activity(args: argparse.Namespace, dataset, state: ViewState) -> tuple[dict | None, str]:
    """Hotspot id → incidents, fatalities, change_pct (and the ACLED credit) when asked for."""
    if args.incidents_radius is None:
        return None, ""
    if args.incidents_radius not in RADIUS_CHOICES_KM:
        radii = ", ".join(f"{r:g}" for r in RADIUS_CHOICES_KM)
        raise SystemExit(
            _("error: --incidents-radius must be one of {radii} (got {value})").format(
                radii=radii, value=f"{args.incidents_radius:g}"
            )
        )
    if args.format is not Format.CSV:
        raise SystemExit(_("error: --incidents-radius works with --format csv only"))
    loaded = load_incidents(args.data_dir)
    for problem in loaded.problems:
        print(f"warning: {problem}", file=sys.stderr)
    data = incident_views.prepare(loaded, dataset.located)
    if not len(data):
        raise SystemExit(f"error: no incident loads from {DataDir.INCIDENTS} in the data folder")
    low, high = data.bounds
    period = (args.from_date or low, args.to_date or high)
    if period[0] > period[1]:
        raise SystemExit("error: --from is after --to")
    counted = replace(state, dates=period, radius_km=args.incidents_radius)
    table = incident_views.activity_table(counted, data).set_index("hotspot_id")
    print(data.credit, file=sys.stderr)
    return table.to_dict("index"), data.credit


def _view(args: argparse.Namespace, dataset, *, brief: bool) -> ViewState:
    known = {t.casefold(): t for t in dataset.styles}
    unknown = [t for t in (args.type or []) if t.casefold() not in known]
    if unknown:
        message = _("unknown type(s): {types} (known: {known})")
        raise SystemExit(message.format(types=", ".join(unknown), known=", ".join(dataset.styles)))
    update = args.update.casefold() if args.update else None
    if update is not None and update not in [*dataset.updates.ids, "all"]:
        message = _("unknown update {update!r} (known: {known}, all)")
        raise SystemExit(message.format(update=args.update, known=", ".join(dataset.updates.ids)))
    return ViewState(
        view=View.BRIEF if brief else View.FULL,
        types=tuple(known[t.casefold()] for t in args.type) if args.type else None,
        area=args.area,
        q=args.name,
        extent=args.extent,
        basemap=args.basemap,
        update=update,
        lang=args.ui_lang,
    )


def _online_geocoder(url: str | None, min_delay: float) -> NominatimGeocoder:
    if not url:
        if min_delay < 1.0:
            raise SystemExit(
                "--min-delay below 1 s breaks the public Nominatim usage policy; "
                "it is only allowed with --nominatim-url (your own server)"
            )
        return NominatimGeocoder(min_delay_seconds=min_delay)
    scheme, _, domain = url.partition("://")
    return NominatimGeocoder(scheme=scheme, domain=domain.rstrip("/"), min_delay_seconds=min_delay)


def run_geocode(args: argparse.Namespace) -> int:
    out, err = sys.stdout, sys.stderr
    inputs = load_inputs(args.data_dir)
    for problem in inputs.map_problems:
        print(_("warning: {problem}").format(problem=problem), file=err)
    online = _online_geocoder(args.nominatim_url, args.min_delay) if args.online else None

    def progress(index: int, total: int, result) -> None:
        where = "—" if result.entry is None else f"{result.entry.lat:.5f}, {result.entry.lon:.5f}"
        print(
            f"[{index:>2}/{total}] {result.hotspot_id:<24} {result.status:<10} {where}"
            + (f"  ({result.message})" if result.message else ""),
            file=err,
        )

    results = resolve_all(
        inputs.hotspots,
        inputs.store,
        gazetteer=Gazetteer(inputs.gazetteer),
        online=online,
        today=date.today(),
        progress=progress,
        evidence=assess_all([spot.id for spot in inputs.hotspots], inputs.evidence),
    )
    changed = [r for r in results if r.changed]
    low = [r for r in results if r.entry is not None and r.entry.is_low_confidence]
    unresolved = [r for r in results if r.entry is None]
    failed = [r for r in results if r.fault]
    _report(out, results, changed=changed, low=low, unresolved=unresolved, failed=failed)
    if changed and not args.dry_run:
        return _write_changes(inputs.files.geocodes, changed, out=out, err=err) or (1 if unresolved else 0)
    return 1 if unresolved else 0


def _report(out, results, *, changed, low, unresolved, failed) -> None:
    """The geocode summary: counts, then one line per notable place."""
    print(
        f"{len(results)} places: {len(changed)} changed, {len(low)} low-confidence, "
        f"{len(unresolved)} unresolved, {len(failed)} online failure(s).",
        file=out,
    )
    for r in changed:
        print(f"  changed: {r.hotspot_id} ({r.status})", file=out)
    for r in low:
        print(f"  low-confidence: {r.hotspot_id} ({r.entry.precision}): {r.entry.note}", file=out)
    for r in failed:
        print(f"  online {r.fault}: {r.hotspot_id}: {r.message} [{_kept(r)}]", file=out)
    for r in unresolved:
        print(f"  unresolved: {r.hotspot_id}: {r.message}", file=out)


def _kept(result) -> str:
    """What a place kept after its online lookup failed, in words."""
    if result.status == "stored":
        return "kept the stored coordinate"
    if result.entry is None:
        return "no coordinate"
    return f"placed by {result.status}"


def _write_changes(store_path: Path, changed: list, *, out, err) -> int:
    """Merge the changed entries into the store under its lock; 0, or 2 if not written."""
    try:
        refused = update_store(store_path, {r.hotspot_id: r.entry for r in changed})
    except StoreNotWritten as error:
        print(f"error: {error}", file=err)
        return 2
    for key in refused:
        print(f"  kept manual entry: {key} (written by someone else meanwhile)", file=out)
    print(f"wrote {store_path}", file=out)
    return 0


def run_validate(args: argparse.Namespace) -> int:
    inputs = load_inputs(args.data_dir)
    incident_problems, incident_line = incident_report(inputs)
    problems = validate(inputs) + incident_problems
    for problem in problems:
        print(problem, file=sys.stdout)
    if incident_line:
        print(incident_line, file=sys.stderr)
    for domain in inputs.unknown_domains:  # not an error: secondary until someone classifies it
        print(
            f"note: {DataDir.PUBLISHERS}: {domain!r} is not classified (counted as secondary)",
            file=sys.stderr,
        )
    if problems:
        count = _("{count} problem(s) in {path}").format(count=len(problems), path=inputs.files.path)
        print(count, file=sys.stderr)
        return 1
    print(_("{path}: every data file is valid").format(path=inputs.files.path), file=sys.stderr)
    return 0


def _writable(output: Path) -> Path:
    """``output`` with its folder created; SystemExit with one line when that fails."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SystemExit(f"error: cannot create the folder of {output}: {error.strerror or error}") from None
    if output.is_dir():
        raise SystemExit(_("error: {path} is a folder; give a file name").format(path=output))
    return output


def _emit(text: str, output: Path | None, what: str) -> None:
    """``text`` to stdout, or to ``output`` (folders created; one-line error on failure)."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        _writable(output).write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise SystemExit(f"error: cannot write {output}: {error.strerror or error}") from None
    print(_("wrote {path} ({what})").format(path=output, what=what), file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    err = sys.stderr
    inputs = load_inputs(args.data_dir)
    dataset = dataset_of(inputs)
    for problem in dataset.problems:
        print(_("warning: {problem}").format(problem=problem), file=err)
    state = _view(args, dataset, brief=False)
    shown = shown_hotspots(dataset, state)
    activity, credit = _activity(args, dataset, state)
    if args.format is Format.CSV:
        text = to_csv(shown, dataset.styles, hxl=args.hxl, activity=activity, credit=credit)
    elif args.format is Format.GEOJSON:
        text = to_geojson(shown, dataset.styles)
    elif args.format is Format.KML:
        text = to_kml(shown, dataset.styles, name=_(KML_NAME))
    else:
        text = standalone_html(map_for_view(dataset, state, asset_base=INLINE_BASE, overlay=True))
    _emit(
        text,
        args.output,
        ngettext("{count} hotspot", "{count} hotspots", len(shown)).format(count=len(shown)),
    )
    return 0


def run_evidence(args: argparse.Namespace) -> int:
    """Print or write the evidence summary the rule gives for every hotspot."""
    inputs = load_inputs(args.data_dir)
    for problem in inputs.problems.get(DataDir.EVIDENCE, []):
        print(_("warning: {problem}").format(problem=problem), file=sys.stderr)
    names = {spot.id: spot.canonical_name for spot in inputs.hotspots}
    rows = summary_rows(names, assess_all(names, inputs.evidence))
    text = markdown_table(rows) if args.format is EvidenceFormat.MARKDOWN else evidence_csv(rows)
    _emit(
        text, args.output, ngettext("{count} hotspot", "{count} hotspots", len(rows)).format(count=len(rows))
    )
    return 0


def run_snapshot(args: argparse.Namespace) -> int:
    match = re.fullmatch(r"(\d{2,5})x(\d{2,5})", args.size)
    if not match:
        message = _("error: --size must be WIDTHxHEIGHT, e.g. 1920x1080 (got {size!r})")
        print(message.format(size=args.size), file=sys.stderr)
        return 2
    width, height = int(match.group(1)), int(match.group(2))
    try:
        check_size(width, height)
    except SnapshotError as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return 2
    dataset = dataset_of(load_inputs(args.data_dir))
    state = _view(args, dataset, brief=True)
    html = snapshot_html(dataset, state)
    try:
        take_snapshot(html, _writable(args.output), width=width, height=height)
    except SnapshotError as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return 3
    print(_("wrote {path} ({what})").format(path=args.output, what=f"{width}x{height}"), file=sys.stderr)
    return 0


def _asked_language(argv: Sequence[str]) -> str:
    """The ``--lang`` of the command line before it is parsed (the help is built in it);
    English when it is missing or not a known id (the parser then says so)."""
    for index, word in enumerate(argv):
        value = word.partition("=")[2] if word.startswith("--lang=") else None
        if word == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if word == "ingest":  # ingest's own --lang is the language of the update's text
            break
        if value is not None:
            try:
                return Language.parse(value)
            except ValueError:
                return Language.EN
    return Language.EN


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    with using(_asked_language(argv)):
        args = _parser().parse_args(argv)
    with using(args.ui_lang):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    # geopy logs every retry with a traceback; the per-place lines already say what failed.
    logging.getLogger("geopy").setLevel(logging.DEBUG if args.verbose else logging.CRITICAL)
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    handlers = {
        "validate": run_validate,
        "geocode": run_geocode,
        "evidence": run_evidence,
        "ingest": ingest.run_ingest,
        "export": run_export,
        "snapshot": run_snapshot,
    }
    return handlers[args.command](args)
