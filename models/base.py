"""Shared base for the frozen data models of the pipeline."""

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """Immutable model: every pipeline stage returns new values instead of mutating."""

    model_config = ConfigDict(frozen=True, extra="forbid")


BBox = tuple[float, float, float, float]
"""`[x0, y0, x1, y1]` as fractions of the page width and height, origin top-left."""
