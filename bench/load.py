"""Bounded load test on loopback: the real service (uvicorn, in-process worker, SQLite, local store)
takes concurrent uploads of generated born-digital packages (a few of them oversized on purpose); every
upload must be acknowledged (201) or cleanly refused (413/429/503 with a message), every acknowledged
package processed. Prints p50/p95 upload latency and the service's peak memory; then reads one
300-page PDF and prints the service's memory at the start, its peak and at the end.

Then, with `--viewers N`, N page-viewer requests at once on hostile pages (a 418-byte PDF whose page
is 14400 points square, pages of a small ZIP) and the service's memory while they are answered.
`--service-root DIR` runs the service from another checkout (a baseline of earlier code, same run).

    python bench/load.py [--uploads 50] [--users 5] [--oversized 2] [--pages 300] [--viewers 0]
                         [--service-root DIR] [--timeout 900]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from fixtures.generate import generate_package

ROOT = Path(__file__).resolve().parents[1]
FORM_KEYS = ("cost_type", "application_date", "applicant_bin")
PASSWORD = "load-test-pass"
MAX_FILE_MB = 20
Package = tuple[dict[str, str], list[tuple[str, bytes]]]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pss(pid: int) -> int:
    """Proportional set size (shared pages split among their sharers), bytes; 0 if unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss(pid: int) -> tuple[int, int]:
    """(RSS of the process, PSS of it and all its descendants — page readers, fork server), bytes."""
    children: dict[int, list[int]] = {}
    rss = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            if int(entry) == pid:
                rss = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += _pss(p)
        todo.extend(children.get(p, []))
    return rss, total


