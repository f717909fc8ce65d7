"""Versions of an article's events: a saved review is never overwritten, every version can be read,
compared and restored, editors cannot overwrite each other unknowingly, and stores written before
versions existed are migrated without losing anything."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from dashboard.store import migrations
from dashboard.store.backend import from_url
from dashboard.store import EventStore, open_store
from dashboard.store.rows import decode_snapshot, encode_snapshot, normalise_events
from dashboard.store.versions import FieldChange
from extraction.records import Article, Event, Mention
from gazetteer.errors import InputError, StoreError
from tests import store_legacy
from tests.store_fixtures import make_article, make_event

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "store"


@pytest.fixture
def store(store_url: str) -> EventStore:
    return open_store(store_url)


def current_matches_latest_version(store: EventStore) -> list[str]:
    """The invariant every write keeps: an article's current events are exactly its newest version."""
    problems = []
    for info in store.list_articles():
        history = store.history(info.article_id)
        if [v.version for v in history] != list(range(1, len(history) + 1)):
            problems.append(f"{info.article_id}: versions {[v.version for v in history]} are not 1..n")
        elif store.events_at_version(info.article_id, history[-1].version) != store.events_for_article(info.article_id):
            problems.append(f"{info.article_id}: current events differ from version {history[-1].version}")
    return problems


# -- saving: version 1, and a second save of the same text -------------------------------------


def test_first_save_is_version_one_with_who_when_and_what(store) -> None:
    article, events = make_article("v1", n_events=3)
    saved = store.save_article(article, events, editor="ana@example.org", kind="reviewed", note="checked places")
    assert (saved.created, saved.version, saved.new_version, saved.events_saved) == (True, 1, True, 3)
    [v1] = store.history(article.article_id)
    assert (v1.version, v1.editor, v1.kind, v1.note, v1.n_events, v1.restored_from) == (
        1, "ana@example.org", "reviewed", "checked places", 3, None)
    assert v1.saved_at == store.list_articles()[0].saved_at and v1.saved_at.endswith("+00:00")
    assert store.events_at_version(article.article_id, 1) == events == store.events_for_article(article.article_id)


def test_a_program_save_is_recorded_as_extracted_by_local(store) -> None:
    article, events = make_article("plain", n_events=1)
    store.save_article(article, events)
    [v1] = store.history(article.article_id)
    assert (v1.editor, v1.kind) == ("local", "extracted")


def test_a_version_holds_exactly_what_the_tables_give_back(store) -> None:
    """Mentions filled in, repeated ones dropped, both in the order reads use: restoring is exact."""
    article, events = make_article("norm", n_events=3)
    other, _ = make_article("cited", n_events=0)
    store.save_article(other, [])
    messy = [
        dataclasses.replace(events[2], mentions=()),  # no mention: the store adds the event's own sentence
        dataclasses.replace(events[0], article_id="stale-id", mentions=(
            Mention(other.article_id, "the other report", 50, 70),
            events[0].mentions[0],
            Mention("", "its own sentence again", events[0].sentence_start, 5),  # same place: kept once
        )),
        events[1],
    ]
    store.save_article(article, messy)
    stored = store.events_for_article(article.article_id)
    assert store.events_at_version(article.article_id, 1) == stored == normalise_events(article.article_id, messy)
    assert [e.event_id for e in stored] == [e.event_id for e in events]
    assert stored[0].article_id == article.article_id and len(stored[0].mentions) == 2
    assert stored[2].mentions == (Mention(article.article_id, events[2].notes, events[2].sentence_start,
                                          events[2].sentence_end),)


