"""Command line: ``python -m dashboard geocode|export``.

``geocode`` resolves every hotspot (manual → stored → gazetteer → [online] → stand-in),
prints progress, writes the store, and reports what changed and what is low-confidence.
``export`` writes the resolved hotspots as CSV or GeoJSON (stdout by default).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from dashboard import paths
from dashboard.dataset import load_dataset, load_gazetteer
from dashboard.export import to_csv, to_geojson
from dashboard.geocoding import NominatimGeocoder, load_store, resolve_all, save_store, updated_store
from dashboard.hotspots import load_hotspots
from dashboard.styles import load_type_styles


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data-dir", type=Path, default=None,
        help=f"data directory (default: ${paths.ENV_VAR} or the bundled data/)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    geocode = commands.add_parser("geocode", help="resolve every hotspot and update the store")
    geocode.add_argument("--online", action="store_true",
                         help="also ask Nominatim (≤ 1 request/s) for places the gazetteer lacks")
    geocode.add_argument("--nominatim-url", default=None,
                         help="a Nominatim-compatible server, e.g. http://127.0.0.1:8080")
    geocode.add_argument("--dry-run", action="store_true", help="report, but do not write the store")

    export = commands.add_parser("export", help="write the resolved hotspots")
    export.add_argument("--format", choices=("csv", "geojson"), required=True)
    export.add_argument("--hxl", action="store_true", help="CSV: add an HXL hashtag row")
    export.add_argument("-o", "--output", type=Path, default=None, help="file (default: stdout)")
    return parser


def _online_geocoder(url: str | None) -> NominatimGeocoder:
    if not url:
        return NominatimGeocoder()
    scheme, _, domain = url.partition("://")
    return NominatimGeocoder(scheme=scheme, domain=domain.rstrip("/"))


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
    online = _online_geocoder(args.nominatim_url) if args.online else None

    def progress(index: int, total: int, result) -> None:
        where = "—" if result.entry is None else f"{result.entry.lat:.5f}, {result.entry.lon:.5f}"
        print(f"[{index:>2}/{total}] {result.hotspot_id:<24} {result.status:<10} {where}"
              + (f"  ({result.message})" if result.message else ""), file=err)

    results = resolve_all(hotspots, store, gazetteer=gazetteer, online=online,
                          today=date.today(), progress=progress)
    changed = [r for r in results if r.changed]
    low = [r for r in results if r.entry is not None and r.entry.is_low_confidence]
    unresolved = [r for r in results if r.entry is None]
    print(f"{len(results)} places: {len(changed)} changed, {len(low)} low-confidence, "
          f"{len(unresolved)} unresolved.", file=out)
    for r in changed:
        print(f"  changed: {r.hotspot_id} ({r.status})", file=out)
    for r in low:
        print(f"  low-confidence: {r.hotspot_id} ({r.entry.precision}): {r.entry.note}", file=out)
    for r in unresolved:
        print(f"  unresolved: {r.hotspot_id}: {r.message}", file=out)
    if changed and not args.dry_run:
        save_store(store_path, updated_store(store, results))
        print(f"wrote {store_path}", file=out)
    return 1 if unresolved else 0


def run_export(args: argparse.Namespace) -> int:
    out, err = sys.stdout, sys.stderr
    dataset = load_dataset(paths.data_dir(args.data_dir))
    for problem in dataset.problems:
        print(f"warning: {problem}", file=err)
    if args.format == "csv":
        text = to_csv(dataset.located, dataset.styles, hxl=args.hxl)
    else:
        text = to_geojson(dataset.located, dataset.styles)
    if args.output is None:
        out.write(text)
    else:
        args.output.write_text(text, encoding="utf-8", newline="")
        print(f"wrote {args.output} ({len(dataset.located)} hotspots)", file=err)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {"geocode": run_geocode, "export": run_export}
    return handlers[args.command](args)
