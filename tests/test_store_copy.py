"""``store_admin copy`` between backends, both ways, and the one-line messages for a store that cannot be used."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.store import admin as store_admin
from dashboard.store import open_store
from dashboard.store.backend import from_url, redacted
from gazetteer.errors import ConfigurationError, StoreError
from tests.store_fixtures import make_article, make_event


def _fill(store) -> None:  # noqa: ANN001
    for key in ("c1", "c2", "c3"):
        article, events = make_article(key, n_events=3)
        store.save_article(article, events, editor="ana")
    article, events = make_article("c1", n_events=3)
    store.update_events(article.article_id, events[:2], editor="ben")
    store.delete_article(make_article("c3")[0].article_id, editor="ana")
    other, _ = make_article("c4", n_events=1)  # another article reporting c2's first event: merged
    c2 = make_article("c2")[0].article_id
    store.save_article(other, [make_event(other.article_id, 0, actor2=None)])
    store.add_user_place("Tal Rifaat", 36.47, 37.1, admin1="Aleppo")
    assert store.report_groups(), "the fixture should hold one merged event"
    assert c2


def _content(store) -> dict:  # noqa: ANN001
    articles = store.list_articles()
    return {
        "articles": [(a.article_id, a.title, a.n_events, a.saved_at) for a in articles],
        "events": {a.article_id: store.events_for_article(a.article_id) for a in articles},
        "history": {a: store.history(a) for a in ("ae505fc63ac24846",) + tuple(i.article_id for i in articles)},
        "places": [(p.place_id, p.name, p.lat, p.lon, p.admin1) for p in store.user_places()],
        "groups": store.report_groups(),
    }


def test_copy_sqlite_to_postgresql_and_back_keeps_everything(tmp_path: Path, pg_server, capsys) -> None:  # noqa: ANN001
    source = open_store(tmp_path / "events.sqlite3")
    _fill(source)
    url = pg_server.new_url()
    assert store_admin.main(["copy", "--from", f"sqlite:///{tmp_path / 'events.sqlite3'}", "--to", url]) == 0
    assert "(counts checked)" in capsys.readouterr().out
    on_pg = open_store(url)
    assert _content(on_pg) == _content(source)
    assert on_pg.version_problems() == [] and on_pg.integrity_check() == ["ok"]
    assert on_pg.data_version() > source.data_version()  # a loaded frame is refreshed, never trusted
    assert on_pg.add_user_place("Azaz", 36.58, 37.04) == 2  # ids continue after the copied ones

    back = tmp_path / "back.sqlite3"
    assert store_admin.main(["copy", "--from", url, "--to", f"sqlite:///{back}"]) == 0
    assert _content(open_store(back)) == _content(on_pg)
    # A second copy into a store that is no longer empty is refused and changes nothing.
    assert store_admin.main(["copy", "--from", url, "--to", f"sqlite:///{back}"]) == 1
    assert "not empty" in capsys.readouterr().err
    assert open_store(back).count_articles() == on_pg.count_articles()


def test_backup_of_a_postgresql_store_is_an_sqlite_file(tmp_path: Path, pg_server) -> None:  # noqa: ANN001
    store = open_store(pg_server.new_url())
    _fill(store)
    target = store.backup(tmp_path / "b.sqlite3")
    assert _content(open_store(target)) == _content(store)


@pytest.mark.parametrize(("url", "error", "words"), [
    ("mysql://u:secret@host/db", ConfigurationError, "has the scheme 'mysql'"),
    ("sqlite:///", ConfigurationError, "names no file"),
    ("postgresql://u:secret@127.0.0.1:1/db", StoreError, "Cannot connect to the PostgreSQL store"),
])
def test_a_store_that_cannot_be_used_is_one_line_without_the_password(url: str, error: type, words: str) -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(error) as caught:
        open_store(from_url(url))
    message = str(caught.value)
    assert words in message and "secret" not in message and "\n" not in message


def test_a_wrong_password_is_one_line(pg_server) -> None:  # noqa: ANN001
    # The test server trusts local connections, so a wrong password shows as a wrong database instead.
    url = pg_server.admin_url("no_such_database").replace("conflict_map@", "conflict_map:secret@")
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert "no_such_database" in str(caught.value) and "secret" not in str(caught.value)
    assert redacted(url).count("***") == 1


def test_the_admin_command_reports_a_bad_url_in_one_line(capsys) -> None:  # noqa: ANN001
    assert store_admin.main(["--store", "mysql://x", "info"]) == 1
    err = capsys.readouterr().err.strip()
    assert "mysql" in err and "\n" not in err


def test_copying_from_a_store_that_does_not_exist_creates_nothing(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    missing, target = tmp_path / "typo.sqlite3", tmp_path / "copy.sqlite3"
    assert store_admin.main(["copy", "--from", f"sqlite:///{missing}", "--to", f"sqlite:///{target}"]) == 1
    err = capsys.readouterr().err.strip()
    assert f"There is no store at {missing}" in err and "\n" not in err
    assert not missing.exists() and not target.exists()
