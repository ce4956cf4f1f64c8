"""The generator's waybill (form З-2: a sparse ruled form) as a born-digital PDF with its truth, for the
page-stage tests that scan, photograph and turn it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from fixtures.generate import generate_package


def generated_waybill(out: Path, seed: int, cost_type: str) -> tuple[bytes, dict]:
    """The waybill's PDF from the complete package the first family draws for `seed` and `cost_type`, and
    its fields as the generator's truth states them."""
    pkg = generate_package(seed, "complete", cost_type, date(2026, 3, 2), out, {"*": "born_digital"},
                           packaging="flat")
    truth = json.loads((pkg / "truth.json").read_text("utf-8"))
    entry = next(f for f in truth["files"] if f["name"].startswith("Накладная"))
    return (Path(pkg) / "files" / entry["name"]).read_bytes(), entry["documents"][0]["fields"]