def test_second_upload_of_the_same_text_is_found_before_extraction(store) -> None:
    article, events = make_article("again", n_events=4)
    assert store.find_stored(article.text) is None
    store.save_article(article, events, editor="ana", kind="reviewed")
    store.update_events(article.article_id, events[:3], editor="ben", note="one duplicate removed")
    found = store.find_stored(Article(text=article.text))  # a fresh upload: no id, no title yet
    assert found is not None and found == store.find_stored(article.text)
    assert (found.article_id, found.title, found.saved_by, found.n_events, found.version, found.last_kind,
            found.last_editor) == (article.article_id, article.title, "ana", 3, 2, "edited", "ben")
    assert found.saved_at == store.list_articles()[0].saved_at <= found.last_saved_at
    assert store.find_stored(article.text + " ") is None  # another text is another article
    with pytest.raises(InputError):
        store.find_stored(None)  # type: ignore[arg-type]


def test_second_save_with_other_events_is_refused_and_changes_nothing(store) -> None:
    article, events = make_article("reviewed", n_events=5)
    store.save_article(article, events, editor="ana", kind="reviewed")
    before = (store.data_version(), store.history(article.article_id))
    re_extracted = [dataclasses.replace(e, fatalities=None) for e in events[:2]]
    with pytest.raises(StoreError) as refused:
        store.save_article(Article(text=article.text), re_extracted, editor="ben")
    message = str(refused.value)
    for part in ("already stored", article.title, "5 event(s)", "version 1", "reviewed by ana", "Nothing was saved",
                 "Articles page", "replace_events=True"):
        assert part in message, part
    assert store.events_for_article(article.article_id) == events
    assert store.history(article.article_id) == before[1]
    assert store.data_version() == before[0]  # the refused transaction was rolled back


def test_second_save_with_the_same_events_is_a_harmless_repeat(store) -> None:
    article, events = make_article("click", n_events=2)
    store.save_article(article, events, kind="reviewed")
    again = store.save_article(article, list(reversed(events)), kind="reviewed")  # order does not matter
    assert (again.created, again.new_version, again.version, again.events_saved) == (False, False, 1, 0)
    assert len(store.history(article.article_id)) == 1


def test_replace_events_makes_a_new_version_and_keeps_the_old_one(store) -> None:
    article, events = make_article("replace", n_events=3)
    store.save_article(article, events, editor="ana", kind="reviewed")
    fresh = [dataclasses.replace(e, confidence=0.5) for e in events]
    result = store.save_article(article, fresh, editor="ben", replace_events=True)
    assert (result.created, result.version, result.new_version) == (False, 2, True)
    assert [(v.version, v.kind, v.editor) for v in store.history(article.article_id)] == [
        (1, "reviewed", "ana"), (2, "re-extracted", "ben")]
    assert store.events_at_version(article.article_id, 1) == events
    assert store.events_for_article(article.article_id) == fresh


# -- editing: versions, and two editors at once ---------------------------------------------------


def test_each_edit_is_a_new_version_adding_and_removing_events(store) -> None:
    article, events = make_article("edits", n_events=3)
    store.save_article(article, events)
    added = events + [make_event(article.article_id, 7)]
    assert store.update_events(article.article_id, added, editor="ana").version == 2
    assert store.update_events(article.article_id, added[1:], editor="ana", note="not an event").version == 3
    unchanged = store.update_events(article.article_id, added[1:], editor="ben", kind="reviewed", note="looks right")
    assert (unchanged.version, unchanged.new_version) == (4, True)  # a review that changes nothing is recorded too
    assert [(v.version, v.kind, v.n_events) for v in store.history(article.article_id)] == [
        (1, "extracted", 3), (2, "edited", 4), (3, "edited", 3), (4, "reviewed", 3)]
    assert current_matches_latest_version(store) == []


