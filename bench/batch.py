"""`intake batch` on a generated archive: first pass vs raw Tesseract, re-check after a rule change, Celery.

    python bench/batch.py [--out var/bench/batch] [--count 50] [--jobs 2]

Generates (or reuses) an archive of born-digital packages with every fourth package's contract and
act scanned, then, in one run:
- first pass: the batch runner in this process, `--jobs 2`, cold caches → pages per second;
- baseline: raw `tesseract PAGE stdout -l rus+kaz+eng` (OMP_THREAD_LIMIT=1) over the same pages with 2
  processes at a time; PDF pages are rendered at 300 dpi by `pdftoppm` first (not timed); with
  `--raw-every N` only every N-th page image is read (an evenly spread sample: its rate is the baseline);
- re-check after a rule change: the same archive, every package applied for on another date (so another
  checklist version and payment window apply), on the same caches and batch folder → the speed-up, and
  what was reused;
- Celery: 2 workers (`--pool solo`, one page reader each) on a loopback Redis, cold caches, vs the
  in-process first pass; the reports of both are compared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.pages import ReaderConfig
from fixtures.generate import generate_package
from fixtures.requirements import COST_TYPES
from fixtures.scenarios import SCENARIOS
from intake.batch.journal import Journal
from intake.batch.manifest import ManifestRow
from intake.batch.runner import Options, Runner, Totals
from intake.batch.sources import FolderSource
from intake.batch.summary import export
from intake.files import load_package, readable
from intake.limits import Limits
from intake.pipeline import PipelineConfig
from intake.settings import Settings

LANGS = "rus+kaz+eng"
ROOT = Path(__file__).resolve().parents[1]
SCANNED = {"*": "born_digital", "photo": "born_digital", "contract": "scan", "act": "scan"}
DIGITAL = {"*": "born_digital", "photo": "born_digital"}
NAMES = sorted(SCENARIOS)


def archive(out: Path, count: int) -> Path:
    """`count` packages (cost types, scenarios and dates rotating), reused when already generated."""
    target = out / "archive"
    manifest = target / "manifest.jsonl"
    if manifest.exists() and len(manifest.read_text(encoding="utf-8").splitlines()) >= count:
        return target
    shutil.rmtree(target, ignore_errors=True)
    for i in range(count):
        day = date(2025, 3, 1) + timedelta(days=(i * 37) % 420)
        generate_package(
            808,
            NAMES[i % len(NAMES)],
            COST_TYPES[i % len(COST_TYPES)],
            day,
            target,
            SCANNED if i % 4 == 0 else DIGITAL,
            index=i,
            packaging="flat",
        )
    return target


def run_batch(
    source: Path,
    out_dir: Path,
    cache: Path,
    jobs: int,
    *,
    celery: bool = False,
    settings: Settings | None = None,
    day: date | None = None,
) -> tuple[float, Totals, int]:
    """One batch in this process; (wall seconds, totals, pages of the archive)."""
    src = FolderSource(source, Limits())
    rows, errors = src.manifest(None)
    if day is not None:
        rows = [
            ManifestRow(
                package_id=r.package_id,
                path=r.path,
                line=r.line,
                request=r.request.model_copy(update={"application_date": day}),
            )
            for r in rows
        ]
    config = PipelineConfig(reader=ReaderConfig(workers=1), cache_dir=cache, rates_path=None)
    journal = Journal(out_dir)
    runner = Runner(
        src,
        Options(
            out_dir=out_dir, pipeline=config, jobs=jobs, celery=celery, settings=settings
        ),
        journal,
    )
    started = time.perf_counter()
    totals = runner.run(rows, errors)
    wall = time.perf_counter() - started
    entries = export(journal, runner.current, out_dir)
    journal.close()
    failed = [e.package_id for e in entries if e.status != "done"]
    if failed:
        print(f"  failed packages: {failed}")
    return wall, totals, sum(e.pages for e in entries)


def page_images(source: Path, tmp: Path, every: int = 1) -> list[Path]:
    """Every `every`-th page of the archive as an image tesseract reads (PDF pages rendered at 300 dpi)."""
    images: list[Path] = []
    n = 0
    for pkg in sorted(p for p in source.iterdir() if p.is_dir()):
        for f in readable(load_package([pkg / "files"])):
            for page in range(1, (f.meta.pages or 1) + 1):
                n += 1
                if (n - 1) % every:
                    continue
                src = tmp / f"p{n}"
                src.write_bytes(f.data)
                if f.meta.media_type == "application/pdf":
                    subprocess.run(
                        [
                            "pdftoppm",
                            "-r",
                            "300",
                            "-gray",
                            "-png",
                            "-f",
                            str(page),
                            "-l",
                            str(page),
                            "-singlefile",
                            str(src),
                            str(src),
                        ],
                        check=True,
                    )
                    images.append(src.with_suffix(".png"))
                else:
                    images.append(src)
    return images


def raw_tesseract(images: list[Path], processes: int) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(img: Path) -> None:
        subprocess.run(
            ["tesseract", str(img), "stdout", "-l", LANGS], env=env, check=True, capture_output=True
        )

    started = time.perf_counter()
    with ThreadPoolExecutor(processes) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - started


def reports(out_dir: Path) -> dict[str, object]:
    rows = [json.loads(line) for line in (out_dir / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    return {
        r["package_id"]: json.loads((out_dir / r["report"]).read_text(encoding="utf-8"))
        for r in rows
        if r.get("report")
    }


def celery_pass(source: Path, out: Path, reference: dict[str, object], first_wall: float) -> None:
    from tests.servers.redis import redis_server

    var = out / "var-celery"
    with redis_server(out) as url:
        env = {
            **os.environ,
            "INTAKE_DATA_DIR": str(var),
            "INTAKE_BROKER_URL": url,
            "INTAKE_WORKERS": "1",
            "OMP_THREAD_LIMIT": "1",
        }
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "intake.service.tasks",
                    "worker",
                    "--pool",
                    "solo",
                    "--concurrency",
                    "1",
                    "-Q",
                    "intake",
                    "-n",
                    f"bench{i}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env=env,
                stdout=(out / f"worker{i}.log").open("wb"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            for i in (1, 2)
        ]
        try:
            time.sleep(8)  # workers up, database migrated
            settings = Settings(data_dir=var, broker_url=url)
            wall, totals, pages = run_batch(
                source, out / "celery", var / "cache", 4, celery=True, settings=settings
            )
        finally:
            for w in workers:
                os.killpg(w.pid, 9)
                w.wait()
    same = reports(out / "celery") == reference
    print(
        f"celery, 2 workers:        {wall:8.1f} s  {pages / wall:6.2f} pages/s  ({totals.done} done, "
        f"{totals.failed} failed; reports identical to in-process: {same})"
    )
    print(f"  ratio in-process / celery wall time: {first_wall / wall:.2f}x")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path("var/bench/batch"))
    ap.add_argument("--count", type=int, default=50)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--skip-celery", action="store_true")
    ap.add_argument(
        "--raw-every",
        type=int,
        default=1,
        help="raw tesseract on every N-th page image only (its pages/s is the baseline rate)",
    )
    args = ap.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    out = args.out.resolve()
    t0 = time.perf_counter()
    source = archive(out, args.count)
    print(f"archive: {args.count} packages ({time.perf_counter() - t0:.0f} s to generate or reuse)")
    for name in ("first", "var", "celery", "var-celery"):
        shutil.rmtree(out / name, ignore_errors=True)
    cache = out / "var" / "cache"

    first, totals, pages = run_batch(source, out / "first", cache, args.jobs)
    print(
        f"first pass, --jobs {args.jobs}:     {first:8.1f} s  {pages / first:6.2f} pages/s  "
        f"({pages} pages, {totals.done} done, {totals.failed} failed)"
    )
    reference = reports(out / "first")

    with tempfile.TemporaryDirectory() as tmp:
        images = page_images(source, Path(tmp), args.raw_every)
        raw = raw_tesseract(images, 2)
    print(
        f"raw tesseract, 2 procs:   {raw:8.1f} s  {len(images) / raw:6.2f} pages/s  "
        f"({len(images)} page images)"
    )
    print(f"  ratio pipeline / raw tesseract pages per second: {(pages / first) / (len(images) / raw):.2f}x")

    later = date(2026, 6, 1)
    again, t2, _ = run_batch(source, out / "first", cache, args.jobs, day=later)
    print(
        f"re-check (rule change):   {again:8.2f} s  ({t2.done} packages, "
        f"{t2.pages_cached}/{t2.pages} pages and "
        f"{t2.documents_cached}/{t2.documents} documents from cache, {t2.changed} changed, "
        f"{t2.verdict_changed} verdicts changed)"
    )
    print(f"  speed-up vs first pass: {first / again:.0f}x")

    if not args.skip_celery:
        celery_pass(source, out, reference, first)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
