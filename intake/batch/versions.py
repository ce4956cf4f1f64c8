"""What a batch result depends on besides its input: reader, extractors and rules versions.

The rules have no version constant, so their fingerprint is a digest of the `checklists` package
(code and data): any change to a rule or a checklist makes every package due for a re-check.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from importlib.abc import Traversable

from extractors.pages import ReaderConfig
from intake.doc_cache import documents_version


def _walk(node: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    out: list[tuple[str, Traversable]] = []
    for child in node.iterdir():
        name = f"{prefix}{child.name}"
        if child.is_dir():
            if child.name != "__pycache__":
                out.extend(_walk(child, name + "/"))
        elif child.name.endswith((".py", ".yaml", ".yml", ".csv", ".json")):
            out.append((name, child))
    return out


@cache
def rules_version() -> str:
    digest = hashlib.sha256()
    for name, node in sorted(_walk(resources.files("checklists")), key=lambda item: item[0]):
        digest.update(name.encode() + b"\0" + node.read_bytes() + b"\0")
    return f"rules:{digest.hexdigest()[:16]}"


def versions(reader: ReaderConfig) -> str:
    """Reader fingerprint | documents version | rules digest: part of every journal key."""
    return f"{reader.fingerprint()}|{documents_version()}|{rules_version()}"
