"""Form 1-КЦИЭ (App.7 of the Rules, lines 1258–1383 of the order's text) exported as the form is: header,
unit, the two-level heading, the row of column numbers, column by column; decisions inside the quarter in
Astana time; amounts in thousands of tenge; "профинансировано" is what was paid; the footer."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from intake import quarterly
from intake.db.session import Database
from intake.db.tables import AuditEntry, Decision, Package, User
from intake.db.tables import Report as ReportRow
from tests.conftest import SHARED

REGULATION = SHARED / "regulation" / "000_6054b853f54b7591.txt"
APP7 = (1258, 1383)


def form_text() -> str:
    if not REGULATION.exists():
        pytest.skip("the regulation text is absent")
    lines = REGULATION.read_text(encoding="utf-8").splitlines()[APP7[0] - 1:APP7[1]]
    return norm(" ".join(lines))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def body(costs: str, amount: str, name: str, bin_: str) -> dict[str, object]:
    """A stored report (through the report models) naming the applicant on a contract, with its amounts."""
    from decimal import Decimal

    from intake.report import to_json
    from models.documents import Document, Fields, PageRef, Party
    from models.package import PackageRequest
    from models.report import ChecklistRef, Reimbursement, Report
    from models.vocab import CostType, DocType, Role

    doc = Document(id="d1", type=DocType.contract, confidence=1.0, pages=(PageRef(file="a.pdf", page=1),),
                   fields=Fields(parties=(Party(bin=bin_, valid=True, role=Role.applicant, name=name),)))
    reimbursement = Reimbursement(amount=Decimal(amount), eligible_costs=Decimal(costs), share=Decimal("0.4"),
                                  uncapped=Decimal(costs) * Decimal("0.4"), cap=Decimal(10 ** 9),
                                  cap_id="cap", cap_citation="p.14")
    request = PackageRequest(cost_type=CostType.digital_equipment, application_date=date(2026, 1, 1),
                             applicant_bin=bin_)
    return to_json(Report(package=request, checklist=ChecklistRef(id="digital_equipment", version="1"),
                          files=(), documents=(doc,), findings=(), reimbursement=reimbursement))


@pytest.fixture()
def sheet(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = Database(f"sqlite:///{tmp_path / 'intake.db'}")
    with db.session() as s:
        user = User(email="o@example.kz", password_hash="x", role="officer")
        s.add(user)
        s.flush()
        rows = [  # id, cost type, applied, decision moment (UTC), outcome, costs, granted
            ("a", "digital_equipment", date(2026, 1, 20), datetime(2026, 2, 10, 6, 0, tzinfo=UTC), "approved",
             "25000000.00", "10000000.00"),
            ("b", "staff_competence", date(2026, 2, 1), datetime(2026, 3, 31, 20, 0, tzinfo=UTC), "approved",
             "1000000.00", "400000.00"),  # 01:00 on 1 April in Astana: the second quarter
            ("c", "process_installation", date(2026, 1, 5), datetime(2026, 3, 2, 5, 0, tzinfo=UTC),
             "rejected", "500000.00", None),
            ("d", "production_efficiency", date(2025, 12, 20), datetime(2026, 1, 15, 4, 0, tzinfo=UTC),
             "approved", "3000000.00", "1200000.00"),
        ]
        for pid, cost_type, applied, at, outcome, costs, granted in rows:
            bin_ = "940140000385"
            s.add(Package(id=pid, owner_id=user.id, cost_type=cost_type, application_date=applied,
                          applicant_bin=bin_, status="done", complete=True))
            s.flush()
            s.add(ReportRow(package_id=pid, body=body(costs, granted or "0", f"ТОО «{pid.upper()}»", bin_)))
            s.add(Decision(package_id=pid, outcome=outcome, amount=granted, comment="", at=at))
        # paid: "a" 4 mln in March and 6 mln in April (after the reporting date); "d" in full
        for pid, amount, day in (("a", "4000000.00", "2026-03-20"), ("a", "6000000.00", "2026-04-02"),
                                 ("d", "1200000.00", "2026-02-01")):
            s.add(AuditEntry(user_id=user.id, action=quarterly.PAYMENT_ACTION, package_id=pid,
                             detail={"amount": amount, "date": day}))
    with db.session() as s:
        data = quarterly.to_xlsx(quarterly.rows(s, 2026, 1), 2026, 1, signed=date(2026, 4, 10))
    db.dispose()
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_header_and_footer_are_the_forms(sheet: list[list[object]]) -> None:
    text = form_text()
    first = [str(r[0]) for r in sheet if r[0] is not None]
    for line in quarterly.HEADER_LINES:
        filled = line.format(quarter=1, year=2026)
        assert filled in first
        blank = norm(line.format(quarter="__", year="20___").replace("20___ года", "20___ года"))
        assert blank in text, blank
    assert "Отчетный период: 1 квартал 2026 года." in first
    assert quarterly.UNIT in first and quarterly.UNIT in text
    for line in quarterly.FOOTER_LINES:
        head = norm(line.split("{")[0].split("_")[0].replace(quarterly.RESPONDENT, ""))
        assert head in text, head
    assert 'Дата "10" апреля 2026 год' in first


def test_columns_one_by_one(sheet: list[list[object]]) -> None:
    """Each column's heading as the form names it, in its order, and the row of column numbers."""
    text = form_text()
    numbers = next(i for i, r in enumerate(sheet) if r[:9] == [1, 2, 3, 4, 5, 6, 7, 8, 9])
    top, sub = sheet[numbers - 2], sheet[numbers - 1]
    expected = [*quarterly.COLUMNS[:5], quarterly.COSTS, None, *quarterly.COLUMNS[7:]]
    assert top[:9] == expected
    assert sub[5:7] == list(quarterly.COLUMNS[5:7])
    positions = [text.index(norm(title)) for title in (*quarterly.COLUMNS[:5], quarterly.COSTS,
                                                       *quarterly.COLUMNS[7:9], *quarterly.COLUMNS[5:7])]
    assert positions == sorted(positions)  # the form's own order, the sub-headings of 6 and 7 last
    assert sheet[numbers - 3][0] == quarterly.UNIT


def test_rows_decisions_of_the_quarter_in_thousands(sheet: list[list[object]]) -> None:
    numbers = next(i for i, r in enumerate(sheet) if r[:9] == [1, 2, 3, 4, 5, 6, 7, 8, 9])
    data = []
    for r in sheet[numbers + 1:]:
        if not isinstance(r[0], int):
            break
        data.append(r[:9])
    assert [r[1] for r in data] == ["ТОО «D»", "ТОО «A»"]  # by decision; "b" falls in Q2, "c" was refused
    d, a = data
    assert d[2] == "повышение эффективности организации производства"
    assert d[4] == datetime(2026, 1, 15) and d[3] == datetime(2025, 12, 20)
    assert (d[5], d[6], d[7]) == (1800.0, 1200.0, 1200.0) and d[8] == "профинансировано"
    assert a[2] == "внедрение цифровых технологий"
    assert (a[5], a[6], a[7]) == (15000.0, 10000.0, 4000.0) and a[8] == "профинансировано частично"


def test_astana_day() -> None:
    assert quarterly.astana_day(datetime(2026, 3, 31, 20, 0, tzinfo=UTC)) == date(2026, 4, 1)
    assert quarterly.thousands(Decimal("1234567.89")) == Decimal("1234.6")
