"""The report's pydantic models (`intake/report.py`) accept exactly what the contract's JSON Schema
accepts: property by property the same types, enums, patterns and required sets; the only properties
the contract does not name are the documented extensions."""

from __future__ import annotations

import json
from typing import Any

import pytest

from intake.report import ReportOut
from tests.conftest import SCHEMA_PATH

CONTRACT = SCHEMA_PATH
EXTENSIONS = {
    "": {"reimbursement"},
    "checklist": {"items"},
    "files[]": {"size"},
    "files[].error": {"message_kk", "message_text"},
    "findings[]": {"file", "page", "bbox", "message_kk", "message_text"},
    "documents[]": {"continues"},
    "documents[].fields.number": {"file"},
    "documents[].fields.date": {"file"},
    "documents[].fields.total": {"file"},
    "documents[].fields.parties[]": {"file"},
}
DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}


class Node:
    """One schema position, reduced to what decides acceptance here."""

    def __init__(self) -> None:
        self.types: set[str] = set()
        self.enum: set[Any] | None = None
        self.pattern: str | None = None
        self.properties: dict[str, Node] = {}
        self.required: set[str] = set()
        self.items: Node | None = None
        self.any = True


def reduce(schema: dict[str, Any], root: dict[str, Any]) -> Node:
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        return reduce({**root["$defs"][name], **{k: v for k, v in schema.items() if k != "$ref"}}, root)
    node = Node()
    for key in ("allOf",):
        for part in schema.get(key, []):
            _merge_all(node, reduce(part, root))
    alternatives = schema.get("anyOf") or schema.get("oneOf")
    if alternatives:
        _merge_any(node, [reduce(a, root) for a in alternatives])
    if "const" in schema:
        node.enum, node.types, node.any = {schema["const"]}, {JSON_TYPES[type(schema["const"])]}, False
    if "enum" in schema:
        node.enum = set(schema["enum"])
        node.types = {JSON_TYPES[type(v)] for v in schema["enum"]}
        node.any = False
    elif "type" in schema:
        node.types = set(schema["type"]) if isinstance(schema["type"], list) else {schema["type"]}
        node.any = False
    node.pattern = schema.get("pattern", node.pattern)
    if schema.get("format") == "date":  # `intake.report.Day`: only YYYY-MM-DD strings are read
        node.pattern = DATE
    for name, sub in schema.get("properties", {}).items():
        node.properties[name] = reduce(sub, root)
    node.required |= set(schema.get("required", []))
    if "items" in schema and schema["items"] is not False:
        node.items = reduce(schema["items"], root)
    elif "prefixItems" in schema:
        parts = [reduce(p, root) for p in schema["prefixItems"]]
        node.items = parts[0]
    return node


def _merge_all(node: Node, part: Node) -> None:
    if not part.any:
        node.types, node.any = part.types, False
    node.enum = part.enum if part.enum is not None else node.enum
    node.pattern = part.pattern or node.pattern
    node.properties.update(part.properties)
    node.required |= part.required
    node.items = part.items or node.items


def _merge_any(node: Node, parts: list[Node]) -> None:
    node.any = any(p.any for p in parts)
    node.types = set().union(*(p.types for p in parts))
    constrained = [p for p in parts if p.types != {"null"}]
    if all(p.enum is not None for p in constrained):
        node.enum = set().union(*(p.enum or set() for p in constrained)) | (
            {None} if any(p.types == {"null"} for p in parts) else set())
    for p in constrained:
        node.properties.update(p.properties)
        node.required |= p.required
        node.items = p.items or node.items
        node.pattern = p.pattern or node.pattern


def compare(contract: Node, ours: Node, path: str, problems: list[str]) -> None:
    where = path or "(report)"
    if not contract.any and contract.types != ours.types:
        problems.append(f"{where}: types {sorted(contract.types)} != {sorted(ours.types)}")
    if contract.enum is not None and contract.enum != ours.enum:
        problems.append(f"{where}: enum {contract.enum} != {ours.enum}")
    if contract.pattern and ours.pattern and contract.pattern != ours.pattern:
        problems.append(f"{where}: pattern {contract.pattern} != {ours.pattern}")
    if contract.pattern and not ours.pattern:
        problems.append(f"{where}: pattern {contract.pattern} not enforced")
    if contract.required != ours.required:
        problems.append(f"{where}: required {sorted(contract.required)} != {sorted(ours.required)}")
    for name, sub in contract.properties.items():
        if name not in ours.properties:
            problems.append(f"{where}: property {name} missing")
            continue
        compare(sub, ours.properties[name], f"{path}.{name}" if path else name, problems)
    extra = set(ours.properties) - set(contract.properties)
    if contract.properties and extra != EXTENSIONS.get(path, set()):
        problems.append(f"{where}: properties beyond the contract {sorted(extra)}")
    if contract.items is not None:
        if ours.items is None:
            problems.append(f"{where}: items missing")
        else:
            compare(contract.items, ours.items, f"{path}[]", problems)


@pytest.fixture(scope="module")
def contract() -> dict[str, Any]:
    return dict(json.loads(CONTRACT.read_text(encoding="utf-8")))


def test_models_accept_what_the_contract_accepts(contract: dict[str, Any]) -> None:
    ours = ReportOut.model_json_schema(by_alias=True, mode="validation")
    problems: list[str] = []
    compare(reduce(contract, contract), reduce(ours, ours), "", problems)
    assert problems == []


def test_a_change_to_the_models_is_caught(contract: dict[str, Any]) -> None:
    """The comparison itself can fail: a required property dropped and an enum widened are found."""
    ours = ReportOut.model_json_schema(by_alias=True, mode="validation")
    ours["required"].remove("findings")
    ours["$defs"]["Severity"]["enum"].append("fatal")
    problems: list[str] = []
    compare(reduce(contract, contract), reduce(ours, ours), "", problems)
    assert any("required" in p for p in problems) and any("enum" in p for p in problems)
