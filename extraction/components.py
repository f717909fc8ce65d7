"""spaCy components of the extraction pipeline: a factory plus a small class each.

Every component writes spans into ``doc.spans`` under one key ("PLACE",
"ACTOR", "TRIGGER", "DATE", "FATALITIES"); the rules in ``extraction.sentence``
read them.  Pattern data comes from ``extraction/data`` (see ``lexicon``).
Span labels carry the detail: the actor key, "strong:Armed clash", the place's
source ("gazetteer" or "cue").  Values that are not strings (dates, counts)
go to ``doc.user_data``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extraction import placecues
from extraction.dates import find_dates
from extraction.fatalities import find_fatalities
from extraction.lexicon import actors, triggers


def _char_spans(doc: Doc, ranges: Iterable[tuple[int, int, str]]) -> list[Span]:
    spans = []
    for start, end, label in ranges:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


class LineBreaks:
    """Start a new sentence after every line break: headlines, captions and
    "See Also" lines stand on their own lines and must not join the body."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if "\n" in token.text or "\n" in token.whitespace_:
                doc[token.i + 1].is_sent_start = True
        return doc


@Language.factory("conflict_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks()


class PlaceRecognizer:
    """Places from gazetteer names (matched on lower case, must be capitalised
    in the text) plus capitalised names after cues ("the town of X", "X province")."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # A separate tokenizer builds the patterns so the main tokenizer's cache
        # is not filled with gazetteer names (PERFORMANCE.md).
        self._pattern_nlp = Language(nlp.vocab)
        self.count = 0

    def add_forms(self, forms: Iterable[str], *, label: str = "gazetteer") -> None:
        """Add place names; ``label`` says where they come from ("gazetteer", "region")."""
        batch = []
        for form in forms:
            if len(form) >= 3:
                batch.append(self._pattern_nlp.make_doc(form))
        if batch:
            self.matcher.add(label, batch)
            self.count += len(batch)

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=match_id)
            first = span.text[:1]
            if first.isupper() or placecues.is_arabic(first):
                found.append(span)
        found += _char_spans(doc, ((s, e, "cue") for s, e in placecues.cue_names(doc.text)))
        # Names from tables are trusted; names found by cues must look like names.
        doc.spans["PLACE"] = [s for s in filter_spans(found) if s.label_ != "cue" or placecues.plausible_name(s.text)]
        return doc


@Language.factory("conflict_places")
def make_places(nlp: Language, name: str) -> PlaceRecognizer:
    return PlaceRecognizer(nlp)


class ActorRecognizer:
    """Actors from the lexicon; acronyms that are also English words ("IS")
    match only with their exact case."""

    def __init__(self, nlp: Language) -> None:
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        make = Language(nlp.vocab).make_doc
        for actor in actors().values():
            self.lower.add(actor.key, [make(alias) for alias in actor.aliases])
            if actor.exact_aliases:
                self.exact.add(actor.key, [make(alias) for alias in actor.exact_aliases])

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=key) for key, s, e in self.lower(doc)]
        spans += [Span(doc, s, e, label=key) for key, s, e in self.exact(doc)]
        doc.spans["ACTOR"] = filter_spans(spans)
        return doc


@Language.factory("conflict_actors")
def make_actors(nlp: Language, name: str) -> ActorRecognizer:
    return ActorRecognizer(nlp)


class TriggerRecognizer:
    """Trigger words and token patterns -> "strength:sub-event type" spans."""

    def __init__(self, nlp: Language) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns = Matcher(nlp.vocab)
        make = Language(nlp.vocab).make_doc
        for entry in triggers():
            label = f"{entry.strength}:{entry.sub_event_type}"
            if entry.phrases:
                self.phrases.add(label, [make(p) for p in entry.phrases])
            if entry.pattern:
                self.patterns.add(label, [list(entry.pattern)])

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=k) for k, s, e in self.phrases(doc)]
        spans += [Span(doc, s, e, label=k) for k, s, e in self.patterns(doc)]
        doc.spans["TRIGGER"] = filter_spans(spans)
        return doc


@Language.factory("conflict_triggers")
def make_triggers(nlp: Language, name: str) -> TriggerRecognizer:
    return TriggerRecognizer(nlp)


class DateRecognizer:
    """Date expressions resolved against ``doc.user_data["published"]``."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_dates(doc.text, published=doc.user_data.get("published"))
        doc.user_data["dates"] = mentions
        doc.spans["DATE"] = _char_spans(doc, ((m.start, m.end, m.value.isoformat()) for m in mentions))
        return doc


@Language.factory("conflict_dates")
def make_dates(nlp: Language, name: str) -> DateRecognizer:
    return DateRecognizer()


class FatalityRecognizer:
    """Statements about deaths (counts, ranges, vague quantities)."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_fatalities(doc.text)
        doc.user_data["fatalities"] = mentions
        labels = ((m.start, m.end, m.vague or f"{m.low}-{m.high}") for m in mentions)
        doc.spans["FATALITIES"] = _char_spans(doc, labels)
        return doc


@Language.factory("conflict_fatalities")
def make_fatalities(nlp: Language, name: str) -> FatalityRecognizer:
    return FatalityRecognizer()


_NON_SPACE = re.compile(r"\S")
