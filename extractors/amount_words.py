"""Amounts written in words (сумма прописью), Russian and Kazakh, tolerant of small OCR typos.

`amount_from_words("Пять миллионов сто сорок тысяч триста пятьдесят шесть тенге 48 тиын")`
→ `Decimal("5140356.48")`. The result has exponent -2 when tiyn/kopecks are stated and 0 when not,
so `reconcile` can tell "no tiyn written" from "00 tiyn".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

__all__ = ["amount_from_words", "find_amount_in_words", "find_amounts_in_words", "reconcile"]

# kind: unit (1–9), teen (10–19), ten (20–90, Kazakh 10), hundred (Russian 100–900), kk_hundred (жүз),
# scale (10^3…10^12), zero, major (currency), minor (tiyn/kopecks).
_NUMBER_KINDS = frozenset({"unit", "teen", "ten", "hundred", "kk_hundred", "scale", "zero"})


@dataclass(frozen=True)
class _Entry:
    kind: str
    value: int
    lang: str  # "ru", "kk" or "" (both)
    currency: str = ""
    fuzzy: bool = False


def _build_vocabulary() -> dict[str, _Entry]:
    vocab: dict[str, _Entry] = {}

    def add(kind: str, value: int, lang: str, *words: str, currency: str = "") -> None:
        for w in words:
            vocab[w] = _Entry(kind, value, lang, currency)
            if lang == "kk":
                vocab.setdefault(w.translate(_KK_PLAIN), _Entry(kind, value, lang, currency))

    add("zero", 0, "ru", "ноль", "нуль", "ноля", "нуля")
    ru_units = {
        1: ("один", "одна", "одно", "одного", "одной", "одну"), 2: ("два", "две", "двух"), 3: ("три", "трех"),
        4: ("четыре", "четырех"), 5: ("пять", "пяти"), 6: ("шесть", "шести"), 7: ("семь", "семи"),
        8: ("восемь", "восьми"), 9: ("девять", "девяти"),
    }
    for v, words in ru_units.items():
        add("unit", v, "ru", *words)
    teens = ("десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
             "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать")
    for v, w in enumerate(teens, start=10):
        add("teen", v, "ru", w, w[:-1] + "и")
    ru_tens = {
        20: ("двадцать", "двадцати"), 30: ("тридцать", "тридцати"), 40: ("сорок", "сорока"),
        50: ("пятьдесят", "пятидесяти"), 60: ("шестьдесят", "шестидесяти"),
        70: ("семьдесят", "семидесяти"), 80: ("восемьдесят", "восьмидесяти"), 90: ("девяносто", "девяноста"),
    }
    for v, words in ru_tens.items():
        add("ten", v, "ru", *words)
    ru_hundreds = {
        100: ("сто", "ста"), 200: ("двести", "двухсот"), 300: ("триста", "трехсот"),
        400: ("четыреста", "четырехсот"), 500: ("пятьсот", "пятисот"), 600: ("шестьсот", "шестисот"),
        700: ("семьсот", "семисот"), 800: ("восемьсот", "восьмисот"), 900: ("девятьсот", "девятисот"),
    }
    for v, words in ru_hundreds.items():
        add("hundred", v, "ru", *words)
    add("scale", 1000, "ru", "тысяча", "тысячи", "тысяч", "тысячу")
    for v, stem in ((10**6, "миллион"), (10**9, "миллиард"), (10**12, "триллион")):
        add("scale", v, "", stem, stem + "а", stem + "ов")
    kk_numbers = ("бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
    for v, w in enumerate(kk_numbers, start=1):
        add("unit", v, "kk", w)
    kk_tens = ("он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")
    for v, w in enumerate(kk_tens, start=1):
        add("ten", v * 10, "kk", w)
    add("zero", 0, "kk", "нөл")
    add("kk_hundred", 100, "kk", "жүз")
    add("scale", 1000, "kk", "мың")
    majors = {
        "KZT": ("тенге", "теңге", "тг"), "RUB": ("рубль", "рубля", "рублей", "руб", "рублі"),
        "USD": ("доллар", "доллара", "долларов", "долл", "доллары"), "EUR": ("евро", "еуро"),
        "CNY": ("юань", "юаня", "юаней", "юані"),
    }
    for code, words in majors.items():
        add("major", 0, "", *words, currency=code)
    add("minor", 0, "", "тиын", "тиына", "тиынов", "тийн", "тыйын", "копейка", "копейки", "копеек", "коп",
        "цент", "цента", "центов", "евроцент", "евроцента", "евроцентов")
    return vocab


_KK_PLAIN = str.maketrans("қғүұөңіәһ", "кгууониах")
_LATIN_TO_CYR = str.maketrans("aceopxykmtbh", "асеорхукмтвн")
_VOCAB = _build_vocabulary()
_VOCAB_KEYS = [w for w in _VOCAB if len(w) >= 4]
# Common words one typo away from a number word; never fuzzy-matched.
_STOPWORDS = frozenset({"есть", "весть", "честь", "месть", "шерсть", "вести", "мести", "семья", "семя",
                        "сами", "срок", "срока", "время", "тонн", "сотен", "двое", "трое"})
_FUZZY_MIN_LEN = 5
_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")
_IN_PHRASE_SEP = re.compile(r"[\s\-]*")
_BEFORE_CURRENCY_SEP = re.compile(r"[\s)\]»\"”]*")
_BEFORE_MINOR_SEP = re.compile(r"[\s,.]*")
_CURRENCY_QUALIFIER = re.compile(r"российск\w*|американск\w*|сша|рф|китайск\w*|ресей|ақш|акш|қытай|кытай")
"""A word naming the country of a currency, before its name (`российских рублей`) or after it (`долларов
США`, Kazakh `ресей рублі`, `АҚШ доллары`): part of the currency, not the end of the phrase."""
_SLOT_EMPTY, _SLOT_HUNDREDS, _SLOT_TENS, _SLOT_UNITS, _SLOT_CLOSED = 4, 3, 2, 1, 0


@lru_cache(maxsize=8192)
def _lookup(token: str) -> _Entry | None:
    """Vocabulary entry of a lower-cased word: exact, else one typo (two for 8+ letters) away."""
    w = token.replace("ё", "е")
    if re.search("[а-яәіңғүұқөһ]", w):
        w = w.translate(_LATIN_TO_CYR)
    entry = _VOCAB.get(w)
    if entry is not None or len(w) < _FUZZY_MIN_LEN or w in _STOPWORDS or w.isdigit():
        return entry
    max_d = 1 if len(w) < 8 else 2
    hits = process.extract(w, _VOCAB_KEYS, scorer=Levenshtein.distance, score_cutoff=max_d, limit=6)
    if not hits:
        return None
    best = min(score for _, score, _ in hits)
    nearest = [_VOCAB[c] for c, score, _ in hits if score == best]
    if len({(e.kind, e.value, e.currency) for e in nearest}) != 1:
        return None
    e = nearest[0]
    return _Entry(e.kind, e.value, e.lang, e.currency, fuzzy=True)


@dataclass
class _Phrase:
    """Accumulates number words; `feed` refuses a word that does not continue the number."""

    total: int = 0
    group: int = 0
    slot: int = _SLOT_EMPTY
    last_scale: int = 10**15
    lang: str = ""
    n: int = 0
    exact: int = 0

    @property
    def value(self) -> int:
        return self.total + self.group

    def feed(self, e: _Entry) -> bool:
        if e.kind not in _NUMBER_KINDS or (e.lang and self.lang and e.lang != self.lang):
            return False
        if not self._fits(e):
            return False
        self.lang = self.lang or e.lang
        self.n += 1
        self.exact += not e.fuzzy
        return True

    def _fits(self, e: _Entry) -> bool:
        if e.kind == "zero":
            if self.n:
                return False
            self.slot = _SLOT_CLOSED
        elif e.kind == "unit":
            if self.slot <= _SLOT_UNITS:
                return False
            self.group += e.value
            self.slot = _SLOT_UNITS
        elif e.kind in ("teen", "ten"):
            if self.slot <= _SLOT_TENS:
                return False
            self.group += e.value
            self.slot = _SLOT_UNITS if e.kind == "teen" else _SLOT_TENS
        elif e.kind == "hundred":
            if self.slot != _SLOT_EMPTY:
                return False
            self.group += e.value
            self.slot = _SLOT_HUNDREDS
        elif e.kind == "kk_hundred":
            if self.slot == _SLOT_EMPTY:
                self.group = 100
            elif self.slot == _SLOT_UNITS and self.group < 10:
                self.group *= 100
            else:
                return False
            self.slot = _SLOT_HUNDREDS
        else:  # scale
            if e.value >= self.last_scale or self.slot == _SLOT_CLOSED:
                return False
            self.total += (self.group or 1) * e.value
            self.group, self.slot, self.last_scale = 0, _SLOT_EMPTY, e.value
        return True


@dataclass(frozen=True)
class _Candidate:
    value: Decimal
    start: int
    end: int
    n_words: int
    n_exact: int
    currency: str | None


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _sep_ok(rx: re.Pattern[str], text: str, a: int, b: int) -> bool:
    return rx.fullmatch(text, a, b) is not None


def _read_phrase(text: str, toks: list[tuple[str, int, int]], i: int) -> tuple[_Phrase, int]:
    """Longest number phrase starting at token i; returns it and the index after its last token."""
    ph = _Phrase()
    j = i
    while j < len(toks):
        if j > i and not _sep_ok(_IN_PHRASE_SEP, text, toks[j - 1][2], toks[j][1]):
            break
        e = _lookup(toks[j][0]) or _unit_before_scale(toks, j)
        if e is None and j > i and _speck_at_line_start(text, toks, j):
            e, j = _lookup(toks[j + 1][0]), j + 1
        if e is None or not ph.feed(e):
            break
        j += 1
    return ph, j


def _speck_at_line_start(text: str, toks: list[tuple[str, int, int]], j: int) -> bool:
    """`… тысяч двести` / `у семьдесят один тенге`: token `j` is one letter that opens a line the phrase
    wraps onto, a speck of the margin or a table's border OCR read as a letter, with a number word after it;
    the phrase runs on past it."""
    if len(toks[j][0]) != 1 or toks[j][0].isdigit() or j + 1 >= len(toks):
        return False
    gap = text[toks[j - 1][2]: toks[j][1]]
    return "\n" in gap and _sep_ok(_IN_PHRASE_SEP, text, toks[j][2], toks[j + 1][1]) and \
        (e := _lookup(toks[j + 1][0])) is not None and e.kind in _NUMBER_KINDS


_SCALE_FORMS = {
    "one": frozenset({"тысяча", "тысячу", "миллион", "миллиард", "триллион"}),
    "few": frozenset({"тысячи", "миллиона", "миллиарда", "триллиона"}),
    "many": frozenset({"тысяч", "миллионов", "миллиардов", "триллионов"}),
}
"""A Russian scale word's form tells the number before it: `миллион` after one, `миллиона` after two to
four, `миллионов` after five to nine."""
_UNITS_BY_FORM = {
    "one": {"один": 1, "одна": 1},
    "few": {"два": 2, "две": 2, "три": 3, "четыре": 4},
    "many": {"пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9},
}


def _unit_before_scale(toks: list[tuple[str, int, int]], j: int) -> _Entry | None:
    """`Ава миллиона`, `емь миллионов`: a short word OCR damaged (a letter misread or lost) before a scale
    word is the unit its form allows that is one letter off — when only one value is that near."""
    word = toks[j][0]
    if not 2 <= len(word) <= 5 or j + 1 >= len(toks):
        return None
    form = next((f for f, words in _SCALE_FORMS.items() if toks[j + 1][0] in words), None)
    if form is None:
        return None
    values = {v for w, v in _UNITS_BY_FORM[form].items() if Levenshtein.distance(w, word) == 1}
    return _Entry("unit", values.pop(), "ru", fuzzy=True) if len(values) == 1 else None


def _scan(text: str) -> list[_Candidate]:
    """Every number phrase in `text`, with the currency and tiyn/kopecks that follow it."""
    toks = _tokens(text)
    found: list[_Candidate] = []
    i = 0
    while i < len(toks):
        ph, j = _read_phrase(text, toks, i)
        if ph.n == 0:
            i += 1
            continue
        end, currency, minor = toks[j - 1][2], None, None
        k = j
        if k < len(toks) and _sep_ok(_BEFORE_CURRENCY_SEP, text, end, toks[k][1]):
            q = k + 1 if _CURRENCY_QUALIFIER.fullmatch(toks[k][0]) and k + 1 < len(toks) else k
            e = _lookup(toks[q][0])
            if e is not None and e.kind == "major":
                currency, end, k = e.currency, toks[q][2], q + 1
                if k < len(toks) and _CURRENCY_QUALIFIER.fullmatch(toks[k][0]):
                    end, k = toks[k][2], k + 1
                minor, k2 = _read_minor(text, toks, k)
                if minor is not None:
                    end, k = toks[k2 - 1][2], k2
        value = Decimal(ph.value) if minor is None else Decimal(f"{ph.value}.{minor:02d}")
        found.append(_Candidate(value, toks[i][1], end, ph.n, ph.exact, currency))
        i = k
    return found


def _read_minor(text: str, toks: list[tuple[str, int, int]], k: int) -> tuple[int | None, int]:
    """Tiyn/kopecks after the currency: `48 тиын`, `00 копеек`, `сорок восемь тиын`."""
    if k >= len(toks) or not _sep_ok(_BEFORE_MINOR_SEP, text, toks[k - 1][2], toks[k][1]):
        return None, k
    if toks[k][0].isdigit():
        value, after = (int(toks[k][0]), k + 1) if len(toks[k][0]) <= 2 else (None, k)
    else:
        ph, after = _read_phrase(text, toks, k)
        value = ph.value if ph.n and ph.value < 100 else None
    if value is None or after >= len(toks) or not _sep_ok(_IN_PHRASE_SEP, text, toks[after - 1][2],
                                                          toks[after][1]):
        return None, k
    e = _lookup(toks[after][0])
    return (value, after + 1) if e is not None and e.kind == "minor" else (None, k)


def amount_from_words(text: str) -> Decimal | None:
    """The amount written in words in `text` (Russian or Kazakh, any case, small OCR typos allowed).

    When the text holds several number phrases: the first one followed by a currency word, else the
    longest. Tiyn/kopecks are taken after the currency word, as digits or words.
    """
    cands = _scan(text)
    if not cands:
        return None
    with_currency = [c for c in cands if c.currency]
    if with_currency:
        return with_currency[0].value
    return max(cands, key=lambda c: (c.n_words, -c.start)).value


def find_amounts_in_words(text: str) -> list[tuple[Decimal, int, int]]:
    """Amounts in words in running text as (value, start, end).

    A phrase counts when it is followed by a currency word or has two or more number words, and at
    least one of its words is spelt exactly (typo-matched words alone are not trusted).
    """
    return [(c.value, c.start, c.end) for c in _scan(text)
            if c.n_exact and (c.currency or (c.n_words >= 2 and not _COUNTED.match(text, c.end)))]


_COUNTED = re.compile(
    r"[^\S\n]*\)?[^\S\n]*(?:(?:календарн|банковск|рабоч|операционн|полн)\w*\s+)?"
    r"(?:дн(?:ей|я)|день|недел\w*|месяц\w*|лет|год\w*|час\w*|минут\w*|процент\w*|%|экземпляр\w*|лист\w*|штук\w*"
    r"|күн\w*|ай\w*|жыл\w*|пайыз\w*|(?:calendar\s+|banking\s+|business\s+|working\s+)?days?|months?|years?|percent)"
    r"(?!\w)",
    re.IGNORECASE,
)
"""What follows a number in words that counts days, months, per cent or copies, not money (`в течение 180
(Сто восьмидесяти) банковских дней`)."""


def find_amount_in_words(text: str) -> tuple[Decimal, int, int] | None:
    """The first amount in words in running text as (value, start, end), or None."""
    found = find_amounts_in_words(text)
    return found[0] if found else None


def reconcile(digits: Decimal | None, words: Decimal | None) -> Decimal | None:
    """One amount from the digits and the words of the same sum.

    Equal, or one missing: that value. Words without tiyn (exponent 0) are compared with the integer
    part of the digits, and digits without a fraction take the tiyn from the words. When the digit
    strings differ by a typical OCR confusion (edit distance ≤ 2: one or two misread digits, or digits
    dropped from the numerals) the words win. Otherwise, and when the words are shorter than the
    digits (a scale word like `миллионов` lost from the words is likelier than a digit added by OCR),
    the digits are kept.
    """
    if digits is None or words is None:
        return digits if words is None else words
    if digits == words:
        return words if has_fraction(words) and not has_fraction(digits) else digits
    joined = _leading_from_words(digits, words)
    if joined is not None:
        return joined
    if not has_fraction(words) and has_fraction(digits):
        whole, frac = int(digits), digits - int(digits)
        if whole == int(words):
            return digits
        return Decimal(int(words)) + frac if _ocr_close(str(whole), str(int(words))) else digits
    if has_fraction(words) and not has_fraction(digits):
        return words if _ocr_close(str(int(digits)), str(int(words))) else digits
    return words if _ocr_close(_digit_string(digits), _digit_string(words)) else digits


def _leading_from_words(digits: Decimal, words: Decimal) -> Decimal | None:
    """`682,09` read from `3861 682,09` (OCR glued `3 861` into one group and the parser kept the
    well-formed tail), `651 509,47` from `7 651 509,47` (the 7 read as a quote): the digits are the words'
    amount with its leading digits missing. The words give those leading digits and the digits the rest,
    also when the words' own tail is a letter off (`пятьдесят [одна] тысяча`: a word lost)."""
    if not (has_fraction(digits) and has_fraction(words)) or digits >= words:
        return None
    short, full = _digit_string(digits), _digit_string(words)
    if len(short) < 5 or len(full) <= len(short):
        return None
    if Levenshtein.distance(full[-len(short):], short, score_cutoff=1) > 1:
        return None
    return Decimal(full[: len(full) - len(short)] + short) / 100


def has_fraction(d: Decimal) -> bool:
    exponent = d.as_tuple().exponent
    return isinstance(exponent, int) and exponent < 0


def _digit_string(d: Decimal) -> str:
    return f"{d:.2f}".replace(".", "").lstrip("-")


def _ocr_close(digits: str, words: str) -> bool:
    return len(words) >= len(digits) and Levenshtein.distance(digits, words, score_cutoff=2) <= 2
