"""Eligibility the documents show (p.12, p.13): tax growth (p.13(5), App.1 item 13), equipment not used
before (p.12(2)–(3)), the closed list of digital equipment (p.12(2)), the register extract (p.13(6)), the
staff trained (p.12(1)), the supply contract of supervised installation (App.4 item 8(10), шеф-монтаж)."""

from datetime import date
from decimal import Decimal

from checklists.evaluate import assess
from checklists.rules.completeness import completeness
from checklists.rules.grounds import grounds, registration_date
from models.documents import DateField, Document, Fields, MoneyField, PageRef, Party, TextField
from models.package import PackageRequest
from models.vocab import CostType, DocType, Role, Severity

OLD_BIN = "940140000385"  # registered 01.1994
NEW_BIN = "210540011118"
EXECUTOR = "971240001315"
APPLIED = date(2026, 5, 12)


def req(cost_type: CostType, bin_: str = OLD_BIN) -> PackageRequest:
    return PackageRequest(cost_type=cost_type, application_date=APPLIED, applicant_bin=bin_)


def doc(doc_id: str, doc_type: DocType, *parties: Party) -> Document:
    return Document(id=doc_id, type=doc_type, confidence=1.0,
                    pages=(PageRef(file=f"{doc_id}.pdf", page=1),),
                    fields=Fields(number=TextField(value=doc_id), date=DateField(value=date(2026, 3, 1)),
                                  total=MoneyField(amount=Decimal("100.00"), currency="KZT"),
                                  parties=parties))


def codes(request: PackageRequest, docs: list[Document], texts: dict[str, str]) -> list[str]:
    return [f.code for f in grounds(request, docs, texts)]


TAXES_DOWN = ("13. Общие налоговые отчисления:\n1) 2023 год – 12 500 000,00 тенге;\n"
              "2) 2024 год – 11 900 000,00 тенге;\n3) 2025 год – 13 000 000,00 тенге;")
TAXES_UP = TAXES_DOWN.replace("11 900 000,00", "12 900 000,00")


def test_registration_date_from_bin() -> None:
    assert registration_date(OLD_BIN) == date(1994, 1, 1)
    assert registration_date("850101300017") is None  # an IIN: a birth date, not a registration


def test_tax_payments_must_grow_every_year() -> None:
    """p.13(5): annual growth over the 3 years before the application, from the App.1 figures."""
    docs = [doc("app", DocType.application)]
    (f,) = grounds(req(CostType.staff_competence), docs, {"app": TAXES_DOWN})
    assert f.code == "tax_not_growing" and f.severity == Severity.warning
    assert "2024 — 11 900 000,00 KZT" in f.message and "7 лет" in f.message
    assert codes(req(CostType.staff_competence), docs, {"app": TAXES_UP}) == []


def test_young_or_exempt_applicant_need_not_grow() -> None:
    """p.13(5): not for those registered under 7 calendar years before the application, nor tax-exempt."""
    docs = [doc("app", DocType.application)]
    assert codes(req(CostType.staff_competence, NEW_BIN), docs, {"app": TAXES_DOWN}) == []
    assert grounds(req(CostType.staff_competence), docs, {"app": TAXES_DOWN}, frozenset({"tax_exempt"})) == ()


def test_used_equipment_words_and_manufacture_year() -> None:
    """p.12(3): "не бывшего в эксплуатации" — the contract's own promise does not count as used."""
    contract = doc("k", DocType.contract)
    new = ("передать новое, не бывшее в эксплуатации оборудование. Год изготовления Оборудования – "
           "не ранее 2025 г.")
    assert codes(req(CostType.process_equipment), [contract], {"k": new}) == []
    two_columns = "передать в собственность Покупателя новое, не\n2.2. Төлем Жеткізушінің банктік шотына\n" \
                  "бывшее в эксплуатации оборудование, а"
    assert codes(req(CostType.process_equipment), [contract], {"k": two_columns}) == []
    joined = ("1.1. Продавец обязуется передать в\n2.1. Шарттың жалпы құны 5 786 198,57 собственность "
              "Покупателя новое, не\nтеңгені құрайды, оның ішінде ҚҚС 12% – бывшее в эксплуатации "
              "оборудование")
    assert codes(req(CostType.process_equipment), [contract], {"k": joined}) == []
    kazakh_first = ("2.1. Шарттың жалпы құны 31 922 764,09 1.1. Продавец обязуется передать в\n"
                    "теңгені құрайды, ҚҚС-сыз. собственность Покупателя новое, не\n"
                    "2.2. Төлем Сатушының банктік шотына бывшее в эксплуатации оборудование")
    assert codes(req(CostType.process_equipment), [contract], {"k": kazakh_first}) == []
    assert codes(req(CostType.process_equipment), [contract], {"k": "Поставка: станок токарный б/у"}) == [
        "used_equipment"]
    used = "Станок токарный CK6150 (б/у, 2017 г.в.)"
    (f,) = grounds(req(CostType.process_equipment), [contract], {"k": used})
    assert f.code == "used_equipment" and "б/у" in f.message
    passport = doc("t", DocType.technical_passport)
    (f,) = grounds(req(CostType.process_equipment), [contract, passport],
                   {"k": new, "t": "ТЕХНИЧЕСКИЙ ПАСПОРТ Дата изготовления 14.02.2021"})
    assert f.documents == ("t", "k") and "2021" in f.message and "2025" in f.message
    assert codes(req(CostType.process_equipment), [contract, passport],
                 {"k": new, "t": "Дата изготовления 14.02.2025"}) == []


