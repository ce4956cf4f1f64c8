"""`recheck` against the first `check` of the same package: both times and the ratio, from one run.

    python bench/recheck.py [--out var/bench/recheck] [--repeat 20]

Generates the demo package, checks it once with the page cache off (the first check of a package reads
every page), serialises the JSON report, then re-checks that JSON under another application date (parse
the report back into models, checklists and rules; no page is read). The recheck time is the median of
`--repeat` runs (each includes `json.loads` of the report text).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.generate import demo
from intake.pipeline import PipelineConfig, check
from intake.recheck import recheck
from intake.report import to_json
from models.package import PackageRequest
from models.vocab import CostType


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path("var/bench/recheck"))
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pkg = demo(args.out)
    request = PackageRequest(
        cost_type=CostType((pkg / "cost_type").read_text().strip()),
        application_date=date.fromisoformat((pkg / "application_date").read_text().strip()),
        applicant_bin=(pkg / "applicant_bin").read_text().strip(),
    )
    started = time.perf_counter()
    report = check([pkg / "files"], request, PipelineConfig(cache_dir=None))
    first = time.perf_counter() - started
    text = json.dumps(to_json(report), ensure_ascii=False)
    later = request.application_date + timedelta(days=400)
    recheck(json.loads(text), application_date=later)  # warm-up: imports, checklist data
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        again = recheck(json.loads(text), application_date=later)
        times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    pages = sum(f.pages or 0 for f in report.files)
    print(f"package: {len(report.files)} files, {pages} pages, {len(report.documents)} documents")
    print(f"first check (pages read, no cache): {first:.3f} s")
    print(f"recheck (JSON → models → rules), median of {args.repeat}: {median * 1000:.2f} ms "
          f"(min {min(times) * 1000:.2f}, max {max(times) * 1000:.2f})")
    print(f"ratio: {first / median:.0f}x  (findings {len(report.findings)} → {len(again.findings)} "
          f"at application date {later})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
