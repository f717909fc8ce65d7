"""ACLED exports imported next to the extracted events: any layout, idempotent, bad rows reported by line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dashboard.import_acled import ID_PREFIX, SOURCE, import_acled, is_acled, main, parse
from dashboard.store import open_store
from gazetteer.errors import InputError
from tests.conftest import EVAL_DIR

NEW_LAYOUT = """event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,\
actor2,assoc_actor_2,inter2,interaction,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,notes,\
fatalities
SYR900,05 March 2019,2019,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),,8,\
Civilians (Syria),,7,78,Syria,Idlib,Maarrat an Nu'man,Maarrat an Nu'man,Maarrat an Nu'man,35.6452,36.6712,1,SOHR,\
"Russian warplanes struck Maarrat an Nu'man, killing 4 civilians.",4
SYR901,2019-03-06,2019,1,Battles,Armed clash,Military Forces of Syria (2000-),,1,Hayat Tahrir al Sham,,2,12,Syria,Hama,\
Al-Suqaylabiyah,,Kafr Nabuda,35.4167,36.4833,2,Syrian Observatory,Clashes in Kafr Nabuda.,0
"""
OLD_LAYOUT = """EVENT_ID_CNTY,EVENT_DATE,EVENT_TYPE,ACTOR1,ACTOR2,ADMIN1,LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,SOURCE,\
NOTES,FATALITIES
SYR12,29-Apr-16,Remote violence,Military Forces of Syria (2000-),,Aleppo,Aleppo,36.2021,37.1343,1,AFP,Barrel bombs on \
Aleppo.,20
SYR13,30-Apr-16,Battle-Non-state actor overtakes territory,Islamic State (Syria),,Homs,Qaryatein,34.2333,37.2333,1,\
Reuters,IS took Qaryatein.,
"""


def test_a_new_layout_export_becomes_acled_events_with_our_actor_names_and_its_own_fields() -> None:
    store = open_store()
    report = import_acled(store, NEW_LAYOUT.encode())
    assert (report.added, report.updated, report.unchanged, report.refused) == (2, 0, 0, ())
    frame = store.events_frame().sort_values("event_id")
    assert frame["event_id"].tolist() == ["acled-SYR900", "acled-SYR901"]
    first = store.events_for_article("acled-SYR900")[0]
    assert (first.event_date, first.actor1, first.actor2, first.fatalities, first.source) == (
        date(2019, 3, 5), "Military Forces of Russia", "Civilians", 4, "SOHR")
    assert (first.latitude, first.longitude, first.geo_precision, first.inter1, first.admin2) == (
        35.6452, 36.6712, 1, 8, "Maarrat an Nu'man")
    assert first.notes == "Russian warplanes struck Maarrat an Nu'man, killing 4 civilians."
    article = store.get_article("acled-SYR900")
    assert article.source == SOURCE and article.text[first.sentence_start:first.sentence_end] == first.notes
    assert is_acled(first.event_id) and not is_acled("e0001")
    assert store.history("acled-SYR900")[0].kind == "imported"


def test_an_old_layout_export_is_mapped_to_the_current_typology() -> None:
    store = open_store()
    assert import_acled(store, OLD_LAYOUT.encode()).added == 2
    barrels = store.events_for_article(ID_PREFIX + "SYR12")[0]
    taken = store.events_for_article(ID_PREFIX + "SYR13")[0]
    assert (barrels.event_type, barrels.sub_event_type, barrels.event_date) == (
        "Explosions/Remote violence", "", date(2016, 4, 29))
    assert (taken.event_type, taken.sub_event_type, taken.actor1, taken.fatalities) == (
        "Battles", "Non-state actor overtakes territory", "Islamic State", None)


def test_importing_again_changes_nothing_and_a_revised_event_becomes_a_new_version() -> None:
    store = open_store()
    import_acled(store, NEW_LAYOUT.encode())
    again = import_acled(store, NEW_LAYOUT.encode())
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert store.count_events() == 2 and store.count_articles() == 2
    revised = NEW_LAYOUT.replace("killing 4 civilians.\",4", "killing 4 civilians.\",6")
    report = import_acled(store, revised.encode())
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    assert store.events_for_article("acled-SYR900")[0].fatalities == 6
    assert [(v.version, v.kind) for v in store.history("acled-SYR900")] == [(1, "imported"), (2, "imported")]
    assert store.events_at_version("acled-SYR900", 1)[0].fatalities == 4  # the earlier figure kept


def test_bad_rows_are_reported_by_line_and_the_rest_imported() -> None:
    bad = NEW_LAYOUT + "\n".join([
        "SYR902,,2019,1,Battles,Armed clash,A,,1,B,,2,12,Syria,Hama,,,X,35.1,36.1,1,S,no date,0",
        "SYR903,07 March 2019,2019,1,Battles,Armed clash,A,,1,B,,2,12,Syria,Hama,,,X,135.1,36.1,1,S,far north,0",
        "SYR904,07 March 2019,2019,1,Battles,Armed clash,A,,1,B,,2,12,Syria,Hama,,,X,35.1,36.1,1,S,many,2147483648",
        "SYR900,07 March 2019,2019,1,Battles,Armed clash,A,,1,B,,2,12,Syria,Hama,,,X,35.1,36.1,1,S,again,0",
        "SYR905,07 March 2019,2019,1,Parade,,A,,1,B,,2,12,Syria,Hama,,,X,35.1,36.1,1,S,a parade,0",
    ]) + "\n"
    report = import_acled(open_store(), bad.encode())
    assert report.added == 2
    assert report.refused == (
        "line 4: event_date '' is not a date ACLED writes (such as 02 January 2017, 29-Apr-20 or 2017-01-02)",
        "line 5: latitude 135.1 is outside -90..90",
        "line 6: fatalities '2147483648' is not a whole number from 0 to 100,000",
        "line 7: event SYR900 appears twice in the file",
        "line 8: event_type 'Parade' is not one of ACLED's",
    )


@pytest.mark.parametrize(("data", "message"), [
    (b"", "the file is empty"),
    (b"title,text\nx,y\n", "not an ACLED export: the header has no event_date, event_type, event_id_cnty"),
    (b"\x00\x01PK\x03\x04", "binary"),
])
def test_a_file_that_is_not_an_acled_export_is_refused_with_the_reason(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse(data)


def test_the_command_line_says_what_it_did(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(NEW_LAYOUT, encoding="utf-8")
    assert main([str(path)]) == 0
    assert capsys.readouterr().out == "2 ACLED events added, 0 updated (a new version each), 0 unchanged.\n"
    assert main([str(tmp_path / "missing.csv")]) == 1
    assert "there is no file" in capsys.readouterr().err


def test_the_dev_export_imports_all_its_events_once() -> None:
    csv_path = EVAL_DIR / "acled_syria_dev.csv"
    if not csv_path.is_file():
        pytest.skip("../shared/eval/acled_syria_dev.csv is not present on this machine")
    store = open_store()
    first = import_acled(store, csv_path.read_bytes())
    assert (first.added, first.refused) == (933, ())
    second = import_acled(store, csv_path.read_bytes())
    assert (second.added, second.updated, second.unchanged) == (0, 0, 933)
    assert store.count_events() == 933


def test_an_editor_imports_an_export_on_the_articles_page_and_a_bad_file_is_a_message(monkeypatch) -> None:  # noqa: ANN001
    from streamlit.testing.v1 import AppTest

    from dashboard import state
    from tests.dashboard.conftest import APP

    monkeypatch.setenv("CONFLICT_MAP_MODE", "local")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/articles.py")
    at.run()
    at.get("file_uploader")[0].set_value(("acled.csv", NEW_LAYOUT.encode(), "text/csv"))
    at.button(key=state.ART_ACLED_IMPORT).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    from tests.dashboard.conftest import literal

    assert [literal(s.value) for s in at.success] == ["2 ACLED events added, 0 updated (a new version each), 0 unchanged."]
    assert open_store().events_for_article("acled-SYR900")[0].fatalities == 4
    at.get("file_uploader")[0].set_value(("notes.csv", b"title,text\nx,y\n", "text/csv"))
    at.button(key=state.ART_ACLED_IMPORT).click()
    at.run()
    assert [literal(e.value) for e in at.error] == [
        "Nothing was imported: this is not an ACLED export: the header has no event_date, event_type, event_id_cnty"]
