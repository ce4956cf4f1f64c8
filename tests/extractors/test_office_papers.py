"""Papers typed in Word and Excel and exported to PDF: agreements to a contract, a contract's pages sent one
by one, a bill titled under its payment block, Excel headers wrapped in their cells, bank BINs, requisites
tables broken across pages."""

from __future__ import annotations

from decimal import Decimal

from extractors.classify import classify
from extractors.roles import resolve_roles
from extractors.split import split_file
from models.documents import Document, Fields, PageRef, Party
from models.pages import Page
from models.vocab import DocType, Role
from tests.extractors.test_fields_any_layout import fields_of, lines_at, make_bin, read, render

CUSTOMER = make_bin("17054092604")
EXECUTOR = make_bin("17084015575")
BANK = make_bin("92024066799")
DEAL = {(CUSTOMER, Role.applicant), (EXECUTOR, Role.executor)}


def page(rows: list[tuple[float, float, str]], number: int = 1) -> Page:
    return read(render(rows)).model_copy(update={"page": number})


def agreement() -> Page:
    return page([*lines_at(60, 60, [
        "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № 1",
        "к Договору № ДП-2024/649 от 11 ноября 2024 г.",
        "г. Уральск                                                «22» ноября 2024 г.",
        "Акционерное общество «Qazaq Composite», в лице Председателя Правления Касымовой Е. А.,",
        "действующего на основании Устава, именуемое в дальнейшем «Заказчик», с одной стороны, и",
        "Акционерное общество «Станкосервис», в лице Председателя Правления Нургалиева С. А.,",
        "действующего на основании Устава, именуемое в дальнейшем «Исполнитель», с другой стороны,",
        "заключили настоящее Дополнительное соглашение о нижеследующем:",
        "1. Пункт 3.1 Договора изложить в следующей редакции: «3.1. Срок оказания услуг – не позднее",
        "75 календарных дней с даты подписания Договора».",
        "2. Настоящее Дополнительное соглашение является неотъемлемой частью Договора.",
    ]), (60, 260, "Заказчик"), (320, 260, "Исполнитель"),
        (60, 274, "АО «Qazaq Composite»"), (320, 274, "АО «Станкосервис»"),
        (60, 288, f"БИН: {CUSTOMER}"), (320, 288, f"БИН: {EXECUTOR}")])


def test_a_supplementary_agreement_is_the_contracts_paper_with_its_own_number_and_date() -> None:
    kind, _, _ = classify([agreement()])
    assert kind == DocType.contract
    fields = fields_of([agreement()], DocType.contract, CUSTOMER)
    assert fields.number is not None and fields.number.value == "1"
    assert fields.date is not None and fields.date.value.isoformat() == "2024-11-22"
    assert fields.total is None
    assert {(p.bin, p.role) for p in fields.parties} == DEAL


def test_a_contract_page_sent_alone_is_known_by_its_running_header() -> None:
    """Page 2 of a contract photographed on its own: requisites in two columns, the running header `Договор №
    … от …` read between them, `Страница 2 из 4` — no heading, no preamble."""
    alone = page(lines_at(60, 60, [
        "ТОО «Балхаш Инжиниринг»", f"БИН: {CUSTOMER}", "Адрес: 110530, г. Костанай, ул. Жибек жолы, д. 90",
        "ИИК: KZ669149BT5YSF5L6P9L", "Банк: АО «Bereke Bank»", "БИК: BRKEKZKA", "КБе: 17",
        "Тел.: +7 707 567 51 86", "Директор / Исмаилова К. М. /", "М.П.",
        "Договор № 645-ОУ/2024 от 14.10.2024",
        "АО «Lean Consulting Group»", f"БИН: {EXECUTOR}", "Председатель Правления / Касымова М. А. /",
        "М.П.", "Страница 2 из 4",
    ]))
    kind, _, _ = classify([alone])
    assert kind == DocType.contract