def test_an_edit_based_on_an_old_version_is_refused_and_writes_nothing(store) -> None:
    article, events = make_article("race", n_events=3)
    store.save_article(article, events, editor="ana")
    opened = store.find_stored(article.text).version  # both editors open version 1
    store.update_events(article.article_id, events[:2], editor="ana", expected_version=opened)
    before = store.data_version()
    with pytest.raises(StoreError) as refused:
        store.update_events(article.article_id, events[1:], editor="ben", expected_version=opened)
    assert "version 2 by ana" in str(refused.value) and "not version 1" in str(refused.value)
    assert "nothing was saved" in str(refused.value)
    assert store.events_for_article(article.article_id) == events[:2]
    assert [v.version for v in store.history(article.article_id)] == [1, 2]
    assert store.data_version() == before
    # Ben reloads version 2 and applies his change again: accepted.
    assert store.update_events(article.article_id, events[1:2], editor="ben", expected_version=2).version == 3


@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda s, aid: s.update_events(aid, [], editor=" "), InputError, "editor"),
    (lambda s, aid: s.update_events(aid, [], editor="ana", kind="restored"), InputError, "kind"),
    (lambda s, aid: s.update_events(aid, [], editor="ana", kind="deleted"), InputError, "kind"),
    (lambda s, aid: s.update_events(aid, [], editor="x" * 201), InputError, "200"),
    (lambda s, aid: s.update_events(aid, [], editor="ana", note="n" * 2001), InputError, "note"),
    (lambda s, aid: s.update_events(aid, [], editor="ana", expected_version=0), InputError, "whole number"),
    (lambda s, aid: s.save_article(s.get_article(aid), [], kind="typo"), InputError, "kind"),
    (lambda s, aid: s.events_at_version(aid, 0), InputError, "whole number"),
    (lambda s, aid: s.events_at_version(aid, True), InputError, "whole number"),
    (lambda s, aid: s.events_at_version(aid, 7), StoreError, "versions are 1 to 1"),
    (lambda s, aid: s.events_at_version("nope", 1), StoreError, "no saved versions"),
    (lambda s, aid: s.version_diff(aid, 1, 2), StoreError, "no version 2"),
    (lambda s, aid: s.restore_version(aid, 3, editor="ana"), StoreError, "no version 3"),
    (lambda s, aid: s.restore_version("nope", 1, editor="ana"), StoreError, "no saved versions"),
])
def test_bad_arguments_are_refused_with_a_message(store, call, error, words) -> None:  # noqa: ANN001
    article, events = make_article("args", n_events=2)
    store.save_article(article, events)
    before = store.data_version()
    with pytest.raises(error, match=words):
        call(store, article.article_id)
    assert store.data_version() == before and len(store.history(article.article_id)) == 1


def test_history_of_an_unknown_article_is_empty(store) -> None:
    assert store.history("never-stored") == []


# -- reading, comparing and restoring versions ----------------------------------------------------


def test_version_diff_reports_field_changes_per_event(store) -> None:
    article, events = make_article("diff", n_events=3)
    store.save_article(article, events)
    edited = [
        dataclasses.replace(events[0], fatalities=42, actor2=None, event_date=date(2016, 5, 1)),
        events[1],
        make_event(article.article_id, 5),
    ]
    edited[1] = dataclasses.replace(edited[1], mentions=edited[1].mentions + (Mention(article.article_id, "again",
                                                                                       500, 505),))
    store.update_events(article.article_id, edited, editor="ana")
    diff = store.version_diff(article.article_id, 1, 2)
    assert [e.event_id for e in diff.added] == [edited[2].event_id]
    assert [e.event_id for e in diff.removed] == [events[2].event_id]
    first, second = diff.changed
    assert first.event_id == events[0].event_id
    assert first.changes == (
        FieldChange("event_date", date(2016, 5, 3), date(2016, 5, 1)),
        FieldChange("actor2", "Civilians (Syria)", None),
        FieldChange("fatalities", events[0].fatalities, 42),
    )
    assert second.event_id == events[1].event_id and [c.field for c in second.changes] == ["mentions"]
    assert diff.summary() == "1 added, 1 removed, 2 changed" and not diff.unchanged
    back = store.version_diff(article.article_id, 2, 1)
    assert back.added == diff.removed and back.removed == diff.added
    assert [(c.field, c.old, c.new) for c in back.changed[0].changes][2] == ("fatalities", 42, events[0].fatalities)
    assert store.version_diff(article.article_id, 2, 2).unchanged


