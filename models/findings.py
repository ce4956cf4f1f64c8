"""Findings: what is missing or wrong, where, and under which paragraph."""

from models.base import BBox, Frozen
from models.message import Message
from models.vocab import DocType, Severity


class Finding(Frozen):
    code: str
    severity: Severity
    message: str
    """A sentence in Russian for applicants and officers."""
    text: Message | None = None
    """The same sentence as a catalogue message, to be rendered in Kazakh (or Russian) for the reader."""
    citation: str
    doc_type: DocType | None = None
    documents: tuple[str, ...] = ()
    file: str | None = None
    page: int | None = None
    bbox: BBox | None = None
