"""Page images for viewers: one page of an original as PNG, rendered in a contained reader process."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response, status

from intake.service.context import ServiceContext
from intake.service.deps import ContextDep, SessionDep, UserDep
from intake.service.errors import documented
from intake.service.routes.packages import ERRORS, get_visible
from intake.service.viewer import Busy, Viewer, ViewerError

router = APIRouter(tags=["packages"])


def get_viewer(request: Request, ctx: ServiceContext) -> Viewer:
    viewer: Viewer | None = getattr(request.app.state, "viewer", None)
    if viewer is None:
        s = ctx.settings
        viewer = Viewer(s.cache_path, renders=s.viewer_renders, per_user=s.viewer_renders_per_user,
                        memory_mb=s.viewer_memory_mb, seconds=s.viewer_seconds,
                        max_pixels=math.floor(s.viewer_megapixels * 1_000_000))
        request.app.state.viewer = viewer
    return viewer


@router.get("/packages/{package_id}/page", responses={
    **ERRORS, **documented(429), 200: {"content": {"image/png": {}}}})
def page_image(
    request: Request, package_id: str, ctx: ContextDep, session: SessionDep, user: UserDep,
    file: Annotated[str, Query(max_length=1000,
                               description="file name as in the report, e.g. `docs.zip/ПП.pdf`")],
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    dpi: Annotated[int, Query(ge=36, le=200)] = 100,
) -> Response:
    """Page `page` of `file` as a PNG (PDF pages rendered at `dpi`, images upright by their EXIF;
    at most `INTAKE_VIEWER_MEGAPIXELS`)."""
    pkg = get_visible(session, user, package_id)
    stored = next((f for f in pkg.files if file == f.name or file.startswith(f.name + "/")), None)
    if stored is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Файл не найден в пакете.")
    member = file[len(stored.name) + 1:]
    key = stored.sha256
    session.commit()  # no transaction held while rendering
    try:
        png = get_viewer(request, ctx).page(user.id, key, lambda: ctx.storage.get(key), member, page, dpi,
                                            ctx.pipeline.limits)
    except ViewerError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None
    except Busy as exc:
        who = "для вас" if exc.per_user else "в службе"
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS,
                            f"Слишком много страниц строится одновременно {who}. Повторите через секунду.",
                            headers={"Retry-After": "1"}) from None
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})
