"""Files of a package: what was uploaded and whether it could be read."""

from models.base import Frozen
from models.message import Message


class FileError(Frozen):
    """Why a file could not be read, in words a person understands (Russian)."""

    code: str
    message: str
    text: Message | None = None
    """The same words as a catalogue message, to be shown in the reader's language."""


class InputFile(Frozen):
    """One file of the package (a ZIP member is named `archive.zip/inner/path`)."""

    name: str
    sha256: str
    size: int
    media_type: str | None = None
    pages: int | None = None
    error: FileError | None = None


class LoadedFile(Frozen):
    """A file with its bytes, as handed from the files stage to the pages stage."""

    meta: InputFile
    data: bytes
