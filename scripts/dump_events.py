"""Dump every event the extractor makes on the dev data, and compare two dumps row by row (a measurement, not a test).

    python scripts/dump_events.py dump OUT.json [--root CHECKOUT] [--eval-dir ../shared/eval]
    python scripts/dump_events.py diff OLD.json NEW.json

``dump`` writes two lists: the events of every FA-KES dev article (article id, date, sub-type, place, governorate,
fatalities, both actors, the sentence's start), and for every ACLED dev note the matched event's sub-type, actors,
toll, place and governorate beside ACLED's own. ``diff`` prints the FA-KES articles whose events changed (lines
removed with "-", added with "+") and the ACLED notes whose matched event changed, with counts. Aggregate figures
(``python -m extraction.evaluate``) can stay the same while single rows swap right for wrong; this shows the rows.
``--root`` runs another checkout's code (``git worktree add /tmp/old REV``), so two revisions are dumped the same way.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _dump(out: Path, *, root: Path, eval_dir: Path) -> None:
    sys.path.insert(0, str(root.resolve()))
    from extraction.evaluate.acled import collect
    from extraction.pipeline import Pipeline
    from extraction.records import Article
    from extraction.settings import ExtractionSettings
    from gazetteer import Gazetteer

    gazetteer = Gazetteer.default(data_dir=Path(tempfile.mkdtemp()), online=False)
    articles = []
    pipeline = Pipeline(gazetteer=gazetteer, settings=ExtractionSettings(unquantified_fatalities="none"))
    csv.field_size_limit(10**9)
    with (eval_dir / "fakes_articles_dev.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                published = date.fromisoformat(row["date"])
            except ValueError:
                published = None
            result = pipeline.extract(Article(text=row["article_content"], title=row["article_title"], published=published,
                                              source=row["source"], article_id=row["unit_id"]))
            articles += [[row["unit_id"], str(e.event_date), e.sub_event_type, e.location, e.admin1, e.fatalities,
                          e.actor1, e.actor2, e.notes[:150]] for e in result.events]
    notes_pipeline = Pipeline(gazetteer=gazetteer, settings=ExtractionSettings(unquantified_fatalities="acled"))
    _, pairs, _ = collect(eval_dir / "acled_syria_dev.csv", pipeline=notes_pipeline)
    notes = [[p.gold["notes"][:150], p.gold["sub_event_type"], p.gold["actor1"], p.gold["actor2"], p.gold["fatalities"],
              p.gold["location"], p.event.sub_event_type, p.event.actor1, p.event.actor2, p.event.fatalities,
              p.event.location, p.event.admin1] for p in pairs]
    out.write_text(json.dumps({"fakes": articles, "acled": notes}, ensure_ascii=False), encoding="utf-8")
    print(f"{len(articles)} FA-KES dev events, {len(notes)} matched ACLED notes -> {out}")


def _diff(old_path: Path, new_path: Path) -> None:
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (old_path, new_path))
    before, after = defaultdict(list), defaultdict(list)
    for row in old["fakes"]:
        before[row[0]].append(row)
    for row in new["fakes"]:
        after[row[0]].append(row)
    changed = sorted(k for k in before.keys() | after.keys() if before[k] != after[k])
    for key in changed:
        print(f"== {key}")
        print("\n".join(f"  - {r[1:8]} | {r[8]}" for r in before[key] if r not in after[key]))
        print("\n".join(f"  + {r[1:8]} | {r[8]}" for r in after[key] if r not in before[key]))
    print(f"FA-KES dev: {len(old['fakes'])} -> {len(new['fakes'])} events, {len(changed)} articles changed")
    if len(old["acled"]) == len(new["acled"]):  # the same notes matched: compare them in order
        moved = [(was, now) for was, now in zip(old["acled"], new["acled"]) if was != now]
    else:  # a note gained or lost its event: compare by the note's text
        old_notes = {row[0]: row for row in old["acled"]}
        moved = [(old_notes.get(row[0]), row) for row in new["acled"] if old_notes.get(row[0]) != row]
    for was, now in moved:
        print(f"ACLED note: {now[0]}\n  - {was[6:] if was else None}\n  + {now[6:]}  (ACLED: {now[1:6]})")
    print(f"ACLED dev: {len(new['acled'])} matched notes, {len(moved)} changed (of {len(old['acled'])} before)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dump = commands.add_parser("dump", help="dump the events of the dev data to OUT.json")
    dump.add_argument("out", type=Path)
    dump.add_argument("--root", type=Path, default=ROOT, help="checkout whose code to run")
    dump.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    diff = commands.add_parser("diff", help="compare two dumps row by row")
    diff.add_argument("old", type=Path)
    diff.add_argument("new", type=Path)
    args = parser.parse_args()
    try:
        if args.command == "dump":
            _dump(args.out, root=args.root, eval_dir=args.eval_dir)
        else:
            _diff(args.old, args.new)
    except (OSError, ValueError) as error:  # a missing or unreadable file, or one that is not JSON
        parser.error(f"{type(error).__name__}: {error}")
    except (KeyError, TypeError):
        parser.error("a file given is not a dump of this script (it has no 'fakes' and 'acled' lists)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
