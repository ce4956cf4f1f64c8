"""Rules over values OCR read from scans: a reading that may be OCR's error is said as one to check on the
page (warning), not asserted as the applicant's error. Documents are shaped like what the pipeline read
from bad scans of generated packages."""

from __future__ import annotations

from datetime import date

from checklists.rules.bins import bins
from extractors.bin import is_valid_bin
from models.documents import DateField, Document, Fields, PageRef, Party
from models.package import PackageRequest
from models.vocab import CostType, DocType, PageSource, Role, Severity

APPLICANT = "220540428870"
EXECUTOR = "161140433544"
APPLIED = date(2026, 8, 5)


def req() -> PackageRequest:
    return PackageRequest(cost_type=CostType.process_energy_audit, application_date=APPLIED,
                          applicant_bin=APPLICANT)


def party(bin_: str, role: Role, confidence: float, file: str) -> Party:
    return Party(bin=bin_, valid=is_valid_bin(bin_), role=role, name="ТОО «Каспий Пласт»", file=file, page=1,
                 bbox=(0.1, 0.1, 0.3, 0.12), confidence=confidence)


def named(i: str, t: DocType, file: str, *parties: Party, source: PageSource = PageSource.ocr) -> Document:
    """A one-page paper of `file` whose only fields are the `parties` it names."""
    return Document(id=i, type=t, confidence=0.99, pages=(PageRef(file=file, page=1, source=source),),
                    fields=Fields(parties=parties))


def report(bin_: str, confidence: float, source: PageSource) -> Document:
    file = "Документы.tif" if source == PageSource.ocr else "Отчет.pdf"
    return Document(id="r", type=DocType.applicant_report, confidence=0.99,
                    pages=(PageRef(file=file, page=1, source=source),),
                    fields=Fields(date=DateField(value=date(2026, 7, 30)),
                                  parties=(party(bin_, Role.applicant, confidence, file),
                                           party(EXECUTOR, Role.executor, 0.96, file))))


def test_a_scan_showing_the_applicants_bin_one_digit_off_is_a_misread_to_check() -> None:
    """A bad scan read `220540428876` at 0.95 for the applicant's `220540428870` (its last `0` as `6`): the
    BIN given at upload is known, so the reading is said as a misread at warning, not an invalid BIN."""
    misread = "220540428876"
    assert not is_valid_bin(misread)
    (note,) = bins(req(), [report(misread, 0.952, PageSource.ocr)])
    assert note.code == "bin_misread" and note.severity == Severity.warning
    assert APPLICANT in note.message and misread in note.message and "одной цифрой" in note.message


def test_the_same_number_in_a_text_layer_is_an_invalid_bin() -> None:
    """A PDF's text layer carries the paper's own digits: a misprint the applicant corrects."""
    found = bins(req(), [report("220540428876", 0.952, PageSource.text_layer)])
    assert ("invalid_bin", Severity.error) in [(f.code, f.severity) for f in found]
    assert "bin_misread" not in [f.code for f in found]


def test_a_sure_reading_of_another_companys_bin_with_a_failed_check_digit_stays_invalid() -> None:
    """Only the applicant's BIN is known beforehand: an executor's BIN one digit off its valid reading on
    another document, read surely, may be the paper's misprint (the error the check is for)."""
    wrong = EXECUTOR[:-1] + str((int(EXECUTOR[-1]) + 1) % 10)
    assert not is_valid_bin(wrong)
    contract = named("c", DocType.contract, "Договор.tif",
                     party(APPLICANT, Role.applicant, 0.96, "Договор.tif"),
                     party(EXECUTOR, Role.executor, 0.96, "Договор.tif"))
    act = named("a", DocType.act, "Акт.tif", party(APPLICANT, Role.applicant, 0.96, "Акт.tif"),
                party(wrong, Role.executor, 0.95, "Акт.tif"))
    assert [f.code for f in bins(req(), [contract, act])] == ["invalid_bin"]


def _contract(i: str, day: date, total: str | None, *parties: Party) -> Document:
    from decimal import Decimal

    from models.documents import MoneyField
    return Document(id=i, type=DocType.contract, confidence=0.99, pages=(PageRef(file=f"{i}.pdf", page=1),),
                    fields=Fields(date=DateField(value=day), parties=parties,
                                  total=MoneyField(amount=Decimal(total), currency="KZT") if total else None))


