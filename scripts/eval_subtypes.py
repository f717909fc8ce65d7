"""Sub-event type accuracy on real sentences (prints figures; a measurement, not a test).

    python scripts/eval_subtypes.py [--gold tests/gold/subtypes.jsonl] [--eval-dir ../shared/eval]
                                    [--user-store] [--misses]

Reads the sub-type test set (tests/gold/subtypes.jsonl, described in tests/gold/SUBTYPES.md).
Each line points at a sentence in one of the dev files under ``--eval-dir`` (ACLED notes,
FA-KES articles, event_location sentences) by row and character span; the source text
is looked up there and its sha1 compared with the one stored (a mismatch is skipped with
a warning, since the span may no longer point at the same sentence).  The sentence alone
is run through the extractor as a one-sentence article (ACLED rows are dated with the
row's ``event_date``) and the sub-type of the first event found is the prediction
("none" when no event comes out).

Entries marked ``"history": true`` are sentences that only recall an earlier event (a 2013 deal in a 2017
article, "said last month it had agreed"): kept as a record of why they left the sub-type table, they are
scored apart and must give no event; their count is printed after the table.

Prints per sub-type n, right and accuracy, the macro average over sub-types with n > 0,
micro accuracy, and the confusions (gold -> predicted, counts).  Always exits 0.

By default the gazetteer runs offline on an empty temporary user store, so the figures
do not depend on places added on this machine; ``--user-store`` uses ``Pipeline()``
with the default store instead.  The source texts are never copied into the project.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = {
    "acled": "acled_syria_dev.csv",
    "fakes": "fakes_articles_dev.csv",
    "event_location": "event_location_syria_dev.jsonl",
}


@dataclass(frozen=True)
class Item:
    """One gold sentence resolved against its source file."""

    gold: dict[str, Any]
    text: str
    published: date | None


@dataclass
class Tally:
    n: int = 0
    right: int = 0


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_gold(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_sources(eval_dir: Path) -> dict[str, list[dict[str, str]]]:
    """Each source as a list of rows; a missing file gives an empty list (its entries are skipped)."""
    rows: dict[str, list[dict[str, str]]] = {}
    for name, filename in SOURCES.items():
        path = eval_dir / filename
        if not path.exists():
            print(f"warning: {path} not found; its entries are skipped", file=sys.stderr)
            rows[name] = []
        elif path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as handle:
                rows[name] = [{"text": json.loads(line)["text"]} for line in handle if line.strip()]
        else:
            rows[name] = read_csv_rows(path)
    return rows


def source_text(source: str, row: dict[str, str]) -> str:
    return {"acled": row.get("notes", ""), "fakes": row.get("article_content", "")}.get(source, row.get("text", ""))


def resolve(
    gold: list[dict[str, Any]],
    sources: dict[str, list[dict[str, str]]],
    parse_date: Callable[[str], date | None],
) -> tuple[list[Item], int]:
    """Gold entries with their sentence text; entries whose source changed are skipped."""
    items: list[Item] = []
    skipped = 0
    for entry in gold:
        if "text" in entry:
            # Written test sentences (subtypes_written_*.jsonl) carry their own text: nothing to look up.
            items.append(Item(gold=entry, text=entry["text"], published=None))
            continue
        rows = sources.get(entry["source"], [])
        number = int(entry["row"])
        where = f"{entry['source']} row {number}"
        if number >= len(rows):
            print(f"warning: {where} not in the source file; skipped", file=sys.stderr)
            skipped += 1
            continue
        row = rows[number]
        text = source_text(entry["source"], row)
        if sha1(text) != entry["sha1"]:
            print(f"warning: {where}: source text differs from the one labelled (sha1); skipped", file=sys.stderr)
            skipped += 1
            continue
        if entry["source"] == "fakes" and entry.get("unit_id") and row.get("unit_id") != entry["unit_id"]:
            print(f"warning: {where}: unit_id differs; skipped", file=sys.stderr)
            skipped += 1
            continue
        start, end = entry["span"]
        published = parse_date(row.get("event_date", "")) if entry["source"] == "acled" else None
        items.append(Item(gold=entry, text=text[start:end], published=published))
    return items, skipped


def build_extractor(user_store: bool, data_dir: Path) -> Callable[[str, date | None], str]:
    """A function sentence -> predicted sub-type of its first event ("none" / "error")."""
    from extraction.pipeline import Pipeline
    from extraction.records import Article

    from extraction.settings import ExtractionSettings
    from gazetteer import Gazetteer

    # One sentence alone often names no Syrian place ("fired missiles containing toxic gas at Kurdish
    # forces"): keep_unplaced keeps its event, so that this measures the sub-type, not the placing.
    settings = ExtractionSettings(keep_unplaced=True)
    gazetteer = Gazetteer.default() if user_store else Gazetteer.default(data_dir=data_dir, online=False)
    pipeline = Pipeline(gazetteer=gazetteer, settings=settings)

    def predict(text: str, published: date | None) -> str:
        try:
            events = pipeline.extract(Article(text=text, article_id="s", published=published)).events
        except Exception as exc:  # a measurement: one failing sentence must not stop the run
            print(f"warning: extractor failed ({type(exc).__name__}: {exc})", file=sys.stderr)
            return "error"
        return events[0].sub_event_type if events else "none"

    return predict


def score(items: list[Item], predict: Callable[[str, date | None], str]) -> tuple[dict[str, Tally], Counter, list[tuple[Item, str]]]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    confusions: Counter = Counter()
    misses: list[tuple[Item, str]] = []
    for item in items:
        if item.gold.get("history"):
            continue
        gold = item.gold["sub_event_type"]
        predicted = predict(item.text, item.published)
        tally = tallies[gold]
        tally.n += 1
        if predicted == gold:
            tally.right += 1
        else:
            confusions[(gold, predicted)] += 1
            misses.append((item, predicted))
    return tallies, confusions, misses


def score_history(items: list[Item], predict: Callable[[str, date | None], str]) -> tuple[Tally, list[tuple[Item, str]]]:
    """History entries: right when the sentence gives no event."""
    tally = Tally()
    misses: list[tuple[Item, str]] = []
    for item in items:
        if not item.gold.get("history"):
            continue
        predicted = predict(item.text, item.published)
        tally.n += 1
        if predicted == "none":
            tally.right += 1
        else:
            misses.append((item, predicted))
    return tally, misses


def print_history(tally: Tally, misses: list[tuple[Item, str]], *, show: bool) -> None:
    if not tally.n:
        return
    print(f"\nhistory (recalled events, must give no event): {tally.right}/{tally.n} right")
    if show:
        for item, predicted in misses:
            g = item.gold
            print(f"  {g['source']} {g['row']} {g['span']}: recalls {g['sub_event_type']}, gave {predicted} | {item.text[:160]}")


def print_report(order: list[str], tallies: dict[str, Tally], confusions: Counter, skipped: int) -> None:
    width = max(len(name) for name in order)
    print(f"{'sub-event type':<{width}}  {'n':>3}  {'right':>5}  {'accuracy':>8}")
    print("-" * (width + 24))
    for name in order + sorted(set(tallies) - set(order)):
        tally = tallies.get(name, Tally())
        accuracy = f"{tally.right / tally.n:8.1%}" if tally.n else f"{'n/a':>8}"
        print(f"{name:<{width}}  {tally.n:>3}  {tally.right:>5}  {accuracy}")
    filled = [t for t in tallies.values() if t.n]
    total = sum(t.n for t in filled)
    right = sum(t.right for t in filled)
    print("-" * (width + 24))
    if filled:
        macro = sum(t.right / t.n for t in filled) / len(filled)
        print(f"macro average over {len(filled)} sub-types with n > 0: {macro:.1%}")
        print(f"micro (all {total} sentences): {right}/{total} = {right / total:.1%}")
    if skipped:
        print(f"skipped (source missing or changed): {skipped}")
    print("\nconfusions (gold -> predicted: count)")
    for (gold, predicted), count in sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {gold} -> {predicted}: {count}")


def print_misses(misses: list[tuple[Item, str]]) -> None:
    print("\nmisses (source row span: gold -> predicted | sentence)")
    for item, predicted in misses:
        g = item.gold
        where = f"{g['source']} {g['row']} {g['span']}" if "source" in g else f"written ({g.get('country', '')})"
        print(f"  {where}: {g['sub_event_type']} -> {predicted} | {item.text[:160]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "subtypes.jsonl")
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--user-store", action="store_true", help="use Pipeline() with the default gazetteer store")
    parser.add_argument("--misses", action="store_true", help="also list every misclassified sentence")
    args = parser.parse_args()
    try:
        from extraction.evaluate.common import parse_acled_date
        from extraction.taxonomy import sub_event_types

        gold = read_gold(args.gold)
        items, skipped = resolve(gold, load_sources(args.eval_dir), parse_acled_date)
        with tempfile.TemporaryDirectory() as tmp:
            predict = build_extractor(args.user_store, Path(tmp))
            tallies, confusions, misses = score(items, predict)
            history, history_misses = score_history(items, predict)
        print(f"Sub-type test set: {len(gold)} entries, {len(items)} scored ({args.gold})\n")
        print_report(list(sub_event_types()), tallies, confusions, skipped)
        print_history(history, history_misses, show=args.misses)
        if args.misses:
            print_misses(misses)
    except Exception as exc:  # measurement script: report and still exit 0
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
