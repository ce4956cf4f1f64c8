"""A Kazakh шот-фактура names its sides `Өнім беруші` (the supplier) and `Алушы` (the recipient): the supplier
is the deal's executor, the recipient the applicant. Written out by hand, rendered and read back through
the text layer."""

from __future__ import annotations

from models.vocab import DocType, Role
from tests.extractors.test_fields_any_layout import fields_of, lines_at, make_bin, read, render

ALFA = make_bin("07044051037")
BETA = make_bin("09094096752")


def test_a_kazakh_invoice_gives_the_supplier_as_executor_and_the_recipient_as_applicant() -> None:
    pdf = render(lines_at(40, 40, [
        "ШОТ-ФАКТУРА № 157",
        "2025 жылғы 23 мамыр",
        "Өнім беруші «Бета» жауапкершілігі шектеулі серіктестігі",
        f"Өнім берушінің БСН/ЖСН {BETA}",
        "Өнім берушінің ЖСК / БСК KZ7499831148UG445668 / TSESKZKA",
        "Алушы «Альфа» акционерлік қоғамы",
        f"Алушының БСН/ЖСН {ALFA}",
        "Шарт 2025 жылғы 7 сәуір № 649-ОУ/2025",
        "Шот бойынша барлығы 6 580 280-21 789 633-63 7 369 913-84",
    ]))
    parties = {p.bin: p.role for p in fields_of([read(pdf)], DocType.invoice).parties}
    assert parties == {BETA: Role.executor, ALFA: Role.applicant}


def test_a_buyer_named_in_kazakh_stays_a_buyer() -> None:
    pdf = render(lines_at(40, 40, [
        "ШАРТ № 12",
        "Сатып алушы «Альфа» ЖШС",
        f"Сатып алушының БСН {ALFA}",
        "Жеткізуші «Бета» ЖШС",
        f"Жеткізушінің БСН {BETA}",
    ]))
    found = {p.bin: p.position for p in fields_of([read(pdf)], DocType.contract).parties}
    assert found == {ALFA: "buyer", BETA: "supplier"}