def test_a_supplementary_agreement_is_no_contract_when_the_contract_misprints_the_executors_bin() -> None:
    """«ДС № 1 к договору № 189» (no price, dated after the contract) names the executor `101140595014`;
    the priced contract carries it misprinted `101140595010` (check digit failed). The agreement is still
    the contract's supplement: it neither stands for the deal's contract nor moves its date, so a payment
    made between the contract and the agreement is in order."""
    from checklists.rules._deal import main_contracts, supplements
    from checklists.rules.dates import date_order

    supplier, misprint = "101140595014", "101140595010"
    assert is_valid_bin(supplier) and not is_valid_bin(misprint)
    contract = _contract("c", date(2025, 6, 2), "126945390.07",
                         party(APPLICANT, Role.applicant, 1.0, "c.pdf"),
                         party(misprint, Role.other, 0.96, "c.pdf"))
    agreement = _contract("s", date(2025, 6, 12), None, party(APPLICANT, Role.applicant, 1.0, "s.pdf"),
                          party(supplier, Role.executor, 1.0, "s.pdf"))
    payment = Document(id="p", type=DocType.payment_order, confidence=0.99,
                       pages=(PageRef(file="p.pdf", page=1),),
                       fields=Fields(date=DateField(value=date(2025, 6, 4)),
                                     parties=(party(APPLICANT, Role.applicant, 0.97, "p.pdf"),
                                              party(supplier, Role.executor, 0.97, "p.pdf"))))
    assert [d.id for d in main_contracts([contract, agreement, payment])] == ["c"]
    assert date_order(req(), [contract, agreement, payment]) == ()
    assert supplements([contract, agreement]) == {"s"}
    # a stranger's BIN (more than one digit off) on the second paper: another company's contract
    other = _contract("s", date(2025, 6, 12), None, party(APPLICANT, Role.applicant, 1.0, "s.pdf"),
                      party("971240001315", Role.executor, 1.0, "s.pdf"))
    assert supplements([contract, other]) == set()


def _deal_doc(i: str, t: DocType, total: str, confidence: float,
              source: PageSource = PageSource.ocr) -> Document:
    from decimal import Decimal

    from models.documents import MoneyField
    file = f"{i}.tif"
    return Document(id=i, type=t, confidence=0.99, pages=(PageRef(file=file, page=1, source=source),),
                    fields=Fields(date=DateField(value=date(2025, 3, 11)),
                                  total=MoneyField(amount=Decimal(total), currency="KZT", file=file, page=1,
                                                   confidence=confidence),
                                  parties=(party(APPLICANT, Role.applicant, 0.95, f"{i}.tif"),
                                           party(EXECUTOR, Role.executor, 0.95, f"{i}.tif"))))


def test_an_invoice_total_read_unsure_against_two_agreeing_documents_is_a_mismatch_to_check() -> None:
    """A bad scan's ЭСФ read `78 007,34` at 0.885 for `6 788 007,34`, which the contract and the report read
    alike: the mismatch is said at warning, naming the unsure reading, not asserted as an error."""
    from checklists.rules.amounts import amounts

    docs = [_deal_doc("c", DocType.contract, "6788007.34", 0.944),
            _deal_doc("r", DocType.applicant_report, "6788007.34", 0.955),
            _deal_doc("i", DocType.invoice, "78007.34", 0.885)]
    (found,) = [f for f in amounts(req(), docs) if f.code == "amount_mismatch"]
    assert found.severity == Severity.warning
    assert "неуверенно" in found.message and "0.89" in found.message and "78 007,34" in found.message


def test_a_short_payment_read_unsure_is_still_an_error() -> None:
    """A payment short of the invoice is the mismatch p.17 is about, however sure its reading."""
    from checklists.rules.amounts import amounts

    docs = [_deal_doc("c", DocType.contract, "6788007.34", 0.944),
            _deal_doc("i", DocType.invoice, "6788007.34", 0.95),
            _deal_doc("p", DocType.payment_order, "6700000.00", 0.85)]
    found = [f for f in amounts(req(), docs) if f.code == "amount_mismatch"]
    assert [f.severity for f in found] == [Severity.error]


