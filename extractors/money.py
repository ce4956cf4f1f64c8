"""Money amounts in OCR'd Russian/Kazakh text: parsing, currency detection, spans.

Amounts are `Decimal`, never float. See `parse_amount` for the separator rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from extractors.amount_words import find_amounts_in_words
from extractors.bin import SpanSet, find_bins, find_ibans, find_phones
from extractors.dates import find_dates

__all__ = ["MoneyMatch", "detect_currency", "find_amounts", "parse_amount"]

# Same-length normalisation: every space-like character (NBSP, thin, figure, narrow NBSP) becomes " ",
# typographic apostrophes become "'", dashes become "-", so spans in the normalised text are spans in
# the input.
_NORMALISE = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
    "\u2008": " ", "\u200a": " ", "\t": " ", "’": "'", "‘": "'", "`": "'", "\u2013": "-", "\u2212": "-",
})
_GROUP_SEPS = " .,'"
_TENGE_AS_T = re.compile(
    r"(?<![^\W\d_])[TТ](?=\d{1,3}(?:,\d{3})+\.\d{2}(?!\d)|\d{1,3}(?:\.\d{3})+,\d{2}(?!\d))")
"""`₸` glued before a grouped amount with tiyn, as OCR reads the tenge sign of an Excel currency format
(`T3,058,919.11`, `Т2.337.617,70`): made `₸` again (one letter for one, spans kept)."""
_DECIMAL_SEPS = ".,-=:"

_CURRENCIES: tuple[tuple[str, str], ...] = (
    ("KZT", r"тенге|теңге|тңг|тнг|тг|kzt|₸"),
    # Kazakh endings count too: `ресей рублі`, `АҚШ доллары`, `еуро`
    ("RUB", r"рубл[а-яёәғқңөұүһі]*|руб|rub|rur|₽"),
    ("USD", r"usd|доллар[а-яёәғқңөұүһі]*|долл|\$"),
    ("EUR", r"eur|евро|еуро|€"),
    ("CNY", r"cny|rmb|юан[а-яёьәғқңөұүһі]*|¥"),
)
"""Currency marks, Russian and Kazakh (`рублі`, `доллары`, `еуро`, `юані` are the Kazakh forms)."""
_CUR = "|".join(f"(?P<{code}>{rx})" for code, rx in _CURRENCIES)
_CUR_RE = re.compile(rf"(?<![^\W\d_])(?:{_CUR})(?![^\W\d_])\.?", re.IGNORECASE)
_COUNTRY = r"(?:российск[а-яё]*|американск[а-яё]*|китайск[а-яё]*|ресей|ақш|акш|қытай|кытай)"
"""The country before a currency's name (`российских рублей`, Kazakh `ресей рублі`, `АҚШ доллары`)."""
_CUR_AFTER_RE = re.compile(rf"[ \n]{{0,3}}(?:{_COUNTRY}[ \n]{{1,3}})?(?:{_CUR})(?![^\W\d_])\.?",
                           re.IGNORECASE)
_CUR_BEFORE_RE = re.compile(rf"(?<![^\W\d_])(?:{_CUR})\.?[ :]{{0,3}}$", re.IGNORECASE)
_MINOR_RE = re.compile(
    r"[ ,]{0,3}(?P<minor>\d{1,2})[ ]{0,2}(?:тиын[а-яё]*|тийн[а-яё]*|тыйын[а-яё]*|коп[а-яё]*|цент[а-яё]*"
    r"|[тгtr][иіiы][ыйь]?[ыиі]?н)(?![^\W\d_])\.?",
    re.IGNORECASE,
)
_SCALE_RE = re.compile(r" ?(?P<scale>тыс|млн|млрд)(?![^\W\d_])\.?", re.IGNORECASE)
_SCALES = {"тыс": Decimal(1000), "млн": Decimal(10**6), "млрд": Decimal(10**9)}

