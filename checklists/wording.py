"""Rendering a `Message` in a language: its template from the catalogue, its values filled in, Kazakh case
endings put on the values the template asks for (`%(doc.abl)s`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypedDict

from models.message import Message

_KEY = re.compile(r"%\((\w+)(?:\.(\w+))?\)s|%%")
Translate = Callable[[str], str]


def render(message: Message, translate: Translate, lang: str, sentence: bool = True) -> str:
    """The message in `lang` (`translate`: that language's catalogue lookup); with `sentence`, its first
    letter upper-cased."""
    text = _fill(message, translate, lang)
    return text[:1].upper() + text[1:] if sentence else text


def russian(message: Message, sentence: bool = True) -> str:
    """The message in Russian: its msgids are the Russian texts, no catalogue is needed."""
    return render(message, lambda s: s, "ru", sentence)


class Said(TypedDict):
    message: str
    text: Message


def said(message: Message) -> Said:
    """A finding's `message` (Russian) and `text` (the message itself): `Finding(..., **said(m))`."""
    return Said(message=russian(message), text=message)


def _fill(message: Message, translate: Translate, lang: str) -> str:
    if not message.id:
        return ""  # an optional part left out (the empty msgid is the catalogue's header)

    def value(m: re.Match[str]) -> str:
        if m.group(0) == "%%":
            return "%"
        name, form = m.group(1), m.group(2)
        raw = message.params[name]
        text = raw if isinstance(raw, str) else _fill(raw, translate, lang)
        if form == "cap":
            return text[:1].upper() + text[1:]
        if form and lang == "kk":
            return kk_case(text, form)
        return text

    return _KEY.sub(value, translate(message.id))


# Kazakh declension: the ending goes on the last word of the phrase (before a closing parenthetical),
# chosen by vowel harmony and the word's last sound.
_BACK, _FRONT = set("аоұыяё"), set("әөүіеэ")
_VOICELESS = set("пфкқтсшщхцчбвгд")
_NASAL = set("мнң")
_POSSESSIVE = {"есебі", "құжаты", "паспорты", "фотосуреті"}
"""Third-person possessive words not ending in -сы/-сі (which always are)."""


def _front(word: str) -> bool:
    for ch in reversed(word.lower()):
        if ch in _FRONT:
            return True
        if ch in _BACK:
            return False
    return False


def _possessive(word: str) -> bool:
    w = word.lower()
    return w.endswith(("сы", "сі")) or w in _POSSESSIVE


def kk_ending(word: str, case: str) -> str:
    """The case ending of one Kazakh word: `шарт` + abl → `тан`, `тапсырмасы` + dat → `на`."""
    front = _front(word)

    def pick(back: str, fr: str) -> str:
        return fr if front else back

    last = word[-1:].lower()
    if _possessive(word):
        return {"gen": pick("ның", "нің"), "dat": pick("на", "не"), "acc": "н", "loc": pick("нда", "нде"),
                "abl": pick("нан", "нен"), "ins": "мен"}[case]
    vowel = last in _BACK | _FRONT | set("иуюя")
    voiceless = last in _VOICELESS
    nasal = last in _NASAL
    if case == "gen":
        if vowel or nasal:
            return pick("ның", "нің")
        return pick("тың", "тің") if voiceless else pick("дың", "дің")
    if case == "dat":
        return pick("қа", "ке") if voiceless else pick("ға", "ге")
    if case == "acc":
        return pick("ны", "ні") if vowel else pick("ты", "ті") if voiceless else pick("ды", "ді")
    if case == "loc":
        return pick("та", "те") if voiceless else pick("да", "де")
    if case == "abl":
        return pick("тан", "тен") if voiceless else pick("нан", "нен") if nasal else pick("дан", "ден")
    if case == "ins":
        return "пен" if voiceless else "бен" if last in "жз" else "мен"
    raise ValueError(f"unknown Kazakh case {case!r}")


_TAIL = re.compile(r"^(?P<head>.*?[^\s(])(?P<tail>(?:\s*\([^()]*\))*)$", re.S)


def kk_case(phrase: str, case: str) -> str:
    """`шарт` → `шарттан` (abl); the ending goes on the last word before a closing parenthetical:
    `өтінім (Қағидаларға 1-қосымша)` → `өтінімге (Қағидаларға 1-қосымша)` (dat)."""
    if case == "nom":
        return phrase
    m = _TAIL.match(phrase)
    head, tail = (m.group("head"), m.group("tail")) if m else (phrase, "")
    word = re.split(r"[\s\-]", head)[-1]
    if not re.search(r"[а-яәөүұқғңһі]", word.lower()):
        return phrase  # a number or a code: said as it is
    return head + kk_ending(word, case) + tail
