"""Load the packaged checklist data and pick the list in force for a cost type and an application date."""

from collections.abc import Iterable
from datetime import date
from functools import cache
from importlib import resources

import yaml

from models.checklist import Checklist, ChecklistItem
from models.vocab import CostType

DATA_PACKAGE = "checklists.data"

BASE_VERSION = "2022-06-01"
"""Version of a list with no dated boundary in force yet: the Rules of Order 308 (1 June 2022) as amended
by Order 442, before its 1 January 2026 boundaries (see checklists/README.md)."""


def parse_items(raw: object, source: str = "<data>") -> tuple[ChecklistItem, ...]:
    """Validate one data file's content (`{"items": [...]}`) into checklist items."""
    if not isinstance(raw, dict) or not isinstance(raw.get("items"), list) or set(raw) != {"items"}:
        raise ValueError(f"{source}: expected a mapping with a single key 'items' holding a list")
    return tuple(ChecklistItem.model_validate(entry) for entry in raw["items"])


@cache
def load_items() -> tuple[ChecklistItem, ...]:
    """Every checklist item of every data file, in file-name then file order; ids are unique."""
    items: list[ChecklistItem] = []
    data = resources.files(DATA_PACKAGE)
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            items.extend(parse_items(yaml.safe_load(entry.read_text(encoding="utf-8")), entry.name))
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"duplicate checklist item id: {item.id}")
        seen.add(item.id)
    return tuple(items)


def boundaries(items: Iterable[ChecklistItem]) -> tuple[date, ...]:
    """Sorted distinct dates at which some of these items start or stop applying."""
    days = {d for item in items for d in (item.valid_from, item.valid_until) if d is not None}
    return tuple(sorted(days))


def version_for(cost_type: CostType, application_date: date) -> str:
    """The newest boundary of the cost type's items on or before the date (ISO), else BASE_VERSION."""
    own = [item for item in load_items() if cost_type in item.cost_types]
    passed = [d for d in boundaries(own) if d <= application_date]
    return passed[-1].isoformat() if passed else BASE_VERSION


def checklist_for(cost_type: CostType, application_date: date) -> Checklist:
    """The checklist in force for an application of this cost type submitted on this date."""
    return Checklist(
        id=cost_type.value,
        version=version_for(cost_type, application_date),
        cost_type=cost_type,
        items=tuple(item for item in load_items() if item.applies(cost_type, application_date)),
    )
