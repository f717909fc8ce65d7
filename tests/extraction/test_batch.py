"""python -m extraction.batch: the same events as python -m extraction --jsonl, resumable after kill -9,
bad articles reported and skipped, idempotent loading into the store, clear errors for bad input.

One Dask cluster (one worker process) serves the module: starting workers and building the pipeline
in each costs seconds, so the tests point ``--scheduler`` at it, as a user would at a real cluster.
The kill -9 test kills the client process (``python -m extraction.batch``) mid-run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import orjson
import pytest

from extraction.batch import output, read_errors, read_events, run_batch
from extraction.batch.plan import plan
from gazetteer.errors import InputError
from tests.conftest import EVAL_DIR
from tests.extraction.conftest import SEED

distributed = pytest.importorskip("distributed", reason="Dask is not installed (the archive extra)")

ROOT = Path(__file__).resolve().parents[2]
SHORT = [  # (id, text, published): a few events each, cheap to extract
    ("b1", "IS fighters attacked regime positions in Palmyra.", "2017-03-02"),
    ("b2", "Rebels clashed with regime forces in Idlib, killing 4 fighters.", "2019-05-01"),
    ("b3", "Russian jets bombed Kafr Nabl on Monday, killing 3 civilians.", "2016-02-01"),
    ("b4", "Clashes broke out in Saraqib on Sunday.", "2016-02-01"),
    ("b5", "A car bomb exploded in Azaz, killing 7 people.", "2016-05-02"),
    ("b6", "Regime helicopters dropped barrel bombs on Daraya.", "2015-08-10"),
]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - the scheduler's address
    """One local worker process with its own empty data directory (bundled gazetteer only)."""
    data = tmp_path_factory.mktemp("worker-data")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40, env={"CONFLICT_MAP_DATA_DIR": str(data)}) as local:
        yield local.scheduler_address


def _jsonl(path: Path, rows: list[tuple[str, str, str]], extra: list[str] = ()) -> Path:
    lines = [json.dumps({"id": i, "text": t, "published": p}) for i, t, p in rows] + list(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _canonical(events: list[dict]) -> Counter:
    """Event records as comparable values, order ignored, duplicates counted."""
    return Counter(orjson.dumps(e, option=orjson.OPT_SORT_KEYS) for e in events)


def _batch_events(out: Path) -> Counter:
    return _canonical([e.to_dict() for e in read_events(out)])


def _cli_events(*args: str) -> Counter:
    done = subprocess.run([sys.executable, "-m", "extraction", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=600)
    return _canonical([json.loads(line) for line in done.stdout.splitlines()])


def _batch(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extraction.batch", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)


def test_jsonl_and_folder_give_the_events_of_python_m_extraction(tmp_path, cluster):
    jsonl = _jsonl(tmp_path / "in.jsonl", SHORT)
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "sub" / "short.html").write_text(
        "<html><body><p>Government forces shelled Douma on Tuesday, killing 5 civilians.</p></body></html>",
        encoding="utf-8")
    summary = run_batch([str(jsonl), str(folder)], out_dir=tmp_path / "out", scheduler=cluster, partition_size=4)
    expected = _cli_events("--jsonl", str(jsonl)) + _cli_events(str(folder / "seed.txt"), str(folder / "sub" / "short.html"))
    assert sum(expected.values()) >= 10  # the comparison compares something
    assert _batch_events(tmp_path / "out") == expected
    assert (summary.status, summary.partitions, summary.articles_done, summary.errors) == ("finished", 3, 8, 0)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert [(i["kind"], i["articles"], i["size"]) for i in manifest["inputs"]] == [
        ("jsonl", 6, jsonl.stat().st_size), ("folder", 2, sum(p.stat().st_size for p in folder.rglob("*.*")))]
    assert manifest["project_version"] and manifest["totals"]["events"] == sum(expected.values())
    assert [p["status"] for p in manifest["partitions"]] == ["done"] * 3


def test_a_bad_article_is_reported_and_skipped_never_failing_its_partition(tmp_path, cluster, monkeypatch):
    jsonl = _jsonl(tmp_path / "in.jsonl", SHORT[:2] + [("boom", "Shelling hit Jisr al-Shughur.", "2016-02-01")] + SHORT[2:3],
                   extra=["this is not json", json.dumps({"id": "long", "text": "Shelling. " * 200_001})])
    out = tmp_path / "out"
    # An extractor bug on one article (raised inside the worker): the article is reported, the rest are kept.
    with distributed.Client(cluster) as client:
        client.run(_break_extraction_of, "Jisr al-Shughur")
        try:
            summary = run_batch([str(jsonl)], out_dir=out, scheduler=cluster, partition_size=10)
        finally:
            client.run(_mend_extraction)
    assert (summary.status, summary.partitions, summary.articles_done, summary.errors) == (
        "finished with bad articles", 1, 3, 3)
    errors = {e["where"]: e for e in read_errors(out)}
    assert set(errors) == {"line 3", "line 5", "line 6"}
    assert errors["line 3"]["kind"] == "crash" and "RuntimeError: broken on purpose" in errors["line 3"]["message"]
    assert errors["line 3"]["article_id"] == "boom"
    assert errors["line 5"]["kind"] == "input" and "not valid JSON" in errors["line 5"]["message"]
    assert errors["line 6"]["kind"] == "input" and "limit" in errors["line 6"]["message"]
    assert {e.article_id for e in read_events(out)} == {"b1", "b2", "b3"}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["totals"]["errors"] == 3 and len(manifest["errors_sample"]) == 3


def _break_extraction_of(marker: str) -> None:  # runs in the worker
    import extraction

    original = extraction.extract_article

    def broken(article, **kwargs):  # noqa: ANN001, ANN003, ANN202
        if marker in article.text:
            raise RuntimeError("broken on purpose")
        return original(article, **kwargs)

    broken.original = original
    extraction.extract_article = broken


def _mend_extraction() -> None:  # runs in the worker
    import extraction

    extraction.extract_article = getattr(extraction.extract_article, "original", extraction.extract_article)


def test_a_failed_partition_is_reported_and_retried_by_the_next_run(tmp_path, cluster):
    jsonl = _jsonl(tmp_path / "in.jsonl", SHORT)
    out = tmp_path / "out"
    with distributed.Client(cluster) as client:
        client.run(_fail_partition, "part-00001")  # as if its worker died under it, every time
        try:
            first = run_batch([str(jsonl)], out_dir=out, scheduler=cluster, partition_size=2)
        finally:
            client.run(_mend_partitions)
    assert first.status == "incomplete" and len(first.failed) == 1 and "part-00001" in first.failed[0]
    manifest = json.loads((out / "manifest.json").read_text())
    assert [p["status"] for p in manifest["partitions"]] == ["done", "failed", "done"]
    assert "worker lost on purpose" in manifest["partitions"][1]["failure"]
    second = run_batch([str(jsonl)], out_dir=out, scheduler=cluster, partition_size=2)
    assert (second.status, second.skipped, second.failed) == ("finished", 2, ())
    assert _batch_events(out) == _cli_events("--jsonl", str(jsonl))


def _fail_partition(name: str) -> None:  # runs in the worker
    from extraction.batch import work

    original = work.extract_partition

    def failing(partition, **kwargs):  # noqa: ANN001, ANN003, ANN202
        if partition.name == name:
            raise OSError("worker lost on purpose")
        return original(partition, **kwargs)

    failing.original = original
    work.extract_partition = failing


def _mend_partitions() -> None:  # runs in the worker
    from extraction.batch import work

    work.extract_partition = getattr(work.extract_partition, "original", work.extract_partition)


def test_a_rerun_skips_finished_partitions_and_refuses_other_inputs(tmp_path, cluster):
    jsonl = _jsonl(tmp_path / "in.jsonl", SHORT)
    out = tmp_path / "out"
    first = run_batch([str(jsonl)], out_dir=out, scheduler=cluster, partition_size=2)
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "events").iterdir()}
    (out / "events" / "part-00001.parquet").unlink()  # as if the run had died before writing it
    lines: list[str] = []
    second = run_batch([str(jsonl)], out_dir=out, scheduler=cluster, partition_size=2, report=lines.append)
    assert (first.skipped, second.skipped, second.partitions, second.status) == (0, 2, 3, "finished")
    assert "2 finished by an earlier run, 1 to extract" in lines[0]
    after = {p.name: p.stat().st_mtime_ns for p in (out / "events").iterdir()}
    assert after["part-00000.parquet"] == stamps["part-00000.parquet"]  # not written again
    assert after["part-00002.parquet"] == stamps["part-00002.parquet"]
    assert second.events == first.events and _batch_events(out) == _cli_events("--jsonl", str(jsonl))
    parts = json.loads((out / "manifest.json").read_text())["partitions"]
    assert [(p["status"], p["events"] > 0, "cpu_seconds" in p) for p in parts] == [("done", True, True)] * 3
    third = run_batch([str(jsonl)], out_dir=out, scheduler=cluster, partition_size=2)
    assert (third.skipped, third.events) == (3, first.events)  # nothing to do, nothing lost
    with pytest.raises(InputError, match="other options"):
        run_batch([str(jsonl)], out_dir=out, scheduler=cluster, partition_size=3)
    _jsonl(jsonl, SHORT[:5])
    with pytest.raises(InputError, match="other inputs"):
        run_batch([str(jsonl)], out_dir=out, scheduler=cluster, partition_size=2)


def test_kill_9_mid_run_then_rerun_loses_and_duplicates_nothing(tmp_path, cluster):
    rows = [(f"k{n}", text, published) for n in range(8) for _, text, published in SHORT]  # 48 articles
    rows = [(i, f"{t} Report {i}.", p) for i, t, p in rows]  # distinct texts
    jsonl = _jsonl(tmp_path / "in.jsonl", rows)
    clean = tmp_path / "clean"
    run_batch([str(jsonl)], out_dir=clean, scheduler=cluster, partition_size=2)
    out = tmp_path / "out"
    args = [sys.executable, "-m", "extraction.batch", str(jsonl), "--out", str(out), "--scheduler", cluster,
            "--partition-size", "2"]
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(list((out / "events").glob("part-*.parquet"))) < 3:
            assert proc.poll() is None, proc.stderr.read().decode()
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    written = len(list((out / "events").glob("part-*.parquet")))
    assert 3 <= written < 24, "the kill did not land mid-run"
    done = _batch(str(jsonl), "--out", str(out), "--scheduler", cluster, "--partition-size", "2")
    assert done.returncode == 0, done.stderr
    assert f"({written} by an earlier run)" in done.stdout
    assert _batch_events(out) == _batch_events(clean)
    assert len({e.event_id for e in read_events(out)}) == len(read_events(out))
    assert not [p for p in out.rglob(".*") if p.is_file()]  # no temporary file left


def test_load_twice_loads_once(tmp_path, cluster):
    from dashboard.load_batch import load_batch
    from dashboard.store import open_store

    jsonl = _jsonl(tmp_path / "in.jsonl", SHORT + [("b1-again", SHORT[0][1], SHORT[0][2])])  # same text twice
    out = tmp_path / "out"
    summary = run_batch([str(jsonl)], out_dir=out, scheduler=cluster, partition_size=3)
    store = open_store(tmp_path / "store.sqlite3")
    first = load_batch(out, store=store)
    assert (first.articles_new, first.events_saved, first.articles_known, first.refused_count) == (
        6, summary.events - len([e for e in read_events(out) if e.article_id == "b1-again"]), 1, 0)
    counts = (store.count_articles(), store.count_events())
    second = load_batch(out, store=store)
    assert (second.articles_new, second.events_saved, second.articles_known) == (0, 0, 7)
    assert (store.count_articles(), store.count_events()) == counts == (6, first.events_saved)


def test_load_flag_loads_into_the_configured_store(tmp_path, cluster):
    from dashboard.store import open_store

    jsonl = _jsonl(tmp_path / "in.jsonl", SHORT[:3])
    out = tmp_path / "out"
    for _ in range(2):
        done = _batch(str(jsonl), "--out", str(out), "--scheduler", cluster, "--load")
        assert done.returncode == 0, done.stderr
    assert "loaded: 0 new articles with 0 events; 3 already stored" in done.stdout
    assert open_store().count_articles() == 3  # CONFLICT_MAP_DATA_DIR of this test, inherited by the subprocess


@pytest.mark.parametrize("make_args, message", [
    (lambda t: [str(t / "missing.jsonl"), "--out", str(t / "o")], "no such file or folder"),
    (lambda t: [str(t / "in.jsonl"), "--out", str(t / "in.jsonl")], "is a file, not a folder"),
    (lambda t: [str(t / "in.jsonl"), "--out", str(t / "o"), "--scheduler", "tcp://127.0.0.1:9"], "cannot reach a Dask scheduler"),
    (lambda t: [str(t / "in.jsonl"), "--out", str(t / "o"), "--scheduler", "nonsense://x"], "cannot reach a Dask scheduler"),
    (lambda t: [str(t / "locked"), "--out", str(t / "o")], "cannot read the folder"),
    (lambda t: [str(t / "empty"), "--out", str(t / "o")], "holds no article files"),
    (lambda t: [str(t / "in.csv"), "--out", str(t / "o")], "not a JSONL file"),
    (lambda t: [str(t / "in.jsonl"), str(t / "in.jsonl"), "--out", str(t / "o")], "given twice"),
])
def test_bad_input_is_one_line_and_exit_code_2(tmp_path, make_args, message):
    _jsonl(tmp_path / "in.jsonl", SHORT[:1])
    (tmp_path / "in.csv").write_text("a,b\n")
    (tmp_path / "empty").mkdir()
    (tmp_path / "locked" / "inner").mkdir(parents=True)
    (tmp_path / "locked" / "inner").chmod(0)
    try:
        if message == "cannot read the folder" and os.access(tmp_path / "locked" / "inner", os.R_OK):
            pytest.skip("running as a user who reads any folder (root)")
        done = _batch(*make_args(tmp_path), timeout=120)
    finally:
        (tmp_path / "locked" / "inner").chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_partitions_cut_at_line_starts_and_skip_blank_lines(tmp_path):
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_bytes(b'{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n  \n{"text": "d"}')  # no final newline
    cut = plan([str(jsonl)], partition_size=2)
    data = jsonl.read_bytes()
    assert [(p.first_line, p.articles, data[p.start:p.end].count(b'"text"')) for p in cut.partitions] == [(1, 2, 2), (4, 2, 2)]
    assert cut.partitions[-1].end == len(data) and cut.inputs[0].articles == 4
    assert [p.name for p in cut.partitions] == ["part-00000", "part-00001"]


def test_event_tables_round_trip(seed_events, tmp_path):
    import pyarrow.parquet as pq

    from extraction.batch.tables import articles_table, events_from_table, events_table

    assert len(seed_events) > 3
    output.prepare(tmp_path)
    output.write_partition(tmp_path, "part-00000", events=events_table(seed_events), articles=articles_table([]),
                           errors=())
    assert events_from_table(pq.read_table(tmp_path / "events" / "part-00000.parquet")) == list(seed_events)
    assert output.counts(tmp_path, "part-00000") == {"articles_done": 0, "events": len(seed_events), "errors": 0}


@pytest.mark.slow
def test_fakes_dev_articles_give_the_events_of_python_m_extraction(tmp_path, cluster):
    """The 781 FA-KES dev articles: the batch and the one-process command line agree event for event."""
    import csv

    configured = os.environ.get("CONFLICT_MAP_EVAL_DIR")
    source = (Path(configured) if configured else EVAL_DIR) / "fakes_articles_dev.csv"
    if not source.is_file():
        pytest.skip(f"no FA-KES dev articles at {source} (../shared/eval, or set CONFLICT_MAP_EVAL_DIR)")
    csv.field_size_limit(10_000_000)
    with source.open(encoding="utf-8", newline="") as handle:
        rows = [(r["unit_id"], r["article_content"], "") for r in csv.DictReader(handle)]
    jsonl = tmp_path / "fakes.jsonl"
    jsonl.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t, _ in rows), encoding="utf-8")
    summary = run_batch([str(jsonl)], out_dir=tmp_path / "out", scheduler=cluster, partition_size=100)
    assert summary.articles == 781 and summary.status in ("finished", "finished with bad articles")
    expected = _cli_events("--jsonl", str(jsonl))
    assert sum(expected.values()) > 1000
    assert _batch_events(tmp_path / "out") == expected


def test_a_rerun_after_the_rules_changed_is_refused(tmp_path, cluster, monkeypatch):
    # The project's version does not change with a rule; a resumed run must not mix two rule sets.
    from extraction.batch import run as batch_run

    jsonl = _jsonl(tmp_path / "in.jsonl", SHORT)
    out = tmp_path / "out"
    run_batch([str(jsonl)], out_dir=out, scheduler=cluster, partition_size=2)
    assert json.loads((out / "manifest.json").read_text())["rules"] == batch_run.rules_fingerprint()
    monkeypatch.setattr(batch_run, "rules_fingerprint", lambda: "0" * 16)
    with pytest.raises(InputError, match="other extraction rules"):
        run_batch([str(jsonl)], out_dir=out, scheduler=cluster, partition_size=2)