def test_restore_is_a_new_version_equal_to_the_old_one(store) -> None:
    article, events = make_article("restore", n_events=4)
    store.save_article(article, events, editor="ana", kind="reviewed")
    store.update_events(article.article_id, events[:1], editor="ben")
    store.update_events(article.article_id, [dataclasses.replace(events[0], fatalities=9)], editor="ben")
    restored = store.restore_version(article.article_id, 1, editor="ana", expected_version=3)
    assert (restored.version, restored.events_saved, restored.new_version) == (4, 4, True)
    v4 = store.history(article.article_id)[-1]
    assert (v4.kind, v4.editor, v4.restored_from, v4.note) == ("restored", "ana", 1, "restored version 1")
    assert store.events_for_article(article.article_id) == store.events_at_version(article.article_id, 1) == events
    assert store.version_diff(article.article_id, 1, 4).unchanged
    assert [v.version for v in store.history(article.article_id)] == [1, 2, 3, 4]  # nothing in between was lost
    assert store.mentions(events[3].event_id) == list(events[3].mentions)
    with pytest.raises(StoreError, match="now at version 4"):
        store.restore_version(article.article_id, 2, editor="ben", expected_version=3)


def test_restore_after_a_cited_article_was_deleted_drops_only_that_mention(store) -> None:
    a, a_events = make_article("cites", n_events=2)
    b, _ = make_article("cited2", n_events=0)
    store.save_article(b, [])
    cited = dataclasses.replace(a_events[0], mentions=a_events[0].mentions + (Mention(b.article_id, "b", 3, 9),))
    store.save_article(a, [cited, a_events[1]])
    store.update_events(a.article_id, a_events[1:], editor="ana")
    store.delete_article(b.article_id, editor="ana")
    store.restore_version(a.article_id, 1, editor="ana")
    assert store.events_for_article(a.article_id) == a_events
    assert current_matches_latest_version(store) == []


# -- deleting ---------------------------------------------------------------------------------------


def test_deleting_is_recorded_and_a_new_save_continues_the_history(store) -> None:
    article, events = make_article("gone", n_events=3)
    store.save_article(article, events, editor="ana", kind="reviewed")
    store.update_events(article.article_id, events[:2], editor="ana")
    store.delete_article(article.article_id, editor="ben", note="duplicate upload")
    assert store.find_stored(article.text) is None and store.get_article(article.article_id) is None
    deleted = store.history(article.article_id)[-1]
    assert (deleted.version, deleted.kind, deleted.editor, deleted.note, deleted.n_events) == (
        3, "deleted", "ben", "duplicate upload", 0)
    with pytest.raises(StoreError, match="was deleted; save its text again"):
        store.restore_version(article.article_id, 1, editor="ben")
    assert store.events_at_version(article.article_id, 1) == events  # still readable

    again = store.save_article(article, events[:1], editor="cem")  # the same text: the same article id
    assert (again.created, again.version) == (True, 4)
    found = store.find_stored(article.text)
    assert (found.saved_by, found.version, found.last_kind) == ("cem", 4, "extracted")  # first save since
    with pytest.raises(StoreError, match="records its deletion"):
        store.restore_version(article.article_id, 3, editor="cem")
    assert store.restore_version(article.article_id, 1, editor="cem").version == 5
    assert store.events_for_article(article.article_id) == events


