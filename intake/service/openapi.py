"""The OpenAPI document as clients need it.

Error answers are JSON whatever a route's success type (an HTML report's 404 is `ErrorOut` JSON).
File uploads are marked `format: binary` next to OpenAPI 3.1's `contentMediaType`, so generators that
read the 3.0 spelling (openapi-python-client among them) type them as files, not strings.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi


def _mark_binary(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "string" and "contentMediaType" in node:
            node.setdefault("format", "binary")
        for value in node.values():
            _mark_binary(value)
    elif isinstance(node, list):
        for value in node:
            _mark_binary(value)


def _json_errors(paths: dict[str, Any]) -> None:
    for operations in paths.values():
        for op in operations.values():
            for status, response in op.get("responses", {}).items():
                content = response.get("content") or {}
                if status[0] in "45" and "application/json" not in content:
                    schema = next((c["schema"] for c in content.values() if "schema" in c), None)
                    if schema is not None:
                        response["content"] = {"application/json": {"schema": schema}}


def install(app: FastAPI) -> None:
    """Replace `app.openapi` with the document built once, uploads marked binary."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version, description=app.description,
                              routes=app.routes)
            _mark_binary(doc.get("components", {}))
            _json_errors(doc.get("paths", {}))
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
