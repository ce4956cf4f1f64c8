"""`wrong_document` and `low_confidence` over hand-built documents."""

from __future__ import annotations

from datetime import date

from checklists.rules.relevance import LOW_CONFIDENCE, low_confidence, relevance, wrong_documents
from extractors.bin import is_valid_bin
from models.documents import DateField, Document, Fields, PageRef, Party, TextField
from models.package import PackageRequest
from models.vocab import CostType, DocType, Role, Severity

APPLICANT = "940140000385"
EXECUTOR = "971240001315"
STRANGER = "060440009474"
APPLIED = date(2026, 3, 2)
REQ = PackageRequest(cost_type=CostType.process_energy_audit, application_date=APPLIED,
                     applicant_bin=APPLICANT)


def _valid(head: str) -> str:
    return next(head + str(d) for d in range(10) if is_valid_bin(head + str(d)))


OTHER_STRANGER = _valid("10014000123")


def p(bin_: str, role: Role = Role.other) -> Party:
    return Party(bin=bin_, valid=is_valid_bin(bin_), role=role, position="customer", name="ТОО «Тест»")


def doc(i: str, t: DocType, parties: tuple[Party, ...] = (), confidence: float = 0.9) -> Document:
    return Document(id=i, type=t, confidence=confidence, pages=(PageRef(file=f"{i}.pdf", page=2),),
                    fields=Fields(number=TextField(value=f"N-{i}"), date=DateField(value=date(2025, 5, 1)),
                                  parties=parties))


CONTRACT = doc("c", DocType.contract, (p(APPLICANT, Role.applicant), p(EXECUTOR, Role.executor)))


def test_a_letter_of_no_listed_kind_is_a_wrong_document() -> None:
    found = wrong_documents(REQ, [CONTRACT, doc("l", DocType.other)])
    assert [(f.code, f.severity, f.doc_type, f.file, f.page) for f in found] == [
        ("wrong_document", Severity.warning, DocType.other, "l.pdf", 2)]
    assert found[0].citation == "App.4 item 8; App.4 item 9"
    assert "не относится" in found[0].message


def test_an_invoice_between_strangers_is_another_deal() -> None:
    stranger = doc("i", DocType.invoice, (p(STRANGER), p(OTHER_STRANGER)))
    found = wrong_documents(REQ, [CONTRACT, stranger])
    assert [f.documents for f in found] == [("i",)]
    assert STRANGER in found[0].message and OTHER_STRANGER in found[0].message


def test_deal_documents_naming_the_applicant_or_the_executor_belong() -> None:
    paid_by_other = doc("pp", DocType.payment_order, (p(STRANGER), p(EXECUTOR)))
    ours = doc("i", DocType.invoice, (p(EXECUTOR), p(APPLICANT)))
    one_party = doc("a", DocType.act, (p(STRANGER),))  # too little read to judge
    assert wrong_documents(REQ, [CONTRACT, paid_by_other, ours, one_party]) == ()


def test_low_confidence_flags_unsure_types_only() -> None:
    unsure = doc("u", DocType.act, confidence=LOW_CONFIDENCE - 0.01)
    sure = doc("s", DocType.act, confidence=LOW_CONFIDENCE)
    photo = doc("ph", DocType.photo, confidence=0.3)
    found = low_confidence(REQ, [unsure, sure, photo])
    assert [(f.code, f.documents) for f in found] == [("low_confidence", ("u",))]
    assert f"{round((LOW_CONFIDENCE - 0.01) * 100)} %" in found[0].message


def test_relevance_runs_both() -> None:
    found = relevance(REQ, [CONTRACT, doc("l", DocType.other), doc("u", DocType.invoice, confidence=0.1)])
    assert sorted(f.code for f in found) == ["low_confidence", "wrong_document"]


def test_a_page_with_no_text_read_is_not_called_wrong() -> None:
    assert wrong_documents(REQ, [CONTRACT, doc("blank", DocType.other, confidence=0.0)]) == ()


def test_a_payment_to_the_executor_of_the_acts_belongs_though_the_contract_lost_it() -> None:
    contract = doc("c", DocType.contract, (p(APPLICANT, Role.applicant),))  # executor not read
    act = doc("a", DocType.act, (p(APPLICANT, Role.applicant), p(EXECUTOR, Role.executor)))
    paid_by_other = doc("pp", DocType.payment_order, (p(STRANGER), p(EXECUTOR)))
    assert wrong_documents(REQ, [contract, act, paid_by_other]) == ()


def test_an_unread_heading_over_the_deal_parties_is_no_wrong_document() -> None:
    act = doc("a", DocType.act, (p(APPLICANT, Role.applicant), p(EXECUTOR, Role.executor)))
    unread = doc("x", DocType.other, (p(APPLICANT, Role.applicant), p(EXECUTOR, Role.applicant)))
    letter = doc("l", DocType.other, (p(APPLICANT, Role.applicant),))
    assert [f.documents for f in wrong_documents(REQ, [CONTRACT, act, unread, letter])] == [("l",)]
