"""Cap data (checklists/data/caps/caps.yaml) against the regulation text, as the checklist data is tested."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
import yaml

from checklists.caps import load_caps, parse_caps
from models.vocab import CostType
from tests.conftest import SHARED

REG = SHARED / "regulation" / "000_6054b853f54b7591.txt"
WORDS = {Decimal(30_000_000): "тридцати миллионов", Decimal(60_000_000): "шестидесяти миллионов",
         Decimal(12_000_000): "двенадцати миллионов", Decimal(20_000_000): "двадцати миллионов"}


def paragraph(number: str) -> str:
    text = REG.read_text(encoding="utf-8")
    m = re.search(rf'"{re.escape(number)}\. (.+?)(?:";|"\s*;)', text, re.S)
    assert m, number
    return m.group(1)


def test_every_cost_type_has_exactly_one_cap() -> None:
    table = load_caps()
    for ct in CostType:
        assert table.cap_for(ct).amount > 0
    ids = [c.id for c in table.caps]
    assert len(ids) == len(set(ids))


def test_share_is_forty_percent_as_written() -> None:
    assert load_caps().share == Decimal("0.40")
    if REG.exists():
        assert "40 %" in paragraph("14") and "40 %" in paragraph("14-1")


@pytest.mark.skipif(not REG.exists(), reason="regulation text not present")
def test_amounts_are_in_the_cited_paragraph() -> None:
    for cap in load_caps().caps:
        p = cap.citation.removeprefix("p.")
        assert WORDS[cap.amount] in paragraph(p), cap.id


def test_installation_cap_is_shared_and_equipment_reading_said() -> None:
    table = load_caps()
    shared = table.cap_for(CostType.process_installation)
    assert shared is table.cap_for(CostType.process_supervised_installation)
    eq = table.cap_for(CostType.process_equipment)
    assert eq is table.cap_for(CostType.digital_equipment) and eq.citation == "p.14-1"
    assert eq.reading and "Прочтение" in eq.reading


@pytest.mark.parametrize(
    "raw",
    [
        {"share": 0.4, "caps": []},
        {"share": "0.40", "caps": [{"id": "x", "cost_types": ["staff_competence"], "amount": 30000000.0,
                                    "citation": "p.14", "text": "t"}]},
        {"share": "0.40", "caps": [{"id": "x", "cost_types": ["nope"], "amount": "1", "citation": "p.14",
                                    "text": "t"}]},
        {"share": "0.40", "caps": [], "extra": 1},
    ],
)
def test_bad_cap_data_is_refused(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_caps(raw)


def test_shipped_file_uses_strings_for_money() -> None:
    from importlib import resources

    raw = yaml.safe_load(resources.files("checklists.data.caps").joinpath("caps.yaml").read_text("utf-8"))
    assert isinstance(raw["share"], str) and all(isinstance(c["amount"], str) for c in raw["caps"])
