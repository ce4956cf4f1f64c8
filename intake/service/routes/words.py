"""Word boxes of a page as read, for viewers; served from the page cache, never read again."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from extractors.cache import DiskCache, cache_key
from intake.files import inspect
from intake.service.deps import ContextDep, SessionDep, UserDep
from intake.service.review_schemas import WordOut, WordsOut
from intake.service.routes.packages import ERRORS, get_visible
from models.pages import Page

router = APIRouter(tags=["packages"])


@router.get("/packages/{package_id}/words", response_model=WordsOut, responses=ERRORS)
def page_words(
    package_id: str, ctx: ContextDep, session: SessionDep, user: UserDep,
    file: Annotated[str, Query(description="file name as in the report")],
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> WordsOut:
    """The words of a page with their boxes (fractions of the page) and confidences."""
    pkg = get_visible(session, user, package_id)
    stored = next((f for f in pkg.files if file == f.name or file.startswith(f.name + "/")), None)
    if stored is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Файл не найден в пакете.")
    loaded = next((f for f in inspect(stored.name, ctx.storage.get(stored.sha256), ctx.pipeline.limits)
                   if f.meta.name == file), None)
    cache_dir = ctx.pipeline.cache_dir
    if loaded is None or cache_dir is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Слов страницы нет.")
    key = cache_key(ctx.pipeline.reader.fingerprint(), loaded.meta.sha256, page - 1)
    read = DiskCache(cache_dir, "pages").get(key, Page)
    if read is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Страница еще не прочитана.")
    return WordsOut(file=file, page=page, source=read.source.value,
                    words=[WordOut(text=w.text, bbox=w.bbox, confidence=w.confidence) for w in read.words])
