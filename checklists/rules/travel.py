"""Travel and accommodation of staff sent to training (p.20(2)–(3), App.3 item 8(11)–(12), p.23).

What the travel and accommodation documents may claim, read from their page text:

- travel once to the place of training and back (p.20(2) «однократно»): per passenger (the IIN printed on
  the ticket), legs beyond one out and one back are left out;
- rail no higher than a compartment car (not a sleeping car «СВ», not the "Турист" / "Бизнес" classes of
  high-speed trains), air economy class (App.3 item 8(11));
- a "стандарт" room (App.3 item 8(12)); the stay no longer than 1 month for training or retraining and 3
  months for qualification upgrade (p.20(3)) — the nights beyond are left out, pro rata, when the kind of
  training is named by the order, certificate or contract;
- no per diem (p.20(3) «кроме затрат на суточные»): a per diem line of a hotel's bill is left out.

Each exclusion is a warning naming the document, what it claims, what the Rules allow and the amount left
out; `allowed` gives the reimbursement the amount each document may still claim.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from checklists.rules._deal import TRIP_TYPES, of_type
from checklists.rules._text import N_, NOTHING, days, doc_ref, locate, ru_date, ru_money, said
from checklists.rules.window import months_before
from models.documents import Document
from models.findings import Finding
from models.message import Message, msg
from models.package import PackageRequest
from models.vocab import CostType, DocType, Severity

TRAVEL_CODE = "travel_over_limit"
STAY_CODE = "accommodation_over_limit"
SEVERITY = Severity.warning
TRAVEL_CITATION = "p.20(2); App.3 item 8(11); p.23"
STAY_CITATION = "p.20(3); App.3 item 8(12); p.23"
TIYN = Decimal("0.01")

RAIL_ABOVE = re.compile(
    r"(?-i:(?<![А-ЯЁA-Zа-яёa-z])СВ(?![А-ЯЁA-Zа-яёa-z-]))|спальн\w*\s+ваго\w*|мягк\w*\s+ваго\w*|люкс|"
    r"класс\w*\s*[«\"]?(?:турист|бизнес)|[«\"](?:турист|бизнес)[»\"]",
    re.IGNORECASE,
)
"""Rail above a compartment: a sleeping car (2-berth «СВ», soft sofas), the "Турист" / "Бизнес" classes."""
AIR_ABOVE = re.compile(r"бизнес[\s-]*класс\w*|(?<![а-яё])бизнес\s*\([A-Z]\)|business\s+class|"
                       r"first\s+class|перв\w+\s+класс\w*|комфорт[\s-]*класс\w*", re.IGNORECASE)
"""Air above economy: business, first or comfort class."""
ROOM_ABOVE = re.compile(r"полулюкс|люкс|suite|делюкс|deluxe|апартамент\w*|junior|superior|"
                        r"бизнес[\s-]*(?:номер|класс)|категори\w+\s+[«\"]?(?:комфорт|улучшенн\w+)",
                        re.IGNORECASE)
"""A room above the "стандарт" category."""
PER_DIEM_LINE = re.compile(
    r"(?P<word>суточны\w*)[^\n]*?(?P<amount>\d{1,3}(?:[ \u00a0]\d{3})*[.,]\d{2})(?![\d ]*[.,]\d{2})",
    re.IGNORECASE,
)
"""A per diem line of a hotel's bill with its amount (the last figure with kopecks on the line)."""
LEG = re.compile(r"эконом|economy|бизнес|business|купе|плацкарт|"
                 r"(?-i:(?<![А-ЯЁA-Zа-яёa-z])СВ(?![А-ЯЁA-Zа-яёa-z-]))", re.IGNORECASE)
