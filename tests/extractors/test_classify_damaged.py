"""Phone photos and scans of documents whose heading OCR lost or damaged: typed by the form's own
wording, read fuzzily; a page of writing is never taken for a camera picture of equipment. The page
texts are what Tesseract made of phone photos of an application, an ЭСФ and a register extract."""

from __future__ import annotations

from extractors.classify import classify
from extractors.fuzzy_phrases import damaged_match, tokens
from models.pages import Page, Word
from models.vocab import DocType, PageSource


def page(*lines: str, source: PageSource = PageSource.ocr) -> Page:
    words = [Word(text=t, bbox=(0.1, 0.1 + i * 0.02, 0.2, 0.11 + i * 0.02), confidence=0.6, line=i)
             for i, line in enumerate(lines) for t in line.split()]
    return Page(file="IMG_1.jpg", page=1, source=source, words=tuple(words))


APPLICATION = ("ВАО «Qarzindustry=", "Наммемование залоитоля ТОО «Оагад Composites",
               "Телефон +7 777 914 49 09", "Сведения о затратах",
               "| AO «Знергодудит Плюс» 190440456 705 № К2-2025- 1826 от 15 12 2025",
               "Заятытель подтверждает достоверность сведений и согласие на сбор и обработку",
               "персональных дамных",
               "Руководитель", "Нургалиева С.Е.")


def test_an_application_whose_heading_was_lost_is_an_application() -> None:
    kind, _, _ = classify([page(*APPLICATION)])
    assert kind == DocType.application


def test_a_page_of_writing_with_no_known_wording_is_other_not_a_photo() -> None:
    kind, _, _ = classify([page("Уважаемые коллеги направляем копии", "документов согласно перечню",
                                "прилагаемому письму просим принять", "директор предприятия")])
    assert kind == DocType.other


def test_an_esf_citing_its_contract_is_an_invoice_not_a_contract() -> None:
    """`Договор (контракт) на поставку: № …` is the ЭСФ's requisite line, not a contract's heading; the
    sections `Реквизиты поставщика` (read `постамцика`) and `Всего по счету` (read `Всего ғжз счету`) are
    the form's."""
    kind, _, _ = classify([page(
        "| ESF 190440 5670541618 an) 12.01.2026", "Раздел В. Реквизиты постамцика",
        "Поставщик: АО =ЭнергоАудит Плюс» MMH BMH: 1904404565705,",
        "Адрес: 060330, Атырмускав обл. г. Атырау. ул. Северная промзона. д. 291",
        "Раздел С. Реквизиты получателя", "Получатель: ТОО «Саға Compowies MMHG: 03084039091 33",
        "Договор (контракт) нә поставку? № K2-2025- 1A от 15.12.2025",
        "Ne Hearwonaner товаров, pater, yc rt Ел Жаза Цены безі нДЕ Cremmecn без НДС | Comme НДС",
        "Всего ғжз счету: ры коса а", "Вытика{ а}: бухгалтер Ахметов Д.Н.")])
    assert kind == DocType.invoice


def test_a_register_extract_read_as_soup_is_not_a_photo() -> None:
    kind, _, _ = classify([page(
        "ата формирования тыпты ки ] 25 марта 2026 г. РИ о", "Наименование проноводителя | | Composites",
        "smu они -", "| о ——", "|", "СЭД | 32991", "Статус записи деін тиуинция", "рр - А J",
        "—_ лл... а алл-...аыыыш------аан---.. анкета —— ———— ее —=> — —=", "тым 62", "|")])
    assert kind == DocType.ktp_extract


def test_a_nameplate_photo_stays_a_photo() -> None:
    kind, _, _ = classify([page('г = ар "ыны 25 ара 2»', "| Nanjing Harsie Machine Too",
                                "MODEL PBA-135/3100", "S/N 238349113 2022")])
    assert kind == DocType.photo


def test_damaged_wording_matches_and_foreign_wording_does_not() -> None:
    words = tokens("раздел в. реквизиты постамцика поставщик: ао")
    assert damaged_match(words, "реквизиты поставщика")
    assert not damaged_match(words, "реквизиты получателя")
    assert not damaged_match(tokens("реквизиты поставщика"), "реквизиты поставщика")  # intact: exact rules
    assert damaged_match(tokens("всего гжз счету"), "всего по счету")



def test_a_kazakh_contract_after_a_register_extract_in_one_photographed_file_opens_its_own_document() -> None:
    """`Шарт № 285-ОУ/2024` alone on the first line of a page is a Kazakh contract's heading; an act's row
    citing the contract goes on with its date and is no heading."""
    from extractors.split import split_file

    extract = page("Отандық тауар өндірушілердің тізілімінен үзінді көшірме",
                   "ВЫПИСКА ИЗ РЕЕСТРА ОТЕЧЕСТВЕННЫХ ТОВАРОПРОИЗВОДИТЕЛЕЙ", "№ РКТ-2026-69959",
                   "г. Астана Дата выдачи: 12.03.2026", "БИН/ИИН 661205323439")
    contract = page("Шарт № 285-ОУ/2024", "Алматы қаласы 2024 жылғы 13 қараша",
                    "1. Орындаушы Тапсырыс берушіға шартта көрсетілген қызметтерді ұсынуға міндеттенеді.",
                    "2. Шарттың жалпы құны 5,492,040,40 теңге, ҚҚС 12% қоса алғанда.")
    groups = split_file([extract, contract])
    assert [len(g) for g in groups] == [1, 1]
    kind, _, _ = classify(groups[1])
    assert kind == DocType.contract
    # the same page with the heading's line going on (a row citing the contract): no heading, one document
    citing = page("Шарт № 285-ОУ/2024, 2024 жылғы 13 қараша", *contract.text.split("\n")[1:])
    assert [len(g) for g in split_file([extract, citing])] == [2]


