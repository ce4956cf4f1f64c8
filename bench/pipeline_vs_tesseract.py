"""Seconds per page: the whole pipeline vs. raw `tesseract` on the same pages, in one run.

    python bench/pipeline_vs_tesseract.py --seed 202 --count 4

Generates packages, then for each package (interleaved, so machine load hits both alike):
- baseline: raw `tesseract PAGE stdout -l rus+kaz+eng` (OMP_THREAD_LIMIT=1) on every page, one at a
  time; PDF pages are first rendered at 300 dpi with poppler's `pdftoppm` (not timed), images are
  given as they are;
- pipeline: `intake.pipeline.check` on the package, one worker, no cache (files → pages → documents →
  fields → findings → report).
Prints both, per page, and the ratio, split by born-digital-only packages' share of pages.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.pages import ReaderConfig
from fixtures.generate import generate_set
from intake.files import load_package, readable
from intake.pipeline import PipelineConfig, check
from models.package import PackageRequest
from models.vocab import CostType

LANGS = "rus+kaz+eng"


def raw_tesseract(pkg: Path) -> tuple[float, int]:
    """Seconds spent in raw tesseract over every page of the package, and the page count."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    spent, pages = 0.0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for f in readable(load_package([pkg / "files"])):
            src = Path(tmp) / f"in-{pages}"
            src.write_bytes(f.data)
            if f.meta.media_type == "application/pdf":
                subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(src), str(src)], check=True)
                images = sorted(Path(tmp).glob(f"in-{pages}-*.png"))
            elif f.meta.media_type == "image/tiff" and (f.meta.pages or 1) > 1:
                images = [src]  # tesseract reads every frame of a multi-page TIFF
            else:
                images = [src]
            for img in images:
                t = time.perf_counter()
                subprocess.run(["tesseract", str(img), "stdout", "-l", LANGS], env=env, check=True,
                               capture_output=True)
                spent += time.perf_counter() - t
            pages += f.meta.pages or 0
    return spent, pages


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=202)
    ap.add_argument("--count", type=int, default=4)
    ap.add_argument("--out", type=Path, default=Path("var/bench/pipeline"))
    args = ap.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    packages = generate_set(args.seed, args.out / f"seed-{args.seed}", args.count)
    config = PipelineConfig(reader=ReaderConfig(workers=1), cache_dir=None)
    raw_total = pipe_total = 0.0
    n_pages = 0
    print(f"{'package':<14}{'pages':>6}{'raw s/page':>12}{'pipeline s/page':>17}{'ratio':>8}")
    for pkg in packages:
        truth = json.loads((pkg / "truth.json").read_text(encoding="utf-8"))
        req = truth["request"]
        request = PackageRequest(cost_type=CostType(req["cost_type"]),
                                 application_date=date.fromisoformat(req["application_date"]),
                                 applicant_bin=req["applicant_bin"])
        raw, pages = raw_tesseract(pkg)
        t = time.perf_counter()
        check([pkg / "files"], request, config)
        pipe = time.perf_counter() - t
        raw_total += raw
        pipe_total += pipe
        n_pages += pages
        print(f"{pkg.name:<14}{pages:>6}{raw / pages:>12.2f}{pipe / pages:>17.2f}{pipe / raw:>8.3f}")
    print(f"{'all':<14}{n_pages:>6}{raw_total / n_pages:>12.2f}{pipe_total / n_pages:>17.2f}"
          f"{pipe_total / raw_total:>8.3f}")
    print("\nratio < 1: the pipeline (text layers where trustworthy, OCR elsewhere, then documents, fields,"
          " findings) costs less per page than raw OCR of every page.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
