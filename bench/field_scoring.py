"""Rules or a learned scorer for the grand-total candidates: which generalizes to layouts it never saw?

    python bench/field_scoring.py --train-seed 7302 --train-count 10 --test-seeds 601 602 --count 12

Both pick one of the same candidates (`extractors.fields.total_candidates`) of every document of
born-digital generated packages, read through the text layer, with the truth's document type (the
classifier is left out of the comparison). The rules keep the highest `TotalCandidate.score`; the
model is a logistic regression over the candidates' features, trained on the `fixtures/` family
(`--train-seed`) and tested on the independently written `wild` family (`--test-seeds`), where the
rules were tuned on neither the test seeds nor their layouts' truth. Prints top-1 accuracy per family.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors import money
from extractors.fields import TotalCandidate, total_candidates
from extractors.pages import ReaderConfig, read_pages
from extractors.textindex import DocText
from fixtures.generate import generate_set
from fixtures.wild.generate import generate_wild_set
from intake.files import load_package, readable
from intake.limits import Limits
from models.pages import Page
from models.vocab import DocType

Sample = tuple[list[list[float]], list[bool], int | None]
"""A document: its candidates' features, which are right, and the rules' pick."""


def features(c: TotalCandidate, text: DocText, top: Decimal) -> list[float]:
    line = next((i for i, ln in enumerate(text.lines) if ln.start <= c.start <= ln.end), 0)
    return [
        float(c.source == "template"), float(c.source == "label"), float(c.source == "words_on_page"),
        c.rank / 20, float(c.confirmed), float(c.amount == top),
        float(c.amount / top) if top else 0.0, math.log10(float(c.amount) + 1) / 10,
        line / max(1, len(text.lines)), float(c.currency is not None), 1.0,
    ]


def samples(packages: Sequence[Path]) -> list[Sample]:
    out: list[Sample] = []
    for pkg in packages:
        truth = json.loads((pkg / "truth.json").read_text(encoding="utf-8"))
        files = load_package([pkg / "files"], Limits())
        pages = read_pages(readable(files), ReaderConfig()) if files else ()
        by_key: dict[tuple[str, int], Page] = {(p.file, p.page): p for p in pages}
        for f in truth["files"]:
            if f.get("rendering") != "born_digital":
                continue
            for td in f.get("documents", []):
                total = (td.get("fields") or {}).get("total")
                doc_pages = [by_key[(f["name"], n)] for n in td["pages"] if (f["name"], n) in by_key]
                if total is None or not doc_pages:
                    continue
                text = DocText(doc_pages)
                cands = total_candidates(text, DocType(td["type"]))
                top = max((a.amount for a in money.find_amounts(text.text)), default=Decimal(0))
                want = Decimal(str(total["amount"]))
                rules = max(range(len(cands)), key=lambda i: cands[i].score) if cands else None
                right = [c.amount == want for c in cands]
                out.append(([features(c, text, top) for c in cands], right, rules))
    return out


def train(data: list[Sample], epochs: int = 400, rate: float = 0.5, l2: float = 1e-3) -> np.ndarray:
    rows = [(x, y) for xs, ys, _ in data for x, y in zip(xs, ys, strict=True)]
    x = np.array([r[0] for r in rows], dtype=float)
    y = np.array([float(r[1]) for r in rows])
    w = np.zeros(x.shape[1])
    for _ in range(epochs):
        p = 1 / (1 + np.exp(-x @ w))
        w -= rate * (x.T @ (p - y) / len(y) + l2 * w)
    return w


def accuracy(data: list[Sample], w: np.ndarray | None) -> float:
    right = 0
    for xs, ys, rules in data:
        if not xs:
            continue
        pick = rules if w is None else int(np.argmax(np.array(xs) @ w))
        right += bool(pick is not None and ys[pick])
    return right / len(data) if data else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--train-seed", type=int, default=7302)
    ap.add_argument("--train-count", type=int, default=10)
    ap.add_argument("--test-seeds", type=int, nargs="+", default=[601, 602])
    ap.add_argument("--count", type=int, default=12)
    ap.add_argument("--out", type=Path, default=Path("var/bench/field_scoring"))
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    born = ("born_digital",)
    train_set = samples(generate_set(args.train_seed, args.out / f"fixtures-{args.train_seed}",
                                     args.train_count, renderings=born))
    test_set = [s for seed in args.test_seeds
                for s in samples(generate_wild_set(seed, args.out / f"wild-{seed}", args.count, born))]
    w = train(train_set)
    print(f"documents with a total: train {len(train_set)} (fixtures), test {len(test_set)} (wild)")
    print(f"{'':<8} {'fixtures (train)':>17} {'wild (unseen)':>14}")
    print(f"{'rules':<8} {accuracy(train_set, None):>17.3f} {accuracy(test_set, None):>14.3f}")
    print(f"{'model':<8} {accuracy(train_set, w):>17.3f} {accuracy(test_set, w):>14.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
