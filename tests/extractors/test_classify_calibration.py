"""Confidence calibration of document types, and the splitting of repeated single-page documents."""

from __future__ import annotations

from extractors.classify import calibrate, classify, load_calibration
from extractors.split import split_file
from models.pages import Page, Word
from models.vocab import DocType, PageSource


def page(*lines: str, n: int = 1) -> Page:
    words = tuple(
        Word(text=t, bbox=(0.05 + 0.05 * j, 0.05 + 0.02 * i, 0.09 + 0.05 * j, 0.065 + 0.02 * i),
             confidence=0.95, line=i)
        for i, line in enumerate(lines) for j, t in enumerate(line.split())
    )
    return Page(file="f.pdf", page=n, source=PageSource.text_layer, words=words)


def test_calibrate_interpolates_between_knots_and_clamps() -> None:
    knots = ((0.3, 0.5), (0.5, 0.9), (0.9, 0.99))
    assert calibrate(0.1, knots) == 0.5
    assert calibrate(0.4, knots) == 0.7
    assert calibrate(0.95, knots) == 0.99
    assert calibrate(0.42, ()) == 0.42


def test_shipped_calibration_is_monotone_and_a_probability() -> None:
    knots = load_calibration()
    assert knots, "calibration.yaml is shipped"
    xs, ys = [k[0] for k in knots], [k[1] for k in knots]
    assert xs == sorted(xs) and ys == sorted(ys)
    assert all(0.0 <= y <= 1.0 for y in ys)


def test_calibrated_confidence_differs_from_raw_but_keeps_the_type() -> None:
    p = page("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 17", "от 05.03.2024", "Отправитель денег ТОО «Альфа»",
             "Бенефициар ТОО «Бета»", "Сумма 1 000,00", "КНП 859")
    kind, calibrated, _ = classify([p])
    kind_raw, raw, _ = classify([p], calibrated=False)
    assert kind == kind_raw == DocType.payment_order
    assert calibrated == calibrate(raw)


def test_a_payment_order_repeated_in_one_file_is_two_documents() -> None:
    lines = ("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 1033", "от 03.10.2024", "Отправитель денег ТОО «Альфа»", "Сумма 100,00")
    groups = split_file([page(*lines, n=1), page(*lines, n=2)])
    assert [[p.page for p in g] for g in groups] == [[1], [2]]


def test_a_contract_continues_over_its_pages() -> None:
    first = page("ДОГОВОР № 12 на оказание услуг", "г. Астана", "1. Предмет договора", n=1)
    second = page("3. Ответственность сторон", "4. Срок действия договора", n=2)
    assert [[p.page for p in g] for g in split_file([first, second])] == [[1, 2]]


def test_a_picture_file_with_no_text_is_a_photo_and_needs_none() -> None:
    from extractors.split import assemble
    from intake.findings import page_findings
    from models.vocab import CostType

    blank_photo = Page(file="IMG_1.jpg", page=1, source=PageSource.ocr, words=())
    blank_pdf_page = Page(file="scan.pdf", page=1, source=PageSource.ocr, words=())
    docs = assemble([blank_photo, blank_pdf_page])
    assert [d.type for d in docs] == [DocType.photo, DocType.other]
    found = page_findings([blank_photo, blank_pdf_page], docs, CostType.process_equipment)
    assert [f.file for f in found] == ["scan.pdf"]