@dataclass
class Sampler:
    """Samples the service's memory every `interval` seconds in a background thread."""

    pid: int
    interval: float = 0.1
    samples: list[tuple[float, int, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __enter__(self) -> Sampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            own, tree = tree_rss(self.pid)
            self.samples.append((time.monotonic(), own, tree))
            self._stop.wait(self.interval)

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def peak(self) -> tuple[int, int]:
        return max(s[1] for s in self.samples), max(s[2] for s in self.samples)


def make_packages(root: Path, n: int, oversized: int) -> list[Package]:
    """`n` distinct born-digital packages; the last `oversized` carry a file over the per-file limit."""
    out: list[Package] = []
    for i in range(n):
        pkg = generate_package(700 + i, "complete", "digital_equipment", date(2026, 5, 12), root,
                               {"*": "born_digital"}, index=i, packaging="flat")
        req = json.loads((pkg / "truth.json").read_text(encoding="utf-8"))["request"]
        files = [(f.name, f.read_bytes()) for f in sorted((pkg / "files").iterdir())]
        if i >= n - oversized:
            junk = os.urandom((MAX_FILE_MB + 1) * 1024 * 1024)
            files.append(("скан-огромный.pdf", b"%PDF-1.4\n%" + junk))
        out.append(({k: req[k] for k in FORM_KEYS}, files))
    return out


def long_pdf(pages: int) -> bytes:
    """A born-digital PDF of `pages` pages of Cyrillic text, each page different."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for p in range(pages):
        c.setFont("DejaVu", 10)
        y = 800
        c.drawString(50, y, f"ПРИЛОЖЕНИЕ № {p + 1} к договору № 77/2025 от 15.03.2025")
        for line in range(45):
            y -= 16
            price = f"{1000 + p * 3 + line:,}".replace(",", " ")
            c.drawString(50, y, f"{line + 1}. Позиция оборудования {p * 45 + line}, "
                                f"количество {line % 7 + 1} шт., цена {price} тенге")
        c.showPage()
    c.save()
    return buf.getvalue()


def create_users(data: Path, users: int, root: Path) -> None:
    """The load users and an officer, made by the code the service runs (its own migrations)."""
    code = (
        "import sys; from pathlib import Path\n"
        "from intake.db.session import Database\nfrom intake.db.tables import User\n"
        "from intake.service.security import hash_password\n"
        "data, n, password = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]\n"
        "db = Database(f'sqlite:///{data / \"intake.db\"}')\n"
        "with db.session() as s:\n"
        "    for u in range(n):\n"
        "        s.add(User(email=f'load{u}@example.kz', password_hash=hash_password(password),\n"
        "                   role='applicant'))\n"
        "    s.add(User(email='officer@example.kz', password_hash=hash_password(password), role='officer'))\n"
        "db.dispose()\n"
    )
    subprocess.run([sys.executable, "-c", code, str(data), str(users), PASSWORD], cwd=root, check=True,
                   env={**os.environ, "PYTHONPATH": str(root)})


def start_service(data: Path, port: int, log: Path, root: Path = ROOT) -> subprocess.Popen[bytes]:
    env = {**os.environ, "INTAKE_DATA_DIR": str(data), "INTAKE_MAX_FILE_MB": str(MAX_FILE_MB),
           "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(root)}
    code = ("import uvicorn; from intake.service.app import create_app; "
            f"uvicorn.run(create_app(), host='127.0.0.1', port={port}, log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=root, env=env, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"service did not start: {log.read_text()[-2000:]}")
        time.sleep(0.3)


@dataclass
class Upload:
    user: int
    status: int
    seconds: float
    package_id: str | None
    detail: str


async def upload_all(base: str, tokens: list[str], packages: list[Package], timeout: float) -> list[Upload]:
    """Every package uploaded at once (user i % len(tokens)), each request timed."""
    limits = httpx.Limits(max_connections=len(packages))
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:

        async def one(i: int, form: dict[str, str], files: list[tuple[str, bytes]]) -> Upload:
            user = i % len(tokens)
            started = time.perf_counter()
            r = await client.post("/packages", headers={"Authorization": f"Bearer {tokens[user]}"},
                                  data=form,
                                  files=[("files", (n, d, "application/octet-stream")) for n, d in files])
            seconds = time.perf_counter() - started
            body = r.json()
            return Upload(user, r.status_code, seconds, body.get("id") if r.status_code == 201 else None,
                          str(body.get("detail", "")))

        return list(await asyncio.gather(*(one(i, f, fs) for i, (f, fs) in enumerate(packages))))


def wait_processed(base: str, token: str, ids: set[str], deadline: float) -> dict[str, str]:
    """Final status of each package (done/failed), polling until all are final or the deadline."""
    final: dict[str, str] = {}
    with httpx.Client(base_url=base, timeout=30, headers={"Authorization": f"Bearer {token}"}) as client:
        while len(final) < len(ids) and time.monotonic() < deadline:
            for pid in ids - set(final):
                status = client.get(f"/packages/{pid}").json()["status"]
                if status in ("done", "failed"):
                    final[pid] = status
            time.sleep(0.5)
    return final


def login(base: str, email: str) -> str:
    r = httpx.post(f"{base}/auth/token", data={"username": email, "password": PASSWORD}, timeout=30)
    r.raise_for_status()
    return str(r.json()["access_token"])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--uploads", type=int, default=50)
    ap.add_argument("--users", type=int, default=5)
    ap.add_argument("--oversized", type=int, default=2, help="uploads carrying a file over the limit")
    ap.add_argument("--pages", type=int, default=300, help="pages of the long PDF (0: skip)")
    ap.add_argument("--viewers", type=int, default=0, help="concurrent page-viewer requests (0: skip)")
    ap.add_argument("--service-root", type=Path, default=ROOT, help="checkout the service runs from")
    ap.add_argument("--timeout", type=float, default=900, help="bound on the whole run, seconds")
    args = ap.parse_args()
    deadline = time.monotonic() + args.timeout
    ok = True
    with tempfile.TemporaryDirectory(prefix="intake-load-") as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        packages = make_packages(root / "gen", args.uploads, args.oversized)
        n_files = sum(len(fs) for _, fs in packages)
        print(f"generated {len(packages)} packages ({n_files} files) in {time.perf_counter() - t:.1f} s")
        data = root / "var"
        create_users(data, args.users, args.service_root)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        service = start_service(data, port, root / "service.log", args.service_root)
        try:
            tokens = [login(base, f"load{u}@example.kz") for u in range(args.users)]
            officer = login(base, "officer@example.kz")
            with Sampler(service.pid) as mem:
                idle_own, idle_tree = tree_rss(service.pid)
                t = time.perf_counter()
                results = asyncio.run(upload_all(base, tokens, packages, timeout=args.timeout))
                upload_wall = time.perf_counter() - t
                acked = {r.package_id for r in results if r.package_id}
                final = wait_processed(base, officer, acked, deadline)
                process_wall = time.perf_counter() - t
            by_status: dict[int, int] = {}
            for r in results:
                by_status[r.status] = by_status.get(r.status, 0) + 1
            clean = {201, 413, 429, 503}
            unclean = [r for r in results if r.status not in clean or (r.status != 201 and not r.detail)]
            lat = [r.seconds for r in results]
            done = sum(1 for s in final.values() if s == "done")
            peak_own, peak_tree = mem.peak()
            print(f"\n{len(results)} concurrent uploads from {args.users} users: "
                  + ", ".join(f"{k}: {v}" for k, v in sorted(by_status.items())))
            for r in results:
                if r.status != 201:
                    print(f"  refused {r.status}: {r.detail}")
            print(f"upload latency: p50 {statistics.median(lat):.2f} s, p95 {percentile(lat, 0.95):.2f} s, "
                  f"max {max(lat):.2f} s (all {len(results)} answered in {upload_wall:.1f} s)")
            print(f"processed: {done} done, {len(final) - done} failed, {len(acked) - len(final)} unfinished "
                  f"of {len(acked)} acknowledged, in {process_wall:.1f} s")
            print(f"service memory: idle {mb(idle_own)}, peak {mb(peak_own)} (service process, RSS); "
                  f"idle {mb(idle_tree)}, peak {mb(peak_tree)} (with its page readers, PSS)")
            ok = not unclean and len(final) == len(acked) and done == len(acked)
            if args.pages:
                ok = long_pdf_memory(base, tokens[0], service.pid, args.pages, deadline) and ok
            if args.viewers:
                ok = viewer_memory(base, tokens, service.pid, args.viewers) and ok
        finally:
            os.killpg(service.pid, signal.SIGTERM)
            try:
                service.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(service.pid, signal.SIGKILL)
    print("\nRESULT:", "held" if ok else "NOT HELD")
    return 0 if ok else 1


def long_pdf_memory(base: str, token: str, pid: int, pages: int, deadline: float) -> bool:
    """Upload one `pages`-page PDF and sample the service's memory while it is read."""
    pdf = long_pdf(pages)
    form = {"cost_type": "digital_equipment", "application_date": "2026-05-12",
            "applicant_bin": "940140000385"}
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=120, headers=headers) as client:
        time.sleep(2)
        with Sampler(pid, interval=0.05) as mem:
            start_own, start_tree = tree_rss(pid)
            t = time.perf_counter()
            r = client.post("/packages", data=form,
                            files=[("files", (f"Приложение-{pages}.pdf", pdf, "application/pdf"))])
            if r.status_code != 201:
                print(f"long PDF refused: {r.status_code} {r.text}")
                return False
            pid_ = r.json()["id"]
            marks: list[tuple[int, int, int]] = []
            while time.monotonic() < deadline:
                state = client.get(f"/packages/{pid_}").json()
                own_rss, tree_pss = tree_rss(pid)
                marks.append((state["progress"]["pages_done"], own_rss, tree_pss - _pss(pid)))
                if state["status"] in ("done", "failed"):
                    break
                time.sleep(0.25)
            seconds = time.perf_counter() - t
            time.sleep(1)
            end_own, end_tree = tree_rss(pid)
        peak_own, peak_tree = mem.peak()
    at = {q: next(((own, readers) for done, own, readers in marks if done >= q * pages), None)
          for q in (0.25, 0.5, 0.75, 1.0)}
    print(f"\n{pages}-page PDF ({len(pdf) / 1024 / 1024:.1f} MB) read in {seconds:.1f} s, "
          f"status {state['status']}")
    print(f"service process (RSS):    start {mb(start_own)}, peak {mb(peak_own)}, end {mb(end_own)}")
    print(f"with page readers (PSS):  start {mb(start_tree)}, peak {mb(peak_tree)}, end {mb(end_tree)}")
    print("service process (RSS) at 25/50/75/100 % of pages: "
          + ", ".join(mb(v[0]) if v else "-" for v in at.values())
          + " (grows with the words read, which the report keeps)")
    print("page readers and fork server (PSS) at 25/50/75/100 %: "
          + ", ".join(mb(v[1]) if v else "-" for v in at.values()))
    return bool(state["status"] == "done")


def huge_page_pdf(points: int = 14400) -> bytes:
    """A tiny PDF (a few hundred bytes) whose one page claims `points` × `points` points."""
    objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 {points} {points}]/Contents 4 0 R>>".encode(),
            b"<</Length 21>>stream\n0 0 m 100 100 l S\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj".encode() + body + b"endobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer<</Size {len(objs) + 1}/Root 1 0 R>>startxref\n{xref}\n%%EOF".encode()
    return out


