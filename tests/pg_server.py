"""A throwaway PostgreSQL server for the tests: initdb into a temporary directory, pg_ctl start on a free port.

PostgreSQL refuses to run as root, so when the tests run as root the server runs as the
``postgres`` user (Debian's package creates it), or ``nobody``, through ``runuser``; it
listens on 127.0.0.1 only and trusts local TCP connections (a test server, gone after
the session).  Each test gets its own schema (``new_url``), so tests never see each
other's rows and nothing needs cleaning up between them.

Without the binaries the tests that need the server are skipped with the reason;
with ``REQUIRE_POSTGRES=1`` (CI) they fail instead.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BIN_DIRS = (Path("/usr/lib/postgresql/15/bin"), Path("/usr/local/bin"), Path("/usr/bin"))
DATABASE = "conflict_map_test"


def find_bin_dir() -> Path | None:
    for directory in BIN_DIRS:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists() and (directory / "postgres").exists():
            return directory
    found = shutil.which("pg_ctl")
    return Path(found).resolve().parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PgServer:
    """One running server; ``url`` reaches its test database as the superuser ``conflict_map``."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="conflict-map-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.user = None if os.geteuid() != 0 else next(
            (name for name in ("postgres", "nobody") if _user_exists(name)), None)
        self._names = itertools.count()
        self.stores_created = 0
        self.version = ""

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(a) for a in args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)

    def start(self) -> None:
        if self.user:
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, self.user)
        done = self._run(self.bin_dir / "initdb", "-D", self.data, "-U", "conflict_map", "--auth=trust",
                         "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories='{self.root}'"
                   " -c fsync=off -c max_connections=200 -c shared_buffers=32MB")
        done = self._run(self.bin_dir / "pg_ctl", "-D", self.data, "-l", self.root / "server.log", "-o", options,
                         "-w", "-t", "60", "start")
        if done.returncode:
            log = (self.root / "server.log").read_text(errors="replace")[-2000:] if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {log}")
        import psycopg

        with psycopg.connect(self.admin_url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
            self.version = conn.execute("SHOW server_version").fetchone()[0].split()[0]

    def admin_url(self, database: str = DATABASE) -> str:
        return f"postgresql://conflict_map@127.0.0.1:{self.port}/{database}"

    def new_url(self, prefix: str = "t") -> str:
        """A URL whose tables live in a new, empty schema of the test database."""
        import psycopg

        schema = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.admin_url(), autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        self.stores_created += 1
        return f"{self.admin_url()}?options=-csearch_path%3D{schema}"

    def stop(self) -> None:
        self._run(self.bin_dir / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
