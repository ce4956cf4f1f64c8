"""Passwords (Argon2id, bounded) and access tokens (JWT, HS256, with expiry and an id to revoke)."""

from __future__ import annotations

import logging
import secrets
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

import jwt
from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerifyMismatchError

log = logging.getLogger(__name__)

TIME_COST, MEMORY_KIB, PARALLELISM = 3, 65536, 4
"""The hashing parameters (argon2-cffi's RFC 9106 low-memory profile), spelled out: a stored hash that
asks for more is refused rather than computed."""
MAX_PASSWORD = 1024
HASHES_AT_ONCE = 2
"""Hashes computed at once by a service process (each takes 64 MiB): memory stays bounded under a
flood of sign-ins; the others wait their turn."""

_hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM)
_slots = threading.BoundedSemaphore(HASHES_AT_ONCE)
ROLES = ("applicant", "officer", "operator")


def hash_password(password: str) -> str:
    with _slots:
        return _hasher.hash(password)


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; an unknown account (`None`) costs the same time as a wrong password."""
    if len(password) > MAX_PASSWORD:
        password = password[:MAX_PASSWORD]
        password_hash = None
    target = password_hash or _dummy_hash()
    try:
        p = extract_parameters(target)
        if p.time_cost > TIME_COST or p.memory_cost > MEMORY_KIB or p.parallelism > PARALLELISM:
            log.warning("password hash with parameters over the bound refused")
            target = _dummy_hash()
            password_hash = None
        with _slots:
            ok = _hasher.verify(target, password)
        return ok and password_hash is not None
    except (VerifyMismatchError, InvalidHashError):
        return False


@dataclass(frozen=True)
class Claims:
    user_id: int
    token_id: str
    expires: datetime


def issue_token(user_id: int, role: str, key: str, minutes: int) -> str:
    now = datetime.now(UTC)
    payload = {"sub": str(user_id), "role": role, "iat": now, "exp": now + timedelta(minutes=minutes),
               "jti": uuid.uuid4().hex}
    return jwt.encode(payload, key, algorithm="HS256")


def token_claims(token: str, key: str) -> Claims | None:
    """The claims of a valid, unexpired token; None otherwise."""
    try:
        payload = jwt.decode(token, key, algorithms=["HS256"], options={"require": ["exp", "sub", "jti"]})
        return Claims(int(payload["sub"]), str(payload["jti"]), datetime.fromtimestamp(payload["exp"], UTC))
    except (jwt.PyJWTError, ValueError, KeyError, TypeError):
        return None


def read_token(token: str, key: str) -> int | None:
    """The user id of a valid, unexpired token; None otherwise."""
    claims = token_claims(token, key)
    return claims.user_id if claims else None
