"""Languages of the product: Russian and Kazakh, from gettext message catalogues.

The catalogues' sources are `intake/locale/<lang>/LC_MESSAGES/intake.po` (msgids are the Russian texts;
the Russian catalogue repeats them, so a test can tell that every message exists in both languages).
They are compiled with Babel when first used, in memory: nothing compiled is kept in the repository.
`python -m intake.i18n_extract` refreshes both sources from the code, templates and data.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from functools import cache
from gettext import GNUTranslations
from importlib import resources
from typing import Literal

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from checklists import wording
from models.files import FileError
from models.findings import Finding
from models.message import Message

Lang = Literal["ru", "kk"]
LANGS: tuple[Lang, ...] = ("ru", "kk")
DEFAULT: Lang = "ru"
LANG_NAMES: Mapping[Lang, str] = {"ru": "Русский", "kk": "Қазақша"}
"""Each language by its own name (the language switcher)."""
DOMAIN = "intake"
ALIASES = {"kz": "kk", "kaz": "kk", "rus": "ru"}


def N_(message: str) -> str:
    """Mark a text for the catalogues without translating it here."""
    return message


def po_path(lang: Lang) -> str:
    return f"locale/{lang}/LC_MESSAGES/{DOMAIN}.po"


@cache
def catalog(lang: Lang) -> GNUTranslations:
    """The compiled catalogue of `lang` (compiled from its `.po` source on first use)."""
    source = resources.files("intake").joinpath(po_path(lang)).read_bytes()
    messages = read_po(io.BytesIO(source), locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, messages, use_fuzzy=False)
    compiled.seek(0)
    return GNUTranslations(compiled)


def parse_lang(value: str | None) -> Lang | None:
    """`kk`, `kk-KZ`, `kz`, `ru_RU`… → a supported language, or None."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    code = ALIASES.get(code, code)
    return code if code in LANGS else None  # type: ignore[return-value]


def negotiate(accept_language: str | None) -> Lang | None:
    """The best supported language of an `Accept-Language` header (q-values honoured), or None."""
    best: tuple[float, int, Lang] | None = None
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        lang = parse_lang(tag)
        if lang is None:
            continue
        q = 1.0
        for p in params.split(";"):
            name, _, value = p.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0 and (best is None or (q, -i) > (best[0], best[1])):
            best = (q, -i, lang)
    return best[2] if best else None


def gettext(lang: Lang, message: str) -> str:
    """`message` (its Russian text) in `lang`; itself when the catalogue lacks it."""
    return catalog(lang).gettext(message)


def render(message: Message, lang: Lang) -> str:
    """A catalogue message (`models.message.Message`) in `lang`, its values filled in."""
    return wording.render(message, catalog(lang).gettext, lang)


def finding_message(finding: Finding, lang: Lang) -> str:
    """A finding's sentence in `lang`: rendered from its message where it has one (every rule's finding
    does; reports stored before carry Russian text only)."""
    if finding.text is not None:
        return render(finding.text, lang)
    return finding.message


def file_error_message(error: FileError, lang: Lang) -> str:
    """Why a file was refused, in `lang` (from its message where it has one, else by its text)."""
    if error.text is not None:
        return render(error.text, lang)
    return gettext(lang, error.message)


def translate_all(lang: Lang, names: Mapping[str, str]) -> dict[str, str]:
    """A mapping of names (Russian values) with every value in `lang`."""
    t = catalog(lang).gettext
    return {k: t(v) for k, v in names.items()}


@cache
def script_messages() -> tuple[str, ...]:
    """The messages of the page scripts (`t("…")` in `intake/static/**.js`, sent with each page)."""
    from babel.messages.extract import extract_from_dir

    found = extract_from_dir(str(resources.files("intake") / "static"), [("**.js", "javascript")],
                             keywords={"t": None})
    return tuple(sorted({m for *_, m, _c, _x in found if isinstance(m, str) and m}))
