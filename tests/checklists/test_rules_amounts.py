"""Amounts (p.17), reimbursement and caps (p.14, p.14-1), currency (p.19) over hand-built documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from checklists.caps import load_caps
from checklists.evaluate import assess
from checklists.rates import Rate, RateStore, shipped
from checklists.rules.amounts import amounts
from checklists.rules.bins import bins
from checklists.rules.reimbursement import compute
from models.documents import DateField, Document, Fields, MoneyField, PageRef, Party, TextField
from models.package import PackageRequest
from models.vocab import CostType, DocType, Role, Severity

APPLICANT = "940140000385"
EXECUTOR = "971240001315"
DAY = date(2025, 6, 2)


def req(cost_type: CostType = CostType.process_energy_audit, day: date = date(2025, 9, 1)) -> PackageRequest:
    return PackageRequest(cost_type=cost_type, application_date=day, applicant_bin=APPLICANT)


def doc(i: str, t: DocType, total: str | None, currency: str = "KZT", day: date = DAY,
        number: str | None = None, executor: bool = True) -> Document:
    parties = (Party(bin=APPLICANT, valid=True, role=Role.applicant),) + (
        (Party(bin=EXECUTOR, valid=True, role=Role.executor),) if executor else ())
    return Document(
        id=i, type=t, confidence=0.9, pages=(PageRef(file=f"{i}.pdf", page=1),),
        fields=Fields(
            number=TextField(value=number or i), date=DateField(value=day),
            total=MoneyField(amount=Decimal(total), currency=currency, file=f"{i}.pdf", page=1,
                             bbox=(0.1, 0.5, 0.4, 0.52)) if total is not None else None,
            parties=parties,
        ),
    )


def services(pay: tuple[str, ...] = ("600000.00", "520000.00"), invoice: str = "1120000.00",
             acts: tuple[str, ...] = ("1120000.00",), contract: str = "1120000.00") -> list[Document]:
    docs = [doc("c", DocType.contract, contract, day=date(2025, 3, 3))]
    docs += [doc(f"a{i}", DocType.act, a) for i, a in enumerate(acts)]
    docs.append(doc("i", DocType.invoice, invoice))
    docs += [doc(f"p{i}", DocType.payment_order, p) for i, p in enumerate(pay)]
    return docs


def test_consistent_package_has_no_mismatch() -> None:
    assert amounts(req(), services()) == ()


def test_short_payment_names_figures_and_difference() -> None:
    (f,) = amounts(req(), services(pay=("600000.00", "500000.00")))
    assert f.code == "amount_mismatch" and f.severity == Severity.error and f.citation == "p.17"
    assert "1 100 000,00 KZT" in f.message and "1 120 000,00 KZT" in f.message
    assert "разница 20 000,00 KZT" in f.message
    assert set(f.documents) == {"p0", "p1", "i"} and f.file == "p1.pdf" and f.bbox is not None


def test_one_tiyn_per_document_is_rounding() -> None:
    assert amounts(req(), services(pay=("600000.01", "520000.00"))) == ()
    assert amounts(req(), services(pay=("600000.02", "520000.01"))) == ()  # 3 documents: 3 tiyn allowed
    assert amounts(req(), services(pay=("600000.05", "520000.00")))


def test_partial_acts_add_up() -> None:
    assert amounts(req(), services(acts=("700000.00", "420000.00"))) == ()
    (f,) = amounts(req(), services(acts=("700000.00", "400000.00")))
    assert "сумма актов" in f.message and f.doc_type == DocType.act


def test_invoice_against_contract() -> None:
    found = amounts(req(), services(invoice="1200000.00", pay=("600000.00", "600000.00")))
    assert [f.doc_type for f in found] == [DocType.invoice]


def test_unread_payment_is_not_compared_and_says_so() -> None:
    # the read payments fall short of the invoice by exactly what the unread one may carry: no mismatch,
    # but the skipped p.17 check is reported on the unread payment
    docs = [*services(pay=("600000.00",)), doc("p9", DocType.payment_order, None)]
    (f,) = amounts(req(), docs)
    assert f.code == "amount_unread" and f.severity == Severity.warning and f.citation == "p.17"
    assert f.documents == ("p9",) and f.doc_type == DocType.payment_order
    assert f.file == "p9.pdf" and f.page == 1 and "не прочитана" in f.message


def test_unread_act_warns_once_and_other_comparisons_still_run() -> None:
    docs = [*services(pay=("600000.00", "500000.00")), doc("a1", DocType.act, None)]
    found = amounts(req(), docs)
    assert sorted(f.code for f in found) == ["amount_mismatch", "amount_unread"]
    (unread,) = [f for f in found if f.code == "amount_unread"]
    assert unread.documents == ("a1",)


def test_nothing_to_compare_with_is_no_unread_warning() -> None:
    # no invoice, no contract: an unread payment blocks no comparison
    assert amounts(req(), [doc("p9", DocType.payment_order, None)]) == ()
    # nothing read on either side
    docs = [doc("c", DocType.contract, None), doc("p9", DocType.payment_order, None)]
    assert amounts(req(), docs) == ()


def test_the_only_payment_unread_is_said() -> None:
    docs = [doc("c", DocType.contract, "1120000.00"), doc("p9", DocType.payment_order, None)]
    assert [(f.code, f.documents) for f in amounts(req(), docs)] == [("amount_unread", ("p9",))]


def test_misread_total_is_not_also_called_unread() -> None:
    # an invoice's total read as a fragment of the agreed figure is set aside as misread, not unread
    whole = "2794979.60"
    docs = services(invoice="979.60", pay=(whole,), acts=(whole,), contract=whole)
    assert [f.code for f in amounts(req(), docs)] == ["amount_misread"]


def test_duplicate_payment_counts_once() -> None:
    docs = [*services(), doc("p1b", DocType.payment_order, "520000.00", number="p1")]
    assert amounts(req(), docs) == ()


def test_other_currency_is_not_compared_directly() -> None:
    docs = services(pay=("2400.00",))
    docs[-1] = doc("p0", DocType.payment_order, "2400.00", currency="USD")
    assert amounts(req(), docs) == ()


def test_equipment_transfer_documents_against_contract() -> None:
    r = req(CostType.digital_equipment)
    docs = [doc("c", DocType.contract, "5000000.00", day=date(2025, 3, 3)),
            doc("i", DocType.invoice, "5000000.00"), doc("p", DocType.payment_order, "5000000.00"),
            doc("ac", DocType.acceptance_certificate, "5000000.00"), doc("w", DocType.waybill, "4100000.00")]
    (f,) = amounts(r, docs)
    assert f.doc_type == DocType.waybill and "сумма накладных" in f.message


def test_supply_contract_of_installation_is_not_the_deal() -> None:
    r = req(CostType.process_installation)
    docs = [*services(), doc("s", DocType.contract, "9000000.00", executor=False),
            doc("ac", DocType.acceptance_certificate, "9000000.00", executor=False)]
    assert amounts(r, docs) == ()


def test_a_supply_contract_with_a_stranger_is_not_the_deal_when_the_deals_parties_were_not_read() -> None:
    """Neither contract names the executor: the one with a third-party supplier goes, the unread one stays."""
    r = req(CostType.process_supervised_installation)
    docs = services()
    unread = docs[0].model_copy(update={"fields": docs[0].fields.model_copy(update={"parties": ()})})
    supplier = Party(bin="060440009474", valid=True, role=Role.other, position="supplier")
    supply = doc("s", DocType.contract, "44874166.40", executor=False)
    supply = supply.model_copy(update={"fields": supply.fields.model_copy(
        update={"parties": (*supply.fields.parties, supplier)})})
    assert amounts(r, [unread, *docs[1:], supply]) == ()


# --- reimbursement ---------------------------------------------------------------------------------


def test_reimbursement_is_40_percent_of_payments() -> None:
    r, findings = compute(req(), services())
    assert r is not None and findings == ()
    assert r.amount == Decimal("448000.00") and r.eligible_costs == Decimal("1120000.00")
    assert r.cap == Decimal("60000000.00") and not r.capped and r.basis == ("p0", "p1")
    assert isinstance(r.amount, Decimal)


def test_reimbursement_takes_smaller_confirmed_amount() -> None:
    r, _ = compute(req(), services(acts=("1000000.00",)))
    assert r is not None and r.eligible_costs == Decimal("1000000.00") and r.basis == ("a0",)


def test_none_without_payment_totals() -> None:
    assert compute(req(), services(pay=()))[0] is None


@pytest.mark.parametrize(
    ("cost_type", "cap"),
    [(CostType.staff_competence, "30000000.00"), (CostType.process_installation, "12000000.00"),
     (CostType.process_supervised_installation, "12000000.00"),
     (CostType.production_efficiency, "20000000.00"),
     (CostType.process_equipment, "60000000.00"), (CostType.digital_equipment, "60000000.00"),
     (CostType.process_energy_audit, "60000000.00")],
)
def test_cap_exceeded(cost_type: CostType, cap: str) -> None:
    big = str(Decimal(cap) / Decimal("0.4") + Decimal("100.00"))
    docs = [doc("c", DocType.contract, big, day=date(2025, 3, 3)), doc("p", DocType.payment_order, big)]
    r, findings = compute(req(cost_type), docs)
    assert r is not None and r.capped and r.amount == Decimal(cap) and r.uncapped == Decimal(cap) + 40
    (f,) = findings
    assert f.code == "cap_exceeded" and f.severity == Severity.warning
    assert f.citation == load_caps().cap_for(cost_type).citation
    assert "40 %" in f.message and "лимит" in f.message
    if cost_type in (CostType.process_equipment, CostType.digital_equipment):
        assert f.citation == "p.14-1" and "Прочтение" in f.message


def test_cap_not_exceeded_at_the_limit() -> None:
    docs = [doc("p", DocType.payment_order, "30000000.00")]
    r, findings = compute(req(CostType.process_installation), docs)
    assert r is not None and r.amount == Decimal("12000000.00") and findings == () and not r.capped


def test_staff_competence_adds_travel_and_accommodation() -> None:
    docs = [doc("p", DocType.payment_order, "100000.00"), doc("t", DocType.travel_document, "30000.00"),
            doc("h", DocType.accommodation_document, "70000.00")]
    r, _ = compute(req(CostType.staff_competence), docs)
    assert r is not None and r.eligible_costs == Decimal("200000.00") and r.amount == Decimal("80000.00")


# --- currency (p.19) -------------------------------------------------------------------------------


def test_foreign_payment_converted_at_nbk_rate_of_payment_date() -> None:
    day = date(2016, 4, 18)  # the shipped feed's date: USD 334.41
    docs = [doc("p", DocType.payment_order, "1000.00", currency="USD", day=day)]
    r, findings = compute(req(day=date(2016, 6, 1)), docs, shipped())
    assert findings == () and r is not None
    (c,) = r.conversions
    assert c.rate == Decimal("334.41") and c.kzt == Decimal("334410.00") and c.day == day
    assert r.amount == Decimal("133764.00")


def test_rate_per_quant_units() -> None:
    store = RateStore([Rate(DAY, "JPY", 10, Decimal("32.55"))])
    docs = [doc("p", DocType.payment_order, "1000.00", currency="JPY")]
    r, _ = compute(req(), docs, store)
    assert r is not None and r.eligible_costs == Decimal("3255.00")


def test_missing_rate_is_a_finding_not_a_guess() -> None:
    docs = [doc("p1", DocType.payment_order, "500000.00"),
            doc("p2", DocType.payment_order, "1000.00", currency="EUR", day=date(2016, 4, 19))]
    r, findings = compute(req(day=date(2016, 6, 1)), docs, shipped())
    (f,) = findings
    assert f.code == "missing_rate" and f.severity == Severity.warning and f.citation == "p.19"
    assert "EUR" in f.message and "19.04.2016" in f.message and f.documents == ("p2",)
    assert r is not None and r.incomplete and r.eligible_costs == Decimal("500000.00")


def test_assess_reports_reimbursement_with_findings() -> None:
    findings, r = assess(req(), services(pay=("600000.00", "500000.00")))
    assert r is not None and "amount_mismatch" in [f.code for f in findings]


def test_digit_group_lost_in_reading_is_not_a_mismatch() -> None:
    docs = services(invoice="979.60", acts=("1120979.60",), contract="1120979.60",
                    pay=("600000.00", "520979.60"))
    found = amounts(req(), docs)
    assert [f.code for f in found] == ["amount_misread"] and found[0].severity == Severity.info
    assert found[0].documents == ("i",) and "1 120 979,60" in found[0].message
    # a genuine 3 % shortfall is not taken for a misreading
    short = amounts(req(), services(pay=("600000.00", "486400.00")))
    assert [f.code for f in short] == ["amount_mismatch"]


def test_one_digit_slip_against_agreeing_documents() -> None:
    docs = services(contract="323201.19", acts=("6323201.19",), invoice="6323201.19",
                    pay=("6323201.19",))
    found = amounts(req(), docs)
    assert [f.code for f in found] == ["amount_misread"] and found[0].documents == ("c",)
    # a payment group one digit off the agreed figure
    docs = services(contract="5759428.53", acts=("5759428.53",), invoice="5759428.53",
                    pay=("1519857.11", "3239571.42"))
    assert [f.code for f in amounts(req(), docs)] == ["amount_misread", "amount_misread"]


def test_one_unsure_payment_a_million_digit_off_is_the_misread_one() -> None:
    """Two payments of 5 073 316,8x: a photo read one as `1 073 316,82` (confidence 0.56), so that their
    sum is 4 000 000 short of the figure the contract, invoice and act agree on."""
    docs = services(contract="10146633.65", acts=("10146633.65",), invoice="10146633.65",
                    pay=("5073316.83", "1073316.82"))

    def read_at(confidence: float) -> list[Document]:
        p1 = docs[-1]
        assert p1.fields.total is not None
        total = p1.fields.total.model_copy(update={"confidence": confidence})
        return [*docs[:-1], p1.model_copy(update={"fields": p1.fields.model_copy(update={"total": total})})]

    found = amounts(req(), read_at(0.56))
    assert [f.code for f in found] == ["amount_misread"] and found[0].documents == ("p1",)
    # read with confidence: either payment may carry the digit, nothing tells the misread one
    assert [f.code for f in amounts(req(), read_at(0.93))] == ["amount_mismatch"]
    # a shortfall that is no single digit is a mismatch whatever the confidence
    short = services(contract="10146633.65", acts=("10146633.65",), invoice="10146633.65",
                     pay=("5073316.83", "4580000.00"))
    assert [f.code for f in amounts(req(), short)] == ["amount_mismatch"]


def _unsure(d: Document, confidence: float) -> Document:
    assert d.fields.total is not None
    total = d.fields.total.model_copy(update={"confidence": confidence})
    return d.model_copy(update={"fields": d.fields.model_copy(update={"total": total})})


def test_an_unsure_invoice_total_against_a_figure_three_documents_agree_on_is_set_aside() -> None:
    """A photographed invoice read `1 203 975,00` (a glued head, confidence 0.76) while the act, the
    report and the payment agree on 1 124 453,12: a reading to check, not a mismatch."""
    docs = services(contract="1124453.12", acts=("1124453.12",), invoice="1203975.00", pay=("1124453.12",))
    unsure = [_unsure(d, 0.76) if d.id == "i" else d for d in docs]
    found = amounts(req(), unsure)
    assert [f.code for f in found] == ["amount_misread"] and found[0].documents == ("i",)
    assert "0.76" in found[0].message and "1 124 453,12" in found[0].message
    # read with confidence, the invoice stands: a mismatch
    assert "amount_mismatch" in [f.code for f in amounts(req(), [_unsure(d, 0.93) if d.id == "i" else d
                                                                 for d in docs])]
    # a short payment read unsure is still the mismatch p.17 is about
    short = services(contract="1124453.12", acts=("1124453.12",), invoice="1124453.12", pay=("1000000.00",))
    assert [f.code for f in amounts(req(), [_unsure(d, 0.6) if d.id == "p0" else d for d in short])] == [
        "amount_mismatch"]


# --- p.17: the amount basis ----------------------------------------------------------------------


def _money_doc(doc_id: str, doc_type: DocType, amount: str, parties: tuple[Party, ...]) -> Document:
    return Document(
        id=doc_id, type=doc_type, confidence=1.0, pages=(PageRef(file=f"{doc_id}.pdf", page=1),),
        fields=Fields(number=TextField(value=doc_id), date=DateField(value=date(2026, 3, 2)),
                      total=MoneyField(amount=Decimal(amount), currency="KZT"), parties=parties),
    )


P17_APPLICANT = Party(bin="940140000385", valid=True, role=Role.applicant)
P17_EXECUTOR = Party(bin="971240001315", valid=True, role=Role.executor)
P17_HOTEL = Party(bin="180440942071", valid=True, role=Role.other)


def test_p17_act_differing_from_contract_is_a_warning() -> None:
    """p.17: the amount rests on payments and acts; an act below the contract is for an officer to look at."""
    both = (P17_APPLICANT, P17_EXECUTOR)
    docs = [_money_doc("k", DocType.contract, "1000000.00", both),
            _money_doc("a", DocType.act, "900000.00", both),
            _money_doc("i", DocType.invoice, "900000.00", both),
            _money_doc("p", DocType.payment_order, "900000.00", both)]
    req = PackageRequest(cost_type=CostType.process_installation, application_date=date(2026, 5, 12),
                         applicant_bin="940140000385")
    found = [f for f in amounts(req, docs) if f.code == "amount_mismatch"]
    assert {(f.doc_type, f.severity) for f in found} == {
        (DocType.act, Severity.warning), (DocType.invoice, Severity.error)}
    (act,) = [f for f in found if f.doc_type == DocType.act]
    assert "п. 17" in act.message and "900 000,00" in act.message


def test_p17_payment_to_a_hotel_is_not_a_payment_to_the_executor() -> None:
    """p.17, p.20(3): the hotel's payment is claimed through the accommodation document, not as a payment
    to the executor — no mismatch with the invoices, no BIN mismatch, counted once in the reimbursement."""
    both = (P17_APPLICANT, P17_EXECUTOR)
    docs = [_money_doc("k", DocType.contract, "500000.00", both),
            _money_doc("i", DocType.invoice, "500000.00", both),
            _money_doc("a", DocType.act, "500000.00", both),
            _money_doc("p", DocType.payment_order, "500000.00", both),
            _money_doc("h", DocType.accommodation_document, "120000.00", (P17_HOTEL, P17_APPLICANT)),
            _money_doc("ph", DocType.payment_order, "120000.00", (P17_APPLICANT, P17_HOTEL))]
    req = PackageRequest(cost_type=CostType.staff_competence, application_date=date(2026, 5, 12),
                         applicant_bin="940140000385")
    assert [f for f in amounts(req, docs) if f.code == "amount_mismatch"] == []
    assert [f for f in bins(req, docs) if f.code == "bin_mismatch"] == []
    result, _ = compute(req, docs)
    assert result is not None and result.eligible_costs == Decimal("620000.00")


def test_a_supplementary_agreement_without_a_price_is_no_unread_contract_total() -> None:
    """«Дополнительное соглашение № 1 к Договору …», typed as the contract's paper: a new term, no price,
    dated after the contract. The deal's contract is the priced one: a short payment is still found, the
    agreement is not reported as a contract whose total was not read, and it moves no date check."""
    from checklists.rules._deal import main_contracts
    from checklists.rules.amounts import UNREAD_CODE
    from checklists.rules.dates import date_order

    extra = doc("s", DocType.contract, None, day=date(2025, 3, 20), number="1")
    docs = [*services(pay=("600000.00", "400000.00")), extra]
    assert [d.id for d in main_contracts(docs)] == ["c"]
    found = amounts(req(), docs)
    assert [f.code for f in found if f.severity == Severity.error] == ["amount_mismatch"]
    assert not [f for f in found if f.code == UNREAD_CODE]
    assert date_order(req(), docs) == ()


def test_a_second_contract_dated_before_the_priced_one_is_still_the_deals() -> None:
    """A contract with no read total dated before the priced one is no agreement to it: it stays, and its
    unread total is said."""
    from checklists.rules._deal import main_contracts
    from checklists.rules.amounts import UNREAD_CODE

    earlier = doc("e", DocType.contract, None, day=date(2025, 2, 1), number="7")
    docs = [*services(), earlier]
    assert {d.id for d in main_contracts(docs)} == {"c", "e"}
    assert [f.documents for f in amounts(req(), docs) if f.code == UNREAD_CODE] == [("e",)]


def test_a_contract_sent_one_file_a_page_counts_once_whatever_pages_show_its_total() -> None:
    """`Договор стр 1.jpg` (its price clause) and `Договор стр 3.jpg` (the specification's total) are one
    paper: its price is not their sum."""
    first = doc("c", DocType.contract, "1120000.00", day=date(2025, 3, 3))
    middle = doc("c2", DocType.contract, None).model_copy(update={"continues": "c"})
    last = doc("c3", DocType.contract, "1120000.00").model_copy(update={"continues": "c"})
    package = [first, middle, last, *services()[1:]]
    assert amounts(req(), package) == ()


def test_a_contract_whose_total_only_a_later_page_file_shows_takes_it() -> None:
    first = doc("c", DocType.contract, None, day=date(2025, 3, 3))
    last = doc("c3", DocType.contract, "1000000.00").model_copy(update={"continues": "c"})
    found = amounts(req(), [first, last, *services()[1:]])
    assert found and all(f.code == "amount_mismatch" and "сумма договора — 1 000 000,00 KZT" in f.message
                         for f in found)


def test_an_invoice_total_read_as_the_vat_it_includes_is_set_aside() -> None:
    """A scanned invoice read its VAT line `654 755,56` (12 % included in 6 111 051,88) as its total, while
    the contract and the payments agree on 6 111 051,88: another line of the table, not a mismatch."""
    whole = "6111051.88"
    docs = services(contract=whole, acts=(whole,), invoice="654755.56", pay=("2444420.75", "3666631.13"))
    found = amounts(req(), docs)
    assert [(f.code, f.severity, f.documents) for f in found] == [("amount_misread", Severity.info, ("i",))]
    assert "НДС" in found[0].message and "6 111 051,88" in found[0].message
    # at 16 % alike (842 903,71 of 6 111 051,88)
    assert [f.code for f in amounts(req(), services(contract=whole, acts=(whole,), invoice="842903.71",
                                                    pay=(whole,)))] == ["amount_misread"]
    # the amount without VAT may be the contract's own net price: no misreading, a mismatch to look at
    net = amounts(req(), services(contract=whole, acts=(whole,), invoice="5456296.32", pay=(whole,)))
    assert "amount_mismatch" in [f.code for f in net]
    # an invoice a fifth short of the contract is no VAT line: the mismatch stands
    short = amounts(req(), services(contract=whole, acts=(whole,), invoice="4888841.50", pay=(whole,)))
    assert "amount_mismatch" in [f.code for f in short]
