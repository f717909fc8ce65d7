"""The one event record that flows from extraction to the store to the dashboard.

Column names follow ACLED's export where the meaning is the same (see
README "Event record"); unlike ACLED, ``actor1`` is the initiator and
``actor2`` the target.  Every event keeps the sentence(s) it came from.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any


# The largest toll one event can plausibly have (the deadliest single events of the Syrian war killed some
# hundreds to about 1,500).  A larger number is a cumulative statistic or a misreading: the extractor keeps
# its words but no number, and the review and the store refuse it.  Far inside every integer type used.
MAX_EVENT_FATALITIES = 100_000


@dataclass(frozen=True, slots=True)
class Article:
    """A news article as read from a file, a paste or a JSONL line."""

    text: str
    title: str = ""
    published: date | None = None
    source: str = ""
    url: str = ""
    article_id: str = ""  # given by the caller, else derived from the text (see content_id)
    # How ``published`` was had, for the reviewer to confirm: "given", "the page's dateline: 'Wed 05 Apr
    # 2017'", "the file's metadata", or why there is none ("a wire dateline 'BEIRUT, Sept 9 (Reuters)' without
    # a year"); empty when nobody said.
    published_from: str = ""

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def with_id(self) -> "Article":
        """Return the article with ``article_id`` filled from its content if empty."""
        if self.article_id:
            return self
        return dataclasses.replace(self, article_id="a" + self.content_hash[:15])


@dataclass(frozen=True, slots=True)
class Mention:
    """One sentence that reported an event (GDELT's mentions table)."""

    article_id: str
    sentence: str
    start: int  # character offsets of the sentence in the article text
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    """One conflict event, ACLED-shaped, with provenance."""

    event_id: str
    event_date: date | None
    time_precision: int | None  # 1 day, 2 week, 3 month
    event_type: str
    sub_event_type: str
    actor1: str | None  # initiator
    assoc_actor_1: str | None
    actor2: str | None  # target
    assoc_actor_2: str | None
    inter1: int | None
    inter2: int | None
    country: str
    admin1: str | None
    admin2: str | None
    location: str | None  # gazetteer name of the place
    latitude: float | None
    longitude: float | None
    geo_precision: int | None  # 1/2/3
    fatalities: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    notes: str  # the source sentence
    source: str
    source_url: str
    article_id: str
    location_text: str | None  # the place as written
    sentence_start: int
    sentence_end: int
    confidence: float
    fatalities_text: str = ""  # "several", "dozens": unquantified words kept
    location_source: str = ""  # gazetteer source + id of the chosen place
    mentions: tuple[Mention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Flat dict with ISO dates; mentions as a list of dicts."""
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        out["event_date"] = self.event_date.isoformat() if self.event_date else None
        out["mentions"] = [dataclasses.asdict(m) for m in self.mentions]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        names = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        if isinstance(values.get("event_date"), str) and values["event_date"]:
            values["event_date"] = date.fromisoformat(values["event_date"][:10])
        values["mentions"] = tuple(
            m if isinstance(m, Mention) else Mention(**m) for m in values.get("mentions") or ()
        )
        return cls(**values)


EVENT_COLUMNS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Event) if f.name != "mentions"
)


@dataclass(frozen=True, slots=True)
class Span:
    """A recognised stretch of the article text, for highlighting in the UI."""

    start: int
    end: int
    label: str  # "PLACE", "ACTOR", "TRIGGER", "DATE", "FATALITIES"
    text: str
    detail: str = ""  # e.g. the gazetteer place or canonical actor chosen


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    """Everything extraction learned from one article."""

    article: Article
    events: tuple[Event, ...]
    spans: tuple[Span, ...] = ()
    unresolved: tuple[Any, ...] = ()  # gazetteer.records.Resolution objects left unresolved
