"""A text for people as a catalogue message: its msgid and the values that fill it."""

from __future__ import annotations

from pydantic import Field

from models.base import Frozen


class Message(Frozen):
    """`id` is the Russian template (`%(name)s` placeholders; `%(name.abl)s` asks a Kazakh case of the
    value, `%(name.cap)s` its first letter upper-cased); each param is a plain value (a number, a date,
    a quote from the document) or itself a message (a word or phrase with its own translation)."""

    id: str
    params: dict[str, str | Message] = Field(default_factory=dict)


def msg(msgid: str, /, **params: object) -> Message:
    """`msg(N_("%(doc)s датирован …"), doc=…, days=3)`: plain values become text, messages stay messages."""
    return Message(id=msgid, params={k: v if isinstance(v, Message) else str(v) for k, v in params.items()})
