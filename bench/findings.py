"""Finding precision / recall and `complete` accuracy on generated packages with planted problems.

    python bench/findings.py --seed 202 --rounds 2 [--out var/bench/findings] [--truth-only] [--verbose]
        [--born-digital] [--scenarios NAME ...]

Generates every scenario (the default ones and the rule scenarios of `fixtures.scenarios.RULE_SCENARIOS`)
`--rounds` times, rotating cost types, application dates either side of 2026-01-01, rendering mixes and
packaging, with a seed the code was not tuned on. Scores two ways:

- **rules on truth**: the truth's own documents converted to models (`Document` with the true number, date,
  total and parties) and checked by `checklists.evaluate` — the rules isolated from extraction;
- **pipeline**: `intake.pipeline.check` on the files — extraction and rules together.

A planted finding is (code, doc type), matched on the code alone when the truth names no doc type
(`rejected_file` is matched on the file). Reported findings of the scored codes that nothing planted are
false positives. `unreadable_document` is an extraction matter and only counted.
Shipped NBK rates only (the imported store is not read), so the figures do not depend on the machine.
A package with a `history.json` (the applicant's other packages) is checked with that history in both modes.
`--born-digital` renders every document born-digital (photos stay mostly camera pictures) to spare the
OCR; `--scenarios` limits the plan to the scenarios named.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checklists.evaluate import assess
from checklists.rates import shipped
from checklists.rules.history import History, history_from_json
from fixtures.generate import PACKAGING_CYCLE, RENDERING_MIXES
from fixtures.packages import build_package
from fixtures.requirements import COST_TYPES, KTP_FROM
from fixtures.scenarios import ALL_SCENARIOS
from fixtures.scoring import Tally
from intake.pipeline import PipelineConfig, check
from intake.report import finding_json
from models.documents import DateField, Document, Fields, MoneyField, PageRef, Party, TextField
from models.files import FileError, InputFile
from models.findings import Finding
from models.package import PackageRequest
from models.vocab import CostType, DocType, Role, Severity

SCORED = {
    "missing_document", "payment_outside_window", "invalid_bin", "rejected_file", "amount_mismatch",
    "bin_mismatch", "branch_bin", "date_order", "cap_exceeded", "missing_rate", "excluded_equipment",
    "training_too_long", "accommodation_too_long", "duplicate_document", "wrong_document",
    "travel_over_limit", "accommodation_over_limit", "used_equipment", "not_listed_digital",
    "second_agreement", "yearly_cap_exceeded", "reused_document", "tax_not_growing", "register_extract",
    "ineligible_trainee",
}
Key = tuple[str, str | None]



PAGE_CACHE = Path(os.environ["INTAKE_BENCH_CACHE"]) if os.environ.get("INTAKE_BENCH_CACHE") else None
"""Page cache to reuse between runs (set INTAKE_BENCH_CACHE); unset, every page is read."""

def plan(
    seed: int, rounds: int, scenarios: list[str] | None = None, born_digital: bool = False
) -> list[tuple[str, str, date, Any, str]]:
    """(scenario, cost type, application date, renderings, packaging) for every package."""
    rng = random.Random(f"findings|{seed}")
    out = []
    i = 0
    for _ in range(rounds):
        for name, sc in ALL_SCENARIOS.items():
            if scenarios and name not in scenarios:
                continue
            allowed = sorted(sc.cost_types) or list(COST_TYPES)
            cost_type = allowed[(i + rng.randrange(len(allowed))) % len(allowed)]
            if i % 2 == 0:
                day = date(2025, 2, 1) + timedelta(days=rng.randrange((KTP_FROM - date(2025, 2, 1)).days))
            else:
                day = KTP_FROM + timedelta(days=rng.randrange(330))
            renderings = {"*": "born_digital"} if born_digital else RENDERING_MIXES[i % len(RENDERING_MIXES)]
            out.append((name, cost_type, day, renderings, PACKAGING_CYCLE[i % len(PACKAGING_CYCLE)]))
            i += 1
    return out


def truth_models(
    truth: dict[str, Any],
) -> tuple[PackageRequest, list[InputFile], list[Document], dict[str, str]]:
    """The truth's files and documents as the product's models (true fields, confidence 1)."""
    req = truth["request"]
    request = PackageRequest(cost_type=CostType(req["cost_type"]),
                             application_date=date.fromisoformat(req["application_date"]),
                             applicant_bin=req["applicant_bin"])
    files: list[InputFile] = []
    docs: list[Document] = []
    texts: dict[str, str] = {}
    for f in truth["files"]:
        files.append(InputFile(name=f["name"], sha256=f["sha256"], size=f["size"], media_type=f["media_type"],
                               pages=f["pages"], error=FileError(code=f["error"], message=f["error"])
                               if f["error"] else None))
        for td in f["documents"]:
            fl = td["fields"]
            ev = {"file": f["name"], "page": td["pages"][0]}
            doc = Document(
                id=f"doc-{len(docs) + 1}", type=DocType(td["type"]), confidence=1.0,
                pages=tuple(PageRef(file=f["name"], page=p) for p in td["pages"]),
                fields=Fields(
                    number=TextField(value=fl["number"], **ev) if fl.get("number") else None,
                    date=DateField(value=date.fromisoformat(fl["date"]), **ev) if fl.get("date") else None,
                    total=MoneyField(amount=fl["total"]["amount"], currency=fl["total"]["currency"], **ev)
                    if fl.get("total") else None,
                    parties=tuple(Party(bin=p["bin"], valid=p["valid"], role=Role(p["role"]),
                                        position=p.get("position"), name=p.get("name"), **ev)
                                  for p in fl.get("parties", [])),
                ),
            )
            docs.append(doc)
            if td.get("subject"):
                texts[doc.id] = td["subject"]
    return request, files, docs, texts


def history_of(pkg: Path) -> History | None:
    """The applicant's other packages the generator wrote beside the truth, if any."""
    path = pkg / "history.json"
    return history_from_json(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else None


def rules_on_truth(truth: dict[str, Any], history: History | None = None) -> dict[str, Any]:
    request, files, docs, texts = truth_models(truth)
    findings, _ = assess(request, docs, _flags(truth), files=files, texts=texts, rates=shipped(),
                         history=history)
    rejected = tuple(Finding(code="rejected_file", severity=Severity.error, message="", citation="",
                             file=f.name) for f in files if f.error)
    all_findings = rejected + findings
    return {"findings": [finding_json(f) for f in all_findings],
            "complete": not any(f.severity == Severity.error for f in all_findings)}


def _flags(truth: dict[str, Any]) -> frozenset[str]:
    names = {"tax_exempt": "tax_exempt", "travel": "travel_claimed", "accommodation": "accommodation_claimed"}
    return frozenset(names[c] for c in truth.get("conditions", []) if c in names)


def planted(truth: dict[str, Any]) -> set[Key]:
    exp = truth["expected"]
    return {(f["code"], f.get("file") if f["code"] == "rejected_file" else f.get("doc_type"))
            for f in exp["findings"] + exp.get("warnings", [])}


def reported(report: dict[str, Any]) -> set[Key]:
    return {(f["code"], f.get("file") if f["code"] == "rejected_file" else f.get("doc_type"))
            for f in report["findings"] if f["code"] in SCORED}


def score(
    want: set[Key], got: set[Key], tally: Tally, per_code: dict[str, Tally]
) -> tuple[set[Key], set[Key]]:
    missed = {w for w in want if not (w in got or (w[1] is None and any(g[0] == w[0] for g in got)))}
    extra = {g for g in got if g not in want and (g[0], None) not in want}
    for w in want:
        t = per_code.setdefault(w[0], Tally())
        if w in missed:
            t.fn += 1
            tally.fn += 1
        else:
            t.tp += 1
            tally.tp += 1
    for g in extra:
        per_code.setdefault(g[0], Tally()).fp += 1
        tally.fp += 1
    return missed, extra


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=202)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", type=Path, default=Path("var/bench/findings"))
    ap.add_argument("--truth-only", action="store_true", help="only score the rules on the truth")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--born-digital", action="store_true", help="every document born-digital (less OCR)")
    ap.add_argument("--scenarios", nargs="*", help="only these scenarios")
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    out = args.out / f"seed-{args.seed}"
    modes = ["truth"] if args.truth_only else ["truth", "pipeline"]
    tallies = {m: Tally() for m in modes}
    per_code: dict[str, dict[str, Tally]] = {m: {} for m in modes}
    complete_ok = Counter[str]()
    unreadable = 0
    started = time.perf_counter()
    items = plan(args.seed, args.rounds, args.scenarios, args.born_digital)
    for i, (name, cost_type, day, renderings, packaging) in enumerate(items):
        pid = f"pkg-{args.seed:03d}-{i:02d}"
        build_package(seed=args.seed, package_id=pid, scenario=name, cost_type=cost_type,
                      application_date=day, pkg_dir=out / pid, renderings=renderings, packaging=packaging)
        truth = json.loads((out / pid / "truth.json").read_text(encoding="utf-8"))
        want = planted(truth)
        for mode in modes:
            history = history_of(out / pid)
            if mode == "truth":
                report = rules_on_truth(truth, history)
            else:
                report = json.loads(json.dumps(_pipeline(out / pid, truth, history), default=str))
                unreadable += sum(f["code"] == "unreadable_document" for f in report["findings"])
            missed, extra = score(want, reported(report), tallies[mode], per_code[mode])
            ok = report["complete"] == truth["expected"]["complete"]
            complete_ok[mode] += ok
            if args.verbose or missed or extra or not ok:
                print(f"{mode:<8} {'ok ' if ok else 'BAD'} {pid} {name:<22} {cost_type:<32} "
                      f"missed={sorted(missed, key=str)} extra={sorted(extra, key=str)}", flush=True)
    n = len(items)
    print(f"\n{n} packages in {time.perf_counter() - started:.0f} s (seed {args.seed})")
    for mode in modes:
        t = tallies[mode]
        print(f"\n{mode}: finding precision {t.precision:.3f} recall {t.recall:.3f} "
              f"(tp {t.tp}, fp {t.fp}, fn {t.fn}); complete right {complete_ok[mode]}/{n} "
              f"= {complete_ok[mode] / n:.3f}")
        for code, ct in sorted(per_code[mode].items()):
            print(f"  {code:<24} precision {ct.precision:.2f} recall {ct.recall:.2f} "
                  f"(tp {ct.tp}, fp {ct.fp}, fn {ct.fn})")
    if "pipeline" in modes:
        print(f"\nunreadable_document findings (extraction, not scored): {unreadable}")
    return 0


def _pipeline(pkg: Path, truth: dict[str, Any], history: History | None = None) -> dict[str, Any]:
    from intake.history import with_history
    from intake.report import to_json

    req = truth["request"]
    request = PackageRequest(cost_type=CostType(req["cost_type"]),
                             application_date=date.fromisoformat(req["application_date"]),
                             applicant_bin=req["applicant_bin"])
    report = check([pkg / "files"], request, PipelineConfig(cache_dir=PAGE_CACHE))
    return to_json(with_history(report, history) if history is not None else report)


if __name__ == "__main__":
    raise SystemExit(main())
