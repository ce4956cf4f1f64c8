"""The settings object (`intake/settings.py`) is the README's configuration: every `INTAKE_*` it reads is
documented with its default, every documented one is read; a malformed value stops the CLI with exit 2."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from intake.errors import ConfigError
from intake.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^\|(?P<cells>.*)\|\s*$")
VAR = re.compile(r"`INTAKE_([A-Z0-9_]+)`")


def documented() -> dict[str, str]:
    """README table rows naming variables → the row's default cell (the table's own column)."""
    out: dict[str, str] = {}
    header: list[str] = []
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if not m:
            header = []
            continue
        cells = [c.strip() for c in m["cells"].split("|")]
        if not header:
            header = cells
            continue
        if "default" not in header:
            continue
        default = cells[header.index("default")]
        names = [n for cell in cells for n in VAR.findall(cell) if cell is not default]
        defaults = [d.strip() for d in default.split(" / ")]
        for i, name in enumerate(names):
            out[name.lower()] = defaults[i] if len(defaults) == len(names) else default
    return out


def test_readme_documents_exactly_the_settings() -> None:
    assert set(documented()) == set(Settings.model_fields)


NUMBERS = sorted(n for n, f in Settings.model_fields.items()
                 if isinstance(f.default, int | float) and not isinstance(f.default, bool))


@pytest.mark.parametrize("name", NUMBERS)
def test_readme_defaults_are_the_settings_defaults(name: str) -> None:
    cell = documented()[name]
    number = re.match(r"`?(\d+(?:\.\d+)?)", cell)
    assert number, f"INTAKE_{name.upper()}: no number in the README's default {cell!r}"
    assert float(number.group(1)) == Settings.model_fields[name].default


def test_limits_and_reader_come_from_the_settings() -> None:
    s = Settings(max_file_mb=7, max_archive_depth=2, parse_seconds=5, page_memory_mb=0, workers=3)
    limits, reader = s.limits(), s.reader()
    assert (limits.max_file_bytes, limits.max_archive_depth, limits.parse_seconds, limits.memory_mb) == (
        7 * 1024 * 1024, 2, 5.0, 0)
    assert (reader.workers, reader.page_memory_mb) == (3, 0)
    assert s.reader(workers=1).workers == 1


@pytest.mark.parametrize("var, value", [("INTAKE_MAX_FILE_MB", "fifty"), ("INTAKE_MAX_FILE_MB", "0"),
                                        ("INTAKE_PAGE_SECONDS", "-1"), ("INTAKE_LANGUAGES", "rus;kaz")])
def test_malformed_value_is_a_config_error_naming_it(monkeypatch: pytest.MonkeyPatch, var: str,
                                                     value: str) -> None:
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError, match=var):
        load_settings()


def test_cli_exits_2_on_bad_configuration(tmp_path: Path) -> None:
    env = {**os.environ, "INTAKE_DATA_DIR": str(tmp_path), "INTAKE_MAX_FILE_MB": "lots"}
    run = subprocess.run([sys.executable, "-m", "intake.cli", "check", str(tmp_path), "--cost-type",
                          "digital_equipment", "--application-date", "2026-03-01", "--applicant-bin",
                          "940140000385"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert run.returncode == 2
    assert "INTAKE_MAX_FILE_MB" in run.stderr and "Traceback" not in run.stderr


def test_nothing_else_reads_intake_variables() -> None:
    """`INTAKE_*` is read from the environment in `intake/settings.py` only."""
    readers = re.compile(r"(os\.environ\.get|os\.getenv|os\.environ\[)\(?\s*[\"']INTAKE_")
    offenders = [str(p.relative_to(ROOT)) for folder in ("intake", "extractors", "checklists", "models")
                 for p in (ROOT / folder).rglob("*.py") if readers.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
