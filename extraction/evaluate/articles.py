"""Score extraction on hand-coded whole articles (tests/gold/, see its README).

Each gold file names a FA-KES article by ``unit_id``; the text is read from
the FA-KES CSV (never copied into the project) and checked against the
file's SHA-1. The seed article joins the set through seed_gold.json.

Matching, one to one: a predicted event matches a gold event when their event
types are equal, their dates are within a day (or the gold's own tolerance, if
wider), and their places are the same (the gold's name or aliases) or within
10 km. Pairs are taken required gold first, then same sub-type (two events of one type at one city, a bombing
and a shelling, pair each with its own kind rather than crosswise: until 2026-12-07 they could pair crosswise,
counting both sub-types and tolls wrong), then same name, then nearest. Required gold events count for recall;
a prediction matched to an optional gold event neither helps nor hurts; any
other prediction is a false positive. Field accuracy is measured on the pairs.

Confidence calibration: for each confidence band, how many of the events
given that confidence matched a gold event (optional matches left out).
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from geopy.distance import distance as geo_distance

from extraction.evaluate.common import actors_agree, admin_key, place_key, print_table, share
from extraction.records import Article, Event

DEFAULT_GOLD_DIR = Path(__file__).resolve().parents[2] / "tests" / "gold" / "fakes"
MATCH_KM = 10.0
CONFIDENCE_BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)
UNKNOWN_ACTORS = frozenset({"", "unidentified armed group", "unidentified military forces"})


@dataclass(frozen=True, slots=True)
class GoldArticle:
    article_id: str
    source: str
    published: date
    text: str
    events: tuple[dict, ...]
    title: str = ""


@dataclass
class ArticleScore:
    article_id: str
    predicted: list[Event] = field(default_factory=list)
    pairs: list[tuple[dict, Event, float | None]] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    false_positives: list[Event] = field(default_factory=list)
    optional_hits: list[Event] = field(default_factory=list)
    required: int = 0


def load_gold(gold_dir: Path, fakes_csv: Path, *, seed_gold: Path | None = None) -> tuple[list[GoldArticle], list[str]]:
    """The gold articles whose text is available, and a warning per file that could not be used."""
    warnings: list[str] = []
    texts: dict[str, dict] = {}
    if fakes_csv.is_file():
        with fakes_csv.open(encoding="utf-8", newline="") as handle:
            texts = {row["unit_id"]: row for row in csv.DictReader(handle)}
    articles: list[GoldArticle] = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        row = texts.get(str(gold["unit_id"]))
        if row is None:
            warnings.append(f"{path.name}: article {gold['unit_id']} not in {fakes_csv.name}")
            continue
        text = row["article_content"]
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != gold["content_sha1"]:
            warnings.append(f"{path.name}: the article's text differs from the one coded (SHA-1)")
            continue
        articles.append(GoldArticle(
            article_id=str(gold["unit_id"]), source=gold.get("source", row.get("source", "")),
            published=date.fromisoformat(gold["published"]), text=text, events=tuple(gold["events"]),
            title=row.get("article_title", ""),
        ))
    if seed_gold is not None and seed_gold.is_file():
        seed = json.loads(seed_gold.read_text(encoding="utf-8"))
        text = (seed_gold.parent / seed["article"]).read_text(encoding="utf-8")
        articles.append(GoldArticle(
            article_id="seed", source=seed.get("publisher", ""), published=date.fromisoformat(seed["published"]),
            text=text, events=tuple(seed["events"]),
        ))
    return articles, warnings


def _gold_names(gold: dict) -> set[str]:
    return {place_key(n) for n in [gold.get("location"), *gold.get("location_aliases", [])] if n} - {""}


def _km(gold: dict, event: Event) -> float | None:
    if gold.get("latitude") is None or event.latitude is None:
        return None
    return geo_distance((gold["latitude"], gold["longitude"]), (event.latitude, event.longitude)).km


def _same_place(gold: dict, event: Event) -> bool:
    """The gold's name or an alias - in the gold's governorate when both give one ("al-Sabil" in Dar'a is not
    As-Sabil in Aleppo); an unresolved name (no governorate) is compared by name alone."""
    if gold.get("admin1") and event.admin1 and admin_key(gold["admin1"]) != admin_key(event.admin1):
        return False
    return bool({place_key(event.location), place_key(event.location_text)} & _gold_names(gold))


def _date_ok(gold: dict, event: Event, *, floor: int) -> bool:
    if not gold.get("event_date") or event.event_date is None:
        return False
    tolerance = max(floor, int(gold.get("date_tolerance_days") or 0))
    return abs((event.event_date - date.fromisoformat(gold["event_date"])).days) <= tolerance


def place_right(gold: dict, event: Event, km: float | None) -> bool:
    return _same_place(gold, event) or (km is not None and km <= MATCH_KM)


def match(events: list[Event], golds: tuple[dict, ...], *, article_id: str = "") -> ArticleScore:
    score = ArticleScore(article_id=article_id, predicted=list(events))
    score.required = sum(1 for g in golds if g.get("required", True))
    candidates: list[tuple[int, int, int, float, int, int]] = []
    for gi, gold in enumerate(golds):
        for ei, event in enumerate(events):
            if event.event_type != gold["event_type"] or not _date_ok(gold, event, floor=1):
                continue
            km = _km(gold, event)
            if not place_right(gold, event, km):
                continue
            # required gold first, then the same sub-type, then the same name, then nearest
            rank = (0 if gold.get("required", True) else 1)
            # (two events of one type at one city - a bombing and a shelling - pair each with its own kind, not
            # crosswise, which would count both sub-types and tolls wrong; an event placed at a city's centre for an
            # unknown neighbourhood is 0 km from every other neighbourhood placed there too: the name decides before
            # the distance)
            kind = 0 if event.sub_event_type == gold.get("sub_event_type") else 1
            candidates.append((rank, kind, 0 if _same_place(gold, event) else 1, km or 0.0, gi, ei))
    used_g: set[int] = set()
    used_e: set[int] = set()
    for *_, gi, ei in sorted(candidates):
        if gi in used_g or ei in used_e:
            continue
        used_g.add(gi)
        used_e.add(ei)
        gold, event = golds[gi], events[ei]
        if gold.get("required", True):
            score.pairs.append((gold, event, _km(gold, event)))
        else:
            score.optional_hits.append(event)
    score.missed = [g for gi, g in enumerate(golds) if gi not in used_g and g.get("required", True)]
    score.false_positives = [e for ei, e in enumerate(events) if ei not in used_e]
    return score


def actor_right(predicted: str | None, gold: dict, key: str) -> bool:
    wanted = [gold.get(key), *gold.get(f"{key}_alternatives", [])]
    if gold.get(key) is None:
        return _actor_unknown(predicted) or any(actors_agree(predicted, w) for w in wanted if w)
    return any(actors_agree(predicted, w) for w in wanted if w)


def _actor_unknown(name: str | None) -> bool:
    from extraction.evaluate.common import actor_key

    return actor_key(name) in UNKNOWN_ACTORS


def fatalities_right(gold: dict, event: Event) -> bool:
    expected = gold.get("fatalities")
    if expected is None:  # unstated: no number, or ACLED's 3 for an unquantified "several"
        return event.fatalities is None or (bool(gold.get("fatalities_text")) and event.fatalities == 3)
    return event.fatalities == expected


def calibration(scores: list[ArticleScore]) -> list[tuple[str, int, int]]:
    """(band, events in it, events right) - predictions matched to optional gold left out."""
    right_ids = {id(e) for s in scores for _, e, _ in s.pairs}
    optional_ids = {id(e) for s in scores for e in s.optional_hits}
    rows = []
    for low, high in zip(CONFIDENCE_BANDS, CONFIDENCE_BANDS[1:]):
        band = [e for s in scores for e in s.predicted if low <= e.confidence < high and id(e) not in optional_ids]
        label = f"{low:.1f}-{min(high, 1.0):.1f}"
        rows.append((label, len(band), sum(id(e) in right_ids for e in band)))
    return rows


def collect(articles: list[GoldArticle], *, pipeline) -> list[ArticleScore]:
    scores = []
    for gold in articles:
        article = Article(
            text=gold.text, title=gold.title, published=gold.published, article_id=gold.article_id, source=gold.source
        )
        events = list(pipeline.extract(article).events)
        scores.append(match(events, gold.events, article_id=gold.article_id))
    return scores


def run(gold_dir: Path, fakes_csv: Path, *, pipeline, seed_gold: Path | None = None, verbose: bool = False) -> dict[str, float]:
    articles, warnings = load_gold(gold_dir, fakes_csv, seed_gold=seed_gold)
    for warning in warnings:
        print(f"gold: {warning}", file=sys.stderr)
    if not articles:
        print(f"no usable gold articles in {gold_dir}", file=sys.stderr)
        return {}
    scores = collect(articles, pipeline=pipeline)
    pairs = [p for s in scores for p in s.pairs]
    required = sum(s.required for s in scores)
    predicted = sum(len(s.predicted) for s in scores)
    optional = sum(len(s.optional_hits) for s in scores)
    fps = sum(len(s.false_positives) for s in scores)
    tp = len(pairs)
    n = len(pairs)
    precision = tp / max(1, tp + fps)
    recall = tp / max(1, required)
    with_admin = [(g, e) for g, e, _ in pairs if g.get("admin1")]
    admin_ok = sum(admin_key(g["admin1"]) == admin_key(e.admin1) for g, e in with_admin)
    sub_ok = sum(g["sub_event_type"] == e.sub_event_type for g, e, _ in pairs)
    actor1_ok = sum(actor_right(e.actor1, g, "actor1") for g, e, _ in pairs)
    fatalities_ok = sum(fatalities_right(g, e) for g, e, _ in pairs)
    wrong_sub = Counter(f"{g['sub_event_type']} -> {e.sub_event_type}" for g, e, _ in pairs if g["sub_event_type"] != e.sub_event_type)
    rows = [
        ("articles (gold files + seed)", str(len(articles))),
        ("gold events required / optional", f"{required} / {sum(len(a.events) for a in articles) - required}"),
        ("predicted events", f"{predicted} ({optional} matched optional gold, left out)"),
        ("event precision", share(tp, tp + fps)),
        ("event recall", share(tp, required)),
        ("F1", f"{2 * precision * recall / max(1e-9, precision + recall):.3f}"),
        ("place within 10 km or same place (matched)", share(sum(place_right(g, e, km) for g, e, km in pairs), n)),
        ("  within 5 km", share(sum(km is not None and km <= 5 for _, _, km in pairs), sum(km is not None for _, _, km in pairs))),
        ("governorate right (matched)", share(admin_ok, len(with_admin))),
        ("sub-event type right (matched)", share(sub_ok, n)),
        ("actor1 right (matched)", share(actor1_ok, n)),
        ("actor2 right (matched)", share(sum(actor_right(e.actor2, g, "actor2") for g, e, _ in pairs), n)),
        ("both actors right (matched)", share(sum(actor_right(e.actor1, g, "actor1") and actor_right(e.actor2, g, "actor2") for g, e, _ in pairs), n)),
        ("event date within tolerance (matched)", share(sum(_date_ok(g, e, floor=0) for g, e, _ in pairs), n)),
        ("fatalities exact (matched)", share(fatalities_ok, n)),
        ("most common sub-type confusions", "; ".join(f"{k} x{v}" for k, v in wrong_sub.most_common(3)) or "none"),
    ]
    print_table(f"Whole articles, hand-coded gold ({gold_dir})", rows)
    print("\n  confidence calibration (share of events in the band that match a gold event)")
    for label, count, right in calibration(scores):
        print(f"    {label}  {share(right, count) if count else '0 events'}")
    high = [(c, r) for label, c, r in calibration(scores) if float(label.split("-")[0]) >= 0.8]
    high_n, high_right = sum(c for c, _ in high), sum(r for _, r in high)
    print(f"    >= 0.8   {share(high_right, high_n)}")
    if verbose:
        _print_details(scores)
    return {
        "precision": precision,
        "recall": recall,
        "governorate": admin_ok / max(1, len(with_admin)),
        "sub_event_type": sub_ok / max(1, n),
        "actor1": actor1_ok / max(1, n),
        "fatalities": fatalities_ok / max(1, n),
    }


def _print_details(scores: list[ArticleScore]) -> None:
    for s in scores:
        wrong_pairs = [(g, e, _wrong_fields(g, e)) for g, e, _ in s.pairs]
        wrong_pairs = [(g, e, wrong) for g, e, wrong in wrong_pairs if wrong]
        if not s.missed and not s.false_positives and not wrong_pairs:
            continue
        print(f"\n  article {s.article_id}")
        for g in s.missed:
            print(f"    missed  {g['id']} {g['event_type']} / {g['sub_event_type']} at {g.get('location')} {g.get('event_date')} f={g.get('fatalities')}")
        for e in s.false_positives:
            print(f"    extra   {e.event_type} / {e.sub_event_type} at {e.location} {e.event_date} c={e.confidence:.2f}: {e.notes[:90]}")
        for g, e, wrong in wrong_pairs:
            print(f"    pair    {g['id']} at {g.get('location')}: wrong {', '.join(wrong)} "
                  f"(gold {g['sub_event_type']}/{g.get('actor1')}/{g.get('actor2')}/{g.get('fatalities')}; "
                  f"got {e.sub_event_type}/{e.actor1}/{e.actor2}/{e.fatalities})")


def _wrong_fields(gold: dict, event: Event) -> list[str]:
    """The names of the fields a matched event got wrong, in the order the verbose listing prints them."""
    checks = (
        ("sub", gold["sub_event_type"] == event.sub_event_type), ("actor1", actor_right(event.actor1, gold, "actor1")),
        ("actor2", actor_right(event.actor2, gold, "actor2")), ("fatalities", fatalities_right(gold, event)),
    )
    return [name for name, ok in checks if not ok]
