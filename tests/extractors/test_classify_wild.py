"""Classification on the independently written `wild` family (born-digital, scored against its truth):
bills for payment, VAT registration papers and other unnamed papers are `other`; ЭСФ print forms,
internet-bank payment orders, 1C acts, Р-1 / З-2 with header tables and register extracts get their kind."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fixtures.scoring import Scores, score_package
from fixtures.wild.generate import generate_wild_set
from fixtures.wild.package import SCENARIOS
from intake.pipeline import PipelineConfig, check
from intake.report import to_json
from models.package import PackageRequest
from models.vocab import CostType


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(report, truth) for a born-digital set of the family that covers its scenarios and cost types."""
    root = tmp_path_factory.mktemp("wild")
    out = []
    for pkg in generate_wild_set(7301, root, len(SCENARIOS) + 2, renderings=("born_digital",)):
        truth = json.loads((pkg / "truth.json").read_text(encoding="utf-8"))
        req = truth["request"]
        request = PackageRequest(cost_type=CostType(req["cost_type"]),
                                 application_date=date.fromisoformat(req["application_date"]),
                                 applicant_bin=req["applicant_bin"])
        out.append((to_json(check([Path(pkg) / "files"], request, PipelineConfig())), truth))
    return out


def _typed(checked: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[tuple[str, str, str]]:
    """(truth layout, truth type, predicted type) of every page."""
    rows = []
    for report, truth in checked:
        pred = {(p["file"], p["page"]): d["type"] for d in report["documents"] for p in d["pages"]}
        for f in truth["files"]:
            for d in f["documents"]:
                rows += [(d["layout"], d["type"], pred.get((f["name"], p), "-")) for p in d["pages"]]
    return rows


def test_page_classification_meets_the_target(checked) -> None:
    total = Scores()
    for report, truth in checked:
        total.merge(score_package(report, truth))
    tally = total.pages["born_digital"]
    assert tally.tp + tally.fn > 60
    assert tally.recall >= 0.98, [m for m in total.mistakes if "typed" in m]


def test_papers_the_checklists_do_not_name_are_other(checked) -> None:
    rows = [r for r in _typed(checked) if r[1] == "other"]
    layouts = {r[0] for r in rows}
    assert {"other/vat_registration"} & layouts or {"other/bill_1c", "other/offer_1c",
                                                      "other/bill_contract_1c"} & layouts
    assert [r for r in rows if r[2] != "other"] == []


@pytest.mark.parametrize("layout", ["act/act_1c", "act/form_r1_grid", "invoice/esf_print_form",
                                    "payment_order/ibank_printout", "ktp_extract/register_print",
                                    "waybill/form_z2_grid", "contract/kk_only"])
def test_document_kinds_as_they_come(checked, layout: str) -> None:
    rows = [r for r in _typed(checked) if r[0] == layout]
    if not rows:
        pytest.skip(f"no {layout} in this set")
    assert all(pred == want for _, want, pred in rows), rows


def test_reports_validate(checked, validate_report) -> None:
    for report, _ in checked:
        validate_report(report)
