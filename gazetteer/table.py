"""The bundled table file: one CSV row per place, alternate names joined by "|".

Plain ``csv`` keeps loading well under a second without pandas.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

from gazetteer.normalise import NORMALISER_VERSION, name_keys, normalise_name
from gazetteer.records import Place

BUNDLED = Path(__file__).resolve().parent / "data" / "places.csv"
# The lookup keys of every spelling, folded once when the table is built (folding 34,000
# spellings at every start would take most of a second).  Line 1: the folding rules' version;
# then one line per place, in the table's order.  Stale or missing keys are folded again.
KEYS_SUFFIX = ".keys"
_FIELD, _SPELLING, _PART = "\x1f", "\x1e", "\x1d"
FIELDS = (
    "name", "latitude", "longitude", "admin1", "admin2", "feature", "source", "source_id",
    "alternate_names", "population", "approximate", "note", "admin3", "parent", "capital", "also", "variants",
)


def write_places(path: Path, rows: Iterable[Mapping[str, object]]) -> None:
    """Write place rows (dicts with ``FIELDS``) as the bundled CSV (atomically: a reader never sees half a table)."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({
                **{k: "" for k in FIELDS}, **row, "approximate": int(bool(row["approximate"])), "capital": int(row.get("capital") or 0),
            })
    partial.replace(path)


def keys_path(path: Path) -> Path:
    return path.with_name(path.name + KEYS_SUFFIX)


def place_keys(place: Place) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(exact, normalised, skeleton) keys of each spelling, and the normalised keys of the variants."""
    spellings = dict.fromkeys((place.name, *place.alternate_names))
    return [name_keys(s) for s in spellings], [k for k in dict.fromkeys(normalise_name(v) for v in place.variants) if k]


def write_keys(path: Path, places: Iterable[Place]) -> None:
    """Write the keys file next to a table (see ``KEYS_SUFFIX``)."""
    lines = [NORMALISER_VERSION]
    for place in places:
        keys, loose = place_keys(place)
        lines.append(_SPELLING.join(_FIELD.join(k) for k in keys) + _PART + _SPELLING.join(loose))
    partial = keys_path(path).with_name(keys_path(path).name + ".partial")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partial.replace(keys_path(path))


def read_keys(path: Path, count: int) -> list[tuple[list[tuple[str, str, str]], list[str]]] | None:
    """The stored keys of a table of ``count`` places, or None when missing or folded by other rules."""
    try:
        lines = keys_path(path).read_text(encoding="utf-8").split("\n")
    except FileNotFoundError:
        return None
    if lines[0] != NORMALISER_VERSION or len(lines) < count + 1:
        return None
    out = []
    for line in lines[1 : count + 1]:
        spellings, _, loose = line.partition(_PART)
        keys = [tuple(k.split(_FIELD)) for k in spellings.split(_SPELLING)]
        if any(len(k) != 3 for k in keys):
            return None  # a damaged file: fold the names again rather than load wrong keys
        out.append((keys, loose.split(_SPELLING) if loose else []))
    return out  # type: ignore[return-value]


def read_places(path: Path = BUNDLED) -> list[Place]:
    """Read the bundled CSV into ``Place`` records."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Place(
                name=row["name"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                admin1=row["admin1"] or None,
                admin2=row["admin2"] or None,
                feature=row["feature"],
                source=row["source"],
                source_id=row["source_id"],
                alternate_names=tuple(row["alternate_names"].split("|")) if row["alternate_names"] else (),
                population=int(row["population"] or 0),
                approximate=row["approximate"] == "1",
                note=row["note"],
                admin3=row.get("admin3") or None,
                parent=row.get("parent") or None,
                capital=int(row.get("capital") or 0),
                also=tuple(row["also"].split("|")) if row.get("also") else (),
                variants=tuple(row["variants"].split("|")) if row.get("variants") else (),
            )
            for row in csv.DictReader(handle)
        ]
