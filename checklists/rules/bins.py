"""Identifiers: BIN/IIN check digit, the applicant (upload vs documents, payer), one executor, branches."""

from collections import Counter
from collections.abc import Sequence

from checklists.rules._deal import PAYMENT_TYPES, provider_payments
from checklists.rules._text import N_, NOTHING, doc_ref, locate, said
from checklists.rules.readings import read_by_ocr
from models.documents import Document, Party
from models.findings import Finding
from models.message import Message, msg
from models.package import PackageRequest
from models.vocab import DocType, Role, Severity

INVALID_CODE = "invalid_bin"
INVALID_SEVERITY = Severity.error
INVALID_DOUBT_SEVERITY = Severity.warning
INVALID_CITATION = "БИН/ИИН: контрольный разряд (опубликованный алгоритм; не норма Правил)"

MISMATCH_CODE = "bin_mismatch"
MISMATCH_SEVERITY = Severity.warning
MISMATCH_CITATION = "БИН/ИИН заявителя: сверка с документами пакета (проверка продукта; не норма Правил)"


MISREAD_CODE = "bin_misread"
MISREAD_SEVERITY = Severity.info
MISREAD_DOUBT_SEVERITY = Severity.warning
UNSURE_READING = 0.8
"""OCR confidence below which a BIN one digit off another document's valid BIN is taken for a misreading."""
DOUBTFUL_READING = 0.9
"""OCR confidence below which an invalid BIN up to `MAX_MISREAD_DIGITS` off a valid BIN of the package is
a reading to check rather than a misprint: a misprint the applicant must correct is printed legibly (a
text layer, a clean scan reads 12 digits at 0.91 and above), while a phone photo or a bad scan reads a
wrong digit at 0.7–0.85."""
MAX_MISREAD_DIGITS = 2
SAME_PARTY_DIGITS = 4
"""How far a doubtful reading may be off the BIN the package gives the same party (the applicant's at
upload, the executor's on other documents) and still be that BIN misread: two thirds of the digits agree."""


def _digits_off(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True)) if len(a) == len(b) else len(a) + len(b)


def _one_off(a: str, b: str) -> bool:
    return _digits_off(a, b) == 1


def misread_of(party: Party, doc: Document, documents: Sequence[Document],
               applicant_bin: str | None = None) -> str | None:
    """The valid BIN that `party`'s BIN is a misreading of, or None when it may be a misprint.

    An unsure OCR reading (confidence below `UNSURE_READING`) one digit off the applicant's BIN given at
    upload is the applicant's, valid or not (a misread 11th digit can leave the check digit right). An
    invalid reading below `DOUBTFUL_READING` is a misreading of the applicant's BIN or of a valid BIN
    another document carries up to `MAX_MISREAD_DIGITS` digits off it, or of the BIN the package gives
    the same party (its role; the applicant's at upload for a side of no clear role as well) up to
    `SAME_PARTY_DIGITS` off: the nearest, when no other is as near. An invalid reading, however sure, in
    the applicant's place on a paper that names the applicant by the upload BIN as well
    (`_second_applicant`) is a misreading of the other side's valid BIN another document carries up to
    `MAX_MISREAD_DIGITS` off it."""
    if party.confidence is None:
        return None
    if applicant_bin and not party.valid and _one_off(party.bin, applicant_bin) and read_by_ocr(party, doc):
        # the applicant's own BIN is known (given at upload, its check digit verified): a scan that shows it
        # one digit off with a failed check digit misread it, however sure OCR was of the wrong digit
        return applicant_bin
    if not party.valid and applicant_bin and _second_applicant(party, doc, applicant_bin) \
            and read_by_ocr(party, doc):
        other_side = {p.bin for d in documents if d.id != doc.id for p in d.fields.parties
                      if p.valid and p.role not in (Role.applicant, Role.other)}
        near = _nearest(party.bin, other_side, MAX_MISREAD_DIGITS)
        if near is not None:
            return near
    if party.confidence >= DOUBTFUL_READING or misprinted_check_digit(party, doc, documents, applicant_bin):
        return None
    unsure = party.confidence < UNSURE_READING
    if applicant_bin and unsure and _one_off(party.bin, applicant_bin):
        return applicant_bin  # a misread 11th digit leaves the check digit right: valid or not
    if party.valid:
        return None
    known = {p.bin for d in documents if d.id != doc.id for p in d.fields.parties if p.valid}
    same = {p.bin for d in documents if d.id != doc.id for p in d.fields.parties
            if p.valid and p.role == party.role and party.role != Role.other}
    if applicant_bin:
        known.add(applicant_bin)
        if party.role in (Role.applicant, Role.other):
            # a side whose role the damaged page left unclear (`other`) may be the applicant's block
            same.add(applicant_bin)
    for pool, reach in ((known, MAX_MISREAD_DIGITS), (same, SAME_PARTY_DIGITS)):
        if (nearest := _nearest(party.bin, pool, reach)) is not None:
            return nearest
    return None


