"""Dates in OCR'd Russian/Kazakh text, with character spans.

Regular expressions find the candidate spans; month names come from dateparser's ru/kk locale data,
extended with inflected and Kazakh case forms (`қаңтардағы`), OCR-stripped Kazakh letters
(`кантар`) and one-letter typos. dateparser itself is only the fallback of `parse_date`: it does not
read the Kazakh year-first order (`2025 жылғы 7 қаңтар`) nor case suffixes, and costs milliseconds
per call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import dateparser
from dateparser.data.date_translation_data import en as _en
from dateparser.data.date_translation_data import kk as _kk
from dateparser.data.date_translation_data import ru as _ru
from rapidfuzz.distance import Levenshtein

__all__ = ["MAX_YEAR", "MIN_YEAR", "DateMatch", "find_dates", "month_number", "parse_date", "spaced_date"]

MIN_YEAR = 1990
MAX_YEAR = 2100

_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
_KK_PLAIN = str.maketrans("қғүұөңіәһ", "кгууониах")
_LATIN_TO_CYR = str.maketrans("aceopxykmtbh", "асеорхукмтвн")  # OCR look-alikes inside Cyrillic words
_KK_SUFFIX_MAX = 6  # қаңтар|дағы, наурыз|ында …
_RU_SUFFIX_MAX = 2  # январ|я, январ|е …


def _month_forms() -> tuple[dict[str, int], list[tuple[str, int, bool]]]:
    """Exact forms → month, and (full form, month, is_kazakh) for prefix and fuzzy matching."""
    exact: dict[str, int] = {}
    full: list[tuple[str, int, bool]] = []
    for month, key in enumerate(_MONTH_KEYS, start=1):
        for info, is_kk in ((_ru.info, False), (_kk.info, True)):
            forms = [f.lower().replace("ё", "е") for f in info[key]]
            for f in forms:
                for variant in {f, f.translate(_KK_PLAIN)}:
                    exact[variant] = month
                    is_abbrev = any(g != f and g.startswith(f) for g in forms)
                    if not is_abbrev:
                        full.append((variant, month, is_kk))
                        if not is_kk and len(variant) >= 4 and variant[-1] in "ьяайе":
                            full.append((variant[:-1], month, False))  # stem: январ, феврал, март
    return exact, full


_EXACT_MONTHS, _FULL_MONTHS = _month_forms()
_ENGLISH_MONTHS = {f.lower(): month for month, key in enumerate(_MONTH_KEYS, start=1) for f in _en.info[key]}
"""`march`, `mar`, `sept` …: a non-resident's invoice or the English column of a bilingual contract."""


@lru_cache(maxsize=4096)
def month_number(word: str) -> int | None:
    """Month 1–12 for a Russian or Kazakh month word in any case/abbreviation, tolerating one OCR typo, or
    an English month name or its abbreviation as printed."""
    if word.lower().rstrip(".") in _ENGLISH_MONTHS:
        return _ENGLISH_MONTHS[word.lower().rstrip(".")]
    w = word.lower().replace("ё", "е").rstrip(".").translate(_LATIN_TO_CYR)
    for candidate in (w, w.translate(_KK_PLAIN)):
        if candidate in _EXACT_MONTHS:
            return _EXACT_MONTHS[candidate]
    hits: set[int] = set()
    for candidate in (w, w.translate(_KK_PLAIN)):
        for form, month, is_kk in _FULL_MONTHS:
            extra = len(candidate) - len(form)
            if candidate.startswith(form) and len(form) >= 3 and 0 <= extra <= (
                _KK_SUFFIX_MAX if is_kk else _RU_SUFFIX_MAX
            ):
                hits.add(month)
    if not hits and len(w) >= 5:
        for candidate in (w, w.translate(_KK_PLAIN)):
            for form, month, is_kk in _FULL_MONTHS:
                if len(form) < 5:
                    continue
                # a Kazakh form's case suffix, or a Russian stem's ending (`сентибри`: `сентябр` one letter
                # off, its ending `я` read as `и` too), after the head compared
                extra = len(candidate) - len(form)
                tail = is_kk or (len(form) >= 6 and 0 < extra <= _RU_SUFFIX_MAX)
                heads = [candidate] + ([candidate[: len(form)]] if tail else [])
                if any(Levenshtein.distance(h, form, score_cutoff=1) <= 1 for h in heads):
                    hits.add(month)
    return hits.pop() if len(hits) == 1 else None


