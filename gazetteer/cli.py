"""Command line: ``python -m gazetteer resolve NAME [--context TEXT] [--json]`` and ``import FILE``.

``resolve`` prints one JSON object (indented, or on one line with ``--json``):
the place with at least name, latitude, longitude, admin1, admin2, precision,
score and source; or ``{"resolved": false, "reason": ...}`` and exit status 1
(2 for unusable input).  ``import`` shows progress on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from gazetteer.context import Context
from gazetteer.errors import ConflictMapError
from gazetteer.gazetteer import Gazetteer
from gazetteer.importers import FORMATS, Columns, import_file
from gazetteer.records import Resolution


def resolution_json(res: Resolution) -> dict:
    """The JSON object the CLI prints for a resolution (the contract other tools read)."""
    cands = [
        {"name": c.place.name, "admin1": c.place.admin1, "latitude": c.place.latitude, "longitude": c.place.longitude,
         "source": c.place.source, "source_id": c.place.source_id, "score": c.score, "reasons": list(c.reasons)}
        for c in res.candidates[:10]
    ]
    if not res.resolved:
        return {"resolved": False, "query": res.query, "reason": res.reason, "candidates": cands}
    place = res.place
    assert place is not None
    return {
        "resolved": True, "query": res.query, "name": place.name, "latitude": res.latitude, "longitude": res.longitude,
        "admin1": place.admin1, "admin2": place.admin2, "feature": place.feature, "precision": res.precision,
        "score": res.score, "method": res.method, "source": place.source, "source_id": place.source_id,
        "approximate": place.approximate, "note": place.note, "reason": res.reason, "candidates": cands,
    }


def _print(obj: dict, compact: bool) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=None if compact else 2))


def _resolve(args: argparse.Namespace) -> int:
    try:
        gz = Gazetteer.default(data_dir=args.data_dir, online=True if args.online else None)
        res = gz.resolve(args.name, context=Context(text=args.context or ""))
    except ConflictMapError as err:  # unusable name, or a damaged local store
        _print({"resolved": False, "query": args.name[:200], "reason": str(err)}, args.json)
        return 2
    _print(resolution_json(res), args.json)
    return 0 if res.resolved else 1


def _import(args: argparse.Namespace) -> int:
    columns = Columns(
        name=args.name_col, lat=args.lat_col, lon=args.lon_col, admin1=args.admin1_col, admin2=args.admin2_col,
        alt=args.alt_col, id=args.id_col,
    )

    def progress(count: int) -> None:
        print(f"\rread {count:,} places...", end="", file=sys.stderr, flush=True)

    print(f"importing {args.file} ...", file=sys.stderr)
    try:
        report = import_file(Path(args.file), fmt=args.format, columns=columns, data_dir=args.data_dir, progress=progress)
    except ConflictMapError as err:
        print(f"\nimport failed, the store is unchanged: {err}", file=sys.stderr)
        return 2
    skipped = ", ".join(f"{v:,} {k}" for k, v in report.skipped.items()) or "none"
    print(
        f"\rimported {report.written:,} places from {report.file} ({report.fmt}) into {report.store};"
        f" skipped: {skipped}. Re-running updates the same rows.",
        file=sys.stderr,
    )
    return 0


def _add(args: argparse.Namespace) -> int:
    try:
        gz = Gazetteer.default(data_dir=args.data_dir)
        place = gz.add_place(args.name, latitude=args.lat, longitude=args.lon, admin1=args.admin1, note=args.note)
    except ConflictMapError as err:
        print(f"not added: {err}", file=sys.stderr)
        return 2
    print(json.dumps({"name": place.name, "latitude": place.latitude, "longitude": place.longitude, "admin1": place.admin1, "source": place.source}, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m gazetteer", description="Offline gazetteer of Syrian places.")
    parser.add_argument("--data-dir", type=Path, default=None, help="local store directory (default: CONFLICT_MAP_DATA_DIR or data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    res = sub.add_parser("resolve", help="resolve a place name; prints one JSON object")
    res.add_argument("name")
    res.add_argument("--context", default="", help='text around the name, e.g. "39 kilometres northwest of Hama"')
    res.add_argument("--json", action="store_true", help="print the JSON object on one line")
    res.add_argument("--online", action="store_true", help="allow the online fallback (Nominatim, cached, 1 request/s)")
    res.set_defaults(func=_resolve)
    imp = sub.add_parser("import", help="import a gazetteer file into the local store")
    imp.add_argument("file")
    imp.add_argument("--format", choices=FORMATS, default=None, help="default: detected from the file")
    for col in ("name", "lat", "lon", "admin1", "admin2", "alt", "id"):
        imp.add_argument(f"--{col}-col", default=None, help=f"CSV column holding the {col} (csv format)")
    imp.set_defaults(func=_import)
    add = sub.add_parser("add", help="add or correct a place in the local store (wins over the bundled table)")
    add.add_argument("name")
    add.add_argument("--lat", type=float, required=True)
    add.add_argument("--lon", type=float, required=True)
    add.add_argument("--admin1", default=None)
    add.add_argument("--note", default="")
    add.set_defaults(func=_add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
