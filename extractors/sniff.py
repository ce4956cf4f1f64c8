"""Detect a file's type from its first bytes, never from its name."""

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
TIFF = "image/tiff"
ZIP = "application/zip"

SUPPORTED = frozenset({PDF, JPEG, PNG, TIFF, ZIP})
IMAGES = frozenset({JPEG, PNG, TIFF})

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"PK\x03\x04", ZIP),
    (b"PK\x05\x06", ZIP),
)
_OTHER: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "application/x-ole-storage"),
    (b"Rar!", "application/vnd.rar"),
    (b"7z\xbc\xaf", "application/x-7z-compressed"),
    (b"\x1f\x8b", "application/gzip"),
    (b"GIF8", "image/gif"),
    (b"BM", "image/bmp"),
    (b"RIFF", "image/webp"),
)


def sniff(data: bytes) -> str | None:
    """Media type of `data` by its magic bytes, or None when unknown.

    A PDF may carry junk before its header (up to 1 KiB is tolerated, as readers do).
    """
    for magic, media in _MAGIC:
        if data.startswith(magic):
            return media
    if b"%PDF-" in data[:1024]:
        return PDF
    for magic, media in _OTHER:
        if data.startswith(magic):
            return media
    return None