_Q_OPEN_1 = r"[«\"“„‟'‘’‹<]{1,2}"
_Q_OPEN = r"[«\"“„‟'‘’‹<]{0,2}"
_Q_CLOSE = r"[»\"”“'’›>]{0,2}"
_WORD = r"[^\W\d_]"
_YEAR_SUFFIX = rf"(?:\s?(?i:года|год|гг|г|ж|жыл{_WORD}*|r)(?!{_WORD})\.?)?"
_SPACE = r"[ \u00a0\u2009\u202f]"

_DAY_FIRST_RE = re.compile(
    rf"(?:{_Q_OPEN_1}{_SPACE}?)?(?:(?<![\w])|(?<=(?<![^\W\d_])от))(?P<d>\d{{1,2}})(?!\d)(?:-?го|-е|st|nd|rd|th|-(?={_WORD}))?"
    rf"(?:[.,](?=[»\"”“'’›>]))?{_SPACE}?{_Q_CLOSE}\s*"
    rf"(?P<m>{_WORD}{{3,16}})\.?\s*,?\s*(?P<y>\d{{4}})(?!\d){_YEAR_SUFFIX}"
)
"""`7 января 2025 года`, `«07» января 2025 г.`; also glued to its `от` where OCR lost the space
(`от7 июл 2025г.`)."""
_QUOTE_DRIFT_RE = re.compile(
    rf"(?<![\w])[«\"“„](?P<d>\d{{1,2}})(?!\d)[.,]?{_SPACE}+(?P<m>{_WORD}{{3,16}})[»\"”“]{_SPACE}*"
    rf"(?P<y>\d{{4}})(?!\d){_YEAR_SUFFIX}"
)
"""`«10. ноября» 2026`: the day's closing quote read past the month on a scan (a speck as a point after the
day)."""
_YEAR_FIRST_RE = re.compile(
    rf"(?<![\w])(?P<y>\d{{4}}){_SPACE}?(?:ж\.|жыл{_WORD}*|ж(?!{_WORD}))\s*{_Q_OPEN}{_SPACE}?"
    rf"(?P<d>\d{{1,2}})(?!\d){_SPACE}?{_Q_CLOSE}\s*(?P<m>{_WORD}{{3,20}})\.?"
)
_MONTH_FIRST_RE = re.compile(
    r"(?<![\w])(?P<m>[A-Za-z]{3,9})\.?[ \u00a0](?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d),?\s*(?P<y>\d{4})(?!\d)"
)
"""`March 3, 2025`, `Oct. 14 2024`: the English order (the month a name; `_from_words` checks it)."""
_NUMERIC_RE = re.compile(
    r"(?<![\w])(?<!\d[.,])(?P<d>\d{1,2})(?P<s1>[./\-,])(?P<sp1> ?)(?P<m>\d{1,2})(?P<s2>[./\-,])(?P<sp2> ?)"
    rf"(?P<y>\d{{4}}|\d{{2}})(?!\d)(?![.,]\d){_YEAR_SUFFIX}"
)
_QUOTED_DAY_RE = re.compile(
    rf"{_Q_OPEN_1}{_SPACE}?(?P<d>\d{{1,2}}){_SPACE}?[»\"”“'’›>]{{1,2}}{_SPACE}*(?P<m>\d{{1,2}}){_SPACE}+"
    rf"(?P<y>\d{{4}})(?!\d)(?![.,]\d){_YEAR_SUFFIX}"
)
"""`«10» 06 2025 г.`: a contract's date line with the day in quotes and the month as a number."""
_YEAR_SPACED_RE = re.compile(r"(?<![\w.,])(?<!\d )(?P<d>\d{2})\.(?P<m>\d{2}) (?P<y>(?:19|20)\d{2})"
                             r"(?!\d)(?![.,]\d)")
"""`13.02 2025`: a photo lost the point before the year (day and month of two digits each, one space)."""
_DAY_SPACED_RE = re.compile(r"(?<![\w.,])(?<!\d )(?P<d>\d{2}) (?P<m>\d{2})\.(?P<y>(?:19|20)\d{2})"
                            r"(?!\d)(?![.,]\d)")
