"""Eligibility the documents can show (p.12, p.13): warnings for an officer, read from fields and page text.

- tax payments growing every year over the 3 years before the application (p.13(5)), from the figures of
  App.1 item 13; not required of an applicant registered less than 7 calendar years before (p.13(5); the
  App.1 form says 2 years — the paragraph of the Rules is followed and the message names both) or exempt
  from taxes;
- equipment new, "не бывшего в эксплуатации" (p.12(2), p.12(3)): «б/у», «бывшее в эксплуатации» in the
  deal's documents, or a manufacture date earlier than the year the contract requires;
- digital equipment inside the closed list (p.12(2)): 3D scanner, 3D printer, wide-format plotter with
  scanning and copying;
- the register extract names the applicant and is in force on the application date (p.13(6));
- training not for the staff of the finance, administrative or legal departments (p.12(1)).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from checklists.rules._deal import TRANSFER_TYPES, main_contracts, of_type
from checklists.rules._identifiers import is_iin, registration_date
from checklists.rules._text import N_, NOTHING, doc_ref, joined, locate, ru_date, ru_money, said
from checklists.rules.window import months_before
from models.documents import Document
from models.findings import Finding
from models.message import msg
from models.package import PackageRequest
from models.vocab import EQUIPMENT_COST_TYPES, CostType, DocType, Severity

SEVERITY = Severity.warning
TAX_CODE = "tax_not_growing"
TAX_CITATION = "p.13(5); App.1 item 13"
USED_CODE = "used_equipment"
USED_CITATION = "p.12(2), p.12(3): «не бывшего в эксплуатации оборудования»"
DIGITAL_CODE = "not_listed_digital"
DIGITAL_CITATION = "p.12(2)"
REGISTER_CODE = "register_extract"
REGISTER_CITATION = "p.13(6)"
TRAINEE_CODE = "ineligible_trainee"
TRAINEE_CITATION = "p.12(1)"
EXEMPT_YEARS = 7

TAX_LINE = re.compile(
    r"(20\d\d)\s*(?:год|г\.?)\s*[–—-]\s*(\d{1,3}(?:[ \u00a0]\d{3})*(?:[.,]\d{2})?)\s*(?:тенге|тг)",
    re.IGNORECASE,
)
USED = re.compile(
    r"(?<![а-яё])(?:бывш\w+\s+в\s+(?:эксплуатации|употреблении)|б/у|б\.\s?у\.|"
    r"(?<![а-яё])подержанн\w+|восстановленн\w+)",
    re.IGNORECASE,
)
"""Used equipment; «не бывшее в эксплуатации» (what the contracts promise) is told apart by `_negated`."""
NEGATION = re.compile(r"(?:^|[\s,(])не\s*$", re.IGNORECASE)
PROMISED_NEW = re.compile(r"нов\w*\s*,?\s+не(?![а-яё])", re.IGNORECASE)
"""«новое, не …»: the document promises new equipment (its «бывшее в эксплуатации» is that promise's, even
when a two-column page splits or joins the lines between them)."""


def _negated(text: str, start: int) -> bool:
    """«не» right before the match — on its line, or ending one of the two lines before when no word runs
    into the match on its own line (a two-column Kazakh/Russian page interleaves or joins the columns'
    lines: «…новое, не» / «…ҚҚС 12% – бывшее в эксплуатации …»)."""
    lines = text[:start].split("\n")
    if NEGATION.search(lines[-1]):
        return True
    return not re.search(r"[а-яёa-z]\s*$", lines[-1], re.IGNORECASE) and any(
        NEGATION.search(ln) for ln in lines[-3:-1])
NOT_BEFORE = re.compile(r"год\w*\s+(?:изготовления|выпуска)[^\n\d]{0,30}не\s+ранее\s+(20\d\d)", re.IGNORECASE)
MADE = re.compile(r"(?:дата|год)\s+(?:изготовления|выпуска)\D{0,20}(?:(\d{2})\.(\d{2})\.)?(20\d\d)",
                  re.IGNORECASE)
DIGITAL_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("3D-сканер", re.compile(r"3\s?[DД][\s-]*сканер", re.IGNORECASE)),
    ("3D-принтер", re.compile(r"3\s?[DД][\s-]*принтер", re.IGNORECASE)),
    ("плоттер-широкоформатный принтер с функциями сканера и копирования",
     re.compile(r"плоттер(?=[\s\S]{0,200}?скан)(?=[\s\S]{0,200}?копир)", re.IGNORECASE)),
)
"""The closed list of p.12(2); a plotter must also scan and copy (both named within 200 characters after
the word «плоттер»)."""
EQUIPMENT_WORD = re.compile(r"оборудовани\w*|поставк\w*", re.IGNORECASE)
VALID_UNTIL = re.compile(r"(?:действительн\w*|срок\s+действия)[^\n\d]{0,25}(\d{2})\.(\d{2})\.(\d{4})",
                         re.IGNORECASE)
EXCLUDED_STAFF = re.compile(
    r"бухгалтер(?!и)\w*|финансов\w+\s+(?:директор|менеджер|отдел|служб)\w*|экономист\w*|юрист\w*|юрисконсульт\w*|"
    r"юридическ\w+\s+(?:отдел|служб|департамент)\w*|правов\w+\s+(?:отдел|служб|департамент)\w*|"
    r"офис-менеджер\w*|секретар\w*|делопроизводител\w*|администратор\w*|специалист\w*\s+по\s+кадрам|"
    r"кадров\w+\s+(?:служб|отдел)\w*",
    re.IGNORECASE,
)
"""Positions of the finance (accounting), administrative and legal departments (p.12(1))."""


def _amount(text: str) -> Decimal | None:
    try:
        return Decimal(re.sub(r"[\s\u00a0]", "", text).replace(",", "."))
    except InvalidOperation:
        return None


def tax_growth(
    request: PackageRequest, documents: Sequence[Document], texts: Mapping[str, str], flags: frozenset[str]
) -> tuple[Finding, ...]:
    """`tax_not_growing` when the App.1 figures of item 13 do not grow every year (p.13(5))."""
    if "tax_exempt" in flags:
        return ()
    registered = registration_date(request.applicant_bin)
    if registered is not None and months_before(request.application_date, 12 * EXEMPT_YEARS) < registered:
        return ()
    for d in of_type(documents, DocType.application):
        figures: dict[int, Decimal] = {}
        for m in TAX_LINE.finditer(texts.get(d.id, "")):
            amount = _amount(m.group(2))
            if amount is not None:
                figures.setdefault(int(m.group(1)), amount)
        years = sorted(figures)
        if len(years) < 2:
            continue
        falls = [(a, b) for a, b in pairwise(years) if figures[b] <= figures[a]]
        if not falls:
            return ()
        listed = joined([msg(N_("%(year)s — %(amount)s"), year=y, amount=ru_money(figures[y]))
                         for y in years])
        since = (msg(N_(" БИН заявителя указывает на регистрацию в %(month)s: прошло не менее %(years)s лет "
                        "(п. 13(5); в форме прил. 1, п. 13 — два года), освобождения нет."),
                     month=f"{registered:%m.%Y}", years=EXEMPT_YEARS) if registered else NOTHING)
        file, page, _ = locate(d, None)
        return (Finding(
            code=TAX_CODE, severity=SEVERITY, citation=TAX_CITATION, doc_type=d.type, documents=(d.id,),
            file=file, page=page,
            **said(msg(N_("Налоговые отчисления по заявке не растут ежегодно: %(listed)s. Требуется "
                          "ежегодное увеличение налоговых отчислений за 3 года до даты подачи "
                          "заявки.%(since)s"),
                       listed=listed, since=since)),
        ),)
    return ()


def _deal_texts(documents: Sequence[Document], texts: Mapping[str, str]) -> list[tuple[Document, str]]:
    kinds = (DocType.contract, DocType.act, DocType.invoice, DocType.technical_passport, *TRANSFER_TYPES,
             DocType.manufacturer_document)
    return [(d, texts[d.id]) for d in documents if d.type in kinds and texts.get(d.id)]


def used_equipment(
    request: PackageRequest, documents: Sequence[Document], texts: Mapping[str, str]
) -> tuple[Finding, ...]:
    """`used_equipment`: the deal's documents call it used, or it was made before the year the contract
    requires (p.12(2), p.12(3): equipment "не бывшего в эксплуатации")."""
    if request.cost_type not in EQUIPMENT_COST_TYPES:
        return ()
    for d, text in _deal_texts(documents, texts):
        promised_new = PROMISED_NEW.search(text) is not None
        m = next((m for m in USED.finditer(text) if not _negated(text, m.start())
                  and not (promised_new and m.group(0).lower().startswith("бывш"))), None)
        if m:
            file, page, _ = locate(d, None)
            return (Finding(
                code=USED_CODE, severity=SEVERITY, citation=USED_CITATION, doc_type=d.type, documents=(d.id,),
                file=file, page=page,
                **said(msg(N_("%(doc)s: «%(quote)s». Возмещается приобретение оборудования, не бывшего в "
                              "эксплуатации."), doc=doc_ref(d), quote=m.group(0))),
            ),)
    required = next(((d, int(m.group(1))) for d in main_contracts(documents)
                     if (m := NOT_BEFORE.search(texts.get(d.id, "")))), None)
    if required is None:
        return ()
    contract, year = required
    for d in of_type(documents, DocType.technical_passport, DocType.manufacturer_document):
        m = MADE.search(texts.get(d.id, ""))
        made = int(m.group(3)) if m else None
        if made is not None and made < year:
            file, page, _ = locate(d, None)
            return (Finding(
                code=USED_CODE, severity=SEVERITY, citation=USED_CITATION, doc_type=d.type,
                documents=(d.id, contract.id), file=file, page=page,
                **said(msg(N_("%(doc)s: оборудование изготовлено в %(made)s году, а по %(contract)s — не "
                              "ранее %(year)s года. Проверьте, что оборудование не было в эксплуатации."),
                           doc=doc_ref(d), made=made, contract=doc_ref(contract, "dat"), year=year)),
            ),)
    return ()


def digital_list(
    request: PackageRequest, documents: Sequence[Document], texts: Mapping[str, str]
) -> tuple[Finding, ...]:
    """`not_listed_digital`: a digital-equipment contract naming none of the three kinds of p.12(2)."""
    if request.cost_type != CostType.digital_equipment:
        return ()
    for d in main_contracts(documents):
        text = texts.get(d.id, "")
        if not EQUIPMENT_WORD.search(text):
            continue  # the subject was not read: nothing to judge
        if any(rx.search(text) for _, rx in DIGITAL_KINDS):
            return ()
        file, page, _ = locate(d, None)
        return (Finding(
            code=DIGITAL_CODE, severity=SEVERITY, citation=DIGITAL_CITATION, doc_type=d.type,
            documents=(d.id,), file=file, page=page,
            **said(msg(N_("%(doc)s: в предмете договора не найдено цифровое оборудование из перечня — "
                          "3D-сканер, 3D-принтер, плоттер-широкоформатный принтер с функциями сканера и "
                          "копирования. Проверьте предмет договора."), doc=doc_ref(d))),
        ),)
    return ()


def register_extract(
    request: PackageRequest, documents: Sequence[Document], texts: Mapping[str, str]
) -> tuple[Finding, ...]:
    """`register_extract`: the register extract names another BIN, or its validity ends before the
    application date (p.13(6): the applicant is in the register of Kazakhstani producers)."""
    out = []
    for d in of_type(documents, DocType.ktp_extract):
        file, page, _ = locate(d, None)
        named = {p.bin for p in d.fields.parties if p.valid}
        if named and request.applicant_bin not in named:
            out.append(Finding(
                code=REGISTER_CODE, severity=SEVERITY, citation=REGISTER_CITATION, doc_type=d.type,
                documents=(d.id,), file=file, page=page,
                **said(msg(N_("%(doc)s выдана на БИН/ИИН %(named)s, а заявитель — %(applicant)s: выписка "
                              "должна подтверждать, что заявитель находится в реестре казахстанских "
                              "товаропроизводителей."),
                           doc=doc_ref(d), named=", ".join(sorted(named)), applicant=request.applicant_bin)),
            ))
        m = VALID_UNTIL.search(texts.get(d.id, ""))
        if m:
            try:
                until = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue
            if until < request.application_date:
                out.append(Finding(
                    code=REGISTER_CODE, severity=SEVERITY, citation=REGISTER_CITATION, doc_type=d.type,
                    documents=(d.id,), file=file, page=page,
                    **said(msg(N_("%(doc)s действительна до %(until)s, а заявка подана %(applied)s: на дату "
                                  "подачи заявки заявитель должен находиться в реестре казахстанских "
                                  "товаропроизводителей."),
                               doc=doc_ref(d), until=ru_date(until),
                               applied=ru_date(request.application_date))),
                ))
    return tuple(out)


def trainees(
    request: PackageRequest, documents: Sequence[Document], texts: Mapping[str, str]
) -> tuple[Finding, ...]:
    """`ineligible_trainee`: the order sends an employee of the finance, administrative or legal departments
    (p.12(1): engineering, production staff and top managers, except those). Only the order's lines naming
    a person by IIN are read (the list of those sent, App.3 item 8(9)): signatures and instructions to the
    accounting department are not trainees."""
    if request.cost_type != CostType.staff_competence:
        return ()
    out = []
    for d in of_type(documents, DocType.order):
        lines = [ln for ln in texts.get(d.id, "").splitlines()
                 if any(is_iin(x) for x in re.findall(r"(?<!\d)\d{12}(?!\d)", ln))]
        m = next((m for ln in lines if (m := EXCLUDED_STAFF.search(ln))), None)
        if m:
            file, page, _ = locate(d, None)
            out.append(Finding(
                code=TRAINEE_CODE, severity=SEVERITY, citation=TRAINEE_CITATION, doc_type=d.type,
                documents=(d.id,), file=file, page=page,
                **said(msg(N_("%(doc)s: «%(quote)s». Возмещается обучение инженерно-технического и "
                              "производственного персонала, в том числе топ-менеджеров, за исключением "
                              "финансового (бухгалтерия), административного и правового подразделений."),
                           doc=doc_ref(d), quote=m.group(0))),
            ))
    return tuple(out)


def grounds(
    request: PackageRequest, documents: Sequence[Document], texts: Mapping[str, str] | None = None,
    flags: frozenset[str] = frozenset(),
) -> tuple[Finding, ...]:
    """Every eligibility check of this module."""
    texts = texts or {}
    return (tax_growth(request, documents, texts, flags) + used_equipment(request, documents, texts)
            + digital_list(request, documents, texts) + register_extract(request, documents, texts)
            + trainees(request, documents, texts))
