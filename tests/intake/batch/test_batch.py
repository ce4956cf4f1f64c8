"""`intake batch`: manifest rows, failures that do not stop a batch, re-checks from the caches, resuming."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from intake.batch.manifest import parse_manifest
from tests.conftest import born_digital_archive

ROOT = Path(__file__).resolve().parents[3]
PLAN = [
    ("complete", "staff_competence"),
    ("invalid_bin", "process_energy_audit"),
    ("missing_payment_order", "process_installation"),
    ("payment_outside_window", "staff_competence"),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four born-digital packages and the generator's manifest.jsonl."""
    out = tmp_path_factory.mktemp("archive")
    return born_digital_archive(out, 17, date(2025, 9, 3), PLAN)


def results(out: Path) -> dict[str, dict[str, str]]:
    with (out / "results.csv").open(encoding="utf-8") as fh:
        return {r["package_id"]: r for r in csv.DictReader(fh)}


def report(out: Path, row: dict[str, str]) -> dict:
    return json.loads((out / row["report"]).read_text(encoding="utf-8"))


def batch(args: list[str], data_dir: Path) -> tuple[int, str]:
    env = {**os.environ, "INTAKE_DATA_DIR": str(data_dir)}
    res = CliRunner().invoke(__import__("intake.cli", fromlist=["main"]).main, ["batch", *args], env=env)
    return res.exit_code, res.output


def test_manifest_rows_are_validated_one_by_one() -> None:
    text = (
        "path,cost_type,application_date,applicant_bin\n"
        "a,staff_competence,2025-09-03,670313396450\n"
        "b,staff_competence,2025-09-03,670313396451\n"
        "c,no_such_type,2025-09-03,670313396450\n"
        "d,staff_competence,03.09.2025,670313396450\n"
        "../e,staff_competence,2025-09-03,670313396450\n"
        "a,staff_competence,2025-09-03,670313396450\n"
    )
    rows, errors = parse_manifest(text, "csv")
    assert [r.package_id for r in rows] == ["a"]
    reasons = {e.package_id: e.reason for e in errors}
    assert "check digit" in reasons["b"]
    assert "cost_type" in reasons["c"]
    assert "YYYY-MM-DD" in reasons["d"]
    assert "'..'" in reasons["../e"]
    assert "duplicate" in reasons["a@line-7"]
    rows, errors = parse_manifest('{"path": "x", "cost_type": "staff_competence"}\nnot json\n', "jsonl")
    assert not rows and [e.line for e in errors] == [1, 2]


