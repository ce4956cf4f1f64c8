"""The fixture generator: deterministic, truthful, and consistent with RULES.md.

Expectations come from the generator's own truth files checked against independent oracles (the
BIN check digit written out here from RULES.md, `stdnum.iban`, the PDF text layer read with pdfium).
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from stdnum import iban as iban_oracle

from fixtures.generate import demo, generate_package, generate_set, main
from fixtures.identity import BANKS, bin_is_valid, make_iban
from fixtures.money_words import amount_in_words
from fixtures.requirements import COST_TYPES, KTP_FROM, required_documents
from fixtures.scenarios import SCENARIOS
from fixtures.truth import DOC_TYPES, IMAGE_RENDERINGS, FileTruth, PackageTruth

PAYMENT_TYPES = ("payment_order", "settlement_document")


def rules_bin_valid(value: str) -> bool:
    """RULES.md "Identifiers", written out independently of fixtures.identity."""
    if len(value) != 12 or not value.isdigit():
        return False
    d = [int(c) for c in value]
    c = sum(d[i] * (i + 1) for i in range(11)) % 11
    if c == 10:
        c = sum(d[i] * w for i, w in enumerate((3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2))) % 11
        if c == 10:
            return False
    return c == d[11]


def read_member(pkg: Path, name: str) -> bytes:
    files = pkg / "files"
    if ".zip/" in name:
        archive, inner = name.split(".zip/", 1)
        with zipfile.ZipFile(files / f"{archive}.zip") as zf:
            return zf.read(inner)
    return (files / name).read_bytes()


def load(pkg: Path) -> PackageTruth:
    return PackageTruth.model_validate_json((pkg / "truth.json").read_text(encoding="utf-8"))


def pdf_texts(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    try:
        return [
            page.get_textpage()
            .get_text_range()
            .replace("\u00a0", " ")
            .replace("\r\n", " ")
            .replace("\n", " ")
            for page in doc
        ]
    finally:
        doc.close()


@pytest.fixture(scope="module")
def fixture_set(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """One package per scenario (8), rotating cost types, dates and rendering mixes."""
    return generate_set(11, tmp_path_factory.mktemp("set"), 8)


@pytest.fixture(scope="module")
def truths(fixture_set: list[Path]) -> list[tuple[Path, PackageTruth]]:
    return [(p, load(p)) for p in fixture_set]


# --- identifiers and words -------------------------------------------------------------------------


def test_bin_check_matches_rules_and_public_examples() -> None:
    for good in ("940140000385", "971240001315", "060440009474", "090840000906", "980340201152"):
        assert bin_is_valid(good) and rules_bin_valid(good)
    for bad in ("123456789021", "123456789011", "98034020115", "98034020115X"):
        assert not bin_is_valid(bad) and not rules_bin_valid(bad)


def test_ibans_pass_iso_7064() -> None:
    import random

    rng = random.Random(3)
    for bank in BANKS:
        value = make_iban(rng, bank)
        assert value.startswith("KZ") and len(value) == 20 and value[4:7] == bank.code
        assert iban_oracle.is_valid(value)


def test_amount_in_words_matches_the_brief() -> None:
    assert amount_in_words(Decimal("5140356.48")) == (
        "Пять миллионов сто сорок тысяч триста пятьдесят шесть тенге 48 тиын"
    )
    assert amount_in_words(Decimal("2001.01")).startswith("Две тысячи один тенге 01")


# --- the set ---------------------------------------------------------------------------------------


def test_set_covers_cost_types_dates_renderings_scenarios(truths: list[tuple[Path, PackageTruth]]) -> None:
    assert {t.scenario for _, t in truths} == set(SCENARIOS)
    assert {t.request.cost_type for _, t in truths} == set(COST_TYPES)
    dates = [t.request.application_date for _, t in truths]
    assert any(d < KTP_FROM for d in dates) and any(d >= KTP_FROM for d in dates)
    renderings = {f.rendering for _, t in truths for f in t.files}
    assert {"born_digital", "scan", "bad_scan", "raster", "corrupt", "unsupported", "empty"} <= renderings
    assert any(".zip/" in f.name for _, t in truths for f in t.files)
    assert any(len(f.documents) > 1 for _, t in truths for f in t.files), "no merged multi-document PDF"


def test_manifest_lists_every_package(
    fixture_set: list[Path], truths: list[tuple[Path, PackageTruth]]
) -> None:
    lines = [
        json.loads(x) for x in (fixture_set[0].parent / "manifest.jsonl").read_text("utf-8").splitlines()
    ]
    assert [x["package_id"] for x in lines] == sorted(t.package_id for _, t in truths)
    by_id = {t.package_id: t for _, t in truths}
    for line in lines:
        t = by_id[line["package_id"]]
        assert line["complete"] == t.expected.complete and line["files"] == len(t.files)


def test_every_file_in_truth_exists_and_matches(truths: list[tuple[Path, PackageTruth]]) -> None:
    import hashlib

    for pkg, t in truths:
        named = {f.name for f in t.files}
        for f in t.files:
            data = read_member(pkg, f.name)
            assert hashlib.sha256(data).hexdigest() == f.sha256 and len(data) == f.size, f.name
        # nothing on disk or in an archive that the truth does not name
        for path in (pkg / "files").rglob("*"):
            if path.is_file() and path.suffix == ".zip":
                with zipfile.ZipFile(path) as zf:
                    assert {f"{path.name}/{n}" for n in zf.namelist()} <= named
            elif path.is_file():
                assert path.relative_to(pkg / "files").as_posix() in named


def test_bins_valid_flags_and_request(truths: list[tuple[Path, PackageTruth]]) -> None:
    for _, t in truths:
        planted = [f for f in t.expected.findings if f.code == "invalid_bin"]
        invalid = [(f.name, p.bin) for f, d in t.documents() for p in d.fields.parties if not p.valid]
        for f, d in t.documents():
            for p in d.fields.parties:
                assert p.valid == rules_bin_valid(p.bin), (f.name, p.bin)
                if p.role == "applicant":
                    assert p.bin == t.request.applicant_bin
        if t.scenario == "invalid_bin":
            assert len(planted) == 1 and invalid == [(planted[0].file, planted[0].bin)]
        else:
            assert not invalid and not planted
        executors = {
            p.bin for _, d in t.documents() for p in d.fields.parties if p.role == "executor" and p.valid
        }
        assert len(executors) == 1, f"{t.package_id}: executor BINs {executors}"


def test_amounts_are_consistent(truths: list[tuple[Path, PackageTruth]]) -> None:
    for _, t in truths:
        docs = [d for _, d in t.documents()]
        for d in docs:
            if d.fields.total is not None:
                assert d.fields.total.amount == d.fields.total.amount.quantize(Decimal("0.01"))
        main_contract = [
            d for d in docs if d.type == "contract" and any(p.role == "executor" for p in d.fields.parties)
        ]
        assert len(main_contract) == 1
        total = main_contract[0].fields.total
        assert total is not None
        for d in docs:
            if d.type in ("act", "invoice", "applicant_report"):
                assert d.fields.total == total, (t.package_id, d.type)
        payments = [d.fields.total.amount for d in docs if d.type in PAYMENT_TYPES and d.fields.total]
        if t.scenario == "missing_payment_order":
            assert payments == []
        else:
            assert sum(payments, Decimal(0)) == total.amount, t.package_id
        transfers = {
            d.fields.total.amount
            for d in docs
            if d.type in ("acceptance_certificate", "waybill") and d.fields.total
        }
        assert len(transfers) <= 1


def test_required_documents_and_planted_findings(truths: list[tuple[Path, PackageTruth]]) -> None:
    for _, t in truths:
        present = {d.type for _, d in t.documents()}
        conditions = frozenset(t.conditions)
        for req in required_documents(t.request.cost_type, t.request.application_date, conditions):
            if set(req.doc_types) & set(SCENARIOS[t.scenario].drop):
                assert not present & set(req.doc_types)
            else:
                assert present & set(req.doc_types), (t.package_id, req.doc_types)
        if t.request.application_date < KTP_FROM:
            assert "priority_goods" in present and "ktp_extract" not in present
        else:
            assert "ktp_extract" in present and "priority_goods" not in present
        codes = [f.code for f in t.expected.findings]
        assert t.expected.complete == (not codes)
        assert set(present) <= set(DOC_TYPES)
        rejected = {f.file for f in t.expected.findings if f.code == "rejected_file"}
        assert rejected == {f.name for f in t.files if f.error is not None}
        if t.scenario == "corrupt_in_zip":
            assert any(".zip/" in name for name in rejected)


def test_payment_window(truths: list[tuple[Path, PackageTruth]]) -> None:
    from fixtures.textfmt import add_months

    for _, t in truths:
        a = t.request.application_date
        pays = [(f, d) for f, d in t.documents() if d.type in PAYMENT_TYPES]
        outside = [
            (f, d) for f, d in pays if d.fields.date is not None and d.fields.date < add_months(a, -24)
        ]
        if t.scenario == "payment_outside_window":
            assert len(pays) == 1 and len(outside) == 1
            assert outside[0][1].fields.date <= add_months(a, -25)
            assert [f.file for f in t.expected.findings] == [outside[0][0].name]
        else:
            assert not outside


def test_born_digital_text_layer_has_number_and_bins(truths: list[tuple[Path, PackageTruth]]) -> None:
    checked = 0
    for pkg, t in truths:
        for f in t.files:
            if f.rendering != "born_digital":
                continue
            texts = pdf_texts(read_member(pkg, f.name))
            assert len(texts) == f.pages
            for d in f.documents:
                text = " ".join(texts[p - 1] for p in d.pages)
                if d.fields.number:
                    assert d.fields.number in text, (f.name, d.fields.number)
                for p in d.fields.parties:
                    assert p.bin in text, (f.name, p.bin)
                checked += 1
    assert checked > 20


def _image_pages(data: bytes, media_type: str | None) -> int:
    if media_type == "application/pdf":
        texts = pdf_texts(data)
        assert all(not x.strip() for x in texts), "an image rendering has a text layer"
        return len(texts)
    with Image.open(io.BytesIO(data)) as img:
        assert img.format in ("PNG", "JPEG", "TIFF")
        return getattr(img, "n_frames", 1)


def test_image_renderings_have_no_text_layer(truths: list[tuple[Path, PackageTruth]]) -> None:
    seen: set[str | None] = set()
    for pkg, t in truths:
        for f in t.files:
            if f.rendering in IMAGE_RENDERINGS:
                assert _image_pages(read_member(pkg, f.name), f.media_type) == f.pages
                assert len(f.transforms) == f.pages
                seen.add(f.media_type)
    assert "application/pdf" in seen and "image/jpeg" in seen


def test_bad_files_are_unreadable(truths: list[tuple[Path, PackageTruth]]) -> None:
    for pkg, t in truths:
        for f in t.files:
            data = read_member(pkg, f.name)
            if f.error == "empty":
                assert data == b""
            elif f.error == "corrupt":
                with pytest.raises(pdfium.PdfiumError):
                    pdfium.PdfDocument(data)
            elif f.error == "unsupported":
                with zipfile.ZipFile(io.BytesIO(data)) as zf:
                    assert "word/document.xml" in zf.namelist()


# --- determinism and the API -----------------------------------------------------------------------


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    args = (5, "invalid_bin", "process_equipment", date(2026, 2, 3))
    renderings = {"*": "born_digital", "invoice": "scan", "payment_order": "bad_scan"}
    a = generate_package(*args, tmp_path / "a", renderings, index=3)
    b = generate_package(*args, tmp_path / "b", renderings, index=3)
    assert a.name == b.name == "pkg-005-03"
    assert _tree(a) == _tree(b)
    c = generate_package(6, *args[1:], tmp_path / "c", renderings, index=3)
    assert _tree(c) != _tree(a)
    t = load(a)
    assert {f.rendering for f in t.files for d in f.documents if d.type == "invoice"} == {"scan"}


def test_demo_and_cli(tmp_path: Path) -> None:
    pkg = demo(tmp_path / "demo")
    t = load(pkg)
    assert t.expected.complete and {"born_digital", "scan"} <= {f.rendering for f in t.files}
    assert (
        main(
            [
                "--seed",
                "2",
                "--out",
                str(tmp_path / "cli"),
                "--cost-type",
                "staff_competence",
                "--date",
                "2025-11-20",
                "--scenarios",
                "missing_payment_order",
                "--renderings",
                "born_digital",
            ]
        )
        == 0
    )
    t2 = load(tmp_path / "cli" / "pkg-002-00")
    assert [f.model_dump() for f in t2.expected.findings] == [
        {"code": "missing_document", "doc_type": "payment_order"}
    ]
    assert all(f.rendering in ("born_digital", "raster") for f in t2.files)


def test_truth_rejects_inconsistent_records() -> None:
    with pytest.raises(ValueError):
        FileTruth.model_validate(
            {
                "name": "a.pdf",
                "rendering": "born_digital",
                "media_type": "application/pdf",
                "error": None,
                "pages": 1,
                "sha256": "0" * 64,
                "size": 1,
                "documents": [{"type": "act", "pages": [2], "layout": "act/free_form", "fields": {}}],
            }
        )
    with pytest.raises(ValueError):
        PackageTruth.model_validate(
            {
                "package_id": "x",
                "seed": 1,
                "scenario": "complete",
                "request": {
                    "cost_type": "digital_equipment",
                    "application_date": "2026-01-02",
                    "applicant_bin": "940140000385",
                },
                "files": [],
                "expected": {"complete": True, "findings": [{"code": "invalid_bin"}]},
            }
        )
