"""Real transliteration variants resolve to the right bundled place (table-driven)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gazetteer import Gazetteer

TABLE = Path(__file__).with_name("variants.csv")
ROWS = [row for row in csv.DictReader(line for line in TABLE.open(encoding="utf-8") if not line.startswith("#"))]


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


NEIGHBOURHOODS = {"Jobar", "Sheikh Maqsoud"}  # the table's places that are city quarters; the others are towns


def test_table_has_at_least_sixty_variants() -> None:
    assert len(ROWS) == 143  # sixty were asked for; the exact count notices a row lost


@pytest.mark.parametrize("row", ROWS, ids=[row["variant"] for row in ROWS])
def test_variant_resolves_to_place(gz: Gazetteer, row: dict[str, str]) -> None:
    res = gz.resolve(row["variant"])
    assert res.resolved, res.reason
    # One row per place: the table names the place as OCHA does and keeps every other source's name as a spelling.
    assert row["place"] in (res.place.name, *res.place.alternate_names), res.reason
    assert res.place.admin1 == row["admin1"], res.reason
    assert res.place.feature == ("neighbourhood" if row["place"] in NEIGHBOURHOODS else "populated place"), res.reason
