"""Parties on clean scans of papers laid out unlike the ones the readers were first written for: a bank's
stamp in a payment's margin, a preamble clause whose comma OCR read as a semicolon, the applicant's report
naming each cost's executor in its table."""

from __future__ import annotations

from extractors.parties import find_parties
from extractors.textindex import DocText
from models.pages import Page, Word
from models.vocab import DocType, PageSource, Role
from tests.extractors.ocr_lines import ocr_page

APPLICANT, EXECUTOR, BANK = "080240125845", "100740969614", "940840958250"


def _placed(*lines: tuple[tuple[str, float, float, float, float], ...]) -> Page:
    """A page whose lines (in OCR's reading order) hold words with their own boxes."""
    words = tuple(Word(text=t, bbox=(x0, y0, x1, y1), confidence=0.95, line=i)
                  for i, line in enumerate(lines) for t, x0, y0, x1, y1 in line)
    return Page(file="payment_1349.pdf", page=1, source=PageSource.ocr, words=words)


# An internet bank's printout: labels in a column at the left, values at 0.29; the bank's round stamp in
# the right margin (its name, its BIN, `ИСПОЛНЕНО`) level with the date rows, read after the sender's row.
PRINTOUT = _placed(
    (("Платежное", 0.08, 0.10, 0.16, 0.11), ("поручение", 0.17, 0.10, 0.25, 0.11),
     ("№", 0.26, 0.10, 0.27, 0.11), ("1349", 0.28, 0.10, 0.31, 0.11)),
    (("Дата", 0.08, 0.153, 0.11, 0.160), ("исполнения", 0.12, 0.153, 0.19, 0.160),
     ("02.12.2024", 0.29, 0.153, 0.36, 0.160)),
    (("Отправитель", 0.08, 0.180, 0.16, 0.188), ("денег", 0.16, 0.180, 0.20, 0.188),
     ("TOO", 0.29, 0.180, 0.31, 0.188), ("«Best", 0.32, 0.180, 0.35, 0.188),
     ("Steel»", 0.35, 0.180, 0.39, 0.188)),
    (("АО", 0.77, 0.140, 0.79, 0.147), ("«Банк", 0.80, 0.140, 0.84, 0.147),
     ("ЦентрКредит»", 0.84, 0.140, 0.92, 0.147)),
    (("БИН", 0.77, 0.151, 0.79, 0.157), (BANK, 0.79, 0.151, 0.86, 0.157)),
    (("ИСПОЛНЕНО", 0.77, 0.160, 0.87, 0.169),),
    (("ИИН/БИН", 0.08, 0.194, 0.14, 0.201), (APPLICANT, 0.29, 0.194, 0.38, 0.202)),
    (("Бенефициар", 0.08, 0.264, 0.16, 0.272), ("AO", 0.29, 0.264, 0.30, 0.272),
     ("«Lean", 0.31, 0.264, 0.34, 0.272), ("Academy»", 0.35, 0.264, 0.40, 0.272)),
    (("ИИН/БИН", 0.08, 0.278, 0.14, 0.284), (EXECUTOR, 0.29, 0.278, 0.38, 0.286)),
)


def test_a_banks_stamp_in_a_payments_margin_names_no_party() -> None:
    """The stamp's BIN stands under the bank's name, beside the form's `Отправитель денег` row and not
    under it: the bank's own, not the payer's."""
    parties = {p.bin: p.role for p in find_parties(DocText([PRINTOUT]), APPLICANT, DocType.payment_order)}
    assert parties == {APPLICANT: Role.applicant, EXECUTOR: Role.executor}


def test_a_bank_named_under_a_position_word_of_its_column_is_that_party() -> None:
    """`Заказчик:` over a bank's name and its BIN in the same column: the bank is the customer."""
    page = _placed(
        (("Заказчик:", 0.55, 0.10, 0.62, 0.11),),
        (("АО", 0.55, 0.12, 0.57, 0.13), ("«Народный", 0.58, 0.12, 0.65, 0.13),
         ("Банк»", 0.66, 0.12, 0.70, 0.13)),
        (("БИН", 0.55, 0.14, 0.58, 0.15), (BANK, 0.59, 0.14, 0.68, 0.15)),
    )
    assert [(p.bin, p.role) for p in find_parties(DocText([page]))] == [(BANK, Role.applicant)]


def test_a_preamble_clause_whose_comma_ocr_read_as_a_semicolon_keeps_its_position_word() -> None:
    """`(ИИН …); действующий на основании …, именуемое в дальнейшем «Исполнитель», с другой стороны`: the
    clause runs to `с другой стороны`; the entrepreneur is the executor, not the customer named before."""
    iin = "670309369622"
    page = ocr_page(
        "ДОГОВОР № KZ-2024-7823",
        "Товарищество с ограниченной ответственностью «Best Steel Групп» в лице директора Омарова Д. Н.,",
        "действующего на основании Устава, именуемое в дальнейшем «Заказчик», с одной стороны, и",
        "Индивидуальный предприниматель Нургалиев Тимур Ерланович («Центр производительности Qazaq»)",
        f"(ИИН . {iin}); действующий на основании уведомления о начале деятельности в качестве ИП,",
        "именуемое в дальнейшем «Исполнитель», с другой стороны, заключили настоящий Договор:")
    roles = {p.bin: p.role for p in find_parties(DocText([page]), None, DocType.contract)}
    assert roles == {iin: Role.executor}


