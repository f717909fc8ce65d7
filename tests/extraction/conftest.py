"""Shared fixtures for extraction tests: one pipeline on the bundled gazetteer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extraction.pipeline import Pipeline
from extraction.records import Article

SEED = Path(__file__).resolve().parents[2] / "sample_articles" / "2015-12-02_new-arab_is-advance-in-aleppo.txt"


@pytest.fixture(scope="session")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    """The bundled gazetteer table only: an empty data dir of its own, no online fallback."""
    from gazetteer import Gazetteer

    return Pipeline(gazetteer=Gazetteer.default(data_dir=tmp_path_factory.mktemp("gz"), online=False))


@pytest.fixture(scope="session")
def seed_events(pipeline):
    article = Article(text=SEED.read_text(encoding="utf-8"), published=date(2015, 12, 2), article_id="seed")
    return pipeline.extract(article).events


def extract(pipeline: Pipeline, text: str, published: date | None = date(2020, 5, 6)):
    return pipeline.extract(Article(text=text, published=published, article_id="t")).events
