"""Eligibility hints (warnings for an officer): excluded equipment (p.5(8)), training longer than three
months (p.12(1)), accommodation beyond one or three months (p.20(3)), documents submitted twice."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from checklists.rules._deal import main_contracts, of_type, repeat_of, whole_papers
from checklists.rules._text import N_, NOTHING, by_gender, days, doc_ref, joined, locate, ru_date, said
from checklists.rules.window import months_before
from models.documents import Document
from models.files import InputFile
from models.findings import Finding
from models.message import Message, msg
from models.package import PackageRequest
from models.vocab import CostType, DocType, Severity

EXCLUDED_CODE = "excluded_equipment"
EXCLUDED_CITATION = "p.5(8)"
TRAINING_CODE = "training_too_long"
TRAINING_CITATION = "p.12(1)"
STAY_CODE = "accommodation_too_long"
STAY_CITATION = "p.20(3); App.3 item 8(12)"
DUPLICATE_CODE = "duplicate_document"
DUPLICATE_CITATION = "p.17 (затраты подтверждаются один раз; проверка продукта)"
WARNING = Severity.warning

EXCLUDED_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.IGNORECASE))
    for name, rx in (
        (N_("логистическое оборудование"), r"логистическ\w*"),
        (N_("холодильное оборудование"), r"холодильн\w*|рефрижератор\w*|морозильн\w*"),
        (N_("кран"), r"(?<![а-яё])кран(?:ы|а|ов|ом|у)?(?![а-яё])|кран-балк\w*|краны-балк\w*"),
        (N_("транспортное средство"), r"транспортн\w+\s+средств\w*|автомобил\w*|самосвал\w*|тягач\w*"),
        (N_("погрузчик"), r"погрузчик\w*|штабелер\w*|электропогрузчик\w*|вилочн\w+"),
    )
)
"""p.5(8): technological equipment excludes logistic, refrigeration equipment, cranes, vehicles, loaders."""

TRAINING_MONTHS = 3
STAY_MONTHS_TRAINING = 1
STAY_MONTHS_UPGRADE = 3


def excluded_equipment(
    request: PackageRequest, documents: Sequence[Document], texts: Mapping[str, str]
) -> tuple[Finding, ...]:
    """Excluded kinds named in an equipment purchase contract's text (`texts`: document id → page text)."""
    if request.cost_type != CostType.process_equipment:
        return ()
    out = []
    for d in main_contracts(documents) or of_type(documents, DocType.contract):
        text = texts.get(d.id, "")
        hits = [(name, m.group(0)) for name, rx in EXCLUDED_KINDS if (m := rx.search(text))]
        if not hits:
            continue
        file, page, _ = locate(d, None)
        named = joined([msg(N_("%(kind)s («%(word)s»)"), kind=Message(id=name), word=word)
                        for name, word in hits])
        out.append(Finding(
            code=EXCLUDED_CODE, severity=WARNING, citation=EXCLUDED_CITATION, doc_type=d.type,
            documents=(d.id,), file=file, page=page,
            **said(msg(N_("%(doc)s: в тексте договора названо %(named)s. Технологическим оборудованием не "
                          "считается логистическое, холодильное оборудование, краны, транспортные средства, "
                          "погрузчики — проверьте предмет договора."), doc=doc_ref(d), named=named)),
        ))
    return tuple(out)