def test_an_invoice_read_surely_against_the_contract_is_an_error() -> None:
    """On a PDF's text layer, or confirmed by another document, the invoice's figure is the paper's. Read
    from a scan, however surely, a figure the contract and the report both contradict is a reading to
    check: the mismatch is said at warning, naming it."""
    from checklists.rules.amounts import amounts

    def sure(source: PageSource) -> list[Document]:
        return [_deal_doc("c", DocType.contract, "6788007.34", 0.944),
                _deal_doc("r", DocType.applicant_report, "6788007.34", 0.955),
                _deal_doc("i", DocType.invoice, "6700000.00", 0.95, source)]
    assert [f.severity for f in amounts(req(), sure(PageSource.text_layer))
            if f.code == "amount_mismatch"] == [Severity.error]
    (scanned,) = [f for f in amounts(req(), sure(PageSource.ocr)) if f.code == "amount_mismatch"]
    assert scanned.severity == Severity.warning and "6 700 000,00" in scanned.message
    # the invoice confirmed by the act and the payment, against the contract's own figure
    confirmed = [_deal_doc("c", DocType.contract, "6788007.34", 0.944, PageSource.text_layer),
                 _deal_doc("i", DocType.invoice, "6700000.00", 0.85),
                 _deal_doc("a", DocType.act, "6700000.00", 0.95),
                 _deal_doc("p", DocType.payment_order, "6700000.00", 0.95)]
    assert Severity.error in [f.severity for f in amounts(req(), confirmed) if f.code == "amount_mismatch"]


def test_an_invoice_dated_before_the_contract_by_an_unsure_reading_is_a_date_to_check() -> None:
    """A bad scan's ЭСФ read `04.05.2024` at 0.87 for `04.05.2026`: before its contract of 20.05.2024 only
    by the misread year. The order is said at warning, naming the reading; read surely, it is an error."""
    from checklists.rules.dates import date_order

    def invoice(confidence: float) -> Document:
        return Document(id="i", type=DocType.invoice, confidence=0.99,
                        pages=(PageRef(file="SF_437.tif", page=1, source=PageSource.ocr),),
                        fields=Fields(date=DateField(value=date(2024, 5, 4), file="SF_437.tif", page=1,
                                                     confidence=confidence)))
    contract = Document(id="c", type=DocType.contract, confidence=0.99,
                        pages=(PageRef(file="c.pdf", page=1),),
                        fields=Fields(date=DateField(value=date(2024, 5, 20), confidence=0.96)))
    (found,) = date_order(req(), [contract, invoice(0.868)])
    assert found.severity == Severity.warning and "неуверенно" in found.message and "0.87" in found.message
    (found,) = date_order(req(), [contract, invoice(0.95)])
    assert found.severity == Severity.error and "неуверенно" not in found.message


def test_an_invalid_bin_read_unsurely_near_no_bin_is_a_number_to_check() -> None:
    """A bad scan's application read `111210200710` at 0.45 beside the applicant's BIN: a failed check digit
    OCR was unsure of, near no BIN of the package, is said at warning; read surely, it stays an error."""
    def application(confidence: float, source: PageSource) -> Document:
        file = "Документы.pdf"
        return Document(id="z", type=DocType.application, confidence=0.99,
                        pages=(PageRef(file=file, page=2, source=source),),
                        fields=Fields(parties=(party(APPLICANT, Role.applicant, 0.96, file),
                                               party("111210200710", Role.other, confidence, file))))
    unsure = [f for f in bins(req(), [_on_page(application(0.446, PageSource.ocr), 2)])
              if f.code == "invalid_bin"]
    assert [f.severity for f in unsure] == [Severity.warning] and "0.45" in unsure[0].message
    sure = [f for f in bins(req(), [_on_page(application(0.95, PageSource.ocr), 2)])
            if f.code == "invalid_bin"]
    assert [f.severity for f in sure] == [Severity.error]
    layer = [f for f in bins(req(), [_on_page(application(0.446, PageSource.text_layer), 2)])
             if f.code == "invalid_bin"]
    assert [f.severity for f in layer] == [Severity.error]


def _on_page(doc: Document, page: int) -> Document:
    """`doc` with its parties' evidence on `page` of its file."""
    parties = tuple(p.model_copy(update={"page": page}) for p in doc.fields.parties)
    return doc.model_copy(update={"fields": doc.fields.model_copy(update={"parties": parties})})


