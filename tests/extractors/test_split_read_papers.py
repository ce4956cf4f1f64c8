"""Papers a bad scan read well enough, merged into the paper before them in one file: a technical passport
after an acceptance certificate that prints the same `Заводской номер`, a tax statement whose subtitle's
words OCR damaged after a register extract, a contract's supplementary agreement numbered `Ne 1`, and
training certificates whose titles OCR damaged; and a contract's second page whose running head OCR read
with a digit wrong, which stays the contract's. The lines are what Tesseract read on bad scans."""

from __future__ import annotations

from extractors.classify import classify
from extractors.split import split_file
from models.pages import Page
from models.vocab import DocType, PageSource
from tests.extractors.ocr_lines import ocr_page

ACCEPTANCE = (
    "АКТ ПРИЕМА-ПЕРЕДАЧИ ОБОРУДОВАНИЯ № 466", "г. Алматы «22» марта 2024 г.",
    "Товарищество с ограниченной ответственностью «ИндустрияСнаб-2» (БИН 120240326132), именуемое "
    "«Передающая сторона», передало, а Индивидуальный предприниматель Абдрахманов Асхат Нурланович",
    "(ИИН 890501354581), именуемое «Принимающая сторона», приняло по договору № 0860/24 от 27.12.2023",
    "| Наименование | Модель | заводской № | Кол-во | Стоимость с НДС",
    "| 1 Листогибочный пресс гидравлический | PBA-135/3100 | 246886694 | 1 | 20 651 887.20",
    "Оборудование новое, изготовлено Nanjing Harsle Machine Tool Co., Ltd. (Китай).",
    "Передал: Принял:")
PASSPORT = (
    "Nanjing Harsle Machine Tool Со., Ltd.", "~ .,", "Листогиоочныи пресс гидравлическии",
    "Заводской номер 246886694", "Дата изготовления 15.05.2023", "| Код ТНВЭД 8462290000",
    "1. Основные технические характеристики", "2 al", "Sha]", "в эксплуатацию.", "3. Свидетельство о приемке",
    "Изделие Листогибочный пресс гидравлический РВА-135/3100, заводской № 246886694, изготовлена и принято в")
EXTRACT = (
    "eGov.kz | Электронное правительство Республики Казахстан", "ВЫПИСКА", "2026 жылғы 14 мамыр",
    "из реестра казахстанских товаропроизводителей", "Регистрационный номер записи ТП-14/26/472297",
    "Дата включения в реестр 04.09.2025", "Статус записи Действующая")
TAX = (
    "Алматы»", "РГУ «Департамент государственных доходов по г. А", "БИ! № 70840600985",
    "ж СПРАВКА № 4283531098 жылық", "о суммах уплачгнньл налогон и пзатежен н бюдж (oak", "18.05.2026",
    "Выдана: Индивидуальный предприниматель Абдрахманов Асхат Нурланович МИН 890501354581",
    "Год Уп лачено налогов и платежен в бюджет, тенге", "Итою 121 637 222,70")
CONTRACT = (
    "ШАРТ № К2-2025-6005 ДОГОВОР № К2-2025-6005",
    "Уральск қ. 2025 жылғы 10 желтоқсан г. Уральск «10» декабря 2025 г.",
    "Акционерное общество «Жетысу Пром-К2», именуемое в дальнейшем «Заказчик», с одной стороны, и",
    "ТОО «Lean Academy Kazakhstan», именуемое в дальнейшем «Исполнитель», заключили настоящий Договор",
    "1. ШАРТТЫҢ МӘНІ 1. ПРЕДМЕТ ДОГОВОРА", "2. ШАРТТЫҢ БАҒАСЫ 2. ЦЕНА ДОГОВОРА",
    "3. ТАРАПТАРДЫҢ ЖАУАПКЕРШІЛІГІ 3. ОТВЕТСТВЕННОСТЬ СТОРОН")
AGREEMENT = (
    "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ Ne 1", "ы Дәгеперу № К2-2025-6005 от 10 декабря 2025 г.",
    "г. Уральск =}. дәкбра 2025г",
    "Акционерное общество «Жетысу Пром-К2», именуемое в дальнейшем «Заказчик», с одной стороны, и",
    "«Испалмитель», с другой стороны, заключили настовщее Дрполиительное соглашение о нижеследующем.",
    "1. Пумкт 3.1 Договора изложить в следующей редакции",
    "3. Настоящее Доподиительное соглашение является неотъемлемой частью Договора")
