"""Fixtures for the AppTest tests: a store filled with known articles, and the app runner."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import open_store
from extraction.records import Article, Mention
from tests.dashboard.frames import make_event

def literal(markdown: str) -> str:
    """What a Markdown-escaped message (dashboard.highlight.markdown_literal) shows on screen."""
    return re.sub(r"\\(.)", r"\1", markdown)


APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
XSS_TITLE = "<img src=x onerror=alert(1)>"


def _article(key: str, title: str, published: date, text: str) -> Article:
    return Article(text=text, title=title, published=published, source="Test Wire",
                   url=f"https://example.org/{key}").with_id()


def fill(store) -> dict[str, Article]:  # noqa: ANN001 - EventStore
    """Two articles: one with 3 events (2015-2016, several actors), one with an HTML title."""
    a = _article("a", "Shelling around Aleppo", date(2016, 3, 6),
                 "Russian jets bombed Kafra. IS took Jariz. Government forces shelled al-Soura in Daraa.")
    b = _article("b", XSS_TITLE, date(2016, 7, 2), "<script>window.x=1</script> Shelling in Duma killed 3.")
    s = a.text.split(". ")
    offsets = [0, len(s[0]) + 2, len(s[0]) + len(s[1]) + 4]
    events_a = [
        make_event(1, event_id="ea1", article_id=a.article_id, event_date=date(2015, 12, 2), notes=s[0] + ".",
                   sentence_start=offsets[0], sentence_end=offsets[0] + len(s[0]) + 1),
        make_event(2, event_id="ea2", article_id=a.article_id, event_date=date(2015, 12, 1), actor1="Islamic State",
                   actor2="Rebel groups", event_type="Battles", sub_event_type="Armed clash", notes=s[1] + ".",
                   location="Jariz", latitude=36.52, longitude=37.2, fatalities=0,
                   sentence_start=offsets[1], sentence_end=offsets[1] + len(s[1]) + 1),
        make_event(3, event_id="ea3", article_id=a.article_id, event_date=date(2016, 3, 5),
                   actor1="Military Forces of Syria", actor2="Civilians", admin1="Daraa", location="al-Soura",
                   latitude=32.9, longitude=36.3, fatalities=12, notes=s[2],
                   sentence_start=offsets[2], sentence_end=len(a.text)),
    ]
    events_a = [dataclasses.replace(e, mentions=(Mention(a.article_id, e.notes, e.sentence_start, e.sentence_end),))
                for e in events_a]
    events_b = [make_event(4, event_id="eb1", article_id=b.article_id, event_date=date(2016, 7, 1),
                           actor1="Military Forces of Syria", actor2="Civilians", admin1="Rif Dimashq",
                           location="Duma", latitude=33.57, longitude=36.4, notes=b.text,
                           sentence_start=0, sentence_end=len(b.text))]
    store.save_article(a, events_a)
    store.save_article(b, events_b)
    return {"a": a, "b": b}


@pytest.fixture
def filled(monkeypatch: pytest.MonkeyPatch, _isolated_data_dir: Path) -> dict[str, Article]:
    monkeypatch.setenv("CONFLICT_MAP_MODE", "local")
    return fill(open_store())


@pytest.fixture
def app() -> AppTest:
    """A fresh app run against the test's data directory (run it yourself)."""
    return AppTest.from_file(APP, default_timeout=60)
