"""An unsure document number set right by what the package's other papers cite (payment purposes,
invoices citing their contract); the texts are what OCR and text layers gave."""

from __future__ import annotations

from extractors.cited_numbers import agree_numbers
from models.documents import Document, Fields, PageRef, TextField
from models.vocab import DocType

PAYMENT = ("Назначение платежа: Оплата за оказанные услуги по договору № ДП-2026/911 от 18.02.2026, "
           "сч/ф № СФ-533, в т.ч. НДС 16%")


def _doc(doc_id: str, doc_type: DocType, number: str | None, confidence: float = 0.7) -> Document:
    field = TextField(value=number, confidence=confidence, file=f"{doc_id}.pdf", page=1) if number else None
    return Document(id=doc_id, type=doc_type, confidence=0.9, pages=(PageRef(file=f"{doc_id}.pdf", page=1),),
                    fields=Fields(number=field))


def _numbers(docs: list[Document], texts: dict[str, str]) -> list[str | None]:
    return [d.fields.number.value if d.fields.number else None for d in agree_numbers(docs, texts)]


def test_an_invoice_number_ocr_read_one_letter_off_takes_the_spelling_the_payment_cites() -> None:
    docs = [_doc("inv", DocType.invoice, "CO-533"), _doc("pay", DocType.payment_order, "2201")]
    assert _numbers(docs, {"inv": "СЧЕТ-ФАКТУРА № CO-533", "pay": PAYMENT}) == ["СФ-533", "2201"]


def test_a_contract_number_whose_slash_ocr_read_as_one_takes_the_cited_spelling() -> None:
    docs = [_doc("c", DocType.contract, "ДП-20261911"), _doc("pay", DocType.payment_order, "2201")]
    assert _numbers(docs, {"c": "ДОГОВОР № ДП-20261911", "pay": PAYMENT})[0] == "ДП-2026/911"


def test_a_sure_reading_a_far_one_or_one_cited_as_read_stays() -> None:
    texts = {"inv": "", "pay": PAYMENT, "act": "Акт к счету-фактуре № СФ-534"}
    sure = [_doc("inv", DocType.invoice, "CO-533", confidence=1.0), _doc("pay", DocType.payment_order, "1")]
    assert _numbers(sure, texts)[0] == "CO-533"
    far = [_doc("inv", DocType.invoice, "CO-583"), _doc("pay", DocType.payment_order, "1")]
    assert _numbers(far, texts)[0] == "CO-583"
    cited = [_doc("inv", DocType.invoice, "СФ-534"), _doc("pay", DocType.payment_order, "1"),
             _doc("act", DocType.act, "5")]
    assert _numbers(cited, texts)[0] == "СФ-534"
    # two cited numbers one character off: no choice is made
    two = [_doc("inv", DocType.invoice, "СФ-53З"), _doc("pay", DocType.payment_order, "1"),
           _doc("act", DocType.act, "5")]
    assert _numbers(two, texts)[0] == "СФ-53З"


def test_a_citation_whose_kz_prefix_ocr_misread_does_not_spoil_a_number_read_right() -> None:
    """A payment's purpose reads `по договору № K2-2025-0415`: the contract's own `KZ-2025-0415` stays."""
    docs = [_doc("c", DocType.contract, "KZ-2025-0415"), _doc("pay", DocType.payment_order, "1")]
    texts = {"c": "", "pay": "Оплата по договору № K2-2025-0415 от 01.02.2025"}
    assert _numbers(docs, texts)[0] == "KZ-2025-0415"
