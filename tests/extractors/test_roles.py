"""Package-level roles: a third-party supplier is not the deal's executor."""

from __future__ import annotations

from extractors.roles import resolve_roles
from models.documents import Document, Fields, PageRef, Party
from models.vocab import DocType, Role

APPLICANT, INSTALLER, MAKER = "940140000385", "971240001315", "060440009474"


def doc(i: str, t: DocType, *parties: tuple[str, Role, str]) -> Document:
    return Document(
        id=i,
        type=t,
        confidence=0.9,
        pages=(PageRef(file=f"{i}.pdf", page=1),),
        fields=Fields(parties=tuple(Party(bin=b, valid=True, role=r, position=pos) for b, r, pos in parties)),
    )


def test_supplier_of_the_equipment_becomes_other_when_the_deal_names_its_executor() -> None:
    docs = [
        doc(
            "c",
            DocType.contract,
            (APPLICANT, Role.applicant, "customer"),
            (INSTALLER, Role.executor, "executor"),
        ),
        doc("s", DocType.contract, (APPLICANT, Role.applicant, "buyer"), (MAKER, Role.executor, "supplier")),
        doc(
            "w", DocType.waybill, (MAKER, Role.executor, "supplier"), (APPLICANT, Role.applicant, "recipient")
        ),
        doc(
            "p",
            DocType.payment_order,
            (APPLICANT, Role.applicant, "payer"),
            (INSTALLER, Role.executor, "beneficiary"),
        ),
    ]
    out = {d.id: {p.bin: p.role for p in d.fields.parties} for d in resolve_roles(docs)}
    assert out["c"][INSTALLER] == Role.executor
    assert out["s"][MAKER] == Role.other and out["w"][MAKER] == Role.other
    assert out["p"][INSTALLER] == Role.executor
    assert out["s"][APPLICANT] == Role.applicant


def test_nothing_changes_without_payment_invoice_or_act() -> None:
    docs = [
        doc("s", DocType.contract, (APPLICANT, Role.applicant, "buyer"), (MAKER, Role.executor, "supplier"))
    ]
    assert resolve_roles(docs) == tuple(docs)


def test_a_second_applicant_on_a_payment_is_its_beneficiary() -> None:
    from extractors.roles import one_applicant_per_payment
    from models.documents import Document, Fields, PageRef, Party
    from models.vocab import DocType, Role

    ours, theirs = "940140000385", "971240001315"
    parties = (Party(bin=ours, valid=True, role=Role.applicant, position="recipient"),
               Party(bin=theirs, valid=True, role=Role.applicant, position="payer"))
    doc = Document(id="d", type=DocType.payment_order, confidence=0.9, pages=(PageRef(file="p.pdf", page=1),),
                   fields=Fields(parties=parties))
    fixed = one_applicant_per_payment(doc, ours)
    assert [(p.bin, p.role, p.position) for p in fixed.fields.parties] == [
        (ours, Role.applicant, "recipient"), (theirs, Role.executor, "beneficiary")]
    assert one_applicant_per_payment(doc, "000000000000") == doc  # the applicant is not on it: unchanged
    act = doc.model_copy(update={"type": DocType.act})
    assert one_applicant_per_payment(act, ours) == act


def test_a_resident_supplier_is_a_third_party_when_the_executor_is_a_non_resident() -> None:
    docs = [
        doc("r", DocType.foreign_registration),
        doc("p", DocType.payment_order, (APPLICANT, Role.applicant, "payer")),  # a transfer abroad
        doc("a", DocType.act, (APPLICANT, Role.applicant, "customer")),
        doc("w", DocType.waybill, (MAKER, Role.executor, "sender"), (APPLICANT, Role.applicant, "recipient")),
        doc("t", DocType.acceptance_certificate, (MAKER, Role.executor, "supplier"),
            (APPLICANT, Role.applicant, "buyer")),
    ]
    roles = {(d.id, p.bin): p.role for d in resolve_roles(docs, APPLICANT) for p in d.fields.parties}
    assert roles[("w", MAKER)] == Role.other and roles[("t", MAKER)] == Role.other
    assert roles[("w", APPLICANT)] == Role.applicant


