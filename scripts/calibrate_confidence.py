"""Fit extraction/data/confidence.json on the hand-coded whole-article gold (tests/gold/).

Runs the extractor on the gold articles, labels each predicted event right
(matched to a required gold event) or wrong (a false positive; events matched
to optional gold are left out), and fits a logistic model over
extraction.confidence.features (L2-regularised, Newton steps). Prints the
calibration table in-sample and by leave-one-article-out, so that the figure
for unseen articles is visible. Run:
    python scripts/calibrate_confidence.py [--write]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from datetime import date
from pathlib import Path

import numpy as np

from extraction.confidence import _TABLE, features
from extraction.evaluate import articles
from extraction.evaluate.__main__ import DEFAULT_EVAL_DIR
from extraction.pipeline import Pipeline
from gazetteer import Gazetteer

BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)
L2 = 1.0


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = L2, steps: int = 50) -> np.ndarray:
    """Logistic regression weights (first = intercept, not penalised)."""
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x1.shape[1])
    penalty = np.full(len(w), l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-x1 @ w))
        grad = x1.T @ (p - y) + penalty * w
        hess = (x1.T * (p * (1 - p))) @ x1 + np.diag(penalty)
        w -= np.linalg.solve(hess, grad)
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(w[0] + x @ w[1:])))


def table(p: np.ndarray, y: np.ndarray) -> list[str]:
    lines = []
    for low, high in zip(BANDS, BANDS[1:]):
        band = (p >= low) & (p < high)
        n = int(band.sum())
        right = f"{y[band].mean():.0%}" if n else "-"
        lines.append(f"  {low:.1f}-{min(high, 1.0):.1f}  {n:4d} events, right {right}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--write", action="store_true", help=f"write the fitted model to {_TABLE}")
    args = parser.parse_args()
    gold, warnings = articles.load_gold(
        articles.DEFAULT_GOLD_DIR, args.eval_dir / "fakes_articles_dev.csv", seed_gold=args.eval_dir / "seed_gold.json"
    )
    for warning in warnings:
        print("gold:", warning)
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = Pipeline(gazetteer=Gazetteer.default(data_dir=Path(tmp), online=False))
        scores = articles.collect(gold, pipeline=pipeline)
    names = list(features(scores[0].predicted[0]).keys()) if scores and scores[0].predicted else []
    rows, labels, groups = [], [], []
    for number, score in enumerate(scores):
        right = {id(e) for _, e, _ in score.pairs}
        optional = {id(e) for e in score.optional_hits}
        for event in score.predicted:
            if id(event) in optional:
                continue
            values = features(event)
            names = list(values)
            rows.append([values[n] for n in names])
            labels.append(1.0 if id(event) in right else 0.0)
            groups.append(number)
    x, y, g = np.array(rows), np.array(labels), np.array(groups)
    w = fit(x, y)
    print(f"{len(y)} predicted events on {len(scores)} gold articles, {int(y.sum())} right ({y.mean():.0%})")
    print("weights:", ", ".join(f"{n} {v:+.2f}" for n, v in zip(["intercept", *names], w)))
    print("calibration in-sample:")
    print("\n".join(table(predict(w, x), y)))
    held = np.zeros(len(y))
    for group in sorted(set(groups)):
        inside = g != group
        held[~inside] = predict(fit(x[inside], y[inside]), x[~inside])
    print("calibration leave-one-article-out (each article scored by a model fitted without it):")
    print("\n".join(table(held, y)))
    if args.write:
        data = {
            "_doc": "Logistic model of 'this extracted event matches a hand-coded one' (extraction/confidence.py); "
            "fitted by scripts/calibrate_confidence.py on tests/gold (FA-KES articles + the seed).",
            "fitted_on": f"{len(y)} predicted events of {len(scores)} articles, {date.today().isoformat()}",
            "intercept": round(float(w[0]), 4),
            "weights": {n: round(float(v), 4) for n, v in zip(names, w[1:])},
        }
        _TABLE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"written: {_TABLE}")


if __name__ == "__main__":
    main()
