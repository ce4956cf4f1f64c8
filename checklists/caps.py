"""Share and per-year caps of the reimbursement (p.14, p.14-1), as data (`data/caps/caps.yaml`)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from importlib import resources

import yaml
from pydantic import field_validator

from models.base import Frozen
from models.vocab import CostType

CAPS_PACKAGE = "checklists.data.caps"


class Cap(Frozen):
    """One cap: KZT per calendar year for the reimbursement of these cost types together."""

    id: str
    cost_types: tuple[CostType, ...]
    amount: Decimal
    citation: str
    text: str
    """The Rules' words for it (Russian)."""
    reading: str | None = None
    """The reading of an unclear text this cap relies on, quoted in a finding."""

    @field_validator("amount", mode="before")
    @classmethod
    def _string_amount(cls, v: object) -> object:
        if not isinstance(v, str):
            raise ValueError("amount must be a decimal string (no floats)")
        return v


class CapTable(Frozen):
    share: Decimal
    caps: tuple[Cap, ...]

    @field_validator("share", mode="before")
    @classmethod
    def _string_share(cls, v: object) -> object:
        if not isinstance(v, str):
            raise ValueError("share must be a decimal string (no floats)")
        return v

    def cap_for(self, cost_type: CostType) -> Cap:
        found = [c for c in self.caps if cost_type in c.cost_types]
        if len(found) != 1:
            raise LookupError(f"{cost_type}: {len(found)} caps, expected exactly one")
        return found[0]


def parse_caps(raw: object) -> CapTable:
    return CapTable.model_validate(raw)


@cache
def load_caps() -> CapTable:
    """The shipped cap table; every cost type has exactly one cap."""
    text = resources.files(CAPS_PACKAGE).joinpath("caps.yaml").read_text(encoding="utf-8")
    table = parse_caps(yaml.safe_load(text))
    for ct in CostType:
        table.cap_for(ct)
    return table
