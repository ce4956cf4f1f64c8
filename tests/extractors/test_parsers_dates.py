"""Dates in Russian/Kazakh OCR text: forms, spans, rejections."""

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.dates import DateMatch, find_dates, month_number, parse_date, spaced_date

JAN7 = date(2025, 1, 7)

RU_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
               "октября", "ноября", "декабря"]
RU_ABBREV = ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."]
KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
             "қараша", "желтоқсан"]
KK_LOCATIVE = ["қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы", "маусымдағы", "шілдедегі",
               "тамыздағы", "қыркүйектегі", "қазандағы", "қарашадағы", "желтоқсандағы"]


@pytest.mark.parametrize(
    "s",
    [
        "07.01.2025", "7.1.2025", "07/01/2025", "07-01-2025", "07.01.25", "2025-01-07",
        "«07» января 2025 г.", '"07" января 2025г', "7 января 2025 года", "07 янв. 2025",
        "2025 жылғы 7 қаңтар", "2025 ж. 07 қаңтардағы", "07 қаңтар 2025 ж.",
        "«07 » января 2025 г", "« 07» января 2025 г.", "07.01.2025г.", "“07” января 2025 года",
        "7-го января 2025 г.", "«07» ЯНВАРЯ 2025 Г.",
        "07. 01. 2025", "07,01,2025", "2025 жылы 7 қаңтарда", "«07» қаңтар 2025 жыл",
        "07 янвapя 2025",  # Latin look-alikes inside the word
        "07 янаваря 2025",  # one extra letter
        "07 кантар 2025",  # Kazakh letters lost by OCR
        "07.01 2025",  # a phone photo lost the point before the year
        "«О7» января 2025 г.", "«Ө7» января 2025 г.",  # the day's zero read as a letter
    ],
)
def test_forms(s: str) -> None:
    text = f"Договор № 15 от {s} подписан"
    start = text.index(s)
    assert find_dates(text) == [DateMatch(JAN7, start, start + len(s))]
    assert parse_date(s) == JAN7


@pytest.mark.parametrize(
    "text",
    [
        "31.02.2025", "30 февраля 2025 г.", "01.01.1989", "01.01.2101", "32.01.2025", "07.13.2025",
        "5 140 356,48", "+7 (727) 250-11-22", "8 701 123 45 67", "БИН 940140000385", "п. 4.2.1",
        "07-01-25",  # a two-digit year only with `.` or `/`
        "12,05,24",  # the OCR comma only with a four-digit year
        "15 тенге 2025", "7 января", "1.2.3.2025",
        "1 207.01 2025", "7.01 2025", "07.01 25",  # an amount's tiyn and a year: no lost point
    ],
)
def test_rejected(text: str) -> None:
    assert find_dates(text) == []


def test_two_digit_years() -> None:
    assert parse_date("07.01.95") == date(1995, 1, 7)
    assert parse_date("07/01/89") == date(2089, 1, 7)


def test_several_dates_and_period() -> None:
    text = "Акт № 3 от «31» декабря 2024 г. за период 01.12.2024-31.12.2024, оплата до 2025 ж. 15 қаңтар"
    assert [(d.value, text[d.start:d.end]) for d in find_dates(text)] == [
        (date(2024, 12, 31), "«31» декабря 2024 г."),
        (date(2024, 12, 1), "01.12.2024"),
        (date(2024, 12, 31), "31.12.2024"),
        (date(2025, 1, 15), "2025 ж. 15 қаңтар"),
    ]


def test_adjacent_dates() -> None:
    text = "07.01.2025/08.01.2025"
    assert [d.value for d in find_dates(text)] == [date(2025, 1, 7), date(2025, 1, 8)]


def test_parse_date_none() -> None:
    assert parse_date("") is None
    assert parse_date("без даты") is None
    assert parse_date("31.02.2025") is None


@pytest.mark.parametrize(("word", "month"), [
    ("января", 1), ("Январь", 1), ("янв.", 1), ("февр", 2), ("марта", 3), ("мая", 5), ("май", 5),
    ("сент.", 9), ("қаңтар", 1), ("сәуірдегі", 4), ("желтоксан", 12), ("шілде", 7), ("декабре", 12),
])
def test_month_number(word: str, month: int) -> None:
    assert month_number(word) == month


@pytest.mark.parametrize("word", ["тенге", "договор", "ма", "от", "года"])
def test_month_number_none(word: str) -> None:
    assert month_number(word) is None


