"""Property-based fuzzing (hypothesis) of the value parsers, the type sniffer and the files stage.

Every parser takes any text without raising, and what it reports points back into the text; amounts,
dates and amounts in words survive a round trip through the ways Kazakh documents write them; a valid
BIN stops verifying when a digit changes; the sniffer and the files stage take any bytes (mutated real
files included) and answer with a type or a per-file error. `FUZZ_EXAMPLES=5000 pytest
tests/intake/test_fuzz.py` runs a long session; the suite runs a short one.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date
from decimal import Decimal

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image

from extractors import sniff
from extractors.amount_words import amount_from_words, find_amount_in_words, find_amounts_in_words, reconcile
from extractors.bin import bin_check_digit, find_bins, find_ibans, find_phones, is_valid_bin
from extractors.dates import find_dates, parse_date
from extractors.money import detect_currency, find_amounts, parse_amount
from intake.files import inspect
from intake.limits import Limits
from tests.conftest import make_pdf
from tests.extractors.test_parsers_dates import STYLES as DATE_STYLES
from tests.extractors.test_parsers_money import STYLES as MONEY_STYLES
from tests.extractors.test_parsers_money import kk_words, ru_words

N = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=N, deadline=None, database=None, suppress_health_check=list(HealthCheck))

TOKENS = ["тенге", "тг.", "KZT", "USD", "₸", "$", "руб.", "тиын", "коп.", "тысяч", "миллион", "сто",
          "двадцать",
          "бір", "мың", "жүз", "БИН", "ИИН", "№", "от", "г.", "года", "жылғы", "января", "мая", "қаңтар",
          "«", "»", "(", ")", ",", ".", "-", "/", ":", " ", "\u00a0", "\u202f", "\n", "KZ", "НДС", "12%",
          "Итого", "Сумма", "прописью", "ноль", "0", "00", "1 000", "2025", "31.12.2024", "940140000385"]
document_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.integers(0, 10**13).map(str),
                                   st.text(max_size=6)), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), document_text)


@FUZZ
@given(any_text)
def test_money_parsers_take_any_text(text: str) -> None:
    parse_amount(text)
    detect_currency(text)
    for m in find_amounts(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.amount >= 0 and m.amount == m.amount.quantize(Decimal("0.01"))
        assert m.currency is None or (len(m.currency) == 3 and m.currency.isupper())


@FUZZ
@given(any_text)
def test_amount_word_parsers_take_any_text(text: str) -> None:
    value = amount_from_words(text)
    assert value is None or value >= 0
    for amount, start, end in find_amounts_in_words(text):
        assert 0 <= start < end <= len(text) and amount >= 0
    find_amount_in_words(text)


@FUZZ
@given(any_text)
def test_date_parsers_take_any_text(text: str) -> None:
    parse_date(text)
    last_end = 0
    for m in find_dates(text):
        assert 0 <= m.start < m.end <= len(text) and m.start >= last_end
        assert date(1900, 1, 1) <= m.value <= date(2100, 12, 31)
        last_end = m.end


@FUZZ
@given(any_text)
def test_bin_parsers_take_any_text(text: str) -> None:
    for m in find_bins(text):
        assert 0 <= m.start < m.end <= len(text)
        assert len(m.value) == 12 and m.value.isdigit()
        assert m.valid == is_valid_bin(m.value)
    find_ibans(text)
    find_phones(text)
    is_valid_bin(text)


@FUZZ
@given(st.integers(0, 10**12 - 1), st.integers(0, 99), st.sampled_from(range(len(MONEY_STYLES))),
       st.sampled_from(["ru", "kk"]), st.sampled_from(["тенге", "теңге"]))
def test_amount_in_digits_and_words_agree(whole: int, cents: int, style: int, lang: str, cur: str) -> None:
    """`1 234,56 (одна тысяча двести тридцать четыре) тенге 56 тиын` as contracts write it."""
    shown = MONEY_STYLES[style](whole, cents)
    words = ru_words(whole) if lang == "ru" else kk_words(whole)
    text = f"Общая стоимость: {shown} ({words}) {cur} {cents:02d} тиын."
    expected = Decimal(whole) + Decimal(cents) / 100
    found = [m.amount for m in find_amounts(text)]
    assert expected in found, (text, found)
    in_words = find_amount_in_words(text)
    assert in_words is not None and int(in_words[0]) == whole, (text, in_words)
    assert reconcile(expected, in_words[0]) == expected


@FUZZ
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(DATE_STYLES), document_text)
def test_dates_are_found_amid_noise(d: date, style, noise: str) -> None:  # type: ignore[no-untyped-def]
    shown = style(d)
    text = f"{noise} от {shown} подпись {noise}"
    assert d in [m.value for m in find_dates(text)], text


digits11 = st.text(alphabet="0123456789", min_size=11, max_size=11)


def _first_pass(first11: str) -> int:
    return sum(int(d) * w for d, w in zip(first11, range(1, 12), strict=True)) % 11


@FUZZ
@given(digits11, st.integers(0, 11), st.integers(1, 9))
def test_a_changed_digit_breaks_a_valid_bin(first11: str, position: int, delta: int) -> None:
    """A changed digit is caught whenever both numbers are checked with the first weights (1..11). Not
    caught, by the official algorithm itself: a change of the 11th digit (weight 11 ≡ 0 mod 11), and
    some changes where one of the two numbers falls back to the second weights (fuzzing found
    746768426105 → 746768026105)."""
    check = bin_check_digit(first11)
    assume(check is not None)
    valid = first11 + str(check)
    assert is_valid_bin(valid) and [m.value for m in find_bins(f"БИН {valid}")] == [valid]
    changed = valid[:position] + str((int(valid[position]) + delta) % 10) + valid[position + 1:]
    same_weights = _first_pass(valid[:11]) != 10 and _first_pass(changed[:11]) != 10
    if position != 10 and same_weights:
        assert not is_valid_bin(changed), (valid, changed)


def test_the_check_digits_blind_spots_are_the_algorithms() -> None:
    assert is_valid_bin("746768426105") and is_valid_bin("746768026105")
    assert _first_pass("74676802610") == 10  # the changed one falls back to the second weights


# --- bytes -------------------------------------------------------------------------------------------


MAGIC = {b"%PDF-1.7\n": sniff.PDF, b"\xff\xd8\xff\xe0": sniff.JPEG, b"\x89PNG\r\n\x1a\n": sniff.PNG,
         b"II*\x00": sniff.TIFF, b"MM\x00*": sniff.TIFF, b"PK\x03\x04": sniff.ZIP}


@FUZZ
@given(st.binary(max_size=4096))
def test_sniff_takes_any_bytes_and_looks_only_at_the_head(data: bytes) -> None:
    media = sniff.sniff(data)
    assert media is None or "/" in media
    assert media == sniff.sniff(data[:1024])  # the upload route sniffs the first KiB only


@FUZZ
@given(st.sampled_from(sorted(MAGIC)), st.binary(max_size=512))
def test_sniff_knows_each_signature(magic: bytes, rest: bytes) -> None:
    assert sniff.sniff(magic + rest) == MAGIC[magic]


def _png() -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (40, 60), np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def _samples() -> list[bytes]:
    pdf = make_pdf(["ДОГОВОР № 1", "БИН 940140000385"], pages=2)
    jpeg, tiff, zbuf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    Image.new("L", (50, 30), 200).save(jpeg, "JPEG")
    Image.new("1", (50, 30), 1).save(tiff, "TIFF", save_all=True, append_images=[Image.new("1", (40, 20))])
    with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.pdf", pdf)
        zf.writestr("b/c.png", _png())
    return [pdf, _png(), jpeg.getvalue(), tiff.getvalue(), zbuf.getvalue()]


SAMPLES = _samples()
flips = st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), min_size=1, max_size=12)


@settings(max_examples=max(20, N // 3), deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(range(len(SAMPLES))), flips, st.one_of(st.none(), st.integers(1, 10**6)))
def test_files_stage_takes_mutated_files(which: int, changes: list[tuple[int, int]], cut: int | None) -> None:
    """Real files with random bytes changed and cut short: a readable file or a per-file error with a
    Russian message; never an exception (parsers run contained, so a crash is a per-file error too)."""
    data = bytearray(SAMPLES[which])
    for pos, value in changes:
        data[pos % len(data)] = value
    blob = bytes(data[:cut]) if cut else bytes(data)
    out = list(inspect("mutant", blob, Limits(max_archive_unpacked_bytes=20 * 1024 * 1024)))
    assert out
    for f in out:
        if f.meta.error is not None:
            assert f.data == b"" and f.meta.error.message and not f.meta.error.message.isascii()
        else:
            assert f.meta.pages and f.meta.pages >= 1 and f.data


def test_an_absurd_amount_is_not_money() -> None:
    """Found by fuzzing: a 40-digit "amount" was taken as money and overflowed the report's two-decimal
    rounding (decimal.InvalidOperation), failing the whole package."""
    text = "Общая стоимость Договора составляет " + "1" * 40 + ",00 тенге."
    assert find_amounts(text) == [] and parse_amount("1" * 16) is None
    assert parse_amount("999 999 999 999 999,99") == Decimal("999999999999999.99")
