"""Small helpers shared by the rules: Russian wording and where a value was read."""

from datetime import date
from decimal import Decimal

from checklists.names import DOC_TYPE_NAMES
from models.base import BBox
from models.documents import Document, Evidence
from models.vocab import DocType


def ru_date(day: date) -> str:
    """`05.03.2024`."""
    return day.strftime("%d.%m.%Y")


def ru_days(n: int) -> str:
    """`1 день`, `3 дня`, `11 дней` (Russian plural of «день»)."""
    if n % 10 == 1 and n % 100 != 11:
        word = "день"
    elif n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        word = "дня"
    else:
        word = "дней"
    return f"{n} {word}"


ONE_DOCUMENT_NAMES: dict[DocType, str] = {
    DocType.settlement_document: "документ об оплате (аккредитив, взаимозачет, удержание неустойки)",
    DocType.travel_document: "проездной документ",
    DocType.accommodation_document: "документ о проживании",
    DocType.tax_exemption: "документ об освобождении от уплаты налогов",
    DocType.manufacturer_document: "документ изготовителя",
    DocType.foreign_registration: "документ о регистрации исполнителя-нерезидента",
    DocType.photo: "фотография оборудования",
    DocType.priority_goods: "документ о производстве приоритетных товаров",
}
"""Types whose list name is plural: the name of one such document, for sentences about that one."""


def one_name(doc_type: DocType) -> str:
    """The Russian name of one document of this type (nominative, lower case)."""
    return ONE_DOCUMENT_NAMES.get(doc_type, DOC_TYPE_NAMES[doc_type])


def describe(doc: Document) -> str:
    """`платежное поручение № 17 от 05.03.2024` from the document's type, number and date."""
    parts = [one_name(doc.type)]
    parts.append(f"№ {doc.fields.number.value}" if doc.fields.number else "без номера")
    if doc.fields.date:
        parts.append(f"от {ru_date(doc.fields.date.value)}")
    return " ".join(parts)


def locate(doc: Document, evidence: Evidence | None) -> tuple[str | None, int | None, BBox | None]:
    """File, page and box of a value: the evidence's own, else the document's first page (no box)."""
    first = doc.pages[0] if doc.pages else None
    file = evidence.file if evidence and evidence.file else (first.file if first else None)
    page = evidence.page if evidence and evidence.page is not None else (first.page if first else None)
    return file, page, evidence.bbox if evidence else None


def sentence(text: str) -> str:
    """Upper-case the first letter only (unlike str.capitalize, keeps `№ KZ-17` intact)."""
    return text[:1].upper() + text[1:]


def ru_money(amount: Decimal, currency: str = "KZT") -> str:
    """`5 140 356,48 KZT`: groups of three, decimal comma, two decimals."""
    text = format(amount.quantize(Decimal("0.01")), "f")
    whole, _, frac = text.partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return f"{sign}{' '.join(groups) or '0'},{frac} {currency}"
