"""Fit (or check) the calibration of document-type confidence against the generator's truth.

    python bench/calibration.py --seeds 11 12 13 --count 14 [--write] [--cache-dir var/cache/calib]
    python bench/calibration.py --seeds 606 --count 14 --check

Reads generated packages (pages from the cache when given), types their documents with the raw
classifier confidence, matches each truth document to the predicted document holding most of its pages,
and fits an isotonic (monotone) map raw → probability that the type is right (pool adjacent violators).
`--write` stores the knots in `extractors/data/calibration.yaml` (shipped, versioned with the data);
`--check` scores the shipped calibration on other seeds: reliability table and expected calibration error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.cache import DiskCache
from extractors.classify import calibrate
from extractors.pages import ReaderConfig, read_pages
from extractors.split import assemble
from fixtures.generate import generate_set
from fixtures.scoring import calibration, score_package
from intake.files import load_package, readable

DATA = Path(__file__).resolve().parents[1] / "extractors" / "data" / "calibration.yaml"


def typed_documents(package: Path, cache: DiskCache | None) -> list[tuple[float, bool]]:
    """(raw confidence, type right) for every truth document of a generated package."""
    truth = json.loads((package / "truth.json").read_text(encoding="utf-8"))
    pages = read_pages(readable(load_package([package / "files"])), ReaderConfig(), cache)
    docs = assemble(pages, calibrated=False)
    # matched to the truth as the accuracy bench matches them (no fields: only the types are scored)
    return score_package({"documents": [d.model_dump(mode="json") for d in docs]}, truth).typed


def isotonic(points: list[tuple[float, bool]]) -> list[tuple[float, float]]:
    """Pool adjacent violators: a non-decreasing step fit of P(right | raw), as (raw, p) knots."""
    blocks: list[list[float]] = []  # [sum right, count, min raw, max raw]
    for raw, ok in sorted(points):
        blocks.append([float(ok), 1.0, raw, raw])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            s, n, _, hi = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += n
            blocks[-1][3] = hi
    knots: list[tuple[float, float]] = [(0.0, 0.5)]  # no evidence at all: a coin flip, not certainty
    for s, n, lo, hi in blocks:
        # smoothed toward 1/2 so that a handful of documents cannot claim certainty
        p = round((s + 0.5) / (n + 1.0), 3)
        knots.append((round(lo, 3), p))
        if hi > lo:
            knots.append((round(hi, 3), p))
    return knots


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[11, 12, 13])
    ap.add_argument("--count", type=int, default=14)
    ap.add_argument("--out", type=Path, default=Path("var/bench/calibration"))
    ap.add_argument("--cache-dir", type=Path, default=None)
    ap.add_argument("--packages", type=Path, nargs="*", default=[],
                    help="folders of generated packages (each with truth.json), read instead of seeds")
    ap.add_argument("--write", action="store_true", help="store the fitted knots in the shipped data")
    ap.add_argument("--check", action="store_true", help="score the shipped calibration on these seeds")
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    cache = DiskCache(args.cache_dir, "pages") if args.cache_dir else None
    points: list[tuple[float, bool]] = []
    packages = [p for root in args.packages for p in sorted(root.iterdir()) if (p / "truth.json").exists()]
    if not packages:
        packages = [p for seed in args.seeds
                    for p in generate_set(seed, args.out / f"seed-{seed}", args.count)]
    for package in packages:
        points.extend(typed_documents(package, cache))
    source = ", ".join(map(str, args.packages)) if args.packages else f"seeds {args.seeds}"
    wrong = sum(not ok for _, ok in points)
    print(f"{len(points)} documents, {wrong} typed wrong, {source}")
    raw_ece, _ = calibration(points)
    mapped = [(calibrate(c), ok) for c, ok in points]
    ece, rows = calibration(mapped)
    print(f"expected calibration error: raw {raw_ece:.3f}, calibrated (shipped map) {ece:.3f}")
    for label, n, conf, acc in rows:
        print(f"  {label}  n={n:<4} confidence {conf:.3f}  accuracy {acc:.3f}")
    if args.write and not args.check:
        knots = isotonic(points)
        lines = [
            "# Document-type confidence calibration: raw classifier confidence → probability the type is",
            f"# right, an isotonic fit on generated packages ({source}, {len(points)} documents)",
            "# by bench/calibration.py --write.",
            "version: 1",
            "knots:",
            *(f"  - [{a}, {b}]" for a, b in knots),
        ]
        DATA.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(knots)} knots to {DATA}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
