"""Which place in a sentence is the event's place: score against event_location
jsonl (character spans of the event VERB and of the LOCATION where it happened).

The gold verb stands in for our trigger (its clause bounded by our other
triggers, as in extraction) so that the place-choice rules are measured alone; recognition recall (is the gold place found at all) and a
"first place in the sentence" baseline are printed beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

from extraction.evaluate.common import print_table, share
from extraction.placechoice import choose_places
from extraction.events import clause_region
from extraction.sentence import PlaceMention, SentenceFacts, TriggerMention, read_sentences


def _overlaps(place: PlaceMention, spans: list[dict]) -> bool:
    return any(place.start < s["end"] and s["start"] < place.end for s in spans)


def _as_one_sentence(doc) -> SentenceFacts:
    facts = read_sentences(doc)
    places = tuple(p for f in facts for p in f.places)
    actors = tuple(a for f in facts for a in f.actors)
    triggers = tuple(t for f in facts for t in f.triggers)
    text = doc.user_data.get("text") or doc.text
    return SentenceFacts(0, 0, len(text), text, "body", places, actors, triggers, (), ())


NEAR_VERB = 25  # characters


def _choice(facts: SentenceFacts, text: str, verb: dict, *, margin: int):
    gold = TriggerMention(verb["start"], verb["end"], text[verb["start"] : verb["end"]], "", "strong")
    others = [t for t in facts.triggers if t.end <= verb["start"] - margin or t.start >= verb["end"] + margin]
    region = clause_region(facts, gold, sorted([*others, gold], key=lambda t: t.start))
    return choose_places(facts, region=region, trigger=(verb["start"], verb["end"]))


def run(path: Path, *, pipeline, limit: int | None = None) -> dict[str, float]:
    lines = path.read_text(encoding="utf-8").splitlines()[:limit] if limit else path.read_text(encoding="utf-8").splitlines()
    with_gold = recognised = chosen_ok = first_ok = gold_spans = gold_found = 0
    without_gold = abstained = strict_ok = 0
    for line in lines:
        item = json.loads(line)
        spans = item.get("spans") or []
        verbs = [s for s in spans if s["label"] == "VERB"]
        golds = [s for s in spans if s["label"] == "LOCATION"]
        if not verbs:
            continue
        facts = _as_one_sentence(pipeline.process(item["text"], all_sentences=True))
        verb = verbs[0]
        # Our trigger within a few words of the gold verb ("launched a counter-offensive",
        # "shelling killed") is the same event word, as it is in extraction; "strict" keeps
        # every other trigger of ours as a clause boundary.
        choice = _choice(facts, item["text"], verb, margin=NEAR_VERB)
        strict = _choice(facts, item["text"], verb, margin=0)
        if not golds:
            without_gold += 1
            abstained += not choice.places or choice.precision == 3
            continue
        with_gold += 1
        gold_spans += len(golds)
        gold_found += sum(any(p.start < g["end"] and g["start"] < p.end for p in facts.places) for g in golds)
        if not facts.places:
            continue
        recognised += 1
        chosen_ok += bool(choice.places) and _overlaps(choice.places[0], golds)
        strict_ok += bool(strict.places) and _overlaps(strict.places[0], golds)
        first_ok += _overlaps(facts.places[0], golds)
    rows = [
        ("sentences with a gold event place", str(with_gold)),
        ("gold place spans recognised as places", share(gold_found, gold_spans)),
        ("sentences where we recognised any place", share(recognised, with_gold)),
        ("event place chosen right (of those)", share(chosen_ok, recognised)),
        (f"  strict: our triggers within {NEAR_VERB} chars also bound", share(strict_ok, recognised)),
        ("  baseline: first place in sentence", share(first_ok, recognised)),
        ("event place chosen right (of all with gold)", share(chosen_ok, with_gold)),
        ("sentences with no gold place: no town chosen", share(abstained, without_gold)),
    ]
    print_table(f"Event place choice ({path.name}; gold verb as trigger)", rows)
    return {"choice": chosen_ok / max(1, recognised)}
