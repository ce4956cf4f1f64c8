"""Documents: pages grouped and typed, with the fields read from them."""

from datetime import date
from decimal import Decimal

from models.base import BBox, Frozen
from models.vocab import DocType, PageSource, Role


class Evidence(Frozen):
    """Where a value was read: file, page, box and how sure the reading is."""

    file: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None


class TextField(Evidence):
    value: str


class DateField(Evidence):
    value: date


class MoneyField(Evidence):
    amount: Decimal
    currency: str


class Party(Evidence):
    bin: str
    valid: bool
    role: Role
    position: str | None = None
    name: str | None = None


class Fields(Frozen):
    number: TextField | None = None
    date: DateField | None = None
    total: MoneyField | None = None
    parties: tuple[Party, ...] = ()


class PageRef(Frozen):
    file: str
    page: int
    source: PageSource | None = None


class Document(Frozen):
    id: str
    type: DocType
    confidence: float
    pages: tuple[PageRef, ...]
    fields: Fields = Fields()
    continues: str | None = None
    """Id of the document whose next page(s) this one holds: a paper photographed page by page, one file
    a page (`Договор стр 2.jpg` after `Договор стр 1.jpg`), is one paper in as many documents as files."""
