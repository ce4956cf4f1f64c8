"""Rules: small pure functions `(request, documents, ...) -> tuple[Finding, ...]`, one module per family."""

from checklists.rules.bins import bins
from checklists.rules.completeness import completeness
from checklists.rules.window import DEFAULT_OPTIONS as DEFAULT_WINDOW_OPTIONS
from checklists.rules.window import WindowOptions, months_before, window, window_start

__all__ = [
    "DEFAULT_WINDOW_OPTIONS",
    "WindowOptions",
    "bins",
    "completeness",
    "months_before",
    "window",
    "window_start",
]