def test_a_payment_date_read_unsurely_out_of_the_window_is_a_date_to_check() -> None:
    """A photo read a payment's `05.06.2024` as `05.06.2004` at 0.73: outside the 24 months by twenty years
    on a reading OCR was unsure of — a warning naming the date to check; read surely, an error."""
    from checklists.rules.window import window

    def payment(confidence: float) -> Document:
        return Document(id="p", type=DocType.payment_order, confidence=0.99,
                        pages=(PageRef(file="ПП_1575.jpg", page=1, source=PageSource.ocr),),
                        fields=Fields(date=DateField(value=date(2004, 6, 5), confidence=confidence,
                                                     file="ПП_1575.jpg", page=1)))
    (unsure,) = window(req(), [payment(0.734)])
    assert unsure.code == "payment_outside_window" and unsure.severity == Severity.warning
    assert "0.73" in unsure.message
    (sure,) = window(req(), [payment(0.96)])
    assert sure.severity == Severity.error


def test_a_missing_document_a_page_reads_as_is_a_page_to_check() -> None:
    """A bad scan joined the register extract's page (heading lost) to the application before it: the page's
    own wording reads best as the extract (6.0), so the missing extract is a warning naming that page; a
    page that reads it only as a runner-up of a surely typed paper leaves the error standing."""
    from checklists.rules.completeness import completeness

    joined_pages = Document(id="app", type=DocType.application, confidence=0.999,
                            pages=(PageRef(file="Документы.pdf", page=2, source=PageSource.ocr),
                                   PageRef(file="Документы.pdf", page=3, source=PageSource.ocr)),
                            fields=Fields(parties=(party(APPLICANT, Role.applicant, 0.96, "Документы.pdf"),)))

    def missing(scores: dict[DocType, float], confidence: float = 0.999) -> list[tuple[Severity, str]]:
        doc = joined_pages.model_copy(update={"confidence": confidence})
        pages = {("Документы.pdf", 2): {DocType.application: 14.0}, ("Документы.pdf", 3): scores}
        return [(f.severity, f.message) for f in completeness(req(), [doc], pages=pages)
                if f.doc_type == DocType.ktp_extract]

    ((severity, message),) = missing({DocType.ktp_extract: 6.0})
    assert severity == Severity.warning and "Документы.pdf" in message and "стр. 3" in message
    ((severity, _),) = missing({DocType.application: 9.0, DocType.ktp_extract: 4.0})
    assert severity == Severity.error
    # the same runner-up on a paper whose type is unsure: it may be the extract
    ((severity, message),) = missing({DocType.application: 9.0, DocType.ktp_extract: 4.0}, confidence=0.6)
    assert severity == Severity.warning
    # no page scores: the item's own severity
    assert [f.severity for f in completeness(req(), [joined_pages]) if f.doc_type == DocType.ktp_extract] \
        == [Severity.error]


def test_a_missing_document_a_page_may_be_points_at_the_page_and_a_recheck_keeps_it() -> None:
    """The warning points at the page (file, page, its document), and a re-check, which reads no page,
    rebuilds that evidence from the finding: the same severity, so `complete` does not flip."""
    from checklists.rules.completeness import completeness
    from checklists.rules.readings import pointed_pages

    doc = Document(id="app", type=DocType.application, confidence=0.999,
                   pages=(PageRef(file="Документы.pdf", page=2, source=PageSource.ocr),
                          PageRef(file="Документы.pdf", page=3, source=PageSource.ocr)))
    pages = {("Документы.pdf", 2): {DocType.application: 14.0},
             ("Документы.pdf", 3): {DocType.ktp_extract: 6.0}}
    found = [f for f in completeness(req(), [doc], pages=pages) if f.doc_type == DocType.ktp_extract]
    assert [(f.severity, f.file, f.page, f.documents) for f in found] == \
        [(Severity.warning, "Документы.pdf", 3, ("app",))]
    again = [f for f in completeness(req(), [doc], pages=pointed_pages(found))
             if f.doc_type == DocType.ktp_extract]
    assert [(f.severity, f.file, f.page) for f in again] == [(Severity.warning, "Документы.pdf", 3)]
    assert again[0].message == found[0].message
    # an error names no page, and a re-check keeps it an error
    sure = [f for f in completeness(req(), [doc]) if f.doc_type == DocType.ktp_extract]
    assert [(f.severity, f.file) for f in sure] == [(Severity.error, None)] and pointed_pages(sure) == {}


