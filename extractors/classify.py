"""Document classification by weighted Russian/Kazakh title patterns and keywords (data in doctypes.yaml)."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from extractors import lookalikes
from extractors.fuzzy_phrases import damaged_match, tokens
from models.pages import Page
from models.vocab import DocType, PageSource

CLASSIFIER_VERSION = "classify/32"
MIN_SCORE = 4.0
"""Below this a document is `other`: no heading or wording of any known kind."""


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    weight: float


@dataclass(frozen=True)
class TypeModel:
    type: DocType
    title: tuple[Pattern, ...]
    keywords: tuple[Pattern, ...]
    single_page: bool = False
    fuzzy: tuple[tuple[str, float], ...] = ()
    """A form's fixed wording (phrase, weight), counted where OCR damaged its letters (`fuzzy_phrases`); a
    phrase led by `^` only where it opens a line (a title: `^счет на оплату`, never a purpose's `… по счету
    на оплату`)."""


@dataclass(frozen=True)
class Classifier:
    head_lines: int
    types: tuple[TypeModel, ...]


_FOLD = str.maketrans("ёЁәӘғҒқҚңҢөӨұҰүҮіІ", "еЕаАгГкКнНоОуУуУiI")
"""`ё` → `е`, and each Kazakh letter → the Russian or Latin letter OCR reads it as when its mark is lost
(`БҰЙРЫҚ` read `БУЙРЫК`); applied to the page text and to the patterns alike."""


_LOOKALIKE = str.maketrans(lookalikes.LATIN, lookalikes.CYRILLIC)
"""Latin letters that print like Cyrillic ones (OCR reads `АКТ` as `AKT`), folded to Cyrillic in both
cases so that text and patterns agree."""


def normalize(text: str) -> str:
    return text.translate(_FOLD).translate(_LOOKALIKE)


_ESCAPE = re.compile(r"\\.|[^\\]+", re.DOTALL)


def normalize_pattern(regex: str) -> str:
    """`normalize` for a regex: escapes (`\\b`, `\\s` …) are left as they are."""
    return "".join(m if m.startswith("\\") else normalize(m) for m in _ESCAPE.findall(regex))


@cache
def load_classifier() -> Classifier:
    raw = yaml.safe_load(resources.files("extractors.data").joinpath("doctypes.yaml").read_text("utf-8"))
    flags = re.IGNORECASE | re.MULTILINE

    def pats(items: list[dict[str, object]]) -> tuple[Pattern, ...]:
        return tuple(
            Pattern(re.compile(normalize_pattern(str(i["re"])), flags), float(str(i["w"]))) for i in items
        )

    types = tuple(
        TypeModel(DocType(name), pats(spec.get("title", [])), pats(spec.get("keywords", [])),
                  bool(spec.get("single_page", False)),
                  tuple((normalize(str(i["phrase"])), float(str(i["w"]))) for i in spec.get("fuzzy", [])))
        for name, spec in raw["types"].items()
    )
    return Classifier(head_lines=int(raw["head_lines"]), types=types)


def head_text(page: Page, lines: int) -> str:
    """The first `lines` lines and any later heading (a line in capitals: forms put the title low, and a
    form's title often shares its line with a header table: `АКТ ВЫПОЛНЕННЫХ РАБОТ Номер документа …`)."""
    all_lines = page.text.split("\n")
    lines = _head_count(all_lines, lines)
    later = [h for ln in all_lines[lines:] if (h := heading_part(ln))]
    freed = [m.group(1) for ln in all_lines[:lines] if (m := _LEAD_JUNK.match(ln))]
    closed = [w for ln in all_lines[:lines] if (w := letter_spaced(ln))]
    return normalize("\n".join(all_lines[:lines] + later + freed + closed))


_SPECK = re.compile(r"[^\w]*\w?[^\w]*")
"""A line OCR made of a QR code's or a stamp's specks: marks and at most one letter or digit (`%`, `i`,
`“-------.ч`)."""


def _head_count(all_lines: list[str], lines: int) -> int:
    """How many of the page's first lines make its head: `lines` lines, specks not counted (a scanned
    eGov paper's QR code read as a column of marks above its heading)."""
    counted = 0
    for i, line in enumerate(all_lines):
        if not _SPECK.fullmatch(line):
            counted += 1
            if counted == lines:
                return i + 1
    return len(all_lines)


_CAPS_PART = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]+")
SPACED_PARTS = 3
SHORT_PART = 4
"""A heading printed with letter spacing reads as pieces of a word (`С Е Р ТИ Ф ИКАТ`, `СЕРТ ИФИ КАТ`,
`СЕ Р ТИФИКАТ`): a text layer, or OCR, splits the word where the spacing is wide — at least
`SPACED_PARTS` pieces of at most `SHORT_PART` letters, or a piece of one or two letters."""


def letter_spaced(line: str) -> str | None:
    """The word a letter-spaced heading line spells (`СЕРТ ИФИ КАТ` → `СЕРТИФИКАТ`), else None: the line
    is only pieces of capital letters, split as `SPACED_PARTS` says."""
    parts = line.split()
    if len(parts) < 2 or not all(_CAPS_PART.fullmatch(p) for p in parts):
        return None
    many_short = len(parts) >= SPACED_PARTS and all(len(p) <= SHORT_PART for p in parts)
    return "".join(parts) if many_short or min(len(p) for p in parts) <= 2 else None


_LEAD_JUNK = re.compile(r"^\s*(?=\S*[A-Za-z|\\/_=~<>»«*])\S{1,4}\s+([А-ЯЁӘҒҚҢӨҰҮҺІ]{3,}.*)$")
"""OCR junk before a heading on a photographed page (`Haw ЗАЯВКА`, `| ДОГОВОР`): a token of at most four
characters with a Latin letter or a stray mark, then a word in Cyrillic capitals; the heading is looked
for without it as well."""


_CAPS_RUN = re.compile(r"(?:[^\w\s]*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9-]*[^\w\s]*(?:\s+|$))+")


def heading_part(line: str) -> str | None:
    """The line if it is a heading, else its longest run of words in capitals if that run is one."""
    if is_heading(line):
        return line
    runs = [m.group(0).strip() for m in _CAPS_RUN.finditer(line)]
    best = max(runs, key=len, default="")
    return best if best and is_heading(best) else None


def is_heading(line: str) -> bool:
    """`НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ`: several words, letters nearly all capitals."""
    letters = [c for c in line if c.isalpha()]
    return (len(letters) >= 10 and len(_WORDS_OR_PARTS.split(line.strip())) >= 2
            and sum(c.isupper() for c in letters) >= 0.85 * len(letters))


_WORDS_OR_PARTS = re.compile(r"[\s-]+")
"""`СЧЕТ-ФАКТУРА (электронный)`: a hyphenated title counts its parts as words."""


def title_scores(page: Page, clf: Classifier | None = None) -> dict[DocType, float]:
    """Score of each type's heading patterns on the first lines of a page. A kind whose every heading
    match is a row citing a paper of it by number and date (`Договор № 954-ОУ/2024 от 11.10.2024`) under
    another kind's heading on an earlier line (`ОТЧЕТ`) is that paper's requisite, not its heading."""
    clf = clf or load_classifier()
    head = head_text(page, clf.head_lines)
    prose = _carried_over(head)
    found = {t.type: [(p.weight, m.start()) for p in t.title
                      if (m := _outside(p.regex, head, prose))]
             for t in clf.types}
    scores = {kind: s for kind, hits in found.items() if (s := sum(w for w, _ in hits)) > 0}
    if len(scores) < 2:
        return scores
    lines = {kind: [head.count("\n", 0, at) for _, at in found[kind]] for kind in scores}
    rows = head.split("\n")
    cited = {kind for kind in scores
             if all(_CITED_ROW.match(rows[i]) for i in lines[kind])
             and any(min(lines[other]) < min(lines[kind]) for other in scores if other != kind)}
    return {kind: s for kind, s in scores.items() if kind not in cited}


_PROSE_LINE = re.compile(r"[^\S\n]*(?:[-–—][^\S\n]*)?[а-яёәғқңөұүһі]{3,}[,;:]?(?:[^\S\n]+\S+){5,}[^\S\n]*")
"""A line that opens with a word in small letters and runs on for six words or more."""
_LOWER_START = re.compile(r"[^\S\n]*(?:[-–—][^\S\n]*)?[а-яёәғқңөұүһі]")


def _carried_over(head: str) -> list[tuple[int, int]]:
    """The spans of the sentence a page carries over from the page before: from its very first line, when
    that line is running prose (`_PROSE_LINE`), down to the first line that opens otherwise than in small
    letters (`накладную, сертификат (паспорт) качества, …, счет (счет-фактура,` at the top of a contract's
    fourth page). Such lines are no heading, however they name a paper; a first line of specks, or a
    heading under them, keeps the head as it is."""
    spans: list[tuple[int, int]] = []
    at = 0
    for i, line in enumerate(head.split("\n")):
        rule = _PROSE_LINE if i == 0 else _LOWER_START
        if not rule.match(line):
            break
        spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def _outside(regex: re.Pattern[str], head: str, prose: Sequence[tuple[int, int]]) -> re.Match[str] | None:
    """The first match of a heading pattern in the page's head that is not on a line of `prose`."""
    for m in regex.finditer(head):
        if not any(a <= m.start() < b for a, b in prose):
            return m
    return None


_CITED_ROW = re.compile(normalize_pattern(
    r"^\W*(?:договор\w*|шарт\w*|контракт\w*)\s*(?:№|n[oe°]?\.?)\s*\S+\s+от\s+\d{1,2}[./]\d{1,2}[./]\d{2,4}\W*$"),
    re.IGNORECASE)
"""A row citing a contract by number and date (`Договор № 954-ОУ/2024 от 11.10.2024`), and nothing else."""


def page_scores(page: Page, clf: Classifier | None = None) -> dict[DocType, float]:
    """Heading score plus keyword score (each pattern counted once per page), plus the form wording OCR
    damaged (`fuzzy` phrases; an OCR'd page only: a text layer's letters are exact)."""
    clf = clf or load_classifier()
    body = normalize(page.text)
    words = tokens(body) if page.source == PageSource.ocr else []
    lines = [tokens(line) for line in body.split("\n")] if words else []
    scores = dict(title_scores(page, clf))
    for t in clf.types:
        kw = sum(p.weight for p in t.keywords if p.regex.search(body))
        kw += sum(w for phrase, w in t.fuzzy if words and _fuzzy_found(phrase, words, lines))
        if kw:
            scores[t.type] = scores.get(t.type, 0.0) + kw
    return scores


def _fuzzy_found(phrase: str, words: Sequence[str], lines: Sequence[Sequence[str]]) -> bool:
    """Does a `fuzzy` phrase stand damaged in the page's words (`^phrase`: opening one of its lines)?"""
    if phrase.startswith("^"):
        return any(damaged_match(line, phrase, at_start=True) for line in lines)
    return damaged_match(words, phrase)


_WORD = re.compile(r"^[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]{3,}[.,:;]?$")


def looks_like_picture(pages: Sequence[Page]) -> bool:
    """A camera picture rather than a document: what OCR finds is mostly not words.

    On a photo of equipment Tesseract reads shadows and edges as symbol soup, with a nameplate line
    or two; a document, even a bad scan, reads as words.
    """
    tokens = [w.text for p in pages for w in p.words]
    if not tokens:
        return False
    words = sum(1 for t in tokens if _WORD.match(t))
    return len(tokens) < 400 and words / len(tokens) < 0.35 and words < PICTURE_MAX_WORDS


def reads_as_text(pages: Sequence[Page]) -> bool:
    """A page of writing, however badly read: a score of Cyrillic words of four letters or more on
    several lines. An equipment picture reads a nameplate's few Latin words (`MODEL`, `S/N`) and
    symbol soup; a phone photo of a document whose heading was lost still reads as words."""
    lines: set[tuple[str, int, int]] = set()
    n = 0
    for p in pages:
        for w in p.words:
            if _CYRILLIC_WORD.match(w.text):
                n += 1
                lines.add((p.file, p.page, w.line))
    return n >= TEXT_MIN_WORDS and len(lines) >= 3


_CYRILLIC_WORD = re.compile(r"^\W{0,2}[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]{4,}\W{0,2}$")
TEXT_MIN_WORDS = 8


NAMEPLATE = tuple(re.compile(rx, re.IGNORECASE | re.MULTILINE) for rx in (
    r"\bs\s*/\s*n\b|serial\s+n[or]|зав(?:одской)?\.?\s*(?:№|номер)",
    r"\bmodel\b|\bмодель\b",
    r"^\W{0,3}(?:made\s+(?:in|for)\b|eac\W{0,3}$)",
    r"дата\s+(?:изготовления|выпуска)|date\s+of\s+manufacture|year\s+of\s+manufacture",
    r"^\W{0,3}(?:страна|country)\b",
))
"""A maker's nameplate: serial number, model, `Made in`/EAC mark, date of manufacture, country."""
NAMEPLATE_MIN = 3
NAMEPLATE_MAX_WORDS = 80
NAMEPLATE_CONFIDENCE = 0.8
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp", ".gif", ".heic")


def is_image_file(name: str) -> bool:
    """A picture file (a photo or a scan saved as an image), by its name."""
    return name.lower().endswith(IMAGE_SUFFIXES)


def looks_like_nameplate(pages: Sequence[Page]) -> bool:
    """A camera picture of the equipment's nameplate, read cleanly: one image file's page of a few lines
    carrying at least `NAMEPLATE_MIN` of a nameplate's marks. A passport's page with the same words is a
    page of a PDF, or of a paper of many pages, and never this."""
    if len(pages) != 1 or not is_image_file(pages[0].file):
        return False
    page = pages[0]
    if len(page.words) > NAMEPLATE_MAX_WORDS:
        return False
    text = page.text
    return sum(1 for rx in NAMEPLATE if rx.search(text)) >= NAMEPLATE_MIN


PICTURE_MAX_WORDS = 20
"""A camera picture of equipment reads at most a nameplate's few words (0–10 on generated photos); a
photographed document read badly still yields a score of words (23 on a phone photo of an application)."""


@cache
def load_calibration() -> tuple[tuple[float, float], ...]:
    """Knots (raw score, probability the type is right) fitted by `bench/calibration.py`; () = none."""
    path = resources.files("extractors.data").joinpath("calibration.yaml")
    if not path.is_file():
        return ()
    raw = yaml.safe_load(path.read_text("utf-8"))
    return tuple((float(a), float(b)) for a, b in raw["knots"])


def calibrate(raw: float, knots: Sequence[tuple[float, float]] | None = None) -> float:
    """The probability that a type with this raw confidence is right: piecewise linear over the knots."""
    knots = load_calibration() if knots is None else knots
    if not knots:
        return raw
    if raw <= knots[0][0]:
        return knots[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(knots):
        if raw <= x1:
            return round(y0 + (y1 - y0) * (raw - x0) / (x1 - x0), 3) if x1 > x0 else y1
    return knots[-1][1]


def classify(
    pages: Sequence[Page], calibrated: bool = True
) -> tuple[DocType, float, Mapping[DocType, float]]:
    """Type of a document made of `pages`, a confidence in [0, 1], and the scores behind it.

    The first page counts fully, later pages at half weight (headings sit on the first page). The raw
    confidence combines how strong the best evidence is with its margin over the runner-up; calibrated,
    it is the share of documents with that raw confidence typed right on generated packages.
    """
    kind, raw, total = _classify_raw(pages)
    return kind, calibrate(raw) if calibrated else raw, total


def _classify_raw(pages: Sequence[Page]) -> tuple[DocType, float, Mapping[DocType, float]]:
    clf = load_classifier()
    total: dict[DocType, float] = {}
    for i, page in enumerate(pages):
        for t, s in page_scores(page, clf).items():
            total[t] = total.get(t, 0.0) + (s if i == 0 else s / 2)
    weak = not total or max(total.values()) < MIN_SCORE
    few_words = sum(len(p.words) for p in pages) < 60
    if looks_like_nameplate(pages) and max(title_scores(pages[0], clf).values(), default=0.0) < MIN_SCORE:
        return DocType.photo, NAMEPLATE_CONFIDENCE, total
    # a page of writing is never a camera picture of equipment, unless it reads as a nameplate
    text = reads_as_text(pages) and not total.get(DocType.photo)
    if weak and not text and (looks_like_picture(pages) or (few_words and total.get(DocType.photo))):
        return DocType.photo, 0.5, total
    if not total and not text and all(p.source == PageSource.ocr for p in pages) and few_words:
        return DocType.photo, 0.4, total  # an image with hardly any text and no wording of any kind
    if not total:
        return DocType.other, 0.3, total
    ranked = sorted(total.items(), key=lambda kv: -kv[1])
    best_type, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    strength = 1 - math.exp(-best / 6)
    margin = 1 / (1 + math.exp(-(best - second) / 2))
    confidence = round(strength * margin, 3)
    if best < MIN_SCORE:
        return DocType.other, round(max(0.3, 1 - confidence), 3), total
    return best_type, confidence, total
