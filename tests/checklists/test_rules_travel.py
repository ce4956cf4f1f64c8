"""Travel and accommodation limits of staff competence (p.20(2)–(3), App.3 item 8(11)–(12), p.23): what is
left out of the reimbursement and why."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from checklists.evaluate import assess
from checklists.rates import Rate, RateStore
from models.documents import DateField, Document, Fields, MoneyField, PageRef, Party, TextField
from models.package import PackageRequest
from models.vocab import CostType, DocType, Role, Severity

APPLICANT = "940140000385"
EXECUTOR = "971240001315"
CARRIER = "180440942071"
TRAINEE = "850101300017"
REQ = PackageRequest(cost_type=CostType.staff_competence, application_date=date(2026, 5, 12),
                     applicant_bin=APPLICANT)


def doc(
    doc_id: str, doc_type: DocType, amount: str, day: date, *parties: Party, currency: str = "KZT"
) -> Document:
    return Document(
        id=doc_id, type=doc_type, confidence=1.0, pages=(PageRef(file=f"{doc_id}.pdf", page=1),),
        fields=Fields(number=TextField(value=doc_id.upper()), date=DateField(value=day),
                      total=MoneyField(amount=Decimal(amount), currency=currency), parties=parties),
    )


def party(bin_: str, role: Role) -> Party:
    return Party(bin=bin_, valid=True, role=role)


def deal() -> list[Document]:
    both = (party(APPLICANT, Role.applicant), party(EXECUTOR, Role.executor))
    return [doc("k", DocType.contract, "400000.00", date(2026, 1, 10), *both),
            doc("o", DocType.order, "0.00", date(2026, 1, 20), party(APPLICANT, Role.applicant)),
            doc("a", DocType.act, "400000.00", date(2026, 3, 1), *both),
            doc("p", DocType.payment_order, "400000.00", date(2026, 3, 5), *both)]


RAIL_OUT = f"ПРОЕЗДНОЙ ДОКУМЕНТ Вагон / место 05 К (купе) / 017 Пассажир ИИН {TRAINEE}"
RAIL_BACK_SV = f"ПРОЕЗДНОЙ ДОКУМЕНТ Вагон / место 02 СВ / 004 Пассажир ИИН {TRAINEE}"
ORDER = "ПРИКАЗ 1. Направить на профессиональная подготовка по программе «Технолог литья»"


def run(docs: list[Document], texts: dict[str, str], rates: RateStore | None = None):  # type: ignore[no-untyped-def]
    findings, result = assess(REQ, docs, texts=texts, rates=rates)
    assert result is not None
    return [f for f in findings if f.code in ("travel_over_limit", "accommodation_over_limit")], result


def test_sleeping_car_is_left_out() -> None:
    """App.3 item 8(11): rail no higher than a compartment — «СВ» is left out, the compartment leg stays."""
    carrier = party(CARRIER, Role.other)
    docs = [*deal(), doc("t1", DocType.travel_document, "15000.00", date(2026, 2, 1), carrier),
            doc("t2", DocType.travel_document, "42000.00", date(2026, 2, 20), carrier)]
    found, result = run(docs, {"t1": RAIL_OUT, "t2": RAIL_BACK_SV, "o": ORDER})
    (f,) = found
    assert f.code == "travel_over_limit" and f.severity == Severity.warning and f.documents == ("t2",)
    assert "«СВ»" in f.message and "купейного" in f.message and "42 000,00" in f.message
    assert f.citation.startswith("p.20(2); App.3 item 8(11)")
    assert result.eligible_costs == Decimal("415000.00")
    assert [(e.document, e.amount, e.code) for e in result.exclusions] == [
        ("t2", Decimal("42000.00"), "travel_over_limit")]


def test_second_round_trip_is_left_out() -> None:
    """p.20(2): travel there and back once per employee."""
    carrier = party(CARRIER, Role.other)
    air = f"МАРШРУТ/КВИТАНЦИЯ ИИН {TRAINEE} Эконом (Y) ... Эконом (Y)"
    docs = [*deal(), doc("t1", DocType.travel_document, "80000.00", date(2026, 2, 1), carrier),
            doc("t2", DocType.travel_document, "81000.00", date(2026, 3, 1), carrier)]
    found, result = run(docs, {"t1": air, "t2": air})
    (f,) = found
    assert f.documents == ("t2",) and "однократно" in f.message and TRAINEE in f.message
    assert result.eligible_costs == Decimal("480000.00")


def test_business_class_flight_is_left_out() -> None:
    carrier = party(CARRIER, Role.other)
    docs = [*deal(), doc("t1", DocType.travel_document, "300000.00", date(2026, 2, 1), carrier)]
    (f,) = run(docs, {"t1": f"ИИН {TRAINEE} Бизнес (C) Бизнес (C)"})[0]
    assert "экономического класса" in f.message


def test_room_above_standard_is_left_out() -> None:
    """App.3 item 8(12): a "стандарт" room."""
    hotel = party(CARRIER, Role.other)
    docs = [*deal(), doc("h", DocType.accommodation_document, "250000.00", date(2026, 2, 10), hotel,
                         party(APPLICANT, Role.applicant))]
    text = "СЧЕТ за проживание, номер категории «Полулюкс», 01.02.2026 – 10.02.2026"
    found, result = run(docs, {"h": text})
    (f,) = found
    assert f.code == "accommodation_over_limit" and "«стандарт»" in f.message
    assert result.eligible_costs == Decimal("400000.00")


def test_stay_over_one_month_of_training_is_cut_pro_rata() -> None:
    """p.20(3): accommodation at most 1 month for training or retraining; nights beyond are left out."""
    hotel = party(CARRIER, Role.other)
    docs = [*deal(), doc("h", DocType.accommodation_document, "500000.00", date(2026, 3, 22), hotel)]
    text = "Проживание, номер категории «Стандарт» 01.02.2026 – 22.03.2026 50 10 000,00 500 000,00"
    (f,), result = run(docs, {"h": text, "o": ORDER})
    # 1 Feb → 1 Mar is 28 nights of 49: 500 000 × 28 / 49
    assert "не более 1 месяца" in f.message and "28 дней" in f.message
    assert result.eligible_costs == Decimal("400000.00") + Decimal("285714.29")
    upgrade = "ПРИКАЗ 1. Направить на повышение квалификации по программе «Бережливое производство»"
    found, result = run(docs, {"h": text, "o": upgrade})
    assert found == [] and result.eligible_costs == Decimal("900000.00")


def test_per_diem_line_is_left_out() -> None:
    """p.20(3): «кроме затрат на суточные»."""
    hotel = party(CARRIER, Role.other)
    docs = [*deal(), doc("h", DocType.accommodation_document, "130000.00", date(2026, 2, 10), hotel)]
    text = "Проживание, номер «Стандарт» 100 000,00\nСуточные 3 дня 30 000,00\nИтого 130 000,00"
    (f,), result = run(docs, {"h": text})
    assert "суточные не возмещаются" in f.message and "30 000,00" in f.message
    assert result.eligible_costs == Decimal("500000.00")


def test_foreign_hotel_converted_at_rate_of_payment_date() -> None:
    """p.19, p.23: the NBK rate of the day the applicant paid, not of the hotel's bill."""
    hotel = party(CARRIER, Role.other)
    applicant = party(APPLICANT, Role.applicant)
    docs = [*deal(),
            doc("h", DocType.accommodation_document, "1000.00", date(2026, 2, 10), hotel, currency="EUR"),
            doc("ph", DocType.payment_order, "1000.00", date(2026, 2, 12), applicant, hotel, currency="EUR")]
    rates = RateStore([Rate(date(2026, 2, 10), "EUR", 1, Decimal("500.00"), "test"),
                       Rate(date(2026, 2, 12), "EUR", 1, Decimal("510.00"), "test")])
    _, result = run(docs, {}, rates)
    (conv,) = [c for c in result.conversions if c.document == "h"]
    assert conv.day == date(2026, 2, 12) and conv.kzt == Decimal("510000.00")
    assert result.eligible_costs == Decimal("910000.00")


def test_report_with_exclusions_validates(validate_report: Callable[[dict], None]) -> None:
    """The report lists what the limits left out (`reimbursement.exclusions`) and follows the contract."""
    from intake.pipeline import report_of
    from intake.report import to_json

    carrier = party(CARRIER, Role.other)
    docs = [*deal(), doc("t1", DocType.travel_document, "15000.00", date(2026, 2, 1), carrier),
            doc("t2", DocType.travel_document, "42000.00", date(2026, 2, 20), carrier)]
    body = to_json(report_of(REQ, [], docs, texts={"t1": RAIL_OUT, "t2": RAIL_BACK_SV, "o": ORDER}))
    validate_report(body)
    assert body["reimbursement"]["exclusions"] == [
        {"document": "t2", "amount": "42000.00", "currency": "KZT", "code": "travel_over_limit"}]
    assert any(f["code"] == "travel_over_limit" for f in body["findings"])
