"""Limits on what a package may contain, with safe defaults; each one can be set from the environment.

| limit | variable | default |
|---|---|---|
| bytes per file | `INTAKE_MAX_FILE_MB` | 50 MB |
| bytes per package | `INTAKE_MAX_PACKAGE_MB` | 300 MB |
| members per archive (nested ones included) | `INTAKE_MAX_ARCHIVE_MEMBERS` | 500 |
| unpacked bytes per archive (nested ones included) | `INTAKE_MAX_ARCHIVE_UNPACKED_MB` | 500 MB |
| unpacked / packed ratio of an archive | `INTAKE_MAX_ARCHIVE_RATIO` | 200 |
| archive nesting depth | `INTAKE_MAX_ARCHIVE_DEPTH` | 3 |
| pixels per image (each frame) | `INTAKE_MAX_IMAGE_MEGAPIXELS` | 80 |
| pages per document (PDF pages, image frames) | `INTAKE_MAX_PAGES_PER_FILE` | 300 |
| seconds to open a file and count its pages | `INTAKE_PARSE_SECONDS` | 60 |
"""

from __future__ import annotations

import os

from pydantic import Field

from models.base import Frozen

MB = 1024 * 1024


def env_number(name: str, default: float) -> float:
    """A positive number from the environment, or `default` when unset or malformed."""
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


def _env_int(name: str, default: float, scale: int = 1) -> int:
    return int(env_number(name, default) * scale)


class Limits(Frozen):
    """Bounds applied while reading a package; defaults come from `INTAKE_*` variables (table above)."""

    max_file_bytes: int = Field(default_factory=lambda: _env_int("INTAKE_MAX_FILE_MB", 50, MB))
    max_package_bytes: int = Field(default_factory=lambda: _env_int("INTAKE_MAX_PACKAGE_MB", 300, MB))
    max_archive_members: int = Field(default_factory=lambda: _env_int("INTAKE_MAX_ARCHIVE_MEMBERS", 500))
    max_archive_unpacked_bytes: int = Field(
        default_factory=lambda: _env_int("INTAKE_MAX_ARCHIVE_UNPACKED_MB", 500, MB))
    max_archive_ratio: float = Field(default_factory=lambda: env_number("INTAKE_MAX_ARCHIVE_RATIO", 200.0))
    max_archive_depth: int = Field(default_factory=lambda: _env_int("INTAKE_MAX_ARCHIVE_DEPTH", 3))
    max_image_pixels: int = Field(
        default_factory=lambda: _env_int("INTAKE_MAX_IMAGE_MEGAPIXELS", 80, 1_000_000))
    max_pages_per_file: int = Field(default_factory=lambda: _env_int("INTAKE_MAX_PAGES_PER_FILE", 300))
    parse_seconds: float = Field(default_factory=lambda: env_number("INTAKE_PARSE_SECONDS", 60.0))
    """A file whose parser (pdfium, Pillow) runs longer while counting its pages is refused."""
    contained: bool = True
    """Open PDFs and images in child processes (a parser crash costs that file, not the process)."""
