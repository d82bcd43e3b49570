"""Command line: ``python -m dashboard validate|geocode|export|snapshot``.

``validate`` checks every data file and lists every problem (exit 1 if there is any).
``geocode`` resolves every hotspot (manual → stored → gazetteer → [online] → stand-in),
prints progress, writes the store (locked, merged, atomic), and reports what changed, what
is low-confidence and every place whose online lookup failed.
``export`` writes the resolved hotspots as CSV, GeoJSON, KML or a standalone HTML map.
``snapshot`` renders the briefing view to a PNG in headless Chromium.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from dashboard import paths
from dashboard.briefing import filters_for, map_for_view
from dashboard.dataset import load_dataset, load_gazetteer
from dashboard.export import to_csv, to_geojson, to_kml
from dashboard.filters import apply_filters
from dashboard.geocoding import (
    NominatimGeocoder,
    StoreNotWritten,
    load_store,
    resolve_all,
    update_store,
)
from dashboard.hotspots import load_hotspots
from dashboard.permalink import ViewState
from dashboard.snapshot import SnapshotError, take_snapshot
from dashboard.standalone import INLINE_BASE, standalone_html
from dashboard.styles import load_type_styles
from dashboard.validate import validate_directory


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data-dir", type=Path, default=None,
        help=f"data directory (default: ${paths.ENV_VAR} or the bundled data/)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("validate", help="check every data file; list every problem")

    geocode = commands.add_parser("geocode", help="resolve every hotspot and update the store")
    geocode.add_argument("--online", action="store_true",
                         help="also ask Nominatim (≤ 1 request/s) for places the gazetteer lacks")
    geocode.add_argument("--nominatim-url", default=None,
                         help="a Nominatim-compatible server, e.g. http://127.0.0.1:8080")
    geocode.add_argument("--min-delay", type=float, default=1.0, metavar="SECONDS",
                         help="seconds between requests (default 1; the public server's policy "
                              "forbids less, so lower values need --nominatim-url)")
    geocode.add_argument("--dry-run", action="store_true", help="report, but do not write the store")

    export = commands.add_parser("export", help="write the resolved hotspots")
    export.add_argument("--format", choices=("csv", "geojson", "kml", "html"), required=True)
    export.add_argument("--hxl", action="store_true", help="CSV: add an HXL hashtag row")
    export.add_argument("-o", "--output", type=Path, default=None, help="file (default: stdout)")
    _add_view_options(export)

    snapshot = commands.add_parser("snapshot", help="render the briefing view to a PNG")
    snapshot.add_argument("-o", "--output", type=Path, required=True, help="PNG file to write")
    snapshot.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT in CSS pixels")
    _add_view_options(snapshot)
    return parser


def _add_view_options(parser: argparse.ArgumentParser) -> None:
    """The view filters shared with the app's permalinks (same ids)."""
    parser.add_argument("--type", action="append", default=None, metavar="TYPE_ID",
                        help="only this hotspot type (repeatable)")
    parser.add_argument("--area", choices=("all", "Ouest", "Artibonite"), default="all")
    parser.add_argument("--name", default="", help="only names containing this text")
    parser.add_argument("--extent", choices=("fit", "pap", "artibonite", "haiti"), default="fit")
    parser.add_argument("--basemap", choices=("street", "light", "satellite", "none"), default="light")


def _view(args: argparse.Namespace, dataset, *, brief: bool) -> ViewState:
    unknown = [t for t in (args.type or []) if t not in dataset.styles]
    if unknown:
        raise SystemExit(f"unknown type(s): {', '.join(unknown)} (known: {', '.join(dataset.styles)})")
    return ViewState(
        view="brief" if brief else "full",
        types=tuple(args.type) if args.type else None,
        area=args.area, q=args.name, extent=args.extent, basemap=args.basemap,
    )


def _online_geocoder(url: str | None, min_delay: float) -> NominatimGeocoder:
    if not url:
        if min_delay < 1.0:
            raise SystemExit("--min-delay below 1 s breaks the public Nominatim usage policy; "
                             "it is only allowed with --nominatim-url (your own server)")
        return NominatimGeocoder(min_delay_seconds=min_delay)
    scheme, _, domain = url.partition("://")
    return NominatimGeocoder(scheme=scheme, domain=domain.rstrip("/"), min_delay_seconds=min_delay)


