"""The store count named in every unresolved reason is cached until the store file changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer import Gazetteer, store


def test_unresolved_lookups_count_the_store_once_per_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gz = Gazetteer.default(data_dir=tmp_path)
    gz.add_place("Qaryat Testiyya", latitude=35.0, longitude=37.0, admin1="Hama")
    calls = []
    real = store.count_places
    monkeypatch.setattr(store, "count_places", lambda path: calls.append(path) or real(path))
    first = [gz.resolve(f"Qaryat Unknown {n}").reason for n in range(5)]
    assert len(calls) == 1 and all("local store (1 places)" in r for r in first)
    # Regression guard for staleness: a write to the store file is seen at the next lookup.
    gz.add_place("Qaryat Testiyya Thaniya", latitude=35.1, longitude=37.1, admin1="Hama")
    assert "local store (2 places)" in gz.resolve("Qaryat Unknown 9").reason
    assert len(calls) == 2