"""`08 12.2025`: a scan lost the point after the day (day and month of two digits each, one space)."""
_QUOTED_ZERO = re.compile(r"(?<=[«\"“„])[ОOӨo](?=\d[»\"”“])")
"""`«Ө6» января`: the day's leading zero OCR read as a letter О (Kazakh Ө) inside the quotes."""
_LETTER_DAY = re.compile(r"(?<=от )(?<!\wот )[ВB](?= [^\W\d_]{3,16}\.? ?\d{4})")
"""`от В сентября 2025 года`: a day `8` OCR read as the letter В, after `от` and before a month and year."""
_STROKE_DAY = re.compile(r"(?<![^\s«\"“„:])(?!11)([|lI1]{2})(?=[»\"”]?\s+[^\W\d_]{3,16}\.?\s+\d{4}(?!\d))")
"""`Дата: || мая 2026 г.`: a day's two ones a photo read as strokes (`|`, `l`, `I`) before a month and a
year (one stroke alone may be a table's border before a day OCR lost)."""
_SPACED_DAY_FIRST = re.compile(r"(?P<d>\d{2}) ?(?P<m>\d{2}) ?(?P<y>(?:19|20)\d{2})(?!\d)(?![.,]\d)")
_ISO_RE = re.compile(r"(?<![\w])(?<!\d[.,/])(?P<y>\d{4})(?P<s>[\-.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})"
                     r"(?!\d)(?![.,/]\d)")
_CARDINALS = {
    "один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200,
    "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800,
    "девятьсот": 900,
}
_THOUSAND = re.compile(r"тысяч[аи]?")
_ORDINAL_STEMS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8, "девят": 9,
    "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13, "четырнадцат": 14, "пятнадцат": 15,
    "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20, "тридцат": 30,
    "сороков": 40, "пятидесят": 50, "шестидесят": 60, "семидесят": 70, "восьмидесят": 80, "девяност": 90,
    "сот": 100, "двухтысячн": 2000,
}
_ORDINAL_ENDINGS = ("ое", "ого", "ый", "ой", "ий", "ом", "ому", "ая", "ую", "ье", "ьего", "ьем", "ьему", "ья")
"""Russian ordinals as a date spells them (`пятнадцатое`, `двадцать пятого`, `третьего`): stem and ending."""


def _ordinal(word: str) -> int | None:
    w = word.lower().replace("ё", "е")
    for stem in sorted(_ORDINAL_STEMS, key=len, reverse=True):
        if w.startswith(stem) and w[len(stem):] in _ORDINAL_ENDINGS:
            return _ORDINAL_STEMS[stem]
    return None


def number_of_words(words: str) -> int | None:
    """The value of a Russian ordinal numeral in words (`двадцать пятое` → 25, `две тысячи двадцать
    четвертого` → 2024): cardinal words, `тысяча`/`тысячи` scaling what stands before, an ordinal last."""
    tokens = words.lower().replace("ё", "е").split()
    if not tokens:
        return None
    last = _ordinal(tokens[-1])
    if last is None:
        return None
    total, part = 0, 0
    for t in tokens[:-1]:
        if _THOUSAND.fullmatch(t):
            total += (part or 1) * 1000
            part = 0
        elif t in _CARDINALS:
            part += _CARDINALS[t]
        else:
            return None
    return total + part + last


_IN_WORDS_RE = re.compile(
    rf"(?:{_Q_OPEN_1}{_SPACE}?)?(?<!\w)(?P<d>(?:(?:двадцать|тридцать)\s+)?{_WORD}{{4,14}}){_SPACE}?{_Q_CLOSE}\s+"
    rf"(?P<m>{_WORD}{{3,16}})\s+"
    rf"(?P<y>(?:две|тысяча|тысячи|одна)\s+(?:{_WORD}+\s+){{0,3}}?{_WORD}{{4,16}}|двухтысячн{_WORD}+)"
    rf"\s+(?:года|год)(?!{_WORD})",
    re.IGNORECASE,
)
"""`пятнадцатое марта две тысячи двадцать четвертого года`: day, month and year in words."""
_YEAR_IN_WORDS = re.compile(r"тысяч|двухтысячн", re.IGNORECASE)

_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "DATE_ORDER": "DMY", "PARSERS": ["absolute-time"]}


@dataclass(frozen=True)
class DateMatch:
    """A date found in text and the span of its whole expression (quotes and `г.`/`жылғы` included)."""

    value: date
    start: int
    end: int