def test_a_contract_total_read_unsure_against_payments_a_bill_confirms_is_a_mismatch_to_check() -> None:
    """A bad scan's contract read `556 921,00` at 0.52 for `1 256 877,61`; the two payments add up to the
    figure the executor's bill (a paper of no listed kind) reads: the mismatch is said at warning, naming
    the unsure reading. Without the bill, nothing confirms the payments and the mismatch stays an error;
    a bill reading the contract's figure makes the payments short: an error too."""
    from checklists.rules.amounts import amounts

    def package(bill: str | None) -> list[Document]:
        docs = [_deal_doc("c", DocType.contract, "556921.00", 0.52),
                _deal_doc("p1", DocType.payment_order, "377063.28", 0.92),
                _deal_doc("p2", DocType.payment_order, "879814.33", 0.92)]
        return docs + ([_deal_doc("b", DocType.other, bill, 0.96)] if bill else [])

    def severities(docs: list[Document]) -> list[Severity]:
        return [f.severity for f in amounts(req(), docs) if f.code == "amount_mismatch"]

    assert severities(package("1256877.61")) == [Severity.warning]
    assert severities(package(None)) == [Severity.error]
    assert severities(package("556921.00")) == [Severity.error]


def test_a_second_applicant_bin_one_digit_off_the_executors_is_a_misread_to_check() -> None:
    """A bad scan's report page, read as soup, put the executor's `161140433544` as `961140433544` (0.93)
    in the applicant's place, beside the applicant's own BIN given at upload: the paper names the applicant
    already, so the failed number is the other side's misread, said at warning. In the executor's own
    place (a paper naming its executor by a misprinted BIN) it stays `invalid_bin`."""
    wrong = "9" + EXECUTOR[1:]
    assert not is_valid_bin(wrong)

    def package(role: Role) -> list[Document]:
        contract = named("c", DocType.contract, "Договор.tif",
                         party(APPLICANT, Role.applicant, 0.96, "Договор.tif"),
                         party(EXECUTOR, Role.executor, 0.96, "Договор.tif"))
        application = named("z", DocType.application, "Scan.tif", party(wrong, role, 0.932, "Scan.tif"),
                            party(APPLICANT, Role.applicant, 0.96, "Scan.tif"))
        return [contract, application]

    (note,) = bins(req(), package(Role.applicant))
    assert note.code == "bin_misread" and note.severity == Severity.warning
    assert wrong in note.message and EXECUTOR in note.message and "одной цифрой" in note.message
    assert [(f.code, f.severity) for f in bins(req(), package(Role.executor))] == [
        ("invalid_bin", Severity.error)]


def test_a_date_read_before_a_party_was_registered_is_a_date_to_check() -> None:
    """A phone photo's Р-1 act whose date cell OCR garbled: the date read is the form's approving order's,
    `от 20 декабря 2012 года № 562`, at 0.96 — before the applicant, BIN 200440971567, was registered
    (04.2020). Out of the window and before the contract only by that reading: warnings naming the date
    and the registration; a date after the registration, or from a text layer, stays an error."""
    from checklists.rules.dates import date_order
    from checklists.rules.window import window

    applicant, executor = "200440971567", "070940067451"
    assert is_valid_bin(applicant) and is_valid_bin(executor)

    def act(day: date, source: PageSource = PageSource.ocr) -> Document:
        file = "Scan_1033.pdf"
        return Document(id="a", type=DocType.act, confidence=0.99,
                        pages=(PageRef(file=file, page=2, source=source),),
                        fields=Fields(date=DateField(value=day, file=file, page=2, confidence=0.961),
                                      parties=(party(applicant, Role.applicant, 0.93, file),
                                               party(executor, Role.executor, 0.97, file))))
    contract = Document(id="c", type=DocType.contract, confidence=0.99,
                        pages=(PageRef(file="c.pdf", page=1),),
                        fields=Fields(date=DateField(value=date(2025, 8, 15), confidence=0.97)))
    request = req().model_copy(update={"applicant_bin": applicant})
    misread = act(date(2012, 12, 20))
    (order,) = date_order(request, [contract, misread])
    (late,) = window(request, [misread])
    for found in (order, late):
        assert found.severity == Severity.warning
        assert "20.12.2012" in found.message and applicant in found.message and "04.2020" in found.message
    # dated before the contract, after the parties were registered: the order itself is the error
    (order,) = date_order(request, [contract, act(date(2025, 8, 1))])
    assert order.severity == Severity.error
    # a text layer gives the paper's own date
    (order,) = date_order(request, [contract, act(date(2012, 12, 20), PageSource.text_layer)])
    assert order.severity == Severity.error


