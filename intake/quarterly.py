"""The institute's quarterly report to the ministry: form 1-КЦИЭ of App.7 of the Rules, as XLSX.

Laid out as the form is: its header (the form's purpose, addressee, site, title, reporting period, index,
frequency, respondent, deadline, ИИН/БИН, collection method), the unit (thousands of tenge), the table with
its two-level heading and the row of column numbers 1–9, then the footer (respondent, address, head,
executor, phone and e-mail, date). One row per decision to grant a measure taken inside the quarter
(Astana time): enterprise (col. 2), measure (3), application date (4), decision date (5), own participation
(6: eligible costs less the state's share), state stimulation (7: the amount granted), the amount financed on
the reporting date (8: the payments recorded up to the quarter's last day) and the current state (9).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from checklists.names import COST_TYPE_NAMES
from intake.db.tables import AuditEntry, Decision, Package
from intake.report import ReportOut, parse_report
from models.vocab import CostType

ASTANA = ZoneInfo("Asia/Almaty")
THOUSAND = Decimal(1000)
AMOUNT = "#,##0.0"
PAYMENT_ACTION = "payment"
"""Audit action under which an officer records a payment of a granted reimbursement (amount, date)."""
RESPONDENT = 'Акционерное общество "Казахстанский центр индустрии и экспорта "QazIndustry"'

HEADER_LINES = (
    "Форма, предназначенная для сбора административных данных",
    "Представляется: в Министерство промышленности и строительства Республики Казахстан.",
    "Форма размещена на интернет-ресурсе: www.mps.gov.kz.",
    '"Отчет национального института в области развития промышленности о реализации мер государственного '
    'стимулирования, направленных на повышение производительности труда".',
    "Отчетный период: {quarter} квартал {year} года.",
    "Индекс: 1 – КЦИЭ.",
    "Периодичность: ежеквартально.",
    f"Лица, представляющие информацию: {RESPONDENT}.",
    "Срок представления формы административных данных: ежеквартально, не позднее 25 числа месяца, "
    "следующего за отчетным периодом.",
    "ИИН/БИН",
    "Метод сбора: на бумажном носителе",
)
"""The form's header, line by line (App.7); `{quarter}` and `{year}` are filled in."""
UNIT = "тысяч тенге"
COLUMNS = (
    "№ п/п",
    "Наименование предприятия",
    "Наименование меры государственного стимулирования",
    "Дата поступления заявки",
    "Дата принятия решения о предоставлении меры государственного стимулирования",
    "собственное участие заявителя",
    "государственное стимулирование",
    "Сумма, профинансированная на отчетную дату",
    "Текущее состояние",
)
"""Columns 1–9 as the form names them; 6 and 7 stand under the common heading `COSTS`."""
COSTS = "Сумма затрат"
FOOTER_LINES = (
    f"Наименование (респондента) {RESPONDENT}",
    "Адрес (респондента) ______________________________________________________",
    "Руководитель или лицо, исполняющее его обязанности:",
    "________________________________________________________________________",
    "фамилия, имя и отчество (при его наличии) подпись",
    "Исполнитель: _______________________________________________ ____________",
    "фамилия, имя и отчество (при его наличии) подпись",
    "Номер телефона, электронный адрес исполнителя: ___________________",
    "Дата {date}",
)
WIDTHS = (6, 34, 34, 13, 16, 15, 15, 16, 22)
STATES = {"paid": "профинансировано", "partly": "профинансировано частично",
          "waiting": "решение принято, финансирование не произведено"}


@dataclass(frozen=True)
class Row:
    enterprise: str
    bin: str
    measure: str
    application_date: date
    decision_date: date
    own_share: Decimal | None
    state_share: Decimal
    financed: Decimal
    state: str


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    if not 1 <= quarter <= 4:
        raise ValueError("quarter must be 1..4")
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)