def test_deleting_an_article_versions_the_articles_that_cited_it(store) -> None:
    a, a_events = make_article("citing", n_events=2)
    b, b_events = make_article("cited3", n_events=1)
    store.save_article(b, b_events)
    store.save_article(a, [dataclasses.replace(a_events[0], mentions=a_events[0].mentions + (
        Mention(b.article_id, "b's copy", 1, 9),)), a_events[1]])
    store.delete_article(b.article_id, editor="ana")
    last = store.history(a.article_id)[-1]
    assert (last.version, last.kind, last.editor) == (2, "edited", "ana") and b.article_id in last.note
    assert store.events_at_version(a.article_id, 2) == a_events
    assert current_matches_latest_version(store) == []
    store.delete_article("never-stored")  # nothing to delete: nothing recorded
    assert store.history("never-stored") == []


# -- the snapshot format ----------------------------------------------------------------------------


def test_snapshot_round_trip_is_exact() -> None:
    article_id = "snap"
    events = normalise_events(article_id, [
        make_event(article_id, 0, latitude=35.6478123456789, longitude=0.1 + 0.2, confidence=1 / 3,
                   notes="قصف على إدلب 🙂 “quoted”", fatalities_text="dozens", admin2=None, event_date=None),
        make_event(article_id, 1, latitude=np.float64(36.25), fatalities=2**31 - 1, mentions=()),
    ])
    back = decode_snapshot(encode_snapshot(events))
    assert back == events
    assert back[0].longitude == 0.1 + 0.2 and back[0].confidence == 1 / 3
    assert type(back[1].latitude) is float


def test_a_damaged_snapshot_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot be read"):
        decode_snapshot(b"not zlib at all")


# -- migrating stores written before versions existed -----------------------------------------------


def test_store_written_by_the_schema_2_code_is_migrated_without_loss(store_url: str) -> None:
    path = store_url
    conn, old = store_legacy.build_store(path, schema_version=2)
    a, a_events = make_article("m-a", n_events=3)
    b, b_events = make_article("m-b", n_events=2)
    c, c_events = make_article("m-c", n_events=1)
    old.save_article(a, a_events, saved_at="2016-05-05T10:00:00+00:00")
    b_events[0] = dataclasses.replace(b_events[0], mentions=b_events[0].mentions + (Mention(a.article_id, "a", 1, 2),))
    old.save_article(b, b_events, saved_at="2016-05-06T10:00:00+00:00")
    b_events = normalise_events(b.article_id, b_events)  # as reads give them: mentions by article, then offset
    old.update_events(a.article_id, a_events[:2])
    old.save_article(c, c_events, saved_at="2016-05-07T10:00:00+00:00")
    old.delete_article(c.article_id)
    old.add_user_place("Tal Rifaat", 36.47, 37.1, admin1="Aleppo", added_at="2016-05-08T10:00:00+00:00")
    written = conn.execute("SELECT value FROM store_meta").fetchone()[0]
    conn.close()

    store = open_store(path)
    assert store.integrity_check() == ["ok"]
    assert {i.article_id: i.n_events for i in store.list_articles()} == {a.article_id: 2, b.article_id: 2}
    assert store.events_for_article(a.article_id) == a_events[:2]
    assert store.events_for_article(b.article_id) == b_events
    assert [(p.name, p.admin1) for p in store.user_places()] == [("Tal Rifaat", "Aleppo")]
    for article, saved_at, events in ((a, "2016-05-05T10:00:00+00:00", a_events[:2]),
                                      (b, "2016-05-06T10:00:00+00:00", b_events)):
        [v1] = store.history(article.article_id)
        assert (v1.version, v1.kind, v1.editor, v1.saved_at, v1.n_events) == (
            1, "reviewed", "local", saved_at, len(events))
        assert store.events_at_version(article.article_id, 1) == events
    assert store.history(c.article_id) == []  # deleted before versions existed: nothing to show
    assert store.data_version() == written  # migrating changed no event: a loaded frame stays valid
    with pytest.raises(StoreError, match="already stored"):  # the migrated events are protected like any
        store.save_article(a, a_events)
    assert store.update_events(a.article_id, a_events, editor="ana", expected_version=1).version == 2


