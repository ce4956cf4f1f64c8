"""Packages: upload, list, status, report, originals, add files, re-check."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import (
    APIRouter,
    Depends,
    File,
    Form,
    HTTPException,
    Query,
    Request,
    Response,
    UploadFile,
    status,
)
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from extractors.bin import is_valid_bin
from extractors.sniff import SUPPORTED, sniff
from intake.db.tables import AuditEntry, Decision, Package, PackageFile, User
from intake.files import display_name, is_archive, size_limit
from intake.i18n import N_, Lang
from intake.limits import MB, Limits
from intake.recheck import report_from_json
from intake.render_html import render_html
from intake.report import ReportOut
from intake.service.context import ServiceContext
from intake.service.deps import ContextDep, SessionDep, UserDep, WorkerDep
from intake.service.errors import ApiError, documented, request_lang
from intake.service.ratelimit import recheck_rate_limit, upload_rate_limit
from intake.service.schemas import FileOut, PackageCreated, PackageList, PackageOut, Progress
from intake.service.worker import PackageExecutor, request_check, restore
from models.vocab import CostType

log = logging.getLogger(__name__)
router = APIRouter(tags=["packages"])
NOT_FOUND = N_("Пакет не найден.")
QUEUE_DOWN = N_("Очередь обработки временно недоступна; запрос не принят. Повторите его через минуту.")
ERRORS = documented(401, 404, 413, 415, 422, 503)
Sort = Literal["created_at", "-created_at", "updated_at", "-updated_at", "application_date",
               "-application_date"]
SORT_HELP = "order by this column (a leading `-`: newest first); ties by id"


def sees_all(user: User) -> bool:
    return user.role in ("officer", "operator")


def get_visible(session: Session, user: User, package_id: str) -> Package:
    """The package, if this user may see it; otherwise 404 (never 403: existence is not disclosed)."""
    pkg = session.get(Package, package_id)
    if pkg is None or (not sees_all(user) and pkg.owner_id != user.id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    return pkg


DECIDED = ("По пакету принято решение; изменить его можно, только если сотрудник откроет пакет "
           "заново.")


def check_open(session: Session, pkg: Package) -> None:
    """409 once an officer has decided on the package (until an officer reopens it)."""
    if session.get(Decision, pkg.id) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, DECIDED)


def get_own(session: Session, user: User, package_id: str) -> Package:
    """The caller's own package, for what only its applicant does (add files, withdraw): officers and
    operators read and re-check, they do not write as applicants (403)."""
    pkg = get_visible(session, user, package_id)
    if pkg.owner_id != user.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Изменять пакет может только заявитель.")
    return pkg


def package_out(pkg: Package) -> PackageOut:
    return PackageOut(
        id=pkg.id, status=pkg.status, stage=pkg.stage,  # type: ignore[arg-type]
        progress=Progress(pages_done=pkg.pages_done, pages_total=pkg.pages_total),
        cost_type=pkg.cost_type, application_date=pkg.application_date, applicant_bin=pkg.applicant_bin,
        complete=pkg.complete, error=pkg.error, created_at=pkg.created_at, updated_at=pkg.updated_at,
        files=[FileOut(name=f.name, sha256=f.sha256, size=f.size) for f in pkg.files],
    )


async def _read_limited(upload: UploadFile, limits: Limits) -> bytes:
    """An upload's bytes, refused (413) as soon as it outgrows its limit: `max_archive_bytes` for a ZIP
    archive (told by its first bytes, not its name), `max_file_bytes` for any other file."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(1 << 20):
        if not chunks:
            archive = is_archive(chunk)
            limit = size_limit(chunk, limits)
        size += len(chunk)
        if size > limit:
            message = (N_("Архив «%(name)s» больше %(mb)s МБ.") if archive
                       else N_("Файл «%(name)s» больше %(mb)s МБ."))
            raise ApiError(status.HTTP_413_CONTENT_TOO_LARGE, message, "too_large",
                           params={"name": upload.filename, "mb": limit // MB})
        chunks.append(chunk)
    return b"".join(chunks)


Stored = tuple[str, str, int, bool]
"""(name, sha256, size, whether its content is of a supported kind)"""


async def _store_uploads(ctx: ServiceContext, files: list[UploadFile], already: int) -> list[Stored]:
    """Read and durably store every upload. Nothing is acknowledged on failure."""
    s = ctx.settings
    if len(files) + already > s.max_files:
        raise ApiError(status.HTTP_413_CONTENT_TOO_LARGE, N_("Не более %(n)s файлов в пакете."), "too_large",
                       params={"n": s.max_files})
    stored: list[Stored] = []
    total = 0
    for upload in files:
        data = await _read_limited(upload, s.limits())
        total += len(data)
        if total > s.max_package_mb * 1024 * 1024:
            raise ApiError(status.HTTP_413_CONTENT_TOO_LARGE, N_("Пакет больше %(mb)s МБ."), "too_large",
                           params={"mb": s.max_package_mb})
        obj = ctx.storage.put(data)
        name = display_name((upload.filename or "").replace("\\", "/").split("/")[-1])
        stored.append((name, obj.key, obj.size, sniff(data[:1024]) in SUPPORTED))
    return stored


def _unique_names(stored: list[Stored], taken: set[str]) -> list[Stored]:
    out = []
    for name, key, size, ok in stored:
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            stem, dot, ext = name.rpartition(".")
            candidate = f"{stem} ({n}).{ext}" if dot else f"{name} ({n})"
        taken.add(candidate)
        out.append((candidate, key, size, ok))
    return out


def _dispatch(session: Session, worker: PackageExecutor, package_id: str, undo: Callable[[], bool]) -> None:
    """Hand a committed package to processing. When the queue (the Celery broker) cannot take it, the
    change is undone and the client told to retry (503): nothing is acknowledged that would never run.
    When a worker has claimed the package meanwhile (the broker took the message although the send
    reported a failure), it runs: nothing is undone and the request is answered as accepted."""
    try:
        worker.submit(package_id)
    except Exception as exc:
        if not undo():
            session.commit()
            log.warning("queue send failed but a worker took the package package=%s: %s", package_id,
                        type(exc).__name__)
            return
        log.warning("processing queue unavailable package=%s: %s", package_id, type(exc).__name__)
        session.commit()
        raise ApiError(status.HTTP_503_SERVICE_UNAVAILABLE, QUEUE_DOWN, "queue_unavailable",
                       headers={"Retry-After": "30"}) from None


def _still_queued(session: Session, package_id: str) -> bool:
    """Whether no worker took the package yet (its row locked until the caller commits)."""
    return session.scalar(select(Package.status).where(Package.id == package_id)
                          .with_for_update()) == "queued"


@router.post("/packages", status_code=status.HTTP_201_CREATED, response_model=PackageCreated,
             responses={**ERRORS, **documented(429)}, dependencies=[Depends(upload_rate_limit)])
async def create_package(
    ctx: ContextDep, session: SessionDep, user: UserDep, worker: WorkerDep,
    files: Annotated[list[UploadFile], File(description="PDF, JPEG, PNG, TIFF or ZIP files of the package")],
    cost_type: Annotated[CostType, Form()],
    application_date: Annotated[date, Form()],
    applicant_bin: Annotated[str, Form(pattern=r"^[0-9]{12}$")],
) -> PackageCreated:
    """Upload a package; answered only after every file is stored and verified and the row committed."""
    if not is_valid_bin(applicant_bin):
        raise ApiError(status.HTTP_422_UNPROCESSABLE_CONTENT,
                       f"БИН/ИИН {applicant_bin} не проходит проверку контрольного разряда.", "invalid_bin")
    if not files:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, N_("Не приложено ни одного файла."))
    stored = _unique_names(await _store_uploads(ctx, files, 0), set())
    if not any(ok for *_, ok in stored):
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
                            N_("Ни один файл не является PDF, JPEG, PNG, TIFF или ZIP-архивом."))
    pkg = Package(id=str(uuid.uuid4()), owner_id=user.id, cost_type=cost_type.value,
                  application_date=application_date, applicant_bin=applicant_bin, status="queued")
    pkg.files = [PackageFile(position=i, name=n, sha256=k, size=sz) for i, (n, k, sz) in enumerate(
        (n, k, sz) for n, k, sz, _ in stored)]
    session.add(pkg)
    entry = AuditEntry(user_id=user.id, action="upload", package_id=pkg.id,
                       detail={"files": [n for n, *_ in stored]})
    session.add(entry)
    session.commit()

    def undo() -> bool:
        if not _still_queued(session, pkg.id):
            return False
        session.delete(entry)
        session.delete(pkg)
        return True

    _dispatch(session, worker, pkg.id, undo)
    return PackageCreated(id=pkg.id, status="queued")


