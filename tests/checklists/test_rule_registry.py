"""The registry of finding codes (`checklists/registry.py`) is what the rules raise and what both
READMEs' findings tables say: the same codes, severities and citations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checklists.registry import BY_CODE, RULES
from models.vocab import Severity

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"`([a-z][a-z0-9_]*)`")


def table(path: Path, heading: str) -> dict[str, tuple[set[str], str]]:
    """code → (severities named in its row, citation) from the table under `heading`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading)
    rows: dict[str, tuple[set[str], str]] = {}
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        if not line.startswith("| `"):
            continue
        code_cell, severity_cell, citation_cell = (c.strip() for c in line.strip("|").split("|")[:3])
        codes = CODE.findall(code_cell)
        citations = citation_cell.split(" / ") if len(codes) > 1 else [citation_cell]
        assert len(citations) == len(codes), line
        for code, citation in zip(codes, citations, strict=True):
            named = {s.value for s in Severity if re.search(rf"\b{s.value}\b", severity_cell)}
            rows[code] = (named, citation)
    return rows


def registered(codes: set[str] | None = None) -> dict[str, tuple[set[str], str]]:
    return {r.code: ({s.value for s in r.severities}, r.citation) for r in RULES
            if codes is None or r.code in codes}


def test_codes_are_unique_and_described_in_one_sentence() -> None:
    assert len(BY_CODE) == len(RULES)
    for rule in RULES:
        assert rule.description.endswith(".") and rule.description.count(". ") == 0, rule.code
        assert (ROOT / rule.source).exists(), rule.source


def test_readme_findings_table_is_the_registry() -> None:
    assert table(ROOT / "README.md", "## Findings") == registered()


def test_checklists_readme_table_is_the_registry() -> None:
    rules = {r.code for r in RULES if r.source.startswith("checklists/")}
    assert table(ROOT / "checklists" / "README.md", "## Finding codes of the rules") == registered(rules)


@pytest.mark.parametrize("folder", ["checklists/rules", "intake"])
def test_every_code_a_rule_raises_is_registered(folder: str) -> None:
    """Finding codes named in the code (`*CODE = "…"`, `code="…"`) are registry rows."""
    pattern = re.compile(r"""(?:^[A-Z_]*CODE\s*=\s*|\bcode=)["']([a-z][a-z0-9_]*)["']""", re.M)
    found = {code for p in (ROOT / folder).rglob("*.py") if p.name != "errors.py"
             for code in pattern.findall(p.read_text(encoding="utf-8"))}
    assert found, folder
    assert found - set(BY_CODE) == set()
