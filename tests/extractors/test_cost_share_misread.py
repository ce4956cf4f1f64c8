"""A report's total OCR misread (a digit lost: `9261 59.41` read as `59.41`) whose share is not the amount to
reimburse the report states is the package figure that share confirms; a total read from a text layer, or
one whose share is the amount stated, stays as read."""

from __future__ import annotations

from decimal import Decimal

from extractors.cost_share import totals_from_share
from models.documents import Document, Fields, MoneyField, PageRef
from models.vocab import DocType, PageSource

REPORT_TEXT = ("ОТЧЕТ о понесенных затратах\nИТОГО затрат 9261 59.41\n"
               "Сумма к возмещению (40 %): 3704743.76 тенге.\n")


def _doc(doc_id: str, kind: DocType, amount: str, source: PageSource = PageSource.ocr) -> Document:
    total = MoneyField(amount=Decimal(amount), currency="KZT", confidence=0.93, file=f"{doc_id}.tif", page=1)
    return Document(id=doc_id, type=kind, confidence=0.9,
                    pages=(PageRef(file=f"{doc_id}.tif", page=1, source=source),), fields=Fields(total=total))


def _package(report: Document) -> list[Document]:
    return [report, _doc("c", DocType.contract, "9261859.41"), _doc("p", DocType.payment_order, "9261859.41")]


def test_a_scanned_total_whose_share_disagrees_is_the_figure_the_share_confirms() -> None:
    docs = totals_from_share(_package(_doc("r", DocType.applicant_report, "59.41")), {"r": REPORT_TEXT})
    total = docs[0].fields.total
    assert total is not None and total.amount == Decimal("9261859.41") and total.file == "r.tif"


def test_a_total_from_a_text_layer_stays_as_printed() -> None:
    report = _doc("r", DocType.applicant_report, "59.41", PageSource.text_layer)
    total = totals_from_share(_package(report), {"r": REPORT_TEXT})[0].fields.total
    assert total is not None and total.amount == Decimal("59.41")


def test_a_total_no_package_figure_confirms_stays_as_read() -> None:
    docs = [_doc("r", DocType.applicant_report, "59.41"), _doc("c", DocType.contract, "9261850.41")]
    total = totals_from_share(docs, {"r": REPORT_TEXT})[0].fields.total
    assert total is not None and total.amount == Decimal("59.41")
