"""Page stage against raw Tesseract on the same pages, in one run: speed, character error rate, cache.

    python bench/pages.py [--pages N] [--seed 5] [--out var/bench/pages]

Pages come from the fixture generator (born-digital PDFs of real layouts; by default every document of
the package, `--pages N` takes the first N in a fixed order); their truth text is the
generator's own PDF read by poppler (`pdftotext`, reading order), never the product's reader. Each page
is rendered as a clean scan, a bad scan and a phone photo with the generator's effects; raw
`tesseract IMG stdout -l rus+kaz+eng` (OMP_THREAD_LIMIT=1) and the page stage (one worker) read the
same image, interleaved, so machine load hits both alike. Like its reader processes, the page stage keeps
Tesseract's models loaded from one page to the next (the first page read pays the loading); the raw
command loads them for every page. Prints:

1. born-digital page through the page stage vs. raw Tesseract on the same page rendered at 300 dpi;
2. scanned pages: page-stage time / raw Tesseract time;
3. CER (whitespace-normalised Levenshtein / truth length) by rendering, over the text documents: a photo
   sheet (document type `photo` in the generator's truth) is timed but not scored, because its truth,
   the PDF's text, lacks the nameplate printed inside the picture that OCR rightly reads (its per-page
   CER is still printed, marked `not scored`);
4. a second read of the same package (cache hit) vs. the first.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["OMP_THREAD_LIMIT"] = "1"

import numpy as np
from PIL import Image
from rapidfuzz.distance import Levenshtein

from extractors.cache import DiskCache
from extractors.pages import PageTask, ReaderConfig, read_page, read_pages
from fixtures import degrade
from fixtures.generate import generate_package
from intake.files import inspect
from intake.limits import Limits

PREFERRED = ("Заявка", "ПП-", "Выписка", "Договор", "Отчет", "Счет")
RENDERINGS = ("scan", "bad_scan", "phone_photo")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def cer(hyp: str, truth: str) -> float:
    t = norm(truth)
    return Levenshtein.distance(norm(hyp), t) / max(1, len(t))


def pdftotext(pdf: Path, page: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
    )
    return out.stdout.decode("utf-8")


def cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def timed(fn):
    c0, t0 = cpu(), time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0, cpu() - c0


def raw_tesseract(path: Path) -> str:
    out = subprocess.run(
        ["tesseract", str(path), "stdout", "-l", "rus+kaz+eng"],
        capture_output=True,
        check=True,
        env=dict(os.environ, OMP_THREAD_LIMIT="1"),
    )
    return out.stdout.decode("utf-8")


def render(pdf_bytes: bytes, page: int, rendering: str, seed: int) -> tuple[bytes, str, str]:
    """One page of the PDF as the generator renders it: (file bytes, extension, media type)."""
    rng = random.Random(f"{seed}|{rendering}|{page}|{len(pdf_bytes)}")
    g = np.random.default_rng(rng.randrange(2**63))
    arr = degrade.rasterize(pdf_bytes)[page - 1]
    out, tr = degrade.RENDERINGS[rendering](arr, g, 1)
    im = Image.fromarray(out, "L") if out.ndim == 2 else Image.fromarray(out[:, :, ::-1], "RGB")
    if rendering == "phone_photo":
        r = degrade._phone_file([im], [tr], "jpeg", rng)
        return r.data, ".jpg", "image/jpeg"
    if rendering == "bad_scan":
        return degrade.encode([im], "jpeg", rng.randint(35, 55)), ".jpg", "image/jpeg"
    return degrade.encode([im], "png", 90), ".png", "image/png"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=0, help="first N documents (0: all)")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path("var/bench/pages"))
    args = ap.parse_args()
    out = args.out
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    pkg = generate_package(
        args.seed,
        "complete",
        "digital_equipment",
        date(2026, 3, 2),
        out / "gen",
        {"*": "born_digital"},
        packaging="flat",
    )
    pdfs = sorted(
        (pkg / "files").glob("*.pdf"),
        key=lambda p: next((i for i, k in enumerate(PREFERRED) if p.name.startswith(k)), 99),
    )[: args.pages or None]
    config = ReaderConfig(workers=1)

    print(f"pages: {', '.join(p.name for p in pdfs)}\n")
    # 1. born-digital page vs OCR of the same page rendered
    bd_stage = bd_raw = 0.0
    for p in pdfs:
        data = p.read_bytes()
        task = PageTask(p.name, "x", "application/pdf", 0, data)
        page, t_stage, _ = timed(lambda: read_page(task, config))  # noqa: B023
        assert page.source.value == "text_layer", page.source
        png = out / f"{p.stem}-render.png"
        png.write_bytes(degrade.encode([Image.fromarray(degrade.rasterize(data)[0], "L")], "png", 90))
        _, t_raw, _ = timed(lambda: raw_tesseract(png))  # noqa: B023
        bd_stage += t_stage
        bd_raw += t_raw

    # 2 + 3. renderings: raw tesseract vs page stage, interleaved
    rows: dict[str, dict[str, float]] = {
        r: dict.fromkeys(("raw_t", "st_t", "raw_c", "st_c", "raw_cer", "st_cer", "n", "n_cer"), 0.0)
        for r in RENDERINGS
    }
    files = []
    kinds = {f["name"]: f["documents"][0]["type"]
             for f in json.loads((pkg / "truth.json").read_text("utf-8"))["files"] if f.get("documents")}
    for p in pdfs:
        truth = pdftotext(p, 1)
        # a photo sheet's text layer holds its caption only, not the nameplate printed inside the picture
        scored = kinds.get(p.name) != "photo"
        data = p.read_bytes()
        for r in RENDERINGS:
            img, ext, media = render(data, 1, r, args.seed)
            path = out / f"{p.stem}-{r}{ext}"
            path.write_bytes(img)
            files.append(path)
            raw_text, raw_t, raw_c = timed(lambda: raw_tesseract(path))  # noqa: B023
            task = PageTask(path.name, "x", media, 0, img)
            page, st_t, st_c = timed(lambda: read_page(task, config))  # noqa: B023
            row = rows[r]
            row["raw_t"] += raw_t
            row["st_t"] += st_t
            row["raw_c"] += raw_c
            row["st_c"] += st_c
            if scored:
                row["raw_cer"] += cer(raw_text, truth)
                row["st_cer"] += cer(page.text, truth)
                row["n_cer"] += 1
            row["n"] += 1
            print(
                f"  {p.stem[:28]:28} {r:12} raw {raw_t:5.2f}s cer {cer(raw_text, truth):.3f} | "
                f"stage {st_t:5.2f}s cer {cer(page.text, truth):.3f}  [{','.join(page.cleanup)}]"
                + ("" if scored else "  (not scored)"),
                flush=True,
            )

    # 4. cache: the scanned package read twice
    with tempfile.TemporaryDirectory() as tmp:
        cache = DiskCache(Path(tmp), "pages")
        loaded = [f for path in files for f in inspect(path.name, path.read_bytes(), Limits())]
        cfg = ReaderConfig()
        _, t_first, _ = timed(lambda: read_pages(loaded, cfg, cache))
        _, t_second, _ = timed(lambda: read_pages(loaded, cfg, cache))

    print()
    print(f"{'measure':44} {'page stage':>12} {'baseline':>12} {'ratio':>9}  target")
    print(
        f"{'1. born-digital page (s/page)':44} {bd_stage / len(pdfs):12.3f} {bd_raw / len(pdfs):12.2f} "
        f"{bd_raw / bd_stage:8.0f}×  ≥ 50× faster"
    )
    for r in ("scan", "bad_scan"):
        row = rows[r]
        print(
            f"{'2. ' + r + ' wall (s/page)':44} {row['st_t'] / row['n']:12.2f} "
            f"{row['raw_t'] / row['n']:12.2f} "
            f"{row['st_t'] / row['raw_t']:8.2f}×  ≤ 1.3×"
        )
        print(
            f"{'   ' + r + ' cpu (s/page)':44} {row['st_c'] / row['n']:12.2f} "
            f"{row['raw_c'] / row['n']:12.2f} "
            f"{row['st_c'] / row['raw_c']:8.2f}×"
        )
    for r in RENDERINGS:
        row = rows[r]
        st, raw = row["st_cer"] / row["n_cer"], row["raw_cer"] / row["n_cer"]
        target = "no worse" if r == "scan" else "≥ 30 % lower"
        print(
            f"{'3. CER ' + r:44} {st:12.3f} {raw:12.3f} {(1 - st / raw) * 100 if raw else 0:7.0f} %  {target}"
        )
    print(
        f"{'4. package read, first vs cached (s)':44} {t_second:12.4f} {t_first:12.2f} "
        f"{t_first / t_second:8.0f}×  ≥ 100× faster"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
