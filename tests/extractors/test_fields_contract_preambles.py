"""A contract's title and preamble as real contracts print them: a title that opens with an adjective
(`РАМОЧНЫЙ ДОГОВОР № …`, `Внешнеторговый контракт № …`) and a signatory acting on a power of attorney whose
number and date the preamble cites (never the contract's own date)."""

from __future__ import annotations

import pytest

from models.vocab import DocType
from tests.extractors.test_fields_any_layout import fields_of, lines_at, read, render


@pytest.mark.parametrize("title", [
    "РАМОЧНЫЙ ДОГОВОР № IC-45-2022 MASTER AGREEMENT No. IC-45-2022",
    "Внешнеторговый контракт № IC-45-2022",
    "ГЕНЕРАЛЬНЫЙ ДОГОВОР ПОСТАВКИ № IC-45-2022",
])
def test_a_title_opening_with_an_adjective_gives_the_contract_number(title: str) -> None:
    pdf = render(lines_at(45, 60, [
        "DocuSign DocuSign Envelope Envelope ID: ID: C6040F5E-C3D8-4ACD-8025-92EE3B783D52 D63B4208-7A19",
        title,
        "От 1 Сентября 2022 г., Москва Dated September 01, 2022, Moscow",
        "ООО «Альфа», именуемое далее «ИСПОЛНИТЕЛЬ», с одной стороны, и ООО «Бета» с другой стороны,",
        "заключили настоящий договор о нижеследующем:",
    ]))
    fields = fields_of([read(pdf)], DocType.contract)
    assert fields.number is not None and fields.number.value == "IC-45-2022"


def test_a_sentence_opening_with_an_adjective_before_договор_names_no_number() -> None:
    """`Настоящий договор …` in the body is no title: the number is the heading's."""
    pdf = render(lines_at(45, 60, [
        "ДОГОВОР ПОСТАВКИ № 17/5",
        "г. Астана                                                  05.03.2025",
        "Настоящий договор № 2 к соглашению о сотрудничестве заключен между сторонами.",
    ]))
    fields = fields_of([read(pdf)], DocType.contract)
    assert fields.number is not None and fields.number.value == "17/5"


@pytest.mark.parametrize("wrapped", [False, True])
def test_the_date_of_a_cited_power_of_attorney_is_not_the_contracts(wrapped: bool) -> None:
    """The title's own date is damaged past reading; the preamble's power of attorney date, on the same
    line as its number or wrapped to the next, is not taken for it."""
    cited = (["действующего на основании доверенности №8/355", "от 12.12.2023 с одной стороны, и"] if wrapped
             else ["действующего на основании доверенности №8/355 от 12.12.2023 с одной стороны, и"])
    pdf = render(lines_at(45, 60, [
        "ДОГОВОР № 24022311 от«/2/» 04 2024",
        "ОАО «Альфа», именуемое в дальнейшем Продавец, в лице заместителя директора Иванова В.А.,",
        *cited,
        "ТОО «Бета», именуемое в дальнейшем Покупатель, с другой стороны, договорились о нижеследующем:",
    ]))
    fields = fields_of([read(pdf)], DocType.contract)
    assert fields.number is not None and fields.number.value == "24022311"
    assert fields.date is None or fields.date.value.isoformat() != "2023-12-12"


@pytest.mark.parametrize("term", [
    "в течение 180 (Сто восьмидесяти) банковских дней с даты получения счета",
    "в течение 180 (Сто\nвосьмидесяти) банковских\nдней с даты получения счета",
    "within 180 (one hundred and eighty) banking days; в течение 180 (сто восемьдесят) календарных дней",
])
def test_a_term_in_days_spelled_out_is_no_total(term: str) -> None:
    """A framework agreement prices nothing itself (its annexes do); the payment term it spells out in
    words counts days, not money."""
    pdf = render(lines_at(45, 60, [
        "РАМОЧНЫЙ ДОГОВОР № IC-45-2022",
        "г. Москва                                                  01.09.2022",
        "5.1. Стоимость товара и условия поставки указываются в соответствующих Приложениях.",
        "5.2. Товар оплачивается ЗАКАЗЧИКОМ в порядке 100% предоплаты, валюта платежа — евро,",
        *term.split("\n"),
    ]))
    fields = fields_of([read(pdf)], DocType.contract)
    assert fields.total is None


def test_the_term_a_contract_runs_to_is_not_its_date() -> None:
    """The title's date lost to a scan, the last page's term — wrapped so that its date stands alone on a
    line, as a date of signing would — is not taken for the contract's date."""
    pdf = render(lines_at(45, 60, [
        "ДОГОВОР № 24022311 от«/2/» 04 2024",
        "ОАО «Альфа», именуемое в дальнейшем Продавец, и ТОО «Бета», именуемое в дальнейшем Покупатель,",
        "договорились о нижеследующем:",
        "11.4. Договор вступает в силу с момента подписания последней из сторон и действует по",
        "31.12.2025, а в части расчетов до полного исполнения сторон своих обязательств, но не позднее",
        "30.06.2026.",
        "Продавец                                  Покупатель",
    ]))
    fields = fields_of([read(pdf)], DocType.contract)
    assert fields.date is None or fields.date.value.isoformat() not in ("2025-12-31", "2026-06-30")