def misprinted_check_digit(party: Party, doc: Document, documents: Sequence[Document],
                           applicant_bin: str | None) -> str | None:
    """The valid BIN of another document whose first eleven digits `party`'s invalid BIN repeats, only its
    check digit differing, when OCR read it at least `UNSURE_READING` sure; else None.

    The check digit is computed from the eleven before it, so a paper that repeats those eleven and fails
    the check carries a wrong check digit: the paper's misprint, not a misreading (OCR slips on any of the
    twelve digits, and reads a slipped one unsurely). The applicant's BIN is left to `misread_of` (known
    at upload, a failed reading of it is a misreading)."""
    if party.valid or party.confidence is None or party.confidence < UNSURE_READING \
            or not read_by_ocr(party, doc):
        return None
    known = {p.bin for d in documents if d.id != doc.id for p in d.fields.parties
             if p.valid and p.bin != applicant_bin}
    return next((b for b in sorted(known) if len(b) == len(party.bin) and b[:-1] == party.bin[:-1]), None)


def _nearest(value: str, pool: set[str], reach: int) -> str | None:
    """The BIN of `pool` nearest `value`, at most `reach` digits off, when no other is as near."""
    near = sorted((n, b) for b in pool if 0 < (n := _digits_off(b, value)) <= reach)
    return near[0][1] if near and (len(near) == 1 or near[0][0] < near[1][0]) else None


def _second_applicant(party: Party, doc: Document, applicant_bin: str) -> bool:
    """`party` is read as the applicant on a paper that names the applicant by the BIN given at upload as
    well: a second applicant's BIN is another side's number the damaged page's reading put in the wrong
    place, not the applicant's misprint."""
    return party.role == Role.applicant and party.bin != applicant_bin and any(
        p.role == Role.applicant and p.bin == applicant_bin for p in doc.fields.parties)


def misread_severity(party: Party, meant: str) -> Severity:
    """`info` for an unsure reading one digit off (almost surely OCR's); `warning` for a doubtful one or
    two digits off, which the officer compares with the page, and for a sure one (the applicant's BIN
    misread on a scan)."""
    unsure = party.confidence is not None and party.confidence < UNSURE_READING
    return MISREAD_SEVERITY if unsure and _one_off(party.bin, meant) else MISREAD_DOUBT_SEVERITY


_DIGITS_OFF = {1: N_("одной цифрой"), 2: N_("двумя цифрами"), 3: N_("тремя цифрами"),
               4: N_("четырьмя цифрами")}


def _who(name: str | None) -> Message:
    """` (ТОО «Альфа»)` after a BIN, or nothing."""
    return msg(N_(" (%(name)s)"), name=name) if name else NOTHING


def _sure(party: Party) -> bool:
    """Was the party's BIN read at least `DOUBTFUL_READING` sure (a misread it is only as the applicant's)?"""
    return not (party.confidence or 0) < DOUBTFUL_READING


