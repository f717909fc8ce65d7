"""Load an ACLED export into the event store, next to the events extracted from articles.

    python -m dashboard.import_acled FILE.csv [--editor NAME]

Each ACLED event becomes one stored "article" of source ``ACLED`` (its id ``acled-<event_id_cnty>``, its
text the event's id, date and place followed by ACLED's notes) holding that one event, so that everything
the store does for articles holds for it: versions, history, deletion, the filters and the exports.
ACLED's own fields are kept: its sources in ``source``, its notes in ``notes``, its coordinates and
precision codes.  Actor names are turned into ours where the table of ``extraction/acled_names.py`` knows
them ("Military Forces of Syria (2000-)" -> "Military Forces of Syria"), so that the actor filter lists
one name per actor.

Any of ACLED's column layouts is read: upper- or lower-case headers, with or without ``sub_event_type``
(the old typology of 2017 and before: "Remote violence", "Battle-No change of territory", ... is mapped to
the current one by ``extraction.taxonomy.normalise_event_type``), dates as "02 January 2017",
"29-Apr-20", "2017-01-02" or "02/01/2017" (``extraction.acled_names.parse_acled_date``).  Importing is idempotent: an event already imported with the same
fields changes nothing; one whose fields changed (ACLED revises its data) becomes a new version of that
event, the earlier one kept in its history.  A row that cannot be read is reported by its line number,
with the reason, and the others are imported.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from extraction.acled_names import our_name, parse_acled_date
from extraction.records import MAX_EVENT_FATALITIES, Article, Event, Mention
from extraction.taxonomy import event_types, normalise_event_type
from gazetteer.admin import canonical_admin1
from gazetteer.errors import ConflictMapError, InputError

SOURCE = "ACLED"  # the articles' source: what tells imported events from extracted ones
ID_PREFIX = "acled-"
MAX_ROWS = 2_000_000
_ID_COLUMNS = ("event_id_cnty", "event_id", "data_id", "event_id_no_cnty")


@dataclass(frozen=True)
class Report:
    """What an import did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: tuple[str, ...] = ()  # "line 7: no event date", ...

    def summary(self) -> str:
        text = (f"{self.added:,} ACLED events added, {self.updated:,} updated (a new version each), "
                f"{self.unchanged:,} unchanged")
        if self.refused:
            text += f"; {len(self.refused):,} rows refused (" + "; ".join(self.refused[:5])
            text += ", ..." if len(self.refused) > 5 else ""
            text += ")"
        return text + "."


