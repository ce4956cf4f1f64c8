"""The report as plain Russian text for a person (`--format text`)."""

from __future__ import annotations

from collections import Counter

from checklists.names import COST_TYPE_NAMES, DOC_TYPE_NAMES, ru_citation
from intake.report import money_str
from models.report import Report
from models.vocab import Severity

_MARK = {"present": "[x]", "missing": "[ ]", "not_required": "[-]"}
_SEVERITY = {Severity.error: "ОШИБКА", Severity.warning: "ВНИМАНИЕ", Severity.info: "СВЕДЕНИЯ"}
_STATUS = {"present": "есть", "missing": "НЕТ", "not_required": "не требуется (условие не заявлено)"}


def render_text(report: Report) -> str:
    pkg = report.package
    out = [
        "Проверка комплектности пакета документов",
        f"Вид затрат: {COST_TYPE_NAMES[pkg.cost_type]} ({pkg.cost_type.value})",
        f"Дата заявки: {pkg.application_date:%d.%m.%Y}; БИН/ИИН заявителя: {pkg.applicant_bin}",
        f"Перечень документов (редакция {report.checklist.version}):",
    ]
    docs = {d.id: d for d in report.documents}
    for m in report.marks:
        where = ", ".join(
            f"{d} ({docs[d].pages[0].file}, с. {docs[d].pages[0].page})" for d in m.documents if d in docs
        )
        line = f"  {_MARK[m.status]} {m.title} [{ru_citation(m.citation)}] — {_STATUS[m.status]}"
        out.append(line + (f": {where}" if where else ""))
    out.append("")
    out.append(f"Файлы ({len(report.files)}):")
    for file in report.files:
        state = f"ошибка: {file.error.message}" if file.error else f"страниц: {file.pages}"
        out.append(f"  {file.name} — {state}")
    out.append("")
    out.append(f"Документы ({len(report.documents)}):")
    for d in report.documents:
        pages = ", ".join(f"{p.file} с. {p.page}" for p in d.pages)
        fields = []
        if d.fields.number:
            fields.append(f"№ {d.fields.number.value}")
        if d.fields.date:
            fields.append(f"от {d.fields.date.value:%d.%m.%Y}")
        if d.fields.total:
            fields.append(f"сумма {money_str(d.fields.total.amount)} {d.fields.total.currency}")
        out.append(f"  {d.id}: {DOC_TYPE_NAMES[d.type]} (уверенность {d.confidence:.2f}) {' '.join(fields)}")
        out.append(f"      страницы: {pages}")
        for p in d.fields.parties:
            valid = "" if p.valid else " (НЕВЕРНЫЙ контрольный разряд)"
            out.append(f"      БИН/ИИН {p.bin}{valid}: {p.position or '—'} → {p.role.value}"
                       + (f", {p.name}" if p.name else ""))
    out.append("")
    out.append(f"Замечания ({len(report.findings)}):")
    for f in sorted(report.findings, key=lambda f: list(Severity).index(f.severity)):
        where = f" ({f.file}" + (f", с. {f.page}" if f.page else "") + ")" if f.file else ""
        message = f.message.rstrip(". ")
        basis = ru_citation(f.citation)
        out.append(f"  {_SEVERITY[f.severity]} [{f.code}] {message}{where}. Основание: {basis}")
    counts = Counter(f.severity for f in report.findings)
    out.append("")
    out.extend(reimbursement_lines(report))
    verdict = "пакет комплектен" if report.complete else "пакет НЕ комплектен"
    errors, warnings = counts[Severity.error], counts[Severity.warning]
    out.append(f"Итог: {verdict}; ошибок: {errors}, предупреждений: {warnings}.")
    return "\n".join(out) + "\n"


def reimbursement_lines(report: Report) -> list[str]:
    """The claimable amount with its arithmetic (40 %, cap, conversions), in Russian."""
    r = report.reimbursement
    if r is None:
        return ["Сумма к возмещению: не рассчитана (суммы платежей не прочитаны)."]
    pct = int(r.share * 100)
    out = [
        f"Сумма к возмещению (расчет): {money_str(r.amount)} KZT",
        f"  затраты: {money_str(r.eligible_costs)} KZT (документы: {', '.join(r.basis) or '—'}); "
        f"{pct} % = {money_str(r.uncapped)} KZT; лимит {money_str(r.cap)} KZT в календарном году "
        f"[{ru_citation(r.cap_citation)}]" + ("; применен лимит" if r.capped else ""),
    ]
    for c in r.conversions:
        out.append(f"  {c.document}: {money_str(c.amount)} {c.currency} × {c.rate}/{c.quant} "
                   f"(курс НБ РК на {c.day:%d.%m.%Y}) = {money_str(c.kzt)} KZT [p.19]")
    if r.incomplete:
        out.append("  расчет неполный: сумма части платежей не прочитана или для нее нет курса НБ РК")
    return out
