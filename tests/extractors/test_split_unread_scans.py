"""A scan OCR made nothing of (a page read sideways or under a halftone: symbol soup at a low confidence)
is typed by its file's name, the only evidence of its kind, at a low confidence; a page that reads keeps
the type its own wording gives. The junk lines are what Tesseract read from bad scans of a generated
payment order and register extract."""

from __future__ import annotations

from extractors.file_kinds import kind_in_name
from extractors.split import NAMED_ONLY, assemble
from models.pages import Page, Word
from models.vocab import DocType, PageSource

PAYMENT_SOUP = ("ик wa Сұмма", "хетт ыз ” 103 844-45)", "an", "КУМСКТКА", "мик же",
                "котысғал ззит1са vw", "Бик", "OKA", "Сама просиеью-",
                "Сто три Peat het көсем! сорон четыре Tere? 45 ғғым", "Bata получению в жрз onsen усл Рам",
                "08. 11 2024 вич НДС 12%", "рт", "жасал коя әке 2711204")
EXTRACT_FOOTER = ("верна. Документ перепечатан , с мектронной выписки портала = злектромнного "
                  "правительство».", "Касымов К. Б.", "ри ТОО «Байтерек Стекло Групп» |(0 |", "C) О кн")


def page(file: str, lines: tuple[str, ...], confidence: float, number: int = 1,
         source: PageSource = PageSource.ocr) -> Page:
    words = [Word(text=t, bbox=(0.1, 0.1 + i * 0.02, 0.2, 0.11 + i * 0.02), confidence=confidence, line=i)
             for i, line in enumerate(lines) for t in line.split()]
    return Page(file=file, page=number, source=source, words=tuple(words))


def test_a_payment_read_as_soup_is_typed_by_its_files_name() -> None:
    (doc,) = assemble([page("Платежка 116.pdf", PAYMENT_SOUP, 0.45)])
    assert doc.type == DocType.payment_order and doc.confidence == NAMED_ONLY < 0.9


def test_a_register_extract_of_which_ocr_read_only_the_footer_is_typed_by_its_name() -> None:
    (doc,) = assemble([page("Документы.zip/Заявитель/реестр КТП копия.pdf", EXTRACT_FOOTER, 0.72)])
    assert doc.type == DocType.ktp_extract


def test_a_legible_page_or_an_unnamed_file_keeps_its_own_reading() -> None:
    # read surely (a clean scan): what it reads is what it is, whatever the name says
    (doc,) = assemble([page("Платежка 116.pdf", EXTRACT_FOOTER, 0.93)])
    assert doc.type == DocType.other
    # a name that names no kind, and folders' names are not looked at
    (doc,) = assemble([page("Платежи/Scan_1058.pdf", PAYMENT_SOUP, 0.45)])
    assert doc.type != DocType.payment_order
    # the page reads as a kind of its own: the name does not override it
    letter = ("ГАРАНТИЙНОЕ ПИСЬМО", "Уважаемые коллеги, настоящим гарантируем оплату",
              "С уважением, директор")
    (doc,) = assemble([page("Платежка 116.pdf", letter, 0.6)])
    assert doc.type == DocType.other


def test_only_the_first_paper_of_a_file_takes_the_files_name() -> None:
    contract = ("ДОГОВОР № 398", "г. Алматы 20.05.2024", "Заказчик и Исполнитель заключили настоящий договор",
                "Предмет договора", "Стоимость услуг по договору составляет")
    docs = assemble([page("Договор № 398 и др.tif", contract, 0.9),
                     page("Договор № 398 и др.tif", PAYMENT_SOUP, 0.45, number=2)])
    assert docs[0].type == DocType.contract
    assert all(d.confidence != NAMED_ONLY for d in docs[1:])


def test_kinds_in_file_names() -> None:
    named = {"Платежка 116.pdf": DocType.payment_order, "pp_1300.pdf": DocType.payment_order,
             "ПП № 785.png": DocType.payment_order, "реестр КТП копия.pdf": DocType.ktp_extract,
             "vypiska_reestr.png": DocType.ktp_extract, "СФ_СФ-182 и др.pdf": DocType.invoice,
             "schet-faktura_00047422.png": DocType.invoice, "Счет на оплату № 507.pdf": DocType.other,
             "schet_763.pdf": DocType.other,
             "Акт приема-передачи 332 и др.tif": DocType.acceptance_certificate,
             "АВР № 243.pdf": DocType.act, "z2_281 + прочие.tif": DocType.waybill,
             "otchet_zatraty.pdf": DocType.applicant_report, "Приложение 1 Заявка.png": DocType.application,
             "ДС №1 к договору.pdf": DocType.contract, "Dogovor_ДП-2024137.jpg": DocType.contract,
             "Папка/Scan_5865.pdf": None, "Документы (67).tif": None, "WhatsApp Image 892.jpg": None}
    assert {n: kind_in_name(n) for n in named} == named


PHOTO_SOUP = ("—_ НИ = о -", "кокк кке", "2", "- a =—>", "SoS SS", "“ -. —", "--—", "$... .", "ее", "=",
              "ВУ", ":", "| |", "oh дочь", "| =", "- =", "| | ae", "— ee ee en", "aoe Scones", "— <",
              "шы $$ raver", "``", "“...")
"""What Tesseract read from a phone photo of an act of completed work: symbol soup, as on a picture of
equipment."""


def test_a_paper_read_as_a_pictures_soup_is_typed_by_its_files_name() -> None:
    (doc,) = assemble([page("Акт АВР-058125.jpg", PHOTO_SOUP, 0.45)])
    assert doc.type == DocType.act and doc.confidence == NAMED_ONLY
    (doc,) = assemble([page("Выписка КТП.pdf", ("м", "8", "|", ";"), 0.44)])
    assert doc.type == DocType.ktp_extract and doc.confidence == NAMED_ONLY


def test_a_picture_whose_name_names_no_paper_stays_a_photo() -> None:
    for name in ("Фото оборудования.jpg", "IMG_2041.jpg", "WhatsApp Image 892.jpg"):
        (doc,) = assemble([page(name, PHOTO_SOUP, 0.45)])
        assert doc.type == DocType.photo, name
