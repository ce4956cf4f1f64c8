"""Streaked pages: a copier's dirty drum or worn rollers, a scanner's dusty glass draw faint lines along the
whole page — dozens of them, a few pixels apart, running through the text. Tesseract reads such a page
as symbol soup (a generated act of transfer: 16 words, none of them its own, against 106 once the
streaks are lifted). The scanner-streak step of the clean-up (`cleanup.remove_streaks`) mends a few dark
lines by the paper either side of each; where the lines lie side by side there is no clean paper beside
them.

Each column's paper level is its median (text covers a small part of a column; a streak darkens all of
it): where a tenth of the columns or more, in many narrow runs, lie darker than the page's paper, every
column is brought to white by dividing by its own level (flat-field correction along one axis, as for a
scanner's uneven sensor; what a streak leaves of the paper is clipped away). Rows are left alone: text
lines band a page's rows, and a bad scan's row medians mark those bands as streaks (a generated power of
attorney read as 13 words instead of 357). A page whose columns are all as light as its paper is
returned as it was.
"""

from __future__ import annotations

import numpy as np

STEP = "lift-streaks"
DEPTH = 18
"""Gray levels a column's paper must lie below the page's paper for the column to count as streaked:
generated drum and roller streaks darken the paper by 25–90 levels; text and rulings leave a column's
median at the paper's level, and a clean scan's columns lie within 5 levels of each other."""
SHARE = 0.1
"""Share of columns (or rows) streaked for the page to be lifted: a page with a few streaks is
`cleanup.remove_streaks`'s."""
MIN_RUNS = 10
MAX_WIDTH = 12
"""Streaks are many narrow lines: at least `MIN_RUNS` separate runs of dark columns, `MAX_WIDTH` pixels
wide on average. A dark desk beside a photographed sheet, a shadow or a picture darkens one broad band,
and is left to the other steps."""


def _lift(gray: np.ndarray, axis: int) -> tuple[np.ndarray, bool]:
    """`gray` divided by its paper level along `axis` (0: per column), if streaked that way."""
    level = np.median(gray, axis=axis).astype(np.float32)
    paper = float(np.percentile(level, 95))
    dark = level < paper - DEPTH
    runs = int(np.count_nonzero(dark[1:] & ~dark[:-1])) + int(dark[0])
    if (paper < 2 * DEPTH or float(np.mean(dark)) < SHARE or runs < MIN_RUNS
            or int(np.count_nonzero(dark)) > MAX_WIDTH * runs):
        return gray, False
    gain = 255.0 / np.maximum(level, 1.0)  # paper to white: what a streak leaves of it is clipped away
    gain = gain[None, :] if axis == 0 else gain[:, None]
    lifted = np.clip(gray.astype(np.float32) * gain, 0, 255).astype(np.uint8)
    return lifted, True


def lift_streaks(gray: np.ndarray) -> tuple[np.ndarray, str | None]:
    """The page with its streaks along the pixel columns (the direction the scanner's sensor or the
    copier's drum moves, whichever way the page lies) brought to white, and the step's label; the page
    unchanged and None when it has no streaks of the kind."""
    out, down = _lift(gray, 0)
    return (out, STEP) if down else (gray, None)