def _lost_digit(source: PageSource) -> list[Document]:
    """A bad scan's contract read `958 202,88` at 0.59 where the invoice reads `5 958 202,88`; the act of
    the same layout lost the same first digit (surely), the applicant's report reads the invoice's figure."""
    return [_deal_doc("c", DocType.contract, "958202.88", 0.586, source),
            _deal_doc("a", DocType.act, "958202.88", 0.963, source),
            _deal_doc("i", DocType.invoice, "5958202.88", 0.929, source),
            _deal_doc("r", DocType.applicant_report, "5958202.88", 0.81, source)]


def test_a_mismatch_of_one_lost_digit_on_an_unsure_scan_reading_is_a_reading_to_check() -> None:
    from checklists.rules.amounts import amounts

    found = [f for f in amounts(req(), _lost_digit(PageSource.ocr)) if f.code == "amount_mismatch"]
    assert [(f.code, f.severity) for f in found] == [("amount_mismatch", Severity.warning)]
    assert "0.59" in found[0].message and "ошибкой распознавания" in found[0].message


def test_the_same_figures_in_text_layers_are_a_mismatch() -> None:
    from checklists.rules.amounts import amounts

    found = [f for f in amounts(req(), _lost_digit(PageSource.text_layer)) if f.code == "amount_mismatch"]
    assert [(f.code, f.severity) for f in found] == [("amount_mismatch", Severity.error)]


def test_a_short_payment_one_digit_off_stays_an_error() -> None:
    """A payment is never the doubted reading (a short payment is the mismatch p.17 is about), nor an unsure
    invoice whose figure the contract reads alike."""
    from checklists.rules.amounts import amounts

    docs = [_deal_doc("c", DocType.contract, "5958202.88", 0.95),
            _deal_doc("i", DocType.invoice, "5958202.88", 0.85),
            _deal_doc("p", DocType.payment_order, "5358202.88", 0.6)]
    found = [f for f in amounts(req(), docs) if f.code == "amount_mismatch"]
    assert [(f.code, f.severity) for f in found] == [("amount_mismatch", Severity.error)]


def _esf(source: PageSource) -> list[Document]:
    """An e-invoice photographed: the supplier's BIN read right, and the IIN of the person who wrote the
    invoice out (`880622342272`, a digit misread) taken for a second executor's number."""
    file = "АВР.jpg" if source == PageSource.ocr else "АВР.pdf"
    contract = named("c", DocType.contract, "Договор.jpg",
                     party(APPLICANT, Role.applicant, 0.96, "Договор.jpg"),
                     party(EXECUTOR, Role.executor, 0.96, "Договор.jpg"))
    invoice = named("i", DocType.invoice, file, party(EXECUTOR, Role.executor, 0.95, file),
                    party(APPLICANT, Role.applicant, 0.95, file),
                    party("880622342272", Role.executor, 0.93, file), source=source)
    return [contract, invoice]


def test_a_second_invalid_number_of_a_side_named_by_its_confirmed_bin_is_a_number_to_check() -> None:
    assert not is_valid_bin("880622342272")
    (found,) = bins(req(), _esf(PageSource.ocr))
    assert (found.code, found.severity) == ("invalid_bin", Severity.warning)
    assert EXECUTOR in found.message and "880622342272" in found.message


def test_a_second_invalid_number_in_a_text_layer_stays_an_error() -> None:
    assert [(f.code, f.severity) for f in bins(req(), _esf(PageSource.text_layer))] == [
        ("invalid_bin", Severity.error)]


def test_an_invalid_bin_in_place_of_the_sides_bin_stays_an_error() -> None:
    """The paper names the executor only by the invalid number: the error the check is for."""
    docs = _esf(PageSource.ocr)
    invoice = docs[1]
    only_wrong = invoice.model_copy(update={"fields": invoice.fields.model_copy(
        update={"parties": invoice.fields.parties[1:]})})
    assert [(f.code, f.severity) for f in bins(req(), [docs[0], only_wrong])] == [
        ("invalid_bin", Severity.error)]


