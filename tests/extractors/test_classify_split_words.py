"""Scanned papers whose headings and form wording OCR read with a word split (`д нного`, `наоп ату`) or
damaged (`ПИСЬМО- ДТВЕРЖДЕНИЕ`), typed by that wording read fuzzily; a phrase read intact, a word or two
beside it, is left to the exact patterns. The page texts are what Tesseract made of bad scans of a bill
and of a manufacturer's letter."""

from __future__ import annotations

from extractors.classify import classify
from extractors.fuzzy_phrases import damaged_match, tokens
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page

BILL = ("Внимание! Оплата д нного счета означает согласие с условиями поставки товара.",
        "Бенефициар: 7171,4 Кбе", "ТОО «ПромМон аж Строй-К7» KZ04948Y955SZ45N0107 17", "BUH: 030840039 72",
        "Банк бенефици pa: БИК", "Код назначения", "платежа", "АО «Евразийски Банк» EURIKZKA 859",
        "Счет наоп ату № 388 от 3 декабря 2024 г.",
        "03403 72, ТОО «ПромМонтаж Строй-К2», 090490, Западно-Казахстанская обл., г. Уральск, пр.",
        "Дога кор; /Ne Дп-20 41642 от 03.12.2024", "№ аименование Кол-во Ед. Цена Сумма",
        "Итого: 899 110,13", "В том числе НДС: 96 333,23",
        "Всего к оплате: Восемьсот Девяносто девять тысяч сто десять тенге 13 тиын")
LETTER = ("Battenfeld-Cincinnati GmbH Исх. № 149/26", "Германия от 13.07.2026",
          "Руководителю АО «Steppe Robotics-KZ»", "Сулейменова А. С.", "ПИСЬМО- ДТВЕРЖДЕНИЕ",
          "Настояшим Battentéld- Cincinnati GmbH подтвержді что оборудование Экструзионная линия для "
          "производства", "полимерных труб РЕ-110. заводской Мо 55202448616, произведено нашим предприятием "
          "29.05.2025 и", "поставлено через официального дистрибьютора АО; «Промоборудование LTD».",
          "С уважением,", "Export Sales Manager")


def test_a_bill_whose_title_and_consent_note_ocr_split_is_a_bill_not_a_payment_order() -> None:
    """Its sample payment block (`Бенефициар`, `Код назначения платежа`) reads as a payment's wording; its
    title `Счет наоп ату № 388` and its note `Оплата д нного счета означает` are a bill's."""
    kind, _, _ = classify([ocr_page(*BILL, file="Документы.pdf")])
    assert kind == DocType.other


def test_a_manufacturers_letter_whose_heading_was_damaged_is_a_manufacturer_document() -> None:
    kind, _, _ = classify([ocr_page(*LETTER, file="letter_14926.pdf")])
    assert kind == DocType.manufacturer_document


def test_split_and_glued_words_match_and_intact_or_foreign_wording_does_not() -> None:
    assert damaged_match(tokens("оплата д нного счета означает согласие"), "оплата данного счета означает")
    assert damaged_match(tokens("счет наоп ату"), "счет на оплату", at_start=True)
    assert damaged_match(tokens("назначениеплатежа 710"), "назначение платежа")
    # intact, or intact with a word more: the exact patterns' business
    assert not damaged_match(tokens("платежное поручение ао"), "платежное поручение")
    assert not damaged_match(tokens("банк бенефициара ж"), "банк бенефициара")
    assert not damaged_match(tokens("п платежное поручение"), "платежное поручение")
    # only where it opens the line: a payment's purpose citing a bill is no bill's title
    assert not damaged_match(tokens("оплата по счету на оплату"), "счет на оплату", at_start=True)
    assert not damaged_match(tokens("счет фактура"), "счет на оплату", at_start=True)


def test_a_payment_order_whose_purpose_cites_a_damaged_bill_stays_a_payment_order() -> None:
    kind, _, _ = classify([ocr_page(
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 1059", "6 февраля 2026 г.", "Отправитель денег: ИИК КОд Сумма",
        "Бенефициар: ИИК КБе", "Банк бенефициара: БИК", "Сумма прописью:",
        "Назначение платежа: Оплата по счету наоп ату № 388 от 03.12.2024")])
    assert kind == DocType.payment_order


