"""ACLED's names for our actors in exports (extraction/acled_names.py, data/acled_actor_names.csv)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from extraction.acled_names import acled_name
from extraction.cli import main
from extraction.lexicon import actors


@pytest.mark.parametrize(("name", "on", "expected"), [
    ("Military Forces of Syria", date(2019, 5, 1), "Military Forces of Syria (2000-)"),
    ("Military Forces of the United States", date(2016, 5, 1), "Military Forces of the United States (2009-2017)"),
    ("Military Forces of the United States", date(2019, 5, 1), "Military Forces of the United States (2017-2021)"),
    ("Military Forces of Israel", date(2020, 1, 2), "Military Forces of Israel (2009-2021)"),
    ("Islamic State", None, "Islamic State (Syria)"),
    ("SDF: Syrian Democratic Forces", date(2019, 1, 1), "QSD: Syrian Democratic Forces"),
    # a dated name needs a date; an actor without a row keeps its name
    ("Military Forces of Syria", None, "Military Forces of Syria"),
    ("Hezbollah", date(2019, 1, 1), "Hezbollah"),
    (None, date(2019, 1, 1), None),
])
def test_acled_name(name, on, expected):
    assert acled_name(name, on=on) == expected


def test_every_mapped_name_is_one_of_ours():
    from extraction.acled_names import _rows

    ours = {actor.name for actor in actors().values()}
    assert set(_rows()) <= ours


def test_cli_writes_acled_names(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Regime forces shelled the town of Kafr Nabl on Monday, killing 3 civilians.", encoding="utf-8")
    assert main([str(article), "--format", "csv", "--published", "2019-05-06", "--acled-names"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["actor1"] == "Military Forces of Syria (2000-)"
    assert rows[0]["actor2"] == "Civilians (Syria)"


def test_acled_names_without_csv_is_refused_with_a_message(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Regime forces shelled Kafr Nabl on Monday.", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main([str(article), "--acled-names"])
    assert stop.value.code == 2
    assert "--acled-names applies to --format csv" in capsys.readouterr().err
