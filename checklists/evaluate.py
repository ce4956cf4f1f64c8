"""Run the rules over a package's documents: completeness, window, identifiers — in that order."""

from collections.abc import Sequence

from checklists.names import KNOWN_FLAGS
from checklists.rules import DEFAULT_WINDOW_OPTIONS, WindowOptions, bins, completeness, window
from models.documents import Document
from models.findings import Finding
from models.package import PackageRequest


def evaluate(
    request: PackageRequest,
    documents: Sequence[Document],
    flags: frozenset[str] = frozenset(),
    *,
    window_options: WindowOptions = DEFAULT_WINDOW_OPTIONS,
) -> tuple[Finding, ...]:
    """All findings for the package; `flags` switch on conditional items (see names.FLAG_NAMES)."""
    unknown = flags - KNOWN_FLAGS
    if unknown:
        raise ValueError(f"unknown package flags {sorted(unknown)}; known: {sorted(KNOWN_FLAGS)}")
    return (
        completeness(request, documents, flags)
        + window(request, documents, window_options)
        + bins(request, documents)
    )
