"""Dates, identifiers and eligibility hints over hand-built documents (each test can fail)."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.rules.bins import bins, branch_bins, executor_consistency, is_branch_bin
from checklists.rules.dates import date_order
from checklists.rules.eligibility import (
    accommodation_length,
    duplicates,
    excluded_equipment,
    training_length,
)
from checklists.rules.window import window
from extractors.bin import is_valid_bin
from models.documents import DateField, Document, Fields, PageRef, Party, TextField
from models.files import InputFile
from models.package import PackageRequest
from models.vocab import CostType, DocType, Role, Severity

APPLICANT = "940140000385"
EXECUTOR = "971240001315"
STRANGER = "060440009474"
APPLIED = date(2026, 3, 2)


def _valid(head: str) -> str:
    for d in range(10):
        if is_valid_bin(head + str(d)):
            return head + str(d)
    raise AssertionError(head)


BRANCH = _valid("09084100012")  # registered 08.2009, 5th digit 4 (resident), 6th digit 1 (branch)


def req(cost_type: CostType = CostType.process_energy_audit) -> PackageRequest:
    return PackageRequest(cost_type=cost_type, application_date=APPLIED, applicant_bin=APPLICANT)


def p(bin_: str, role: Role, position: str = "customer") -> Party:
    return Party(bin=bin_, valid=is_valid_bin(bin_), role=role, position=position, name="ТОО «Тест»",
                 file="x.pdf", page=1, bbox=(0.1, 0.1, 0.3, 0.12))


def doc(i: str, t: DocType, day: date | None, parties: tuple[Party, ...] = (), number: str | None = None,
        file: str | None = None) -> Document:
    return Document(id=i, type=t, confidence=0.9, pages=(PageRef(file=file or f"{i}.pdf", page=1),),
                    fields=Fields(number=TextField(value=number or f"N-{i}"),
                                  date=DateField(value=day, file=file or f"{i}.pdf", page=1) if day else None,
                                  parties=parties))


DEAL = (p(APPLICANT, Role.applicant), p(EXECUTOR, Role.executor, "executor"))


# --- dates ------------------------------------------------------------------------------------------


def test_dates_in_order_are_fine() -> None:
    docs = [doc("c", DocType.contract, date(2025, 5, 1), DEAL),
            doc("a", DocType.act, date(2025, 6, 1), DEAL),
            doc("p", DocType.payment_order, date(2025, 6, 5), DEAL)]
    assert date_order(req(), docs) == ()


def test_act_before_contract() -> None:
    docs = [doc("c", DocType.contract, date(2025, 5, 10), DEAL),
            doc("a", DocType.act, date(2025, 5, 1), DEAL)]
    (f,) = date_order(req(), docs)
    assert f.code == "date_order" and f.severity == Severity.error and f.doc_type == DocType.act
    assert "9 дней раньше договора" in f.message and f.documents == ("a",)


def test_transfer_before_contract_only_for_purchases() -> None:
    docs = [doc("c", DocType.contract, date(2025, 5, 10), DEAL),
            doc("w", DocType.waybill, date(2025, 4, 1), DEAL)]
    assert date_order(req(CostType.process_installation), docs) == ()  # an earlier supply
    (f,) = date_order(req(CostType.process_equipment), docs)
    assert f.doc_type == DocType.waybill


def test_payment_after_application() -> None:
    docs = [doc("c", DocType.contract, date(2025, 5, 10), DEAL),
            doc("p", DocType.payment_order, date(2026, 3, 5), DEAL)]
    (f,) = date_order(req(), docs)
    assert "3 дня позже даты заявки 02.03.2026" in f.message


def test_window_message_names_payment_and_days() -> None:
    (f,) = window(req(), [doc("p", DocType.payment_order, date(2024, 2, 20), DEAL, number="17")])
    assert "Платежное поручение № 17 от 20.02.2024" in f.message and "11 дней" in f.message


# --- identifiers -------------------------------------------------------------------------------------


def test_branch_bin_reading() -> None:
    assert is_branch_bin(BRANCH) and not is_branch_bin(APPLICANT) and not is_branch_bin("880101300123")


def test_branch_signing_for_applicant_is_flagged() -> None:
    docs = [doc("c", DocType.contract, date(2025, 5, 1), (p(BRANCH, Role.applicant), DEAL[1])),
            doc("a", DocType.act, date(2025, 6, 1), DEAL)]
    (f,) = branch_bins(req(), docs)
    assert f.code == "branch_bin" and f.severity == Severity.warning and BRANCH in f.message
    assert [x.code for x in bins(req(), docs)] == ["branch_bin"]  # not also a bin_mismatch


def test_payer_other_than_applicant() -> None:
    docs = [doc("c", DocType.contract, date(2025, 5, 1), DEAL),
            doc("p", DocType.payment_order, date(2025, 6, 1),
                (p(STRANGER, Role.applicant, "payer"), p(EXECUTOR, Role.executor, "beneficiary")))]
    (f,) = bins(req(), docs)
    assert f.code == "bin_mismatch" and f.doc_type == DocType.payment_order
    assert "плательщик" in f.message and STRANGER in f.message and APPLICANT in f.message


def test_a_stranger_paying_the_executor_without_the_applicant_is_a_payer_mismatch() -> None:
    """A netting act between another company and the executor: the applicant did not pay."""
    docs = [doc("c", DocType.contract, date(2025, 5, 1), DEAL),
            doc("n", DocType.settlement_document, date(2025, 6, 1),
                (p(STRANGER, Role.other, "beneficiary"), p(EXECUTOR, Role.executor, "beneficiary")))]
    (f,) = bins(req(), docs)
    assert f.code == "bin_mismatch" and f.documents == ("n",)
    assert "плательщик" in f.message and STRANGER in f.message and APPLICANT in f.message
    # the applicant on it, or a payment that names only the executor: nothing to say
    with_applicant = doc("n", DocType.settlement_document, date(2025, 6, 1),
                         (p(APPLICANT, Role.applicant, "payer"), p(EXECUTOR, Role.executor, "beneficiary")))
    only_executor = doc("n", DocType.payment_order, date(2025, 6, 1),
                        (p(EXECUTOR, Role.executor, "beneficiary"),))
    assert bins(req(), [docs[0], with_applicant]) == ()
    assert bins(req(), [docs[0], only_executor]) == ()


def test_an_unsure_reading_one_digit_off_another_documents_bin_is_a_misread_not_invalid() -> None:
    misread = EXECUTOR[:4] + str((int(EXECUTOR[4]) + 3) % 10) + EXECUTOR[5:]
    assert not is_valid_bin(misread)

    def pay(confidence: float | None) -> Document:
        beneficiary = p(misread, Role.executor, "beneficiary").model_copy(update={"confidence": confidence})
        return doc("p", DocType.payment_order, date(2025, 6, 1), (p(APPLICANT, Role.applicant, "payer"),
                                                                  beneficiary))

    contract = doc("c", DocType.contract, date(2025, 5, 1), DEAL)
    (note,) = bins(req(), [contract, pay(0.62)])
    assert note.code == "bin_misread" and note.severity == Severity.info and EXECUTOR in note.message
    # read with confidence (or from a text layer): the paper may well carry the misprint
    assert [f.code for f in bins(req(), [contract, pay(0.93)])] == ["invalid_bin"]
    assert [f.code for f in bins(req(), [contract, pay(None)])] == ["invalid_bin"]
    # nothing valid one digit away on another document: invalid
    alone = doc("c", DocType.contract, date(2025, 5, 1), (p(APPLICANT, Role.applicant),))
    assert [f.code for f in bins(req(), [alone, pay(0.62)])] == ["invalid_bin"]


def _off(bin_: str, *at: int) -> str:
    """`bin_` with the digits at `at` changed so that the check digit fails."""
    for shift in range(1, 10):
        out = list(bin_)
        for i in at:
            out[i] = str((int(bin_[i]) + shift) % 10)
        if not is_valid_bin("".join(out)):
            return "".join(out)
    raise AssertionError(bin_)


def test_a_doubtful_reading_up_to_two_digits_off_a_package_bin_is_a_misread_warning() -> None:
    contract = doc("c", DocType.contract, date(2025, 5, 1), DEAL)

    def act(bin_: str, confidence: float) -> Document:
        executor = p(bin_, Role.executor, "executor").model_copy(update={"confidence": confidence})
        return doc("a", DocType.act, date(2025, 6, 1), (p(APPLICANT, Role.applicant), executor))

    two = _off(EXECUTOR, 3, 7)
    (note,) = bins(req(), [contract, act(two, 0.81)])
    assert note.code == "bin_misread" and note.severity == Severity.warning
    assert EXECUTOR in note.message and "двумя цифрами" in note.message
    # one digit off, read at 0.85 (a phone photo): a misread to check, not an error
    (note,) = bins(req(), [contract, act(_off(EXECUTOR, 5), 0.85)])
    assert note.code == "bin_misread" and note.severity == Severity.warning and "одной цифрой" in note.message
    # the applicant's BIN given at upload counts as a reading of the package too
    (note,) = bins(req(), [act(_off(APPLICANT, 2, 9), 0.7)])
    assert note.code == "bin_misread" and APPLICANT in note.message
    # printed legibly (a clean scan reads it at 0.9 and above): a misprint the applicant corrects
    assert [f.code for f in bins(req(), [contract, act(_off(EXECUTOR, 11), 0.93)])] == ["invalid_bin"]
    # three digits off: the executor's BIN misread only where the reading stands for the executor
    assert [f.code for f in bins(req(), [contract, act(_off(EXECUTOR, 1, 4, 8), 0.7)])] == ["bin_misread"]
    stranger = p(_off(EXECUTOR, 1, 4, 8), Role.other, "bank").model_copy(update={"confidence": 0.7})
    other = doc("a", DocType.act, date(2025, 6, 1), (p(APPLICANT, Role.applicant), stranger))
    assert [f.code for f in bins(req(), [contract, other])] == ["invalid_bin"]
    # five digits off: no reading of the package's BIN
    five = act(_off(EXECUTOR, 1, 3, 5, 7, 9), 0.7)
    assert [f.code for f in bins(req(), [contract, five])] == ["invalid_bin"]
    # the applicant's place on a photographed report read four digits off the BIN given at upload
    four = _off(APPLICANT, 6, 8, 10, 11)
    sender = p(four, Role.applicant, "sender").model_copy(update={"confidence": 0.82})
    (note,) = bins(req(), [doc("r", DocType.applicant_report, date(2025, 6, 1), (sender,))])
    assert note.code == "bin_misread" and APPLICANT in note.message and "четырьмя цифрами" in note.message
    # nothing near in the package: an invalid number, not a misreading
    alone = doc("c", DocType.contract, date(2025, 5, 1), (p(APPLICANT, Role.applicant),))
    assert [f.code for f in bins(req(), [alone, act(two, 0.81)])] == ["invalid_bin"]
    # a bad scan's contract: the customer's block read three digits off the BIN given at upload, its role
    # left unclear (`other`: the page's damaged words name no side) — the applicant's BIN misread
    unclear = p(_off(APPLICANT, 6, 8, 9), Role.other, "executor").model_copy(update={"confidence": 0.81})
    scanned = doc("c", DocType.contract, date(2025, 5, 1), (p(EXECUTOR, Role.executor), unclear))
    found = bins(req(), [scanned])
    assert "invalid_bin" not in [f.code for f in found]
    (note,) = [f for f in found if f.code == "bin_misread"]
    assert APPLICANT in note.message and "тремя цифрами" in note.message


def test_a_netting_act_between_the_applicant_and_a_stranger_is_a_beneficiary_mismatch() -> None:
    docs = [doc("c", DocType.contract, date(2025, 5, 1), DEAL),
            doc("n", DocType.settlement_document, date(2025, 6, 1),
                (p(APPLICANT, Role.applicant, "beneficiary"), p(STRANGER, Role.other, "beneficiary")))]
    (f,) = executor_consistency(req(), docs)
    assert f.documents == ("n",) and "бенефициар" in f.message and STRANGER in f.message
    with_executor = doc("n", DocType.settlement_document, date(2025, 6, 1),
                        (p(APPLICANT, Role.applicant, "payer"), p(EXECUTOR, Role.other, "beneficiary")))
    assert executor_consistency(req(), [docs[0], with_executor]) == ()


def test_beneficiary_other_than_contract_executor() -> None:
    docs = [doc("c", DocType.contract, date(2025, 5, 1), DEAL),
            doc("i", DocType.invoice, date(2025, 6, 1), DEAL),
            doc("p", DocType.payment_order, date(2025, 6, 1),
                (p(APPLICANT, Role.applicant, "payer"), p(STRANGER, Role.executor, "beneficiary")))]
    (f,) = executor_consistency(req(), docs)
    assert f.documents == ("p",) and "бенефициар" in f.message and EXECUTOR in f.message


def test_invalid_executor_bin_is_not_also_a_mismatch() -> None:
    docs = [doc("c", DocType.contract, date(2025, 5, 1), DEAL),
            doc("a", DocType.act, date(2025, 6, 1), (DEAL[0], p("123456789021", Role.executor, "executor")))]
    assert [f.code for f in bins(req(), docs)] == ["invalid_bin"]


# --- eligibility --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hit"),
    [("поставка оборудования: Погрузчик вилочный CPD30", True), ("Кран мостовой 10 т", True),
     ("холодильная камера", True), ("Токарный станок с ЧПУ; экран оператора; доставка", False),
     ("Транспортная накладная", False)],
)
def test_excluded_equipment(text: str, hit: bool) -> None:
    c = doc("c", DocType.contract, date(2025, 5, 1), DEAL)
    found = excluded_equipment(req(CostType.process_equipment), [c], {"c": text})
    assert bool(found) == hit
    if hit:
        assert found[0].citation == "p.5(8)" and found[0].severity == Severity.warning
    assert excluded_equipment(req(CostType.process_installation), [c], {"c": text}) == ()


def test_training_over_three_months() -> None:
    r = req(CostType.staff_competence)
    order = doc("o", DocType.order, date(2025, 1, 10))
    assert training_length(r, [order, doc("s", DocType.training_certificate, date(2025, 4, 10))]) == ()
    (f,) = training_length(r, [order, doc("s", DocType.training_certificate, date(2025, 4, 11))])
    assert f.code == "training_too_long" and f.citation == "p.12(1)" and "91 день" in f.message


def test_accommodation_over_one_month() -> None:
    r = req(CostType.staff_competence)
    trip = doc("t", DocType.travel_document, date(2025, 3, 1))
    assert accommodation_length(r, [trip, doc("h", DocType.accommodation_document, date(2025, 4, 1))]) == ()
    (f,) = accommodation_length(r, [trip, doc("h", DocType.accommodation_document, date(2025, 4, 2))])
    assert f.code == "accommodation_too_long" and "1 месяца" in f.message and "3 месяцев" in f.message


def test_duplicates_by_number_date_and_by_file() -> None:
    a = doc("p1", DocType.payment_order, date(2025, 6, 1), number="17")
    b = doc("p2", DocType.payment_order, date(2025, 6, 1), number="№ 17")
    c = doc("p3", DocType.payment_order, date(2025, 6, 2), number="17")
    (f,) = duplicates(req(), [a, b, c])
    assert f.code == "duplicate_document" and f.documents == ("p1", "p2")
    files = [InputFile(name=n, sha256="1" * 64, size=10) for n in ("a.pdf", "b.pdf")]
    x = doc("x", DocType.act, date(2025, 6, 1), file="a.pdf")
    y = doc("y", DocType.act, date(2025, 6, 1), file="b.pdf")
    found = duplicates(req(), [x, y], files)
    assert [g.file for g in found] == ["b.pdf"] and "побайтно" in found[0].message


def test_a_contracts_later_page_file_carrying_its_number_is_no_duplicate() -> None:
    first = doc("c1", DocType.contract, date(2025, 6, 1), number="158", file="Договор стр 1.jpg")
    later = doc("c2", DocType.contract, date(2025, 6, 1), number="158", file="Договор стр 2.jpg")
    assert len(duplicates(req(), [first, later])) == 1  # two papers under one number and date
    assert duplicates(req(), [first, later.model_copy(update={"continues": "c1"})]) == ()


def test_a_payment_repeated_with_its_number_unread_is_a_duplicate() -> None:
    from decimal import Decimal

    from checklists.rules._deal import distinct
    from models.documents import MoneyField

    def pay(i: str, number: str | None, amount: str = "9405689.37", day: int = 21) -> Document:
        d = doc(i, DocType.payment_order, date(2025, 4, day), DEAL)
        fields = d.fields.model_copy(update={
            "number": TextField(value=number) if number else None,
            "total": MoneyField(amount=Decimal(amount), currency="KZT")})
        return d.model_copy(update={"fields": fields})

    first, unread = pay("p1", "2043"), pay("p2", None)
    (f,) = duplicates(req(), [first, unread])
    assert f.documents == ("p1", "p2")
    assert [d.id for d in distinct([first, unread])] == ["p1"]
    # another amount, another day, or two different numbers read: two payments
    for other in (pay("p2", None, amount="100.00"), pay("p2", None, day=22), pay("p2", "2044")):
        assert duplicates(req(), [first, other]) == ()
        assert len(distinct([first, other])) == 2


def test_numbers_printed_alike_are_the_same_number() -> None:
    from checklists.rules._deal import norm_number

    assert norm_number("№ АВР-018865") == norm_number("ABP 018865") == "ABP018865"
    assert norm_number("СФ-692") != norm_number("CF-692")  # Ф has no Latin twin


def test_a_forklift_read_without_its_noun_is_still_excluded() -> None:
    contract = doc("c", DocType.contract, APPLIED, DEAL)
    found = excluded_equipment(req(CostType.process_equipment), [contract],
                               {"c": "1 шана вилочный электрический 59.361.65 шт. 1 12 026 965,37"})
    assert [f.code for f in found] == ["excluded_equipment"]
