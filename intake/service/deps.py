"""Typed dependencies of the routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from intake.db.tables import RevokedToken, User
from intake.service.context import ServiceContext
from intake.service.security import token_claims
from intake.service.worker import PackageExecutor

oauth2 = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)
SESSION_COOKIE = "intake_session"
"""The browser pages' cookie: the same access token, HttpOnly, SameSite=Strict."""


def get_context(request: Request) -> ServiceContext:
    ctx: ServiceContext = request.app.state.ctx
    return ctx


def get_worker(request: Request) -> PackageExecutor:
    worker: PackageExecutor = request.app.state.worker
    return worker


ContextDep = Annotated[ServiceContext, Depends(get_context)]
WorkerDep = Annotated[PackageExecutor, Depends(get_worker)]


def get_session(ctx: ContextDep) -> Iterator[Session]:
    with ctx.db.session() as s:
        yield s


SessionDep = Annotated[Session, Depends(get_session)]


def current_user(request: Request, token: Annotated[str | None, Depends(oauth2)], ctx: ContextDep,
                 session: SessionDep) -> User:
    """The caller, by bearer token or, for the browser pages, by the session cookie."""
    token = token or request.cookies.get(SESSION_COOKIE)
    claims = token_claims(token, ctx.settings.signing_key()) if token else None
    if claims is not None and session.get(RevokedToken, claims.token_id) is not None:
        claims = None  # signed out
    user = session.get(User, claims.user_id) if claims is not None else None
    if user is None or user.disabled_at is not None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Требуется вход: токен отсутствует или истек.",
                            headers={"WWW-Authenticate": "Bearer"})
    return user


UserDep = Annotated[User, Depends(current_user)]


def require_officer(user: UserDep) -> User:
    """Officers only (403 for everyone else)."""
    if user.role != "officer":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Действие доступно только сотрудникам.")
    return user


OfficerDep = Annotated[User, Depends(require_officer)]
