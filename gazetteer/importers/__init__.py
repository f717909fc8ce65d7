"""Import a full gazetteer a user downloaded (GeoNames dump, OCHA populated places, any CSV) into the local store.

``import_file`` reads the whole file first and writes it in one transaction, so a
bad, corrupt or wrong-format file raises ``ImportFormatError`` with a clear
message and leaves the store as it was.  Rows are keyed by source + source id:
re-importing the same file updates rows instead of duplicating them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gazetteer import settings
from gazetteer.errors import ImportFormatError, InputError
from gazetteer.importers import geonames, ocha, tabular
from gazetteer.importers.common import ParsedFile, Progress
from gazetteer.importers.tabular import Columns
from gazetteer.store import log_import, store_path, transaction, upsert_places

FORMATS = ("geonames", "ocha", "csv")

__all__ = ["FORMATS", "Columns", "ImportReport", "detect_format", "import_file", "parse_file"]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did."""

    file: str
    fmt: str
    source: str
    written: int  # rows inserted or updated in the store
    skipped: dict[str, int]
    store: Path


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return handle.readline()
    except UnicodeDecodeError as err:
        raise ImportFormatError(f"{path.name}: not a text file ({err})") from err


def detect_format(path: Path) -> str:
    """Guess the format from the name and the first line."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return "geonames"
    if suffix in (".geojson", ".json"):
        return "ocha"
    first = _first_line(path)
    if geonames.looks_like(first):
        return "geonames"
    if ocha.place_level([c.strip().strip('"') for c in first.strip().split(",")]) is not None:
        return "ocha"
    return "csv"


def parse_file(path: Path, *, fmt: str | None = None, columns: Columns = Columns(), progress: Progress | None = None) -> ParsedFile:
    """Read a gazetteer file into places without touching the store."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    fmt = fmt or detect_format(path)
    if fmt == "geonames":
        return geonames.parse(path, progress=progress)
    if fmt == "ocha":
        if path.suffix.lower() in (".geojson", ".json"):
            return ocha.parse_geojson(path, progress=progress)
        return ocha.parse_csv(path, progress=progress)
    if fmt == "csv":
        return tabular.parse(path, columns=columns, progress=progress)
    raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def import_file(
    path: Path,
    *,
    fmt: str | None = None,
    columns: Columns = Columns(),
    data_dir: Path | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a gazetteer file into the local store (one transaction); ``Gazetteer.default()`` then uses it."""
    parsed = parse_file(path, fmt=fmt, columns=columns, progress=progress)
    target = store_path(Path(data_dir) if data_dir is not None else settings.data_dir())
    with transaction(target) as conn:
        written = upsert_places(conn, parsed.places)
        log_import(conn, file=str(Path(path).resolve()), fmt=parsed.fmt, source=parsed.source, rows=written)
    return ImportReport(Path(path).name, parsed.fmt, parsed.source, written, parsed.skipped, target)
