"""Conditions decided from the package (App.3 item 8(11)–(13), the non-resident paragraph after each list of
item 8, p.13(5)): switched on with their evidence stated, and the documents they require."""

from datetime import date, timedelta
from decimal import Decimal

from checklists.evaluate import assess, package_flags
from checklists.load import checklist_for
from checklists.rules.completeness import completeness, marks
from checklists.rules.conditions import conditions, is_iin
from models.documents import DateField, Document, Fields, MoneyField, PageRef, Party, TextField
from models.package import PackageRequest
from models.vocab import CostType, DocType, Role, Severity

APPLIED = date(2026, 5, 12)
APPLICANT = "940140000385"
EXECUTOR = "971240001315"
IE_IIN = "850101300017"


def req(cost_type: CostType = CostType.process_installation, applicant: str = APPLICANT) -> PackageRequest:
    return PackageRequest(cost_type=cost_type, application_date=APPLIED, applicant_bin=applicant)


def doc(doc_id: str, doc_type: DocType, *, currency: str = "KZT", executor: bool = True,
        applicant: str = APPLICANT) -> Document:
    parties = [Party(bin=applicant, valid=True, role=Role.applicant)]
    if executor:
        parties.append(Party(bin=EXECUTOR, valid=True, role=Role.executor))
    return Document(
        id=doc_id, type=doc_type, confidence=1.0, pages=(PageRef(file=f"{doc_id}.pdf", page=1),),
        fields=Fields(number=TextField(value=doc_id.upper()),
                      date=DateField(value=APPLIED - timedelta(days=40)),
                      total=MoneyField(amount=Decimal("1000.00"), currency=currency), parties=tuple(parties)),
    )


def package(cost_type: CostType, *, executor: bool = True, currency: str = "KZT",
            applicant: str = APPLICANT, drop: tuple[DocType, ...] = ()) -> list[Document]:
    """One document of the first type of every unconditional item."""
    items = [i for i in checklist_for(cost_type, APPLIED).items if i.condition is None]
    return [doc(f"d{n}", i.doc_types[0], executor=executor, currency=currency, applicant=applicant)
            for n, i in enumerate(items) if i.doc_types[0] not in drop]


def test_iin_is_an_individual_entrepreneur() -> None:
    assert is_iin(IE_IIN) and not is_iin(APPLICANT) and not is_iin(EXECUTOR)


def test_non_resident_from_missing_bin_and_foreign_currency() -> None:
    """Paragraph after App.4 item 8 (монтаж): no executor BIN and payments in EUR — registration due."""
    docs = package(CostType.process_installation, executor=False, currency="EUR", drop=(DocType.invoice,))
    (c,) = conditions(req(), docs)
    assert c.flag == "non_resident_executor"
    assert "нет БИН исполнителя" in c.evidence and "EUR" in c.evidence
    findings, _ = assess(req(), docs)
    (applied,) = [f for f in findings if f.code == "condition_applied"]
    assert applied.severity == Severity.info and applied.citation == "App.4 item 8(5), монтаж"
    assert "нерезидент" in applied.message and "EUR" in applied.message
    (missing,) = [f for f in findings if f.code == "missing_document"]
    assert missing.doc_type == DocType.foreign_registration
    assert "EUR" in missing.message  # the evidence is quoted where the document is asked for


def test_non_resident_from_foreign_address_in_contract_text() -> None:
    docs = package(CostType.digital_equipment, executor=False)
    contract = next(d for d in docs if d.type == DocType.contract)
    texts = {contract.id: "Исполнитель: Shining 3D GmbH, юридический адрес: 80331 Мюнхен, Германия"}
    (c,) = conditions(req(CostType.digital_equipment), docs, texts)
    assert c.flag == "non_resident_executor" and "Германия" in c.evidence
    assert "non_resident_executor" in package_flags(req(CostType.digital_equipment), docs, texts=texts)


