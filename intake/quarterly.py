"""The institute's quarterly report to the ministry (App.7 of the Rules, form 1-КЦИЭ) as XLSX.

One row per application: enterprise, measure (cost type), application date, decision date, costs
(own share and state share), amount financed to date and current status. A quarter lists every
application filed by its last day that was not decided before its first day.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from sqlalchemy import select
from sqlalchemy.orm import Session

from checklists.names import COST_TYPE_NAMES
from intake.db.tables import Decision, Package
from intake.report import ReportOut, parse_report
from models.vocab import CostType

MONEY = "#,##0.00"
STATUS_NAMES = {"approved": "одобрено", "rejected": "отклонено", "complete": "комплектен, на рассмотрении",
                "incomplete": "есть замечания", "failed": "ошибка обработки", "pending": "на проверке"}


@dataclass(frozen=True)
class Row:
    enterprise: str
    bin: str
    measure: str
    application_date: date
    decision_date: date | None
    own_share: Decimal | None
    state_share: Decimal | None
    financed: Decimal
    status: str


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    if not 1 <= quarter <= 4:
        raise ValueError("quarter must be 1..4")
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)


def _enterprise(report: ReportOut | None, applicant_bin: str) -> str:
    for d in report.documents if report else ():
        for p in d.fields.parties:
            if p.bin == applicant_bin and p.name:
                return p.name
    return ""


def _status(pkg: Package, decision: Decision | None) -> str:
    if decision is not None:
        return STATUS_NAMES[decision.outcome]
    if pkg.status == "failed":
        return STATUS_NAMES["failed"]
    if pkg.status != "done":
        return STATUS_NAMES["pending"]
    return STATUS_NAMES["complete" if pkg.complete else "incomplete"]


def rows(session: Session, year: int, quarter: int) -> list[Row]:
    """The quarter's applications, by application date."""
    first, last = quarter_bounds(year, quarter)
    start = datetime.combine(first, time.min, tzinfo=UTC)
    q = (select(Package, Decision).outerjoin(Decision, Decision.package_id == Package.id)
         .where(Package.application_date <= last)
         .where((Decision.at.is_(None)) | (Decision.at >= start))
         .order_by(Package.application_date, Package.created_at))
    out = []
    for pkg, decision in session.execute(q):
        report = parse_report(pkg.report.body) if pkg.report is not None else None
        reimb = report.reimbursement if report else None
        costs = Decimal(reimb.eligible_costs) if reimb else None
        state = Decimal(reimb.amount) if reimb else None
        if decision is not None and decision.amount is not None:
            state = Decimal(decision.amount)
        financed = state if decision is not None and decision.outcome == "approved" and state else Decimal(0)
        if decision is not None and decision.outcome == "rejected":
            state = Decimal(0)
        out.append(Row(
            enterprise=_enterprise(report, pkg.applicant_bin), bin=pkg.applicant_bin,
            measure=COST_TYPE_NAMES[CostType(pkg.cost_type)], application_date=pkg.application_date,
            decision_date=decision.at.date() if decision is not None else None,
            own_share=costs - state if costs is not None and state is not None else None,
            state_share=state, financed=financed or Decimal(0), status=_status(pkg, decision),
        ))
    return out


HEADERS = ("№", "Предприятие", "БИН", "Мера государственного стимулирования", "Дата заявки",
           "Дата решения", "Собственные средства, тенге", "Средства государства, тенге",
           "Профинансировано на отчетную дату, тенге", "Статус")
WIDTHS = (5, 32, 15, 48, 12, 12, 18, 18, 20, 22)


def to_xlsx(report_rows: list[Row], year: int, quarter: int) -> bytes:
    """Form 1-КЦИЭ as an XLSX workbook (one sheet)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"1-КЦИЭ {quarter} кв {year}"
    ws["A1"] = f"Отчет по форме 1-КЦИЭ за {quarter} квартал {year} года (приложение 7 к Правилам)"
    ws["A1"].font = Font(bold=True, size=12)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, (title, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        cell = ws.cell(row=3, column=col, value=title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = border
        ws.column_dimensions[cell.column_letter].width = width
    for i, r in enumerate(report_rows, start=1):
        values = (i, r.enterprise, r.bin, r.measure, r.application_date, r.decision_date,
                  r.own_share, r.state_share, r.financed, r.status)
        for col, v in enumerate(values, start=1):
            cell = ws.cell(row=3 + i, column=col, value=v)
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(v, date):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(v, Decimal):
                cell.value = float(v)
                cell.number_format = MONEY
    total_row = 4 + len(report_rows)
    ws.cell(row=total_row, column=2, value="Итого").font = Font(bold=True)
    for col in (7, 8, 9):
        letter = ws.cell(row=3, column=col).column_letter
        cell = ws.cell(row=total_row, column=col,
                       value=f"=SUM({letter}4:{letter}{total_row - 1})" if report_rows else 0)
        cell.number_format, cell.font = MONEY, Font(bold=True)
    ws.freeze_panes = "A4"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