def test_the_real_schema_2_store_file_is_migrated_without_loss(tmp_path: Path) -> None:
    """tests/fixtures/store/events_v2.sqlite3 was written by the code of fef3d35 (see make_events_v2.py)."""
    original = FIXTURES / "events_v2.sqlite3"
    fingerprint = hashlib.sha256(original.read_bytes()).hexdigest()
    expected = json.loads((FIXTURES / "events_v2.expected.json").read_text(encoding="utf-8"))
    path = tmp_path / "events.sqlite3"
    shutil.copyfile(original, path)
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 2
    conn.close()

    store = open_store(path)
    assert store.integrity_check() == ["ok"]
    infos = store.list_articles()
    assert [{**dataclasses.asdict(i), "published": i.published and i.published.isoformat()} for i in infos] == [
        a["info"] for a in expected["articles"]]
    assert store.count_events() == expected["count_events"] > 0
    assert [dataclasses.asdict(p) for p in store.user_places()] == expected["user_places"]
    assert store.data_version() == expected["data_version"]
    for stored in expected["articles"]:
        article_id = stored["info"]["article_id"]
        events = [Event.from_dict(e) for e in stored["events"]]
        assert store.get_article(article_id).text == stored["text"]
        assert store.events_for_article(article_id) == events
        [v1] = store.history(article_id)
        assert (v1.kind, v1.editor, v1.saved_at, v1.n_events) == ("reviewed", "local", stored["info"]["saved_at"],
                                                                  len(events))
        assert store.events_at_version(article_id, 1) == events
        assert store.find_stored(stored["text"]).version == 1
    for article_id in expected["deleted"]:
        assert store.get_article(article_id) is None and store.history(article_id) == []
    assert hashlib.sha256(original.read_bytes()).hexdigest() == fingerprint  # the fixture itself is untouched


def test_a_failed_migration_leaves_the_old_store_as_it_was(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = store_url
    conn, old = store_legacy.build_store(path, schema_version=2)
    for key in ("f1", "f2", "f3"):
        article, events = make_article(key, n_events=2)
        old.save_article(article, events, saved_at="2016-05-05T10:00:00+00:00")
    conn.close()
    calls = []

    def fail_on_the_second_article(data: bytes, level: int = -1) -> bytes:
        calls.append(1)
        if len(calls) == 2:
            raise MemoryError("simulated failure in the middle of migration 3")
        return original_compress(data, level)

    original_compress = migrations.zlib.compress
    monkeypatch.setattr(migrations.zlib, "compress", fail_on_the_second_article)
    with pytest.raises(MemoryError):
        open_store(path)
    monkeypatch.undo()
    conn = from_url(path if "://" in path else Path(path)).connect()
    try:
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 2
        assert conn.columns("event_versions") == []  # no such table
    finally:
        conn.close()
    store = open_store(path)  # the next start migrates completely
    assert [len(store.history(info.article_id)) for info in store.list_articles()] == [1, 1, 1]
    assert current_matches_latest_version(store) == []


def test_check_reports_a_history_that_disagrees_with_the_events(store, store_url: str,
                                                                capsys: pytest.CaptureFixture) -> None:
    from dashboard.store import admin as store_admin

    article, events = make_article("tamper", n_events=2)
    store.save_article(article, events)
    store.update_events(article.article_id, events[:1], editor="ana")
    assert store.version_problems() == []
    assert store_admin.main(["--store", store_url, "check"]) == 0
    with store._connect() as conn:  # someone edits the events behind the store's back (autocommit)
        conn.execute("DELETE FROM event_versions WHERE version = 1")
        conn.execute("UPDATE events SET fatalities = 99")
    problems = store.version_problems()
    assert problems == [f"{article.article_id}: 1 versions numbered up to 2",
                        f"{article.article_id}: current events differ from its newest version 2"]
    assert store_admin.main(["--store", store_url, "check"]) == 1
    assert "differ from its newest version" in capsys.readouterr().out
