"""Readings that are no sure evidence: values OCR read from a scan or a photo, documents whose type is
unsure, and pages that may be a document the package lacks.

A missing document is an error only when no page of the package could be it: a page joined to the paper
before it (its heading lost on a scan) whose own wording reads best as the missing type, or a page of a
document whose type is unsure, is named, and the finding is a warning an officer checks on the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from checklists.rules._identifiers import registration_date
from checklists.rules._text import N_, doc_ref, joined, ru_date
from checklists.rules.relevance import LOW_CONFIDENCE
from models.documents import Document, Evidence
from models.findings import Finding
from models.message import Message, msg
from models.vocab import DocType, PageSource, Severity

PageScores = Mapping[tuple[str, int], Mapping[DocType, float]]
"""(file, page) → how strongly the page's own heading and wording read as each type (the classifier's
page scores)."""

PAGE_EVIDENCE = 4.0
"""A page's score for a type from which the page may be a paper of that type: the least score at which the
classifier reads a type at all (`extractors.classify.MIN_SCORE`)."""
UNSURE_TYPE = LOW_CONFIDENCE
"""Calibrated confidence below which a document's type is unsure (flagged `low_confidence` too)."""
DOUBT_SEVERITY = Severity.warning
DOUBTABLE = frozenset({"missing_document"})
"""Codes of findings `doubted` may turn into a warning pointing at a page."""


def read_by_ocr(evidence: Evidence, doc: Document) -> bool:
    """The value was read by OCR (a scan or a photo), not from a PDF's text layer."""
    return any(ref.source == PageSource.ocr and ref.page == evidence.page
               and (evidence.file is None or ref.file == evidence.file) for ref in doc.pages)


DOUBTFUL_DATE = 0.9
"""OCR confidence below which a date is a reading to check before a finding resting on it is asserted (a
clean scan reads dates at 0.9 and above; a bad scan misreads a year's digit at 0.85)."""


def unsure_date(doc: Document) -> float | None:
    """The confidence of `doc`'s date when OCR read it below `DOUBTFUL_DATE`, else None."""
    c = doc.fields.date.confidence if doc.fields.date is not None else None
    return c if c is not None and c < DOUBTFUL_DATE else None


def date_doubt(doc: Document, confidence: float) -> Message:
    """What a finding resting on `doc`'s unsure date (`unsure_date`) adds: the date is a reading to check."""
    return msg(N_("%(doc)s: дата прочитана неуверенно (достоверность распознавания %(confidence)s) — "
                  "проверьте ее на странице: это может быть ошибка распознавания."),
               doc=doc_ref(doc), confidence=f"{confidence:.2f}")


def before_registration(doc: Document) -> tuple[str, date] | None:
    """(BIN, month of registration) of a company `doc` names as a party that was registered after the date
    OCR read on it, else None. No paper of a deal predates a company in it: such a date is a misreading
    (the date of the order approving the form, `от 20 декабря 2012 года № 562` over a Р-1 act, taken for
    the act's own), to check on the page before a finding rests on it. A date a PDF's text layer gives is
    what the paper says."""
    read = doc.fields.date
    if read is None or not read_by_ocr(read, doc):
        return None
    for party in doc.fields.parties:
        registered = registration_date(party.bin) if party.valid else None
        if registered is not None and read.value < registered:
            return party.bin, registered
    return None


def registration_doubt(doc: Document, bin_: str, registered: date) -> Message:
    """What a finding resting on `doc`'s date before a party's registration (`before_registration`) adds."""
    assert doc.fields.date is not None
    return msg(N_("%(doc)s: дата %(date)s прочитана с копии и предшествует регистрации участника документа "
                  "(БИН %(bin)s зарегистрирован в %(month)s) — проверьте дату на странице: это может быть "
                  "ошибка распознавания."),
               doc=doc_ref(doc), date=ru_date(doc.fields.date.value), bin=bin_, month=f"{registered:%m.%Y}")


def dates_doubt(*docs: Document) -> Message | None:
    """What a finding resting on the dates of `docs` adds when one of them is no sure evidence: the first
    unsure OCR reading (`unsure_date`), else the first read before a party's registration
    (`before_registration`); None when every date is sure."""
    for doc in docs:
        if (confidence := unsure_date(doc)) is not None:
            return date_doubt(doc, confidence)
    for doc in docs:
        if (registered := before_registration(doc)) is not None:
            return registration_doubt(doc, *registered)
    return None


