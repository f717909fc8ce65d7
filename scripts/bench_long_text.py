"""Benchmark: extraction time against text length (it must grow linearly, not with the square).

    python scripts/bench_long_text.py [--sizes 20000 40000 80000 160000 1000000]

The text is the sample articles' sentences repeated until each size is reached, with the numbers
and weekdays varied so that sentences are not all duplicates of each other (dedup would otherwise
make long texts trivially cheap).  Prints seconds per size and the time per 10,000 characters: a
linear extractor keeps that last column flat.  One run of each size on one core; compare sizes
within a run (the machine is shared and noisy).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def long_text(size: int) -> str:
    sentences = []
    for path in sorted((ROOT / "sample_articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 30]
    out: list[str] = []
    total, i = 0, 0
    while total < size:
        sentence = sentences[i % len(sentences)]
        sentence = re.sub(r"\b\d+\b", lambda m: str(int(m.group(0)) + i % 7), sentence)
        sentence = re.sub("|".join(DAYS), DAYS[i % 7], sentence)
        out.append(sentence)
        total += len(sentence) + 1
        i += 1
        if i % 12 == 0:
            out.append("\n")
    return " ".join(out)[:size]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 40_000, 80_000, 160_000, 1_000_000])
    args = parser.parse_args()
    from extraction.pipeline import Pipeline
    from extraction.records import Article
    from gazetteer import Gazetteer

    pipeline = Pipeline(gazetteer=Gazetteer.default(data_dir=Path(tempfile.mkdtemp()), online=False))
    pipeline.extract(Article(text=long_text(2_000), article_id="warm"))
    print(f"{'characters':>12}  {'seconds':>8}  {'s per 10k chars':>15}  {'events':>7}")
    for size in args.sizes:
        text = long_text(size)
        start = time.perf_counter()
        events = pipeline.extract(Article(text=text, article_id=f"n{size}")).events
        seconds = time.perf_counter() - start
        print(f"{size:>12,}  {seconds:>8.2f}  {seconds / size * 10_000:>15.3f}  {len(events):>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
