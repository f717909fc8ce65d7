"""The bundled table file: one CSV row per place, alternate names joined by "|".

Plain ``csv`` keeps loading well under a second without pandas.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

from gazetteer.records import Place

BUNDLED = Path(__file__).resolve().parent / "data" / "places.csv"
FIELDS = (
    "name", "latitude", "longitude", "admin1", "admin2", "feature", "source", "source_id",
    "alternate_names", "population", "approximate", "note", "admin3", "parent", "capital", "also", "variants",
)


def write_places(path: Path, rows: Iterable[Mapping[str, object]]) -> None:
    """Write place rows (dicts with ``FIELDS``) as the bundled CSV."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({
                **{k: "" for k in FIELDS}, **row, "approximate": int(bool(row["approximate"])), "capital": int(row.get("capital") or 0),
            })


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
