"""Every file of the bad-input corpus gets its clear message (or is accepted, with a warning
where due), and a refused file leaves the store exactly as it was."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from datetime import date
from pathlib import Path

import pytest

from dashboard.store import open_store
from extraction.readers import language_warning, read_bytes
from gazetteer.errors import InputError

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_bad_inputs.py"


def _generators():
    spec = importlib.util.spec_from_file_location("make_bad_inputs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


GENERATORS = _generators()
with (CORPUS / "expected.csv").open(encoding="utf-8", newline="") as handle:
    CASES = {row["file"]: row for row in csv.DictReader(handle)}


def _data(name: str) -> bytes:
    if name in GENERATORS.GENERATED_AT_TEST_TIME:
        return GENERATORS.GENERATED_AT_TEST_TIME[name]()
    return (CORPUS / name).read_bytes()


def test_corpus_is_large_and_every_file_has_an_expectation() -> None:
    on_disk = {p.name for p in CORPUS.iterdir() if p.name != "expected.csv"}
    generated = set(GENERATORS.GENERATED_AT_TEST_TIME)
    assert on_disk | generated == set(CASES)
    assert on_disk == set(GENERATORS.SMALL)
    assert len(CASES) == 53  # thirty were asked for; the exact count notices a case lost


def _upload(store, data: bytes, name: str):
    """What the upload page does with a file: read it, then save it (no events needed here)."""
    article = read_bytes(data, filename=name)
    store.save_article(article, [])
    return article


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    store = open_store(tmp_path / "events.sqlite3")
    data = _data(name)
    if case["outcome"] == "error":
        version = store.data_version()
        before = hashlib.sha256(store.path.read_bytes()).hexdigest()
        with pytest.raises(InputError) as info:
            _upload(store, data, name)
        assert case["message"] in str(info.value)
        # Nothing half-written: no article, no write at all.
        assert store.is_empty() and store.count_events() == 0
        assert store.data_version() == version
        assert hashlib.sha256(store.path.read_bytes()).hexdigest() == before
        return
    article = _upload(store, data, name)
    warning = language_warning(article.text)
    if case["outcome"] == "warn":
        assert warning is not None and case["message"] in warning
    else:
        assert warning is None
    for fragment in filter(None, case["text_contains"].split("|")):
        assert fragment in article.text
    for fragment in filter(None, case["text_excludes"].encode().decode("unicode_escape").split("|")):
        assert fragment not in article.text
    if case["published"]:
        assert article.published == date.fromisoformat(case["published"])
    assert store.count_articles() == 1


def test_dates_can_be_corrected_by_the_user() -> None:
    """A wrong dateline is refused, but an explicit publication date (the upload form's) wins."""
    data = _data("before_2011.txt")
    with pytest.raises(InputError, match="before 2011"):
        read_bytes(data, filename="a.txt")
    assert read_bytes(data, filename="a.txt", published=date(2016, 5, 12)).published == date(2016, 5, 12)


def test_command_line_reports_each_bad_file_clearly(tmp_path: Path) -> None:
    """`python -m extraction FILE...` names every refused file with its message and goes on with the rest."""
    import subprocess
    import sys

    paths = []
    for name in CASES:
        path = tmp_path / name
        path.write_bytes(_data(name))
        paths.append(path.name)
    run = subprocess.run([sys.executable, "-m", "extraction", *paths], cwd=tmp_path, capture_output=True,
                         text=True, timeout=600, env=_env())
    assert run.returncode == 1
    said = [line.split(": ", 1) for line in run.stderr.splitlines() if ": " in line and line.split(": ")[0] in CASES]
    errors = {name: text for name, text in said if not text.startswith("warning: ")}
    warnings = {name: text for name, text in said if text.startswith("warning: ")}
    for name, case in CASES.items():
        if case["outcome"] == "error":
            assert case["message"] in errors.get(name, ""), (name, run.stderr[-2000:])
        else:
            assert name not in errors, (name, errors.get(name))
        if case["outcome"] == "warn":
            assert case["message"] in warnings.get(name, ""), (name, run.stderr[-2000:])


def _env() -> dict[str, str]:
    import os

    root = str(Path(__file__).resolve().parents[1])
    return os.environ | {"PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
