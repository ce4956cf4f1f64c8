"""Page images for viewers: one page of an original, rendered as PNG."""

from __future__ import annotations

from typing import Annotated

import cv2
import numpy as np
from fastapi import APIRouter, HTTPException, Query, Response, status

from extractors.raster import load_image_frame, render_pdf_page
from extractors.sniff import PDF
from intake.files import inspect
from intake.service.deps import ContextDep, SessionDep, UserDep
from intake.service.routes.packages import ERRORS, get_visible

router = APIRouter(tags=["packages"])
MAX_SIDE = 4000


@router.get("/packages/{package_id}/page", responses={**ERRORS, 200: {"content": {"image/png": {}}}})
def page_image(
    package_id: str, ctx: ContextDep, session: SessionDep, user: UserDep,
    file: Annotated[str, Query(description="file name as in the report, e.g. `docs.zip/ПП.pdf`")],
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    dpi: Annotated[int, Query(ge=36, le=200)] = 100,
) -> Response:
    """Page `page` of `file` as a PNG (PDF pages rendered at `dpi`, images upright by their EXIF)."""
    pkg = get_visible(session, user, package_id)
    stored = next((f for f in pkg.files if file == f.name or file.startswith(f.name + "/")), None)
    if stored is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Файл не найден в пакете.")
    data = ctx.storage.get(stored.sha256)
    loaded = next((f for f in inspect(stored.name, data, ctx.pipeline.limits) if f.meta.name == file), None)
    if loaded is None or loaded.meta.error is not None or not loaded.meta.pages:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Файл не читается: изображения страниц нет.")
    if page > loaded.meta.pages:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"В файле {loaded.meta.pages} стр.")
    if loaded.meta.media_type == PDF:
        img = render_pdf_page(loaded.data, page - 1, dpi, color=True)
    else:
        img, _ = load_image_frame(loaded.data, page - 1)
    scale = MAX_SIDE / max(img.shape[:2])
    if scale < 1:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ok, png = cv2.imencode(".png", np.ascontiguousarray(img))
    if not ok:
        raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, "Не удалось построить изображение.")
    return Response(png.tobytes(), media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})
