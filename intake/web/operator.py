"""Operators' pages: users (invite by one-time link, disable, reset), rates coverage, batch runs; and the
page a one-time link opens to set a password."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from checklists.rates import load_store
from intake.db.tables import User
from intake.i18n import N_
from intake.operations import GAP_DAYS, batch_runs, rate_coverage
from intake.service import accounts
from intake.service.deps import ContextDep, SessionDep
from intake.web.render import page
from intake.web.session import PageUser

router = APIRouter(include_in_schema=False)


def _operator(user: User) -> User:
    if user.role != "operator":
        raise HTTPException(status.HTTP_403_FORBIDDEN, N_("Страница доступна только операторам."))
    return user


def _users_page(request: Request, session: SessionDep, user: User, *, link: str | None = None,
                link_for: str | None = None, error: str | None = None, code: int = 200) -> HTMLResponse:
    users = session.scalars(select(User).order_by(User.role, User.email)).all()
    return page(request, "ops_users.html", status_code=code, user=user, users=users, link=link,
                link_for=link_for, error=error, roles=accounts.ROLES)


def _absolute(request: Request, token: str) -> str:
    return str(request.base_url).rstrip("/") + f"/account/{token}"


@router.get("/ops/users", response_class=HTMLResponse)
def users_page(request: Request, session: SessionDep, user: PageUser) -> HTMLResponse:
    return _users_page(request, session, _operator(user))


@router.post("/ops/users/invite", response_class=HTMLResponse)
def invite(request: Request, session: SessionDep, user: PageUser, email: Annotated[str, Form(max_length=320)],
           role: Annotated[Literal["applicant", "officer", "operator"], Form()]) -> Response:
    _operator(user)
    try:
        token = accounts.invite(session, email, role, by=user)
    except accounts.AccountError as exc:
        return _users_page(request, session, user, error=str(exc), code=422)
    session.commit()
    return _users_page(request, session, user, link=_absolute(request, token), link_for=email.strip().lower())


@router.post("/ops/users/{user_id}/{action}", response_class=HTMLResponse)
def user_action(request: Request, session: SessionDep, user: PageUser, user_id: int, action: str) -> Response:
    _operator(user)
    target = session.get(User, user_id)
    if target is None or action not in ("disable", "enable", "reset"):
        raise HTTPException(status.HTTP_404_NOT_FOUND, N_("Не найдено"))
    if action == "reset":
        token = accounts.reset(session, target, by=user)
        session.commit()
        return _users_page(request, session, user, link=_absolute(request, token), link_for=target.email)
    if target.id == user.id:
        return _users_page(request, session, user, error=N_("Нельзя отключить самого себя."), code=422)
    accounts.set_disabled(session, target, action == "disable", by=user)
    session.commit()
    return RedirectResponse("/ops/users", status.HTTP_303_SEE_OTHER)


@router.get("/account/{token}", response_class=HTMLResponse)
def account_page(request: Request, session: SessionDep, token: str) -> HTMLResponse:
    """The page of a one-time link: set a password (a new account, or a new password)."""
    try:
        link = accounts.pending_link(session, token)
    except accounts.AccountError as exc:
        return page(request, "account.html", status_code=404, user=None, link=None, error=str(exc))
    return page(request, "account.html", user=None, link=link, error=None)


@router.post("/account/{token}", response_class=HTMLResponse)
def account_submit(request: Request, session: SessionDep, token: str,
                   password: Annotated[str, Form(max_length=1024)],
                   again: Annotated[str, Form(max_length=1024)]) -> Response:
    try:
        link = accounts.pending_link(session, token)
    except accounts.AccountError as exc:
        return page(request, "account.html", status_code=404, user=None, link=None, error=str(exc))
    try:
        if password != again:
            raise accounts.AccountError(N_("Пароли не совпадают."))
        accounts.redeem(session, token, password)
    except accounts.AccountError as exc:
        return page(request, "account.html", status_code=422, user=None, link=link, error=str(exc))
    session.commit()
    return RedirectResponse("/login", status.HTTP_303_SEE_OTHER)


@router.get("/ops/rates", response_class=HTMLResponse)
def rates_page(request: Request, ctx: ContextDep, user: PageUser) -> HTMLResponse:
    _operator(user)
    coverage = rate_coverage(load_store(ctx.settings.rates_path))
    return page(request, "ops_rates.html", user=user, coverage=coverage, today=date.today(),
                gap_days=GAP_DAYS - 1)


@router.get("/ops/batches", response_class=HTMLResponse)
def batches_page(request: Request, ctx: ContextDep, user: PageUser) -> HTMLResponse:
    _operator(user)
    return page(request, "ops_batches.html", user=user, runs=batch_runs(ctx.settings.data_dir / "batch"))
