"""Messages for applicants: Russian that agrees with the document type, no internal ids or command names."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from checklists.evaluate import assess
from checklists.names import ru_citation
from checklists.rules._text import CASES, agree, describe
from checklists.rules.dates import date_order
from checklists.rules.eligibility import duplicates, training_length
from models.documents import DateField, Document, Fields, MoneyField, PageRef, Party, TextField
from models.package import PackageRequest
from models.vocab import CostType, DocType, Role

APPLIED = date(2026, 5, 12)
APPLICANT = "940140000385"
EXECUTOR = "971240001315"
BOTH = (Party(bin=APPLICANT, valid=True, role=Role.applicant),
        Party(bin=EXECUTOR, valid=True, role=Role.executor))


def req(cost_type: CostType) -> PackageRequest:
    return PackageRequest(cost_type=cost_type, application_date=APPLIED, applicant_bin=APPLICANT)


def doc(doc_id: str, doc_type: DocType, day: date, number: str = "7", amount: str = "1000.00",
        currency: str = "KZT") -> Document:
    return Document(id=doc_id, type=doc_type, confidence=1.0,
                    pages=(PageRef(file=f"скан {doc_id[-1]}.pdf", page=1),),
                    fields=Fields(number=TextField(value=number), date=DateField(value=day),
                                  total=MoneyField(amount=Decimal(amount), currency=currency), parties=BOTH))


@pytest.mark.parametrize(("doc_type", "word"), [
    (DocType.payment_order, "датировано"), (DocType.ktp_extract, "датирована"), (DocType.act, "датирован"),
    (DocType.waybill, "датирована"),
])
def test_participle_agrees_with_the_document(doc_type: DocType, word: str) -> None:
    assert agree(doc_type, "датирован") == word


def test_date_order_message_agrees() -> None:
    """«Платежное поручение … датировано», not «датирован»."""
    request = req(CostType.process_installation)
    docs = [doc("k", DocType.contract, APPLIED - timedelta(days=90), "K-1"),
            doc("p", DocType.payment_order, APPLIED + timedelta(days=3), "17")]
    (f,) = [f for f in date_order(request, docs) if f.documents == ("p",) or "p" in f.documents]
    assert f.message.startswith("Платежное поручение № 17") and "датировано на 3 дня позже" in f.message


def test_training_length_in_the_genitive() -> None:
    """«от приказа … до сертификата …»."""
    request = req(CostType.staff_competence)
    docs = [doc("o", DocType.order, date(2025, 9, 1), "12-к"), doc("c", DocType.training_certificate,
                                                                   date(2026, 1, 20), "C-5")]
    (f,) = training_length(request, docs)
    assert "от приказа о направлении работников на обучение № 12-к" in f.message
    assert "до сертификата о подготовке" in f.message


def test_duplicate_names_the_file_not_an_internal_id() -> None:
    request = req(CostType.staff_competence)
    first = doc("doc-3", DocType.payment_order, date(2026, 3, 1), "17")
    again = doc("doc-9", DocType.payment_order, date(2026, 3, 1), "17")
    (f,) = duplicates(request, [first, again])
    assert "doc-3" not in f.message and "doc-9" not in f.message
    assert "представлено повторно" in f.message and "«скан 3.pdf», стр. 1" in f.message


def test_no_command_names_or_ids_in_messages() -> None:
    """A foreign payment without a rate: the message says what happens, not which command to run."""
    request = req(CostType.process_installation)
    docs = [doc("doc-1", DocType.contract, date(2026, 1, 5), "K-1", "1000.00", "EUR"),
            doc("doc-2", DocType.payment_order, date(2026, 2, 5), "17", "1000.00", "EUR")]
    findings, _ = assess(request, docs)
    assert any(f.code == "missing_rate" for f in findings)
    for f in findings:
        assert "intake " not in f.message and "doc-" not in f.message, f.message


def test_every_type_has_four_cases() -> None:
    for doc_type, (gender, *forms) in CASES.items():
        assert gender in "mfn" and len(forms) == 4 and all(forms), doc_type
    assert describe(doc("x", DocType.contract, APPLIED, "K-1"), "prep") == "договоре № K-1 от 12.05.2026"


@pytest.mark.parametrize(("citation", "russian"), [
    ("App.5-1 item 8(4); p.17", "прил. 5-1, п. 8(4); п. 17"),
    ("App.4 item 8(6), технологическое оборудование; Order 442 p.4(1)",
     "прил. 4, п. 8(6), технологическое оборудование; приказ № 442, п. 4(1)"),
    ("p.20(3); App.3 item 8(12); p.23", "п. 20(3); прил. 3, п. 8(12); п. 23"),
    ("p.14-1", "п. 14-1"),
])
def test_citations_in_the_applicants_language(citation: str, russian: str) -> None:
    assert ru_citation(citation) == russian