@dataclass(frozen=True)
class Lookalike:
    """A page of the package that may be the missing document, and the document it was counted in."""

    file: str
    page: int
    doc: Document


def unsure(doc: Document) -> bool:
    """The document's type is read below `UNSURE_TYPE` (a paper surely of no listed kind, a bill, is not)."""
    return doc.confidence < UNSURE_TYPE


def unlisted(doc: Document) -> bool:
    """A paper of no listed kind or of an unsure type, some text read: what the officer looks through
    for a missing document."""
    return (doc.type == DocType.other or unsure(doc)) and doc.confidence > 0


def lookalikes(types: Sequence[DocType], documents: Sequence[Document], pages: PageScores) -> list[Lookalike]:
    """Pages counted in a document of another type that may be a document of `types`: such a type is
    what the page's own wording reads best as (a page joined to the paper before it, its heading lost; a
    paper typed `other` because its wording was read too weakly for any type), or a type the page reads
    at all when its document's type is unsure."""
    out = []
    for doc in documents:
        for ref in doc.pages:
            scores = pages.get((ref.file, ref.page)) or {}
            best = max(scores, key=lambda t: scores[t], default=None)
            if any(_could_be(t, doc, scores, best) for t in types):
                out.append(Lookalike(ref.file, ref.page, doc))
    return out


def _found_instead(doubts: Sequence[Lookalike], unsure_docs: Sequence[Document]) -> Message:
    """What the package holds that may be the missing document (warning), or papers of unsure type."""
    if doubts:
        where = joined([msg(N_("файл «%(file)s», стр. %(page)s (отнесена к документу «%(doc)s»)"),
                            file=d.file, page=d.page, doc=doc_ref(d.doc)) for d in doubts])
        return msg(N_("По тексту страницы им может быть: %(where)s — проверьте, что это за документ; "
                      "тип определен по распознанному тексту."), where=where)
    where = joined([msg(N_("%(doc)s (файл «%(file)s», стр. %(page)s): вид не определен"), doc=doc_ref(d),
                        file=d.pages[0].file, page=d.pages[0].page) if d.type == DocType.other else
                    msg(N_("%(doc)s (файл «%(file)s», стр. %(page)s): тип определен неуверенно"),
                        doc=doc_ref(d), file=d.pages[0].file, page=d.pages[0].page)
                    for d in unsure_docs if d.pages])
    return msg(N_("В пакете есть документы, вид которых не определен уверенно: %(where)s — проверьте, нет "
                  "ли среди них нужного."), where=where)


def _could_be(kind: DocType, doc: Document, scores: Mapping[DocType, float], best: DocType | None) -> bool:
    score = scores.get(kind, 0.0)
    if kind == doc.type or score <= 0:
        return False
    if kind == best:
        return score >= PAGE_EVIDENCE or doc.type == DocType.other
    return unsure(doc) and score >= PAGE_EVIDENCE


@dataclass(frozen=True)
class Doubt:
    """A missing document's message and severity, and where the page that may be it is (the first such
    page and the documents holding such pages), for the finding to point at."""
    message: Message
    severity: Severity
    file: str | None = None
    page: int | None = None
    documents: tuple[str, ...] = ()


def doubted(message: Message, severity: Severity, types: Sequence[DocType], documents: Sequence[Document],
            pages: PageScores | None) -> Doubt:
    """A missing document's message and severity with what the package holds instead: the pages that may
    be a document of `types` (the finding becomes a warning, pointing at the first of them), else the
    papers of no listed kind or of unsure type (the severity stays)."""
    doubts = lookalikes(types, documents, pages) if pages else []
    unsure_docs = [d for d in documents if unlisted(d)]
    if doubts or unsure_docs:
        message = joined([message, _found_instead(doubts, unsure_docs)], " ")
    if not doubts:
        return Doubt(message, severity)
    return Doubt(message, DOUBT_SEVERITY if severity == Severity.error else severity, doubts[0].file,
                 doubts[0].page, tuple(dict.fromkeys(d.doc.id for d in doubts)))


def pointed_pages(findings: Sequence[Finding]) -> dict[tuple[str, int], dict[DocType, float]]:
    """The page evidence earlier `doubted` findings point at, as page scores: a re-check, which reads no
    page, says a missing document at the severity the check said it."""
    out: dict[tuple[str, int], dict[DocType, float]] = {}
    for f in findings:
        if f.doc_type is not None and f.file is not None and f.page is not None and f.code in DOUBTABLE:
            out.setdefault((f.file, f.page), {})[f.doc_type] = PAGE_EVIDENCE
    return out