"""One leg: the class printed per segment of a ticket (an itinerary receipt prints one per flight)."""
IIN = re.compile(r"ИИН\D{0,12}(\d{12})")
UPGRADE = re.compile(r"повышени\w*\s+квалификаци\w*", re.IGNORECASE)
TRAINING = re.compile(r"профессиональн\w+\s+подготовк\w*|переподготовк\w*", re.IGNORECASE)
STAY_DATES = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})\s*[–—-]\s*(\d{2})\.(\d{2})\.(\d{4})")
CHECK_IN = re.compile(r"(?:заезд|прибыти\w*|check-in)\D{0,12}(\d{2})\.(\d{2})\.(\d{4})", re.IGNORECASE)
CHECK_OUT = re.compile(r"(?:выезд|убыти\w*|check-out)\D{0,12}(\d{2})\.(\d{2})\.(\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    """Findings and, per travel or accommodation document, the amount it may claim (its currency)."""

    findings: tuple[Finding, ...]
    allowed: Mapping[str, Decimal]


def _date(groups: Sequence[str]) -> date | None:
    try:
        return date(int(groups[2]), int(groups[1]), int(groups[0]))
    except ValueError:
        return None


def _finding(code: str, citation: str, doc: Document, message: Message) -> Finding:
    file, page, bbox = locate(doc, doc.fields.total)
    return Finding(code=code, severity=SEVERITY, citation=citation, doc_type=doc.type, documents=(doc.id,),
                   file=file, page=page, bbox=bbox, **said(message))


def _left_out(doc: Document, amount: Decimal) -> Message:
    assert doc.fields.total is not None
    return msg(N_("В расчет возмещения не включено %(amount)s."),
               amount=ru_money(amount, doc.fields.total.currency))


def _legs(text: str) -> int:
    return max(1, min(2, len(LEG.findall(text))))


def _passenger(text: str, applicant_bin: str) -> str:
    found = [m.group(1) for m in IIN.finditer(text) if m.group(1) != applicant_bin]
    return found[0] if found else ""


def _training_kind(documents: Sequence[Document], texts: Mapping[str, str]) -> str | None:
    """`upgrade` (qualification upgrade: 3 months), `training` (training or retraining: 1 month) or None
    when the order and the certificates name neither or both."""
    sources = of_type(documents, DocType.order, DocType.training_certificate)
    text = "\n".join(texts.get(d.id, "") for d in sources)
    upgrade, training = bool(UPGRADE.search(text)), bool(TRAINING.search(text))
    if upgrade == training:
        return None
    return "upgrade" if upgrade else "training"


def _travel(doc: Document, text: str, out: list[Finding]) -> bool:
    """Whether the ticket is in a class the Rules allow (a finding otherwise)."""
    assert doc.fields.total is not None
    rail = RAIL_ABOVE.search(text)
    air = AIR_ABOVE.search(text)
    hit = rail or air
    if hit is None:
        return True
    out.append(_finding(TRAVEL_CODE, TRAVEL_CITATION, doc, msg(
        N_("%(doc)s: класс проезда «%(quote)s». Проезд возмещается по железной дороге — по тарифу купейного "
           "вагона (кроме спального вагона «СВ» и классов «Турист» и «Бизнес» скоростных поездов), воздушным "
           "транспортом — по тарифу экономического класса. %(left_out)s"),
        doc=doc_ref(doc), quote=hit.group(0), left_out=_left_out(doc, doc.fields.total.amount))))
    return False


def _stay(
    doc: Document, text: str, kind: str | None, out: list[Finding]
) -> Decimal:
    """The part of the hotel's total the Rules allow (a finding for each part left out)."""
    assert doc.fields.total is not None
    total = doc.fields.total.amount
    room = ROOM_ABOVE.search(text)
    if room is not None:
        out.append(_finding(STAY_CODE, STAY_CITATION, doc, msg(
            N_("%(doc)s: номер «%(quote)s» — проживание возмещается по стоимости номера категории "
               "«стандарт». %(left_out)s"),
            doc=doc_ref(doc), quote=room.group(0), left_out=_left_out(doc, total))))
        return Decimal(0)
    per_diem = PER_DIEM_LINE.search(text)
    if per_diem is not None:
        amount = Decimal(re.sub(r"\s", "", per_diem.group("amount")).replace(",", "."))
        if 0 < amount < total:
            out.append(_finding(STAY_CODE, STAY_CITATION, doc, msg(
                N_("%(doc)s: в документе указаны «%(quote)s» (%(amount)s) — суточные не возмещаются. "
                   "%(left_out)s"), doc=doc_ref(doc), quote=per_diem.group("word"),
                amount=ru_money(amount, doc.fields.total.currency), left_out=_left_out(doc, amount))))
            total -= amount
    span = STAY_DATES.search(text)
    begin = _date(span.groups()[:3]) if span else None
    end = _date(span.groups()[3:]) if span else None
    if begin is None or end is None:
        cin, cout = CHECK_IN.search(text), CHECK_OUT.search(text)
        begin = _date(cin.groups()) if cin else None
        end = _date(cout.groups()) if cout else None
    if kind is None or begin is None or end is None or end <= begin:
        return total
    months = 3 if kind == "upgrade" else 1
    limit_end = months_before(begin, -months)
    if end <= limit_end:
        return total
    nights, allowed_nights = (end - begin).days, (limit_end - begin).days
    allowed = (total * allowed_nights / nights).quantize(TIYN, rounding=ROUND_HALF_UP)
    what = msg(N_("повышении квалификации — не более 3 месяцев")) if kind == "upgrade" else msg(
        N_("подготовке или переподготовке — не более 1 месяца"))
    out.append(_finding(STAY_CODE, STAY_CITATION, doc, msg(
        N_("%(doc)s: проживание с %(begin)s по %(end)s — %(nights)s; проживание возмещается при %(what)s (по "
           "%(limit)s, %(allowed_nights)s). Принято %(allowed)s пропорционально суткам. %(left_out)s"),
        doc=doc_ref(doc), begin=ru_date(begin), end=ru_date(end), nights=days(nights), what=what,
        limit=ru_date(limit_end), allowed_nights=days(allowed_nights),
        allowed=ru_money(allowed, doc.fields.total.currency), left_out=_left_out(doc, total - allowed))))
    return allowed


def travel_limits(
    request: PackageRequest, documents: Sequence[Document], texts: Mapping[str, str] | None = None
) -> Limits:
    """Staff competence: the travel and accommodation documents checked against the limits of p.20, App.3
    item 8(11)–(12); documents whose text is unknown are taken as they are."""
    if request.cost_type != CostType.staff_competence:
        return Limits((), {})
    texts = texts or {}
    out: list[Finding] = []
    allowed: dict[str, Decimal] = {}
    kind = _training_kind(documents, texts)
    legs: dict[str, int] = {}
    travel = sorted((d for d in of_type(documents, DocType.travel_document) if d.fields.total),
                    key=lambda d: d.fields.date.value if d.fields.date else date.max)
    for d in travel:
        assert d.fields.total is not None
        text = texts.get(d.id, "")
        if not text:
            continue
        who = _passenger(text, request.applicant_bin)
        n = _legs(text)
        if legs.get(who, 0) + n > 2:
            out.append(_finding(TRAVEL_CODE, TRAVEL_CITATION, d, msg(
                N_("%(doc)s: проезд к месту обучения и обратно возмещается однократно, а "
                   "%(passenger)sпоездки туда и обратно уже подтверждены другими проездными документами. "
                   "%(left_out)s"),
                doc=doc_ref(d), left_out=_left_out(d, d.fields.total.amount),
                passenger=msg(N_("для пассажира с ИИН %(iin)s "), iin=who) if who else NOTHING)))
            allowed[d.id] = Decimal(0)
            continue
        legs[who] = legs.get(who, 0) + n
        if not _travel(d, text, out):
            allowed[d.id] = Decimal(0)
    for d in of_type(documents, DocType.accommodation_document):
        text = texts.get(d.id, "")
        if d.fields.total is None or not text:
            continue
        part = _stay(d, text, kind, out)
        if part != d.fields.total.amount:
            allowed[d.id] = part
    return Limits(tuple(out), allowed)


__all__ = ["STAY_CODE", "TRAVEL_CODE", "TRIP_TYPES", "Limits", "travel_limits"]
