"""How likely an extracted event is right, read from what the event itself shows.

A logistic model over a few properties of the event (its type, how precisely it is
placed, how many sentences report it, whether its actors and toll are named),
fitted on the hand-coded whole-article gold by ``scripts/calibrate_confidence.py``
and stored in ``data/confidence.json`` with the data and the date it was fitted on.
"Calibrated" means: of the events given confidence about p, about p are right
(matched to a gold event) on that gold; the script prints the table, the
evaluator prints it again (``python -m extraction.evaluate``).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from extraction.records import Event

_TABLE = Path(__file__).with_name("data") / "confidence.json"
_UNKNOWN = ("", "unidentified armed group", "unidentified military forces")


def features(event: Event) -> dict[str, float]:
    """The event's properties the model weighs (all 0/1); ``event`` may be any object with an
    Event's fields (the pipeline scores the fields before it builds the frozen record)."""
    kind = event.event_type
    return {
        "battle": float(kind == "Battles"),
        "violence_against_civilians": float(kind == "Violence against civilians"),
        "strategic_development": float(kind == "Strategic developments"),
        "demonstration": float(kind in ("Protests", "Riots")),
        "near_a_place": float(event.geo_precision == 2),
        "region_only": float((event.geo_precision or 3) == 3),
        "reported_twice": float(len(event.mentions) >= 2),
        "initiator_named": float((event.actor1 or "").lower() not in _UNKNOWN),
        "target_named": float(event.actor2 is not None),
        "toll_given": float(event.fatalities is not None),
    }


@lru_cache(maxsize=1)
def model() -> dict:
    return json.loads(_TABLE.read_text(encoding="utf-8"))


def confidence(event: Event) -> float:
    """Probability (0-1, two decimals) that the event matches a hand-coded one."""
    table = model()
    weights = table["weights"]
    z = table["intercept"] + sum(weights.get(name, 0.0) * value for name, value in features(event).items())
    return round(1.0 / (1.0 + math.exp(-z)), 2)
