"""The `wild` family: generates deterministically, with truth that validates and agrees with the files."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pypdfium2 as pdfium

from fixtures.identity import bin_is_valid
from fixtures.truth import PackageTruth
from fixtures.wild.generate import generate_wild_set
from fixtures.wild.package import SCENARIOS
from fixtures.wild.spec import look_alike_number, register_number


def _bytes(files: Path, name: str) -> bytes:
    top, _, inner = name.partition(".zip/")
    if inner:
        with zipfile.ZipFile(files / (top + ".zip")) as z:
            return z.read(inner)
    return (files / name).read_bytes()


def test_wild_set_has_valid_truth_and_files(tmp_path: Path) -> None:
    paths = generate_wild_set(11, tmp_path, len(SCENARIOS), renderings=("born_digital",))
    layouts: set[str] = set()
    for pkg in paths:
        truth = PackageTruth.model_validate_json((pkg / "truth.json").read_text(encoding="utf-8"))
        assert truth.expected.complete == (truth.scenario == "complete")
        for f in truth.files:
            data = _bytes(pkg / "files", f.name)
            assert hashlib.sha256(data).hexdigest() == f.sha256
            if f.error:
                continue
            pdf = pdfium.PdfDocument(io.BytesIO(data))
            assert len(pdf) == f.pages
            text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
            for d in f.documents:
                layouts.add(d.layout)
                for party in d.fields.parties:  # every party's BIN is printed as the truth says
                    assert party.bin in text.replace(" ", "")
    assert {"invoice/esf_print_form", "other/bill_1c", "ktp_extract/register_print"} & layouts
    assert not any(
        layout.split("/")[1] in ("classic", "bilingual", "form_r1", "paper", "esf_print")
        for layout in layouts
    )


def test_wild_set_is_deterministic(tmp_path: Path) -> None:
    a = generate_wild_set(12, tmp_path / "a", 2, renderings=("born_digital",))
    b = generate_wild_set(12, tmp_path / "b", 2, renderings=("born_digital",))
    for x, y in zip(a, b, strict=True):
        assert json.loads((x / "truth.json").read_text()) == json.loads((y / "truth.json").read_text())


def test_distractor_numbers_pass_the_check_digit_but_not_the_structure() -> None:
    import random

    rng = random.Random(3)
    for _ in range(50):
        n = look_alike_number(rng)
        assert bin_is_valid(n) and int(n[2:4]) > 12
    assert register_number(rng, 2024)[2:8] == "-2024-"
