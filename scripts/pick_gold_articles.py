"""Print the FA-KES dev articles chosen for hand coding (tests/gold/fakes/).

Three articles per outlet (15 outlets), drawn with a fixed seed; where an outlet
has articles of over 600 words, one of its three is drawn from those, so that
long articles are in the set. Run: python scripts/pick_gold_articles.py [CSV]
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "fakes_articles_dev.csv"


def pick(rows: list[dict], *, per_source: int = 3, seed: int = 2026) -> list[dict]:
    rng = random.Random(seed)
    by_source: dict[str, list[dict]] = {}
    for row in rows:
        by_source.setdefault(row["source"], []).append(row)
    chosen: list[dict] = []
    for source in sorted(by_source):
        group = by_source[source]
        long = [r for r in group if len(r["article_content"].split()) > 600]
        picks = [rng.choice(long)] if long else []
        rest = [r for r in group if r not in picks]
        picks += rng.sample(rest, min(per_source - len(picks), len(rest)))
        chosen += picks
    return chosen


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in pick(rows):
        print(row["unit_id"], row["source"], row["date"], len(row["article_content"].split()), row["article_title"][:70], sep="\t")


if __name__ == "__main__":
    main()
