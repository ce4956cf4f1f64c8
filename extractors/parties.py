"""Parties: every BIN/IIN on a document, check digit verified, with its position and role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from extractors import bin as bins
from extractors.textindex import DocText
from models.base import BBox
from models.documents import Party
from models.vocab import Role

_FLAGS = re.IGNORECASE | re.MULTILINE
_NAMED_AS = re.compile(r"именуем\w*\s+в\s+дальнейшем\s*[«\"“]?\s*(\w+)", _FLAGS)
_ORG = re.compile(
    r"(ТОО|АО|ИП|ООО|ЖШС|АҚ|ПК|ГКП|РГП|КГП|LLP|LLC|Ltd|GmbH)\s*[«\"“][^»\"”\n]{2,80}[»\"”]"
    r"|(Индивидуальный\s+предприниматель|Товарищество\s+с\s+ограниченной\s+ответственностью)\s+[^\n,]{2,60}",
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
        PositionRule(name, re.compile(spec["re"], _FLAGS), Role(spec["role"]))
        for name, spec in raw["positions"].items()
    )


@dataclass(frozen=True)
class _Label:
    rule: PositionRule
    start: int
    page: int | None
    bbox: BBox | None


def _labels(text: DocText) -> list[_Label]:
    out = []
    for rule in load_positions():
        for m in rule.regex.finditer(text.text):
            ev = text.evidence(m.start(), m.end())
            out.append(_Label(rule, m.start(), ev.page, ev.bbox))
    return sorted(out, key=lambda lb: lb.start)


def _distance(label: _Label, page: int | None, box: BBox) -> float | None:
    """Layout distance from a label to a BIN: same line to the left, or above in the same column."""
    if label.page != page or label.bbox is None:
        return None
    lx0, ly0, lx1, ly1 = label.bbox
    x0, y0, x1, y1 = box
    same_line = min(ly1, y1) - max(ly0, y0) > 0.3 * min(ly1 - ly0, y1 - y0)
    if same_line and lx1 <= x0 + 0.01:
        return x0 - lx1
    if ly1 <= y0 + 0.005 and lx0 <= x1 and lx1 >= x0 - 0.35 and abs(lx0 - x0) < 0.45:
        vertical = y0 - ly1
        return 0.05 + vertical * 3 + abs(lx0 - x0) * 0.5 if vertical < 0.2 else None
    return None


def _position_for(text: DocText, labels: list[_Label], start: int, end: int) -> PositionRule | None:
    # "ТОО «…», БИН …, именуемое в дальнейшем «Заказчик»": the label follows in the same sentence
    sentence_end = min((i for i in (text.text.find(";", end), text.text.find(".\n", end)) if i >= 0),
                       default=len(text.text))
    m = _NAMED_AS.search(text.text, end, min(sentence_end, end + 250))
    if m:
        for rule in load_positions():
            if rule.regex.fullmatch(m.group(1)) or rule.regex.match(m.group(1)):
                return rule
    ev = text.evidence(start, end)
    if ev.bbox is None:
        return None
    best: tuple[float, PositionRule] | None = None
    for label in labels:
        if label.start >= start:
            continue
        d = _distance(label, ev.page, ev.bbox)
        if d is not None and (best is None or d < best[0]):
            best = (d, label.rule)
    return best[1] if best else None


def _name_before(text: DocText, start: int) -> str | None:
    window_start = max(0, start - 220)
    names = list(_ORG.finditer(text.text, window_start, start))
    return " ".join(names[-1].group(0).split()) if names else None


def find_parties(text: DocText, applicant_bin: str | None = None) -> tuple[Party, ...]:
    """One party per distinct BIN/IIN, in order of first appearance.

    The applicant BIN stated at upload decides the role when it is the BIN read here; it is never
    added to a document that does not carry it.
    """
    labels = _labels(text)
    seen: dict[str, Party] = {}
    for match in bins.find_bins(text.text):
        if match.value in seen:
            continue
        rule = _position_for(text, labels, match.start, match.end)
        if applicant_bin and match.value == applicant_bin:
            role = Role.applicant
        elif rule is not None:
            role = rule.role
        else:
            role = Role.other
        ev = text.evidence(match.start, match.end)
        seen[match.value] = Party(
            bin=match.value, valid=match.valid, role=role, position=rule.name if rule else None,
            name=_name_before(text, match.start), **ev.model_dump(),
        )
    return tuple(seen.values())
