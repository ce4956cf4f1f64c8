"""A signer's IIN in brackets under the signer's name in a contract's signature block, as a bad scan reads
it (the post, the name and the IIN each on a line of its own)."""

from __future__ import annotations

from extractors.parties import find_parties
from models.vocab import DocType
from tests.extractors.test_fields_ocr_marks import doc


def test_a_signers_bracketed_iin_under_the_name_is_no_party() -> None:
    page = doc("7. РЕКВИЗИТЫ СТОРОН", "Покупатель", "Акционерное общество «Атамекен Фуд-2»",
               "БИН 031140648737", "Председатель Правления", "Абдрахманова О. А.", "(ИИН 770608437288)",
               "М.П.")
    assert [p.bin for p in find_parties(page, "031140648737", DocType.contract)] == ["031140648737"]


def test_an_entrepreneurs_iin_under_the_name_stays_the_party() -> None:
    page = doc("Исполнитель", "Индивидуальный предприниматель", "Есенов К. М.", "(ИИН 880516370800)")
    assert [p.bin for p in find_parties(page, None, DocType.contract)] == ["880516370800"]
