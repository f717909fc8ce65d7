"""Synthetic articles and events for the store tests (no extraction pipeline needed)."""

from __future__ import annotations

from datetime import date

from extraction.records import Article, Event, Mention


def make_article(key: str, *, n_events: int = 3, title: str = "") -> tuple[Article, list[Event]]:
    """An article whose title records how many events it has ("n=3"), so readers can check completeness."""
    text = f"Article {key}. " + " ".join(f"Sentence {i} of article {key} about shelling in Idlib." for i in range(n_events))
    article = Article(text=text, title=title or f"{key} n={n_events}", published=date(2016, 5, 4),
                      source="Test Wire", url=f"https://example.org/{key}").with_id()
    events = [make_event(article.article_id, i) for i in range(n_events)]
    return article, events


def make_event(article_id: str, i: int, **changes: object) -> Event:
    sentence = f"Sentence {i} about shelling in Idlib."
    values: dict[str, object] = dict(
        event_id=f"{article_id}-{i:05d}", event_date=date(2016, 5, 3), time_precision=1,
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Syria (2000-)", assoc_actor_1=None, actor2="Civilians (Syria)", assoc_actor_2=None,
        inter1=1, inter2=7, country="Syria", admin1="Idlib", admin2=None, location="Idlib", latitude=35.93,
        longitude=36.63, geo_precision=1, fatalities=i % 4 or None, fatalities_low=None, fatalities_high=None,
        notes=sentence, source="Test Wire", source_url="https://example.org/", article_id=article_id,
        location_text="Idlib", sentence_start=10 * i, sentence_end=10 * i + len(sentence), confidence=0.75,
        mentions=(Mention(article_id, sentence, 10 * i, 10 * i + len(sentence)),),
    )
    values.update(changes)
    return Event(**values)  # type: ignore[arg-type]
