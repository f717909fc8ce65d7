"""The command-line contract: ``python -m gazetteer resolve NAME [--context TEXT] [--json]`` and ``import FILE``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer.cli import main
from gazetteer.store import count_places, store_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gazetteer"
CONTRACT_KEYS = {"name", "latitude", "longitude", "admin1", "admin2", "precision", "score", "source"}


def test_module_entry_point_prints_one_json_object(_isolated_data_dir: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "gazetteer", "resolve", "Duma", "--json"],
        capture_output=True, text=True, check=False, env={**os.environ, "CONFLICT_MAP_DATA_DIR": str(_isolated_data_dir)},
    )
    assert out.returncode == 0, out.stderr
    obj = json.loads(out.stdout)
    assert CONTRACT_KEYS <= obj.keys()  # the contract's keys, with their values below; more keys may follow them
    assert {key: obj[key] for key in CONTRACT_KEYS} == {
        "name": "Duma", "latitude": 33.570679, "longitude": 36.404724, "admin1": "Rif Dimashq", "admin2": "Douma",
        "precision": 1, "score": 1.0, "source": "ocha"}


def test_context_option(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["resolve", "Jibrin", "--context", "rebel positions in the town of Jibrin next to Kafra", "--json"])
    obj = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (obj["admin1"], obj["precision"], obj["method"]) == ("Aleppo", 2, "relative")
    assert obj["candidates"][0]["name"] == "Jibreen"  # OCHA's neighbourhood east of Aleppo, rejected as too far


def test_pretty_output_is_the_same_object(capsys: pytest.CaptureFixture[str]) -> None:
    main(["resolve", "Marea", "--json"])
    compact = json.loads(capsys.readouterr().out)
    main(["resolve", "Marea"])
    assert json.loads(capsys.readouterr().out) == compact


def test_unresolved_exits_non_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "Qaryat Nowhere", "--json"]) == 1
    obj = json.loads(capsys.readouterr().out)
    assert obj["resolved"] is False and "python -m gazetteer import" in obj["reason"]


@pytest.mark.parametrize("name", ["", "y" * 10_000])
def test_bad_name_exits_two_with_reason(capsys: pytest.CaptureFixture[str], name: str) -> None:
    assert main(["resolve", name, "--json"]) == 2
    obj = json.loads(capsys.readouterr().out)
    assert obj["resolved"] is False and obj["reason"]


def test_import_shows_progress_and_is_rerunnable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--data-dir", str(tmp_path), "import", str(FIXTURES / "ocha_pplp.csv")]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "imported 5 places" in err and "no coordinates" in err
    assert main(args) == 0
    assert count_places(store_path(tmp_path)) == {"ocha": 5}
    assert main(["--data-dir", str(tmp_path), "resolve", "Mazraat Fixture", "--json"]) == 0


def test_import_with_column_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--data-dir", str(tmp_path), "import", str(FIXTURES / "village_list.csv"), "--format", "csv",
            "--name-col", "village", "--lat-col", "lat_dd", "--lon-col", "lon_dd", "--admin1-col", "gov"]
    assert main(args) == 0
    assert count_places(store_path(tmp_path)) == {"csv": 2}


def test_bad_import_file_is_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "SY.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["--data-dir", str(tmp_path / "data"), "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "import failed, the store is unchanged" in err and "zip" in err
    assert count_places(store_path(tmp_path / "data")) == {}


def test_add_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "add", "Alma", "--lat", "32.74", "--lon", "36.35", "--admin1", "Daraa"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "resolve", "Alma", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["source"] == "user"
    assert main(["--data-dir", str(tmp_path), "add", "Paris", "--lat", "48.85", "--lon", "2.35"]) == 2


def test_damaged_store_is_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store_path(tmp_path).write_bytes(b"this is not an SQLite database" * 100)
    assert main(["--data-dir", str(tmp_path), "resolve", "Duma", "--json"]) == 2
    assert "not a gazetteer store" in json.loads(capsys.readouterr().out)["reason"]
    assert main(["--data-dir", str(tmp_path), "import", str(FIXTURES / "ocha_pplp.csv")]) == 2
    assert "not a gazetteer store" in capsys.readouterr().err
