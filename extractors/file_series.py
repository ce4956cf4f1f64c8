"""Pages of one paper that arrive as separate files: `Договор поставки 158 стр 1.jpg`, `… стр 2.jpg`.

Applicants photograph a paper page by page and upload each page as a file, numbered in its name. A page
of such a series with no heading of its own (a contract's middle page: clauses, no title) is the next page
of the paper the previous file of the series holds, not an unknown paper.
"""

from __future__ import annotations

import re

_PAGE_NUMBER = re.compile(
    r"^(?P<stem>.*?\S)(?:[\s_-]*(?:стр|страница|page|pg|p|лист|бет|с)\.?[\s_-]*|[\s_-]+|\s*\()"
    r"(?P<n>\d{1,2})\)?$",
    re.IGNORECASE,
)
"""A file name's stem ending in a page number: after a page word (`стр 2`, `page_2`, `лист2`), a
separator (`Скан_2`, `Договор-2`) or in brackets (`Договор (2)`); a number glued to other digits
(`СФ_00098511`) is the paper's own number, not a page."""


def series_page(name: str) -> tuple[str, str, int] | None:
    """(folder and stem without the page number, extension, page number) of a file named as one page of a
    series, else None."""
    folder, _, base = name.rpartition("/")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    m = _PAGE_NUMBER.match(stem)
    if not m:
        return None
    return f"{folder}/{m.group('stem').strip(' _-').casefold()}", ext.casefold(), int(m.group("n"))


def follows(previous: str, name: str) -> bool:
    """Is file `name` the page after file `previous` in one series (same folder, stem and extension)?"""
    a, b = series_page(previous), series_page(name)
    return a is not None and b is not None and a[:2] == b[:2] and b[2] == a[2] + 1

