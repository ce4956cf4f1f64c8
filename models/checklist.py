"""Checklists of required documents (item 8 of App.3, 4, 5, 5-1), as data."""

from datetime import date

from models.base import Frozen
from models.vocab import CostType, DocType, Severity


class ChecklistItem(Frozen):
    """One required document of a cost type's list, citing its paragraph."""

    id: str
    title: str
    """Russian name of the required document, as the Rules word it (shortened)."""
    doc_types: tuple[DocType, ...]
    """Any one of these document types satisfies the item."""
    cost_types: tuple[CostType, ...]
    citation: str
    """E.g. `App.5-1 item 8(4)`; must exist in the regulation text."""
    valid_from: date | None = None
    valid_until: date | None = None
    """Exclusive: the item applies to applications dated before this day."""
    condition: str | None = None
    """None: always required. Otherwise the name of a package flag (e.g. `tax_exempt`)."""
    severity: Severity = Severity.error
    note: str | None = None
    """A reading of an unclear text the item relies on, said in the finding."""

    def applies(self, cost_type: CostType, application_date: date) -> bool:
        if cost_type not in self.cost_types:
            return False
        if self.valid_from is not None and application_date < self.valid_from:
            return False
        return not (self.valid_until is not None and application_date >= self.valid_until)


class Checklist(Frozen):
    """The list in force for one cost type on one application date."""

    id: str
    version: str
    cost_type: CostType
    items: tuple[ChecklistItem, ...]