def test_digital_equipment_closed_list() -> None:
    """p.12(2): 3D scanner, 3D printer, wide-format plotter with scanning and copying — nothing else."""
    contract = doc("k", DocType.contract)
    r = req(CostType.digital_equipment)
    assert codes(r, [contract], {"k": "поставка оборудования: 3D-сканер EinScan Pro HD"}) == []
    plotter = "поставка оборудования: Широкоформатный плоттер-принтер со сканированием и копированием"
    assert codes(r, [contract], {"k": plotter}) == []
    (f,) = grounds(r, [contract], {"k": "поставка оборудования: Широкоформатный плоттер HP DesignJet T250"})
    assert f.code == "not_listed_digital" and "3D-сканер" in f.message
    engraver = {"k": "поставка оборудования: Лазерный гравер LG-900"}
    assert codes(r, [contract], engraver) == ["not_listed_digital"]
    assert codes(r, [contract], {}) == []  # the contract's text unknown: nothing said


def test_register_extract_names_the_applicant_and_is_in_force() -> None:
    """p.13(6): the applicant is in the register on the application date."""
    other = doc("x", DocType.ktp_extract, Party(bin=EXECUTOR, valid=True, role=Role.other))
    (f,) = grounds(req(CostType.process_installation), [other], {})
    assert f.code == "register_extract" and EXECUTOR in f.message and "выдана" in f.message
    ours = doc("x", DocType.ktp_extract, Party(bin=OLD_BIN, valid=True, role=Role.applicant))
    in_force = {"x": "Выписка действительна до 31.12.2026"}
    assert codes(req(CostType.process_installation), [ours], in_force) == []
    (f,) = grounds(req(CostType.process_installation), [ours], {"x": "Срок действия до 01.04.2026"})
    assert "действительна до 01.04.2026" in f.message


def test_training_not_for_finance_admin_or_legal_staff() -> None:
    """p.12(1): top managers except the finance (accounting), administrative and legal departments."""
    order = doc("o", DocType.order)
    r = req(CostType.staff_competence)
    text = "1 Иванов Иван главный инженер 850101300017\n2 Петрова Анна главный бухгалтер 900303450012"
    (f,) = grounds(r, [order], {"o": text})
    assert f.code == "ineligible_trainee" and "«бухгалтер»" in f.message
    fine = ("1 Иванов Иван мастер участка 850101300017\n2 Сидоров оператор станков с ЧПУ 900202400018\n"
            "3. Бухгалтерии оплатить расходы на обучение.\nГлавный бухгалтер: /Иванов А. Е./")
    assert codes(r, [order], {"o": fine}) == []


def test_supervised_installation_needs_a_supply_contract_besides_the_service_contract() -> None:
    """App.4 item 8(10), шеф-монтаж: a supply contract or the manufacturer's documents."""
    service = doc("k", DocType.contract)
    r = req(CostType.process_supervised_installation)
    found = [f for f in completeness(r, [service]) if f.citation.startswith("App.4 item 8(10)")]
    assert len(found) == 1
    assert not [f for f in completeness(r, [service, doc("s", DocType.contract)])
                if f.citation.startswith("App.4 item 8(10)")]
    assert not [f for f in completeness(r, [service, doc("m", DocType.manufacturer_document)])
                if f.citation.startswith("App.4 item 8(10)")]
    findings, _ = assess(r, [service])
    assert any(f.code == "missing_document" and f.citation.startswith("App.4 item 8(10)") for f in findings)