def test_a_bill_titled_under_its_payment_block_after_an_invoice_is_a_document_of_its_own() -> None:
    """An Excel bill for payment merged after a счет-фактура: its title `Счет на оплату № 196 от …` stands
    under the sample payment block, below the page's first lines."""
    invoice = page(lines_at(60, 60, [
        "СЧЕТ-ФАКТУРА № 00078643 от 26 августа 2024 г.",
        f"Поставщик: АО «Станкоимпорт», БИН {EXECUTOR}",
        f"Получатель: ТОО «Нур Техно», БИН {CUSTOMER}",
        "Всего по счету: 21 641 681,59",
    ]))
    bill = page(lines_at(60, 60, [
        "Внимание! Оплата данного счета означает согласие с условиями поставки товара.",
        "Бенефициар:                                   ИИК                          Кбе",
        "АО «Станкоимпорт»                     KZ1855113WED549CB0AK   17",
        f"БИН: {EXECUTOR}",
        "Банк бенефициара:                          БИК                Код назначения",
        "АО «Банк Фридом Финанс Казахстан»   KSNVKZKA          платежа 710",
        "Банк-посредник:                              БИК",
        "Назначение платежа: оплата по счету",
        "Счет на оплату № 196 от 26 августа 2024 г.",
        f"Поставщик: БИН {EXECUTOR}, АО «Станкоимпорт», г. Тараз",
        f"Покупатель: БИН {CUSTOMER}, ТОО «Нур Техно», г. Шымкент",
        "Итого: 21 641 681-59",
    ]), number=2)
    groups = split_file([invoice, bill])
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert classify(groups[0])[0] == DocType.invoice
    assert classify(groups[1])[0] == DocType.other


def test_a_rows_page_count_over_a_number_is_no_continuation_mark() -> None:
    """`Отчет от 06.10.2025, 44 стр.` over `0787/25` in an act's row is no `стр. 2/…`: the act merged after a
    bill opens its own document."""
    bill = page(lines_at(60, 60, ["Счет на оплату № 225 от 2 мая 2025 г.", "Итого: 3 058 919,11"]))
    act = page(lines_at(60, 60, [
        "Форма Р-1",
        "Номер документа   Дата составления",
        "553   06.10.2025",
        "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)",
        "Обучение персонала согласно договору № Отчет от 06.10.2025, 44 стр.",
        "0787/25",
        "Итого 392 820,96",
    ]), number=2)
    assert [[p.page for p in g] for g in split_file([bill, act])] == [[1], [2]]


def test_a_number_under_a_header_wrapped_in_its_excel_cell() -> None:
    """Р-1's `Номер документа | Дата составления`: `документа` wrapped under `Номер`, the values below."""
    act = page([
        (60, 60, "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)"),
        (340, 90, "Номер"), (400, 90, "Дата составления"),
        (335, 102, "документа"),
        (342, 116, "768/11"), (400, 116, "28.11.2025"),
        (60, 140, "Итого 7 669 927,41"),
    ])
    fields = fields_of([act], DocType.act)
    assert fields.number is not None and fields.number.value == "768/11"
    assert fields.date is not None and fields.date.value.isoformat() == "2025-11-28"


def test_a_number_printed_over_the_wrapped_headers_second_line() -> None:
    """The value cell's text runs into the header's second line: `документа 199/10 составления 14.10.2024`."""
    act = page([
        (60, 60, "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)"),
        (340, 90, "Номер"), (410, 90, "Дата"),
        (332, 103, "документа"), (400, 103, "составления"),
        (342, 104.5, "199/10"), (405, 104.5, "14.10.2024"),
        (60, 140, "Итого 7 669 927,41"),
    ])
    fields = fields_of([act], DocType.act)
    assert fields.number is not None and fields.number.value == "199/10"


def test_a_banks_bin_after_its_name_is_no_party_of_a_payment() -> None:
    order = page(lines_at(60, 60, [
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 380",
        "27 января 2026 г.",
        "Отправитель денег:                        ИИК                 КОд    Сумма",
        "ТОО «Нур Техно»          KZ949653N32V96YY8477   17   2 276 871,51",
        f"БИН: {CUSTOMER}",
        "Банк отправителя денег:                                       БИК",
        f"АО «ForteBank», БИН {BANK}                    IRTYKZKA",
        "Бенефициар:                                        ИИК                 КБе",
        "АО «Станкоимпорт»          KZ268215MNP0XR74MY5R   17",
        f"БИН: {EXECUTOR}",
        "Банк бенефициара:                                             БИК",
        f"АО «Bereke Bank» (БИН {BANK})              BRKEKZKA",
        "Назначение платежа: оплата по договору № 0051/25 от 14.11.2025",
    ]))
    fields = fields_of([order], DocType.payment_order, CUSTOMER)
    assert {(p.bin, p.role) for p in fields.parties} == DEAL