@dataclass
class _Rows:
    pairs: list[tuple[Article, Event]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def is_acled(event_id: str | None) -> bool:
    """Whether an event (or article) id is one this importer made."""
    return bool(event_id) and str(event_id).startswith(ID_PREFIX)


def _date(text: str) -> date:
    day = parse_acled_date(text or "")
    if day is None:
        raise InputError(f"event_date {text.strip()[:40]!r} is not a date ACLED writes (such as 02 January 2017, "
                         "29-Apr-20 or 2017-01-02)")
    return day


def _number(text: str, name: str) -> float | None:
    """A cell read as a number; None when it is empty."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{name} {text!r} is not a number") from None


def _int(text: str, name: str, *, low: int = 0, high: int = MAX_EVENT_FATALITIES) -> int | None:
    value = _number(text, name)
    if value is None:
        return None
    if value != value or not low <= value <= high or value != int(value):
        raise InputError(f"{name} {text.strip()!r} is not a whole number from {low} to {high:,}")
    return int(value)


def _float(text: str, name: str, low: float, high: float) -> float | None:
    value = _number(text, name)
    if value is not None and not low <= value <= high:
        raise InputError(f"{name} {value} is outside {low}..{high}")
    return value


def _text(row: dict[str, str], name: str) -> str:
    return (row.get(name) or "").strip()


def to_event(row: dict[str, str]) -> tuple[Article, Event]:
    """One ACLED row (lower-case headers) -> its article and event; InputError says what is wrong."""
    acled_id = next((_text(row, c) for c in _ID_COLUMNS if _text(row, c)), "")
    if not acled_id:
        raise InputError("no event id (event_id_cnty)")
    if len(acled_id) > 64 or not acled_id.replace("-", "").replace("_", "").isalnum():
        raise InputError(f"event id {acled_id[:70]!r} is not an ACLED id")
    day = _date(_text(row, "event_date"))
    event_type, sub_event_type = normalise_event_type(_text(row, "event_type"), _text(row, "sub_event_type"))
    if event_type not in event_types():
        raise InputError(f"event_type {event_type!r} is not one of ACLED's")
    lat = _float(_text(row, "latitude"), "latitude", -90, 90)
    lon = _float(_text(row, "longitude"), "longitude", -180, 180)
    if (lat is None) != (lon is None):
        raise InputError("only one of latitude and longitude is given")
    notes = _text(row, "notes")
    location = _text(row, "location") or None
    written_admin1 = _text(row, "admin1") or None
    # ACLED's spellings of the governorates (Idleb, Dara, Al-Hasakeh) as ours, so that filters, merging and
    # the comparison see one governorate under one name.
    admin1 = (canonical_admin1(written_admin1) or written_admin1) if written_admin1 else None
    header = f"ACLED event {acled_id}, {day.isoformat()}, {location or admin1 or 'place unknown'}\n"
    text = header + (notes or f"{event_type}: {sub_event_type}".rstrip(": "))
    article = Article(text=text, title=f"ACLED {acled_id}: {sub_event_type or event_type} in {location or admin1 or '?'}",
                      published=day, source=SOURCE, url="", article_id=ID_PREFIX + acled_id)
    start, end = len(header), len(text)
    event = Event(
        event_id=ID_PREFIX + acled_id, event_date=day, time_precision=_int(_text(row, "time_precision"), "time_precision", low=1, high=3),
        event_type=event_type, sub_event_type=sub_event_type,
        actor1=our_name(_text(row, "actor1")), assoc_actor_1=_text(row, "assoc_actor_1") or None,
        actor2=our_name(_text(row, "actor2")), assoc_actor_2=_text(row, "assoc_actor_2") or None,
        inter1=_int(_text(row, "inter1"), "inter1", high=9), inter2=_int(_text(row, "inter2"), "inter2", high=9),
        country=_text(row, "country") or "Syria", admin1=admin1, admin2=_text(row, "admin2") or None,
        location=location, latitude=lat, longitude=lon,
        geo_precision=_int(_text(row, "geo_precision"), "geo_precision", low=1, high=3),
        fatalities=_int(_text(row, "fatalities"), "fatalities"), fatalities_low=None, fatalities_high=None,
        notes=notes, source=_text(row, "source"), source_url="", article_id=article.article_id,
        location_text=location, sentence_start=start, sentence_end=end, confidence=1.0,
        location_source=f"acled:{acled_id}",
        mentions=(Mention(article.article_id, text[start:end], start, end),),
    )
    return article, event


def read_rows(handle: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row with lower-case headers) for each data row of an ACLED CSV."""
    reader = csv.reader(handle)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the file is empty: no ACLED header row") from None
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    missing = [c for c in ("event_date", "event_type") if c not in names]
    if missing or not any(c in names for c in _ID_COLUMNS):
        raise InputError("this is not an ACLED export: the header has no "
                         + ", ".join(missing + ([] if any(c in names for c in _ID_COLUMNS) else ["event_id_cnty"])))
    for number, values in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            raise InputError(f"more than {MAX_ROWS:,} rows: split the file")
        if not any(v.strip() for v in values):
            continue
        yield reader.line_num, dict(zip(names, values))


def parse(data: bytes) -> _Rows:
    """Every row of an ACLED CSV read into (article, event), and the rows refused with their reason."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # older ACLED exports from Excel
    if "\x00" in text:
        raise InputError("the file is binary, not an ACLED CSV")
    out = _Rows()
    seen: set[str] = set()
    try:
        for line, row in read_rows(io.StringIO(text, newline="")):
            try:
                article, event = to_event(row)
            except InputError as err:
                out.refused.append(f"line {line}: {err}")
                continue
            if event.event_id in seen:
                out.refused.append(f"line {line}: event {event.event_id[len(ID_PREFIX):]} appears twice in the file")
                continue
            seen.add(event.event_id)
            out.pairs.append((article, event))
    except csv.Error as err:
        raise InputError(f"the CSV is malformed ({err})") from err
    return out


def _same(a: Event, b: Event) -> bool:
    keep = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
            "assoc_actor_2", "inter1", "inter2", "admin1", "admin2", "location", "latitude", "longitude",
            "geo_precision", "fatalities", "notes", "source")
    return all(getattr(a, k) == getattr(b, k) for k in keep)


def import_acled(store, data: bytes, *, editor: str = "local") -> Report:  # noqa: ANN001 - an EventStore
    """Import (or re-import) an ACLED CSV's bytes into ``store``."""
    rows = parse(data)
    added = updated = unchanged = 0
    refused = list(rows.refused)
    for article, event in rows.pairs:
        try:
            stored = store.get_article(article.article_id)
            if stored is None:
                store.save_article(article, [event], editor=editor, kind="imported", note="ACLED import")
                added += 1
                continue
            current = store.events_for_article(article.article_id)
            if len(current) == 1 and _same(current[0], event) and stored.text == article.text:
                unchanged += 1
                continue
            if stored.text != article.text:
                # The notes changed: the text is the article, so the old one is replaced (its history kept).
                store.delete_article(article.article_id, editor=editor, note="ACLED re-import: notes revised")
                store.save_article(article, [event], editor=editor, kind="imported", note="ACLED re-import")
            else:
                store.update_events(article.article_id, [event], editor=editor, kind="imported",
                                    note="ACLED re-import: fields revised")
            updated += 1
        except ConflictMapError as err:
            refused.append(f"event {article.article_id[len(ID_PREFIX):]}: {err}")
    return Report(added=added, updated=updated, unchanged=unchanged, refused=tuple(refused))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.import_acled", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, help="an ACLED export (CSV)")
    parser.add_argument("--editor", default="import", help="who the versions are recorded for (default: import)")
    args = parser.parse_args(argv)
    from dashboard.store import open_store

    try:
        if not args.file.is_file():
            raise InputError(f"there is no file {args.file}")
        report = import_acled(open_store(), args.file.read_bytes(), editor=args.editor)
    except ConflictMapError as err:
        print(f"import_acled: {err}", file=sys.stderr)
        return 1
    print(report.summary())
    for problem in report.refused[5:25]:
        print(f"  {problem}", file=sys.stderr)
    if len(report.refused) > 25:
        print(f"  ... and {len(report.refused) - 25:,} more rows refused", file=sys.stderr)
    return 0 if not report.refused else 2


if __name__ == "__main__":
    sys.exit(main())