@router.get("/packages", response_model=PackageList, responses=ERRORS)
def list_packages(
    session: SessionDep, user: UserDep,
    status_: Annotated[str | None, Query(alias="status", pattern="^(queued|processing|done|failed)$")] = None,
    cost_type: CostType | None = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    sort: Annotated[Sort, Query(description=SORT_HELP)] = "created_at",
) -> PackageList:
    """Packages the caller may see, a page at a time (oldest first unless `sort` says otherwise)."""
    q = select(Package)
    if not sees_all(user):
        q = q.where(Package.owner_id == user.id)
    if status_:
        q = q.where(Package.status == status_)
    if cost_type:
        q = q.where(Package.cost_type == cost_type.value)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    column = getattr(Package, sort.lstrip("-"))
    order = (column.desc(), Package.id.desc()) if sort.startswith("-") else (column, Package.id)
    items = session.scalars(q.order_by(*order).offset(offset).limit(limit)).all()
    return PackageList(items=[package_out(p) for p in items], total=total, offset=offset, limit=limit)


@router.get("/packages/{package_id}", response_model=PackageOut, responses=ERRORS)
def get_package(package_id: str, session: SessionDep, user: UserDep) -> PackageOut:
    """Status and progress (pages read / total, stage)."""
    return package_out(get_visible(session, user, package_id))