def test_a_requisites_header_at_the_foot_of_a_page_labels_the_bins_at_the_top_of_the_next() -> None:
    """Word broke the requisites table after its header row: `Исполнитель  Заказчик` ends page 1, the names
    and BINs open page 2 in the same columns."""
    first = page([*lines_at(60, 60, [
        "ДОГОВОР № 538-ОУ/2025",
        "ТОО «ПромМонтаж Строй», именуемое в дальнейшем «Исполнитель», с одной стороны, и",
        "ТОО «Ордабасы Текстиль», именуемое в дальнейшем «Заказчик», с другой стороны,",
        "заключили настоящий Договор о нижеследующем:",
        "6. РЕКВИЗИТЫ И ПОДПИСИ СТОРОН",
    ]), (60, 765, "Исполнитель"), (320, 765, "Заказчик"), (450, 800, "Страница 1 из 2")])
    second = page([(60, 50, "Договор № 538-ОУ/2025 от 16.06.2025"),
                   (60, 78, "ТОО «ПромМонтаж Строй»"), (320, 78, "ТОО «Ордабасы Текстиль»"),
                   (60, 92, f"БИН: {EXECUTOR}"), (320, 92, f"БИН: {CUSTOMER}"),
                   (450, 800, "Страница 2 из 2")], number=2)
    fields = fields_of([first, second], DocType.contract, CUSTOMER)
    assert {(p.bin, p.role) for p in fields.parties} == DEAL


def _doc(i: str, t: DocType, *parties: tuple[str, Role, str | None]) -> Document:
    return Document(id=i, type=t, confidence=0.9, pages=(PageRef(file=f"{i}.pdf", page=1),),
                    fields=Fields(parties=tuple(Party(bin=b, valid=True, role=r, position=pos)
                                                for b, r, pos in parties)))


def test_an_unlabelled_bin_on_an_acceptance_act_is_the_executor_the_payments_name() -> None:
    """`ИП Попов М.С. (ИИН …) … (Передающая сторона)`: no position word the reader knows beside the BIN; the
    payment names that BIN as the beneficiary, so it is the deal's executor. A labelled third party stays."""
    carrier = make_bin("06044000947")
    docs = [
        _doc("p", DocType.payment_order, (CUSTOMER, Role.applicant, "payer"),
             (EXECUTOR, Role.executor, "beneficiary")),
        _doc("a", DocType.acceptance_certificate, (EXECUTOR, Role.other, None),
             (CUSTOMER, Role.applicant, None), (carrier, Role.other, "carrier")),
    ]
    act = resolve_roles(docs, CUSTOMER)[1]
    assert {(p.bin, p.role) for p in act.fields.parties} == {
        (EXECUTOR, Role.executor), (CUSTOMER, Role.applicant), (carrier, Role.other)}


def test_a_register_extract_copy_whose_heading_ocr_damaged_is_still_the_extract() -> None:
    """A photocopy of the register extract, read by OCR: `ВЫПИСКА` over `из реестра казакстанских
    тозаропроизводителей` (х read as к, в as з)."""
    copy = page(lines_at(60, 60, [
        "ВЫПИСКА",
        "из реестра казакстанских тозаропроизводителей",
        "№ ОТП-2026-30585",
        "г. Астана                                  29 января 2026 г.",
        "Наимемование   Товарищество с ограниченной ответственностью «EcoLine Astana»",
        f"Бин   {CUSTOMER}",
        "Код ОКЭД   24330",
        "Статус   Действующий",
    ]))
    assert classify([copy])[0] == DocType.ktp_extract


def test_a_tenge_sign_read_as_t_before_an_excel_amount_is_the_tenge() -> None:
    """A scanned Excel bill whose `"₸"#,##0.00` cells OCR read with `T` for `₸`: `Итого: T3,058,919.11`."""
    bill = page(lines_at(60, 60, [
        "Счет на оплату № 225 от 2 мая 2025 г.",
        "1  Пусконаладочные работы   1 усл.   T2,337,617.70   T2,337,617.70",
        "2  Обучение персонала       6 чел.   Т120,216.90     Т721,301.41",
        "Итого: T3,058,919.11",
        "В том числе НДС: T327,741.33",
        "Всего наименований 2, на сумму 3 058 919,11 КИТ",
    ]))
    fields = fields_of([bill], DocType.other)
    assert fields.total is not None
    assert (fields.total.amount, fields.total.currency) == (Decimal("3058919.11"), "KZT")


def test_a_banks_bin_after_its_name_read_in_cyrillic_look_alikes_is_no_party() -> None:
    """A scanned order whose `АО «Bank RBK»` OCR read as `АО «Вапк ВВК»`: its BIN is still the bank's."""
    order = page(lines_at(60, 60, [
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 151",
        "Отправитель денег:                        ИИК                 КОд    Сумма",
        "ТОО «Нур Техно»          KZ949653N32V96YY8477   17   2 276 871,51",
        f"БИН: {CUSTOMER}",
        "Банк отправителя денег:                                       БИК",
        f"АО «Вапк ВВК», БИН {BANK}                    KINCKZKA",
        "Бенефициар:                                        ИИК                 КБе",
        "АО «Станкоимпорт»          KZ268215MNP0XR74MY5R   17",
        f"БИН: {EXECUTOR}",
    ]))
    fields = fields_of([order], DocType.payment_order, CUSTOMER)
    assert {(p.bin, p.role) for p in fields.parties} == DEAL
