"""Parties: every BIN/IIN on a document, check digit verified, with its position and role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from rapidfuzz.distance import Levenshtein

from extractors import bin as bins
from extractors import lookalikes
from extractors.lines import same_row
from extractors.templates import template_for
from extractors.textindex import DocText, Line, Placed
from models.base import BBox
from models.documents import Party
from models.vocab import DocType, Role

_FLAGS = re.IGNORECASE | re.MULTILINE
_NAMED_AS = re.compile(
    r"(?:именуем\w*(?:\s+(?:в\s+дальнейшем|далее))?|далее\s*[-–—:]?\s*|бұдан\s+әрі|hereinafter(?:\s+referred\s+to\s+as)?)"
    r"\s*(?:the\s+)?[«\"“]?\s*(?:the\s+)?(\w+(?:\s+(?:беруші|алушы))?)", _FLAGS)
# Where one party's clause of a preamble ends and the next begins.
_CLAUSE_END = re.compile(r"с\s+одной\s+стороны|с\s+другой\s+стороны|;|\.\s*\n", _FLAGS)
_ORG = re.compile(
    r"(ТОО|АО|ИП|ООО|ЖШС|АҚ|ПК|ГКП|РГП|КГП|LLP|LLC|Ltd|GmbH|(?-i:[ТT][ОO][ОO]|[АA][ОO]))\s*[«\"“][^»\"”\n]{2,80}[»\"”]"
    # (`AO «Bereke Bank»`: a scan reads the form's Cyrillic letters as their Latin twins)
    # a legal form written out before a quoted name (cut where its line ends: the rest of a wrapped name
    # may stand after another column's words)
    r"|(?:[Аа]кционерное\s+общество|[Тт]оварищество\s+с\s+ограниченной\s+ответственностью"
    r"|[Оо]бщество\s+с\s+ограниченной\s+ответственностью|[Жж]ауапкершілігі\s+шектеулі\s+серіктестік"
    r"|[Аа]кционерлік\s+қоғам)\s*[«\"“][^»\"”\n]{1,80}(?:[»\"”]|(?=\n|$))"
    # an entrepreneur's full name on its line, up to another legal form, a comma or a bracket
    r"|(Индивидуальный\s+предприниматель)\s+"
    r"(?:(?!Индивидуальный|Товарищество|Акционерное|ТОО\b|АО\b|ИП\b)[^\n,(\d:«\"“]){2,60}"
    # an entrepreneur by surname and initials (`ИП Ахметов А.А.`)
    r"|\bИП\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]+(?:\s+[А-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.)?)?",
)


@dataclass(frozen=True)
class PositionRule:
    name: str
    regex: re.Pattern[str]
    role: Role


@cache
def load_positions() -> tuple[PositionRule, ...]:
    raw = yaml.safe_load(resources.files("extractors.data").joinpath("fields.yaml").read_text("utf-8"))
    return tuple(
        PositionRule(spec.get("position", name), re.compile(spec["re"], _FLAGS), Role(spec["role"]))
        for name, spec in raw["positions"].items()
    )


@dataclass(frozen=True)
class _Label:
    rule: PositionRule
    start: int
    end: int
    page: int | None
    bbox: BBox | None


def _labels(text: DocText) -> list[_Label]:
    out = []
    for rule in load_positions():
        for m in rule.regex.finditer(text.text):
            ev = text.evidence(m.start(), m.end())
            out.append(_Label(rule, m.start(), m.end(), ev.page, ev.bbox))
    taken = {lb.start for lb in out}
    for placed, rule in _damaged_labels(text):
        if placed.start not in taken:
            ev = text.evidence(placed.start, placed.end)
            out.append(_Label(rule, placed.start, placed.end, ev.page, ev.bbox))
    return sorted(out, key=lambda lb: lb.start)


DAMAGED_LABELS = ("бенефициар", "поставщик", "покупатель", "заказчик",
                  "исполнитель", "подрядчик", "продавец", "плательщик", "грузополучатель", "перевозчик")
"""Position words a scan or a photo reads with one letter changed (`Бейефициар`, `Зоказчик`), known on an
OCR'd page as the word they are one letter off (two for the longest); a text layer's words are exact."""
_LABEL_WORD = re.compile(r"^\W{0,2}([А-ЯЁа-яёA-Za-z]{7,})\W{0,3}$")


def _damaged_labels(text: DocText) -> list[tuple[Placed, PositionRule]]:
    out = []
    for placed in text.words:
        if (placed.file, placed.page) in text.layer_pages:
            continue
        m = _LABEL_WORD.match(placed.word.text)
        if not m:
            continue
        word = m.group(1).lower()
        for label in DAMAGED_LABELS:
            allowed = 2 if len(label) >= 11 else 1
            # the word's head as long as the label, a letter more or less (a case ending follows it)
            n = len(label)
            off = min(Levenshtein.distance(word[:k], label) for k in (n - 1, n, n + 1))
            if 0 < off <= allowed and (rule := _rule_named(label)):
                out.append((placed, rule))
                break
    return out


def _distance(label: _Label, page: int | None, box: BBox) -> float | None:
    """Layout distance from a label to a BIN: same line to the left, or above in the same column."""
    if label.bbox is None or label.page is None or page is None:
        return None
    lx0, ly0, lx1, ly1 = label.bbox
    x0, y0, x1, y1 = box
    if label.page == page - 1 and ly0 > 1 - _PAGE_EDGE and y0 < _PAGE_EDGE:
        # a requisites table's header row (`Исполнитель  Заказчик`) left at the foot of the page before,
        # its columns' names and BINs at the top of this one: measured as if the pages ran on
        y0, y1 = y0 + 1, y1 + 1
    elif label.page != page:
        return None
    same_line = min(ly1, y1) - max(ly0, y0) > 0.3 * min(ly1 - ly0, y1 - y0)
    if same_line and lx1 <= x0 + 0.01:
        return (x0 - lx1) * 0.5  # a label beside the value beats one on an earlier line
    # above in the same column: a section header (`Реквизиты поставщика` over `БИН/ИИН: …`) may start
    # a little right of where the value ends
    if ly1 <= y0 + 0.005 and lx0 <= x1 + _HEADER_OVERHANG and lx1 >= x0 - 0.35 and abs(lx0 - x0) < 0.45:
        vertical = y0 - ly1
        return 0.05 + vertical * 3 + abs(lx0 - x0) * 0.5 if vertical < 0.2 else None
    return None


_HEADER_OVERHANG = 0.03
_PAGE_EDGE = 0.2
"""A label in the last fifth of a page heads a column whose values stand in the first fifth of the next."""
# `Продавец — ТОО «…» (БИН …)`: a position word, then only a dash or a colon, then the party's name
_INTRODUCES = re.compile(r"[^\S\n]{0,3}|\s{0,4}[:—–-]\s{0,4}")
"""Between a position word and the name it introduces: spaces, or a dash or a colon with a line break on
either side (a column header row `Исполнитель  Заказчик` over the parties' names introduces neither)."""


def _rule_named(word: str) -> PositionRule | None:
    for rule in load_positions():
        if rule.regex.fullmatch(word) or rule.regex.match(word):
            return rule
    return None


def _position_for(text: DocText, labels: list[_Label], start: int, end: int) -> PositionRule | None:
    # "ТОО «…», БИН …, именуемое в дальнейшем «Заказчик»" or "ТОО «…», именуемое в дальнейшем
    # «Поставщик», в лице …, БИН …, с одной стороны": the label stands in the BIN's own clause
    clause_start = 0
    for boundary in _CLAUSE_END.finditer(text.text, max(0, start - 600), start):
        clause_start = boundary.end()
    for other_bin in bins.TWELVE_DIGITS.finditer(text.text, clause_start, start):
        clause_start = other_bin.end()  # another party's BIN closes the clause before this one
    own_start = clause_start
    names = [m for m in _ORG.finditer(text.text, clause_start, start) if not _below(text, m.start(), start)]
    if names:
        own_start = names[-1].start()  # "ТОО «…», БИН …, именуемое …": the phrase after a name is its own
    before = list(_NAMED_AS.finditer(text.text, own_start, start))
    if before and (rule := _rule_named(before[-1].group(1))):
        return rule
    after = _NAMED_AS.search(text.text, end, min(_clause_end(text.text, end), end + 250))
    if after and (rule := _rule_named(after.group(1))):
        return rule
    if names and not any(own_start <= lb.start < start for lb in labels):
        # running text naming each party after its position word: the word before the name decides,
        # not a label that happens to stand on the line above (unless another position word stands
        # between that name and the BIN: the name is then someone else's, a bank's)
        for label in reversed(labels):
            if clause_start <= label.start and label.end <= own_start and _INTRODUCES.fullmatch(
                    text.text, label.end, own_start):
                return label.rule
    ev = text.evidence(start, end)
    best: tuple[float, PositionRule] | None = None
    if ev.bbox is not None:
        for label in labels:
            if label.start >= start:
                continue
            d = _distance(label, ev.page, ev.bbox)
            if d is not None and (best is None or d < best[0]):
                best = (d, label.rule)
    if best:
        return best[1]
    # running text: "представитель Исполнителя – ТОО «…» (БИН/ИИН …)", the position word earlier in
    # the BIN's own clause
    in_clause = [lb for lb in labels if max(clause_start, start - 150) <= lb.start < start]
    if in_clause:
        return in_clause[-1].rule
    return _row_label(text, labels, start)


_SIDE_END = re.compile(r"с\s+(?:одной|другой)\s+стороны", _FLAGS)


def _clause_end(text: str, end: int) -> int:
    """Where the preamble clause of the BIN ending at `end` ends. A semicolon ends it unless the clause
    runs on to `с одной/другой стороны` with no other party's name or BIN between (`(ИИН 670309369622);
    действующий на основании уведомления …, именуемое в дальнейшем «Исполнитель», с другой стороны`:
    OCR reads a comma as a semicolon)."""
    nxt = _CLAUSE_END.search(text, end)
    if nxt is None:
        return len(text)
    if nxt.group() != ";":
        return nxt.start()
    side = _SIDE_END.search(text, nxt.end(), end + 250)
    if side is None or bins.TWELVE_DIGITS.search(text, nxt.end(), side.start()) \
            or _ORG.search(text, nxt.end(), side.start()):
        return nxt.start()
    return side.start()


def _row_label(text: DocText, labels: list[_Label], start: int) -> PositionRule | None:
    """A form's row (`Заказчик  <name, address…>  ИИН/БИН` over `<hint>  930924325052`): the position
    word that opens the BIN's line or the line above it."""
    line = text.line_at(start)
    if line is None:
        return None
    index = text.lines.index(line)
    for ln in (text.lines[index], *(text.lines[index - 1: index] if index else ())):
        opening = [lb for lb in labels if ln.start <= lb.start <= ln.start + 2]
        if opening:
            return opening[0].rule
    return None


# `№ …`, `Номер документа в системе …`, `Құжат нөмірі …`: the label of a number, a few words at most
_SERIAL_BEFORE = re.compile(r"(№|\bномер\w*|\bs/?n|нөмір\w*)(?:\s+[^\W\d]+){0,3}\s*[:.]?\s*$", re.IGNORECASE)
_BIN_WORD = re.compile(r"\b(бин|иин|бсн|жсн)\b", re.IGNORECASE)


def _is_serial(text: DocText, start: int) -> bool:
    """Twelve digits after `№` or `номер` and at most three words (a serial or document number: `Номер
    документа в системе 220555217452`), with no BIN/IIN word before on the line."""
    line = text.line_at(start)
    before = text.text[line.start if line else max(0, start - 60): start]
    return bool(_SERIAL_BEFORE.search(before)) and not _BIN_WORD.search(before)


_BANK_BIN = re.compile(
    r"(?<!\w)(?:бин|иин|бсн)(?:\s*/\s*(?:бин|иин|бсн))?\s+(?:банк(?:а|тің)?|bank)(?!\w)[^\n\d]{0,40}$",
    re.IGNORECASE)
"""`БИН банка получателя 970740755770`: the BIN's own label names a bank."""


_BIN_AFTER_NAME = re.compile(r"[^\S\n]*[,(]?[^\S\n]*(?:бин|бсн)?[^\S\n]*:?[^\S\n]*", re.IGNORECASE)
"""Between a name and the BIN that follows it on its line: a comma or a bracket, the word BIN, a colon."""


def _is_bank_bin(text: DocText, start: int) -> bool:
    """A bank's own BIN printed among a payment's requisites (an internet-bank printout's `БИН банка
    получателя`): the bank serves the payment, it is no party of the deal."""
    line = text.line_at(start)
    before = text.text[line.start if line else max(0, start - 60): start]
    if _BANK_BIN.search(before) or _BANK_BIN.search(_left_on_row(text, start)):
        return True
    # `АО «ForteBank», БИН 920240667999` under `Банк отправителя денег`, `АО «Bereke Bank» (БИН …)` in a
    # bill's bank block: the BIN right after a bank's name on its line is the bank's own
    names = [m for m in _ORG.finditer(before) if _BIN_AFTER_NAME.fullmatch(before, m.end())]
    if names:
        return bool(_BANK_NAME.search(names[-1].group(0)))
    return _in_bank_stamp(text, start) or _bank_above(text, start)


_STAMP_MARK = re.compile(r"[^\S\n]*\W?[^\S\n]*(?:исполнено|проведено|орындалды|жүргізілді|executed)\W{0,3}"
                         r"(?:[^\S\n]*\d{2}[./]\d{2}[./]\d{2,4}\W{0,2})?[^\S\n]*", re.IGNORECASE)
"""A bank's execution stamp's mark alone on its line (`ИСПОЛНЕНО`, `ПРОВЕДЕНО 04.07.2025`), never a
status in running text (`Статус документа: Исполнен`)."""


def _in_bank_stamp(text: DocText, start: int) -> bool:
    """A BIN alone with its label on the line right above or below a bank's execution stamp's mark
    (`БИН 940240907555` over `ИСПОЛНЕНО` / `04.07.2025`, the bank's name above read apart on a scan): the
    bank's own BIN in its stamp, no party's."""
    line = text.line_at(start)
    if line is None or not _STAMP_BIN_LINE.fullmatch(text.line_text(line)):
        return False
    index = text.lines.index(line)
    near = text.lines[max(0, index - 1): index] + text.lines[index + 1: index + 2]
    return any(_STAMP_MARK.fullmatch(text.line_text(ln)) for ln in near)


_STAMP_BIN_LINE = re.compile(r"[^\S\n]*\W?[^\S\n]*(?:(?:бин|бсн|bin|buh)[^\S\n]*\W?[^\S\n]*\d{12}"
                             r"|\d{12}[^\S\n]*\W?[^\S\n]*(?:бин|бсн|bin|buh))\W{0,2}", re.IGNORECASE)
"""A stamp's BIN line: the label and the number, in either order (a photo reads the stamp's text as it
lies: `941040887340, БИН`)."""


def _left_on_row(text: DocText, start: int) -> str:
    """The words printed left of the value at `start` on its row of the page, whatever order OCR read
    them in (a form's label column read before its value column)."""
    placed = text.words_in(start, start + 1)
    if not placed:
        return ""
    here = placed[0]
    x0, y0, _, y1 = here.word.bbox
    row = [p for p in text.words if p.page == here.page and p.file == here.file
           and p.word.bbox[2] <= x0 + 0.002 and same_row(p.word.bbox[1], p.word.bbox[3], y0, y1)]
    return " ".join(p.word.text for p in sorted(row, key=lambda p: p.word.bbox[0]))


def _is_person(text: DocText, start: int) -> bool:
    """A person's IIN (a signer, a passenger, a trainee, an attorney) rather than a party's BIN."""
    return bool(load_person_context().search(text.text[max(0, start - 160): start]))


def _is_officer(text: DocText, start: int, value: str) -> bool:
    """An officer's own IIN (`Первый руководитель Иванова А. А., ИИН …`): shaped as a person's IIN, no
    company's BIN, on the line of a post or a full name."""
    return bins.is_personal(value) and _officer_on_line(text, start)


def _officer_on_line(text: DocText, start: int) -> bool:
    """An officer's post or `ФИО` earlier on the IIN's line, with no company name after it; or, where a
    form's row wrapped (`Руководитель` in its label cell over `<full name>, ИИН …`), alone on the line
    above an IIN line that names no company."""
    line = text.line_at(start)
    before = text.text[line.start if line else max(0, start - 120): start]
    posts = list(load_officer_context().finditer(before))
    if posts:
        return not _ORG.search(before, posts[-1].end())
    if line is None or any(rx.search(before) for rx in (_ORG, _OWNER_FORM, load_positions_any())):
        return False
    index = text.lines.index(line)
    above = text.text[text.lines[index - 1].start: text.lines[index - 1].end] if index else ""
    above = _ROW_NUMBER.sub("", above).strip()
    post = load_officer_context().match(above)
    if post is not None and len(above.split()) <= 4 and not _ORG.search(above):
        return True
    # two columns of requisites read as one line: `Кбе: 17   Руководитель: Бекмуханова Алия Болатовна,`
    # over `М.П.   ИИН 930626433654` — a post and a person's name closing the line above
    tail = _NAME_AT_END.search(above)
    if tail is not None and any(
            post.end() == tail.start() for post in _POST_THEN_SPACE.finditer(above, 0, tail.start() + 1)):
        return True
    return _post_above(text, start)


_COLUMN_SLACK = 0.02
_ABOVE_REACH = 0.035
"""How far above an IIN (page fraction: two or three lines) the post cell of its wrapped row may stand."""


def _post_above(text: DocText, start: int) -> bool:
    """A requisites column's row wrapped under its post (`Руководитель: Ахметов Асхат Серикович, ИИН` over
    `831201344238`, another column's words read in between; `Директор ____ Омаров К. Б.` over
    `(ИИН 850621363536)`): the nearest word above that starts where the IIN's cell starts (its `ИИН`
    label, else the number) opens with an officer's post, and the line there names no company."""
    rest, _ = _cell_above(text, start, _IIN_WORD)
    post = load_officer_context().match(rest) if rest else None
    return post is not None and not _ORG.search(rest)


def _bank_above(text: DocText, start: int) -> bool:
    """A bank's BIN under its name in a printout's header (`АО «ForteBank»` over `БИН 940440984909`, also
    a name wrapped onto a second line, `АО «Народный Банк` / `Казахстана»`): one of the two nearest cells
    above the BIN's, starting where it starts, opens with a bank's name, and no party's position word
    (`Заказчик:`) heads the lines over it: there the bank is the party's, its BIN under it the party's."""
    line = text.line_at(start)
    if line is None:
        return False
    index = text.lines.index(line)
    over = text.lines[max(0, index - _BLOCK_LINES)]
    if any(_heads(text, m.start(), m.end(), start)
           for m in load_positions_any().finditer(text.text, over.start, start)):
        return False
    rest, at = _cell_above(text, start, _BIN_WORD_CELL, _CENTRED_SLACK)
    column = _cell_left(text, start, _BIN_WORD_CELL)
    for _ in range(2):
        # `AO «First Heartland Jusan Bank»`: OCR reads the legal form in Latin look-alikes
        name = (_ORG.match(rest) or _ORG.match(rest.translate(_CYRILLIC_TWINS))) if rest else None
        if name is not None:
            return bool(_BANK_NAME.search(rest[:name.end()]))
        if at is None:
            return False
        # the name's first line is sought where the BIN's cell starts, not where its wrapped end does
        # (`AO «First Heartland Jusan` / `Bank»` centred over `BUH 941040410872`)
        above, at = _cell_above(text, at, _BIN_WORD_CELL, _CENTRED_SLACK, column)
        rest = f"{above} {rest}" if above else ""
    return False


def _heads(text: DocText, start: int, end: int, value: int) -> bool:
    """Can the position word at [start, end) head the value at `value`: printed above it, over its column
    (its box spanning some of the value's width, wider by `_COLUMN_REACH`) or on the rows of the cells
    over it (a label column's `Заказчик:` left of the name)? In a text without boxes, or on another page,
    it is taken to. A word printed under the value heads nothing of it: a form's `Отправитель денег` row
    that a bank's stamp in the margin (`АО «Банк ЦентрКредит»` / `БИН …` / `ИСПОЛНЕНО`) stands above,
    which OCR read first."""
    word, at = text.evidence(start, end), text.evidence(value, value + 1)
    if word.bbox is None or at.bbox is None or (word.file, word.page) != (at.file, at.page):
        return True
    if word.bbox[1] >= at.bbox[1]:
        return False
    over = word.bbox[2] >= at.bbox[0] - _COLUMN_REACH and word.bbox[0] <= at.bbox[2] + _COLUMN_REACH
    return over or at.bbox[1] - word.bbox[3] <= 2 * _ABOVE_REACH


_COLUMN_REACH = 0.1
_CYRILLIC_TWINS = str.maketrans(lookalikes.LATIN, lookalikes.CYRILLIC)
_BLOCK_LINES = 4
_CENTRED_SLACK = 0.045
"""A printout's header block centres its lines: a bank's name may start this far left or right of its BIN."""


_BIN_WORD_CELL = re.compile(r"\W{0,2}(?:БИН|БСН|BIN|[BВ][UИ][HН])\W{0,2}", re.IGNORECASE)
"""The BIN's label starting its cell, also as OCR reads `БИН` in Latin look-alikes (`BUH`)."""


def _cell_left(text: DocText, start: int, label: re.Pattern[str]) -> float | None:
    """Where the cell of the value at `start` starts: its `label` word just left of it, else the value."""
    placed = text.words_in(start, start + 1)
    line = text.line_at(start)
    if not placed or line is None:
        return None
    here = placed[0]
    cell = [p for p in text.words_in(line.start, start)
            if p.page == here.page and p.file == here.file and here.word.bbox[0] - p.word.bbox[0] < 0.08
            and label.fullmatch(p.word.text)]
    return min([p.word.bbox[0] for p in cell] + [here.word.bbox[0]])


def _cell_above(text: DocText, start: int, label: re.Pattern[str],
                slack: float = _COLUMN_SLACK, column: float | None = None) -> tuple[str, int | None]:
    """The text, to its line's end, from the nearest word above the value at `start` that starts where the
    value's cell starts (its `label` word just left of it, else the value; or at `column`), within a few
    lines, and where that word starts; ("", None) when there is none."""
    placed = text.words_in(start, start + 1)
    left = _cell_left(text, start, label) if column is None else column
    if not placed or left is None:
        return "", None
    here = placed[0]
    top = here.word.bbox[1]
    above = [p for p in text.words
             if p.page == here.page and p.file == here.file and p.word.bbox[3] <= top + 0.002
             and top - p.word.bbox[3] <= _ABOVE_REACH and abs(p.word.bbox[0] - left) <= slack]
    if not above:
        return "", None
    lowest = max(above, key=lambda p: p.word.bbox[3])
    nearest = min((p for p in above if p is lowest or same_row(p.word.bbox[1], p.word.bbox[3],
                                                               lowest.word.bbox[1], lowest.word.bbox[3])),
                  key=lambda p: p.word.bbox[0])
    row = text.line_at(nearest.start)
    return text.text[nearest.start: row.end if row else nearest.end], nearest.start


def _named_person_above(text: DocText, start: int) -> bool:
    """A person's full name alone on the line above an IIN alone on its line, or after the person's post
    (`Настоящий сертификат подтверждает, что` / `Ахметов Ерлан Маратович` / `ИИН 820223347515` or
    `мастер участка, ИИН 821112353013`), or on the IIN's own line with no company's name between (a list
    of trainees, its row numbered: `1 Ахметов Данияр Нурланович мастер участка 821112353013`): the IIN is
    that person's."""
    line = text.line_at(start)
    if line is None:
        return False
    before = text.text[line.start: start]
    names = list(_FULL_NAME.finditer(before))
    if (names and _ROW_NUMBER.match(before) and not _ORG.search(before, names[-1].end())
            and not _OWNER_FORM.search(before)):
        return True
    bracketed = _NAME_THEN_IIN.search(before) or (
        _PATRONYMIC_THEN_IIN.match(before) if not _NAMED_AFTER.match(text.text, start + 12) else None)
    if bracketed and not _OWNER_FORM.search(text.text, max(0, line.start + bracketed.start() - 60),
                                            line.start + bracketed.start()):
        return True
    if _BRACKETED_IIN_ONLY.fullmatch(before) and _signers_name_above(text, line):
        return True
    post = _SPECKS_BEFORE.sub("", before)
    # an entrepreneur's IIN after its form (`индивидуальный предприниматель, ИИН`) is a party's
    if not (_IIN_LABEL_ONLY.fullmatch(post) or _POST_THEN_IIN.fullmatch(post)) or _OWNER_FORM.search(post):
        return False
    index = text.lines.index(line)
    return index > 0 and _name_line(text.line_text(text.lines[index - 1]))


_BRACKETED_IIN_ONLY = re.compile(r"[^\S\n]*\([^\S\n]*(?:ИИН|ЖСН|IIN)[^\S\n]*:?[^\S\n]*", re.IGNORECASE)


def _signers_name_above(text: DocText, line: Line) -> bool:
    """A signature block's `(ИИН …)` alone on its line under the signer's name alone on the line above
    (`Председатель Правления` / `Абдрахманова О. А.` / `(ИИН 770608437288)`), no entrepreneur's form on
    those lines: the signer's own IIN."""
    index = text.lines.index(line)
    if index == 0:
        return False
    above = text.line_text(text.lines[index - 1]).strip()
    if not (_FULL_NAME.fullmatch(above) or _SHORT_NAME.fullmatch(above)):
        return False
    block = text.text[text.lines[max(0, index - 2)].start: line.start]
    return not _OWNER_FORM.search(block)


_POST_THEN_IIN = re.compile(r"[^\S\n]*(?-i:[а-яёәғқңөұүһі][а-яёәғқңөұүһі-]+)"
                            r"(?:[^\S\n]+[а-яёәғқңөұүһі-]+){0,3}[^\S\n]*[,.][^\S\n]*(?:ИИН|ЖСН|IIN)[^\S\n]*:?[^\S\n]*",
                            re.IGNORECASE)
"""A person's post in lower case, a comma and the IIN's label (`начальник цеха, ИИН `); on a photo OCR
often reads the comma as a full stop (`наладчик оборудования. ИИН `)."""


_ROW_NUMBER = re.compile(r"^\s*\d{1,3}[.)]?\s+")
_CAP = "[А-ЯЁӘҒҚҢӨҰҮҺІ]"
_SHORT_NAME = re.compile(rf"(?-i:{_CAP}[а-яёәғқңөұүһі-]+[^\S\n]+{_CAP}\.[^\S\n]?(?:{_CAP}\.?)?)")
"""A person's surname and initials (`Абдрахманова О. А.`)."""
_NAME_AT_END = re.compile(
    rf"(?-i:{_CAP}[а-яёәғқңөұүһі-]+(?:\s+{_CAP}[а-яёәғқңөұүһі-]+){{1,2}}"
    rf"|{_CAP}[а-яёәғқңөұүһі-]+\s+{_CAP}\.\s?(?:{_CAP}\.)?)\s*,?\s*$")
"""A person's name (`Бекмуханова Алия Болатовна,`, `Сериков С. А.`) closing a line."""
_POST_THEN_SPACE = re.compile(r"(?:директор\w*|руководител\w*|бухгалтер\w*|басшы\w*)\s*:?\s*", re.IGNORECASE)
_FULL_NAME = re.compile(
    rf"(?-i:{_CAP}[а-яёәғқңөұүһі-]+\s+{_CAP}[а-яёәғқңөұүһі-]+\s+{_CAP}[а-яёәғқңөұүһі]+"
    r"(?:вич|вна|ична|улы|ұлы|кызы|қызы))")
"""A person's full name with a patronymic (`Абдрахманова Жанар Маратовна`)."""
_SPECKS_BEFORE = re.compile(r"\A[^\S\n]*(?:[^\w\s]{1,3}|\d{1,2}(?:-\d)?|[^\W\d_])(?=[^\S\n])")
"""A scan's or a photo's speck read at a line's start (`7 оператор станков с ЧПУ, ИИН`, `2-2 Тлеубаева …`)."""
_SPECK_WORD = re.compile(r"[\W\d_]{1,3}|[^\W\d_]")
_DAMAGED_NAME = re.compile(rf"(?-i:{_CAP}[а-яёәғқңөұүһі-]+\s+{_CAP}[а-яёәғқңөұүһі-]+\s+"
                           r"(?:[А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі]+\s+)?[а-яёәғқңөұүһі]*(?:вич|вна|ична|улы|ұлы|кызы|қызы))")
"""A full name whose patronymic OCR parted by a space (`Исмаилов Асхат Ма атович`)."""


def _name_line(line: str) -> bool:
    """A person's full name alone on the line, specks read at its ends aside (`, Исмаилов Асхат Ма атович`,
    `Тлеубаева Карлыгаш Нур лановна 5`), its patronymic also parted by a space."""
    words = line.split()
    while words and _SPECK_WORD.fullmatch(words[0]):
        words.pop(0)
    while words and _SPECK_WORD.fullmatch(words[-1]):
        words.pop()
    name = " ".join(words)
    return bool(_FULL_NAME.fullmatch(name) or _DAMAGED_NAME.fullmatch(name))


_NAME_THEN_IIN = re.compile(rf"{_FULL_NAME.pattern}[^\S\n]*[(,][^\S\n]*(?:ИИН|ЖСН|IIN)[^\S\n]*:?[^\S\n]*\Z",
                            re.IGNORECASE)
"""A person's full name and the IIN in brackets after it (`подтверждается, что Касымов Данияр Александрович
(ИИН 820905355988) прошел обучение`): the person's, a trainee's or a signer's, never a party's."""
_PATRONYMIC_THEN_IIN = re.compile(
    r"\W{0,3}[а-яёәғқңөұүһі-]*(?:вич|вна|ична|улы|ұлы|кызы|қызы)[^\S\n]*[(,][^\S\n]*(?:ИИН|ЖСН|IIN)[^\S\n]*:?"
    r"[^\S\n]*\Z", re.IGNORECASE)
"""A line opening with a patronymic, its name's other words on the line above or lost on a scan, and the
IIN in brackets after it (`‘дрович (ИИН 900223370200).` under a head's post whose label OCR lost)."""
_NAMED_AFTER = re.compile(r"[^\S\n]*\)?[^\S\n]*,?[^\S\n]*(?:именуем|далее|бұдан[^\S\n]+әрі|hereinafter)",
                          re.IGNORECASE)
"""A preamble naming the side whose IIN it has just printed (`…ович (ИИН …), именуемое «Исполнитель»`): an
entrepreneur's own number, whatever line OCR read the entrepreneur's form on."""
_IIN_WORD = re.compile(r"\W{0,2}(?:ИИН|ЖСН|IIN)\W{0,2}", re.IGNORECASE)
_IIN_LABEL_ONLY = re.compile(r"[^\S\n]*(?:ИИН|ЖСН|IIN)[^\S\n]*:?[^\S\n]*", re.IGNORECASE)
_OWNER_FORM = re.compile(r"(?<!\w)(?:ИП|ЖК|КХ|ФХ)(?!\w)|предпринимател|кәсіпкер", re.IGNORECASE)
"""An entrepreneur's or a farm's name: its owner's IIN is the party's own number."""


@cache
def load_positions_any() -> re.Pattern[str]:
    """Any position word of `fields.yaml` (a party's label on the line: then the IIN is a party's)."""
    return re.compile("|".join(f"(?:{rule.regex.pattern})" for rule in load_positions()), _FLAGS)


@cache
def load_officer_context() -> re.Pattern[str]:
    raw = yaml.safe_load(resources.files("extractors.data").joinpath("fields.yaml").read_text("utf-8"))
    return re.compile(raw["officer_context"], _FLAGS)


@cache
def load_person_context() -> re.Pattern[str]:
    raw = yaml.safe_load(resources.files("extractors.data").joinpath("fields.yaml").read_text("utf-8"))
    return re.compile(raw["person_context"], _FLAGS)


def _below(text: DocText, name_start: int, bin_start: int) -> bool:
    """The name at `name_start` is printed under the BIN at `bin_start` on the same page: OCR's reading
    order put it first (a right-hand column read after the next line), but it is not the BIN's."""
    name = text.evidence(name_start, name_start + 1)
    at = text.evidence(bin_start, bin_start + 1)
    if name.bbox is None or at.bbox is None or name.page != at.page or name.file != at.file:
        return False
    return name.bbox[1] > at.bbox[3]


_BANK_NAME = re.compile(r"банк|bank|(?<![^\W\d_])[bв][aа][nп][kк](?![^\W\d_])", re.IGNORECASE)
"""A bank's name, also `Bank` as OCR reads it in Cyrillic look-alikes (`АО «Вапк ВВК»`, `Вегеке Вапк`)."""
_BANK_LINE = re.compile(r"(?:\b(?:ИИК|IBAN|БИК|BIC|SWIFT|IIK)\b|\bбанк(?:а|е|у|ом)?\b|\bbank\b)[^\n]{0,40}$",
                        re.IGNORECASE)
"""Just before a name on its line: an account or a bank code, the word bank (`ИИК KZ… АО «Forte»`,
`Банк получателя: …`)."""
_OTHER_BIN = re.compile(r"(?<![0-9A-Za-zА-Яа-яЁё])\d{12}(?!\d)")
"""Twelve digits standing alone (not the tail of an account number `KZ…000012345678`)."""
_NAME_WINDOW = 400
"""Characters either side of a BIN searched for its name (OCR may read a line's right half later)."""
_NAME_ABOVE = 0.1
"""How far above its BIN (page fraction) a party's name may stand …"""
_NAME_AFTER = re.compile(r"[^\S\n]*[(,–—-]?[^\S\n]*")
_AFTER = 0.5
"""A name right after its BIN on the line (in brackets, after a comma or a dash) is nearer than any
name above it."""
_NAME_UNDER = 0.012
"""… and how far under it (the next line)."""
_UNDER = 0.02
"""What standing under the BIN costs beside standing as far above it."""


def _is_bank(text: DocText, m: re.Match[str]) -> bool:
    """A bank's name (`АО «Kaspi Bank»`, `в АО «Народный банк Казахстана»`), never a party's."""
    line = text.line_at(m.start())
    before = text.text[line.start if line else max(0, m.start() - 60): m.start()]
    return bool(_BANK_NAME.search(m.group(0)) or _BANK_LINE.search(before))


def _name_gap(text: DocText, m: re.Match[str], start: int, end: int) -> float | None:
    """How far the name `m` stands from the BIN at [start, end) on the page: left of it on its line
    (nearest first), then above or just under it (nearer lines, then nearer columns, first: an ЭСФ
    prints `ИИН/БИН` over `Поставщик <name>`); None when it is not the BIN's. In a text without boxes,
    the nearest name before the BIN."""
    name, at = text.evidence(m.start(), m.start() + 1), text.evidence(start, end)
    if name.bbox is None or at.bbox is None or name.page != at.page or name.file != at.file:
        return None if m.start() > start else 10.0 + (start - m.start()) / 1e4
    nx0, ny0, _, ny1 = name.bbox
    bx0, by0, _, by1 = at.bbox
    same_line = min(ny1, by1) - max(ny0, by0) > 0.3 * min(ny1 - ny0, by1 - by0)
    if same_line:
        if nx0 < bx0:
            return bx0 - nx0
        # `БИН/ИИН исполнителя: 150440459306 (АО «Sapa Training»)`: the name right after the BIN
        return _AFTER if _NAME_AFTER.fullmatch(text.text, end, m.start()) else None
    if ny0 > by1:  # under the BIN
        return 1.0 + _UNDER + (ny0 - by1) * 3 + abs(nx0 - bx0) * 0.5 if ny0 - by1 <= _NAME_UNDER else None
    if by0 - ny1 > _NAME_ABOVE:
        return None
    return 1.0 + (by0 - ny1) * 3 + abs(nx0 - bx0) * 0.5


def _nearer(other: float | None, gap: float) -> bool:
    return other is not None and other < gap


def _name_before(text: DocText, start: int, end: int, bank: bool = False) -> str | None:
    """The party's name: the company named left of its BIN on its line, else the nearest above it on
    the page (in a text without boxes: the last before it); a bank's name only for a bank's BIN."""
    found = _ORG.finditer(text.text, max(0, start - _NAME_WINDOW), min(len(text.text), end + _NAME_WINDOW))
    best: tuple[float, str] | None = None
    for m in found:
        if m.start() == start or (not bank and _is_bank(text, m)):
            continue
        gap = _name_gap(text, m, start, end)
        if gap is None or (best is not None and gap > best[0]):
            continue
        others = _OTHER_BIN.finditer(text.text, max(0, m.start() - 20), m.end() + _NAME_WINDOW)
        if any(_nearer(_name_gap(text, m, o.start(), o.end()), gap) for o in others if o.start() != start):
            continue  # `Заявитель: ТОО «А», БИН …` a line above: the name is nearer that other BIN
        best = (gap, m.group(0))
    if best is None:
        return None
    return _TRAILING_LABEL.sub("", " ".join(best[1].split())) or None


_TRAILING_LABEL = re.compile(
    r"[\s,(]*\b(?:бин|иин|бсн|жсн)(?:\s*/\s*(?:бин|иин|бсн|жсн))?\W*$", re.IGNORECASE
)


def find_parties(text: DocText, applicant_bin: str | None = None,
                 doc_type: DocType = DocType.other) -> tuple[Party, ...]:
    """One party per distinct BIN/IIN, in order of first appearance.

    People's IINs (a signer, a passenger, trainees, an attorney) are not parties; an invalid BIN one
    digit off a valid one of the same document is that BIN misread, not another party. The applicant BIN
    stated at upload decides the role when it is the BIN read here; it is never added to a document
    that does not carry it. A BIN no position word stands beside takes the type's default (the
    issuer of a certificate, the carrier of a ticket …).
    """
    template = template_for(doc_type).parties
    labels = _labels(text)
    limit = len(text.text)
    if template.head_lines is not None and len(text.lines) > template.head_lines:
        limit = text.lines[template.head_lines - 1].end
    seen: dict[str, Party] = {}
    for match in bins.find_bins(text.text):
        if match.value in seen or match.start >= limit:
            continue
        if _is_person(text, match.start) or _is_serial(text, match.start) or _is_bank_bin(text, match.start):
            continue
        if match.value != applicant_bin and (_is_officer(text, match.start, match.value) or (
                bins.is_personal(match.value) and _named_person_above(text, match.start))):
            continue
        if not bins.is_structured(match.value):
            continue  # a Russian INN, an eGov document number: twelve digits, but no BIN or IIN
        rule = _position_for(text, labels, match.start, match.end)
        position = rule.name if rule else template.default_position
        ev = text.evidence(match.start, match.end)
        if applicant_bin and (match.value == applicant_bin
                              or misread_of_applicant(match.value, ev.confidence, applicant_bin)):
            role = Role.applicant
        elif rule is not None:
            role = dict(template.roles).get(rule.name, rule.role)
        elif template.default_role is not None:
            role = template.default_role
        else:
            role = Role.other
        seen[match.value] = Party(
            bin=match.value, valid=match.valid, role=role, position=position,
            name=_name_before(text, match.start, match.end, bank=position == "bank"), **ev.model_dump(),
        )
    return tuple(p for p in seen.values() if p.valid or not _misread_of_valid(p.bin, seen))


UNSURE_READING = 0.8
"""OCR confidence below which a reading one digit off the applicant's BIN is the applicant's BIN misread."""


def misread_of_applicant(value: str, confidence: float | None, applicant_bin: str) -> bool:
    """An unsure OCR reading (confidence below `UNSURE_READING`) one digit off the applicant's BIN: the
    applicant's own BIN misread, not another company (a misread 11th digit keeps the check digit right,
    so `valid` does not decide)."""
    return (confidence is not None and confidence < UNSURE_READING
            and bins.one_digit_off(value, applicant_bin))


def _misread_of_valid(value: str, seen: dict[str, Party]) -> bool:
    """An invalid BIN one digit off a valid BIN of the same document: the same number misread once."""
    return any(other.valid and bins.one_digit_off(value, other.bin) for other in seen.values())
