"""BIN/IIN check digit, IBAN/phone look-alikes and BIN spans in OCR text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.bin import BinMatch, bin_check_digit, find_bins, find_ibans, find_phones, is_valid_bin

PUBLIC_VALID = ["940140000385", "971240001315", "060440009474", "090840000906"]
ESF_TEST_TINS = ["123456789021", "123456789011"]


def values(text: str) -> list[tuple[str, bool]]:
    return [(b.value, b.valid) for b in find_bins(text)]


@pytest.mark.parametrize("bin_", PUBLIC_VALID)
def test_public_bins_are_valid(bin_: str) -> None:
    assert is_valid_bin(bin_)
    assert bin_check_digit(bin_[:11]) == int(bin_[11])


@pytest.mark.parametrize("tin", ESF_TEST_TINS)
def test_esf_test_tins_fail(tin: str) -> None:
    assert not is_valid_bin(tin)


@pytest.mark.parametrize("s", ["", "94014000038", "9401400003850", "94014000038x", "９４０１４０００３８５"])
def test_malformed_is_invalid(s: str) -> None:
    assert not is_valid_bin(s)


def test_is_valid_ignores_spaces() -> None:
    assert is_valid_bin("9401 4000 0385")


def test_check_digit_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        bin_check_digit("1234")


def test_second_weights_and_no_check_digit() -> None:
    # 00000000001: first pass gives 11 % 11 = 0 -> no second pass.
    assert bin_check_digit("00000000001") == 0
    # Search for a prefix whose first pass is 10 and whose second pass is 10 too.
    none_prefix = next(
        f"{n:011d}" for n in range(10**6) if bin_check_digit(f"{n:011d}") is None
    )
    assert bin_check_digit(none_prefix) is None
    assert not any(is_valid_bin(none_prefix + str(d)) for d in range(10))


@settings(database=None, max_examples=300)
@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_check_digit_property(first11: str) -> None:
    c = bin_check_digit(first11)
    if c is None:
        assert not any(is_valid_bin(first11 + str(d)) for d in range(10))
        return
    assert is_valid_bin(first11 + str(c))
    for d in range(10):
        if d != c:
            assert not is_valid_bin(first11 + str(d))


@settings(database=None, max_examples=60)
@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.sampled_from(range(4)))
def test_labelled_split_bins_are_found(first11: str, style: int) -> None:
    c = bin_check_digit(first11)
    full = first11 + str(c if c is not None else 0)
    shown = [
        full, f"{full[:4]} {full[4:8]} {full[8:]}", f"{full[:6]} {full[6:]}", f"{full[:6]}  {full[6:]}"
    ][style]
    text = f"Поставщик ТОО «Ромашка», ИИН/БИН: {shown}, КБе 17"
    start = text.index(shown)
    assert find_bins(text) == [BinMatch(full, start, start + len(shown), c is not None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("БИН 940140000385", [("940140000385", True)]),
        ("БИН: 9803 4020 1152", [("980340201152", True)]),
        ("ИИН 980340 201152", [("980340201152", True)]),
        ("БСН 060440009474, ЖСН 090840000906", [("060440009474", True), ("090840000906", True)]),
        ("РНН 123456789021", [("123456789021", False)]),
        ("ИИН/БИН отправителя денег\n971240001315", [("971240001315", True)]),
        ("БИН940140000385", [("940140000385", True)]),
        ("БИH 940140000385", [("940140000385", True)]),  # Latin H
        ("БИН 9401400OO385", [("940140000385", True)]),  # O read for 0
        ("Покупатель 123456789011 ТОО", [("123456789011", False)]),  # standalone: reported invalid
        ("(940140000385)", [("940140000385", True)]),
        # a pair label whose slash OCR lost, after a line ending in another label (`Кбе`)
        ("Бенефициар: ТОО «Б» ИИК Кбе\nCenter-KZ»\nИИНБИН: 190440327384 KZ677222S23W6T82PZ93 17",
         [("190440327384", False)]),
        ("БИН|ИИН 940140000385", [("940140000385", True)]),
    ],
)
def test_find_bins_examples(text: str, expected: list[tuple[str, bool]]) -> None:
    assert values(text) == expected


def test_spans_point_into_text() -> None:
    text = "Заказчик: АО «Б», БИН 9712 4000 1315; Исполнитель: ИИН 060440009474"
    found = find_bins(text)
    assert [text[b.start:b.end] for b in found] == ["9712 4000 1315", "060440009474"]


@pytest.mark.parametrize(
    "text",
    [
        "ИИК KZ75125KZT1001300335",
        "ИИК KZ75 125K ZT10 0130 0335",
        "ИИН/БИН KZ75125KZT1001300335",
        "БИК KCJBKZKX",
        "тел. +7 (727) 250-11-22",
        "тел. 8 701 123 45 67",
        "87011234567",
        "от 07.01.2025",
        "Сумма 5 140 356,48 тенге",
        "940140000385,00 тенге",
        "940140000385 тенге",
        "КБе 17 КНП 859 КОд 19",
        "9401400003851",  # 13 digits
        "19401400003851",
        "abc940140000385",
        "940140000385abc",
        "Счет-фактура № 940140000385",
        "ИИК 940140000385",
        "ИИН 1234 5678 9012 3456",  # a 16-digit card number
        "БИН 9401 4000 038",  # 11 digits
        "12.940140000385",
        "+940140000385",
    ],
)
def test_distractors_are_not_bins(text: str) -> None:
    assert find_bins(text) == []


def test_payment_order_block() -> None:
    text = (
        "Бенефициар: ТОО «Асфальт»  ИИН/БИН 940140000385  ИИК KZ75125KZT1001300335  Кбе 17\n"
        "Банк бенефициара: АО «Банк»  БИК KCJBKZKX  КНП 859  тел. +7 (727) 250-11-22\n"
        "Сумма 5 140 356,48 тенге, дата 07.01.2025"
    )
    assert values(text) == [("940140000385", True)]


def test_find_ibans() -> None:
    text = (
        "ИИК KZ75125KZT1001300335; KZ75 125K ZT10 0130 0335; КZ75125КZТ1001300335; "
        "DE89 3704 0044 0532 0130 00"
    )
    found = find_ibans(text)
    assert [v for v, _, _ in found] == ["KZ75125KZT1001300335"] * 3 + ["DE89370400440532013000"]
    assert [text[s:e] for _, s, e in found][1] == "KZ75 125K ZT10 0130 0335"


def test_find_ibans_keeps_misread_kz_unless_valid_only() -> None:
    text = "ИИК KZ75125KZT1001300336"
    assert [v for v, _, _ in find_ibans(text)] == ["KZ75125KZT1001300336"]
    assert find_ibans(text, valid_only=True) == []


def test_find_phones() -> None:
    text = "тел.: +7 (727) 250-11-22, 8 701 123 45 67, 8(7172)12-34-56; сумма 87011234567.00 тенге"
    spans = [text[s:e] for s, e in find_phones(text)]
    assert "+7 (727) 250-11-22" in spans
    assert "8 701 123 45 67" in spans
    assert "8(7172)12-34-56" in spans
    assert not any("87011234567" in s for s in spans)
