"""User accounts for operators: create, invite and reset by one-time link, disable and enable.

A one-time link carries a random token (32 bytes, URL-safe); only its SHA-256 is stored, it expires
(`LINK_HOURS`) and is spent on first use. Passwords never pass through a command line: the CLI
prompts or reads standard input, the pages take them in a form over the link.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.tables import AuditEntry, OneTimeLink, User
from intake.i18n import N_
from intake.service.security import hash_password

ROLES = ("applicant", "officer", "operator")
LINK_HOURS = 72
MIN_PASSWORD = 8


class AccountError(ValueError):
    """A request about accounts that cannot be met; the message is for people (a catalogue msgid)."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(N_("Пароль — не короче 8 символов."))


def find(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(session: Session, email: str, password: str, role: str, by: User | None = None) -> User:
    email = email.strip().lower()
    if role not in ROLES:
        raise AccountError(N_("Неизвестная роль."))
    check_password(password)
    if find(session, email) is not None:
        raise AccountError(N_("Такой пользователь уже есть."))
    user = User(email=email, password_hash=hash_password(password), role=role)
    session.add(user)
    session.flush()
    session.add(AuditEntry(user_id=by.id if by else None, action="user_created",
                           detail={"user_id": user.id, "role": role}))
    return user


def _link(session: Session, kind: str, email: str, role: str, by: User | None, hours: int) -> str:
    token = secrets.token_urlsafe(32)
    session.add(OneTimeLink(token_hash=_hash(token), kind=kind, email=email, role=role,
                            created_by=by.id if by else None, expires_at=_now() + timedelta(hours=hours)))
    session.add(AuditEntry(user_id=by.id if by else None, action=f"user_{kind}",
                           detail={"role": role}))
    return token


def invite(session: Session, email: str, role: str, by: User | None = None, hours: int = LINK_HOURS) -> str:
    """A token for a one-time link that creates the account with the password its holder chooses."""
    email = email.strip().lower()
    if role not in ROLES:
        raise AccountError(N_("Неизвестная роль."))
    if "@" not in email or len(email) > 320:
        raise AccountError(N_("Неверный адрес электронной почты."))
    if find(session, email) is not None:
        raise AccountError(N_("Такой пользователь уже есть."))
    return _link(session, "invite", email, role, by, hours)


def reset(session: Session, user: User, by: User | None = None, hours: int = LINK_HOURS) -> str:
    """A token for a one-time link that sets a new password for `user`."""
    return _link(session, "reset", user.email, user.role, by, hours)


def pending_link(session: Session, token: str) -> OneTimeLink:
    """The link of `token` if it can still be used."""
    link = session.scalar(select(OneTimeLink).where(OneTimeLink.token_hash == _hash(token)))
    if link is None or link.used_at is not None or _aware(link.expires_at) < _now():
        raise AccountError(N_("Ссылка недействительна: она уже использована или срок ее действия истек."))
    return link


def redeem(session: Session, token: str, password: str) -> User:
    """Spend the link: create the invited account or set the new password."""
    link = pending_link(session, token)
    check_password(password)
    user = find(session, link.email)
    if link.kind == "invite":
        if user is not None:
            raise AccountError(N_("Такой пользователь уже есть."))
        user = create_user(session, link.email, password, link.role)
    else:
        if user is None:
            raise AccountError(N_("Пользователь не найден."))
        user.password_hash = hash_password(password)
        user.disabled_at = None
    link.used_at = _now()
    session.add(AuditEntry(user_id=user.id, action=f"user_{link.kind}_used", detail={}))
    return user


def set_disabled(session: Session, user: User, disabled: bool, by: User | None = None) -> None:
    user.disabled_at = _now() if disabled else None
    action = "user_disabled" if disabled else "user_enabled"
    session.add(AuditEntry(user_id=by.id if by else None, action=action, detail={"user_id": user.id}))
