"""Typed dependencies of the routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from intake.db.tables import User
from intake.service.context import ServiceContext
from intake.service.security import read_token
from intake.service.worker import Dispatcher

oauth2 = OAuth2PasswordBearer(tokenUrl="/auth/token")


def get_context(request: Request) -> ServiceContext:
    ctx: ServiceContext = request.app.state.ctx
    return ctx


def get_worker(request: Request) -> Dispatcher:
    worker: Dispatcher = request.app.state.worker
    return worker


ContextDep = Annotated[ServiceContext, Depends(get_context)]
WorkerDep = Annotated[Dispatcher, Depends(get_worker)]


def get_session(ctx: ContextDep) -> Iterator[Session]:
    with ctx.db.session() as s:
        yield s


SessionDep = Annotated[Session, Depends(get_session)]


def current_user(token: Annotated[str, Depends(oauth2)], ctx: ContextDep, session: SessionDep) -> User:
    user_id = read_token(token, ctx.settings.signing_key())
    user = session.get(User, user_id) if user_id is not None else None
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Требуется вход: токен отсутствует или истек.",
                            headers={"WWW-Authenticate": "Bearer"})
    return user


UserDep = Annotated[User, Depends(current_user)]