def astana_day(moment: datetime) -> date:
    """The calendar day in Astana of a stored moment (naive moments are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ASTANA).date()


def measure_name(cost_type: CostType) -> str:
    """The measure of p.12 a cost type belongs to (`повышение компетенции работников`)."""
    return COST_TYPE_NAMES[cost_type].split(":")[0]


def thousands(amount: Decimal) -> Decimal:
    """Tenge → thousands of tenge, one decimal."""
    return (amount / THOUSAND).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _enterprise(report: ReportOut | None, applicant_bin: str) -> str:
    for d in report.documents if report else ():
        for p in d.fields.parties:
            if p.bin == applicant_bin and p.name:
                return p.name
    return ""


def _decimal(text: object) -> Decimal | None:
    try:
        return Decimal(str(text))
    except (InvalidOperation, ValueError):
        return None


def paid_until(session: Session, package_id: str, day: date) -> Decimal:
    """Payments recorded for the package dated on or before `day`."""
    total = Decimal(0)
    for entry in session.scalars(select(AuditEntry).where(AuditEntry.package_id == package_id,
                                                          AuditEntry.action == PAYMENT_ACTION)):
        amount = _decimal(entry.detail.get("amount"))
        when = entry.detail.get("date")
        if amount is not None and when and date.fromisoformat(when) <= day:
            total += amount
    return total


def rows(session: Session, year: int, quarter: int) -> list[Row]:
    """Decisions to grant a measure taken inside the quarter (Astana calendar), by decision date."""
    first, last = quarter_bounds(year, quarter)
    start = datetime.combine(first, time.min, tzinfo=ASTANA) - timedelta(days=1)
    end = datetime.combine(last, time.max, tzinfo=ASTANA) + timedelta(days=1)
    q = (select(Package, Decision).join(Decision, Decision.package_id == Package.id)
         .where(Decision.outcome == "approved", Decision.at >= start, Decision.at <= end)
         .order_by(Decision.at))
    out = []
    for pkg, decision in session.execute(q):
        decided = astana_day(decision.at)
        if not first <= decided <= last:
            continue
        report = parse_report(pkg.report.body) if pkg.report is not None else None
        reimb = report.reimbursement if report else None
        costs = _decimal(reimb.eligible_costs) if reimb else None
        granted = _decimal(decision.amount) or (_decimal(reimb.amount) if reimb else None) or Decimal(0)
        financed = paid_until(session, pkg.id, last)
        state = "waiting" if financed <= 0 else "paid" if financed >= granted else "partly"
        out.append(Row(
            enterprise=_enterprise(report, pkg.applicant_bin) or pkg.applicant_bin, bin=pkg.applicant_bin,
            measure=measure_name(CostType(pkg.cost_type)), application_date=pkg.application_date,
            decision_date=decided, own_share=costs - granted if costs is not None else None,
            state_share=granted, financed=financed, state=STATES[state],
        ))
    return out


def _line(ws: Worksheet, row: int, text: str, *, bold: bool = False, right: bool = False) -> None:
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = Font(bold=bold)
    cell.alignment = Alignment(wrap_text=True, horizontal="right" if right else "left")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))


def to_xlsx(report_rows: list[Row], year: int, quarter: int, signed: date | None = None) -> bytes:
    """Form 1-КЦИЭ as an XLSX workbook (one sheet), amounts in thousands of tenge."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"1-КЦИЭ {quarter} кв {year}"
    r = 1
    for text in HEADER_LINES:
        _line(ws, r, text.format(quarter=quarter, year=year), bold=text.startswith('"Отчет'))
        r += 1
    _line(ws, r, UNIT, right=True)
    r += 1
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    top, sub, numbers = r, r + 1, r + 2
    for col, (title, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True), start=1):
        ws.column_dimensions[ws.cell(row=top, column=col).column_letter].width = width
        if col in (6, 7):
            ws.cell(row=sub, column=col, value=title)
        else:
            ws.cell(row=top, column=col, value=title)
            ws.merge_cells(start_row=top, start_column=col, end_row=sub, end_column=col)
        ws.cell(row=numbers, column=col, value=col)
    ws.cell(row=top, column=6, value=COSTS)
    ws.merge_cells(start_row=top, start_column=6, end_row=top, end_column=7)
    for row in (top, sub, numbers):
        for col in range(1, len(COLUMNS) + 1):
            cell = ws.cell(row=row, column=col)
            cell.border = border
            cell.font = Font(bold=row != numbers)
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    r = numbers + 1
    for i, x in enumerate(report_rows, start=1):
        values: tuple[object, ...] = (
            i, x.enterprise, x.measure, x.application_date, x.decision_date,
            thousands(x.own_share) if x.own_share is not None else None, thousands(x.state_share),
            thousands(x.financed), x.state)
        for col, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col, value=float(v) if isinstance(v, Decimal) else v)
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(v, date):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(v, Decimal):
                cell.number_format = AMOUNT
        r += 1
    r += 1
    day = signed or datetime.now(ASTANA).date()
    for text in FOOTER_LINES:
        _line(ws, r, text.format(date=f'"{day:%d}" {_MONTHS[day.month - 1]} {day.year} год'))
        r += 1
    ws.freeze_panes = ws.cell(row=numbers + 1, column=1)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря")
