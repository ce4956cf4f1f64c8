"""Per-type field templates (data in templates.yaml) and the small generic code that reads them.

A template says, for one kind of document, where its number, date and total stand and which parties
it names. Each field has a list of rules tried in order; the first that yields a value wins:

- `title: RE` — the heading word(s) followed by `№ VALUE` (`АКТ № 12`, `Счет-фактура № 7 от …`);
- `after: RE` — the value to the right of a label on the same line (or, for a wrapped label cell,
  on the next line);
- `below: RE` — the value in the cell under a column header (word boxes: same column, next lines);
- `rest: RE` — (numbers) the whole rest of the label's line, spaces included (`Бланк № KZ 7 1 00 1`);
- `near_title: true` — (dates) the first date within a few lines after the document's number
  (`г. Алматы  «07» января 2025 г.`, `от 07.01.2025`).

A field set to `null` is one the kind does not carry (never read). A type without a template, or a
field without one, falls back to the generic readers in `fields.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from extractors import lookalikes
from extractors.textindex import DocText, Line, Placed
from models.base import BBox
from models.vocab import DocType, Role

_FLAGS = re.IGNORECASE | re.MULTILINE
NUMBER_MARK = (r"(?:№(?:[^\S\n]?[®©°º*\"'“”«»^~`])?|(?<![^\W_])N[oо°º]?\b\.?|Мг|(?<![^\W_])(?:Ne|No\.?|Nº)|#"
               r"|[ХXМM][оo°]\.?(?=\s*\d)|(?<!\w)(?-i:[КK][оo])(?=[^\S\n]+\d)"
               r"|(?<!\w)(?-i:[МM][еe])(?=\s+[^\W\d_]{0,4}[-/]?\d)"
               r"|(?<!\w)(?<!\d[^\S\n])(?-i:[МMN]2)(?=[^\S\n]+[^\W\d_]{0,4}[-/]?\d)"
               r"|(?<!\w)(?-i:[МM][»:?])(?=\s*[^\W\d_]{0,4}[-/]?\d))")
"""`№` as printed, and as OCR reads it (`Мг`, `Ne`, `No`, `Хо`, `Мо` before digits; on a phone photo
`Ме` alone before a number, `Ме ОТП-2026-24550`, and `М» ПК-72522`, `М: 1474`, `М? 1500`; on a bad scan
`М2 184`, its raised `o` read as a two, never after a figure, where `м2` is square metres; a speck glued
to it, `№® 941`, `№° 941`); never the `N` ending a word (`BIN 170540690847`, `IIN …`) or an account
number (`KZ14914GV5R3DBY60L7N 17`: its КБе after it). On a photo also `Ко` before the digits
(`2024 жылғы 28 тамыз Ко 316-П`)."""
NUMBER_TOKEN = r"[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүІі0-9][\w/\-.]*[\wА-Яа-я]|\d"


@dataclass(frozen=True)
class Rule:
    kind: str  # title | after | beside | below | rest | near_title
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class PartyTemplate:
    head_lines: int | None = None
    """Only BINs on the first lines count (the issuer's letterhead); the rest are people's IINs."""
    default_position: str | None = None
    default_role: Role | None = None
    """Position and role of a BIN no position word stands beside (a letterhead, an issuer)."""
    roles: tuple[tuple[str, Role], ...] = ()
    """Position → role where this kind gives a position word its own meaning (a payment's recipient)."""


@dataclass(frozen=True)
class Template:
    type: DocType
    number: tuple[Rule, ...] | None = ()
    date: tuple[Rule, ...] | None = ()
    total: tuple[Rule, ...] | None = ()
    """None: the kind does not carry the field; (): no template, the generic reader decides."""
    total_own_only: bool = False
    """Only the template's own total labels count: the kind prints other sums (taxes paid, the amount
    to reimburse) that a generic total label would take for its total."""
    parties: PartyTemplate = field(default_factory=PartyTemplate)


TABLE_EDGE = r"^(?:[^\S\n]|[|\[\]{}\\_])*"
"""A line's start as OCR reads a table row: the left border read as `|`, `[`, `\\`, `_` before the label,
on the label's own line (a line of border marks above it is another line)."""


def edge_tolerant(pattern: str) -> str:
    """A label pattern anchored at a line's start (`^\\s*Сумма`) that also passes a table's left border,
    its Cyrillic letters matching their Latin look-alikes too (`homoglyph_tolerant`)."""
    return homoglyph_tolerant(pattern.replace(r"^\s*", TABLE_EDGE))


_TWINS = dict(zip(lookalikes.CYRILLIC, lookalikes.LATIN, strict=True))
"""Cyrillic letters and the Latin letters OCR reads for them (and back): `Всего c НДС`, `ИТОГO`."""


def homoglyph_tolerant(pattern: str) -> str:
    """`pattern` with each Cyrillic letter that has a Latin look-alike also matching that look-alike
    (`с` → `[сc]`; inside a class the twin is added), escapes and class ranges (`а-я`) left as written."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i: i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            elif c in _TWINS and pattern[i + 1: i + 2] != "-" and pattern[i - 1: i] != "-":
                out.append(c + _TWINS[c])
                i += 1
                continue
        elif c == "[":
            in_class = True
            j = i + 1 + (pattern[i + 1: i + 2] == "^")
            out.append(pattern[i: j + (pattern[j: j + 1] == "]")])
            i = j + (pattern[j: j + 1] == "]")
            continue
        elif c in _TWINS:
            out.append(f"[{c}{_TWINS[c]}]")
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _rules(raw: Any) -> tuple[Rule, ...] | None:
    if raw is None:
        return None
    out = []
    for item in raw:
        (kind, value), = item.items()
        if kind == "near_title":
            out.append(Rule(kind))
        else:
            out.append(Rule(kind, re.compile(edge_tolerant(str(value)), _FLAGS)))
    return tuple(out)


@cache
def load_templates() -> dict[DocType, Template]:
    raw = yaml.safe_load(resources.files("extractors.data").joinpath("templates.yaml").read_text("utf-8"))
    out: dict[DocType, Template] = {}
    for name, spec in raw["types"].items():
        spec = spec or {}
        p = spec.get("parties") or {}
        out[DocType(name)] = Template(
            type=DocType(name),
            number=_rules(spec["number"]) if "number" in spec else (),
            date=_rules(spec["date"]) if "date" in spec else (),
            total=_rules(spec["total"]) if "total" in spec else (),
            total_own_only=bool(spec.get("total_own_only", False)),
            parties=PartyTemplate(
                head_lines=p.get("head_lines"),
                default_position=p.get("default_position"),
                default_role=Role(p["default_role"]) if p.get("default_role") else None,
                roles=tuple((k, Role(v)) for k, v in (p.get("roles") or {}).items()),
            ),
        )
    return out


def template_for(doc_type: DocType) -> Template:
    return load_templates().get(doc_type) or Template(type=doc_type)


# --- locating values --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Spot:
    """Where a rule points: a span of the document text to parse a value from."""

    start: int
    end: int
    label_end: int


def _first_line_box(text: DocText, start: int, end: int) -> tuple[int, str, int, BBox] | None:
    """(line index, file, page, box) of the words of [start, end) that stand on the span's first line."""
    placed = text.words_in(start, end)
    if not placed:
        return None
    first = placed[0]
    line = first.word.line
    same = [p for p in placed if p.word.line == line and p.page == first.page and p.file == first.file]
    x0 = min(p.word.bbox[0] for p in same)
    y0 = min(p.word.bbox[1] for p in same)
    x1 = max(p.word.bbox[2] for p in same)
    y1 = max(p.word.bbox[3] for p in same)
    return line, first.file, first.page, (x0, y0, x1, y1)


def cells_below(text: DocText, start: int, end: int, max_lines: int = 4,
                max_gap: float = 0.09) -> list[tuple[int, int]]:
    """Text spans of the words under the label [start, end) in its column, one span per line below.

    A word is in the column when its horizontal extent overlaps the label's; lines are taken while
    they stand within `max_gap` (page fraction) under the label.
    """
    found = _first_line_box(text, start, end)
    if found is None:
        return []
    line, file, page, (lx0, ly0, lx1, ly1) = found
    # a word OCR set on a later line may rise into the label's box on a tight or skewed scan (`827/05` under
    # `Номер документа`, its top 0.003 above the label's bottom): up to a third of the label's height
    overlap = max(0.002, (ly1 - ly0) / 3)
    header = [(lx0, lx1)] + [  # a table's border OCR read as `|` heads no cell
        (p.word.bbox[0], p.word.bbox[2]) for p in text.words
        if p.file == file and p.page == page and p.word.line == line
        and (p.word.bbox[2] < lx0 or p.word.bbox[0] > lx1) and any(c.isalnum() for c in p.word.text)]
    slack, joined = 0.01, 0.012
    rows: dict[int, list[Placed]] = {}
    for p in text.words:
        if p.file != file or p.page != page or p.word.line <= line:
            continue
        _, y0, _, _ = p.word.bbox
        if y0 < ly1 - overlap or y0 - ly1 > max_gap:
            continue
        rows.setdefault(p.word.line, []).append(p)
    spans = []
    for ln in sorted(rows):
        ws = sorted(rows[ln], key=lambda p: p.word.bbox[0])
        hit = [i for i, p in enumerate(ws)
               if not (p.word.bbox[2] < lx0 - slack or p.word.bbox[0] > lx1 + slack)]
        if not hit:
            # a short value set at its cell's edge while the header is centred (`496` under
            # `Номер документа`): the nearby word whose nearest header word is this label
            hit = [i for i, p in enumerate(ws)
                   if not (p.word.bbox[2] < lx0 - _CELL_SLACK or p.word.bbox[0] > lx1 + _CELL_SLACK)
                   and _nearest_header(p.word.bbox, header) == (lx0, lx1)][:1]
        if not hit:
            # … further from it in a wide cell (`80` at the left edge of a 60 mm cell under a centred
            # `Номер документа`): the word whose column is the label's, the header cell whose centre
            # is nearest to the word's centre, the header's words grouped into cells
            cells = _header_cells(header)
            hit = [i for i, p in enumerate(ws)
                   if not (p.word.bbox[2] < lx0 - _CELL_FAR or p.word.bbox[0] > lx1 + _CELL_FAR)
                   and _nearest_cell(p.word.bbox, cells) == _cell_of(cells, lx0, lx1)][:1]
        if not hit:
            continue
        a, b = hit[0], hit[-1]
        # a value cell's words run on beside the header (`1 544 786-88` under `Сумма`)
        while a > 0 and ws[a].word.bbox[0] - ws[a - 1].word.bbox[2] < joined:
            a -= 1
        while b < len(ws) - 1 and ws[b + 1].word.bbox[0] - ws[b].word.bbox[2] < joined:
            b += 1
        spans.append((ws[a].start, ws[b].end))
        if len(spans) == max_lines:
            break
    return spans


_CELL_SLACK = 0.03
_CELL_FAR = 0.08
_HEADER_WORD_GAP = 0.02
"""Header words closer than this (page fraction) are one header cell (`Регистрационный номер`)."""


def _header_cells(header: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Header words (x0, x1) joined into cells: neighbours closer than `_HEADER_WORD_GAP`."""
    cells: list[tuple[float, float]] = []
    for x0, x1 in sorted(header):
        if cells and x0 - cells[-1][1] < _HEADER_WORD_GAP:
            cells[-1] = (cells[-1][0], max(cells[-1][1], x1))
        else:
            cells.append((x0, x1))
    return cells


def _cell_of(cells: list[tuple[float, float]], x0: float, x1: float) -> tuple[float, float] | None:
    return next((c for c in cells if c[0] <= x0 + 1e-6 and x1 <= c[1] + 1e-6), None)


def _nearest_cell(box: BBox, cells: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The header cell whose centre is horizontally nearest to the word's centre."""
    centre = (box[0] + box[2]) / 2
    return min(cells, key=lambda c: abs((c[0] + c[1]) / 2 - centre), default=None)


def _nearest_header(box: BBox, header: list[tuple[float, float]]) -> tuple[float, float]:
    """The header word (x0, x1) horizontally nearest to a word's box."""
    def gap(h: tuple[float, float]) -> float:
        return max(h[0] - box[2], box[0] - h[1], 0.0)
    return min(header, key=gap)


ROW_GAP = 0.02
"""Largest horizontal gap (page fraction) between the words of one value cell."""


def row_right(text: DocText, start: int, end: int) -> tuple[int, int] | None:
    """Text span of the value right of the label [start, end) on its row of the page, found by the word
    boxes where OCR read the label column and the value column apart (the two as separate lines): the
    nearest words right of the label whose vertical middle lies within the label's height, on one line of
    the text, joined while no wider gap than `ROW_GAP` parts them. None when none."""
    found = _first_line_box(text, start, end)
    if found is None:
        return None
    line, file, page, (_, ly0, lx1, ly1) = found
    right = sorted((p for p in text.words
                    if p.file == file and p.page == page and p.word.line != line and p.word.bbox[0] > lx1
                    and ly0 <= (p.word.bbox[1] + p.word.bbox[3]) / 2 <= ly1
                    and any(c.isalnum() for c in p.word.text)), key=lambda p: p.word.bbox[0])
    if not right:
        return None
    cell = [right[0]]
    for p in right[1:]:
        if p.word.line != cell[0].word.line or p.word.bbox[0] - cell[-1].word.bbox[2] > ROW_GAP:
            break
        cell.append(p)
    return cell[0].start, cell[-1].end


def _line_of(text: DocText, pos: int) -> Line | None:
    return text.line_at(pos)


def rule_spots(text: DocText, rule: Rule, limit: int | None = None) -> list[Spot]:
    """Spans where the rule's value may stand, best first, for each match of the rule's label."""
    assert rule.regex is not None
    spots: list[Spot] = []
    for m in rule.regex.finditer(text.text, 0, limit if limit is not None else len(text.text)):
        line = _line_of(text, m.end()) or _line_of(text, m.start())
        if line is None:
            continue
        if rule.kind == "below":
            for s, e in cells_below(text, m.start(), m.end()):
                spots.append(Spot(s, e, m.end()))
            continue
        # same line, right of the label (`beside`: only there)
        spots.append(Spot(m.end(), line.end, m.end()))
        if not any(c.isalnum() for c in text.text[m.end(): line.end]):
            # a form's label column read before its value column (an ЭСФ's `1. Номер учетной системы`
            # … `СФ 205` lines later): the words right of the label on its row, by their boxes
            value = row_right(text, m.start(), m.end())
            if value is not None:
                spots.append(Spot(*value, m.end()))
        if rule.kind in ("after", "title"):
            following = [ln for ln in text.lines if ln.start > line.end][:1]
            for ln in following:
                spots.append(Spot(ln.start, ln.end, m.end()))
    return spots


_TITLE_MARK = r"(?<=\s)(?-i:[МM])(?=\s+[^\W\d_]{0,4}[-/]?\d)"
"""`№` as OCR reads it on a title line: a lone capital `М` between the heading and the number, digits or a
short prefix of letters and then digits (`ПЛАТЕЖНОЕ ПОРУЧЕНИЕ М 2245`, `ДОГОВОР … УСЛУГ М ДП-2024/864`;
never the metre of `120 м 3`)."""
_OTHER_LANGUAGE_TITLE = r"(?:/[^\S\n]*(?:[^\W\d_]+[^\S\n]+){1,2}(?=[^\W_]*\d))?"
"""`Төлем тапсырмасы № / Платежное 1877` (`поручение №` wrapped onto the next line): the heading in the
other language, after a slash, between the mark and the number."""


def title_regex(rule: Rule) -> re.Pattern[str]:
    """`HEADING … № VALUE` from a rule's heading words (`№` also as OCR reads it after a heading, and with a
    colon after it: `ДОГОВОР №: KZ-2025-5439`)."""
    assert rule.regex is not None
    return re.compile(
        rf"(?:{rule.regex.pattern})[^\n№]{{0,40}}?(?:\n[^\n№]{{0,12}}?)?(?:{NUMBER_MARK}|{_TITLE_MARK})"
        rf"\s*[:.]?\s*{_OTHER_LANGUAGE_TITLE}(?P<v>{NUMBER_TOKEN})",
        _FLAGS,
    )
