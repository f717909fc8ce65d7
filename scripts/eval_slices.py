"""Figures by slice of the dev data (prints figures; not a test).

    python scripts/eval_slices.py [--root CHECKOUT] [--eval-dir ../shared/eval]

- ACLED dev notes by year (and the 2020 rows of every type apart): within 10 km,
  governorate right and sub-event type right, as ``python -m extraction.evaluate`` counts them.  A rule that
  helps only the slice it was written on shows up here.
- The hand-coded gold articles split by ``tests/gold/opened_while_writing_rules.txt``: event precision and
  recall on the articles read while writing rules, and on those nobody opened.
- FA-KES dev articles (no event gold): events per article and their geo_precision mix,
  to see how many more or fewer events a change makes on whole articles.

``--root`` runs another checkout's code (e.g. ``git worktree add /tmp/old REV``) with the
same script, so two revisions are measured the same way.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose code to run")
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    from extraction.evaluate.acled import collect
    from extraction.evaluate.common import admin_key
    from extraction.taxonomy import normalise_event_type
    from extraction.pipeline import Pipeline
    from extraction.records import Article
    from gazetteer import Gazetteer

    with tempfile.TemporaryDirectory() as tmp:
        pipeline = Pipeline(gazetteer=Gazetteer.default(data_dir=Path(tmp), online=False))
        _, pairs, _ = collect(args.eval_dir / "acled_syria_dev.csv", pipeline=pipeline)
        slices: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for pair in pairs:
            year = pair.gold["year"]
            name = f"{year} all types" if year == "2020" and pair.gold["event_type"] != "Battles" else year
            counts = slices[name]
            counts[0] += 1
            counts[1] += pair.km is not None and pair.km <= 10
            counts[2] += admin_key(pair.gold["admin1"]) == admin_key(pair.event.admin1)
            counts[3] += normalise_event_type(pair.gold["event_type"], pair.gold["sub_event_type"])[1] == pair.event.sub_event_type
        print(f"ACLED dev notes by year ({args.root}):")
        for name in sorted(slices):
            n, near, admin, sub = slices[name]
            print(
                f"  {name:<16} {n:4d} rows   within 10 km {near / n:6.1%}   governorate right {admin / n:6.1%}"
                f"   sub-event type right {sub / n:6.1%}"
            )
        csv.field_size_limit(10_000_000)
        _gold_split(pipeline, args.eval_dir)
        with (args.eval_dir / "fakes_articles_dev.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        events, precision = 0, Counter()
        for number, row in enumerate(rows):
            found = pipeline.extract(Article(text=row["article_content"], article_id=str(number))).events
            events += len(found)
            precision.update(e.geo_precision for e in found)
        mix = ", ".join(f"precision {k}: {v}" for k, v in sorted(precision.items(), key=lambda kv: kv[0] or 9))
        print(f"FA-KES dev: {len(rows)} articles, {events / len(rows):.2f} events per article ({mix})")
    return 0


def _gold_split(pipeline, eval_dir: Path) -> None:  # noqa: ANN001
    """Whole-article precision and recall on the gold articles read while writing rules, and on the others."""
    from extraction.evaluate.articles import DEFAULT_GOLD_DIR, load_gold, match
    from extraction.records import Article

    listed = ROOT / "tests" / "gold" / "opened_while_writing_rules.txt"
    opened = {line.strip() for line in listed.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
    golds, _ = load_gold(DEFAULT_GOLD_DIR, eval_dir / "fakes_articles_dev.csv")
    print("Whole-article gold by whether its text was read while writing rules:")
    for name, keep in (("opened", lambda a: a.article_id in opened), ("never opened", lambda a: a.article_id not in opened)):
        right = predicted = required = count = 0
        for gold in (a for a in golds if keep(a)):
            article = Article(text=gold.text, title=gold.title, published=gold.published, article_id=gold.article_id, source=gold.source)
            score = match(list(pipeline.extract(article).events), gold.events)
            right, predicted = right + len(score.pairs), predicted + len(score.pairs) + len(score.false_positives)
            required, count = required + score.required, count + 1
        print(f"  {name:<13} {count:3d} articles   precision {right}/{predicted} = {right / max(1, predicted):.1%}"
              f"   recall {right}/{required} = {right / max(1, required):.1%}")


if __name__ == "__main__":
    raise SystemExit(main())
