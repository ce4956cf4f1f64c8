"""Refresh the message catalogues from the code, templates, scripts and data.

    python -m intake.i18n_extract          # rewrite intake/locale/*/LC_MESSAGES/intake.po
    python -m intake.i18n_extract --check  # exit 1 when a catalogue lacks a message or a translation

Messages come from `_()`, `N_()` and `gettext()` in the Python code of `intake/`, `{{ _() }}` in the
templates, `t()` in the page scripts, and from data: names of document and cost types, statuses, and
the titles of every checklist item. The Russian catalogue repeats each msgid; Kazakh translations
already made are kept, new messages get an empty one (which `--check` and the tests refuse).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from intake.i18n import LANGS, po_path

ROOT = Path(__file__).resolve().parent
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
"""Fixed dates in the catalogues' headers: a refresh changes a file only when its messages change."""
LANGUAGE_TEAMS = {"ru": "Russian", "kk": "Kazakh"}
KEYWORDS = {"_": None, "N_": None, "gettext": (2,), "t": None}
"""`i18n.gettext(lang, message)` carries its message second."""


def _code_messages() -> Iterator[str]:
    methods = [("**.py", "python"), ("templates/**.html", "jinja2.ext:babel_extract"),
               ("static/**.js", "javascript")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    for _file, _line, message, _comments, _ctx in extract_from_dir(
            str(ROOT), methods, keywords=KEYWORDS, options_map=options):
        if isinstance(message, str) and message:
            yield message
    yield from rule_messages()


def rule_messages() -> list[str]:
    """The finding messages of the rules (`N_()` in `checklists/`) and the names they put in them."""
    from checklists.caps import load_caps
    from checklists.rules._text import CASES
    from checklists.rules.history import measure_name
    from models.vocab import CostType

    extracted = extract_from_dir(str(ROOT.parent / "checklists"), [("**.py", "python")],
                                 keywords={"N_": None})
    found = {m for _f, _l, m, _c, _x in extracted if isinstance(m, str) and m}
    found |= {form for forms in CASES.values() for form in forms[1:]}
    found |= set(checklist_notes())
    found |= {measure_name(c) for c in CostType}
    for cap in load_caps().caps:
        found |= {cap.text} | ({cap.reading} if cap.reading else set())
    return sorted(found)


def _data_messages() -> Iterator[str]:
    from checklists.names import COST_TYPE_NAMES, DOC_TYPE_NAMES, FLAG_NAMES, SERVICE_NAMES
    from intake.web import render

    for names in (COST_TYPE_NAMES, DOC_TYPE_NAMES, FLAG_NAMES, SERVICE_NAMES):
        yield from names.values()
    for table in render.NAME_TABLES:
        yield from table.values()
    yield from checklist_titles()


def checklist_titles() -> list[str]:
    """The title of every checklist item of every version."""
    titles = set()
    for path in sorted((ROOT.parent / "checklists" / "data").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for version in data.get("versions", [data]):
            for item in version.get("items", []) or []:
                if item.get("title"):
                    titles.add(str(item["title"]))
    return sorted(titles)


def checklist_notes() -> list[str]:
    """The note of every checklist item of every version (quoted in `missing_document` findings)."""
    notes = set()
    for path in sorted((ROOT.parent / "checklists" / "data").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for version in data.get("versions", [data]):
            for item in version.get("items", []) or []:
                if item.get("note"):
                    notes.add(str(item["note"]))
    return sorted(notes)


def messages() -> list[str]:
    return sorted(set(_code_messages()) | set(_data_messages()))


def _load(lang: str) -> Catalog:
    path = ROOT / po_path(lang)  # type: ignore[arg-type]
    if not path.exists():
        return Catalog(locale=lang, domain="intake")
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def refresh(check: bool = False) -> list[str]:
    """Rewrite (or with `check`, only compare) the catalogues; returns what is missing."""
    wanted = messages()
    problems: list[str] = []
    for lang in LANGS:
        old = _load(lang)
        new = Catalog(locale=lang, domain="intake", project="intake", version="1",
                      copyright_holder="JSC QazIndustry", charset="utf-8", fuzzy=False,
                      creation_date=STAMP, revision_date=STAMP,
                      last_translator="intake", language_team=LANGUAGE_TEAMS[lang])
        for msgid in wanted:
            kept = old.get(msgid)
            text = msgid if lang == "ru" else (kept.string if kept is not None else "")
            if not text:
                problems.append(f"{lang}: {msgid}")
            elif check and (kept is None or kept.string != text):
                problems.append(f"{lang}: {msgid} (not in the catalogue)")
            new.add(msgid, text)
        if check:
            stale = [m.id for m in old if m.id and m.id not in set(wanted)]
            problems.extend(f"{lang}: stale {m}" for m in stale)
            continue
        path = ROOT / po_path(lang)  # type: ignore[arg-type]
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, new, width=0, omit_header=False, sort_output=True, no_location=True)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    problems = refresh(check=args.check)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
