"""Browser sign-in: the API's own token kept in an HttpOnly, SameSite=Strict cookie."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.security import OAuth2PasswordRequestForm

from intake.db.tables import User
from intake.i18n import Lang
from intake.service.deps import SESSION_COOKIE, ContextDep, SessionDep, current_user
from intake.service.routes.auth import login, revoke
from intake.web.render import LANG_COOKIE, page

router = APIRouter(include_in_schema=False)
HOME = {"applicant": "/app/packages", "officer": "/review/queue", "operator": "/ops/users"}


def _safe_next(target: str | None) -> str | None:
    """Only a path of this site (no scheme, no `//host`)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def page_user(request: Request, ctx: ContextDep, session: SessionDep) -> User:
    """The signed-in user of a page; otherwise a redirect to the sign-in page."""
    try:
        return current_user(request, None, ctx, session)
    except HTTPException:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        from urllib.parse import quote

        raise HTTPException(status.HTTP_303_SEE_OTHER, "Требуется вход.",
                            headers={"Location": f"/login?next={quote(target, safe='')}"}) from None


PageUser = Annotated[User, Depends(page_user)]


@router.get("/")
def home(request: Request, ctx: ContextDep, session: SessionDep) -> Response:
    try:
        user = current_user(request, None, ctx, session)
    except HTTPException:
        return RedirectResponse("/login", status.HTTP_303_SEE_OTHER)
    return RedirectResponse(HOME[user.role], status.HTTP_303_SEE_OTHER)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    return page(request, "login.html", next=_safe_next(next), error=None, email="")


@router.post("/login")
def login_submit(
    request: Request, ctx: ContextDep, session: SessionDep,
    email: Annotated[str, Form(max_length=320)], password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str | None, Form()] = None,
) -> Response:
    if not _same_origin(request):
        return page(request, "login.html", status_code=status.HTTP_403_FORBIDDEN, next=None,
                    error="Вход возможен только со страницы этого сайта.", email="")
    form = OAuth2PasswordRequestForm(username=email, password=password, scope="")
    try:
        token = login(request, form, ctx, session)
    except HTTPException as exc:
        return page(request, "login.html", status_code=exc.status_code, next=_safe_next(next),
                    error=str(exc.detail), email=email)
    session.commit()
    user = current_user(request, token.access_token, ctx, session)
    resp = RedirectResponse(_safe_next(next) or HOME[user.role], status.HTTP_303_SEE_OTHER)
    secure = ctx.settings.cookie_secure
    resp.set_cookie(SESSION_COOKIE, token.access_token, max_age=ctx.settings.token_minutes * 60,
                    httponly=True, samesite="strict", path="/",
                    secure=request.url.scheme == "https" if secure is None else secure)
    return resp


@router.get("/language")
def set_language(
    request: Request, ctx: ContextDep, session: SessionDep,
    lang: Lang, next: Annotated[str | None, Query(max_length=2000)] = None,
) -> Response:
    """Switch the pages' language (a link on every page): kept for the signed-in user and in a cookie
    (for the sign-in page). Only a display preference changes, so a plain link may do it."""
    chosen = lang
    try:
        user = current_user(request, None, ctx, session)
    except HTTPException:
        user = None
    if user is not None:
        user.language = chosen
        session.commit()
    resp = RedirectResponse(_safe_next(next) or "/", status.HTTP_303_SEE_OTHER)
    secure = ctx.settings.cookie_secure
    resp.set_cookie(LANG_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="strict",
                    secure=request.url.scheme == "https" if secure is None else secure, path="/")
    return resp


def _same_origin(request: Request) -> bool:
    """A browser's sign-in form comes from this site (login CSRF): `Origin`, else `Referer`, names this
    host. A client sending neither (not a browser) is let through."""
    from urllib.parse import urlsplit

    source = request.headers.get("origin") or request.headers.get("referer")
    if not source:
        return True
    return urlsplit(source).netloc.lower() == request.headers.get("host", "").lower()


@router.post("/logout")
def logout(request: Request, ctx: ContextDep, session: SessionDep) -> Response:
    revoke(session, request.cookies.get(SESSION_COOKIE), ctx.settings.signing_key())
    resp = RedirectResponse("/login", status.HTTP_303_SEE_OTHER)
    resp.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return resp