def find_dates(text: str) -> list[DateMatch]:
    """All dates in `text`, sorted, non-overlapping (the longer expression wins).

    Forms: `07.01.2025`, `7.1.2025`, `07/01/2025`, `07-01-2025`, `07.01.25`, `07,01,2025` (OCR comma),
    `2025-01-07`, `«07» января 2025 г.`, `"07" января 2025г`, `7 января 2025 года`, `07 янв. 2025`,
    `2025 жылғы 7 қаңтар`, `2025 ж. 07 қаңтардағы`, `07 қаңтар 2025 ж.`, `«07» 01 2025 г.`, OCR's
    `13.02 2025` (the point before the year lost),
    `08 12.2025` (the point after the day lost), `«31.» марта 2026` (a speck read as a point inside
    the day's quotes), `«Ө6» января` (the zero read as a letter) and
    `от В сентября 2025` (an 8 read as В), `|| мая 2026`
    (the ones read as strokes), `от7 июл 2025г.` (the space after `от` lost), `«10. ноября» 2026`
    (the day's closing quote read after the month), a date in words (`пятнадцатое марта две тысячи двадцать
    четвертого года`), and English `March 3, 2025`, `3rd March 2025`, `14 Oct 2024`. Two-digit years:
    90–99 are 199x, others 20xx, and only with `.` or `/`. Impossible dates and years outside 1990–2100 are
    rejected.
    """
    found: list[DateMatch] = []
    spelled = ((_IN_WORDS_RE, _from_spelled),) if _YEAR_IN_WORDS.search(text) else ()
    text = _QUOTED_ZERO.sub("0", text)  # one character for one: spans stay the input's
    text = _LETTER_DAY.sub("8", text)
    text = _STROKE_DAY.sub(lambda m: "1" * len(m.group(1)), text)
    for rx, make in ((_DAY_FIRST_RE, _from_words), (_YEAR_FIRST_RE, _from_words),
                     (_MONTH_FIRST_RE, _from_words), (_QUOTE_DRIFT_RE, _from_words),
                     (_NUMERIC_RE, _from_numeric),
                     (_QUOTED_DAY_RE, _from_iso), (_ISO_RE, _from_iso), (_YEAR_SPACED_RE, _from_iso),
                     (_DAY_SPACED_RE, _from_iso),
                     *spelled):
        for m, value in _valid_matches(rx, text, make):
            found.append(DateMatch(value, m.start(), m.end()))
    found.sort(key=lambda d: (d.start, d.start - d.end))
    result: list[DateMatch] = []
    for d in found:
        if not result or d.start >= result[-1].end:
            result.append(d)
    return result


def spaced_date(text: str) -> DateMatch | None:
    """`08 09 2025` or `31122024` opening `text` (a value beside or under its date label, the points lost
    on a photo or a bad scan): day and month of two digits each and the year, parted by single spaces or
    by nothing. Only where a label says it is a date: anywhere else such digits may be anything."""
    m = _SPACED_DAY_FIRST.match(text, len(text) - len(text.lstrip()))
    value = _from_iso(m) if m else None
    return DateMatch(value, m.start(), m.end()) if m and value else None


def parse_date(s: str) -> date | None:
    """The first date in `s` (see `find_dates`); dateparser (ru, kk, strict) as a fallback."""
    matches = find_dates(s)
    if matches:
        return matches[0].value
    if not re.search(r"\d{4}", s):
        return None
    parsed = dateparser.parse(s, languages=["ru", "kk"], settings=_DATEPARSER_SETTINGS)
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return parsed.date()


def _valid_matches(
    rx: re.Pattern[str], text: str, make: Callable[[re.Match[str]], date | None]
) -> Iterator[tuple[re.Match[str], date]]:
    """Matches of `rx` that `make` turns into a date; after a rejected match, search on from its 2nd char."""
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        value = make(m)
        if value is None:
            pos = m.start() + 1
            continue
        yield m, value
        pos = m.end()


def _make_date(y: int, m: int, d: int) -> date | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _from_words(m: re.Match[str]) -> date | None:
    month = month_number(m.group("m"))
    if month is None:
        return None
    return _make_date(int(m.group("y")), month, int(m.group("d")))


_TENS_BEFORE = re.compile(r"(?:двадцать|тридцать)\s+\Z", re.IGNORECASE)


def _from_spelled(m: re.Match[str]) -> date | None:
    if _TENS_BEFORE.search(m.string, 0, m.start("d")):
        return None  # the day's tail (`второе` of `тридцать второе`)
    day, month = number_of_words(m.group("d")), month_number(m.group("m"))
    year = number_of_words(m.group("y"))
    if day is None or month is None or year is None:
        return None
    return _make_date(year, month, day)


def _from_numeric(m: re.Match[str]) -> date | None:
    s1, s2, y = m.group("s1"), m.group("s2"), m.group("y")
    if s1 != s2 and not {s1, s2} <= {".", ","}:
        return None
    if (m.group("sp1") and s1 != ".") or (m.group("sp2") and s2 != "."):
        return None
    if len(y) == 2:
        if s1 not in "./" or s1 != s2:
            return None
        year = 1900 + int(y) if int(y) >= 90 else 2000 + int(y)
    else:
        year = int(y)
    return _make_date(year, int(m.group("m")), int(m.group("d")))


def _from_iso(m: re.Match[str]) -> date | None:
    return _make_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