def test_a_photographed_egov_register_extract_whose_heading_ocr_damaged_is_a_register_extract() -> None:
    """The eGov header's graphics read as lines of junk push the heading down, and OCR damaged its last
    word (`товаропронзводителей`) and the subtitle's (`произвозителей`)."""
    kind, _, _ = classify([page(
        "eGov, kz", "‘Электронное правительс reo Республики Қазақстан", "Ғғ-\"------- я", "ee Se ЕТІ i",
        "!", "1", ":", "—— 5", "4", "r і 1 і ' 1 і 1 ! а",
        "Выписка из реестра казахстанских товаропронзводителей",
        "(реестр отечественных произвозителей товаров, pabor и услуг)",
        "№ 29-2026-87826 от 2026-04-20", "Наименование производителя", "НИН",
        "Индивидуальный предприниматель Тлеубаева Карлыгаш Маратовна", "790415451091",
        "Юридический алрес 030630, Актюбинская обл.. г. Актобе, ул. Жибек жолы, д. 127",
        "Код ОКЭД 10510", "Дата включения в ресстр 09.03.2025", "Статус Действующий",
    )])
    assert kind == DocType.ktp_extract


def test_a_photographed_bill_for_payment_under_its_sample_payment_block_is_other() -> None:
    """`Счет на оплату` read `Счета оплату`, its consent note damaged: the sample block's `Бенефициар`,
    `Банк бенефициара` never make the bill a payment order."""
    kind, _, _ = classify([page(
        "Вмнмыамне! Оплата даммого счета Означает со AACE с ұслофиямы пост най товара (оказания услут )",
        "Бенефициар”", "Too »Станкоимпорт Казахстан.", "БИН: 141040401886", "иик кбе",
        "К26455117Ү9ІКРВ94Ү33 17", "|", "Банк бенефициара. Бик Код",
        "АО «Банк Фридом Финанс Казахстан» К5МҮК?КА назначения", "платежа",
        "Счета оплату №701 өт? ноября 2025 года",
        "Покупатель БИН: 160440070799, ТОО «Байтерек Стекло Казакстан»",
        "Итого: 142 323 895,78", "В том числе НДС: 17 078 867,49", "Всего к оплате: 159 402 763,27",
    )])
    assert kind == DocType.other


def test_an_application_whose_heading_a_bad_scan_lost_is_told_by_its_numbered_fields() -> None:
    kind, _, _ = classify([page(
        "1. Нанменование заявитела", "2. БИНМИН", "3. Адрес", "70041 33388 11",
        "070810, Восточно-Казахстанская оба., г. Усть-Каменогорск, пр. Назарбаева, д.", "235",
        "4. Руководитель Ким Серик Ерламонмч, ИИН 70041 3338811",
        "5. Бамковские реквизиты К29191419Н5758 263314, BRKEKZKA",
        "6. Вид мтрат поставка оборудования: ЗО-склнер RangeVision PRO IM",
        "7. Общая сумма затрат 20 387 127,44 тенсе", "8. Сумма к возмещению (40 %) 8 154 850,98 тенге",
        "Руководитель Ким С. Е. «03» марта 2026 г.",
    )])
    assert kind == DocType.application


INVOICE_HEADING_LOST = (
    "т Свриюрвия («Казмвитажавтоматика»}",
    "МИН и адрес места нахождения 8. 831021319625. 98040, жанибыьлоная обл. т. Тараз, ул. Сатаева. д. 185",
    "МИҠ поставщина: К299914У6Н207269/2562 «АО Велика Baylor, БИК BRKEKZKA",
    "Свидетельство о постановке на учет ло НДС сарна 39126 М) 1590527",
    "Договор (жонуракт) на поставку товаров (работ. Ау, № 0262/25 өт 14,07 2025",
    "Усаомия (алаты по AOCOBOpY (комтракту): безналичный расчет %",
    "Получатель: Товарищество с о/рамиченмой «Байтерек Стекло Грузл» 9)",
    "БИН в адрес места нахождения обя..’ Усть-Каменекорск. пр. Республики. д. 44. офис 3 8;",
    "ИИК получателя К2909147КЗМОМКЕ 8 АО «Berake",
    "№ ГИвмменования товаров (работ, | % Ел Ткол-өо Цена (27) 1 Стоммость без | ТТГ Өсего стоимость",
    "Руководитель орсамизасия Абдрахманов А С Главный бухталтер Иванова К. Е",
)
"""A scanned счет-фактура whose heading line OCR lost: its numbered form rows (the supplier's and the
recipient's ИИК, the VAT certificate, the contract it cites with the word `контракт` damaged) remain."""


def test_an_invoice_whose_heading_was_lost_is_typed_by_its_form_rows_not_by_the_contract_it_cites() -> None:
    kind, _, scores = classify([page(*INVOICE_HEADING_LOST)])
    assert kind == DocType.invoice, scores


def test_an_invoice_whose_heading_was_lost_takes_no_number_from_the_contract_row() -> None:
    from extractors.fields import extract_fields
    from models.documents import Document, PageRef

    pg = page(*INVOICE_HEADING_LOST)
    doc = Document(id="doc-1", type=DocType.invoice, confidence=0.9,
                   pages=(PageRef(file=pg.file, page=1, source=pg.source),))
    number = extract_fields(doc, [pg]).fields.number
    assert number is None or "0262" not in number.value
