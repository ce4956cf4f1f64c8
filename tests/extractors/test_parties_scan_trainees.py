"""A trainee's IIN on a training certificate as a bad scan reads it: specks read at the lines' starts and
ends, the patronymic parted by a space. The IIN is the person's, never a party's."""

from __future__ import annotations

import pytest

from extractors.parties import find_parties
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_doc

ISSUER = "770516402364"


@pytest.mark.parametrize(("name", "post", "iin"), [
    (", Исмаилов Асхат Ма атович", "7 оператор станков с ЧПУ, ИИН 740720397764 ~", "740720397764"),
    ("Тлеубаева Карлыгаш Нур лановна 5", "наладчик оборудования, ИИН 901124455702 +", "901124455702"),
    ("2-2 Тлеубаева Гульнара Сериковна", "3 мастер участка, ИИН 681026490016 x", "681026490016"),
])
def test_a_trainees_iin_under_a_speckled_name_is_no_party(name: str, post: str, iin: str) -> None:
    text = ocr_doc("ИП «Lean Academy Kazakhstan»", f"ИИН {ISSUER} е", "СЕРТИФИКАТ / CERTIFICATE",
                   "№ 2025/85026", "Настоящий сертификат подтверждает, что", name, post,
                   "прошел(а) обучение по программе «Производственная система и стандартизированная работа»")
    assert iin not in {p.bin for p in find_parties(text, None, DocType.training_certificate)}


def test_an_entrepreneurs_iin_after_the_form_stays_the_party() -> None:
    text = ocr_doc("Исполнитель", "Есенов Канат Маратович",
                   "7 индивидуальный предприниматель, ИИН 880516370800")
    assert "880516370800" in {p.bin for p in find_parties(text, None, DocType.contract)}


def test_a_banks_bin_after_its_name_whose_form_a_scan_read_in_latin_letters_is_no_party() -> None:
    """`AO «Bereke Bank», БИН …` under `Банк отправителя денег`: the `АО` read as Latin `AO`."""
    text = ocr_doc("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 1792", "Отправитель денег: иик Код Сумма",
                   "AO «Есойпе Анапа» KZ519 14WCUS2MW34TKN 1 17 3208 055-80]", "БИН: 041140930616",
                   "Банк отправителя денег: БИК", "AO «Bereke Bank», БИН 950440615909 BRKEKZKA",
                   "Бенефициар: иик КБе", "ИП «30 Lab Kazakhstan» К732998ҒВ09Х4172Х2М/5 19",
                   "ИИН: 890319337097")
    assert "950440615909" not in {p.bin for p in find_parties(text, "041140930616", DocType.payment_order)}


def test_a_banks_stamp_whose_bin_a_photo_read_before_its_label_is_the_banks() -> None:
    text = ocr_doc("Получатель ИП «Lean Academy Kazakhstan»", "ИИН/БИН 770516402364",
                   "ИИК KZ6285650Z7H6T3MX96M",
                   "Сумма прописью Сто семьдесят пять тысяч семьсот четыре тенге 00", "жж «FarteBank» АО",
                   "941040887340, БИН", "ИСПОЛНЕНО", "27.02.2025 =")
    assert [p.bin for p in find_parties(text, None, DocType.payment_order)] == ["770516402364"]
