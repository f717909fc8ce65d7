"""Fill an empty store from sample_articles/ so a fresh install never shows an empty map.

Runs the same path as an upload (reader -> extraction -> store), so the seed
also proves the pipeline works.  A sample that cannot be read is reported,
never fatal: the app must start anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from extraction.records import Article, ExtractionResult
from gazetteer.errors import ConflictMapError
from gazetteer.settings import PROJECT_ROOT

SAMPLE_DIR = PROJECT_ROOT / "sample_articles"
SAMPLE_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
SAMPLE_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}_([a-z0-9-]+)_")  # sample_articles/ naming: date_outlet_slug


@dataclass(frozen=True, slots=True)
class SeedReport:
    articles: int = 0
    events: int = 0
    problems: tuple[str, ...] = field(default_factory=tuple)


def source_from_name(filename: str) -> str:
    """The outlet named in a sample's file name, ``YYYY-MM-DD_outlet-name_slug.ext`` -> "Outlet Name"."""
    match = SAMPLE_NAME.match(filename)
    return match.group(1).replace("-", " ").title() if match else ""


def _default_read(path: Path) -> Article:
    from extraction.readers import read_bytes

    return read_bytes(path.read_bytes(), filename=path.name, source=source_from_name(path.name))


def _default_extract(article: Article) -> ExtractionResult:
    from extraction import extract_article

    return extract_article(article)


def seed_if_empty(
    store: object,
    *,
    sample_dir: Path = SAMPLE_DIR,
    read: Callable[[Path], Article] = _default_read,
    extract: Callable[[Article], ExtractionResult] = _default_extract,
) -> SeedReport:
    """Save every sample article with its extracted events when the store holds nothing."""
    if not store.is_empty():  # type: ignore[attr-defined]
        return SeedReport()
    articles = events = 0
    problems: list[str] = []
    for path in sorted(p for p in sample_dir.glob("*") if p.suffix.lower() in SAMPLE_SUFFIXES):
        try:
            result = extract(read(path))
            saved = store.save_article(  # type: ignore[attr-defined]
                result.article, result.events, editor="local", kind="extracted",
                note="sample article loaded into an empty store")
        except ConflictMapError as err:
            problems.append(f"{path.name}: {err}")
            continue
        articles += 1
        events += saved.events_saved
    return SeedReport(articles=articles, events=events, problems=tuple(problems))
