"""The batch manifest: one row per package (path, cost type, application date, applicant BIN).

CSV (header row) or JSONL (one object per line). Columns: `path` (the package's folder or file,
relative to the source; required), `cost_type`, `application_date` (YYYY-MM-DD), `applicant_bin`
(12 digits, check digit verified) and optionally `package_id` (default: the path). Unknown columns are
ignored, so the generator's `manifest.jsonl` is a valid manifest. A bad row is not fatal: it becomes a
`RowError` the batch records as a failed package, and the other rows go on.

Without a manifest file, a folder source may carry a `package.json` in each package folder with the
same fields (`path` is then the folder's name).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from extractors.bin import is_valid_bin
from models.base import Frozen
from models.package import PackageRequest
from models.vocab import CostType

MANIFEST_NAMES = ("manifest.jsonl", "manifest.csv")
PACKAGE_FILE = "package.json"


class ManifestRow(Frozen):
    package_id: str
    path: str
    request: PackageRequest
    line: int


class RowError(Frozen):
    package_id: str
    line: int
    reason: str


def safe_path(raw: str) -> str:
    """A relative POSIX path inside the source; raises ValueError for absolute or escaping paths."""
    text = raw.strip().replace("\\", "/")
    if not text:
        raise ValueError("path is empty")
    p = PurePosixPath(text)
    if p.is_absolute() or ".." in p.parts or any(":" in part for part in p.parts[:1]):
        raise ValueError(f"path {text!r} must be relative to the source, without '..'")
    parts = [part for part in p.parts if part != "."]
    if not parts:
        raise ValueError("path is empty")
    return "/".join(parts)


def parse_row(raw: Mapping[str, Any], line: int) -> ManifestRow:
    """One manifest row → a row; raises ValueError with a reason an operator can act on."""
    path = safe_path(str(raw.get("path") or ""))
    package_id = str(raw.get("package_id") or path).strip()
    cost = str(raw.get("cost_type") or "").strip()
    if cost not in CostType.__members__:
        raise ValueError(f"unknown cost_type {cost!r}")
    day_text = str(raw.get("application_date") or "").strip()
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise ValueError(f"application_date {day_text!r} is not YYYY-MM-DD") from None
    bin_ = str(raw.get("applicant_bin") or "").strip()
    if len(bin_) != 12 or not bin_.isdigit():
        raise ValueError("applicant_bin must be 12 digits")
    if not is_valid_bin(bin_):
        raise ValueError("applicant_bin check digit fails")
    return ManifestRow(
        package_id=package_id,
        path=path,
        line=line,
        request=PackageRequest(cost_type=CostType(cost), application_date=day, applicant_bin=bin_),
    )


def _records(text: str, fmt: str) -> Iterable[tuple[int, Mapping[str, Any] | str]]:
    """(line number, record or a reason it cannot be read)."""
    if fmt == "csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "path" not in reader.fieldnames:
            yield 1, "CSV manifest needs a header row with a 'path' column"
            return
        for record in reader:
            yield reader.line_num, record
        return
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError as exc:
            yield n, f"not JSON ({exc.__class__.__name__})"
            continue
        yield n, record if isinstance(record, dict) else "not a JSON object"


def parse_manifest(text: str, fmt: str) -> tuple[list[ManifestRow], list[RowError]]:
    """Rows and per-row errors of a CSV or JSONL manifest (`fmt`: `csv` or `jsonl`)."""
    rows: list[ManifestRow] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    for line, record in _records(text.lstrip("\ufeff"), fmt):
        if isinstance(record, str):
            errors.append(RowError(package_id=f"line-{line}", line=line, reason=f"line {line}: {record}"))
            continue
        try:
            row = parse_row(record, line)
        except ValueError as exc:
            ident = str(record.get("package_id") or record.get("path") or f"line-{line}").strip()
            errors.append(
                RowError(package_id=ident or f"line-{line}", line=line, reason=f"line {line}: {exc}")
            )
            continue
        if row.package_id in seen:
            errors.append(
                RowError(
                    package_id=f"{row.package_id}@line-{line}",
                    line=line,
                    reason=f"line {line}: duplicate package_id {row.package_id!r}",
                )
            )
            continue
        seen.add(row.package_id)
        rows.append(row)
    return rows, errors


def manifest_format(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    raise ValueError(f"manifest {name!r}: expected .csv or .jsonl")
