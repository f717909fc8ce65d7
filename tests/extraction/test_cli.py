"""The command-line contract: files, stdin, --jsonl batches, jsonl/csv output, errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from tests.extraction.conftest import SEED

ROOT = Path(__file__).resolve().parents[2]
# What one event line of the JSON output holds (the records.Event fields, mentions included).
EVENT_KEYS = {
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "fatalities_text", "notes", "source",
    "source_url", "article_id", "location_text", "location_source", "sentence_start", "sentence_end", "confidence",
    "mentions",
}
# (date, place as written) of the seed's events (tests/extraction/test_seed.py lists them in full)
SEED_DATES_AND_PLACES = [("2015-12-02", "Jariz"), ("2015-12-02", "Jariz"), ("2015-12-02", "Kafra"), ("2015-12-02", "Jibrin"),
                         ("2015-12-02", "al-Latamina"), ("2015-12-02", "al-Soura"), ("2015-12-02", "Duma"), ("2015-09-30", None)]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extraction", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_file_to_jsonl():
    done = run(str(SEED), "--published", "2015-12-02")
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(e["event_date"], e["location_text"]) for e in events] == SEED_DATES_AND_PLACES
    assert [set(e) for e in events] == [EVENT_KEYS] * len(SEED_DATES_AND_PLACES)


def test_stdin_and_csv():
    done = run("-", "--published", "2020-05-06", "--format", "csv", stdin="Regime forces shelled Kafr Nabl on Monday, killing 3 civilians.\n")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 1
    row = rows[0]
    assert row["event_id_cnty"] and row["sub_event_type"] == "Shelling/artillery/missile attack"
    assert row["fatalities"] == "3" and row["event_date"] == "2020-05-04" and row["interaction"] == "17"


def test_jsonl_batch_keeps_ids_and_reports_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "IS fighters attacked regime positions in Palmyra.", "published": "2017-03-02"}),
        "this is not json",
        json.dumps({"id": "a3", "text": ""}),
        json.dumps({"id": "a4", "text": "Rebels clashed with regime forces in Idlib.", "published": "2019-05-01", "source": "SOHR"}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run("--jsonl", str(path))
    assert done.returncode == 1
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(e["article_id"], e["source"], e["sub_event_type"]) for e in events] == [
        ("a1", "", "Armed clash"), ("a4", "SOHR", "Armed clash")]
    assert f"{path}:2:" in done.stderr and f"{path}:3:" in done.stderr
    assert ":1:" not in done.stderr and ":4:" not in done.stderr


def test_missing_file_is_a_clear_error(tmp_path):
    done = run(str(tmp_path / "nope.txt"))
    assert done.returncode == 1
    assert "nope.txt" in done.stderr and "Traceback" not in done.stderr


def test_bad_date_option():
    done = run(str(SEED), "--published", "02/12/2015")
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr


def test_python_api_and_spans():
    from datetime import date

    from extraction import extract_text

    result = extract_text("Regime forces shelled Kafr Nabl on Monday, killing 3 civilians.", published=date(2020, 5, 6), article_id="x")
    assert result.article.article_id == "x"
    assert [(s.label, s.text) for s in result.spans] == [
        ("ACTOR", "Regime forces"), ("TRIGGER", "shelled"), ("PLACE", "Kafr Nabl"), ("DATE", "Monday"),
        ("TRIGGER", "killing"), ("FATALITIES", "killing 3"), ("ACTOR", "civilians")]
    for span in result.spans:
        assert result.article.text[span.start : span.end] == span.text


def test_missing_spacy_model_is_a_configuration_error():
    import pytest

    from extraction.pipeline import Pipeline
    from extraction.settings import ExtractionSettings
    from gazetteer.errors import ConfigurationError

    with pytest.raises(ConfigurationError):
        Pipeline(settings=ExtractionSettings(spacy_model="no_such_model_xyz")).process("Shelling hit Douma.")
    with pytest.raises(ConfigurationError):
        ExtractionSettings(unquantified_fatalities="sometimes")


def test_evaluator_runs_on_a_few_rows(eval_dir, capsys):
    from extraction.evaluate.__main__ import main

    assert main(["--eval-dir", str(eval_dir), "--limit", "30"]) == 0
    out = capsys.readouterr().out
    assert "required events found" in out and "event type right" in out and "event place chosen right" in out


def test_non_english_article_warns_but_is_not_a_failure():
    arabic = ROOT / "tests" / "bad_inputs" / "arabic.txt"
    done = run(str(arabic), str(SEED))
    assert done.returncode == 0, done.stderr
    assert f"{arabic}: warning:" in done.stderr and "English" in done.stderr
    assert str(SEED) not in done.stderr  # the English article gets no warning
    assert len(done.stdout.splitlines()) == len(SEED_DATES_AND_PLACES)  # and still gives its events


def test_a_batch_reports_undecodable_and_mistyped_lines_by_number_and_processes_the_rest(tmp_path):
    batch = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "g1", "text": "Russian jets bombed Kafr Nabl on Monday.", "published": "2016-02-01"})
    batch.write_bytes(
        good.encode() + b"\n"
        + b'{"id": "bad", "text": "caf\xe9 \xff shelling"}\n'  # not UTF-8
        + json.dumps({"id": "n", "text": "Shelling hit Idlib.", "published": 20160201}).encode() + b"\n"
        + json.dumps({"id": "g2", "text": "Clashes broke out in Saraqib on Sunday.", "published": "2016-02-01"}).encode() + b"\n"
    )
    done = subprocess.run([sys.executable, "-m", "extraction", "--jsonl", str(batch)], capture_output=True,
                          cwd=ROOT, timeout=120)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1 and "Traceback" not in err
    assert f"{batch}:2: not UTF-8 text" in err and f'{batch}:3: "published" must be a string' in err
    ids = {json.loads(line)["article_id"] for line in out.splitlines()}
    assert ids == {"g1", "g2"}  # the lines before and after the bad ones


def test_stdin_that_is_not_utf8_is_a_message_not_a_traceback():
    done = subprocess.run([sys.executable, "-m", "extraction", "-"], input=b"Shelling \xff\xfe hit \x00 Idlib.",
                          capture_output=True, cwd=ROOT, timeout=120)
    assert "Traceback" not in done.stderr.decode() and done.returncode == 1
    assert done.stderr.decode().startswith("-: The file is not valid UTF-8 text: byte 0xFF at position 9")
    assert done.stdout == b""


def test_cli_csv_neutralises_formula_cells_like_the_dashboard():
    done = run("-", "--format", "csv", stdin='=HYPERLINK("http://x") Russian jets bombed Kafr Nabl on Monday.')
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["notes"] for r in rows] == ["'=HYPERLINK(\"http://x\") Russian jets bombed Kafr Nabl on Monday."]