_NUMBER_RE = re.compile(
    r"(?<![\w+])(?<!\d[.,\-/=])"
    r"(?:\d{1,3}(?:[.,]\d{3})+(?=[.,]\d{2}(?!\d))|\d{1,3}(?P<sep>[ .,'])\d{3}(?:(?P=sep)\d{3})*|\d+)"
    r"(?:[.,\-=]\d{1,2}|(?<=\d[ .,']\d{3}):\d{2})?"
    r"(?!\d)(?![.,\-/=:]\d)"
)
_PERCENT_RE = re.compile(r" ?%| ?(?:процент|пайыз)", re.IGNORECASE)
_UNIT_RE = re.compile(
    r" ?(?:шт|штук[а-я]*|дана|кг|г|гр|т|тн|тонн[а-я]*|м|м2|м3|м²|м³|км|см|мм|л|ч|час[а-я]*|мин|дн|дней|день|"
    r"дня|күн[а-я]*|мес|месяц[а-я]*|ай|лет|год[а-я]*|ж|жыл[а-я]*|раз|чел|человек[а-я]*|адам|экз|ед|"
    r"квт|квтч|мвт|гкал|лист[а-я]*|бет|стр|пункт[а-я]*|тармақ[а-я]*|бап[а-я]*|баб[а-я]*|стать[а-я]*)"
    r"(?![^\W\d_])|-(?:[^\W\d_]{1,3}|бап|бабы|тармақ[а-я]*)(?![^\W\d_])",
    re.IGNORECASE,
)
_LABEL_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:ст|стат[а-я]*|п|пп|пункт[а-я]*|подпункт[а-я]*|(?<!т\.)(?<!т\. )ч|част[а-я]*|"
    r"гл|глав[а-я]*|раздел[а-я]*|разд|прил|приложени[а-я]*|тармақ[а-я]*|бап[а-я]*|бабы|стр|лист[а-я]*|том|"
    r"кбе|код|кнп|бик|иик|бин|иин|бсн|жсн|рнн|тел|телефон|факс|индекс|no|n)\.?\)?[ :]*$|№[ :]*$",
    re.IGNORECASE,
)
_MONEY_CONTEXT_RE = re.compile(
    r"(?:сумм[а-я]*|стоимост[а-я]*|цен[аеыу]|итого|всего|оплат[а-я]*|аванс[а-я]*|ндс|платеж[а-я]*|"
    r"сома[а-я]*|баға[а-я]*|құн[а-я]*|барлығы|жиыны|төлем[а-я]*|ққс)[^\d]{0,40}$",
    re.IGNORECASE,
)
_POSTCODE_AFTER_RE = re.compile(r",? ?(?:г\.|город|республика|рк|казахстан|қазақстан|обл|алматы|астана)",
                                re.IGNORECASE)
_POSTCODE_BEFORE_RE = re.compile(r"(?:индекс|казахстан|қазақстан|рк)[ ,:]*$", re.IGNORECASE)
_MINOR_AFTER_RE = re.compile(
    r" {0,2}(?:тиын|тийн|тыйын|коп|цент)[а-яё]*(?![^\W\d_])", re.IGNORECASE
)
_MINOR_READ_RE = re.compile(r"[ \n]{1,2}[тгtr][иіiы][ыйь]?[ыиі]?н(?![^\W\d_])", re.IGNORECASE)
"""`тенге 42 гиын`: the tiyn word OCR read with its first letter or a vowel wrong (`гиын`, `тіын`), after
the one or two digits of an amount in words' tiyn."""
_MINOR_DIGITS_RE = re.compile(r"\d{1,2}")
_PAREN_SPAN = 400
_PAREN_OPEN_RE = re.compile(r" ?\(")
_FRACTION_RE = re.compile(r"[.,\-=]\d{1,2}$")
_FRACTION2_RE = re.compile(r"[.,]\d{2}$")
_PUNCT_GROUP_RE = re.compile(r"[.,]\d{3}")
_SPACED_GROUP_RE = re.compile(r"\d[ ']\d{3}")
_SPACE_DIGIT_RE = re.compile(r" \d")
_DASH_TIYN_RE = re.compile(r"[1-9]\d{4,}-\d{2}")
"""`4332270-00`: tenge and tiyn parted by a dash, as accountants write sums in tables; five digits or
more before the dash (a shorter `0711-24`, `2024-25` is a number or a period, not money)."""


