"""One absurd number must never take the dashboard down: bounded where it enters, tolerated where it is read.

Inputs of my own, not a probe's: tolls far beyond any one event, beyond 32 and 64 bits, scaled statistics.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pandas as pd
import pytest

from dashboard import review
from dashboard.store import open_store
from extraction.records import MAX_EVENT_FATALITIES, Article
from gazetteer.errors import InputError
from tests.store_fixtures import make_article, make_event


@pytest.mark.parametrize("toll", [MAX_EVENT_FATALITIES + 1, 2**31, 3_000_000_000, 10**20, -5])
def test_the_store_refuses_a_toll_no_event_can_have_and_saves_nothing(tmp_path, toll: int) -> None:  # noqa: ANN001
    store = open_store(tmp_path / "events.sqlite3")
    article, events = make_article("x", n_events=2)
    with pytest.raises(InputError, match="outside 0"):
        store.save_article(article, [events[0], make_event(article.article_id, 1, fatalities=toll)])
    assert store.count_events() == 0 and store.find_stored(article) is None


@pytest.mark.parametrize("toll", [2**31, 3_000_000_000, 2**62 + 3])
def test_a_store_that_already_holds_one_still_loads_and_the_article_can_be_deleted(tmp_path, toll: int) -> None:  # noqa: ANN001
    """A store written before the bounds existed: the value reads as missing, never wraps, never stops a page."""
    path = tmp_path / "events.sqlite3"
    store = open_store(path)
    article, events = make_article("y", n_events=3)
    store.save_article(article, events)
    with sqlite3.connect(path) as conn:  # what an older version let in
        conn.execute("UPDATE events SET fatalities = ? WHERE event_id = ?", (toll, events[1].event_id))
    frame = store.events_frame()
    assert [e.fatalities for e in events] == [None, 1, 2]
    # events[1]'s stored toll reads as missing (never wrapped round to a negative number); the others as saved
    assert frame["fatalities"].tolist() == [pd.NA, pd.NA, 2]
    store.delete_article(article.article_id)
    assert store.count_events() == 0


def test_the_review_table_drops_an_impossible_toll_instead_of_saving_it() -> None:
    article = Article(text="Shelling hit Idlib.").with_id()
    events = [make_event(article.article_id, 1)]
    out = review.apply_edits(events, {"edited_rows": {0: {"fatalities": "3000000000"}}}, article=article)
    assert out[0].fatalities is None
    out = review.apply_edits(events, {"edited_rows": {0: {"fatalities": "inf", "latitude": "nan"}}}, article=article)
    assert out[0].fatalities is None and out[0].latitude is None


@pytest.mark.parametrize(
    "text",
    [
        "Government shelling killed 2,147,483,648 people in Aleppo on Monday.",
        "Government shelling killed 2.5 million people in Aleppo on Monday.",
        "Air strikes killed 123456789012345678901 people in Idlib on Monday.",
    ],
)
def test_the_extractor_keeps_the_words_of_a_toll_too_large_for_one_event_but_no_number(text: str) -> None:
    from extraction import extract_article
    from gazetteer import Gazetteer

    events = extract_article(Article(text=text, published=date(2016, 3, 9)),
                             gazetteer=Gazetteer.default(online=False)).events
    (event,) = events
    assert event.fatalities is None
    assert event.fatalities_text.endswith(" (too large for one event)") and event.fatalities_text.startswith("killed ")


def test_the_fast_reader_of_large_stores_never_wraps_a_stored_toll(tmp_path) -> None:  # noqa: ANN001
    from dashboard.store.rows import frame_via_arrow

    path = tmp_path / "events.sqlite3"
    store = open_store(path)
    article, events = make_article("z", n_events=3)
    store.save_article(article, events)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET fatalities = ? WHERE event_id = ?", (3_000_000_000, events[1].event_id))
    frame = frame_via_arrow(str(path))
    if frame is None:
        pytest.skip("the ADBC SQLite driver is not installed: the fast path is not used here")
    assert frame["fatalities"].tolist() == [pd.NA, pd.NA, 2]  # events[0] has no toll; the stored one reads as missing


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # centuries before the war, or after the article was published: the publication day, said to be unsure
        ("Government forces shelled Aleppo 99999 days ago, killing 3.", [(date(2016, 3, 9), 3)]),
        ("On 30 April 2016 government forces shelled Aleppo, killing 3.", [(date(2016, 3, 9), 3)]),
        ("In 1998 government forces shelled Aleppo, killing 3.", []),  # a year long before publication: history
    ],
)
def test_a_date_no_event_of_the_article_can_have_is_not_kept(text: str, kept: list) -> None:
    from extraction import extract_article
    from gazetteer import Gazetteer

    events = extract_article(Article(text=text, published=date(2016, 3, 9)),
                             gazetteer=Gazetteer.default(online=False)).events
    assert [(e.event_date, e.time_precision) for e in events] == kept


def test_sentence_starts_are_set_on_the_tokens_in_one_pass_and_an_overlong_text_is_refused() -> None:
    """The tokens carry the splitter's sentence starts (for a parser run after us); a text over the limit is
    refused with a message, not spaCy's ValueError.  (Speed against length: scripts/bench_long_text.py.)"""
    from extraction.pipeline import Pipeline
    from extraction.readers.text import MAX_TEXT_CHARS
    from gazetteer import Gazetteer

    pipeline = Pipeline(gazetteer=Gazetteer.default(online=False))
    doc = pipeline.process("First sentence here. Second one follows.\nA headline line")
    assert [s.text.strip() for s in doc.sents] == ["First sentence here.", "Second one follows.", "A headline line"]
    with pytest.raises(InputError, match="at most"):
        pipeline.process("Shelling hit Idlib. " * (MAX_TEXT_CHARS // 20 + 1))


LONG_REPORT = ("Government forces shelled the town of Saraqib in Idlib province on Monday, killing four civilians. "
               "Russian war planes also bombed rebel positions in Maarat al-Numan, activists said. ") * 250


def test_a_long_extraction_tells_its_progress_and_ends_with_the_same_events() -> None:
    from extraction.pipeline import Pipeline
    from gazetteer import Gazetteer

    pipeline = Pipeline(gazetteer=Gazetteer.default(online=False))
    article = Article(text=LONG_REPORT, published=date(2015, 12, 8))
    told: list[tuple[float, str]] = []
    watched = pipeline.extract(article, progress=lambda done, stage: told.append((done, stage)))
    shares = [done for done, _ in told]
    assert shares == sorted(shares) and shares[0] == 0.0 and told[-1] == (1.0, "done")
    assert 50 <= len(told) <= 102  # about every 1%, not once per sentence (500 sentences)
    assert any(stage == "sentence 1 of 500" for _, stage in told)
    assert [e.event_id for e in watched.events] == [e.event_id for e in pipeline.extract(article).events]
    assert {e.location for e in watched.events} == {"Saraqab", "Ma'arrat An Nu'man"}  # gazetteer spellings


def test_an_extraction_past_its_time_limit_stops_with_a_message_saying_how_far_it_got() -> None:
    import time

    from extraction.pipeline import Pipeline
    from gazetteer import Gazetteer
    from gazetteer.errors import TimeLimitExceeded

    pipeline = Pipeline(gazetteer=Gazetteer.default(online=False))
    told: list[float] = []

    def slow(done: float, stage: str) -> None:  # each report costs 20 ms: the limit is reached partway
        told.append(done)
        time.sleep(0.02)

    with pytest.raises(TimeLimitExceeded, match=r"stopped after 0.1 seconds, \d+% of the way through a text of "
                                                r"45,500 characters \((reading the text|sentence [\d,]+ of 500)\)"):
        pipeline.extract(Article(text=LONG_REPORT, published=date(2015, 12, 8)), progress=slow, time_limit=0.1)
    assert 0 < max(told) < 1.0
    assert isinstance(TimeLimitExceeded("x"), InputError)  # pages show it as a message, like any bad input


@pytest.mark.parametrize("raw, expected", [("", 120.0), ("45", 45.0), ("1", 1.0), ("0", None), ("-5", None),
                                           ("ten", None), ("nan", None), ("99999", None)])
def test_the_pages_time_limit_setting_is_checked(monkeypatch: pytest.MonkeyPatch, raw: str, expected: float | None) -> None:
    from dashboard import reviewing
    from gazetteer.errors import ConfigurationError

    monkeypatch.setenv("CONFLICT_MAP_EXTRACT_SECONDS", raw)
    if expected is None:
        with pytest.raises(ConfigurationError, match="CONFLICT_MAP_EXTRACT_SECONDS .* from 1 to 3600"):
            reviewing.time_limit()
    else:
        assert reviewing.time_limit() == expected


def test_backup_into_a_missing_directory_or_failing_midway_leaves_nothing_and_says_why(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from gazetteer.errors import StoreError, storage_cause

    store = open_store(tmp_path / "events.sqlite3")
    store.save_article(*make_article("b", n_events=2))
    with pytest.raises(StoreError, match="does not exist"):
        store.backup(tmp_path / "no-such-dir" / "b.sqlite3")

    import errno
    from pathlib import Path

    def full_disk(self, target):  # noqa: ANN001 - the last step of the backup fails as on a full disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "rename", full_disk)
    with pytest.raises(StoreError, match="the disk is full"):
        store.backup(tmp_path / "b.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".b", "b."))) == []  # no debris
    assert storage_cause(PermissionError(13, "Permission denied")).startswith("permission denied")


def test_restore_refuses_an_empty_file_and_leaves_the_store_as_it_was(tmp_path) -> None:  # noqa: ANN001
    from dashboard.store.admin import restore
    from gazetteer.errors import StoreError

    target = tmp_path / "events.sqlite3"
    store = open_store(target)
    store.save_article(*make_article("r", n_events=2))
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="empty"):
        restore(empty, target=target)
    assert open_store(target).count_events() == 2
    assert not list(tmp_path.glob(".*restoring"))


def test_refusals_say_what_is_actually_wrong() -> None:
    from extraction.readers import read_bytes

    deep = b"<html><body>" + b"<div>" * 200_000 + b"Rebels shelled Aleppo on Monday, killing two." + b"</div>" * 200_000
    with pytest.raises(InputError, match="nests its elements too deeply"):
        read_bytes(deep + b"</body></html>", filename="deep.html")
    with pytest.raises(InputError, match="only markup"):
        read_bytes(b"<html><body><script>var a = 1;</script><img src=x></body></html>", filename="empty.html")
    # One stray NUL is a copy-paste accident, not a binary file; the same bytes through any path read alike.
    article = read_bytes(b"Rebels shelled Aleppo\x00 on Monday, killing two.", filename="nul.txt")
    assert article.text == "Rebels shelled Aleppo on Monday, killing two."
    with pytest.raises(InputError, match="binary file"):
        read_bytes(b"\x00\x01\x02\x00" * 500 + b"text", filename="blob.txt")


@pytest.mark.parametrize(
    ("text", "fatalities", "precision"),
    [
        ("On February 30 government forces shelled Aleppo, killing 3.", 3, 3),  # a day that is no day: unsure
        ("On 31 April government forces shelled Aleppo, killing 3.", 3, 3),
        ("Government shelling killed 10^400 people in Aleppo on Monday.", None, 1),  # an exponent is no head count
        ("On February 3 government forces shelled Aleppo, killing 3.", 3, 1),
    ],
)
def test_impossible_days_and_exponents_are_not_read_as_facts(text: str, fatalities, precision: int) -> None:  # noqa: ANN001
    from extraction import extract_article
    from gazetteer import Gazetteer

    events = extract_article(Article(text=text, published=date(2016, 3, 9)), gazetteer=Gazetteer.default(online=False)).events
    assert events and (events[0].fatalities, events[0].time_precision) == (fatalities, precision)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 - a switch: full_disk() turns it on
    """SQLite's own full-disk condition: every connection opened after the switch may not grow its file
    (PRAGMA max_page_count = the pages it has), so a write that needs a page fails with SQLITE_FULL and SQLite
    rolls the transaction back by itself - as on a real full disk."""
    real_connect = sqlite3.connect
    on = {"full": False}

    def connect(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        conn = real_connect(*args, **kwargs)
        if on["full"]:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    return lambda: on.update(full=True)


def test_on_a_full_disk_save_and_delete_name_the_cause_and_the_store_stays_whole(tmp_path, full_disk) -> None:  # noqa: ANN001
    from gazetteer.errors import StoreError

    store = open_store(tmp_path / "events.sqlite3")
    kept_article, kept_events = make_article("kept", n_events=3)
    store.save_article(kept_article, kept_events)
    full_disk()
    big, big_events = make_article("big", n_events=400)
    with pytest.raises(StoreError, match=r"^Nothing was saved: the disk is full \(database or disk is full\)"):
        store.save_article(big, big_events)
    with pytest.raises(StoreError, match=r"^Nothing was saved: the disk is full"):
        for _ in range(50):  # a delete records a version: it needs pages too, sooner or later
            store.delete_article(kept_article.article_id)
            store.save_article(kept_article, kept_events)
    store = open_store(tmp_path / "events.sqlite3")
    assert [a.article_id for a in store.list_articles()] == [kept_article.article_id]
    assert len(store.events_for_article(kept_article.article_id)) == 3
    assert store.integrity_check() == ["ok"]


def test_on_a_full_disk_adding_a_place_names_the_cause_and_the_gazetteer_keeps_what_it_had(tmp_path, full_disk) -> None:  # noqa: ANN001
    from gazetteer import Gazetteer
    from gazetteer.errors import StoreError

    gazetteer = Gazetteer.default(data_dir=tmp_path, online=False)
    gazetteer.add_place("Tell Kharnub", latitude=35.5, longitude=37.1, admin1="Hama")
    full_disk()
    with pytest.raises(StoreError, match=r"was not changed: the disk is full \(database or disk is full\)"):
        for number in range(2000):  # the first page fills up, then the next write needs a new one
            gazetteer.add_place(f"Tell Kharnub {number} " + "x" * 150, latitude=35.5, longitude=37.1, admin1="Hama")
    fresh = Gazetteer.default(data_dir=tmp_path, online=False)
    assert fresh.resolve("Tell Kharnub").place.source == "user"


def test_restore_onto_a_full_disk_leaves_no_partial_copy_and_the_store_untouched(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import errno
    import shutil

    from dashboard.store.admin import restore
    from gazetteer.errors import StoreError

    backup_store = open_store(tmp_path / "backup.sqlite3")
    backup_store.save_article(*make_article("in-backup", n_events=2))
    target = tmp_path / "data" / "events.sqlite3"
    target.parent.mkdir()
    live = open_store(target)
    live.save_article(*make_article("live", n_events=1))
    real_copy = shutil.copyfile

    def copy_until_full(src, dst, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - half written, then ENOSPC
        with open(src, "rb") as source, open(dst, "wb") as out:
            out.write(source.read()[:4096])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", copy_until_full)
    with pytest.raises(StoreError, match=r"failed: the disk is full .* The current store is untouched"):
        restore(tmp_path / "backup.sqlite3", target=target)
    assert sorted(p.name for p in target.parent.iterdir() if "restoring" in p.name) == []
    monkeypatch.setattr(shutil, "copyfile", real_copy)
    assert [a.article_id for a in open_store(target).list_articles()] == [make_article("live", n_events=1)[0].article_id]
