"""Latin and Cyrillic letters that print alike, pair by pair: OCR reads one for the other (`АКТ` as `AKT`,
`Всего c НДС` with a Latin `c`)."""

from __future__ import annotations

LATIN = "ABCEHKMOPTXYabcehkmoptxy"
CYRILLIC = "АВСЕНКМОРТХУавсенкмортху"
"""`CYRILLIC[i]` prints like `LATIN[i]`."""
