"""Amounts with digits, currencies, amounts in words and their reconciliation."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.amount_words import amount_from_words, find_amount_in_words, find_amounts_in_words, reconcile
from extractors.money import MoneyMatch, currency_marks, detect_currency, find_amounts, parse_amount

D = Decimal


# ---------------------------------------------------------------- parse_amount


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("5 140 356,48", "5140356.48"),
        ("5 140 356.48", "5140356.48"),
        ("5.140.356-48", "5140356.48"),
        ("5,140,356.48", "5140356.48"),
        ("5.140.356,48", "5140356.48"),
        ("5140356.48", "5140356.48"),
        ("5140356", "5140356"),
        ("5 140 356=48", "5140356.48"),
        ("5\u00a0140\u00a0356,48", "5140356.48"),
        ("5\u2009140\u2009356,48", "5140356.48"),
        ("5\u202f140\u202f356,48", "5140356.48"),
        ("5'140'356.48", "5140356.48"),
        ("5 140 356 , 48", "5140356.48"),
        ("1,5", "1.5"),
        ("1.234", "1234"),
        ("1,234", "1234"),
        ("12.500", "12500"),
        ("1.234.567", "1234567"),
        ("0,125", "0.125"),
        ("1234,567", "1234.567"),
        ("-5 000,00", "-5000.00"),
        ("5 000 тг.", "5000"),
        ("₸ 5 000", "5000"),
        ("0,48", "0.48"),
    ],
)
def test_parse_amount(s: str, expected: str) -> None:
    result = parse_amount(s)
    assert isinstance(result, Decimal)
    assert result == D(expected)


@pytest.mark.parametrize(
    "s", ["", "abc", "100-200", "5140 356", "5 14 356", "5.140,356", ".48", "05 140", "1 2 3"]
)
def test_parse_amount_rejects(s: str) -> None:
    assert parse_amount(s) is None


def _group(n: int, sep: str) -> str:
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.append(s[-3:])
        s = s[:-3]
    parts.append(s)
    return sep.join(reversed(parts))


STYLES: list[Callable[[int, int], str]] = [
    lambda i, c: f"{_group(i, ' ')},{c:02d}",
    lambda i, c: f"{_group(i, chr(0xA0))},{c:02d}",
    lambda i, c: f"{_group(i, chr(0x2009))},{c:02d}",
    lambda i, c: f"{_group(i, chr(0x202F))}.{c:02d}",
    lambda i, c: f"{_group(i, ' ')}.{c:02d}",
    lambda i, c: f"{_group(i, '.')}-{c:02d}",
    lambda i, c: f"{_group(i, ',')}.{c:02d}",
    lambda i, c: f"{_group(i, '.')},{c:02d}",
    lambda i, c: f"{i}.{c:02d}",
    lambda i, c: f"{i},{c:02d}",
    lambda i, c: f"{_group(i, ' ')}={c:02d}",
]

amounts = st.integers(min_value=0, max_value=10**14).map(lambda n: D(n).scaleb(-2))


@settings(database=None, max_examples=150, deadline=None)
@given(amounts, st.sampled_from(range(len(STYLES))))
def test_parse_amount_roundtrip(amount: Decimal, style: int) -> None:
    whole, cents = int(amount), int(amount * 100) % 100
    assert parse_amount(STYLES[style](whole, cents)) == amount


@settings(database=None, max_examples=50, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_parse_amount_roundtrip_integers(n: int) -> None:
    assert parse_amount(str(n)) == n
    assert parse_amount(_group(n, " ")) == n


@settings(database=None, max_examples=150, deadline=None)
@given(amounts, st.sampled_from(range(len(STYLES))), st.sampled_from(["тенге", "тг.", "KZT", "₸"]))
def test_find_amounts_roundtrip(amount: Decimal, style: int, currency: str) -> None:
    whole, cents = int(amount), int(amount * 100) % 100
    shown = STYLES[style](whole, cents)
    text = f"Итого к оплате: {shown} {currency}, в т.ч. НДС 12%"
    start = text.index(shown)
    assert find_amounts(text) == [MoneyMatch(amount, "KZT", start, start + len(shown))]


# ---------------------------------------------------------------- currency


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("5 000 тенге", "KZT"), ("5 000 тг", "KZT"), ("5 000 тг.", "KZT"), ("₸5 000", "KZT"), ("KZT", "KZT"),
        ("бес мың теңге", "KZT"), ("100 руб.", "RUB"), ("100 рублей", "RUB"), ("RUB", "RUB"), ("100₽", "RUB"),
        ("USD 100", "USD"), ("100 долл. США", "USD"), ("$100", "USD"), ("EUR", "EUR"), ("100 евро", "EUR"),
        ("100€", "EUR"), ("7 488,76 еуро, оның ішінде ҚҚС", "EUR"), ("202 239.77 ресей рублі", "RUB"),
        ("CNY", "CNY"), ("100 юаней", "CNY"),
        ("ИИК KZ75125KZT1001300335, 100 руб.", "RUB"),
    ],
)
def test_detect_currency(text: str, code: str) -> None:
    assert detect_currency(text) == code


@pytest.mark.parametrize("text", ["", "Договор поставки", "тгк", "Тенгиз"])
def test_detect_currency_none(text: str) -> None:
    assert detect_currency(text) is None


@pytest.mark.parametrize(
    ("text", "amount", "code"),
    [
        ("Шарттың жалпы сомасы 1 250 000,00 ресей рублі", "1250000.00", "RUB"),
        ("Барлығы: 45 000,00 АҚШ доллары", "45000.00", "USD"),
        ("жалпы құны 12 000 еуро", "12000", "EUR"),
        ("80 000 қытай юані", "80000", "CNY"),
        ("Цена 1 250 000,00 российских рублей", "1250000.00", "RUB"),
    ],
)
def test_currency_named_with_its_country_russian_and_kazakh(text: str, amount: str, code: str) -> None:
    """Kazakh currency names (`рублі`, `доллары`, `еуро`, `юані`) and a country word before the name."""
    [match] = find_amounts(text)
    assert (match.amount, match.currency) == (Decimal(amount), code)
    assert detect_currency(text) == code


def test_country_word_alone_is_no_currency() -> None:
    assert all(m.currency is None for m in find_amounts("100 российских компаний, 200 АҚШ штаттары"))


# ---------------------------------------------------------------- find_amounts


def found(text: str) -> list[tuple[str, str | None, str]]:
    return [(str(m.amount), m.currency, text[m.start:m.end]) for m in find_amounts(text)]


def test_amount_with_words_in_parenthesis_takes_currency_after_it() -> None:
    text = ("Сумма договора 5 140 356,48 (пять миллионов сто сорок тысяч триста пятьдесят шесть) "
            "тенге 48 тиын.")
    assert found(text) == [("5140356.48", "KZT", "5 140 356,48")]


def test_currency_inside_parenthesis() -> None:
    text = "на сумму 5 140 356 (пять миллионов сто сорок тысяч триста пятьдесят шесть тенге 48 тиын), далее"
    assert found(text) == [("5140356.48", "KZT", "5 140 356")]


def test_tiyn_after_currency_joins_the_amount() -> None:
    text = "Итого 5 140 356 тенге 48 тиын, НДС 550 752,48 тг."
    assert found(text) == [("5140356.48", "KZT", "5 140 356 тенге 48"), ("550752.48", "KZT", "550 752,48")]


def test_words_in_parenthesis_then_kopecks() -> None:
    text = "сумма 100 000 (сто тысяч) рублей 00 копеек"
    assert found(text) == [("100000.00", "RUB", "100 000")]


def test_tiyn_of_amount_in_words_is_not_an_amount() -> None:
    text = ("Всего: 12 345 678,90\nСумма прописью: Двенадцать миллионов триста сорок пять тысяч "
            "шестьсот семьдесят восемь тенге 90 тиын")
    assert found(text) == [("12345678.90", None, "12 345 678,90")]


def test_currencies_before_and_after() -> None:
    text = "KZT 5 000 000; $1,250.00; 300 евро; 10 000 руб. 00 коп.; 5,1 млн тенге"
    assert [(m.amount, m.currency) for m in find_amounts(text)] == [
        (D(5000000), "KZT"), (D("1250.00"), "USD"), (D(300), "EUR"), (D("10000.00"), "RUB"),
        (D(5100000), "KZT"),
    ]


def test_amounts_without_currency() -> None:
    assert found("всего 15 шт по 1 250,00 на 18 750,00") == [
        ("1250.00", None, "1 250,00"), ("18750.00", None, "18 750,00"),
    ]
    assert found("Сумма: 1200") == [("1200", None, "1200")]


@pytest.mark.parametrize(
    "text",
    [
        "неустойка 0,1% за каждый день просрочки",
        "ставка 12 % годовых",
        "НДС 12%",
        "согласно ст. 15 и п. 4.2 договора",
        "в соответствии с пунктом 12.10 Правил",
        "050000, г. Алматы, ул. Абая 15",
        "Республика Казахстан, 010000, Астана",
        "договор от 07.01.2025 на 2025 год",
        "в 2025 г.",
        "БИН 940140000385",
        "ИИК KZ75125KZT1001300335",
        "тел. +7 (727) 250-11-22, 8 701 123 45 67",
        "КБе 17 КНП 859",
        "Счет-фактура № 1250",
        "15-бап, 4-тармақ",
        "срок 30 дней",
        "версия 2",
        "приложение 3",
    ],
)
def test_distractors_are_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


def test_payment_order_block() -> None:
    text = (
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 125 от 07.01.2025\n"
        "Отправитель: ТОО «А», ИИН/БИН 940140000385, ИИК KZ75125KZT1001300335, КОд 17\n"
        "Бенефициар: ТОО «Б», ИИН/БИН 971240001315, Кбе 17, БИК KCJBKZKX, КНП 859\n"
        "Сумма 5 140 356,48 тенге. Назначение: оплата по договору № 15 от 02.12.2024, п. 4.2, НДС 12%"
    )
    assert found(text) == [("5140356.48", "KZT", "5 140 356,48")]


# ---------------------------------------------------------------- amounts in words


_RU_UNITS_M = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
_RU_UNITS_F = ["", "одна", "две", *_RU_UNITS_M[3:]]
_RU_TEENS = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
             "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"]
_RU_TENS = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят",
            "девяносто"]
_RU_HUNDREDS = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот",
                "девятьсот"]
_RU_SCALES = [  # (value, feminine, forms for 1 / 2–4 / 5+)
    (10**12, False, ("триллион", "триллиона", "триллионов")),
    (10**9, False, ("миллиард", "миллиарда", "миллиардов")),
    (10**6, False, ("миллион", "миллиона", "миллионов")),
    (10**3, True, ("тысяча", "тысячи", "тысяч")),
]


def _ru_below_1000(n: int, feminine: bool) -> list[str]:
    h, rest = divmod(n, 100)
    words = [_RU_HUNDREDS[h]] if h else []
    if 10 <= rest < 20:
        return [*words, _RU_TEENS[rest - 10]]
    t, u = divmod(rest, 10)
    if t:
        words.append(_RU_TENS[t])
    if u:
        words.append((_RU_UNITS_F if feminine else _RU_UNITS_M)[u])
    return words


def _plural(n: int, forms: tuple[str, str, str]) -> str:
    if n % 100 in range(11, 20):
        return forms[2]
    return forms[0] if n % 10 == 1 else forms[1] if n % 10 in (2, 3, 4) else forms[2]


def ru_words(n: int) -> str:
    """A small Russian number-to-words formatter for the round-trip test."""
    if n == 0:
        return "ноль"
    words: list[str] = []
    for value, feminine, forms in _RU_SCALES:
        k, n = divmod(n, value)
        if k:
            words += [*_ru_below_1000(k, feminine), _plural(k, forms)]
    return " ".join(words + _ru_below_1000(n, False))


_KK_UNITS = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"]
_KK_TENS = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"]


def kk_words(n: int) -> str:
    """Kazakh: `екі жүз он бес мың` = 215 000."""
    def below_1000(m: int) -> list[str]:
        h, rest = divmod(m, 100)
        words = ([] if h == 0 else ["жүз"] if h == 1 else [_KK_UNITS[h], "жүз"])
        t, u = divmod(rest, 10)
        return words + ([_KK_TENS[t]] if t else []) + ([_KK_UNITS[u]] if u else [])

    if n == 0:
        return "нөл"
    words: list[str] = []
    for value, name in ((10**9, "миллиард"), (10**6, "миллион"), (10**3, "мың")):
        k, n = divmod(n, value)
        if k:
            words += [*below_1000(k), name]
    return " ".join(words + below_1000(n))


def test_formatter_sanity() -> None:
    assert ru_words(5140356) == "пять миллионов сто сорок тысяч триста пятьдесят шесть"
    assert ru_words(2001) == "две тысячи один"
    assert kk_words(5140356) == "бес миллион жүз қырық мың үш жүз елу алты"


@settings(database=None, max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99), st.booleans())
def test_ru_words_roundtrip(n: int, kop: int, capital: bool) -> None:
    words = ru_words(n)
    if capital:
        words = words[0].upper() + words[1:]
    assert amount_from_words(words) == n
    assert amount_from_words(f"{words} тенге {kop:02d} тиын") == D(f"{n}.{kop:02d}")
    assert amount_from_words(f"({words}) рублей {kop:02d} копеек") == D(f"{n}.{kop:02d}")


@settings(database=None, max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1), st.integers(min_value=0, max_value=99))
def test_kk_words_roundtrip(n: int, tiyn: int) -> None:
    words = kk_words(n)
    assert amount_from_words(words) == n
    assert amount_from_words(f"{words} теңге {tiyn:02d} тиын") == D(f"{n}.{tiyn:02d}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Пять миллионов сто сорок тысяч триста пятьдесят шесть тенге 48 тиын", "5140356.48"),
        ("Пять миллионов сто сорок тысяч триста пятьдесят шесть тенге сорок восемь тиын", "5140356.48"),
        ("сто рублей 00 копеек", "100.00"),
        ("одна тысяча двести", "1200"),
        ("двадцать два", "22"),
        ("пяти миллионов", "5000000"),
        ("ДВЕ ТЫСЯЧИ ТЕНГЕ", "2000"),
        ("тысяча", "1000"),
        # OCR typos: a missing letter, a wrong vowel, a Latin look-alike, a glued soft sign.
        ("Пять милионов сто сорак тысяч тристa пятьдесят шесть тенге 48 тиын", "5140356.48"),
        ("шесть тысячь", "6000"),
        ("бес миллион жүз қырық мың үш жүз елу алты теңге қырық сегіз тиын", "5140356.48"),
        ("Бес миллион жуз кырык мын уш жуз елу алты тенге", "5140356"),  # Kazakh letters lost by OCR
        ("екі жүз он бес мың", "215000"),
    ],
)
def test_amount_from_words(text: str, expected: str) -> None:
    assert amount_from_words(text) == D(expected)


def test_amount_from_words_none() -> None:
    assert amount_from_words("Договор поставки") is None
    assert amount_from_words("") is None


def test_find_amount_in_words_span() -> None:
    text = ("Сумма договора 5 140 356,48 (пять миллионов сто сорок тысяч триста пятьдесят шесть) "
            "тенге 48 тиын.")
    value, start, end = find_amount_in_words(text) or (None, 0, 0)
    assert value == D("5140356.48")
    assert text[start:end] == "пять миллионов сто сорок тысяч триста пятьдесят шесть) тенге 48 тиын"


def test_find_amount_in_words_ignores_stray_number_words() -> None:
    text = "Договор составлен в двух экземплярах, одна из сторон, есть время, срок сорок дней"
    assert find_amount_in_words(text) is None
    text += "; сумма двадцать тысяч тенге"
    assert find_amounts_in_words(text) == [(D(20000), text.index("двадцать"), len(text))]


def test_mixed_languages_break_phrases() -> None:
    # Kazakh `он` (10) must not combine with Russian words; a lone `он` is not an amount.
    assert find_amount_in_words("он сказал") is None
    assert find_amount_in_words("он пять") is None


# ---------------------------------------------------------------- reconcile


@pytest.mark.parametrize(
    ("digits", "words", "expected"),
    [
        (D("5140356.48"), D("5140356.48"), D("5140356.48")),
        (D("5140856.48"), D("5140356.48"), D("5140356.48")),  # one digit misread
        (D("5146856.48"), D("5140356.48"), D("5140356.48")),  # two digits misread
        (D("514356.48"), D("5140356.48"), D("5140356.48")),  # one digit dropped
        (D("5140856.48"), D("5140356"), D("5140356.48")),  # words without tiyn
        (D("5140356.48"), D("5140356"), D("5140356.48")),
        (D("5140356"), D("5140356.48"), D("5140356.48")),  # digits lost the tiyn
        (D("999"), D("5140356"), D("999")),  # unrelated: keep the digits
        (D("5140356.48"), D("140356"), D("5140356.48")),  # `миллионов` unread in the words
        (None, D("5"), D("5")),
        (D("5"), None, D("5")),
        (None, None, None),
    ],
)
def test_reconcile(digits: Decimal | None, words: Decimal | None, expected: Decimal | None) -> None:
    result = reconcile(digits, words)
    assert result == expected
    if expected is not None:
        assert str(result) == str(expected)


def test_words_restore_leading_digit_groups_ocr_glued_away() -> None:
    from extractors.amount_words import reconcile

    assert reconcile(Decimal("682.09"), Decimal("3861682.09")) == Decimal("3861682.09")
    assert reconcile(Decimal("185.00"), Decimal("1858185.00")) == Decimal("1858185.00")
    assert reconcile(Decimal("682.10"), Decimal("3861682.09")) == Decimal("682.10")  # not a suffix
    assert reconcile(Decimal("2.09"), Decimal("3861682.09")) == Decimal("2.09")  # too short to tell


def test_a_colon_ocr_read_for_the_decimal_comma_of_a_grouped_amount_keeps_the_tiyn() -> None:
    assert found("Сумма: 21 614 452:56 К2Т") == [("21614452.56", None, "21 614 452:56")]
    assert parse_amount("21 614 452:56") == D("21614452.56")
    assert found("Время 10:45, сумма 1 500") == [("1500", None, "1 500")]
    assert parse_amount("10:45") is None


def test_a_stray_dollar_glyph_opening_the_line_after_an_amount_marks_nothing() -> None:
    """A phone photo of an act: the row's amount ends its line, and OCR read a smudge at the start of the
    next as `$<`; the act is in tenge."""
    text = "сессия 7 282 784,53 1979 491,73\n$<\n2 Картирование потока усл. 1 1679 364,06"
    assert currency_marks(text) == {} and detect_currency(text) is None
    assert currency_marks("12 500,00 $ за единицу") == {"USD": 1}


def test_points_and_commas_ocr_mixed_in_a_grouped_amount_with_tiyn() -> None:
    """`Сумма. 8,154.850.98 KZ1` on a bad scan of a bank printout: thousands groups and a 2-digit fraction."""
    assert parse_amount("8,154.850.98") == D("8154850.98")
    assert found("Сумма. 8,154.850.98 KZ1") == [("8154850.98", None, "8,154.850.98")]
    assert parse_amount("5.140,356") is None and parse_amount("8,154.850.987") is None


def test_a_dollar_speck_before_a_forms_column_numbers_or_a_percentage_marks_no_amount() -> None:
    from extractors.money import currency_marks
    assert currency_marks("Т. 2 27 ЕЗ 4 с 5 5$ 6 7 26\nм 4. 2;\n$ 4% ”") == {}
    assert currency_marks("Итого $1 200 и $ 12") == {"USD": 2}
