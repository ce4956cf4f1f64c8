"""`POST /auth/token` (OAuth2 password flow, throttled) and `POST /auth/logout` (revokes the token)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from intake.db.tables import AuditEntry, RevokedToken, User
from intake.i18n import N_
from intake.service.deps import SESSION_COOKIE, ContextDep, SessionDep, UserDep, oauth2
from intake.service.errors import documented
from intake.service.ratelimit import too_many, window
from intake.service.schemas import Token
from intake.service.security import issue_token, token_claims, verify_password

router = APIRouter(tags=["auth"])
FAILURE_WINDOW = 900.0
THROTTLED = N_("Слишком много неудачных попыток входа.")


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/auth/token", response_model=Token, responses={
    **documented(401, 422, 429, 503),
    401: {"model": documented(401)[401]["model"], "description": "wrong e-mail or password",
          "headers": {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "`Bearer`"}}}})
def login(
    request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()], ctx: ContextDep,
    session: SessionDep,
) -> Token:
    """Exchange e-mail and password for a bearer token. Failed attempts are limited per address and
    per account (429 with Retry-After); an unknown e-mail takes as long as a wrong password."""
    s = ctx.settings
    email = form.username.strip().lower()[:320]
    by_address = window(request, "login-address", s.login_failures_per_address, FAILURE_WINDOW)
    by_account = window(request, "login-account", s.login_failures_per_account, FAILURE_WINDOW)
    address = _address(request)
    wait = max(by_address.wait(address), by_account.wait(email))
    if wait > 0:
        raise too_many(THROTTLED, wait)
    user = session.scalar(select(User).where(User.email == email))
    if (not verify_password(user.password_hash if user else None, form.password) or user is None
            or user.disabled_at is not None):
        by_address.hit(address)
        by_account.hit(email)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Неверный e-mail или пароль.",
                            headers={"WWW-Authenticate": "Bearer"})
    session.add(AuditEntry(user_id=user.id, action="login", detail={}))
    return Token(access_token=issue_token(user.id, user.role, s.signing_key(), s.token_minutes))


def revoke(session: Session, token: str | None, key: str) -> None:
    """Refuse this token from now on (and forget revocations that have expired anyway)."""
    claims = token_claims(token, key) if token else None
    now = datetime.now(UTC)
    session.execute(delete(RevokedToken).where(RevokedToken.expires_at < now))
    if claims is not None and session.get(RevokedToken, claims.token_id) is None:
        session.add(RevokedToken(token_id=claims.token_id, expires_at=claims.expires))
    session.commit()


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT, responses=documented(401))
def logout(request: Request, token: Annotated[str | None, Depends(oauth2)], ctx: ContextDep,
           session: SessionDep, _user: UserDep) -> Response:
    """Sign out: the token (bearer or session cookie) is refused from now on."""
    revoke(session, token or request.cookies.get(SESSION_COOKIE), ctx.settings.signing_key())
    return Response(status_code=status.HTTP_204_NO_CONTENT)