STYLES: list[Callable[[date], str]] = [
    lambda d: f"{d:%d.%m.%Y}",
    lambda d: f"{d.day}.{d.month}.{d.year}",
    lambda d: f"{d:%d/%m/%Y}",
    lambda d: f"{d:%d-%m-%Y}",
    lambda d: f"{d:%Y-%m-%d}",
    lambda d: f"{d:%d.%m.%Y}г.",
    lambda d: f"«{d:%d}» {RU_GENITIVE[d.month - 1]} {d.year} г.",
    lambda d: f'"{d:%d}" {RU_GENITIVE[d.month - 1]} {d.year}г',
    lambda d: f"{d.day} {RU_GENITIVE[d.month - 1]} {d.year} года",
    lambda d: f"{d:%d} {RU_ABBREV[d.month - 1]} {d.year}",
    lambda d: f"{d.year} жылғы {d.day} {KK_MONTHS[d.month - 1]}",
    lambda d: f"{d.year} ж. {d:%d} {KK_LOCATIVE[d.month - 1]}",
    lambda d: f"{d:%d} {KK_MONTHS[d.month - 1]} {d.year} ж.",
    lambda d: f"«{d:%d} » {RU_GENITIVE[d.month - 1]} {d.year} г",
]
TWO_DIGIT_STYLES: list[Callable[[date], str]] = [lambda d: f"{d:%d.%m.%y}", lambda d: f"{d:%d/%m/%y}"]

valid_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@settings(database=None, max_examples=300, deadline=None)
@given(valid_dates, st.sampled_from(STYLES), st.sampled_from(["от ", "Дата: ", "(", "", "№ 12 от\n"]))
def test_roundtrip(d: date, style: Callable[[date], str], prefix: str) -> None:
    s = style(d)
    text = f"{prefix}{s} подпись"
    start = len(prefix)
    assert find_dates(text) == [DateMatch(d, start, start + len(s))]


@settings(database=None, max_examples=100, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2089, 12, 31)), st.sampled_from(TWO_DIGIT_STYLES))
def test_roundtrip_two_digit_year(d: date, style: Callable[[date], str]) -> None:
    s = style(d)
    assert find_dates(f"от {s}") == [DateMatch(d, 3, 3 + len(s))]


# --- dates in words (a contract's preamble) ---------------------------------------------------------

@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("пятнадцатое марта две тысячи двадцать четвертого года", date(2024, 3, 15)),
        ("г. Актобе четырнадцатое августа две тысячи двадцать пятого года", date(2025, 8, 14)),
        ("двадцать третье февраля две тысячи двадцать третьего года", date(2023, 2, 23)),
        ("тридцать первое декабря тысяча девятьсот девяносто девятого года", date(1999, 12, 31)),
        ("Первого января двухтысячного года", date(2000, 1, 1)),
        ("«ТРЕТЬЕ» ИЮНЯ ДВЕ ТЫСЯЧИ ДВАДЦАТЬ ШЕСТОГО ГОДА", date(2026, 6, 3)),
    ],
)
def test_a_date_written_in_words_is_read(s: str, expected: date) -> None:
    assert [d.value for d in find_dates(s)] == [expected]


@pytest.mark.parametrize(
    "s",
    [
        "тридцать второе марта две тысячи двадцать четвертого года",  # no such day
        "тридцатое февраля две тысячи двадцать четвертого года",
        "сто тысяч двадцать пятого года",
        "пятнадцатое число две тысячи двадцать четвертого года",  # no month
    ],
)
def test_words_that_make_no_date_are_not_one(s: str) -> None:
    assert find_dates(s) == []


def test_a_quoted_day_with_the_month_in_digits_is_a_date_and_bare_digit_triples_are_not() -> None:
    assert [d.value for d in find_dates("г. Уральск  «23» 12 2024 г.")] == [date(2024, 12, 23)]
    assert find_dates("позиции 23 12 2024") == []
    assert find_dates("«31» 02 2024 г.") == []


@pytest.mark.parametrize(("text", "want"), [
    ("Invoice No. 17 dated March 3, 2025", date(2025, 3, 3)),
    ("3rd March 2025", date(2025, 3, 3)),
    ("Almaty, 14 Oct 2024", date(2024, 10, 14)),
    ("June 30th, 2025", date(2025, 6, 30)),
    ("Sept. 1 2025", date(2025, 9, 1)),
    ("3-наурыз, 2025 жыл", date(2025, 3, 3)),
])
def test_english_dates_and_a_hyphened_kazakh_day(text: str, want: date) -> None:
    assert [m.value for m in find_dates(text)] == [want]


@pytest.mark.parametrize("text", ["Item 12 2025", "may 2025", "Section 3, 2025", "total 5 2025"])
def test_words_before_numbers_are_no_english_dates(text: str) -> None:
    assert find_dates(text) == []


def test_a_day_8_read_as_the_letter_b_after_ot() -> None:
    assert parse_date("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 2432 от В сентября 2025 года") == date(2025, 9, 8)
    assert find_dates("оплачено в сентября 2025 года") == []  # a lower-case preposition is no day


def test_a_date_parted_by_spaces_only_beside_its_label() -> None:
    assert find_dates("Дата документа 08 09 2025") == []
    found = spaced_date(" 08 09 2025 Статус исполнено")
    assert found is not None and found.value == date(2025, 9, 8) and (found.start, found.end) == (1, 11)
    assert spaced_date(" 8 701 123 45 67") is None and spaced_date(" 31 02 2025") is None
