"""Print a random sample of extracted events from FA-KES dev articles outside the hand-coded gold, to judge by
reading (prints events; not a test). Precision on articles nobody coded is what a user sees.

    python scripts/sample_events.py [--seed 77] [--articles 60] [--events 30] [--eval-dir ../shared/eval]

The same seed gives the same articles and events, so a judgement can be repeated on another revision
(run the script with that revision's code on PYTHONPATH).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from extraction.evaluate.articles import DEFAULT_GOLD_DIR
    from extraction.pipeline import Pipeline
    from extraction.records import Article
    from gazetteer import Gazetteer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=77)
    parser.add_argument("--articles", type=int, default=60, help="articles drawn before the events are")
    parser.add_argument("--events", type=int, default=30)
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args()
    gold = {path.stem for path in DEFAULT_GOLD_DIR.glob("*.json")}
    csv.field_size_limit(10_000_000)
    with (args.eval_dir / "fakes_articles_dev.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["unit_id"] not in gold]
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = Pipeline(gazetteer=Gazetteer.default(data_dir=Path(tmp), online=False))
        drawn = []
        for row in rng.sample(rows, min(args.articles, len(rows))):
            try:
                published = date.fromisoformat(row["date"][:10])
            except ValueError:
                published = None  # FA-KES writes some dates as 2/16/2015: the article's own dateline decides
            article = Article(text=row["article_content"], title=row["article_title"], published=published, article_id=row["unit_id"])
            drawn += [(row["unit_id"], event) for event in pipeline.extract(article).events]
    rng.shuffle(drawn)
    for unit_id, e in drawn[: args.events]:
        print(f"[{unit_id}] {e.sub_event_type} | {e.actor1} / {e.actor2} | {e.location} ({e.admin1}, p{e.geo_precision}) "
              f"{e.event_date} f={e.fatalities}\n    {e.notes[:330]}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
