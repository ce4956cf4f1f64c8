"""`INTAKE_LOG_FORMAT=json`: `intake serve` writes every log line (its own, uvicorn's) as one JSON object."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from intake.logs import JsonFormatter
from tests.servers.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_serve_logs_json_lines(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "INTAKE_DATA_DIR": str(tmp_path / "var"), "INTAKE_LOG_FORMAT": "json",
           "INTAKE_SECRET_KEY": "k" * 40, "PYTHONPATH": str(ROOT)}
    log = (tmp_path / "stderr.log").open("w+")
    proc = subprocess.Popen([sys.executable, "-m", "intake.cli", "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=log, env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "service did not start"
            time.sleep(0.2)
        httpx.get(f"http://127.0.0.1:{port}/nothing-here", timeout=5)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    log.seek(0)
    lines = [line for line in log.read().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines[1:]]  # the first line is the banner with the URL
    assert records and all(set(r) >= {"time", "level", "logger", "message"} for r in records)
    messages = [r["message"] for r in records]
    assert any(m.startswith("service started") for m in messages), messages
    assert any("/nothing-here" in m and "404" in m for m in messages), messages


def test_exceptions_stay_on_one_line() -> None:
    import logging

    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("intake", logging.ERROR, __file__, 1, "failed %s", ("x",),
                                   sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    out = json.loads(line)
    assert out["message"] == "failed x" and "ValueError: boom" in out["exception"]
