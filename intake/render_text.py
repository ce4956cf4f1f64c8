"""The report as plain text for a person (`--format text`), in Russian or Kazakh."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from checklists.names import COST_TYPE_NAMES, DOC_TYPE_NAMES, local_citation
from intake import i18n
from intake.i18n import N_, Lang
from intake.report import money_str
from models.report import Report
from models.vocab import Severity

_MARK = {"present": "[x]", "missing": "[ ]", "not_required": "[-]"}
_SEVERITY = {Severity.error: N_("ОШИБКА"), Severity.warning: N_("ВНИМАНИЕ"), Severity.info: N_("СВЕДЕНИЯ")}
_STATUS = {"present": N_("есть"), "missing": N_("НЕТ"),
           "not_required": N_("не требуется (условие не заявлено)")}
_ROLE = {"applicant": N_("заявитель"), "executor": N_("исполнитель (поставщик)"), "other": N_("иное лицо")}


def render_text(report: Report, lang: Lang = "ru") -> str:
    _ = i18n.catalog(lang).gettext

    def cite(citation: str) -> str:
        return local_citation(citation, lang)

    pkg = report.package
    out = [
        _("Проверка комплектности пакета документов"),
        _("Вид затрат: %(name)s (%(code)s)") % {"name": _(COST_TYPE_NAMES[pkg.cost_type]),
                                               "code": pkg.cost_type.value},
        _("Дата заявки: %(date)s; БИН/ИИН заявителя: %(bin)s") % {
            "date": f"{pkg.application_date:%d.%m.%Y}", "bin": pkg.applicant_bin},
        _("Перечень документов (редакция %(version)s):") % {"version": report.checklist.version},
    ]
    docs = {d.id: d for d in report.documents}
    page_of = _("%(file)s, с. %(page)s")
    for m in report.marks:
        where = ", ".join(
            f"{d} ({page_of % {'file': docs[d].pages[0].file, 'page': docs[d].pages[0].page}})"
            for d in m.documents if d in docs
        )
        line = f"  {_MARK[m.status]} {_(m.title)} [{cite(m.citation)}] — {_(_STATUS[m.status])}"
        out.append(line + (f": {where}" if where else ""))
    out.append("")
    out.append(_("Файлы (%(n)s):") % {"n": len(report.files)})
    for file in report.files:
        state = (_("ошибка: %(message)s") % {"message": i18n.file_error_message(file.error, lang)}
                 if file.error else _("страниц: %(n)s") % {"n": file.pages})
        out.append(f"  {file.name} — {state}")
    out.append("")
    out.append(_("Документы (%(n)s):") % {"n": len(report.documents)})
    for d in report.documents:
        pages = ", ".join(page_of % {"file": p.file, "page": p.page} for p in d.pages)
        fields = []
        if d.fields.number:
            fields.append(f"№ {d.fields.number.value}")
        if d.fields.date:
            fields.append(_("от %(date)s") % {"date": f"{d.fields.date.value:%d.%m.%Y}"})
        if d.fields.total:
            fields.append(_("сумма %(amount)s %(currency)s") % {
                "amount": money_str(d.fields.total.amount), "currency": d.fields.total.currency})
        name, sure, pages_word = _(DOC_TYPE_NAMES[d.type]), _("уверенность"), _("страницы:")
        out.append(f"  {d.id}: {name} ({sure} {d.confidence:.2f}) {' '.join(fields)}")
        out.append(f"      {pages_word} {pages}")
        for p in d.fields.parties:
            valid = "" if p.valid else " " + _("(НЕВЕРНЫЙ контрольный разряд)")
            bin_word, role = _("БИН/ИИН"), _(_ROLE[p.role.value])
            out.append(f"      {bin_word} {p.bin}{valid}: {p.position or '—'} → {role}"
                       + (f", {p.name}" if p.name else ""))
    out.append("")
    out.append(_("Замечания (%(n)s):") % {"n": len(report.findings)})
    page_word, basis = _("с."), _("Основание:")
    for f in sorted(report.findings, key=lambda f: list(Severity).index(f.severity)):
        where = f" ({f.file}" + (f", {page_word} {f.page}" if f.page else "") + ")" if f.file else ""
        message = i18n.finding_message(f, lang).rstrip(". ")
        out.append(f"  {_(_SEVERITY[f.severity])} [{f.code}] {message}{where}. {basis} {cite(f.citation)}")
    counts = Counter(f.severity for f in report.findings)
    out.append("")
    out.extend(reimbursement_lines(report, _, cite))
    verdict = _("пакет комплектен") if report.complete else _("пакет НЕ комплектен")
    out.append(_("Итог: %(verdict)s; ошибок: %(errors)s, предупреждений: %(warnings)s.") % {
        "verdict": verdict, "errors": counts[Severity.error], "warnings": counts[Severity.warning]})
    return "\n".join(out) + "\n"


def reimbursement_lines(report: Report, _: Callable[[str], str] | None = None,
                        cite: Callable[[str], str] = lambda c: local_citation(c, "ru")) -> list[str]:
    """The claimable amount with its arithmetic (40 %, cap, conversions), in the language of `_`."""
    _ = _ or i18n.catalog("ru").gettext
    r = report.reimbursement
    if r is None:
        return [_("Сумма к возмещению: не рассчитана (суммы платежей не прочитаны).")]
    out = [
        _("Сумма к возмещению (расчет): %(amount)s KZT") % {"amount": money_str(r.amount)},
        "  " + _("затраты: %(costs)s KZT (документы: %(docs)s); %(pct)s %% = %(uncapped)s KZT; "
                 "лимит %(cap)s KZT в календарном году [%(citation)s]") % {
            "costs": money_str(r.eligible_costs), "docs": ", ".join(r.basis) or "—",
            "pct": int(r.share * 100), "uncapped": money_str(r.uncapped), "cap": money_str(r.cap),
            "citation": cite(r.cap_citation)} + ("; " + _("применен лимит") if r.capped else ""),
    ]
    rate_of = _("курс НБ РК на %(date)s")
    for c in r.conversions:
        rate = rate_of % {"date": f"{c.day:%d.%m.%Y}"}
        out.append(f"  {c.document}: {money_str(c.amount)} {c.currency} × {c.rate}/{c.quant} "
                   f"({rate}) = {money_str(c.kzt)} KZT [{cite('p.19')}]")
    if r.incomplete:
        out.append("  " + _("расчет неполный: сумма части платежей не прочитана или для нее нет курса НБ РК"))
    return out
