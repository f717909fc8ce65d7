"""Event extraction: English news about the Syrian war -> ACLED-shaped events.

    from extraction import extract_text
    result = extract_text(text, published=date(2015, 12, 2))
    for event in result.events: print(event.sub_event_type, event.location)
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from extraction.records import Article, Event, ExtractionResult, Mention, Span
from extraction.settings import ExtractionSettings

__all__ = [
    "Article", "Event", "ExtractionResult", "ExtractionSettings", "Mention", "Pipeline", "Span",
    "extract_article", "extract_text",
]


def __getattr__(name: str):
    # Imported lazily so that importing the records does not load spaCy.
    if name == "Pipeline":
        from extraction.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)


@lru_cache(maxsize=8)
def _pipeline(gazetteer, settings):
    from extraction.pipeline import Pipeline

    return Pipeline(gazetteer=gazetteer, settings=settings)


def extract_article(
    article: Article,
    *,
    gazetteer=None,
    settings: ExtractionSettings | None = None,
    progress=None,
    time_limit: float | None = None,
) -> ExtractionResult:
    """All events of one article, with highlight spans and the place names left unresolved.

    ``progress(share_done, stage)`` is told how far it is; after ``time_limit`` seconds the extraction
    stops with ``TimeLimitExceeded`` (an InputError whose message says how far it got).
    """
    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    return _pipeline(gazetteer, settings or ExtractionSettings()).extract(article, progress=progress, time_limit=time_limit)


def extract_text(
    text: str,
    *,
    published: date | None = None,
    title: str = "",
    source: str = "",
    url: str = "",
    article_id: str = "",
) -> ExtractionResult:
    """Convenience: ``extract_article`` on a plain string."""
    return extract_article(Article(text=text, title=title, published=published, source=source, url=url, article_id=article_id))
