"""Conditions decided from the package: which conditional documents are due, each with its evidence.

- non-resident executor (the paragraph after each list of item 8: documents of the service / purchase and of
  the foreign entity's registration instead of invoices): no executor BIN on the deal's documents, and a
  foreign currency, a foreign address or a foreign registration document;
- tax-exempt applicant (App.3 item 8(13) and the same sub-item of each list): a tax-exemption document, or
  the application (App.1 item 13) or another document saying the applicant is exempt;
- travel / accommodation claimed (App.3 item 8(11)–(12), p.20(2)–(3)): a travel or accommodation document,
  or a payment whose text names a ticket, a carrier or a hotel;
- individual entrepreneur (p.13(5), second paragraph): the applicant's number is an IIN — a statement of all
  taxes paid over the last 3 years is attached to the application (`IE_FLAG`; not an item of item 8, so
  checked here rather than in the checklist data).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from checklists.names import FLAG_NAMES
from checklists.rules._deal import PAYMENT_TYPES, main_contracts, of_type
from checklists.rules._identifiers import is_iin
from checklists.rules._text import N_, doc_ref, joined, name, said
from checklists.rules.readings import PageScores, doubted
from models.documents import Document
from models.findings import Finding
from models.message import Message, msg
from models.package import PackageRequest
from models.vocab import CostType, DocType, Role, Severity

CODE = "condition_applied"
SEVERITY = Severity.info
IE_FLAG = "ie_applicant"
IE_CITATION = "p.13(5)"
IE_MISSING_CODE = "missing_document"
KZT = "KZT"

DEAL_TYPES = (DocType.contract, DocType.act, DocType.invoice, *PAYMENT_TYPES)

FOREIGN_ADDRESS = re.compile(
    r"(?:адрес|место\s+нахождения|местонахождени\w*|зарегистрирован\w*)[^\n]{0,80}?"
    r"(?P<country>Российская\s+Федерация|Росси[яи]|Германи[яи]|Китай|КНР|Китайская\s+Народная\s+Республика|"
    r"Турци[яи]|Итали[яи]|Франци[яи]|Беларус\w*|Узбекистан\w*|Кыргыз\w*|Южная\s+Корея|Республика\s+Корея|"
    r"Япони[яи]|США|Соединенные\s+Штаты|Австри[яи]|Чехи[яи]|Польш[аи]|Финлянди[яи]|Нидерланд\w*|"
    r"Великобритани[яи]|Швейцари[яи]|Индия|Израил\w*|Объединенные\s+Арабские\s+Эмираты|ОАЭ|"
    r"Germany|China|Russia|Turkey|Italy|France|United\s+Kingdom|USA)",
    re.IGNORECASE,
)
"""An address line naming a country other than Kazakhstan."""

EXEMPT = re.compile(r"освобожд\w*\s+от\s+уплаты\s+(?:налог\w*|\w+\s+налог\w*)", re.IGNORECASE)
TRAVEL = re.compile(
    r"авиабилет\w*|ж/д\s+билет\w*|железнодорожн\w+\s+билет\w*|проезд\w*|перевозк\w+\s+пассажир\w*",
    re.IGNORECASE,
)
HOTEL = re.compile(r"гостиниц\w*|отел[ьяюе]\w*|проживани\w*|хостел\w*", re.IGNORECASE)


@dataclass(frozen=True)
class Condition:
    """A package flag switched on, the Russian evidence for it and the documents it was read from."""

    flag: str
    text: Message
    documents: tuple[str, ...] = ()

    @property
    def evidence(self) -> str:
        """The evidence in Russian."""
        from checklists.wording import russian

        return russian(self.text, sentence=False)


def _non_resident(documents: Sequence[Document], texts: Mapping[str, str]) -> Condition | None:
    deal = [d for d in documents if d.type in DEAL_TYPES]
    if not deal:
        return None
    # a supply contract with a resident supplier (supervised installation) may sit beside the service
    # contract: the executor's BIN is looked for on the acts, invoices and payments and on a contract
    # priced like them
    paid = [d for d in deal if d.type != DocType.contract]
    contracts = main_contracts(documents)
    if any(p.role == Role.executor for d in (*paid, *contracts) for p in d.fields.parties):
        return None
    signs: list[Message] = []
    ids: list[str] = []
    for d in deal:
        total = d.fields.total
        if total is not None and total.currency != KZT:
            signs.append(msg(N_("%(doc)s — в валюте %(currency)s"), doc=doc_ref(d), currency=total.currency))
            ids.append(d.id)
            break
    for d in contracts or of_type(documents, DocType.contract):
        m = FOREIGN_ADDRESS.search(texts.get(d.id, ""))
        if m:
            signs.append(msg(N_("в %(doc)s иностранный адрес исполнителя (%(country)s)"),
                             doc=doc_ref(d, "prep"), country=m.group("country")))
            ids.append(d.id)
            break
    registration = of_type(documents, DocType.foreign_registration)
    if registration:
        signs.append(_attached(registration[0]))
        ids.append(registration[0].id)
    if not signs:
        return None
    evidence = msg(N_("ни в договоре, ни в актах, счетах и платежах нет БИН исполнителя; %(signs)s"),
                   signs=joined(signs))
    return Condition("non_resident_executor", evidence, tuple(ids))


def _attached(doc: Document) -> Message:
    return msg(N_("приложен %(doc)s"), doc=doc_ref(doc))


def _tax_exempt(documents: Sequence[Document], texts: Mapping[str, str]) -> Condition | None:
    exemption = of_type(documents, DocType.tax_exemption)
    if exemption:
        return Condition("tax_exempt", _attached(exemption[0]), (exemption[0].id,))
    for d in of_type(documents, DocType.application, DocType.applicant_report):
        m = EXEMPT.search(texts.get(d.id, ""))
        if m:
            return Condition("tax_exempt", msg(N_("в документе «%(doc)s» сказано: «%(quote)s»"),
                                               doc=doc_ref(d), quote=m.group(0)), (d.id,))
    return None


def _claimed(
    flag: str, doc_type: DocType, pattern: re.Pattern[str], documents: Sequence[Document],
    texts: Mapping[str, str],
) -> Condition | None:
    own = of_type(documents, doc_type)
    if own:
        return Condition(flag, _attached(own[0]), (own[0].id,))
    for d in of_type(documents, *PAYMENT_TYPES):
        m = pattern.search(texts.get(d.id, ""))
        if m:
            return Condition(flag, msg(N_("в назначении платежа (%(doc)s) сказано «%(quote)s»"),
                                       doc=doc_ref(d), quote=m.group(0)), (d.id,))
    return None


def conditions(
    request: PackageRequest, documents: Sequence[Document], texts: Mapping[str, str] | None = None
) -> tuple[Condition, ...]:
    """The conditions the package shows (`texts`: document id → page text, where known)."""
    texts = texts or {}
    found = [
        _non_resident(documents, texts),
        _tax_exempt(documents, texts),
    ]
    if request.cost_type == CostType.staff_competence:
        found.append(_claimed("travel_claimed", DocType.travel_document, TRAVEL, documents, texts))
        found.append(_claimed("accommodation_claimed", DocType.accommodation_document, HOTEL, documents,
                              texts))
    if is_iin(request.applicant_bin):
        found.append(Condition(
            IE_FLAG,
            msg(N_("номер заявителя %(bin)s — ИИН (5-я цифра %(digit)s: дата рождения), заявитель — "
                   "индивидуальный предприниматель"),
                bin=request.applicant_bin, digit=request.applicant_bin[4]),
        ))
    return tuple(c for c in found if c is not None)


def flags_of(found: Sequence[Condition]) -> frozenset[str]:
    return frozenset(c.flag for c in found)


def condition_findings(
    found: Sequence[Condition], documents: Sequence[Document], citations: Mapping[str, str],
    pages: PageScores | None = None,
) -> tuple[Finding, ...]:
    """One `condition_applied` (info) per condition, saying what it requires and why; for an individual
    entrepreneur without the tax statement, a `missing_document` (p.13(5)), naming what the package holds
    instead (`doubted`, with `pages`: each page's type scores)."""
    out: list[Finding] = []
    for c in found:
        out.append(Finding(
            code=CODE, severity=SEVERITY, citation=citations.get(c.flag, IE_CITATION),
            documents=c.documents,
            **said(msg(N_("Учтено условие: %(flag)s. Основание: %(evidence)s."),
                       flag=Message(id=FLAG_NAMES[c.flag]), evidence=c.text)),
        ))
        if c.flag == IE_FLAG and not of_type(documents, DocType.tax_statement):
            doubt = doubted(
                msg(N_("Нет документа: %(name)s по всем налогам, уплаченным за последние 3 года до даты "
                       "подачи заявки. Требуется, так как заявитель — индивидуальный предприниматель "
                       "(%(evidence)s)."),
                    name=name(DocType.tax_statement), evidence=c.text),
                Severity.error, (DocType.tax_statement,), documents, pages)
            out.append(Finding(code=IE_MISSING_CODE, severity=doubt.severity, citation=IE_CITATION,
                               doc_type=DocType.tax_statement, file=doubt.file, page=doubt.page,
                               documents=doubt.documents, **said(doubt.message)))
    return tuple(out)
