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
def _real_main_module():  # noqa: ANN202
    """Streamlit's script runner (AppTest) replaces ``sys.modules["__main__"]`` by the app's script and leaves
    it there; a process started later with multiprocessing's "spawn" then imports the whole app (as
    ``__mp_main__``) before its target runs: here ten store workers each ran the app in bare mode, seeding
    a store with spaCy, and on 2 busy cores a writer waited past SQLite's 30 s lock timeout."""
    import sys

    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main


@pytest.fixture(autouse=True)
def _no_tile_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline tests: the online tile server is never contacted (a test that needs it reachable says so)."""
    monkeypatch.setattr("dashboard.settings_ui._reachable", lambda host: False)


@pytest.fixture
def eval_dir() -> Path:
    if not EVAL_DIR.is_dir():
        pytest.skip("../shared/eval is not present on this machine")
    return EVAL_DIR


# -- the store on both backends ---------------------------------------------------------------
# A test that takes the fixture ``store_url`` runs twice: on an SQLite file and on a PostgreSQL schema of a
# server this session starts (tests/pg_server.py).  Without the server's binaries the PostgreSQL run is
# skipped with the reason; REQUIRE_POSTGRES=1 (CI) makes it fail instead.

_PG_STATE: dict[str, object] = {}


def _require_postgres() -> bool:
    import os

    return os.environ.get("REQUIRE_POSTGRES") == "1"


@pytest.fixture(scope="session")
def pg_server():  # noqa: ANN201 - tests.pg_server.PgServer
    from tests.pg_server import PgServer, find_bin_dir

    bin_dir = find_bin_dir()
    reason = None
    if bin_dir is None:
        reason = "PostgreSQL's initdb/pg_ctl are not installed (apt-get install postgresql)"
    else:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            reason = "the PostgreSQL driver psycopg is not installed (pip install -e '.[test]')"
    if reason:
        if _require_postgres():
            pytest.fail(f"REQUIRE_POSTGRES=1 but {reason}")
        pytest.skip(reason)
    server = PgServer(bin_dir)
    try:
        server.start()
    except Exception as err:  # noqa: BLE001 - reported as the reason
        server.stop()
        if _require_postgres():
            pytest.fail(f"REQUIRE_POSTGRES=1 but the test server did not start: {err}")
        pytest.skip(f"the PostgreSQL test server did not start: {err}")
    _PG_STATE["version"] = server.version
    _PG_STATE["server"] = server
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new, empty store goes: an SQLite file path, or a PostgreSQL URL (its own schema)."""
    if request.param == "sqlite":
        return str(tmp_path / "events.sqlite3")
    return request.getfixturevalue("pg_server").new_url()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ANN001
    if "version" in _PG_STATE:
        terminalreporter.write_line(f"PostgreSQL store tests ran against server {_PG_STATE['version']} "
                                    f"({_PG_STATE['server'].stores_created} store(s) created there)")
    elif _require_postgres():
        terminalreporter.write_line("PostgreSQL store tests did NOT run (REQUIRE_POSTGRES=1)")
