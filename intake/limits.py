"""Limits on what a package may contain, with safe defaults.

The values come from the settings (`Settings.limits()`, `INTAKE_MAX_*`, `INTAKE_PARSE_SECONDS`,
`INTAKE_PAGE_MEMORY_MB`); nothing here reads the environment.
"""

from __future__ import annotations

from models.base import Frozen

MB = 1024 * 1024


class Limits(Frozen):
    """Bounds applied while reading a package."""

    max_file_bytes: int = 50 * MB
    max_package_bytes: int = 300 * MB
    max_archive_bytes: int = 300 * MB
    """A ZIP archive as uploaded (by its content, not its name), in place of `max_file_bytes`: an archive
    of phone photos is often larger than any one photo may be. Its members stay bounded by
    `max_file_bytes`, its unpacked total by `max_archive_unpacked_bytes`, and it counts against
    `max_package_bytes` like any file, so the package limit is the natural default."""
    max_archive_members: int = 500
    max_archive_unpacked_bytes: int = 500 * MB
    max_archive_ratio: float = 200.0
    max_archive_depth: int = 3
    max_image_pixels: int = 80_000_000
    max_pages_per_file: int = 300
    parse_seconds: float = 60.0
    """A file whose parser (pdfium, Pillow) runs longer while counting its pages is refused."""
    memory_mb: int = 3072
    """Address space a parser process may add while counting pages (0: no limit)."""
    contained: bool = True
    """Open PDFs and images in child processes (a parser crash costs that file, not the process)."""
