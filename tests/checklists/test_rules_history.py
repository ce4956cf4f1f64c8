"""Checks across the applicant's packages (p.14, p.14-1): the yearly cap over every agreement of the year,
one agreement per cost type a year, the same cost document claimed twice — as a pure rule over a history,
and the history as the service builds it from its database (SQLite)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from checklists.evaluate import assess
from checklists.rules.history import History, PriorDocument, PriorPackage
from intake.db.session import Database
from intake.db.tables import Decision, Package, PackageFile, User
from intake.db.tables import Report as ReportRow
from intake.history import load_history, with_history
from intake.pipeline import report_of
from intake.report import to_json
from models.documents import DateField, Document, Fields, MoneyField, PageRef, Party, TextField
from models.files import InputFile
from models.package import PackageRequest
from models.vocab import CostType, DocType, Role, Severity

APPLICANT = "940140000385"
EXECUTOR = "971240001315"
BOTH = (Party(bin=APPLICANT, valid=True, role=Role.applicant),
        Party(bin=EXECUTOR, valid=True, role=Role.executor))
REQ = PackageRequest(cost_type=CostType.process_installation, application_date=date(2026, 9, 1),
                     applicant_bin=APPLICANT)


def doc(doc_id: str, doc_type: DocType, number: str, amount: str, day: date = date(2026, 6, 1)) -> Document:
    return Document(
        id=doc_id, type=doc_type, confidence=1.0, pages=(PageRef(file=f"{doc_id}.pdf", page=1),),
        fields=Fields(number=TextField(value=number), date=DateField(value=day),
                      total=MoneyField(amount=Decimal(amount), currency="KZT"), parties=BOTH),
    )


def package(amount: str = "20000000.00") -> list[Document]:
    return [doc("k", DocType.contract, "K-1", amount), doc("a", DocType.act, "A-1", amount),
            doc("i", DocType.invoice, "I-1", amount), doc("p", DocType.payment_order, "17", amount)]


def prior(cost_type: CostType = CostType.process_supervised_installation, granted: str | None = "5000000.00",
          decided: date | None = date(2026, 4, 2), documents: tuple[PriorDocument, ...] = ()) -> PriorPackage:
    return PriorPackage(package_id="other", cost_type=cost_type, application_date=date(2026, 2, 3),
                        granted=Decimal(granted) if granted else None, decided=decided, documents=documents)


def codes(history: History, docs: list[Document] | None = None) -> list[str]:
    findings, _ = assess(REQ, docs or package(), history=history)
    return [f.code for f in findings]


def test_yearly_cap_summed_over_the_years_agreements() -> None:
    """p.14: 12 mln a calendar year for installation and supervised installation together — 5 mln granted
    in April, 40 % of 20 mln (8 mln) asked now: 7 mln remain."""
    findings, result = assess(REQ, package(), history=History((prior(),)))
    (f,) = [f for f in findings if f.code == "yearly_cap_exceeded"]
    assert f.severity == Severity.warning and f.citation == "p.14"
    assert "5 000 000,00" in f.message and "7 000 000,00" in f.message and "other" not in f.message
    assert result is not None and result.amount == Decimal("7000000.00") and result.capped


def test_cap_of_another_year_or_undecided_package_does_not_count() -> None:
    assert "yearly_cap_exceeded" not in codes(History((prior(decided=date(2025, 12, 30)),)))
    assert "yearly_cap_exceeded" not in codes(History((prior(granted=None, decided=None),)))
    assert "yearly_cap_exceeded" not in codes(History((prior(CostType.production_efficiency),)))


def test_second_agreement_of_the_same_cost_type_in_a_year() -> None:
    """p.14, last paragraph: one agreement per cost type a calendar year."""
    found = codes(History((prior(CostType.process_installation, granted="100000.00"),)))
    assert "second_agreement" in found
    assert "second_agreement" not in codes(History((prior(),)))


def test_payment_order_already_claimed_in_another_package() -> None:
    """The same payment order (number, date, amount, parties) in another package of the applicant."""
    same = PriorDocument(DocType.payment_order, "№ 17", date(2026, 6, 1), Decimal("20000000.00"), "KZT",
                         frozenset({APPLICANT, EXECUTOR}))
    findings, _ = assess(REQ, package(), history=History((prior(granted=None, documents=(same,)),)))
    (f,) = [f for f in findings if f.code == "reused_document"]
    assert f.doc_type == DocType.payment_order and f.documents == ("p",)
    assert "заявке от 03.02.2026" in f.message
    other_amount = PriorDocument(DocType.payment_order, "17", date(2026, 6, 1), Decimal("19000000.00"), "KZT")
    assert "reused_document" not in codes(History((prior(granted=None, documents=(other_amount,)),)))
    other_date = PriorDocument(DocType.payment_order, "17", date(2026, 6, 2), Decimal("20000000.00"), "KZT")
    assert "reused_document" not in codes(History((prior(granted=None, documents=(other_date,)),)))


def test_same_file_already_submitted() -> None:
    files = [InputFile(name="p.pdf", sha256="c" * 64, size=10, media_type="application/pdf", pages=1)]
    hist = History((PriorPackage(package_id="x", cost_type=CostType.process_installation,
                                 application_date=date(2026, 1, 5), file_hashes=frozenset({"c" * 64})),))
    findings, _ = assess(REQ, package(), files=files, history=hist)
    (f,) = [f for f in findings if f.code == "reused_document"]
    assert f.file == "p.pdf"


def test_no_history_no_findings() -> None:
    assert codes(History()) == codes(History(())) and not {"reused_document", "second_agreement",
                                                          "yearly_cap_exceeded"} & set(codes(History()))


def test_history_from_the_service_database(tmp_path: Path, validate_report: Callable[[dict], None]) -> None:
    """The service's history: another package of the same BIN, approved, with its stored report."""
    db = Database(f"sqlite:///{tmp_path / 'intake.db'}")
    pdf = InputFile(name="p.pdf", sha256="d" * 64, size=10, media_type="application/pdf", pages=1)
    earlier = report_of(REQ.model_copy(update={"application_date": date(2026, 3, 1)}), [pdf],
                        package("12000000.00"))
    with db.session() as s:
        user = User(email="a@example.kz", password_hash="x", role="applicant")
        s.add(user)
        s.flush()
        for pid, day in (("p-1", date(2026, 3, 1)), ("p-2", date(2026, 9, 1))):
            s.add(Package(id=pid, owner_id=user.id, cost_type=REQ.cost_type.value, application_date=day,
                          applicant_bin=APPLICANT, status="done"))
        s.flush()
        s.add(PackageFile(package_id="p-1", position=0, name="p.pdf", sha256="d" * 64, size=10))
        s.add(ReportRow(package_id="p-1", body=to_json(earlier)))
        s.add(Decision(package_id="p-1", outcome="approved", amount="4800000.00",
                       at=datetime(2026, 4, 10, tzinfo=UTC)))
    with db.session() as s:
        history = load_history(s, "p-2", APPLICANT)
    db.dispose()
    (p,) = history.packages
    assert p.granted == Decimal("4800000.00") and p.year == 2026 and "d" * 64 in p.file_hashes
    docs = [*package()[:3], doc("p", DocType.payment_order, "17", "12000000.00"),
            doc("p2", DocType.payment_order, "18", "8000000.00")]
    now = report_of(REQ, [], docs)
    checked = with_history(now, history)
    got = {f.code for f in checked.findings}
    assert {"reused_document", "second_agreement", "yearly_cap_exceeded"} <= got
    assert checked.reimbursement is not None and checked.reimbursement.amount == Decimal("7200000.00")
    validate_report(to_json(earlier))
    validate_report(to_json(checked))
