"""Options of the extraction pipeline (one frozen record, passed explicitly)."""

from __future__ import annotations

from dataclasses import dataclass

from gazetteer.errors import ConfigurationError

UNQUANTIFIED_POLICIES = ("none", "acled")


@dataclass(frozen=True, slots=True)
class ExtractionSettings:
    """How to turn what the text says into ACLED-style values.

    unquantified_fatalities: "none" leaves ``fatalities`` empty for "several",
    "dozens" (the words stay in ``fatalities_text``); "acled" codes ACLED's
    defaults, ``acled_minor`` for a limited event, ``acled_major`` for words
    that mean many ("dozens", "scores").
    spacy_model: name of an installed trained spaCy pipeline whose NER adds
    place candidates (GPE/LOC/FAC); empty means none is needed or used.
    max_places_per_event: "shelled A, B and C" gives one event per place, up to this many.
    history_days: an event the text dates, year included, more than this many
    days before the publication date is history the article recalls ("In May
    2016 a raid on Sarmada left dozens dead"), reported when it happened: no
    event; 0 keeps them all.
    keep_unplaced: also report events placed only at country level ("strikes
    across Syria"); ACLED codes none, and on the hand-coded articles nearly all
    of them were not events (quotes, comments, background).
    """

    unquantified_fatalities: str = "none"
    acled_minor: int = 3
    acled_major: int = 10
    spacy_model: str = ""
    max_places_per_event: int = 6
    country: str = "Syria"
    history_days: int = 90
    keep_unplaced: bool = False

    def __post_init__(self) -> None:
        if self.unquantified_fatalities not in UNQUANTIFIED_POLICIES:
            raise ConfigurationError(
                f"unquantified_fatalities must be one of {UNQUANTIFIED_POLICIES}, got {self.unquantified_fatalities!r}"
            )
        if self.history_days < 0:
            raise ConfigurationError("history_days must be 0 (keep all) or more")
        if self.max_places_per_event < 1:
            raise ConfigurationError("max_places_per_event must be at least 1")