def test_a_semicolon_between_two_parties_clauses_still_ends_the_first() -> None:
    customer, supplier = "940140000385", "971240001315"
    page = ocr_page(
        f"ТОО «Альфа» (БИН {customer});",
        f"ТОО «Бета», БИН {supplier}, именуемое в дальнейшем «Поставщик», с другой стороны")
    roles = {p.bin: p.role for p in find_parties(DocText([page]), None, DocType.contract)}
    assert roles[supplier] == Role.executor and roles.get(customer) != Role.executor


def test_the_applicants_report_names_the_executor_its_cost_table_names() -> None:
    """The report is the applicant's report on the services the executor rendered (item 8(2) of the Rules'
    appendices 3–5): the executor its table names for a cost, with its BIN, is the report's executor."""
    page = ocr_page(
        "Приложение 2", "ОТЧЕТ о понесенных затратах",
        f"Заявитель: Товарищество с ограниченной ответственностью «Best Steel Индастри», БИН/ИИН {APPLICANT}",
        "№ Наименование затрат Исполнитель / поставщик Договор Платежные документы Сумма затрат, тенге",
        "1 повышение компетенций работников АО «Lean Academy Kazakhstan»",
        f"БИН {EXECUTOR} № 0330/24 от 01.11.2024 п/п № 1349 от 02.12.2024 3 352 497,12",
        "Итого 3 352 497,12")
    parties = find_parties(DocText([page]), APPLICANT, DocType.applicant_report)
    assert [(p.bin, p.role) for p in parties] == [(APPLICANT, Role.applicant), (EXECUTOR, Role.executor)]


def test_a_banks_header_read_in_latin_look_alikes_names_no_party() -> None:
    """An internet bank's printout headed by the bank's name and BIN, centred in the right margin, OCR
    reading `АО` and `БИН` in Latin look-alikes (`AO «First Heartland Jusan Bank»` over `BUH …`)."""
    page = _placed(
        (("AO", 0.735, 0.142, 0.750, 0.147), ("«First", 0.753, 0.141, 0.779, 0.147),
         ("Heartland", 0.783, 0.141, 0.831, 0.147), ("Jusan", 0.833, 0.142, 0.860, 0.147),
         ("Bank»", 0.863, 0.141, 0.893, 0.147)),
        (("BUH", 0.768, 0.150, 0.787, 0.156), ("940240803483", 0.791, 0.150, 0.862, 0.156)),
        (("Плательщик", 0.083, 0.181, 0.155, 0.187), ("ТОО", 0.285, 0.181, 0.311, 0.188),
         ("«Алтын", 0.316, 0.181, 0.362, 0.188), ("Дала»", 0.367, 0.181, 0.397, 0.190)),
        (("120540476671", 0.287, 0.195, 0.376, 0.202),),
    )
    parties = find_parties(DocText([page]), "120540476671", DocType.payment_order)
    assert [(p.bin, p.role) for p in parties] == [("120540476671", Role.applicant)]


def test_a_banks_name_wrapped_over_two_centred_lines_above_its_bin_names_no_party() -> None:
    """`AO «First Heartland Jusan` / `Bank»` centred over `BUH 941040410872` in a printout's right margin,
    the label column lost: the bank's BIN is no party, and the one other company beside the applicant's BIN
    is the payment's beneficiary."""
    from extractors.roles import resolve_roles
    from models.documents import Document, Fields, PageRef

    applicant, beneficiary = "220140852636", "680412343390"
    page = _placed(
        (("AO", 0.729, 0.147, 0.747, 0.154), ("«First", 0.753, 0.147, 0.789, 0.154),
         ("Heartland", 0.795, 0.147, 0.859, 0.154), ("Jusan", 0.863, 0.148, 0.899, 0.155)),
        (("Bank»", 0.795, 0.158, 0.834, 0.164),),
        (("BUH", 0.756, 0.168, 0.779, 0.174), ("941040410872", 0.784, 0.168, 0.872, 0.174)),
        (("ТОО", 0.336, 0.191, 0.367, 0.199), ("«Ордабасы", 0.374, 0.190, 0.461, 0.201),
         ("Текстиль»", 0.467, 0.191, 0.549, 0.199)),
        ((applicant, 0.337, 0.206, 0.450, 0.214),),
        (("ИП", 0.337, 0.282, 0.357, 0.290), ("«Сервисный", 0.364, 0.282, 0.459, 0.292),
         ("центр»", 0.466, 0.284, 0.512, 0.292)),
        ((beneficiary, 0.337, 0.298, 0.450, 0.306),),
    )
    parties = find_parties(DocText([page]), applicant, DocType.payment_order)
    assert {p.bin for p in parties} == {applicant, beneficiary}
    doc = Document(id="p", type=DocType.payment_order, confidence=0.9,
                   pages=(PageRef(file="ПП.jpg", page=1),), fields=Fields(parties=parties))
    roles = {p.bin: p.role for p in resolve_roles([doc], applicant)[0].fields.parties}
    assert roles == {applicant: Role.applicant, beneficiary: Role.executor}


def test_a_word_of_no_height_above_a_bin_is_still_a_cell_above_it() -> None:
    """A PDF's header word drawn outside the page's box is clipped to its edge with no height; the BIN's
    column check reads past it instead of failing on it."""
    page = _placed(
        (("Приложение", 0.08, 0.0, 0.16, 0.0),),
        (("БИН", 0.08, 0.02, 0.11, 0.03), (APPLICANT, 0.12, 0.02, 0.21, 0.03)),
    )
    found = [(p.bin, p.role) for p in find_parties(DocText([page]), APPLICANT)]
    assert found == [(APPLICANT, Role.applicant)]