def test_resident_executor_is_not_switched_on_by_a_foreign_paper() -> None:
    """A foreign manufacturer's registration with a resident executor (BIN on the documents) does not make
    the executor a non-resident, and does not stand for the invoices."""
    docs = [*package(CostType.process_equipment, drop=(DocType.invoice,)),
            doc("r1", DocType.foreign_registration)]
    assert conditions(req(CostType.process_equipment), docs) == ()
    found = completeness(req(CostType.process_equipment), docs)
    assert [f.doc_type for f in found] == [DocType.invoice]
    assert "регистрации исполнителя-нерезидента" not in found[0].message
    mark = next(m for i, m in marks(req(CostType.process_equipment), docs)
                if i.doc_types[0] == DocType.invoice)
    assert mark.status == "missing"


def test_no_bin_alone_is_not_non_resident() -> None:
    """An executor BIN OCR did not read, everything in tenge: nothing switched on."""
    assert conditions(req(), package(CostType.process_installation, executor=False)) == ()


def test_ie_applicant_needs_tax_statement() -> None:
    """p.13(5): an individual entrepreneur attaches the statement of all taxes paid over 3 years."""
    docs = package(CostType.production_efficiency, applicant=IE_IIN)
    findings, _ = assess(req(CostType.production_efficiency, IE_IIN), docs)
    (missing,) = [f for f in findings if f.code == "missing_document"]
    assert missing.doc_type == DocType.tax_statement and missing.citation == "p.13(5)"
    assert missing.severity == Severity.error and IE_IIN in missing.message
    with_statement = [*docs, doc("t1", DocType.tax_statement, applicant=IE_IIN)]
    findings, _ = assess(req(CostType.production_efficiency, IE_IIN), with_statement)
    assert [f.code for f in findings] == ["condition_applied"]


def test_travel_claimed_from_payment_purpose() -> None:
    """App.3 item 8(11): a payment for tickets switches the travel documents on."""
    docs = package(CostType.staff_competence)
    pay = next(d for d in docs if d.type == DocType.payment_order)
    texts = {pay.id: "Назначение платежа: оплата авиабилетов Астана – Алматы – Астана"}
    findings, _ = assess(req(CostType.staff_competence), docs, texts=texts)
    (missing,) = [f for f in findings if f.code == "missing_document"]
    assert missing.doc_type == DocType.travel_document and missing.citation == "App.3 item 8(11); p.20"
    assert "авиабилет" in missing.message


def test_tax_exempt_from_application_text() -> None:
    docs = package(CostType.staff_competence)
    application = next(d for d in docs if d.type == DocType.application)
    texts = {application.id: "13. Заявитель освобожден от уплаты налогов согласно Налоговому кодексу"}
    findings, _ = assess(req(CostType.staff_competence), docs, texts=texts)
    (missing,) = [f for f in findings if f.code == "missing_document"]
    assert missing.doc_type == DocType.tax_exemption and missing.citation == "App.3 item 8(13)"


def test_non_resident_beside_a_resident_supplier() -> None:
    """Supervised installation: a resident supplier's supply contract names an executor BIN, the foreign
    executor's service contract none — the service contract (priced like the acts and payments) decides."""
    docs = package(CostType.process_supervised_installation, executor=False, drop=(DocType.invoice,))
    base = doc("supply", DocType.contract)
    supply = base.model_copy(update={"fields": base.fields.model_copy(
        update={"total": MoneyField(amount=Decimal("9000.00"), currency="KZT")})})
    contract = next(d for d in docs if d.type == DocType.contract)
    texts = {contract.id: "Исполнитель: Weber GmbH, юридический адрес: 70173, Германия, г. Штутгарт"}
    (c,) = conditions(req(CostType.process_supervised_installation), [*docs, supply], texts)
    assert c.flag == "non_resident_executor" and "Германия" in c.evidence
    findings, _ = assess(req(CostType.process_supervised_installation), [*docs, supply], texts=texts)
    assert not [f for f in findings if f.code == "amount_mismatch"]