def training_length(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """Training from the order (or, without one, the contract) to the last certificate over 3 months."""
    if request.cost_type != CostType.staff_competence:
        return ()
    starts = [d for d in of_type(documents, DocType.order) if d.fields.date]
    if not starts:
        starts = [d for d in main_contracts(documents) if d.fields.date]
    ends = [d for d in of_type(documents, DocType.training_certificate) if d.fields.date]
    if not starts or not ends:
        return ()
    first = min(starts, key=lambda d: d.fields.date.value if d.fields.date else 0)
    last = max(ends, key=lambda d: d.fields.date.value if d.fields.date else 0)
    assert first.fields.date is not None and last.fields.date is not None
    begin, end = first.fields.date.value, last.fields.date.value
    if months_before(end, TRAINING_MONTHS) <= begin:
        return ()
    file, page, bbox = locate(last, last.fields.date)
    return (Finding(
        code=TRAINING_CODE, severity=WARNING, citation=TRAINING_CITATION, doc_type=last.type,
        documents=(first.id, last.id), file=file, page=page, bbox=bbox,
        **said(msg(N_("Обучение длится дольше 3 месяцев: от %(first)s до %(last)s — %(days)s. "
                      "Продолжительность подготовки, переподготовки или повышения квалификации — не более 3 "
                      "месяцев (срок оценен по датам приказа и сертификата)."),
                   first=doc_ref(first, "gen"), last=doc_ref(last, "gen"), days=days((end - begin).days))),
    ),)


def accommodation_length(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """Accommodation from the trip out (or the order) to the hotel's final document over one month."""
    if request.cost_type != CostType.staff_competence:
        return ()
    stays = [d for d in of_type(documents, DocType.accommodation_document) if d.fields.date]
    starts = [d for d in of_type(documents, DocType.travel_document) if d.fields.date] or [
        d for d in of_type(documents, DocType.order) if d.fields.date
    ]
    if not stays or not starts:
        return ()
    first = min(starts, key=lambda d: d.fields.date.value if d.fields.date else 0)
    last = max(stays, key=lambda d: d.fields.date.value if d.fields.date else 0)
    assert first.fields.date is not None and last.fields.date is not None
    begin, end = first.fields.date.value, last.fields.date.value
    if months_before(end, STAY_MONTHS_TRAINING) <= begin:
        return ()
    over_upgrade = months_before(end, STAY_MONTHS_UPGRADE) > begin
    file, page, bbox = locate(last, last.fields.date)
    return (Finding(
        code=STAY_CODE, severity=WARNING, citation=STAY_CITATION, doc_type=last.type,
        documents=(first.id, last.id), file=file, page=page, bbox=bbox,
        **said(msg(
            N_("Проживание с %(begin)s по %(end)s (%(days)s) — дольше 3 месяцев: проживание возмещается не "
               "более 1 месяца при подготовке или переподготовке и не более 3 месяцев при повышении "
               "квалификации; вид обучения по документам не определен, проверьте (начало — по %(first)s, "
               "окончание — по %(last)s).") if over_upgrade else
            N_("Проживание с %(begin)s по %(end)s (%(days)s) — дольше 1 месяца: проживание возмещается не "
               "более 1 месяца при подготовке или переподготовке и не более 3 месяцев при повышении "
               "квалификации; вид обучения по документам не определен, проверьте (начало — по %(first)s, "
               "окончание — по %(last)s)."),
            begin=ru_date(begin), end=ru_date(end), days=days((end - begin).days),
            first=doc_ref(first, "dat"), last=doc_ref(last, "dat"))),
    ),)


def duplicates(
    request: PackageRequest, documents: Sequence[Document], files: Sequence[InputFile] = ()
) -> tuple[Finding, ...]:
    """The same document twice: same type, number and date (a payment whose number was not read: same
    date, amount and parties), or the same file content (sha256)."""
    out: list[Finding] = []
    sha_of = {f.name: f.sha256 for f in files}
    firsts: list[Document] = []
    for d in whole_papers(documents):  # a paper's later page-files are that paper, not a repeat of it
        orig = repeat_of(d, firsts)
        if orig is None:
            firsts.append(d)
            continue
        same = {sha_of.get(x.pages[0].file) if x.pages else None for x in (orig, d)}
        if len(same) == 1 and None not in same and orig.pages[0].file != d.pages[0].file:
            continue  # two copies of one file: said once, below
        file, page, bbox = locate(d, d.fields.number)
        where = (msg(N_(" (файл «%(file)s», стр. %(page)s)"), file=orig.pages[0].file,
                     page=orig.pages[0].page) if orig.pages else NOTHING)
        out.append(Finding(
            code=DUPLICATE_CODE, severity=WARNING, citation=DUPLICATE_CITATION, doc_type=d.type,
            documents=(orig.id, d.id), file=file, page=page, bbox=bbox,
            **said(msg(by_gender(
                d.type,
                N_("%(doc)s представлен повторно: тот же документ уже есть в пакете%(where)s. В суммах он "
                   "учтен один раз."),
                N_("%(doc)s представлена повторно: тот же документ уже есть в пакете%(where)s. В суммах он "
                   "учтен один раз."),
                N_("%(doc)s представлено повторно: тот же документ уже есть в пакете%(where)s. В суммах он "
                   "учтен один раз.")), doc=doc_ref(d), where=where)),
        ))
    by_sha: dict[str, InputFile] = {}
    for f in files:
        if f.error is not None or f.size == 0:
            continue
        if f.sha256 in by_sha:
            orig_file = by_sha[f.sha256]
            docs = tuple(d.id for d in documents if d.pages and d.pages[0].file in (orig_file.name, f.name))
            out.append(Finding(
                code=DUPLICATE_CODE, severity=WARNING, citation=DUPLICATE_CITATION, documents=docs,
                file=f.name,
                **said(msg(N_("Файл «%(file)s» совпадает побайтно с файлом «%(orig)s» (SHA-256)."),
                           file=f.name, orig=orig_file.name)),
            ))
        else:
            by_sha[f.sha256] = f
    return tuple(out)