def _payments_of(wrong: str, confidence: float) -> list[Document]:
    """A contract naming the executor by its valid BIN, and a photographed payment order whose beneficiary
    was read as `wrong` at `confidence`."""
    contract = named("c", DocType.contract, "Договор.pdf",
                     party(APPLICANT, Role.applicant, 0.96, "Договор.pdf"),
                     party(EXECUTOR, Role.executor, 0.96, "Договор.pdf"))
    payment = named("p", DocType.payment_order, "pp_906.pdf",
                    party(APPLICANT, Role.applicant, 0.96, "pp_906.pdf"),
                    party(wrong, Role.executor, confidence, "pp_906.pdf"))
    return [contract, payment]


def test_a_wrong_check_digit_read_fairly_surely_is_an_invalid_bin() -> None:
    """A phone photo of a payment order read the beneficiary as `161140433546` at 0.89, the contract's
    `161140433544` with only its check digit changed: the eleven digits the check digit is computed from
    agree, so the paper carries a wrong check digit — an error, not a misreading."""
    wrong = EXECUTOR[:-1] + "6"
    assert not is_valid_bin(wrong)
    (found,) = bins(req(), _payments_of(wrong, 0.89))
    assert (found.code, found.severity) == ("invalid_bin", Severity.error)
    assert wrong in found.message and EXECUTOR in found.message and "контрольный разряд" in found.message


def test_a_digit_misread_inside_the_bin_or_unsurely_stays_a_misread() -> None:
    """OCR slips on any digit, and reads a slipped one unsurely: a wrong 7th digit at 0.89, or a wrong check
    digit read below 0.8, is a misreading of the executor's BIN to check."""
    inside = EXECUTOR[:6] + "7" + EXECUTOR[7:]
    assert not is_valid_bin(inside)
    for wrong, confidence in ((inside, 0.89), (EXECUTOR[:-1] + "6", 0.75)):
        assert [f.code for f in bins(req(), _payments_of(wrong, confidence))] == ["bin_misread"]


def test_a_payment_read_unsurely_without_its_tiyn_is_a_misread_not_a_mismatch() -> None:
    """A phone photo's payment order read `18 684 347,00` at 0.42, the contract's and the report's
    `18 684 347,26` with its tiyn lost: a reading to check, not a payment short by 26 tiyn. Read surely,
    the same figure is short of the contract (an error)."""
    from checklists.rules.amounts import amounts

    def package(confidence: float) -> list[Document]:
        return [_deal_doc("c", DocType.contract, "18684347.26", 0.96),
                _deal_doc("r", DocType.applicant_report, "18684347.26", 0.95),
                _deal_doc("p", DocType.payment_order, "18684347.00", confidence)]
    unsure = amounts(req(), package(0.422))
    assert [f.code for f in unsure] == ["amount_misread"]
    assert "18 684 347,00" in unsure[0].message and "тиын" in unsure[0].message
    sure = amounts(req(), package(0.95))
    assert [(f.code, f.severity) for f in sure] == [("amount_mismatch", Severity.error)]


def test_payments_short_of_the_contract_are_an_error_when_the_invoice_reading_is_in_doubt() -> None:
    """A photographed invoice read `6 167 519,81` against the `12 335 039,62` the contract and the report
    agree on: the payments' mismatch with that invoice is a reading to check (warning), but payments of
    `4 317 263,87` are short of the contract whatever the invoice says — an error. Payments that settle the
    contract leave only the warnings about the invoice's reading."""
    from checklists.rules.amounts import amounts

    def package(paid: str) -> list[Document]:
        return [_deal_doc("c", DocType.contract, "12335039.62", 0.93),
                _deal_doc("r", DocType.applicant_report, "12335039.62", 0.93),
                _deal_doc("i", DocType.invoice, "6167519.81", 0.926),
                _deal_doc("p", DocType.payment_order, paid, 0.965)]
    short = [f for f in amounts(req(), package("4317263.87")) if f.code == "amount_mismatch"]
    errors = [f for f in short if f.severity == Severity.error]
    assert len(errors) == 1 and "12 335 039,62" in errors[0].message and "4 317 263,87" in errors[0].message
    settled = [f for f in amounts(req(), package("12335039.62")) if f.code == "amount_mismatch"]
    assert settled and all(f.severity == Severity.warning for f in settled)