def _misread_text(doc: Document, party: Party, who: str, meant: str, applicant_bin: str | None) -> Message:
    """The `bin_misread` message: a sure reading of a wrong digit of the applicant's BIN on a scan, or an
    unsure reading off the applicant's BIN or another document's."""
    if _sure(party) and meant != applicant_bin:
        return msg(
            N_("%(doc)s: БИН/ИИН прочитан как %(bin)s%(who)s и не проходит проверку контрольного разряда, "
               "а заявитель в документе уже указан с БИН/ИИН, указанным при загрузке; в других документах "
               "пакета другая сторона — %(meant)s, отличается %(digits)s. Похоже на ошибку распознавания "
               "скана: проверьте номер на странице."),
            doc=doc_ref(doc), bin=party.bin, who=_who(who), meant=meant,
            digits=msg(_DIGITS_OFF[_digits_off(party.bin, meant)]))
    if _sure(party):
        return msg(
            N_("%(doc)s: БИН/ИИН прочитан как %(bin)s%(who)s (достоверность распознавания "
               "%(confidence)s) и не проходит проверку контрольного разряда; БИН/ИИН заявителя, "
               "указанный при загрузке, — %(meant)s, отличается одной цифрой. Похоже на ошибку "
               "распознавания скана: проверьте номер на странице."),
            doc=doc_ref(doc), bin=party.bin, who=_who(who), confidence=f"{party.confidence:.2f}", meant=meant)
    return msg(
        N_("%(doc)s: БИН/ИИН прочитан как %(bin)s%(who)s неуверенно (достоверность "
           "распознавания %(confidence)s)%(invalid)s; %(meant)s, отличается %(digits)s. "
           "Скорее всего, это ошибка распознавания: проверьте номер на странице."),
        doc=doc_ref(doc), bin=party.bin, who=_who(who), confidence=f"{party.confidence:.2f}",
        digits=msg(_DIGITS_OFF[_digits_off(party.bin, meant)]),
        invalid=NOTHING if party.valid else msg(N_(" и не проходит проверку контрольного разряда")),
        meant=msg(N_("БИН/ИИН заявителя, указанный при загрузке, — %(bin)s"), bin=meant)
        if meant == applicant_bin
        else msg(N_("в других документах пакета — %(bin)s"), bin=meant))


def unsure_reading(party: Party, doc: Document) -> bool:
    """The BIN was read by OCR below `DOUBTFUL_READING`: its failed check digit may be OCR's, not the
    paper's (a misprint the applicant corrects is printed legibly and read surely)."""
    return party.confidence is not None and party.confidence < DOUBTFUL_READING and read_by_ocr(party, doc)


def named_otherwise(party: Party, doc: Document, documents: Sequence[Document],
                    applicant_bin: str | None) -> str | None:
    """The valid BIN by which a paper read by OCR names the side of `party`'s invalid BIN as well, when the
    package confirms it for that side (the applicant's given at upload; another document's side of the
    same role), else None: a second number of one side with a failed check digit is another number of
    the page (a signatory's IIN) or a misreading, not that side's misprint."""
    if party.valid or party.role == Role.other or not read_by_ocr(party, doc):
        return None
    confirmed = {p.bin for d in documents if d.id != doc.id for p in d.fields.parties
                 if p.valid and p.role == party.role}
    if party.role == Role.applicant and applicant_bin:
        confirmed.add(applicant_bin)
    return next((p.bin for p in doc.fields.parties
                 if p.valid and p.role == party.role and p.bin != party.bin and p.bin in confirmed), None)


