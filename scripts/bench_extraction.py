"""Benchmark: extraction speed and peak memory on 500-word articles, one core.

    python scripts/bench_extraction.py [--articles 300] [--words 500]

Articles come from FA-KES (../shared/eval/fakes_articles_dev.csv, real news on
Syrian casualty events) cut or padded to the word count; without it, from the
bundled sample article with its sentences shuffled.  The same run times
spaCy's blank English tokenizer alone as the floor.  spaCy's trained small
English pipeline (en_core_web_sm) cannot be installed here (no model package on
the registries this machine reaches), so it is not timed; PERFORMANCE.md gives
spaCy's published CPU speeds for comparison.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FAKES = ROOT.parent / "shared" / "eval" / "fakes_articles_dev.csv"
SAMPLE = ROOT / "sample_articles" / "2015-12-02_new-arab_is-advance-in-aleppo.txt"


def _fit(words: list[str], size: int, pool: list[str], rng: random.Random) -> str:
    while len(words) < size:
        words += rng.choice(pool).split()
    return " ".join(words[:size])


def articles(count: int, size: int) -> tuple[list[str], str]:
    rng = random.Random(7)
    if FAKES.is_file():
        csv.field_size_limit(10_000_000)
        with FAKES.open(encoding="utf-8", newline="") as handle:
            texts = [row["article_content"] for row in csv.DictReader(handle) if row["article_content"].strip()]
        chosen = [texts[i % len(texts)] for i in range(count)]
        return [_fit(t.split(), size, texts, rng) for t in chosen], f"FA-KES articles ({FAKES.name})"
    sentences = [s.strip() + "." for s in SAMPLE.read_text(encoding="utf-8").split(".") if s.strip()]
    out = []
    for _ in range(count):
        rng.shuffle(sentences)
        out.append(_fit([], size, [" ".join(sentences)], rng))
    return out, f"shuffled sentences of {SAMPLE.name}"


def rate(label: str, texts: list[str], work) -> float:
    started = time.perf_counter()
    for text in texts:
        work(text)
    elapsed = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    print(f"  {label:<44} {len(texts) / elapsed:8.1f} articles/s  {words / elapsed:10.0f} words/s")
    return len(texts) / elapsed


def _peak_rss_mib() -> float:
    """Peak resident set size of this process (VmHWM; getrusage's when /proc is absent)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _baseline_rss(texts: list[str]) -> float:
    """Peak RSS of a fresh process that only tokenizes the same texts with spacy.blank("en")."""
    code = (
        "import json,resource,sys,spacy\n"
        "nlp=spacy.blank('en')\n"
        "[nlp.make_doc(t) for t in json.load(sys.stdin)]\n"
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
    )
    done = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True, check=True)
    return float(done.stdout.strip()) / 1024  # VmHWM is reset by exec, unlike ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--words", type=int, default=500)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    texts, origin = articles(args.articles, args.words)
    print(f"{len(texts)} articles of {args.words} words from {origin}; cores used: 1")

    import spacy

    from extraction.pipeline import Pipeline
    from extraction.records import Article

    started = time.perf_counter()
    pipeline = Pipeline()
    print(f"  pipeline build (gazetteer + patterns)      {time.perf_counter() - started:8.2f} s, "
          f"{pipeline.nlp.get_pipe('conflict_places').count} place patterns")
    blank = spacy.blank("en")
    for text in texts[:20]:  # warm both
        blank.make_doc(text)
        pipeline.extract(Article(text=text, published=date(2017, 1, 1)))

    floor = rate("spaCy blank English tokenizer alone", texts, blank.make_doc)
    rate("our spaCy components (no rules, no geo)", texts, lambda t: pipeline.process(t, published=date(2017, 1, 1)))
    full = rate("full extraction (extract_article)", texts, lambda t: pipeline.extract(Article(text=t, published=date(2017, 1, 1))))
    # Memory in a separate pass: tracemalloc slows Python down several times.
    tracemalloc.start()
    for text in texts[:50]:
        pipeline.extract(Article(text=text, published=date(2017, 1, 1)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    events = sum(len(pipeline.extract(Article(text=t, published=date(2017, 1, 1))).events) for t in texts[:100])
    rss = _peak_rss_mib()
    print(f"  peak traced Python memory (50 extractions) {peak / 2**20:8.1f} MiB")
    print(f"  peak resident set size of the process      {rss:8.1f} MiB")
    print(f"  same, process with spaCy blank English only {_baseline_rss(texts):8.1f} MiB")
    print(f"  events per article (first 100)             {events / min(100, len(texts)):8.2f}")
    print(f"  full extraction vs tokenizer alone          {full / floor:8.3f}x")
    print(f"  goal >= 100 articles/s: {'met' if full >= 100 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