@router.get("/packages/{package_id}/report", response_model=ReportOut, response_model_exclude_unset=True,
            responses={**ERRORS, **documented(409)})
def get_report(package_id: str, session: SessionDep, user: UserDep) -> dict[str, Any]:
    """The completeness report (shared contract `intake.report/1`); 409 while not done."""
    pkg = get_visible(session, user, package_id)
    if pkg.status != "done" or pkg.report is None:
        raise ApiError(status.HTTP_409_CONFLICT, N_("Отчет еще не готов: статус пакета «%(status)s»."),
                       "report_not_ready", params={"status": pkg.status})
    return pkg.report.body


LangQuery = Annotated[Lang | None, Query(description="`ru` or `kk`; default: `Accept-Language`, else `ru`")]


@router.get("/packages/{package_id}/report.html", response_class=HTMLResponse,
            responses={**ERRORS, **documented(409)})
def get_report_html(package_id: str, request: Request, session: SessionDep, user: UserDep,
                    lang: LangQuery = None) -> HTMLResponse:
    """The report as a page for people, in Russian or Kazakh."""
    body = get_report(package_id, session, user)
    chosen = lang or request_lang(request)
    html = render_html(report_from_json(body), lang=chosen)
    csp = "default-src 'none'; style-src 'unsafe-inline'"
    return HTMLResponse(html, headers={"Content-Security-Policy": csp, "Content-Language": chosen})


@router.get("/packages/{package_id}/report.pdf",
            responses={**ERRORS, **documented(409), 200: {"content": {"application/pdf": {}}}})
def get_report_pdf(package_id: str, request: Request, session: SessionDep, user: UserDep,
                   lang: LangQuery = None) -> Response:
    """The report as a PDF document, in Russian or Kazakh."""
    from intake.render_pdf import render_pdf

    body = get_report(package_id, session, user)
    chosen = lang or request_lang(request)
    return Response(render_pdf(report_from_json(body), lang=chosen), media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="report-{package_id}.pdf"',
                             "Content-Language": chosen})