@dataclass(frozen=True)
class MoneyMatch:
    """An amount found in text: value, ISO 4217 currency if stated nearby, span of the number."""

    amount: Decimal
    currency: str | None
    start: int
    end: int


MAX_AMOUNT = Decimal(10) ** 15
"""A quadrillion: anything larger written in digits is an identifier or OCR garbage, not money (and
would overflow the two-decimal arithmetic of the rules and the report)."""


def parse_amount(s: str) -> Decimal | None:
    """Parse one amount written with digits; None if it is not one.

    Accepted: `5 140 356,48`, `5 140 356.48`, `5.140.356-48`, `5,140,356.48`, `5.140.356,48`,
    `5140356.48`, `5140356`, `5 140 356=48`, with ordinary, non-breaking, thin or narrow spaces or
    apostrophes as thousands separators, an optional leading minus and surrounding currency marks.

    Rules for the ambiguous cases:
    - a last group of 1–2 digits after `,` `.` `-` or `=` is the fraction (tiyn/kopecks):
      `1,5` = 1.5, `5.140.356-48` = 5140356.48;
    - thousands groups: a first group of 1–3 digits without a leading zero, then groups of exactly 3
      digits, all with the same separator (space, `.`, `,` or `'`); otherwise the number is rejected
      (`5140 356`, `5 14 356`, `5.140,356`) — except points and commas OCR mixed before a 2-digit
      fraction (`8,154.850.98`);
    - a last group of exactly 3 digits after `.` or `,` is a thousands group when the grouping rule
      holds (`1.234` = `1,234` = 1234, `12.500` = 12500); money has no third decimal;
    - otherwise a single `.`/`,` is a decimal point with 3+ decimals (`0,125`, `1234,567`, `1.2345`);
    - `-` and `=` are only ever decimal separators (`100-200` is rejected); `:` is one only after a
      thousands-grouped number, before two digits (`21 614 452:56`, OCR's comma; `10:45` is rejected);
    - an amount of MAX_AMOUNT or more is rejected (a 16-digit number is an identifier, not money).
    """
    t = s.translate(_NORMALISE).strip()
    t = _strip_currency(t)
    negative = t.startswith("-")
    if negative:
        t = t[1:].lstrip()
    if not t or not t[0].isdigit() or not t[-1].isdigit():
        return None
    parts = re.split(r"(\D+)", t)
    groups, seps = parts[::2], [_norm_sep(x) for x in parts[1::2]]
    if any(sep is None for sep in seps):
        return None
    value = _parse_groups(groups, [s_ for s_ in seps if s_ is not None])
    if value is None or value >= MAX_AMOUNT:
        return None
    return -value if negative else value


def detect_currency(text: str, *, symbols: bool = True) -> str | None:
    """ISO 4217 code of the first currency mark in `text` (тенге, тг, ₸, KZT, руб, ₽, USD, $, евро, €…);
    `symbols=False` passes over the symbols (`$`, `€`, `¥`, `₽`) to the first code or word."""
    for m in _money_marks(text):
        if not symbols and m.group(0).rstrip(".") in _SYMBOLS:
            continue
        return _currency_of(m)
    return None


def currency_marks(text: str, *, symbols: bool = True) -> dict[str, int]:
    """How many times each currency is marked in `text` (IBANs left out); `symbols=False` counts codes and
    words only (`EUR`, `тенге`), not the symbols OCR also makes of other glyphs (`$` of `S` or `5`)."""
    counts: dict[str, int] = {}
    for m in _money_marks(text):
        if not symbols and m.group(0).rstrip(".") in _SYMBOLS:
            continue
        if code := _currency_of(m):
            counts[code] = counts.get(code, 0) + 1
    return counts


