"""The kind of paper a file's name says it holds, for a scan or photo OCR could not read.

Applicants name files after what they hold (`Платежка 116.pdf`, `реестр КТП копия.pdf`, `payment_79.pdf`,
`Акт приема-передачи 332 и др.tif`). When OCR made nothing of a page — no heading or wording of any kind,
read unsure — the name is the only evidence of its kind there is: the file's first paper is typed by it,
with a low confidence (an officer confirms the type). A page that reads, however badly, is typed by what it
reads; a name is never taken over a page's own wording, and folders' names are not looked at.
"""

from __future__ import annotations

import re

from models.vocab import DocType

_KINDS: tuple[tuple[DocType, str], ...] = (
    # a bill for payment (`Счет на оплату`, `schet_808`) is no счет-фактура; listed before the invoice
    (DocType.other, r"сч[её]т\s+на\s+(?:пред)?оплату|\bschet\b(?![\s-]*faktur)|письмо|\bletter\b"),
    (DocType.invoice, r"сч[её]т[\s-]*фактур|\b(?:э?сф|esf|sf)\b|schet[\s-]*faktur"),
    (DocType.acceptance_certificate, r"акт\w*\s+при[её]ма|\bапп\b|\bapp\b|akt[\s-]*priema"),
    (DocType.act, r"\bакт\w*\b|\bавр\b|\bakt\b|\bavr\b"),
    (DocType.payment_order, r"плат[её]ж\w*|\bпп\b|\bpp\b|payment|platezh\w*"),
    (DocType.ktp_extract, r"\bктп\b|\bотп\b|реестр\w*|\bktp\b|reestr"),
    (DocType.waybill, r"накладн\w*|\bз-?2\b|\bz-?2\b|nakladn\w*"),
    (DocType.applicant_report, r"отч[её]т\w*|otchet"),
    (DocType.application, r"заявк\w*|zayavk\w*"),
    (DocType.technical_passport, r"паспорт\w*|pasport\w*"),
    (DocType.order, r"приказ\w*|prikaz|бұйрық"),
    (DocType.contract, r"договор\w*|dogovor\w*|\bконтракт\w*|contract"),
)
_PATTERNS = tuple((kind, re.compile(rx, re.IGNORECASE)) for kind, rx in _KINDS)
_SUPPLEMENT = re.compile(r"\bдс\b|доп\w*\s+соглашени", re.IGNORECASE)
"""`ДС №1 к договору`: a supplementary agreement, typed as the contract's paper."""


def kind_in_name(path: str) -> DocType | None:
    """The kind the file's own name (not its folders') names first, or None when it names none."""
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("_", " ")
    if _SUPPLEMENT.search(name):
        return DocType.contract
    found = [(m.start(), kind) for kind, rx in _PATTERNS if (m := rx.search(name))]
    return min(found, key=lambda x: x[0])[1] if found else None
