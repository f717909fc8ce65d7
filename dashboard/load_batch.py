"""Load the result of an archive run (``python -m extraction.batch ... --out DIR``) into the store.

    python -m dashboard.load_batch DIR [--editor batch]

Each article is saved with its events as one ``save_article``, the same path as an upload or the seed,
so the store's content hash makes loading idempotent: a text already stored with the same events adds
nothing (loading twice, or an archive that holds a text twice, under any id), and merging with other reports of
an event happens as for any save.  A text stored with other events (an analyst reviewed it) is kept as
it is and reported, never overwritten.  Only finished partitions are read; an unfinished run loads what
it has, and loading again after it finishes adds the rest.

The loader lives here, not in ``extraction``, because it writes the store: ``extraction`` never imports
``dashboard`` at module level (``python -m extraction.batch --load`` imports this module when asked).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extraction.batch.output import partitions, read_manifest
from gazetteer.errors import ConflictMapError, InputError, StoreError

REFUSALS_KEPT = 20


@dataclass(frozen=True, slots=True)
class LoadReport:
    articles_new: int  # saved now
    articles_known: int  # already stored with the same events: nothing written
    events_saved: int
    refused: tuple[str, ...]  # article: why it was not saved (first REFUSALS_KEPT)
    refused_count: int
    run_status: str

    def describe(self) -> str:
        text = (f"loaded: {self.articles_new:,} new articles with {self.events_saved:,} events; "
                f"{self.articles_known:,} already stored; {self.refused_count:,} not saved")
        if self.run_status not in ("finished", "finished with bad articles"):
            text += f" (the run is {self.run_status}: its finished partitions only)"
        return text


def load_batch(out_dir: Path, *, store: Any = None, editor: str = "batch") -> LoadReport:
    """Save every article of the run's finished partitions with its events; see the module docstring."""
    manifest = read_manifest(out_dir) if out_dir.is_dir() else None
    if manifest is None:
        raise InputError(f"{out_dir}: not the output folder of a batch run (no manifest.json)")
    if store is None:
        from dashboard.store import open_store  # the one place this module reaches the store

        store = open_store()
    new = known = saved = refused_count = 0
    refused: list[str] = []
    for name, articles, events in partitions(out_dir):
        by_article: dict[str, list] = defaultdict(list)
        for event in events:
            by_article[event.article_id].append(event)
        for article in articles:
            try:
                result = store.save_article(article, by_article.get(article.article_id, []), editor=editor,
                                            kind="extracted", note=f"batch run {out_dir.name}, {name}")
            except StoreError as err:
                stored = store.find_stored(article)
                if stored is not None and stored.article_id != article.article_id:
                    known += 1  # the archive holds this text twice, under another id: it is stored once
                    continue
                refused_count += 1
                if len(refused) < REFUSALS_KEPT:
                    refused.append(f"{article.article_id}: {err}")
                continue
            if result.created:
                new += 1
                saved += result.events_saved
            else:
                known += 1
    return LoadReport(articles_new=new, articles_known=known, events_saved=saved, refused=tuple(refused),
                      refused_count=refused_count, run_status=str(manifest.get("status", "")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.load_batch", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path, metavar="DIR", help="the --out folder of python -m extraction.batch")
    parser.add_argument("--editor", default="batch", help="who the versions are recorded for (default: batch)")
    args = parser.parse_args(argv)
    try:
        report = load_batch(args.out_dir, editor=args.editor)
    except ConflictMapError as err:
        print(f"load_batch: {err}", file=sys.stderr)
        return 2 if isinstance(err, InputError) else 1
    print(report.describe())
    for line in report.refused:
        print(f"  not saved: {line}", file=sys.stderr)
    return 1 if report.refused_count else 0


if __name__ == "__main__":
    sys.exit(main())
