"""`POST /auth/token`: OAuth2 password flow."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import select

from intake.db.tables import AuditEntry, User
from intake.service.deps import ContextDep, SessionDep
from intake.service.errors import documented
from intake.service.schemas import Token
from intake.service.security import issue_token, verify_password

router = APIRouter(tags=["auth"])


@router.post("/auth/token", response_model=Token, responses={
    **documented(401, 422, 503),
    401: {"model": documented(401)[401]["model"], "description": "wrong e-mail or password",
          "headers": {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "`Bearer`"}}}})
def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], ctx: ContextDep, session: SessionDep
) -> Token:
    """Exchange e-mail and password for a bearer token."""
    user = session.scalar(select(User).where(User.email == form.username.strip().lower()))
    if user is None or user.disabled_at is not None or not verify_password(user.password_hash, form.password):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Неверный e-mail или пароль.",
                            headers={"WWW-Authenticate": "Bearer"})
    session.add(AuditEntry(user_id=user.id, action="login", detail={}))
    return Token(access_token=issue_token(user.id, user.role, ctx.settings.signing_key(),
                                          ctx.settings.token_minutes))
