"""Number, date, amount and currency of real contracts against answers written by people.

    python bench/real_contracts.py DIR [--cache-dir var/bench/real-cache] [--verbose]

DIR holds `data/NAME.pdf` (one contract per file, scanned or born-digital, any layout or language) and
`gt_answers/NAME.json` with the keys `номер_контракта`, `дата_контракта` (YYYY-MM-DD), `сумма_контракта`
(a number or null) and `валюта_контракта` (ISO code or null), the answer format of the public
contract-reading set of a Kazakh bank's contest. Real documents are not shipped with the product (their
licences do not allow it); an operator points this at a folder of them.

Each file is checked alone as a package; the first document typed `contract` (else the first document)
is read. A field counts when the answer has it (`null` answers are not scored) and the report's value is
exactly it; a report that gives a value the answer lacks, or a different one, is a wrong value, counted
apart: the product's precision on papers nobody here laid out. The currency is the total's (the report
carries no currency without an amount). Prints one line per field with `--verbose`, then the totals and the
number of documents each file was split into (a real contract is one document).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from intake.pipeline import PipelineConfig, check
from intake.report import to_json
from models.package import PackageRequest
from models.vocab import CostType

APPLICANT = "180440942071"
"""Any well-formed BIN: the request needs one; these fields do not depend on it."""


@dataclass
class Tally:
    scored: int = 0
    right: int = 0
    wrong: int = 0


def _stem(path: Path) -> str:
    """File stems as Latin letters: the set names the answer to `355C.pdf` `355С.json` (a Cyrillic С)."""
    return unicodedata.normalize("NFC", path.stem).translate(str.maketrans("АВСЕНКМОРТХ", "ABCEHKMOPTX"))


def _fields(report: dict) -> dict[str, object]:
    docs = [d for d in report["documents"] if d["type"] == "contract"] or report["documents"]
    if not docs:
        return {}
    f = docs[0]["fields"]
    total = f.get("total") or {}
    return {"number": (f.get("number") or {}).get("value"), "date": (f.get("date") or {}).get("value"),
            "amount": total.get("amount"), "currency": total.get("currency")}


def _same(key: str, want: object, got: object) -> bool:
    if key == "amount":
        return Decimal(str(want)) == Decimal(str(got))
    return str(want) == str(got)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--cache-dir", type=Path, default=Path("var/bench/real-cache"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    answers = {_stem(p): p for p in sorted((args.dir / "gt_answers").glob("*.json"))}
    request = PackageRequest(cost_type=CostType.process_equipment, application_date=date(2025, 6, 1),
                             applicant_bin=APPLICANT)
    keys = {"number": "номер_контракта", "date": "дата_контракта", "amount": "сумма_контракта",
            "currency": "валюта_контракта"}
    tally = {k: Tally() for k in keys}
    split = 0
    files = sorted((args.dir / "data").glob("*.pdf"))
    for pdf in files:
        answer = answers.get(_stem(pdf))
        if answer is None:
            print(f"{pdf.name}: no answer file, skipped")
            continue
        want = json.loads(answer.read_text(encoding="utf-8"))
        report = to_json(check([pdf], request, PipelineConfig(cache_dir=args.cache_dir)))
        split += len(report["documents"]) > 1
        got = _fields(report)
        for key, name in keys.items():
            t, w, g = tally[key], want.get(name), got.get(key)
            if w is None:
                t.wrong += g is not None and key != "currency"
                continue
            t.scored += 1
            ok = g is not None and _same(key, w, g)
            t.right += ok
            t.wrong += g is not None and not ok
            if args.verbose:
                print(f"{pdf.stem:8} {key:8} {'ok ' if ok else 'BAD'} answer={w!s:22} read={g}")
    scored = sum(t.scored for t in tally.values())
    right = sum(t.right for t in tally.values())
    for key, t in tally.items():
        print(f"{key:8} {t.right}/{t.scored} exact, {t.wrong} wrong values")
    print(f"all      {right}/{scored} exact ({right / max(scored, 1):.0%}), "
          f"{sum(t.wrong for t in tally.values())} wrong values; {split} of {len(files)} files split into "
          "more than one document")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