def run_geocode(args: argparse.Namespace) -> int:
    out, err = sys.stdout, sys.stderr
    directory = paths.data_dir(args.data_dir)
    styles, problems = load_type_styles(directory / paths.TYPES_FILE)
    hotspots, more = load_hotspots(directory / paths.HOTSPOTS_FILE, type_ids=styles)
    store_path = directory / paths.GEOCODES_FILE
    store, store_problems = load_store(store_path)
    gazetteer, gazetteer_problems = load_gazetteer(directory)
    for problem in problems + more + store_problems + gazetteer_problems:
        print(f"warning: {problem}", file=err)
    online = _online_geocoder(args.nominatim_url, args.min_delay) if args.online else None

    def progress(index: int, total: int, result) -> None:
        where = "—" if result.entry is None else f"{result.entry.lat:.5f}, {result.entry.lon:.5f}"
        print(f"[{index:>2}/{total}] {result.hotspot_id:<24} {result.status:<10} {where}"
              + (f"  ({result.message})" if result.message else ""), file=err)

    results = resolve_all(hotspots, store, gazetteer=gazetteer, online=online,
                          today=date.today(), progress=progress)
    changed = [r for r in results if r.changed]
    low = [r for r in results if r.entry is not None and r.entry.is_low_confidence]
    unresolved = [r for r in results if r.entry is None]
    failed = [r for r in results if r.fault]
    print(f"{len(results)} places: {len(changed)} changed, {len(low)} low-confidence, "
          f"{len(unresolved)} unresolved, {len(failed)} online failure(s).", file=out)
    for r in changed:
        print(f"  changed: {r.hotspot_id} ({r.status})", file=out)
    for r in low:
        print(f"  low-confidence: {r.hotspot_id} ({r.entry.precision}): {r.entry.note}", file=out)
    for r in failed:
        print(f"  online {r.fault}: {r.hotspot_id}: {r.message} [{_kept(r)}]", file=out)
    for r in unresolved:
        print(f"  unresolved: {r.hotspot_id}: {r.message}", file=out)
    if changed and not args.dry_run:
        return _write_changes(store_path, changed, out=out, err=err) or (1 if unresolved else 0)
    return 1 if unresolved else 0


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
    directory = paths.data_dir(args.data_dir)
    problems = validate_directory(directory)
    for problem in problems:
        print(problem, file=sys.stdout)
    if problems:
        print(f"{len(problems)} problem(s) in {directory}", file=sys.stderr)
        return 1
    print(f"{directory}: every data file is valid", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    out, err = sys.stdout, sys.stderr
    dataset = load_dataset(paths.data_dir(args.data_dir))
    for problem in dataset.problems:
        print(f"warning: {problem}", file=err)
    state = _view(args, dataset, brief=False)
    shown = apply_filters(dataset.located, filters_for(state))
    if args.format == "csv":
        text = to_csv(shown, dataset.styles, hxl=args.hxl)
    elif args.format == "geojson":
        text = to_geojson(shown, dataset.styles)
    elif args.format == "kml":
        text = to_kml(shown, dataset.styles, name="Haiti hotspots (MSS update, 19 Nov 2024)")
    else:
        text = standalone_html(map_for_view(dataset, state, asset_base=INLINE_BASE, overlay=True))
    if args.output is None:
        out.write(text)
    else:
        args.output.write_text(text, encoding="utf-8", newline="")
        print(f"wrote {args.output} ({len(shown)} hotspots)", file=err)
    return 0


def run_snapshot(args: argparse.Namespace) -> int:
    match = re.fullmatch(r"(\d{2,5})x(\d{2,5})", args.size)
    if not match:
        print(f"error: --size must be WIDTHxHEIGHT, e.g. 1920x1080 (got {args.size!r})", file=sys.stderr)
        return 2
    width, height = int(match.group(1)), int(match.group(2))
    dataset = load_dataset(paths.data_dir(args.data_dir))
    state = _view(args, dataset, brief=True)
    html = standalone_html(map_for_view(dataset, state, asset_base=INLINE_BASE))
    try:
        take_snapshot(html, args.output, width=width, height=height)
    except SnapshotError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    print(f"wrote {args.output} ({width}x{height})", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {"validate": run_validate, "geocode": run_geocode, "export": run_export,
                "snapshot": run_snapshot}
    return handlers[args.command](args)
