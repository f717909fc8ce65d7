"""Shared test settings: slow tests behind --run-slow; every test gets its own data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
SHARED_GAZETTEER_DIR = EVAL_DIR.parent / "gazetteer"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow test: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test writes to the real data directory."""
    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CONFLICT_MAP_DATA_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def _no_tile_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline tests: the online tile server is never contacted (a test that needs it reachable says so)."""
    monkeypatch.setattr("dashboard.settings_ui._reachable", lambda host: False)


@pytest.fixture
def eval_dir() -> Path:
    if not EVAL_DIR.is_dir():
        pytest.skip("../shared/eval is not present on this machine")
    return EVAL_DIR
