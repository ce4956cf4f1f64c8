"""Findings: what is missing or wrong, where, and under which paragraph."""

from models.base import BBox, Frozen
from models.vocab import DocType, Severity


class Finding(Frozen):
    code: str
    severity: Severity
    message: str
    """A sentence in Russian for applicants and officers."""
    citation: str
    doc_type: DocType | None = None
    documents: tuple[str, ...] = ()
    file: str | None = None
    page: int | None = None
    bbox: BBox | None = None
