"""Applicant's pages: my packages, upload, a package's progress and report (and its withdrawal), the page
viewer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from intake.db.tables import Decision
from intake.service.deps import ContextDep, SessionDep
from intake.service.routes.packages import get_visible, list_packages, package_out
from intake.web.render import page
from intake.web.session import PageUser
from intake.web.views import report_view

router = APIRouter(include_in_schema=False)


@router.get("/app/packages", response_class=HTMLResponse)
def my_packages(request: Request, session: SessionDep, user: PageUser) -> HTMLResponse:
    listed = list_packages(session, user, None, None, 0, 200)
    return page(request, "packages.html", user=user, packages=list(reversed(listed.items)))


@router.get("/app/new", response_class=HTMLResponse)
def new_package(request: Request, ctx: ContextDep, user: PageUser) -> HTMLResponse:
    s = ctx.settings
    return page(request, "upload.html", user=user, max_file_mb=s.max_file_mb, max_archive_mb=s.archive_mb,
                max_files=s.max_files)


@router.get("/app/packages/{package_id}", response_class=HTMLResponse)
def package_page(request: Request, package_id: str, ctx: ContextDep, session: SessionDep,
                 user: PageUser) -> HTMLResponse:
    pkg = get_visible(session, user, package_id)
    report = None
    if pkg.status == "done" and pkg.report is not None:
        report = report_view(session, pkg.id, pkg.report.body, internal=user.role != "applicant")
    withdrawable = (user.role == "applicant" and pkg.owner_id == user.id and pkg.status != "processing"
                    and session.get(Decision, pkg.id) is None)
    return page(request, "package.html", user=user, pkg=package_out(pkg), report=report,
                max_file_mb=ctx.settings.max_file_mb, withdrawable=withdrawable)


@router.get("/view/{package_id}", response_class=HTMLResponse)
def viewer(
    request: Request, package_id: str, session: SessionDep, user: PageUser,
    file: Annotated[str, Query(max_length=1000)],
    page_no: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1,
    box: Annotated[str | None, Query(pattern=r"^[0-9.]+(,[0-9.]+){3}$")] = None,
) -> HTMLResponse:
    """One page image with the evidence box highlighted (and, on request, the words as read)."""
    pkg = get_visible(session, user, package_id)
    if not any(file == f.name or file.startswith(f.name + "/") for f in pkg.files):
        raise HTTPException(404, "Файл не найден в пакете.")
    back = f"/officer/packages/{pkg.id}" if user.role != "applicant" else f"/app/packages/{pkg.id}"
    return page(request, "viewer.html", user=user, pkg=pkg, file=file, page_no=page_no, box=box, back=back)
