"""Score extraction on the hand-annotated seed article (seed_gold.json's how_to_score).

A predicted event matches a gold event when its location matches one of the
gold aliases and its event type is equal; required events count toward
recall; a prediction that matches no gold event, or sits at a place that must
not be located, is a false positive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from extraction.evaluate.common import actors_agree, place_key, print_table, share
from extraction.records import Article, Event


@dataclass
class SeedScore:
    required: int = 0
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    false_positives: list[Event] = field(default_factory=list)
    forbidden_places: list[Event] = field(default_factory=list)
    forbidden_fatalities: list[Event] = field(default_factory=list)
    pairs: list[tuple[dict, Event]] = field(default_factory=list)


def _event_keys(event: Event) -> set[str]:
    return {place_key(event.location), place_key(event.location_text)} - {""}


def matches(event: Event, gold: dict) -> bool:
    aliases = {place_key(a) for a in gold["location_aliases"]}
    return bool(_event_keys(event) & aliases) and event.event_type == gold["event_type"]


def score_seed(events: tuple[Event, ...], gold: dict, *, gazetteer=None) -> SeedScore:
    result = SeedScore()
    golds = gold["events"]
    result.required = sum(1 for g in golds if g["required"])
    forbidden = {place_key(item["place"]) for item in gold["must_not_locate"]}
    if gazetteer is not None:  # the gazetteer's own spelling of a forbidden place (Azaz -> I'zaz)
        for item in gold["must_not_locate"]:
            res = gazetteer.resolve(item["place"])
            if res.place is not None and res.place.feature not in ("country",):
                forbidden.add(place_key(res.place.name))
    for g in golds:
        hit = next((e for e in events if matches(e, g)), None)
        if g["required"]:
            (result.found if hit else result.missed).append(g["id"])
        if hit is not None:
            result.pairs.append((g, hit))
    for event in events:
        if _event_keys(event) & forbidden and (event.geo_precision or 3) < 3:
            result.forbidden_places.append(event)
        if not any(matches(event, g) for g in golds):
            result.false_positives.append(event)
    bad_counts = {1502, 250000}
    result.forbidden_fatalities = [e for e in events if e.fatalities in bad_counts]
    return result


def run(eval_dir: Path, *, pipeline) -> SeedScore:
    gold = json.loads((eval_dir / "seed_gold.json").read_text(encoding="utf-8"))
    text = (eval_dir / gold["article"]).read_text(encoding="utf-8")
    article = Article(text=text, published=date.fromisoformat(gold["published"]), article_id="seed")
    events = pipeline.extract(article).events
    score = score_seed(events, gold, gazetteer=pipeline.gazetteer)
    pairs = score.pairs
    rows = [
        ("required events found", share(len(score.found), score.required) + (f"  missed: {', '.join(score.missed)}" if score.missed else "")),
        ("predicted events", str(len(events))),
        ("false positives", f"{len(score.false_positives)}" + "".join(f"\n      - {e.event_type} at {e.location}: {e.notes[:70]}" for e in score.false_positives)),
        ("events at must-not-locate places", str(len(score.forbidden_places))),
        ("events with 1,502 / 250,000 fatalities", str(len(score.forbidden_fatalities))),
        ("sub-event type right (matched)", share(sum(g["sub_event_type"] == e.sub_event_type for g, e in pairs), len(pairs))),
        ("governorate right (matched)", share(sum(g.get("admin1") is None or g["admin1"] == e.admin1 for g, e in pairs), len(pairs))),
        ("actor1 right (matched)", share(sum(actors_agree(e.actor1, g.get("actor1")) or (g.get("actor1") is None and e.actor1 in (None, "Unidentified Armed Group")) for g, e in pairs), len(pairs))),
        ("actor2 right (matched)", share(sum(actors_agree(e.actor2, g.get("actor2")) for g, e in pairs if "actor2" in g), sum(1 for g, _ in pairs if "actor2" in g))),
        ("date within tolerance (matched)", share(sum(_date_ok(g, e) for g, e in pairs), len(pairs))),
        ("fatalities right (matched)", share(sum(_fatalities_ok(g, e) for g, e in pairs), len(pairs))),
    ]
    print_table("Seed article (seed_gold.json)", rows)
    return score


def _date_ok(gold: dict, event: Event) -> bool:
    if not gold.get("event_date") or event.event_date is None:
        return False
    delta = abs((event.event_date - date.fromisoformat(gold["event_date"])).days)
    return delta <= gold.get("date_tolerance_days", 0)


def _fatalities_ok(gold: dict, event: Event) -> bool:
    expected = gold.get("fatalities")
    if expected is None:
        return event.fatalities is None or (bool(gold.get("fatalities_text")) and event.fatalities == 3)
    return event.fatalities == expected