def small_zip(members: int = 6) -> bytes:
    """A ZIP of `members` one-page A4 PDFs of text (a few kilobytes each)."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(members):
            zf.writestr(f"doc{i}.pdf", long_pdf(1))
    return buf.getvalue()


def viewer_memory(base: str, tokens: list[str], pid: int, n: int) -> bool:
    """`n` page-viewer requests at once (alternating between the users' tokens) on a huge page and on
    the pages of a ZIP; the service's memory while they are answered. Every answer must be a PNG or a
    clean refusal (404/429/503)."""
    form = {"cost_type": "digital_equipment", "application_date": "2026-05-12",
            "applicant_bin": "940140000385"}
    files = [("huge.pdf", huge_page_pdf()), ("docs.zip", small_zip())]
    ids = []
    for token in tokens[:2]:
        r = httpx.post(f"{base}/packages", data=form, headers={"Authorization": f"Bearer {token}"},
                       files=[("files", (n_, d, "application/octet-stream")) for n_, d in files], timeout=120)
        if r.status_code != 201:
            print(f"viewer package refused: {r.status_code} {r.text}")
            return False
        ids.append(r.json()["id"])
    print(f"\nviewer files: huge.pdf {len(files[0][1])} bytes (14400 pt page), "
          f"docs.zip {len(files[1][1])} bytes")

    async def run() -> list[tuple[int, int]]:
        async with httpx.AsyncClient(base_url=base, timeout=300,
                                     limits=httpx.Limits(max_connections=n)) as client:
            async def one(i: int) -> tuple[int, int]:
                """The final status of one request (429s retried after Retry-After) and the 429s met."""
                k = i % len(ids)
                name = "huge.pdf" if i % 2 == 0 else f"docs.zip/doc{i % 6}.pdf"
                busy = 0
                while True:
                    r = await client.get(f"/packages/{ids[k]}/page",
                                         params={"file": name, "page": 1, "dpi": 200},
                                         headers={"Authorization": f"Bearer {tokens[k]}"})
                    if r.status_code != 429 or busy >= 100:
                        return r.status_code, busy
                    busy += 1
                    await asyncio.sleep(float(r.headers.get("retry-after", "1")))

            return list(await asyncio.gather(*(one(i) for i in range(n))))

    time.sleep(1)
    with Sampler(pid, interval=0.05) as mem:
        start_own, start_tree = tree_rss(pid)
        t = time.perf_counter()
        answers = asyncio.run(run())
        wall = time.perf_counter() - t
        time.sleep(1)
        end_own, end_tree = tree_rss(pid)
    peak_own, peak_tree = mem.peak()
    codes: dict[int, int] = {}
    for code, _ in answers:
        codes[code] = codes.get(code, 0) + 1
    print(f"{n} concurrent page-viewer requests answered in {wall:.1f} s: "
          + ", ".join(f"{k}: {v}" for k, v in sorted(codes.items()))
          + f" ({sum(b for _, b in answers)} answers 429 met and retried on the way)")
    print(f"viewer: service process (RSS) start {mb(start_own)}, peak {mb(peak_own)}, end {mb(end_own)}; "
          f"with its readers (PSS) start {mb(start_tree)}, peak {mb(peak_tree)}, end {mb(end_tree)}")
    return all(code in (200, 404, 429, 503) for code, _ in answers)


if __name__ == "__main__":
    sys.exit(main())