def invalid_bins(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """`invalid_bin` for every party whose BIN/IIN fails the check digit (`Party.valid` is False); a
    `bin_misread` note instead where OCR was unsure and another document carries the BIN one digit off.
    An invalid BIN OCR read unsurely, near no BIN of the package, is `invalid_bin` at warning
    (`unsure_reading`): a number to check on the page, not the applicant's error."""
    findings: list[Finding] = []
    for doc in documents:
        for party in doc.fields.parties:
            meant = misread_of(party, doc, documents, request.applicant_bin)
            if party.valid and meant is None:
                continue
            who = ", ".join(x for x in (party.name, party.position) if x)
            file, page, bbox = locate(doc, party)
            if meant is not None:
                findings.append(Finding(
                    code=MISREAD_CODE, severity=misread_severity(party, meant), citation=INVALID_CITATION,
                    doc_type=doc.type, documents=(doc.id,), file=file, page=page, bbox=bbox,
                    **said(_misread_text(doc, party, who, meant, request.applicant_bin)),
                ))
                continue
            named = named_otherwise(party, doc, documents, request.applicant_bin)
            if named is not None:
                findings.append(Finding(
                    code=INVALID_CODE, severity=INVALID_DOUBT_SEVERITY, citation=INVALID_CITATION,
                    doc_type=doc.type, documents=(doc.id,), file=file, page=page, bbox=bbox,
                    **said(msg(N_("%(doc)s: с копии прочитан номер %(bin)s%(who)s, который не "
                                  "проходит проверку контрольного разряда, но эта сторона в документе уже "
                                  "указана с БИН/ИИН %(named)s, как и в других документах пакета. Вероятно, "
                                  "это другой номер страницы (например, ИИН подписавшего лица) или ошибка "
                                  "распознавания: проверьте номер на странице."),
                               doc=doc_ref(doc), bin=party.bin, who=_who(who), named=named)),
                ))
                continue
            misprint = misprinted_check_digit(party, doc, documents, request.applicant_bin)
            doubtful = misprint is None and unsure_reading(party, doc)
            text = (msg(N_("%(doc)s: БИН/ИИН %(bin)s%(who)s не проходит проверку контрольного разряда: "
                           "первые 11 цифр совпадают с БИН/ИИН %(meant)s в других документах пакета, "
                           "отличается только контрольный разряд — похоже на опечатку в номере."),
                        doc=doc_ref(doc), bin=party.bin, who=_who(who), meant=misprint)
                    if misprint is not None else
                    msg(N_("%(doc)s: БИН/ИИН прочитан как %(bin)s%(who)s неуверенно (достоверность "
                           "распознавания %(confidence)s) и не проходит проверку контрольного разряда. "
                           "Проверьте номер на странице: это может быть ошибка распознавания."),
                        doc=doc_ref(doc), bin=party.bin, who=_who(who), confidence=f"{party.confidence:.2f}")
                    if doubtful else
                    msg(N_("%(doc)s: БИН/ИИН %(bin)s%(who)s не проходит проверку контрольного разряда "
                           "— ошибка в номере или в распознавании."),
                        doc=doc_ref(doc), bin=party.bin, who=_who(who)))
            findings.append(
                Finding(
                    code=INVALID_CODE,
                    severity=INVALID_DOUBT_SEVERITY if doubtful else INVALID_SEVERITY,
                    **said(text),
                    citation=INVALID_CITATION,
                    doc_type=doc.type,
                    documents=(doc.id,),
                    file=file,
                    page=page,
                    bbox=bbox,
                )
            )
    return tuple(findings)


def applicant_bin_mismatch(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """`bin_mismatch` when the BIN given at upload is on no document as the applicant's.

    Silent for an empty package (completeness already reports it); points at the documents whose
    applicant carries another BIN.
    """
    if not documents:
        return ()
    # an unsure reading one digit off the upload BIN is the applicant misread (`bin_misread` says so)
    misread = {(doc.id, party.bin) for doc in documents for party in doc.fields.parties
               if misread_of(party, doc, documents, request.applicant_bin) == request.applicant_bin}
    others = [
        (doc, party)
        for doc in documents
        for party in doc.fields.parties
        if party.role == Role.applicant and party.bin != request.applicant_bin
        and (doc.id, party.bin) not in misread
    ]
    if any(
        party.role == Role.applicant
        and (party.bin == request.applicant_bin or (doc.id, party.bin) in misread)
        for doc in documents
        for party in doc.fields.parties
    ):
        return ()
    if others:
        message = msg(N_("БИН/ИИН заявителя %(bin)s, указанный при загрузке, не найден ни в одном документе "
                         "пакета в качестве заявителя; заявитель в документах указан с БИН/ИИН %(others)s."),
                      bin=request.applicant_bin, others=", ".join(sorted({party.bin for _, party in others})))
    else:
        message = msg(N_("БИН/ИИН заявителя %(bin)s, указанный при загрузке, не найден ни в одном документе "
                         "пакета в качестве заявителя."), bin=request.applicant_bin)
    file, page, bbox = locate(others[0][0], others[0][1]) if others else (None, None, None)
    return (
        Finding(
            code=MISMATCH_CODE,
            severity=MISMATCH_SEVERITY,
            **said(message),
            citation=MISMATCH_CITATION,
            documents=tuple(dict.fromkeys(doc.id for doc, _ in others)),
            file=file,
            page=page,
            bbox=bbox,
        ),
    )


def _mismatch(doc: Document, party: Party, message: Message) -> Finding:
    file, page, bbox = locate(doc, party)
    return Finding(code=MISMATCH_CODE, severity=MISMATCH_SEVERITY, **said(message),
                   citation=MISMATCH_CITATION, doc_type=doc.type, documents=(doc.id,), file=file, page=page,
                   bbox=bbox)


def applicant_on_documents(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """`bin_mismatch` for each document whose applicant (by position: customer, buyer, payer …) carries
    another valid BIN than the one given at upload, when the upload BIN is on some document (otherwise
    `applicant_bin_mismatch` says it once for the package). A branch BIN is left to `branch_bins`."""
    if not any(p.bin == request.applicant_bin and p.role == Role.applicant
               for d in documents for p in d.fields.parties):
        return ()
    out = []
    for doc in documents:
        if doc.type == DocType.other:
            continue  # a paper of no listed kind has no applicant to compare (wrong_document covers it)
        for party in doc.fields.parties:
            if (party.role != Role.applicant or party.bin == request.applicant_bin or not party.valid
                    or is_branch_bin(party.bin)
                    or misread_of(party, doc, documents, request.applicant_bin) is not None):
                continue
            out.append(_payer_finding(request, doc, party))
    executors = {p.bin for d in documents if d.type in EXECUTOR_TYPES and d.type not in PAYMENT_TYPES
                 for p in d.fields.parties if p.role == Role.executor and p.valid}
    for doc in documents:
        payer = _stranger_paying(doc, request.applicant_bin, executors)
        if payer is not None and not any(f.documents == (doc.id,) for f in out):
            out.append(_payer_finding(request, doc, payer))
    return tuple(out)


def _payer_finding(request: PackageRequest, doc: Document, party: Party) -> Finding:
    template = (N_("%(doc)s: плательщик указан с БИН/ИИН %(bin)s%(who)s, а БИН/ИИН заявителя, указанный при "
                   "загрузке, — %(applicant)s. Оплата должна быть произведена самим заявителем.")
                if doc.type in PAYMENT_TYPES else
                N_("%(doc)s: заявитель указан с БИН/ИИН %(bin)s%(who)s, а БИН/ИИН заявителя, указанный при "
                   "загрузке, — %(applicant)s."))
    return _mismatch(doc, party, msg(template, doc=doc_ref(doc), bin=party.bin, who=_who(party.name),
                                     applicant=request.applicant_bin))


def _other_side(doc: Document, side: set[str]) -> Party | None:
    """On a payment document naming a company of `side` (valid BIN): the one other company it names, or
    None when it names none or several (branches aside)."""
    valid = [p for p in doc.fields.parties if p.valid]
    if doc.type not in PAYMENT_TYPES or not any(p.bin in side for p in valid):
        return None
    others = [p for p in valid if p.bin not in side and not is_branch_bin(p.bin)]
    return others[0] if len(others) == 1 else None


def _stranger_paying(doc: Document, applicant_bin: str, executors: set[str]) -> Party | None:
    """On a payment document without the applicant's BIN, between the deal's executor and exactly one other
    company: that company (it pays in the applicant's place, e.g. the debtor of a netting act)."""
    if any(p.bin == applicant_bin for p in doc.fields.parties):
        return None
    return _other_side(doc, executors)


EXECUTOR_TYPES = (DocType.contract, DocType.act, DocType.invoice, *PAYMENT_TYPES)


def executor_consistency(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """`bin_mismatch` where the executor on an act, invoice or payment (beneficiary) is not the contract's.

    The reference is the main contract's executor, or the most frequent executor BIN without one. Only
    valid BINs are compared (a failed check digit is `invalid_bin` already).
    """
    to_providers = provider_payments(documents)
    documents = [d for d in documents if d.id not in to_providers]
    seen = [
        (doc, party)
        for doc in documents
        if doc.type in EXECUTOR_TYPES
        for party in doc.fields.parties
        if party.role == Role.executor and party.valid
    ]
    contracts = [(d, p) for d, p in seen if d.type == DocType.contract]
    pool = contracts or seen
    if not pool:
        return ()
    counts = Counter(p.bin for _, p in pool)
    reference, _ = counts.most_common(1)[0]
    ref_doc = next(d for d, p in pool if p.bin == reference)
    # a payment between the applicant and one other company, none of them the deal's executor: that company
    # is the beneficiary whatever word the paper uses for it (a netting act names both sides alike)
    executors = {p.bin for _, p in seen}
    for doc in documents:
        if any(p.role == Role.executor or p.bin in executors for p in doc.fields.parties):
            continue
        payee = _other_side(doc, {request.applicant_bin})
        if payee is not None:
            seen.append((doc, payee))
    out = []
    for doc, party in seen:
        if party.bin == reference or any(p.bin == reference for p in doc.fields.parties):
            continue
        template = (N_("%(doc)s: получатель платежа (бенефициар) указан с БИН/ИИН %(bin)s%(who)s, а в "
                       "%(ref)s исполнитель — БИН/ИИН %(reference)s.") if doc.type in PAYMENT_TYPES else
                    N_("%(doc)s: исполнитель (поставщик) указан с БИН/ИИН %(bin)s%(who)s, а в %(ref)s "
                       "исполнитель — БИН/ИИН %(reference)s."))
        out.append(_mismatch(doc, party, msg(template, doc=doc_ref(doc), bin=party.bin, who=_who(party.name),
                                             ref=doc_ref(ref_doc, "prep"), reference=reference)))
    return tuple(out)


BRANCH_CODE = "branch_bin"
BRANCH_SEVERITY = Severity.warning
BRANCH_CITATION = (
    "БИН: 5-й разряд — вид лица (4 — юридическое лицо-резидент, 5 — нерезидент), 6-й — признак "
    "(1 — филиал); структура БИН, не норма Правил"
)


def is_branch_bin(value: str) -> bool:
    """A BIN of a branch: 5th digit 4 or 5 (legal entity, resident or not), 6th digit 1 (branch).

    An IIN cannot match: its 5th–6th digits are a day of birth (01–31)."""
    return len(value) == 12 and value.isdigit() and value[4] in "45" and value[5] == "1"


def branch_bins(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """`branch_bin` where a branch signs for the applicant (a branch is not a legal entity of its own)."""
    out = []
    for doc in documents:
        for party in doc.fields.parties:
            if party.role != Role.applicant or not party.valid or not is_branch_bin(party.bin):
                continue
            file, page, bbox = locate(doc, party)
            out.append(Finding(
                code=BRANCH_CODE, severity=BRANCH_SEVERITY, citation=BRANCH_CITATION, doc_type=doc.type,
                documents=(doc.id,), file=file, page=page, bbox=bbox,
                **said(msg(N_("%(doc)s: за заявителя выступает филиал (БИН/ИИН %(bin)s%(name)s), а заявитель "
                              "— БИН/ИИН %(applicant)s. Проверьте полномочия филиала (доверенность) и что "
                              "затраты понесены заявителем."),
                           doc=doc_ref(doc), bin=party.bin, applicant=request.applicant_bin,
                           name=msg(N_(", %(name)s"), name=party.name) if party.name else NOTHING)),
            ))
    return tuple(out)


def bins(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """Invalid BINs, the applicant BIN (upload vs documents, payer), the executor, branches."""
    return (
        invalid_bins(request, documents)
        + applicant_bin_mismatch(request, documents)
        + applicant_on_documents(request, documents)
        + executor_consistency(request, documents)
        + branch_bins(request, documents)
    )