def test_failed_packages_are_recorded_and_the_batch_goes_on(archive: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    lines = []
    for i in (0, 1):
        pkg = archive / f"pkg-017-0{i}"
        (src / pkg.name).symlink_to(pkg, target_is_directory=True)
        lines.append(json.loads((archive / "manifest.jsonl").read_text().splitlines()[i]))
    bad = src / "corrupt"
    bad.mkdir()
    (bad / "Договор.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    (bad / "Акт.pdf").write_bytes(b"")
    good_bin = lines[0]["applicant_bin"]
    lines.append(
        {
            "path": "corrupt",
            "cost_type": "staff_competence",
            "application_date": "2025-09-03",
            "applicant_bin": good_bin,
        }
    )
    lines.append(
        {
            "path": "nowhere",
            "cost_type": "staff_competence",
            "application_date": "2025-09-03",
            "applicant_bin": good_bin,
        }
    )
    lines.append(
        {
            "path": "pkg-017-00",
            "package_id": "bad-bin",
            "cost_type": "staff_competence",
            "application_date": "2025-09-03",
            "applicant_bin": good_bin[:-1] + str((int(good_bin[-1]) + 1) % 10),
        }
    )
    (src / "manifest.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    code, output = batch([str(src), "--out", str(tmp_path / "out"), "--jobs", "2"], tmp_path / "var")
    assert code == 1, output
    got = results(tmp_path / "out")
    assert got["pkg-017-00"]["status"] == got["pkg-017-01"]["status"] == "done"
    assert got["pkg-017-00"]["verdict"] == "complete" and got["pkg-017-01"]["verdict"] == "incomplete"
    assert got["corrupt"]["status"] == "failed" and "no readable file" in got["corrupt"]["error"]
    assert "corrupt" in got["corrupt"]["error"] and "empty" in got["corrupt"]["error"]
    assert got["nowhere"]["status"] == "failed" and "no file or folder" in got["nowhere"]["error"]
    assert got["bad-bin"]["status"] == "failed" and "check digit" in got["bad-bin"]["error"]
    assert "Failed packages" in output


def test_recheck_after_a_rule_change_reuses_pages_and_documents(archive: Path, tmp_path: Path) -> None:
    out, var = tmp_path / "out", tmp_path / "var"
    code, _ = batch([str(archive), "--out", str(out), "--jobs", "2"], var)
    assert code == 0
    first = results(out)
    assert all(int(r["pages"]) > 0 and r["pages_cached"] == "0" for r in first.values())
    code, output = batch([str(archive), "--out", str(out), "--jobs", "2"], var)
    assert code == 0 and "skipped (already done)" in output
    assert results(out) == first  # nothing redone: same reports, same timings
    code, output = batch(
        [str(archive), "--out", str(out), "--jobs", "2", "--application-date", "2026-03-02"], var
    )
    assert code == 0
    again = results(out)
    for pid, row in again.items():
        assert row["pages_cached"] == row["pages"] == first[pid]["pages"]
        assert row["documents_cached"] == row["documents"] == first[pid]["documents"]
        assert report(out, row)["documents"] == report(out, first[pid])["documents"]
        assert "application_date 2025-09-03 → 2026-03-02" in row["reasons"] or row["changed"] == "0"
    assert any(r["changed"] == "1" and "missing_document" in r["added"] for r in again.values())
    diff_lines = (out / "diff.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(diff_lines) == sum(r["changed"] == "1" for r in again.values())


def test_extractor_change_reads_documents_again_but_not_pages(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractors.pages import ReaderConfig
    from intake import doc_cache
    from intake.batch.sources import FolderSource
    from intake.batch.work import run_package
    from intake.limits import Limits
    from intake.pipeline import PipelineConfig

    source = FolderSource(archive, Limits())
    rows, _ = source.manifest(None)
    row = rows[0]
    blobs = source.blobs(row)
    config = PipelineConfig(reader=ReaderConfig(workers=1), cache_dir=tmp_path / "cache")
    first = run_package(row.package_id, "k", blobs, row.request, config)
    same = run_package(row.package_id, "k", blobs, row.request, config)
    assert (first.pages_cached, first.documents_cached) == (0, 0)
    assert (same.pages_cached, same.documents_cached) == (first.pages, first.documents)
    monkeypatch.setattr(doc_cache, "documents_version", lambda: "fields/next")
    changed = run_package(row.package_id, "k", blobs, row.request, config)
    assert (changed.pages_cached, changed.documents_cached) == (first.pages, 0)
    assert changed.report == first.report


def _done(journal: Path) -> dict[str, str]:
    try:
        with sqlite3.connect(journal, timeout=5) as db:
            return dict(
                db.execute("SELECT package_id, finished_at FROM results WHERE status='done'").fetchall()
            )
    except sqlite3.Error:
        return {}


def _start(archive: Path, out: Path, var: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "intake.cli", "batch", str(archive), "--out", str(out), "--jobs", "1"],
        cwd=ROOT,
        env={**os.environ, "INTAKE_DATA_DIR": str(var)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _interrupt_after(proc: subprocess.Popen[bytes], journal: Path, count: int, sig: signal.Signals) -> None:
    deadline = time.monotonic() + 60
    while len(_done(journal)) < count:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "batch made no progress"
        time.sleep(0.05)
    if sig == signal.SIGKILL:
        os.killpg(proc.pid, sig)  # the whole machine gone: the batch and its pool processes
    else:
        os.kill(proc.pid, sig)  # Ctrl-C
    proc.wait(timeout=30)


def test_interrupted_batch_resumes_with_the_same_results(archive: Path, tmp_path: Path) -> None:
    straight = tmp_path / "straight"
    code, _ = batch([str(archive), "--out", str(straight), "--jobs", "2"], tmp_path / "var-straight")
    assert code == 0
    out, var = tmp_path / "out", tmp_path / "var"
    journal = out / "journal.sqlite"
    ctrl_c = _start(archive, out, var)
    _interrupt_after(ctrl_c, journal, 1, signal.SIGINT)
    assert ctrl_c.returncode == 130
    killed = _start(archive, out, var)
    _interrupt_after(killed, journal, 2, signal.SIGKILL)
    before = _done(journal)
    assert 2 <= len(before) < len(PLAN), "the kill came too late to test resuming"
    code, output = batch([str(archive), "--out", str(out), "--jobs", "2"], var)
    assert code == 0, output
    after = _done(journal)
    assert set(after) == {f"pkg-017-0{i}" for i in range(len(PLAN))}
    assert {pid: after[pid] for pid in before} == before  # finished packages were not redone
    resumed, expected = results(out), results(straight)
    assert resumed.keys() == expected.keys()
    for pid, row in resumed.items():
        assert (row["status"], row["verdict"]) == (expected[pid]["status"], expected[pid]["verdict"])
        assert report(out, row) == report(straight, expected[pid])
