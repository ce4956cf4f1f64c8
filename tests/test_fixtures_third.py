"""The held-out third family generates valid truth: pages exist, printed values are on their pages."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pdfplumber
import pytest

from fixtures.requirements import required_documents
from fixtures.third.package import SCENARIOS, generate_third_set
from fixtures.truth import PackageTruth


@pytest.fixture(scope="module")
def third_set(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate_third_set(7, tmp_path_factory.mktemp("third"), len(SCENARIOS), ("born_digital",))


def _bytes(pkg: Path, name: str) -> bytes:
    top, _, inner = name.partition(".zip/")
    if inner:
        with zipfile.ZipFile(pkg / "files" / (top + ".zip")) as z:
            return z.read(inner)
    return (pkg / "files" / name).read_bytes()


def test_truth_validates_and_covers_the_checklist(third_set: list[Path]) -> None:
    scenarios = set()
    for pkg in third_set:
        truth = PackageTruth.model_validate(json.loads((pkg / "truth.json").read_text(encoding="utf-8")))
        scenarios.add(truth.scenario)
        types = {d.type for _, d in truth.documents()}
        for row in required_documents(truth.request.cost_type, truth.request.application_date):
            if truth.scenario == "missing_payment_order" and "payment_order" in row.doc_types:
                assert not types & set(row.doc_types)
                continue
            assert types & set(row.doc_types), (pkg.name, row.doc_types)
        codes = {f.code for f in truth.expected.findings}
        want = {
            "complete": set(),
            "invalid_bin": {"invalid_bin"},
            "missing_payment_order": {"missing_document"},
            "payment_outside_window": {"payment_outside_window"},
            "unsupported_file": {"rejected_file"},
        }
        assert codes == want[truth.scenario]
    assert scenarios == set(SCENARIOS)


def test_printed_values_are_on_their_pages(third_set: list[Path]) -> None:
    checked = 0
    for pkg in third_set:
        truth = PackageTruth.model_validate(json.loads((pkg / "truth.json").read_text(encoding="utf-8")))
        applicant = truth.request.applicant_bin
        for f in truth.files:
            if f.error is not None:
                continue
            with pdfplumber.open(io.BytesIO(_bytes(pkg, f.name))) as pdf:
                assert len(pdf.pages) == f.pages
                texts = [p.extract_text() or "" for p in pdf.pages]
            for d in f.documents:
                text = " ".join(texts[p - 1] for p in d.pages)
                flat = "".join(text.split())
                if d.fields.number:
                    assert "".join(d.fields.number.split()) in flat, (f.name, d.fields.number)
                for party in d.fields.parties:
                    assert party.bin in text, (f.name, party.bin)
                    assert (party.role == "applicant") == (party.bin == applicant)
                if d.fields.total is not None:
                    whole = f"{int(d.fields.total.amount):,}".replace(",", "")
                    digits = "".join(ch for ch in text if ch.isdigit())
                    assert whole in digits, (f.name, whole)
                checked += 1
    assert checked >= 50
