"""Page stage against raw Tesseract and OCRmyPDF on the same pages, in one run: speed, character error
rate, cache.

    python bench/pages.py [--packages 3] [--pages 20] [--seed 5] [--renderings scan,bad_scan,phone_photo]
                          [--family first|fourth|fifth|sixth|seventh|eighth|ninth|tenth]
                          [--effects first|family]
                          [--no-ocrmypdf] [--ocrmypdf-renderings scan,bad_scan] [--no-born-digital]
                          [--out var/bench/pages]

Pages come from the fixture generator: the first page of every text document (equipment photo sheets
left out: their truth, the PDF's text, lacks the nameplate printed inside the picture) of `--packages`
born-digital packages (seeds from `--seed` on, each with another cost type), at most `--pages` of them.
`--family fourth|fifth|sixth|seventh|eighth|ninth|tenth` draws them from another generator family instead (its
own layouts and fonts): `--packages` packages of set `--seed`, every file born digital, the first page of
each PDF the package holds loose whose first document is not an equipment photo; the truth is made the
same way, from that family's PDF by poppler.
`--effects` says whose scanner and phone make the renderings: `family` (the default for a family that has
its own: seventh, eighth, ninth, tenth) runs the page, cut out of the family's PDF, through that family's own
scan and photo code, as its packages are made — the seventh's posterised, JPEG-blocked, faxed and
screenshot pages, the eighth's 150–400 dpi colour scans with stamps, signatures, holes, toner streaks and
halftone copies and its curved, blurred, dim photos, the ninth's augraphy pipelines at 150–300 dpi, the
tenth's 150–300 dpi grey or colour scans and desk photos in perspective —
saved in the family's file format for the rendering (its image-only PDF as the JPEG it would hold, so
that every reader gets the same image file) with the resolution the family states; `first` uses the
first family's effects on a 300 dpi render, whatever the family (the only effects before, and those of
the first, fourth, fifth and sixth).
Their truth text is the generator's own PDF read by poppler, never the product's reader, in two orders:
- reading order: `pdftotext -raw`, the order the generator drew the text in (its content stream). On
  these pages that is the order a person reads: a form's label and value on one line, a table row by
  row with cells left to right, a two-column bilingual contract one column after the other, each
  column's paragraphs top to bottom. Only a cell that wraps gives its lines together before the next
  cell (a person reads it so too). Not so on the eighth family's ruled forms (the Р-1 act): its generator
  draws their wrapped cells (column headings, item names, parties' addresses) after the rest of the page,
  so `-raw` gives them last and a reader that keeps them in place scores high there (0.84 on such an act
  read at 0.04 in any order); read the any-order figure for those pages;
- poppler's default order (the truth before; printed alongside so that the change is visible): it
  reorders by its own layout analysis, which gives a table's cells down each column, a form's label
  and value as separate paragraphs (a wrapped label around its value), and on a two-column contract
  whose columns it does not separate interleaves the Kazakh and Russian lines. `pdftotext -layout`
  keeps the physical rows (two columns interleaved line by line), not a reading order either.
Each page is rendered as a clean scan, a bad scan and a phone photo with the generator's effects, and
read, interleaved so that machine load hits all alike, by
- raw `tesseract IMG stdout -l rus+kaz+eng` (OMP_THREAD_LIMIT=1);
- the page stage (one worker). Like its reader processes it keeps Tesseract's models loaded from one
  page to the next (the first page read pays the loading); the raw command loads them for every page;
- OCRmyPDF at its best clean-up setting for these pages (`--deskew --clean --tesseract-thresholding
  sauvola`: unpaper, deskew, Sauvola binarisation; chosen over its default, `--deskew --clean` and
  `--deskew --clean --oversample 450` on a sample of the clean scans), one job, text from `--sidecar`;
  skipped with `--no-ocrmypdf` or when `ocrmypdf` is not installed, and on renderings not named by
  `--ocrmypdf-renderings` (default: all). It is told the resolution the file states (`--image-dpi`;
  300 for a phone photo, whose file states the camera's 72).
Prints:

1. born-digital page through the page stage vs. raw Tesseract on the same page rendered at 300 dpi;
2. per rendering: time of the page stage and of OCRmyPDF / time of raw Tesseract (wall and CPU);
3. per rendering, median over the pages of character error rates:
   - CER: whitespace-normalised Levenshtein distance / truth length, text in each reader's order,
     against the reading-order truth (`-raw`);
   - CER, default-order truth: the same against poppler's default order (the figure measured before);
   - CER any order: the same count with reading order set aside — each truth line (longest first) is
     matched to its closest stretch of the reader's text, the edits within it counted and the stretch
     used up; the reader's text that no truth line took counts as inserted. Its lines are those of
     poppler's default order (one per table cell and per form label or value: the finest pieces, so
     that no order inside a row is imposed); it counts only characters misread, missed or added;
   and, for phone photos, on how many the page stage found the sheet and unwarped it (`perspective`);
4. a second read of the pages of the first rendering (cache hit) vs. the first.
"""