def _money_marks(text: str) -> Iterator[re.Match[str]]:
    """The currency marks of `text` outside its IBANs that mark money (`_reliable_mark`)."""
    ibans = [(s, e) for _, s, e in find_ibans(text)]
    for m in _CUR_RE.finditer(text):
        if not any(s <= m.start() < e for s, e in ibans) and _reliable_mark(text, m):
            yield m


_SYMBOLS = frozenset("$€¥₽")
_SYMBOL_BEFORE_DIGITS = re.compile(r" ?(?:\d{2}|\d[.,]\d|\d[ .,']\d{3})")
"""An amount right after a symbol (`$1 200`, `$ 12`, `$5.50`); never one digit alone (`5$ 6 7`, `$ 4%`: a
form's column numbers or a percentage under OCR's specks)."""
_AMOUNT_BEFORE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:[ .,']\d{3})+(?:[.,]\d{2})?|\d+[.,]\d{2}|\d{3,}) ?\Z")
"""An amount ending right before a symbol on its line (`\\Z`: an amount ending the line above, then a
stray `$` OCR read at the start of the next, marks nothing)."""


def _reliable_mark(text: str, m: re.Match[str]) -> bool:
    """A currency code or word always counts; a lone symbol (`$`, `€`, `¥`, `₽`) only where it marks an
    amount — before an amount (`$1 200`; not a lone digit: a form's column numbers `5 5$ 6 7`) or after an
    amount of three digits or more or with tiyn (`100₽`, `12 500,00 $`). OCR reads `S` as `$` (`системы 5S`
    → `55$`, `5S` → `5$`), and such a glyph after a one- or two-digit number must not outvote a form's
    currency."""
    if m.group(0).rstrip(".") not in _SYMBOLS:
        return True
    # normalised around the mark only (`_NORMALISE` maps one character to one)
    after = text[m.end(): m.end() + 6].translate(_NORMALISE)
    before = text[max(0, m.start() - 30): m.start()].translate(_NORMALISE)
    return bool(_SYMBOL_BEFORE_DIGITS.match(after) or _AMOUNT_BEFORE.search(before))


def tiyn_after(text: str, end: int) -> bool:
    """A tiyn word follows `end` (`… тенге 42 тиын`, as OCR reads it `42 гиын`): the digits before it are
    the tiyn of an amount in words, however a table's cell cut the line. Only the text up to the end of
    the line the word may stand on is normalised (`_NORMALISE` maps one character to one; a word ends at a
    line break at the latest, which ends the stretch as the end of the text would)."""
    stop = text.find("\n", end + 3)
    after = text[end: len(text) if stop < 0 else stop].translate(_NORMALISE)
    return bool(_MINOR_AFTER_RE.match(after) or _MINOR_READ_RE.match(after))


def find_amounts(text: str) -> list[MoneyMatch]:
    """Amounts written with digits in running text, with the currency stated next to them.

    The currency is the one right after the number (after a parenthesised amount in words if one
    follows, or inside it), else the one right before it (`KZT 5 000`, `$100`). `5 140 356 тенге 48 тиын`
    is one amount (the span then runs to the tiyn digits); `5,1 млн тенге` is scaled.

    A number counts as an amount when a currency is stated, or it has a 2-digit fraction after `,`/`.`,
    or space/repeated thousands grouping, or a money word precedes it (сумма, итого, стоимость, НДС,
    сомасы, барлығы …). Excluded: percentages, dates, years, BINs, IBANs, phone numbers, postcodes,
    numbers after `ст.`, `п.`, `№`, `КБе`, `КНП` and similar labels, numbers followed by a unit
    (шт, кг, дней, г., ж. …) or a Kazakh ordinal suffix (`15-бап`).
    """
    norm = _TENGE_AS_T.sub("₸", text.translate(_NORMALISE))
    excluded = [(d.start, d.end) for d in find_dates(text)]
    excluded += [(b.start, b.end) for b in find_bins(text)]
    excluded += [(s, e) for _, s, e in find_ibans(text)]
    excluded += find_phones(text)
    excluded += [(s, e) for _, s, e in find_amounts_in_words(text)]
    blocked = SpanSet(excluded)
    found: list[MoneyMatch] = []
    consumed = 0
    for m in _NUMBER_RE.finditer(norm):
        start, end = m.span()
        if start < consumed or blocked.overlaps(start, end):
            continue
        raw = m.group()
        amount = parse_amount(raw)
        if amount is None:
            continue
        result = _classify(norm, start, end, raw, amount, consumed)
        if result is None:
            continue
        amount, currency, end, consumed = result
        found.append(MoneyMatch(amount, currency, start, end))
    return found


def _classify(
    norm: str, start: int, end: int, raw: str, amount: Decimal, consumed: int
) -> tuple[Decimal, str | None, int, int] | None:
    """Decide whether the number at [start, end) is an amount.

    Returns (amount, currency, end of span, end of the text consumed by this amount) or None.
    """
    before = norm[max(0, start - 60):start]
    if _PERCENT_RE.match(norm, end) or _MINOR_AFTER_RE.match(norm, end) or (
            _MINOR_DIGITS_RE.fullmatch(raw) and _MINOR_READ_RE.match(norm, end)):
        return None  # a percentage or the tiyn of an amount in words
    if _LABEL_BEFORE_RE.search(before) and not _money_shaped(raw):
        return None  # a labelled number (`п. 5`, `№ 12`); `44 938 957,69` is money after any letter
    spaced = _SPACED_GROUP_RE.search(raw)
    if spaced and not _FRACTION_RE.search(raw) and _SPACE_DIGIT_RE.match(norm, end):
        return None  # irregular grouping goes on (`8 701 123 45 67`): no telling where the number ends
    pos = end
    scale = _SCALE_RE.match(norm, pos)
    if scale:
        pos = scale.end()
    currency: str | None = None
    minor_at: int | None = None  # where `48 тиын` may stand
    minor_outside = True  # the tiyn digits extend the span only when no parenthesis stands between
    cur = _CUR_AFTER_RE.match(norm, pos)
    if cur is not None:
        currency, pos, minor_at = _currency_of(cur), cur.end(), cur.end()
    elif (paren := _words_in_parenthesis(norm, pos)) is not None:
        open_at, close = paren
        pos = close + 1
        minor_outside = False
        cur = _CUR_AFTER_RE.match(norm, pos)
        if cur is not None:
            currency, pos, minor_at = _currency_of(cur), cur.end(), cur.end()
        elif (inside := _CUR_RE.search(norm, open_at, close)) is not None:
            currency, minor_at = _currency_of(inside), inside.end()
    if currency is None:
        before_cur = _CUR_BEFORE_RE.search(norm, max(consumed, start - 12), start)
        if before_cur is not None:
            currency = _currency_of(before_cur)
    if minor_at is not None and (minor := _MINOR_RE.match(norm, minor_at)):
        if not _FRACTION_RE.search(raw):
            amount += Decimal("0." + minor.group("minor").zfill(2))
            if minor_outside:
                end = minor.end("minor")
        pos = max(pos, minor.end())
    if scale:
        amount *= _SCALES[scale.group("scale").lower()]
    if currency is None:
        if _UNIT_RE.match(norm, end) or _is_year(raw) or _is_postcode(norm, start, end, raw):
            return None
        fraction2 = bool(_FRACTION2_RE.search(raw) or _DASH_TIYN_RE.fullmatch(raw))
        grouped = bool(spaced) or len(_PUNCT_GROUP_RE.findall(raw)) >= 2
        if not (fraction2 or grouped or _MONEY_CONTEXT_RE.search(before)):
            return None
        pos = end
    return amount, currency, end, max(pos, end)


def _money_shaped(raw: str) -> bool:
    """Thousands groups and a 2-digit fraction (`44 938 957,69`, `8.579.882,76`): no clause, page or
    document number is written so, whatever letter (a seal's, a stray `п`) stands before it."""
    return bool(_FRACTION2_RE.search(raw)) and bool(
        _SPACED_GROUP_RE.search(raw) or len(_PUNCT_GROUP_RE.findall(raw)) >= 2)


def _words_in_parenthesis(norm: str, pos: int) -> tuple[int, int] | None:
    """(inside start, closing index) of an amount-in-words parenthesis right after `pos`, else None.

    The parenthesis holds no digits except tiyn/kopecks (`… тенге 48 тиын`).
    """
    m = _PAREN_OPEN_RE.match(norm, pos)
    if m is None:
        return None
    close = norm.find(")", m.end(), m.end() + _PAREN_SPAN)
    if close < 0 or "(" in norm[m.end():close]:
        return None
    inner = _MINOR_RE.sub("", norm[m.end():close])
    if any(c.isdigit() for c in inner) or not re.search(r"[^\W\d_]{3}", inner):
        return None
    return m.end(), close


def _currency_of(m: re.Match[str]) -> str | None:
    return m.lastgroup if m.lastgroup in {code for code, _ in _CURRENCIES} else None


def _strip_currency(t: str) -> str:
    """Remove currency marks around an amount string (`5 000 тг.`, `₸ 5 000`, `USD 1.5`)."""
    t = re.sub(rf"^(?:{_CUR})\.?\s*", "", t, flags=re.IGNORECASE)
    t = re.sub(rf"\s*(?:{_CUR})\.?$", "", t, flags=re.IGNORECASE)
    return t.strip()


def _norm_sep(sep: str) -> str | None:
    """One separator between digit groups: spaces around a punctuation mark collapse to the mark."""
    core = sep.strip(" ")
    if not core:
        return " " if len(sep) <= 2 else None
    if len(core) == 1 and core in _GROUP_SEPS + _DECIMAL_SEPS:
        return core if sep == core or (core in ".,-=" and len(sep) <= 3) else None
    return None


def _parse_groups(groups: list[str], seps: list[str]) -> Decimal | None:
    if not seps:
        return Decimal(groups[0])
    last, last_sep = groups[-1], seps[-1]
    if last_sep in _DECIMAL_SEPS and len(last) <= 2:
        if last_sep == ":" and (len(last) != 2 or len(seps) < 2):
            return None  # `21 614 452:56` is OCR's comma; a lone `10:45` is a time
        whole = _grouped_int(groups[:-1], seps[:-1])
        if whole is None and len(last) == 2 and last_sep in ".," and set(seps) <= {".", ","}:
            whole = _grouped_int(groups[:-1], ["."] * (len(seps) - 1))  # `8,154.850.98`: OCR mixed the points
        return None if whole is None else Decimal(f"{whole}.{last}")
    if last_sep in "-=:":
        return None
    whole = _grouped_int(groups, seps)
    if whole is not None:
        return Decimal(whole)
    if len(seps) == 1 and last_sep in ".,":
        return Decimal(f"{groups[0]}.{last}")
    return None


def _grouped_int(groups: list[str], seps: list[str]) -> str | None:
    """Digits of a thousands-grouped integer, or None if the grouping is irregular."""
    if not seps:
        return groups[0]
    if len(set(seps)) != 1 or seps[0] not in _GROUP_SEPS:
        return None
    first, rest = groups[0], groups[1:]
    if not 1 <= len(first) <= 3 or first.startswith("0") or any(len(g) != 3 for g in rest):
        return None
    return "".join(groups)


def _is_year(raw: str) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1990 <= int(raw) <= 2100


def _is_postcode(norm: str, start: int, end: int, raw: str) -> bool:
    if not (raw.isdigit() and len(raw) == 6):
        return False
    return bool(
        _POSTCODE_AFTER_RE.match(norm, end) or _POSTCODE_BEFORE_RE.search(norm, max(0, start - 30), start)
    )
