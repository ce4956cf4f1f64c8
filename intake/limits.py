"""Limits on what a package may contain, with safe defaults."""

from models.base import Frozen


class Limits(Frozen):
    """Bounds applied while reading a package; every one is configurable."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_package_bytes: int = 300 * 1024 * 1024
    max_archive_members: int = 500
    max_archive_unpacked_bytes: int = 500 * 1024 * 1024
    max_archive_ratio: float = 200.0
    max_archive_depth: int = 3
    max_image_pixels: int = 80_000_000
    max_pages_per_file: int = 300