from __future__ import annotations

import argparse
import io
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
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["OMP_THREAD_LIMIT"] = "1"

import numpy as np
import pypdfium2 as pdfium
from PIL import Image
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from extractors.cache import DiskCache
from extractors.pages import PageTask, ReaderConfig, read_page, read_pages
from fixtures import degrade
from fixtures.eighth import formats as eighth_formats
from fixtures.eighth import scans as eighth_scans
from fixtures.families import FAMILIES as GENERATORS
from fixtures.generate import generate_package
from fixtures.ninth import package as ninth_package
from fixtures.ninth import scans as ninth_scans
from fixtures.seventh import scans as seventh_scans
from fixtures.tenth import scans as tenth_scans
from fixtures.textfmt import money
from intake.files import inspect
from intake.limits import Limits

PREFERRED = ("Заявка", "ПП-", "Выписка", "Договор", "Отчет", "Счет")
RENDERINGS = ("scan", "bad_scan", "phone_photo")
COST_TYPES = ("digital_equipment", "process_equipment", "staff_competence", "process_installation")
LANGS = "rus+kaz+eng"
OCRMYPDF_BEST = ("--deskew", "--clean", "--tesseract-thresholding", "sauvola")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def cer(hyp: str, truth: str) -> float:
    t = norm(truth)
    return Levenshtein.distance(norm(hyp), t) / max(1, len(t))


def _fitting(line: str, text: str) -> tuple[int, int, int]:
    """Fewest edits turning `line` into some stretch of `text` (free start and end), and that stretch."""
    m = len(line)
    prev = list(range(m + 1))
    prev_start = [0] * (m + 1)
    best = (m, 0, 0)
    for j, ch in enumerate(text, 1):
        cur, cur_start = [0], [j]
        for i in range(1, m + 1):
            options = (
                (prev[i - 1] + (line[i - 1] != ch), prev_start[i - 1]),
                (prev[i] + 1, prev_start[i]),
                (cur[i - 1] + 1, cur_start[i - 1]),
            )
            cost, origin = min(options)
            cur.append(cost)
            cur_start.append(origin)
        if cur[m] < best[0]:
            best = (cur[m], cur_start[m], j)
        prev, prev_start = cur, cur_start
    return best


def cer_any_order(hyp: str, truth: str) -> float:
    """Characters misread, missed or added / truth length, reading order set aside (see the docstring)."""
    lines = sorted((norm(ln) for ln in truth.splitlines() if norm(ln)), key=len, reverse=True)
    text = list(norm(hyp))
    errors = 0
    for line in lines:
        joined = "".join(text)
        window = (0, len(joined))
        if len(line) < len(joined):
            al = fuzz.partial_ratio_alignment(line, joined)
            assert al is not None
            pad = len(line) // 5 + 3
            window = (max(0, al.dest_start - pad), min(len(joined), al.dest_end + pad))
        cost, a, b = _fitting(line, joined[window[0] : window[1]])
        errors += cost
        for k in range(window[0] + a, window[0] + b):
            text[k] = "\0"  # used up: no other truth line can take it
    errors += sum(1 for ch in text if ch not in ("\0", " "))
    return errors / max(1, sum(len(ln) for ln in lines))


