"""Split the pages of each file into documents, without separator sheets.

A page opens a new document when it carries a strong heading of a kind (see doctypes.yaml) that
differs from the running document's, the same kind under another number, or the same heading again on
a kind that has one page (a payment order: a copy is a second document); on a one-page kind a page
whose own wording reads as a whole document of it opens the next one too, heading or not (a bank's
printout titled `Документ № …`, merged after another payment), as does one that reads as a whole paper
of another kind (a bill whose title stands low, under its sample payment block); a page with no heading
whose wording reads as another kind and has nothing of the running kind's opens a paper of that kind (its
title lost on a scan); "Страница 2 из 3" / "Лист 2" mark a continuation and never open one, "Страница 1
из 3" a first page, which always does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from itertools import groupby

from extractors.classify import (
    MIN_SCORE,
    calibrate,
    classify,
    head_text,
    is_image_file,
    load_classifier,
    looks_like_nameplate,
    page_scores,
    title_scores,
)
from extractors.file_kinds import kind_in_name
from extractors.file_series import follows
from models.documents import Document, PageRef
from models.pages import Page
from models.vocab import DocType, PageSource

_CLAUSE = re.compile(r"^[^\S\n]*\d{1,2}\.\d{1,2}\.?[^\S\n]+\S", re.MULTILINE)
"""A numbered clause opening a line: `8.8. Все расходы …`, `10.1 Товар должен …`."""
MIN_CLAUSES = 3
_CLAUSED = frozenset({DocType.contract})
"""Kinds written in numbered clauses: a headless page of their clauses (`8.8.`, `9.1.`, `10.1.`) goes on
with the running paper of the kind, however its wording names other papers (a contract's list of the
shipping documents: `Счет-фактуру с описанием товаров …`, `Технический паспорт`)."""

STRONG_TITLE = 5.0
WHOLE_PAGE = 6.0
"""A page whose heading and wording score this for a one-page kind (a payment order's sender,
beneficiary, КНП, purpose) is a whole document of that kind."""
OWN_WORDING = MIN_SCORE
"""A page with no heading whose wording scores this for a kind of many pages (the least score at which a
kind is read at all), and nothing for the running kind, is a paper of that kind: one whose title stands
low (`Счет на оплату № 196 от …` under the sample payment block of a bill merged after a счет-фактура), or
whose title a scan lost (a technical passport's `Заводской номер`, `Дата изготовления`, `Технические
характеристики` after a waybill in the same file)."""
WEAK_MARK = 1.0
"""The weight of a word several kinds print (`Заводской номер` on an acceptance certificate and on a
passport, `принял`, `индивидуальный предприниматель`): the running kind's wording on a page at most this
is no tie to it, and a page reading as a paper of another kind opens that paper all the same."""
PHOTO_NO_TEXT = 0.5
"""Raw confidence of a picture file with no text at all being a photo (as for pictures of symbol soup)."""
_CONTINUATION = re.compile(
    r"(?<!\w)(страница|стр\.|бет)[^\S\n]*([2-9]|[1-9]\d+)\s*(из|/)\s*\d+|\bлист\s*([2-9]|\d{2,})\b", re.I
)
"""`Страница 2 из 4`, `стр. 3/5`, `Бет 2 / 3`, `Лист 2`; never a row's `44 стр.` before a number on the next
line (`… 44 стр.` over `0787/25`)."""
_FIRST_PAGE = re.compile(r"(?<!\w)(?:страница|бет)[^\S\n]*[1|Il](?![\d.,])[^\S\n]*(?:из|/)[^\S\n]*\d", re.I)
"""`Страница 1 из 2`, `Бет 1 / 1` (OCR reads the `1` as `|`: `Страница | из 1`): a paper's first page, which
opens a paper of its own whatever its heading and wording (an applicant report whose heading a photo
lost, after an application in the same file)."""
_HEAD_NUMBER = re.compile(r"(?:№|(?<!\w)номер[^\S\n]*:)\s*([\w/.\-]+)", re.IGNORECASE)
"""`№ 15`, `Регистрационный номер: 84318` (a certificate's number labelled, no `№`)."""
_OCR_HEAD_NUMBER = re.compile(
    r"(?:№|(?<!\w)(?:М[»ео]|M[»eo])|(?<!\w)N[eoеоº°]\.?(?=\s*[^\W\d_]{0,4}[-/]?\d))\s*([^\W\d_]{0,4}[-/]?\d[\w/.\-]*)")
"""On a scan or photo also `М»`, `Ме` and `Мо`, OCR's readings of `№` before a number (`М» ПК-72522`,
`Мо 11040`), and `Ne`, `No`, `N°` before one (`ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ Ne 1`)."""


def _head_number(page: Page) -> str | None:
    rx = _OCR_HEAD_NUMBER if page.source == PageSource.ocr else _HEAD_NUMBER
    m = rx.search(head_text(page, load_classifier().head_lines))
    return m.group(1) if m else None


def _head_numbers(page: Page) -> frozenset[str]:
    """Every number in the page's head but a cited paper's: a paper's own under its heading and its running
    head's, which a scan may read with a digit wrong (`ДОГОВОР № 946` over a running head read `… № 945 …`),
    never the number of the paper it refers to (`ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № 2` over `к Договору № 113`:
    that contract, next in the file, is a paper of its own)."""
    rx = _OCR_HEAD_NUMBER if page.source == PageSource.ocr else _HEAD_NUMBER
    head = head_text(page, load_classifier().head_lines)
    return frozenset(m.group(1) for m in rx.finditer(head)
                     if not _CITING.search(head, head.rfind("\n", 0, m.start()) + 1, m.start()))


_CITING = re.compile(r"(?:^|\s)к\s+\w+\s*$", re.IGNORECASE | re.MULTILINE)
"""The words before a cited paper's number on its line: `к Договору`, `к Контракту`."""


Scorer = Callable[[Page], Mapping[DocType, float]]
"""`page_scores`, or a file's memo of it (`split_file` scores each page once)."""


def _opens_document(page: Page, current: DocType | None, current_numbers: frozenset[str],
                    after_unread: bool = False, after_whole: bool = False,
                    scored: Scorer = page_scores) -> bool:
    """Does `page` open a new paper after the running one (of kind `current`, the numbers in its first
    page's head `current_numbers`, its own first; none known: empty)?
    `after_unread`: OCR made nothing of the running paper's pages (`unread`); `after_whole`: the running
    paper's first page reads as a whole paper of its one-page kind (`WHOLE_PAGE`)."""
    if _CONTINUATION.search(page.text):
        return False
    if _FIRST_PAGE.search(page.text):
        return True
    if after_unread:
        # nothing ties a page to symbol soup before it (a photo of a paper OCR could not read): a page
        # whose own wording reads as a whole paper of a kind is a paper of its own
        whole = scored(page)
        if max(whole.values(), default=0.0) >= WHOLE_PAGE:
            return True
    if current is not None and _single_page(current):
        whole = scored(page)
        best = max(whole, key=lambda k: whole[k]) if whole else None
        if best is not None and whole[best] >= WHOLE_PAGE:
            # the next one of a one-page kind, whatever its heading; or a paper of another kind whose
            # heading stands low (a bill's title under its sample payment block): a one-page document
            # has no second page that reads as another whole paper
            return True
        if after_whole and best == current and whole[best] >= OWN_WORDING:
            # a one-page paper read whole is done: a page after it reading as its kind at all (a bank's
            # printout a bad scan read as scattered words) is the next one, not its second page
            return True
    scores = title_scores(page)
    if not scores:
        # a bank's printout whose heading was lost (cut off a scan) after a paper of another kind: its
        # wording reads as a whole one-page document and shares nothing with the running kind
        # — or a paper whose title stands low, under a block that is no heading (a bill's sample
        # payment block), or was lost on a scan, and whose own wording reads as a paper of another kind
        whole = scored(page)
        best = max(whole, key=lambda k: whole[k]) if whole else None
        if best is None or current is None or best == current or whole.get(current, 0.0) > WEAK_MARK:
            return False
        if current in _CLAUSED and len(_CLAUSE.findall(page.text)) >= MIN_CLAUSES:
            return False
        return whole[best] >= (WHOLE_PAGE if _single_page(best) else OWN_WORDING)
    kind, score = max(scores.items(), key=lambda kv: kv[1])
    if score < STRONG_TITLE:
        return _weak_heading_opens(page, kind, score, current, scored)
    if kind != current:
        return True
    if _single_page(kind):
        return True  # a second payment order, even a copy of the first
    number = _head_number(page)
    return number is not None and bool(current_numbers) and number not in current_numbers


def _weak_heading_opens(page: Page, kind: DocType, title: float, current: DocType | None,
                        scored: Scorer = page_scores) -> bool:
    """A heading too weak to open a paper alone (OCR kept only a section's title, `2. ШАРТТЫҢ БАҒАСЫ`, of
    a photographed bilingual contract whose own title it lost) opens one when the page's wording is that
    kind's, even without the heading enough to tell the kind (`MIN_SCORE`), and has nothing of the running
    paper's kind. `title`: the heading's score for `kind` (`title_scores`)."""
    if current is None or kind == current:
        return False
    whole = scored(page)
    best = max(whole, key=lambda k: whole[k]) if whole else None
    wording = whole.get(kind, 0.0) - title
    return best == kind and not whole.get(current) and wording >= MIN_SCORE


def _single_page(kind: DocType) -> bool:
    return any(t.type == kind and t.single_page for t in load_classifier().types)


def _only_single_page(scores: Mapping[DocType, float]) -> Mapping[DocType, float]:
    """The page's wording scores when their best is a one-page kind read as a whole (a printout with no
    heading of its kind): the running kind a next one is told by."""
    if not scores:
        return {}
    best = max(scores, key=lambda k: scores[k])
    return {best: scores[best]} if _single_page(best) and scores[best] >= WHOLE_PAGE else {}


def _wording_kind(page: Page, scored: Scorer = page_scores) -> DocType | None:
    """The kind a page with no heading reads as by its wording alone (at least `OWN_WORDING`): the running
    kind of a paper whose title a scan lost (an ЭСФ's requisites), so that a next page reading as another
    kind and nothing of it (a bill under its sample payment block) opens a paper of its own."""
    whole = scored(page)
    best = max(whole, key=lambda k: whole[k]) if whole else None
    return best if best is not None and whole[best] >= OWN_WORDING else None


UNKNOWN_NUMBER = ""
"""The number of a paper whose heading OCR lost: it differs from any number a later heading gives."""


def split_file(pages: Sequence[Page]) -> list[list[Page]]:
    """Pages of one file (in order) → groups, one per document."""
    known: dict[int, Mapping[DocType, float]] = {}

    def scored(page: Page) -> Mapping[DocType, float]:
        if id(page) not in known:
            known[id(page)] = page_scores(page)
        return known[id(page)]

    groups: list[list[Page]] = []
    current: DocType | None = None
    numbers: frozenset[str] = frozenset()
    for page in pages:
        after_whole = current is not None and scored(groups[-1][0]).get(current, 0.0) >= WHOLE_PAGE \
            if groups else False
        if not groups or _opens_document(page, current, numbers, _read_nothing(groups[-1], scored),
                                         after_whole, scored):
            groups.append([page])
            scores = title_scores(page) or _only_single_page(scored(page))
            current = max(scores.items(), key=lambda kv: kv[1])[0] if scores else _wording_kind(page, scored)
            numbers = _head_numbers(page)
            if not numbers and groups[1:] and max(scores.values(), default=0.0) < STRONG_TITLE:
                # a paper opened by its wording under a weak heading lost its own title and number: a
                # later page under its kind's full numbered heading (its supplementary agreement) is
                # another paper
                numbers = frozenset({UNKNOWN_NUMBER})
        else:
            groups[-1].append(page)
    return groups


def _read_nothing(group: Sequence[Page], scored: Scorer = page_scores) -> bool:
    """OCR made nothing of the pages: no heading or wording of any kind, read unsure (`unread`)."""
    return not any(scored(p) for p in group) and unread(group, {})


def assemble(pages: Sequence[Page], calibrated: bool = True) -> tuple[Document, ...]:
    """Pages of a package → typed documents (`doc-1`, `doc-2`, … in file and page order), no fields yet.

    `calibrated=False` keeps the classifier's raw confidence (for fitting the calibration)."""
    docs: list[Document] = []
    previous: Document | None = None
    number: str | None = None
    for _, file_pages in groupby(pages, key=lambda p: p.file):
        for index, group in enumerate(split_file(list(file_pages))):
            readable = [p for p in group if p.words]
            continues = None
            running = bool(readable) and previous is not None and _continues(previous, group, number)
            if not running:
                number = _head_number(group[0])
            if running and previous:
                doc_type, confidence = previous.type, previous.confidence
                continues = previous.continues or previous.id
            elif readable:
                doc_type, confidence, scores = classify(readable, calibrated)
                named = kind_in_name(group[0].file) if index == 0 else None
                if named is not None and named != DocType.other and unread(readable, scores) and (
                        doc_type == DocType.other or _soup_picture(readable, doc_type)):
                    doc_type, confidence = named, NAMED_ONLY
            elif all(p.error is None and is_image_file(p.file) for p in group):
                # a camera picture with no text at all: a photo of equipment, not an unknown paper
                doc_type = DocType.photo
                confidence = calibrate(PHOTO_NO_TEXT) if calibrated else PHOTO_NO_TEXT
            else:
                doc_type, confidence = DocType.other, 0.0
            refs = tuple(PageRef(file=p.file, page=p.page, source=p.source) for p in group)
            docs.append(Document(id=f"doc-{len(docs) + 1}", type=doc_type, confidence=confidence, pages=refs,
                                 continues=continues))
            previous = docs[-1]
    return tuple(docs)


def _soup_picture(pages: Sequence[Page], doc_type: DocType) -> bool:
    """Typed a camera picture only for the symbol soup OCR read on it (no nameplate read): a photographed
    or badly scanned paper reads so too, and its file's name (`Акт АВР-058125.jpg`) tells which."""
    return doc_type == DocType.photo and not looks_like_nameplate(pages)


NAMED_ONLY = 0.5
"""Confidence of a type taken from the file's name alone (below `LOW_CONFIDENCE`: an officer confirms it)."""
UNSURE_PAGE = 0.8
"""Mean OCR confidence of a page below which its reading is unsure (a clean scan reads at 0.9 and above)."""


def unread(pages: Sequence[Page], scores: Mapping[DocType, float]) -> bool:
    """OCR made nothing of the pages: no wording of any kind (best score below `MIN_SCORE`), every page
    OCR'd and read unsure (a page sideways or under a halftone, read as symbol soup)."""
    return (max(scores.values(), default=0.0) < MIN_SCORE and all(p.source == PageSource.ocr for p in pages)
            and sum(p.confidence for p in pages) / len(pages) < UNSURE_PAGE)


def _continues(previous: Document, group: Sequence[Page], number: str | None = None) -> bool:
    """Is `group`, the first paper of its file, the next page of the paper the previous file ended with?
    Its file is the next of a series (`… стр 2.jpg` after `… стр 1.jpg`), the paper before is of a kind
    of many pages, and the page has no heading and reads as no whole paper of a kind of its own — or its
    heading is the paper's running head: the previous paper's kind under its number `number` (a typed
    contract prints `Договор № 250 от 11.06.2025` atop every page)."""
    first = group[0]
    if first.page != 1 or previous.pages[-1].file == first.file:
        return False
    if not follows(previous.pages[-1].file, first.file):
        return False
    if previous.type in (DocType.other, DocType.photo) or _single_page(previous.type):
        return False
    titles = title_scores(first)
    if titles:
        kind = max(titles.items(), key=lambda kv: kv[1])[0]
        return kind == previous.type and number is not None and _head_number(first) == number
    own = page_scores(first)
    return max(own.values(), default=0.0) < MIN_SCORE or previous.type in own