SERVICES = (
    "ДОГОВОР № 946", "Rоr овес № 945 е, 2063 LОIS", "Возмездного оказания услуг",
    "Шымкент «03» марта 2025 г.",
    "Товарищество с ограниченной ответственностью «Инженерный центр Прогресс», именуемое в дальнейшем",
    "«Исполнитель», и ИП «Жетысу Пром», именуемый в дальнейшем «Заказчик», заключили настоящий договор",
    "1. ПРЕДМЕТ ДОГОВОРА", "2. СТОИМОСТЬ ДОГОВОРА")
SERVICES_2 = (
    "%3", "Договор № 945 OF SF GI 025", "Договор составлен « двух экземплярах на русском языке, имеющих",
    "одинаковую юридическую силу, по одному для каждой из Стором", "6. РЕКВИЗИТЫ И ПОДПИСИ СТОРОН",
    "Исполнитель Заказчик", "БИН 212400384160 ИИН 721012424661", "Тел. +7 (7212) 75-99-34")


def certificate(title: str, number: str, name: str) -> tuple[str, ...]:
    return ("ИП «Lean Academy Kazakhstan»", "ИИН 770516402364", title, number,
            "Настоящий сертификат подтверждает, что", name,
            "Директор Исмаилова С. A. Дата выдачи: 18 февраля 2025 г.")


def pages(*papers: tuple[str, ...], file: str = "Scan_5023.tif") -> list[Page]:
    return [ocr_page(*lines, file=file, page=i) for i, lines in enumerate(papers, 1)]


def split(group: list[Page]) -> list[list[int]]:
    return [[p.page for p in g] for g in split_file(group)]


def test_a_passport_after_an_acceptance_certificate_printing_the_same_factory_number_is_a_paper() -> None:
    groups = split_file(pages(ACCEPTANCE, PASSPORT))
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert classify(groups[1])[0] == DocType.technical_passport


def test_a_tax_statement_whose_subtitle_ocr_damaged_after_a_register_extract_is_a_paper() -> None:
    groups = split_file(pages(EXTRACT, TAX, file="Приложение 1 Заявка и др.pdf"))
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert classify(groups[1])[0] == DocType.tax_statement


def test_a_supplementary_agreement_numbered_ne_after_its_contract_is_a_paper_of_its_own() -> None:
    assert split(pages(CONTRACT, AGREEMENT, file="dogovor и др.tif")) == [[1], [2]]


def test_a_contract_page_whose_running_head_ocr_misread_stays_the_contracts() -> None:
    assert split(pages(SERVICES, SERVICES_2, file="Договор 946.tif")) == [[1, 2]]


def test_certificates_whose_titles_ocr_damaged_are_one_a_page() -> None:
    papers = (certificate("СЕРТИФИКАТ.", "| № 2025/85026 4.", "Исмаилов Асхат Маратович"),
              certificate("” % С Е РТИ DI ІК А1", "№ 2025/85027 ae", "Е Динара о сандибина"),
              certificate("СЕРТИФИКАТ", "№ 2025/85028", "Касымова Айгерим Маратовна"))
    assert split(pages(*papers, file="Документы.pdf")) == [[1], [2], [3]]


def test_a_certificates_second_page_without_its_statement_stays_the_certificates() -> None:
    second = ("Программа обучения", "1. Основы бережливого производства 8 часов",
              "2. Стандартизированная работа")
    papers = (certificate("СЕРТИФИКАТ", "№ 2025/85026", "Исмаилов Асхат Маратович"), second)
    assert split(pages(*papers, file="Документы.pdf")) == [[1, 2]]


def test_a_contract_after_its_supplementary_agreement_citing_it_is_a_paper_of_its_own() -> None:
    agreement = ("ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № 2", "к Договору № 113 от 23 декабря 2025 г.",
                 "г. Павлодар «29» декабря 2025 г.", "ИП «Алтын Дала», именуемое в дальнейшем «Заказчик»",
                 "заключили настоящее Дополнительное соглашение о нижеследующем:")
    contract = ("Договор № 113 от 23.12.2025", "ДОГОВОР № 113", "НА ОКАЗАНИЕ ОБРАЗОВАТЕЛЬНЫХ УСЛУГ",
                "г. Павлодар 23.12.2025", "ИП «Алтын Дала», именуемое в дальнейшем «Заказчик»",
                "заключили настоящий Договор о нижеследующем:", "1. ПРЕДМЕТ ДОГОВОРА")
    born = [ocr_page(*lines, file="Scan_1608.pdf", page=i, source=PageSource.text_layer)
            for i, lines in enumerate((agreement, contract), 1)]
    assert split(born) == [[1], [2]]
    assert split(pages(agreement, contract, file="Scan_1608.pdf")) == [[1], [2]]
