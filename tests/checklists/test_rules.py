"""Rules over hand-built documents: completeness, the 24-month window (p.14, p.14-1), BIN checks."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checklists.evaluate import evaluate
from checklists.load import checklist_for
from checklists.rules import WindowOptions, bins, completeness, months_before, window, window_start
from models.documents import DateField, Document, Fields, PageRef, Party, TextField
from models.findings import Finding
from models.package import PackageRequest
from models.vocab import CostType, DocType, Role, Severity

APPLICANT = "940140000385"  # passes the check digit (shared/forms/README.md)
EXECUTOR = "971240001315"
BAD_BIN = "123456789021"  # ESF test TIN: fails the check digit
BOX = (0.1, 0.2, 0.3, 0.25)


def request(cost_type: CostType, day: date, applicant_bin: str = APPLICANT) -> PackageRequest:
    return PackageRequest(cost_type=cost_type, application_date=day, applicant_bin=applicant_bin)


def doc(
    doc_id: str,
    doc_type: DocType,
    day: date | None = None,
    number: str | None = None,
    parties: tuple[Party, ...] = (),
    evidence_file: str | None = "pkg/p.pdf",
) -> Document:
    return Document(
        id=doc_id,
        type=doc_type,
        confidence=0.9,
        pages=(PageRef(file=f"pkg/{doc_id}.pdf", page=1),),
        fields=Fields(
            number=TextField(value=number, page=1) if number else None,
            date=DateField(value=day, file=evidence_file, page=2, bbox=BOX) if day else None,
            parties=parties,
        ),
    )


def party(bin_: str, role: Role = Role.applicant, valid: bool = True) -> Party:
    return Party(
        bin=bin_, valid=valid, role=role, name="ТОО «Тест»", position="customer",
        file="pkg/c.pdf", page=1, bbox=(0.1, 0.1, 0.4, 0.12),
    )


def codes(findings: tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings]


# --- calendar months ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 5, 12), 24, date(2024, 5, 12)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2028, 3, 31), 1, date(2028, 2, 29)),
        (date(2024, 2, 29), 24, date(2022, 2, 28)),
        (date(2026, 1, 31), 13, date(2024, 12, 31)),
        (date(2026, 1, 15), 0, date(2026, 1, 15)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 240))
def test_months_before_is_calendar_arithmetic(day: date, months: int) -> None:
    back = months_before(day, months)
    assert (day.year * 12 + day.month) - (back.year * 12 + back.month) == months
    assert back.day == day.day or (back.day < day.day and (back + timedelta(days=1)).day == 1)


# --- window: services (p.14) ---------------------------------------------------------------------

APPLIED = date(2026, 5, 12)
START = date(2024, 5, 12)


def test_window_start_is_24_months() -> None:
    assert window_start(APPLIED) == START


def test_service_payment_exactly_24_months_is_inside() -> None:
    docs = [doc("p1", DocType.payment_order, START, "17"), doc("a1", DocType.act, START, "5")]
    assert window(request(CostType.process_installation, APPLIED), docs) == ()


def test_service_payment_one_day_outside() -> None:
    docs = [doc("p1", DocType.payment_order, START - timedelta(days=1), "17")]
    (f,) = window(request(CostType.process_installation, APPLIED), docs)
    assert f.code == "payment_outside_window"
    assert f.severity == Severity.error
    assert f.citation == "p.14"
    assert f.documents == ("p1",)
    assert f.doc_type == DocType.payment_order
    assert (f.file, f.page, f.bbox) == ("pkg/p.pdf", 2, BOX)
    assert "№ 17" in f.message and "11.05.2024" in f.message
    assert "на 1 день" in f.message and "12.05.2024" in f.message


def test_service_days_outside_counted() -> None:
    docs = [doc("p1", DocType.payment_order, START - timedelta(days=33), "18")]
    (f,) = window(request(CostType.staff_competence, APPLIED), docs)
    assert "на 33 дня" in f.message


def test_service_act_date_checked_by_default_and_configurable() -> None:
    late_act = doc("a1", DocType.act, START - timedelta(days=5), "A-1")
    late_pay = doc("p1", DocType.payment_order, START - timedelta(days=5), "9")
    req = request(CostType.production_efficiency, APPLIED)
    assert [f.documents for f in window(req, [late_act, late_pay])] == [("a1",), ("p1",)]
    only_pay = WindowOptions(check_act_dates=False)
    assert [f.documents for f in window(req, [late_act, late_pay], only_pay)] == [("p1",)]
    only_act = WindowOptions(check_payment_dates=False)
    assert [f.documents for f in window(req, [late_act, late_pay], only_act)] == [("a1",)]


def test_window_ignores_undated_and_other_documents() -> None:
    docs = [doc("p1", DocType.payment_order), doc("i1", DocType.invoice, date(2020, 1, 1))]
    assert window(request(CostType.process_energy_audit, APPLIED), docs) == ()


@pytest.mark.parametrize(
    ("applied", "inside", "outside"),
    [
        (date(2028, 2, 29), date(2026, 2, 28), date(2026, 2, 27)),  # leap day: clamped to 28 Feb
        (date(2024, 2, 29), date(2022, 2, 28), date(2022, 2, 27)),
        (date(2026, 3, 31), date(2024, 3, 31), date(2024, 3, 30)),
    ],
)
def test_window_month_end(applied: date, inside: date, outside: date) -> None:
    req = request(CostType.process_energy_audit, applied)
    assert window(req, [doc("p1", DocType.payment_order, inside)]) == ()
    (f,) = window(req, [doc("p2", DocType.payment_order, outside)])
    assert "на 1 день" in f.message
    assert "без номера" in f.message


def test_evidence_without_file_falls_back_to_document_page() -> None:
    d = doc("p1", DocType.payment_order, START - timedelta(days=1), evidence_file=None)
    (f,) = window(request(CostType.process_installation, APPLIED), [d])
    assert (f.file, f.page) == ("pkg/p1.pdf", 2)


# --- window: equipment (p.14-1) ------------------------------------------------------------------


@pytest.mark.parametrize("cost_type", [CostType.process_equipment, CostType.digital_equipment])
def test_equipment_early_payments_fine_when_last_inside(cost_type: CostType) -> None:
    docs = [
        doc("p1", DocType.payment_order, date(2022, 1, 10), "1"),
        doc("p2", DocType.payment_order, START, "2"),
        doc("a1", DocType.act, date(2021, 1, 1), "A"),  # acts do not count for equipment
    ]
    assert window(request(cost_type, APPLIED), docs) == ()


def test_equipment_last_payment_outside() -> None:
    docs = [
        doc("p2", DocType.payment_order, START - timedelta(days=1), "2"),
        doc("p1", DocType.payment_order, date(2022, 1, 10), "1"),
    ]
    (f,) = window(request(CostType.digital_equipment, APPLIED), docs)
    assert f.citation == "p.14-1"
    assert f.severity == Severity.error
    assert f.documents == ("p2",)
    assert "Последний платеж" in f.message and "№ 2" in f.message and "на 1 день" in f.message


@pytest.mark.parametrize("cost_type", [CostType.process_equipment, CostType.digital_equipment])
def test_equipment_last_payment_counts_settlement_documents(cost_type: CostType) -> None:
    """p.14-1: the last payment among all payment documents (App.4 item 8(5), App.5-1 item 8(4)) — a
    letter of credit, netting or penalty withholding paid last inside the window is enough."""
    docs = [
        doc("p1", DocType.payment_order, START - timedelta(days=40), "1"),
        doc("s1", DocType.settlement_document, START + timedelta(days=3), "ВЗ-2"),
    ]
    assert window(request(cost_type, APPLIED), docs) == ()
    late = [doc("s1", DocType.settlement_document, START - timedelta(days=2), "ВЗ-2"),
            doc("p1", DocType.payment_order, START - timedelta(days=40), "1")]
    (f,) = window(request(cost_type, APPLIED), late)
    assert f.documents == ("s1",) and "документ об оплате" in f.message and "на 2 дня" in f.message


def test_service_settlement_document_outside_window() -> None:
    """p.14: a settlement document is a payment like a payment order."""
    docs = [doc("s1", DocType.settlement_document, START - timedelta(days=1), "7")]
    (f,) = window(request(CostType.process_installation, APPLIED), docs)
    assert f.citation == "p.14" and f.documents == ("s1",)


def test_equipment_ignores_window_options() -> None:
    docs = [doc("p1", DocType.payment_order, START - timedelta(days=1))]
    opts = WindowOptions(check_payment_dates=False)
    assert len(window(request(CostType.process_equipment, APPLIED), docs, opts)) == 1


# --- completeness --------------------------------------------------------------------------------


def full_package(cost_type: CostType, day: date) -> list[Document]:
    """One document of the first type of every unconditional item, dated inside the window."""
    items = [i for i in checklist_for(cost_type, day).items if i.condition is None]
    return [
        doc(f"d{n}", i.doc_types[0], day - timedelta(days=30), str(n), (party(APPLICANT),))
        for n, i in enumerate(items)
    ]


@pytest.mark.parametrize("cost_type", list(CostType))
@pytest.mark.parametrize("day", [date(2025, 9, 1), date(2026, 5, 12)])
def test_full_package_has_no_findings(cost_type: CostType, day: date) -> None:
    assert evaluate(request(cost_type, day), full_package(cost_type, day)) == ()


def test_missing_payment_document() -> None:
    docs = [d for d in full_package(CostType.digital_equipment, APPLIED) if d.type != DocType.payment_order]
    (f,) = completeness(request(CostType.digital_equipment, APPLIED), docs)
    assert f.code == "missing_document"
    assert f.severity == Severity.error
    assert f.doc_type == DocType.payment_order
    assert f.citation == "App.5-1 item 8(4); p.17"
    assert f.message.startswith("Нет документа: Платежные документы")
    assert "платежное поручение" in f.message and "аккредитивом" in f.message
    assert f.documents == ()


def test_settlement_document_stands_for_payment() -> None:
    docs = [d for d in full_package(CostType.digital_equipment, APPLIED) if d.type != DocType.payment_order]
    docs.append(doc("s1", DocType.settlement_document))
    assert completeness(request(CostType.digital_equipment, APPLIED), docs) == ()


def test_priority_goods_before_2026_ktp_extract_from_2026() -> None:
    before = completeness(request(CostType.process_equipment, date(2025, 12, 31)), [])
    after = completeness(request(CostType.process_equipment, date(2026, 1, 1)), [])
    assert DocType.priority_goods in {f.doc_type for f in before}
    assert DocType.ktp_extract not in {f.doc_type for f in before}
    assert DocType.ktp_extract in {f.doc_type for f in after}
    assert DocType.priority_goods not in {f.doc_type for f in after}
    (slip,) = [f for f in before if f.doc_type == DocType.priority_goods]
    assert slip.citation.startswith("App.4 item 8(6), технологическое оборудование")
    assert "описка" in slip.message


def test_conditional_items_need_their_flag() -> None:
    req = request(CostType.staff_competence, APPLIED)
    docs = full_package(CostType.staff_competence, APPLIED)
    assert completeness(req, docs) == ()
    found = completeness(req, docs, frozenset({"tax_exempt", "travel_claimed", "accommodation_claimed"}))
    assert {f.doc_type for f in found} == {
        DocType.tax_exemption, DocType.travel_document, DocType.accommodation_document,
    }
    (tax,) = [f for f in found if f.doc_type == DocType.tax_exemption]
    assert tax.citation == "App.3 item 8(13)"
    assert "освобожден от уплаты налогов" in tax.message


def test_non_resident_executor_substitutes_invoices() -> None:
    req = request(CostType.process_installation, APPLIED)
    docs = [d for d in full_package(CostType.process_installation, APPLIED) if d.type != DocType.invoice]
    (missing_invoice,) = completeness(req, docs)
    assert missing_invoice.doc_type == DocType.invoice
    with_registration = [*docs, doc("r1", DocType.foreign_registration)]
    assert completeness(req, with_registration, frozenset({"non_resident_executor"})) == ()
    with_invoice_only = [*docs, doc("i1", DocType.invoice)]
    (f,) = completeness(req, with_invoice_only, frozenset({"non_resident_executor"}))
    assert f.doc_type == DocType.foreign_registration
    assert f.citation == "App.4 item 8(5), монтаж"


def test_empty_package_lists_every_unconditional_item() -> None:
    req = request(CostType.production_efficiency, APPLIED)
    found = completeness(req, [])
    expected = [i for i in checklist_for(req.cost_type, APPLIED).items if i.condition is None]
    assert [f.citation for f in found] == [i.citation for i in expected]
    assert len(found) == 7  # 8(1)–8(6) and 8(8): application … payment, register extract


# --- identifiers ---------------------------------------------------------------------------------


def test_invalid_bin() -> None:
    contract = doc("c1", DocType.contract, APPLIED, "K-1",
                   (party(APPLICANT), party(BAD_BIN, Role.executor, valid=False)))
    (f,) = bins(request(CostType.process_installation, APPLIED), [contract])
    assert f.code == "invalid_bin"
    assert f.severity == Severity.error
    assert f.documents == ("c1",)
    assert BAD_BIN in f.message and "Договор № K-1" in f.message
    assert (f.file, f.page, f.bbox) == ("pkg/c.pdf", 1, (0.1, 0.1, 0.4, 0.12))
    assert "контрольный разряд" in f.citation


def test_valid_bins_no_findings() -> None:
    contract = doc("c1", DocType.contract, APPLIED, "K-1", (party(APPLICANT), party(EXECUTOR, Role.executor)))
    assert bins(request(CostType.process_installation, APPLIED), [contract]) == ()


def test_applicant_bin_not_on_documents() -> None:
    contract = doc("c1", DocType.contract, APPLIED, "K-1", (party(EXECUTOR), party(APPLICANT, Role.executor)))
    (f,) = bins(request(CostType.process_installation, APPLIED), [contract])
    assert f.code == "bin_mismatch"
    assert f.severity == Severity.warning
    assert f.documents == ("c1",)
    assert APPLICANT in f.message and EXECUTOR in f.message


def test_applicant_bin_check_silent_on_empty_package() -> None:
    assert bins(request(CostType.process_installation, APPLIED), []) == ()


# --- evaluate ------------------------------------------------------------------------------------


def test_evaluate_runs_rules_in_order() -> None:
    docs = [
        doc("p1", DocType.payment_order, START - timedelta(days=1), "1", (party(BAD_BIN, valid=False),)),
    ]
    found = evaluate(request(CostType.staff_competence, APPLIED), docs)
    order = codes(found)
    assert order[-3:] == ["payment_outside_window", "invalid_bin", "bin_mismatch"]
    assert set(order[:-3]) == {"missing_document"}


def test_evaluate_rejects_unknown_flags() -> None:
    with pytest.raises(ValueError, match="tax_exmpt"):
        evaluate(request(CostType.staff_competence, APPLIED), [], frozenset({"tax_exmpt"}))