def test_without_a_foreign_registration_a_supplier_no_payment_names_stays_the_executor() -> None:
    docs = [
        doc("p", DocType.payment_order, (APPLICANT, Role.applicant, "payer")),
        doc("t", DocType.acceptance_certificate, (MAKER, Role.executor, "supplier"),
            (APPLICANT, Role.applicant, "buyer")),
    ]
    roles = {(d.id, p.bin): p.role for d in resolve_roles(docs, APPLICANT) for p in d.fields.parties}
    assert roles[("t", MAKER)] == Role.executor


def test_a_second_applicant_on_a_payment_naming_its_beneficiary_is_a_third_party() -> None:
    """A bank's stamp BIN that a form's `Отправитель денег` label made an applicant beside the applicant's
    own BIN, on a payment whose beneficiary is read: a payment has one beneficiary, the stamp's BIN is
    neither side of the deal."""
    from extractors.roles import one_applicant_per_payment

    bank = "940840958250"
    parties = (Party(bin=bank, valid=True, role=Role.applicant, position="payer"),
               Party(bin=APPLICANT, valid=True, role=Role.applicant, position="payer"),
               Party(bin=INSTALLER, valid=True, role=Role.executor, position="beneficiary"))
    payment = Document(id="p", type=DocType.payment_order, confidence=0.9,
                       pages=(PageRef(file="p.pdf", page=1),), fields=Fields(parties=parties))
    fixed = {p.bin: p.role for p in one_applicant_per_payment(payment, APPLICANT).fields.parties}
    assert fixed == {bank: Role.other, APPLICANT: Role.applicant, INSTALLER: Role.executor}


def test_an_acts_side_named_by_no_position_word_is_the_executor_the_payments_name() -> None:
    act = Document(
        id="a", type=DocType.act, confidence=0.9, pages=(PageRef(file="a.pdf", page=1),),
        fields=Fields(parties=(Party(bin=APPLICANT, valid=True, role=Role.applicant, position="customer"),
                               Party(bin=INSTALLER, valid=True, role=Role.other, position=None))),
    )
    pay = doc("p", DocType.payment_order, (APPLICANT, Role.applicant, "payer"),
              (INSTALLER, Role.executor, "beneficiary"))
    out = resolve_roles([act, pay])
    assert [(p.bin, p.role) for p in out[0].fields.parties] == [(APPLICANT, Role.applicant),
                                                               (INSTALLER, Role.executor)]


def test_an_acts_unlabelled_third_party_the_payments_do_not_pay_stays_other() -> None:
    act = Document(
        id="a", type=DocType.act, confidence=0.9, pages=(PageRef(file="a.pdf", page=1),),
        fields=Fields(parties=(Party(bin=APPLICANT, valid=True, role=Role.applicant, position="customer"),
                               Party(bin=MAKER, valid=True, role=Role.other, position=None))),
    )
    pay = doc("p", DocType.payment_order, (APPLICANT, Role.applicant, "payer"),
              (INSTALLER, Role.executor, "beneficiary"))
    out = resolve_roles([act, pay])
    found = [(p.bin, p.role) for p in out[0].fields.parties]
    assert found == [(APPLICANT, Role.applicant), (MAKER, Role.other)]


def test_a_side_a_damaged_label_made_the_applicant_is_the_executor_the_deal_pays() -> None:
    docs = [
        doc("p", DocType.payment_order, (APPLICANT, Role.applicant, "payer"),
            (INSTALLER, Role.executor, "beneficiary")),
        doc("b", DocType.other, (INSTALLER, Role.applicant, "buyer"), (APPLICANT, Role.applicant, "buyer")),
    ]
    out = {d.id: {p.bin: p.role for p in d.fields.parties} for d in resolve_roles(docs, APPLICANT)}
    assert out["b"] == {INSTALLER: Role.executor, APPLICANT: Role.applicant}
    # without the applicant's BIN given at upload nothing tells which side is the applicant
    unknown = {d.id: {p.bin: p.role for p in d.fields.parties} for d in resolve_roles(docs)}
    assert unknown["b"][INSTALLER] == Role.applicant