@router.get("/packages/{package_id}/files/{name:path}", responses={**ERRORS, 200: {"content": {
    "application/octet-stream": {}}}})
def get_original(package_id: str, name: str, ctx: ContextDep, session: SessionDep, user: UserDep) -> Response:
    """The original file as uploaded."""
    pkg = get_visible(session, user, package_id)
    f = next((f for f in pkg.files if f.name == name), None)
    if f is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Файл не найден в пакете.")
    data = ctx.storage.get(f.sha256)
    return Response(data, media_type="application/octet-stream", headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{_quote(f.name)}",
        "X-Content-Type-Options": "nosniff"})


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name.rsplit("/", 1)[-1], safe="")


@router.post("/packages/{package_id}/files", response_model=PackageCreated,
             status_code=status.HTTP_202_ACCEPTED, responses={**ERRORS, **documented(403, 409, 429)},
             dependencies=[Depends(upload_rate_limit)])
async def add_files(
    package_id: str, ctx: ContextDep, session: SessionDep, user: UserDep, worker: WorkerDep,
    files: Annotated[list[UploadFile], File()],
) -> PackageCreated:
    """Add forgotten documents to a package; it is checked again (409 once decided, 403 for anyone but
    its applicant)."""
    pkg = get_own(session, user, package_id)
    check_open(session, pkg)
    stored = await _store_uploads(ctx, files, len(pkg.files))
    stored = _unique_names(stored, {f.name for f in pkg.files})
    start = len(pkg.files)
    added = [PackageFile(position=start + i, name=n, sha256=k, size=sz)
             for i, (n, k, sz, _) in enumerate(stored)]
    pkg.files.extend(added)
    entry = AuditEntry(user_id=user.id, action="add_files", package_id=pkg.id,
                       detail={"files": [n for n, *_ in stored]})
    session.add(entry)
    session.flush()
    previous = request_check(session, pkg.id)
    session.commit()

    def undo() -> bool:
        if not restore(session, pkg.id, previous):
            return False
        for row in added:
            pkg.files.remove(row)
        session.delete(entry)
        return True

    _dispatch(session, worker, pkg.id, undo)
    return PackageCreated(id=pkg.id, status="queued")


@router.post("/packages/{package_id}/recheck", response_model=PackageCreated,
             status_code=status.HTTP_202_ACCEPTED,
             responses={**ERRORS, **documented(409, 429)},
             dependencies=[Depends(recheck_rate_limit)])
def recheck(package_id: str, session: SessionDep, user: UserDep, worker: WorkerDep) -> PackageCreated:
    """Check the package again (pages come from the cache; only changed parts are recomputed); 409 once
    decided."""
    pkg = get_visible(session, user, package_id)
    check_open(session, pkg)
    entry = AuditEntry(user_id=user.id, action="recheck", package_id=pkg.id, detail={})
    session.add(entry)
    session.flush()
    previous = request_check(session, pkg.id)
    session.commit()

    def undo() -> bool:
        if not restore(session, pkg.id, previous):
            return False
        session.delete(entry)
        return True

    _dispatch(session, worker, pkg.id, undo)
    return PackageCreated(id=pkg.id, status="queued")


@router.post("/packages/{package_id}/withdraw", status_code=status.HTTP_204_NO_CONTENT, responses={
    **ERRORS, **documented(403, 409)})
def withdraw(package_id: str, ctx: ContextDep, session: SessionDep, user: UserDep) -> Response:
    """The applicant withdraws a package before a decision: its originals, pages, caches and report are
    deleted; the audit keeps the fact of the withdrawal, not the data."""
    from intake.service.retention import erase

    pkg = get_own(session, user, package_id)
    check_open(session, pkg)
    if pkg.status == "processing":
        raise HTTPException(status.HTTP_409_CONFLICT,
                            "Пакет сейчас проверяется; отзовите его, когда проверка закончится.")
    erase(ctx, session, pkg, action="withdrawn", user_id=user.id)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