def pdftotext(pdf: Path, page: int, *mode: str) -> str:
    """The page's text by poppler: `-raw` for content-stream order, nothing for its default order."""
    out = subprocess.run(
        ["pdftotext", *mode, "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(pdf), "-"],
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
        ["tesseract", str(path), "stdout", "-l", LANGS],
        capture_output=True,
        check=True,
        env=dict(os.environ, OMP_THREAD_LIMIT="1"),
    )
    return out.stdout.decode("utf-8")


def ocrmypdf_cmd() -> str | None:
    here = Path(sys.executable).parent / "ocrmypdf"
    return str(here) if here.exists() else shutil.which("ocrmypdf")


def ocrmypdf_text(cmd: str, path: Path, dpi: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        sidecar = Path(tmp) / "text.txt"
        subprocess.run(
            [cmd, "-q", "-j", "1", "-l", LANGS, "--image-dpi", str(dpi), "--output-type", "none",
             "--sidecar", str(sidecar), *OCRMYPDF_BEST, str(path), "-"],
            capture_output=True,
            check=True,
            env=dict(os.environ, OMP_THREAD_LIMIT="1"),
        )
        return sidecar.read_text("utf-8")


def render(pdf_bytes: bytes, page: int, rendering: str, seed: int) -> tuple[bytes, str, str]:
    """One page of the PDF as the first family's effects render it: (file bytes, extension, media type)."""
    rng = random.Random(f"{seed}|{rendering}|{page}|{len(pdf_bytes)}")
    g = np.random.default_rng(rng.randrange(2**63))
    arr = degrade.rasterize(pdf_bytes)[page - 1]
    out, tr = degrade.RENDERINGS[rendering](arr, g, 1)
    im = Image.fromarray(out, "L") if out.ndim == 2 else Image.fromarray(out[:, :, ::-1], "RGB")
    if rendering == "phone_photo":
        r = degrade.phone_file([im], [tr], "jpeg", rng)
        return r.data, ".jpg", "image/jpeg"
    if rendering == "bad_scan":
        return degrade.encode([im], "jpeg", rng.randint(35, 55)), ".jpg", "image/jpeg"
    return degrade.encode([im], "png", 90), ".png", "image/png"


def one_page(pdf_bytes: bytes, page: int) -> bytes:
    """Page `page` (1-based) of the PDF as a PDF of its own."""
    src = pdfium.PdfDocument(pdf_bytes)
    dst = pdfium.PdfDocument.new()
    try:
        dst.import_pages(src, [page - 1])
        buf = io.BytesIO()
        dst.save(buf)
        return buf.getvalue()
    finally:
        dst.close()
        src.close()


def _image_format(formats: tuple[str, ...], rng: random.Random) -> str:
    """One of a family's file formats for the rendering, drawn as the family draws it; its image-only PDF
    (one JPEG per page) becomes that JPEG, so every reader gets the same image file."""
    fmt = rng.choice(formats)
    return "jpeg" if fmt == "pdf" else fmt


IMAGE_EXT = {"image/png": ".png", "image/jpeg": ".jpg", "image/tiff": ".tif"}


def render_family(
    family: str, pdf_bytes: bytes, page: int, rendering: str, seed: int, targets: list[str]
) -> tuple[bytes, str, str, int | None]:
    """One page of the PDF as the family's own scanner or phone makes it: (file bytes, extension, media
    type, the resolution the file states — None for a phone photo). `targets`: strings a stamp or a
    signature may land on (the eighth's scans)."""
    rng = random.Random(f"{family}|{seed}|{rendering}|{page}|{len(pdf_bytes)}")
    pdf = one_page(pdf_bytes, page)
    if family == "seventh":
        r = seventh_scans.render(pdf, rendering, _image_format(seventh_scans.FORMATS[rendering], rng), rng)
    elif family == "eighth":
        fmt = _image_format(eighth_scans.FORMATS[rendering], rng)
        r = eighth_scans.render(pdf, rendering, fmt, rng, targets)
    elif family == "ninth":
        images, trs, dpi = ninth_package.scanned(pdf, rendering, rng)
        pil = [ninth_scans.to_image(a) for a in images]
        fmt = _image_format(ninth_package.FORMATS[rendering], rng)
        if rendering == "phone_photo":
            r = degrade.phone_file(pil, trs, fmt, rng, quality_range=(68, 86), exif_share=0.3)
        else:
            quality = rng.randint(40, 60) if rendering == "bad_scan" else rng.randint(75, 90)
            data = degrade.encode(pil, fmt, quality, dpi=dpi)
            r = degrade.Rendered(data, degrade.MEDIA_TYPES[fmt], 1, trs, dpi)
    elif family == "tenth":
        r = tenth_scans.render(pdf, rendering, _image_format(tenth_scans.FORMATS[rendering], rng), rng)
    else:
        raise ValueError(f"the {family} family has no effects of its own")
    return r.data, IMAGE_EXT[r.media_type], r.media_type, r.dpi


def eighth_targets(fields: dict) -> list[str]:
    """Where the eighth's scanner presses a stamp or a signature: the document's total as the family
    prints it and its parties' BINs."""
    out = [p["bin"] for p in fields.get("parties") or [] if p.get("bin")]
    if fields.get("total") and fields["total"].get("amount") is not None:
        v = Decimal(str(fields["total"]["amount"]))
        out += [eighth_formats.amount(v, s) for s in eighth_formats.AMOUNT_STYLES]
        out += [money(v, ",", "."), money(v, " ", ".")]
    return out


FAMILIES = {
    name: GENERATORS[name] for name in ("fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
}
"""Other generator families `--family` can draw the pages from (default: the first, `fixtures.generate`)."""
OWN_EFFECTS = frozenset({"seventh", "eighth", "ninth", "tenth"})
"""Families with scan and photo effects of their own (`render_family`)."""


def family_documents(
    family: str, seed: int, packages: int, limit: int, out: Path
) -> list[tuple[Path, list[str]]]:
    """First pages of the text documents of `packages` packages of another generator family, every file
    born digital: PDFs the package holds loose (not inside an archive) whose first page is a document
    other than an equipment photo, in a fixed order, each with its stamp targets (`eighth_targets`)."""
    pdfs: list[tuple[Path, list[str]]] = []
    for pkg in FAMILIES[family](seed, out / "gen", packages, renderings=("born_digital",)):
        truth = json.loads((pkg / "truth.json").read_text("utf-8"))
        for f in sorted(truth["files"], key=lambda f: f["name"]):
            path = pkg / "files" / f["name"]
            first = next((d for d in f.get("documents") or [] if 1 in d["pages"]), None)
            if path.suffix.lower() == ".pdf" and path.exists() and first and first["type"] != "photo":
                pdfs.append((path, eighth_targets(first["fields"])))
    return pdfs[: limit or None]


def text_documents(seed: int, packages: int, limit: int, out: Path) -> list[Path]:
    """First pages of the text documents of `packages` born-digital packages, in a fixed order."""
    pdfs: list[Path] = []
    for k in range(packages):
        pkg = generate_package(
            seed + k,
            "complete",
            COST_TYPES[k % len(COST_TYPES)],
            date(2026, 3, 2),
            out / "gen",
            {"*": "born_digital"},
            packaging="flat",
        )
        truth = json.loads((pkg / "truth.json").read_text("utf-8"))
        kinds = {f["name"]: f["documents"][0]["type"] for f in truth["files"] if f.get("documents")}
        pdfs += sorted(
            (p for p in (pkg / "files").glob("*.pdf") if kinds.get(p.name) != "photo"),
            key=lambda p: (next((i for i, k in enumerate(PREFERRED) if p.name.startswith(k)), 99), p.name),
        )
    return pdfs[: limit or None]


def median(values: list[float]) -> float:
    return float(np.median(values)) if values else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--packages", type=int, default=3, help="born-digital packages to take pages from")
    ap.add_argument("--pages", type=int, default=20, help="at most N pages (0: all)")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--family", choices=("first", *FAMILIES), default="first",
                    help="generator family the pages come from (truth: its born-digital PDFs)")
    ap.add_argument("--effects", choices=("first", "family"), default=None,
                    help="whose scan and photo effects render the pages (default: the family's own where it "
                    "has them, else the first family's)")
    ap.add_argument("--renderings", default=",".join(RENDERINGS))
    ap.add_argument("--no-ocrmypdf", action="store_true", help="leave OCRmyPDF out")
    ap.add_argument("--ocrmypdf-renderings", default=",".join(RENDERINGS),
                    help="renderings OCRmyPDF reads (it is the slowest reader)")
    ap.add_argument("--no-born-digital", action="store_true", help="leave measure 1 out")
    ap.add_argument("--out", type=Path, default=Path("var/bench/pages"))
    args = ap.parse_args()
    out = args.out
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    renderings = [r for r in args.renderings.split(",") if r]
    omp = None if args.no_ocrmypdf else ocrmypdf_cmd()
    effects = args.effects or ("family" if args.family in OWN_EFFECTS else "first")
    if effects == "family" and args.family not in OWN_EFFECTS:
        ap.error(f"the {args.family} family has no scan effects of its own: --effects first")
    omp_renderings = {r for r in args.ocrmypdf_renderings.split(",") if r}
    documents: list[tuple[Path, list[str]]]
    if args.family == "first":
        documents = [(p, []) for p in text_documents(args.seed, args.packages, args.pages, out)]
    else:
        documents = family_documents(args.family, args.seed, args.packages, args.pages, out)
    pdfs = [p for p, _ in documents]
    config = ReaderConfig(workers=1)

    print(f"{len(pdfs)} pages: {', '.join(p.parent.parent.name[-6:] + '/' + p.name for p in pdfs)}")
    print(f"effects: {args.family if effects == 'family' else 'first'} family's")
    on = ",".join(r for r in renderings if r in omp_renderings)
    print(f"OCRmyPDF: {' '.join(OCRMYPDF_BEST) + ' on ' + on if omp else 'not run'}")
    print("per page: seconds, cer reading order / default-order truth / any order\n")
    # 1. born-digital page vs OCR of the same page rendered
    bd_stage = bd_raw = 0.0
    for p in [] if args.no_born_digital else pdfs:
        data = p.read_bytes()
        task = PageTask(p.name, "x", "application/pdf", 0, data)
        page, t_stage, _ = timed(lambda: read_page(task, config))  # noqa: B023
        assert page.source.value == "text_layer", page.source
        png = out / f"{p.stem}-render.png"
        png.write_bytes(degrade.encode([Image.fromarray(degrade.rasterize(data)[0], "L")], "png", 90))
        _, t_raw, _ = timed(lambda: raw_tesseract(png))  # noqa: B023
        bd_stage += t_stage
        bd_raw += t_raw

    # 2 + 3. renderings: raw tesseract, page stage and OCRmyPDF, interleaved
    readers = ("raw", "stage", "omp") if omp else ("raw", "stage")
    rows: dict[str, dict[str, list[float]]] = {
        r: {f"{who}_{m}": [] for who in readers for m in ("t", "c", "cer", "old", "any")} for r in renderings
    }
    for r in renderings:
        rows[r]["sheet"] = []
    files = []
    for n, (p, targets) in enumerate(documents):
        truth = pdftotext(p, 1, "-raw")
        default_order = pdftotext(p, 1)
        data = p.read_bytes()
        for r in renderings:
            if effects == "family":
                img, ext, media, dpi = render_family(args.family, data, 1, r, args.seed + n, targets)
            else:
                (img, ext, media), dpi = render(data, 1, r, args.seed + n), degrade.DPI
            path = out / f"{n:02d}-{p.stem}-{r}{ext}"
            path.write_bytes(img)
            files.append(path)
            task = PageTask(path.name, "x", media, 0, img)
            texts: dict[str, str] = {}
            row = rows[r]
            for who in readers:
                if who == "omp" and r not in omp_renderings:
                    continue
                if who == "raw":
                    text, t, c = timed(lambda: raw_tesseract(path))  # noqa: B023
                elif who == "stage":
                    page, t, c = timed(lambda: read_page(task, config))  # noqa: B023
                    text = page.text
                else:
                    assert omp is not None
                    text, t, c = timed(lambda: ocrmypdf_text(omp, path, dpi or degrade.DPI))  # noqa: B023
                texts[who] = text
                row[f"{who}_t"].append(t)
                row[f"{who}_c"].append(c)
                row[f"{who}_cer"].append(cer(text, truth))
                row[f"{who}_old"].append(cer(text, default_order))
                row[f"{who}_any"].append(cer_any_order(text, default_order))
            row["sheet"].append(float("perspective" in page.cleanup))
            print(
                f"  {n:02d} {p.stem[:26]:26} {r:11} "
                + " | ".join(
                    f"{who} {row[f'{who}_t'][-1]:5.2f}s "
                    f"cer {row[f'{who}_cer'][-1]:.3f}/{row[f'{who}_old'][-1]:.3f}/{row[f'{who}_any'][-1]:.3f}"
                    for who in readers
                    if who in texts
                )
                + f"  [{','.join(page.cleanup)}]",
                flush=True,
            )

    # 4. cache: the pages of the first rendering read twice
    with tempfile.TemporaryDirectory() as tmp:
        cache = DiskCache(Path(tmp), "pages")
        first = files[:: len(renderings)]
        loaded = [f for path in first for f in inspect(path.name, path.read_bytes(), Limits())]
        cfg = ReaderConfig()
        _, t_first, _ = timed(lambda: read_pages(loaded, cfg, cache))
        _, t_second, _ = timed(lambda: read_pages(loaded, cfg, cache))

    print()
    print(f"{'measure (3.: medians)':40} {'page stage':>10} {'raw tess.':>10} {'OCRmyPDF':>10}  target")
    if bd_stage:
        print(
            f"{'1. born-digital page (s/page)':40} {bd_stage / len(pdfs):10.3f} {bd_raw / len(pdfs):10.2f} "
            f"{'':>10}  ≥ 50× faster: {bd_raw / bd_stage:.0f}×"
        )
    for r in renderings:
        row = rows[r]
        raw_t, raw_c = sum(row["raw_t"]), sum(row["raw_c"])
        omp_t = f"{sum(row['omp_t']) / raw_t:9.2f}×" if row.get("omp_t") else f"{'-':>10}"
        omp_c = f"{sum(row['omp_c']) / raw_c:9.2f}×" if row.get("omp_c") else f"{'-':>10}"
        stage_t = sum(row["stage_t"]) / raw_t
        print(f"{'2. ' + r + ' wall, × raw':40} {stage_t:9.2f}× {1:9.2f}× {omp_t}  ≤ 1.3×")
        print(f"{'   ' + r + ' cpu, × raw':40} {sum(row['stage_c']) / raw_c:9.2f}× {1:9.2f}× {omp_c}")
        print(f"{'   ' + r + ' raw s/page':40} {'':>10} {raw_t / len(row['raw_t']):10.2f}")
    for r in renderings:
        row = rows[r]
        target = {"scan": "≤ 0.03", "bad_scan": "≤ 0.04"}.get(r, "")
        for m, label in (("cer", "CER"), ("old", "CER default-order truth"), ("any", "CER any order")):
            cells = " ".join(
                f"{median(row[f'{who}_{m}']):10.3f}" if row.get(f"{who}_{m}") else f"{'-':>10}"
                for who in ("stage", "raw", "omp")
            )
            print(f"{'3. ' + label + ', ' + r:40} {cells}  {target if m == 'cer' else ''}")
        if r == "phone_photo":
            found = f"{int(sum(row['sheet']))}/{len(row['sheet'])}"
            print(f"{'   phone_photo sheets found (perspective)':40} {found:>10}")
    print(
        f"{'4. pages read, cached vs first (s)':40} {t_second:10.4f} {t_first:10.2f} {'':>10}  "
        f"≥ 100× faster: {t_first / t_second:.0f}×"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