ACT_LOW_TITLE = ("oo", "кеме... -", "-- ---- --- + — — —", "—---.--- ---", "Ё= ------- -",
                 "мене .,. ..---- - --- —-", "м-е--... ..--- --- - -", "ке---.. ----- - ----",
                 "— < — -.-.-.... жө--- -ы-- >-е------. -.--", "-\" ч. ж. ,.-ө--.... а ео 000200602002.",
                 "— — - т. 4. лы. 4- ыы ое, ии, оу, pene ve",
                 "саларда кома ae eae yr RATE Ten с орамазсывды DT Ov Сино TOD «Қокжиев",
                 "494% waders - — - --- - - ә. en -- — - - т oo ty, СТА > 4: вином",
                 "АЕ 2 - ae оО ити fe ey 2M: Owe 219", "ин ки - РР 2 — ен Ди жмем ква Аленся",
                 "н-ң т слу - ee ree cee — -- обл. = Vernwen, yt", "т. 1 al pet ней” +... . ---",
                 "--- еч ап мал еее ғаз» +", "th aaa Ир.”",
                 "2----6--ш «ғғ ОА о 2 Г 2. е мер документа и состеаледын", "Sone = и [= 39:05",
                 "2 Si 22 АКТ выполненных РАБОТ {ОКАЗАННЫХ услуг)\"",
                 "Приложение 50", "® приказу Meron tps днизлтк ра", "Форма ра")


def test_an_act_whose_scan_kept_only_its_full_title_low_on_the_page_opens_its_own_paper() -> None:
    """The Р-1 form's title `АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)` alone on its line, read in mixed case
    under a top read as soup, after an ЭСФ in the same file; a contract's sentence naming the act is none."""
    from extractors.split import split_file
    invoice = ocr_page("Счет-фактура № 740 от 30.07.2025", "Поставщик: ИП Жумабеков Алексей Ерланович",
                       "ИИК поставщика: К257551ОЕА2УҒҒ678047", "Всего по счету 1184 966-55",
                       file="Документы.pdf")
    act = ocr_page(*ACT_LOW_TITLE, file="Документы.pdf", page=2)
    groups = split_file([invoice, act])
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert classify(groups[1])[0] == DocType.act
    sentence = ocr_page("Оплата производится в течение 10 дней с даты подписания Сторонами акта "
                        "выполненных работ (оказанных услуг).", file="Документы.pdf", page=2)
    assert classify([sentence])[0] != DocType.act


def test_a_report_whose_scan_cut_off_its_heading_is_told_by_its_closing_line() -> None:
    """The applicant report's table tail and `Дата составления отчета`, its heading and table head cut off a
    scan: a report, not an unknown paper."""
    kind, _, _ = classify([ocr_page(
        "№ is Сумма, тенге", "1 | Договор", "2 | Платежное поручение",
        "0431/25 10.11.2025 «КазЭнергоЭксперт/К2» 206338.12", "701 20.11.2025 |АО« Эксперт-к2» 41267.62",
        "3 ! Платежное поручение 741 21.01.2026 | АО «КазЭнергоЭксперт-К2» 165070.50",
        "ИТОГО затрат 206338.12", "Сумма к возмешению (40 %): 82535.25 тенге.",
        "Руководитель Омаров Д. А. Главный бухгалтер Касымова Е. М.",
        "Дата составления отчета: 14.10.2026", file="Документы.pdf")])
    assert kind == DocType.applicant_report


def test_a_bill_whose_title_line_was_lost_is_told_by_its_consent_note_and_footer() -> None:
    """Its sample payment block reads as a payment's wording (`Бенефициар`, `Банк бенефициара`, `Код
    назначения платежа`); the consent note over it and the footer `Всего наименований 1, на сумму …` are a
    bill's."""
    kind, _, _ = classify([ocr_page(
        "Внимание! Оплата данного счета означает согласие © условиями поставки товара. Уведомле",
        "гарантируется наличие товара на складе", "Бенефициар: | ИИК Кбе )",
        "ТОО «ЭнероАудиг Плнх » | R295 9E5 G1 GIF YOR4 3006", "БИН: 200840274571 |",
        "| ванк бенефициара: | БИК", "| Код назначения |", "| платеж }",
        "AQ «ForteBank» | IRTYKZKA |859. |",
        "Поставщик: TOO «Энергодудит Плюс», БИН 200840274571, 100650. Карагандинская обл.,г. Караганда",
        "№ 0221/25 от 24.03.2025", "Итого: 1 311 276,33", "НДС 12%: «157 353,16",
        "Всего x оплате: 1468 629.49", "Всего наименований 1, на сумму 1 468 629,49 ҰЛ",
        "Руководитель /Нувгалиев &. C./ Бухгалтер иванов А. Е.Г",
        file="Заявка.tif")])
    assert kind == DocType.other
