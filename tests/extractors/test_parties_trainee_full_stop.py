"""A trainee's IIN on a photographed training certificate, after the trainee's post whose comma OCR read
as a full stop (`наладчик оборудования. ИИН …` under the trainee's full name), is the person's and no
party's: the certificate's only party is the training centre that issued it."""

from __future__ import annotations

from models.vocab import DocType, PageSource, Role
from tests.extractors.test_fields_any_layout import fields_of, lines_at, make_bin, read, render

CENTRE = make_bin("75040646371")    # an entrepreneur's training centre: its owner's IIN is its number
APPLICANT = make_bin("18044094207")
TRAINEE = make_bin("79020830808")   # a person's IIN: born 1979-02-08


def certificate(post_then_iin: str) -> bytes:
    return render(lines_at(60, 40, [
        "ИП «Сапа Тренинг»", f"ИИН {CENTRE}", "СЕРТИФИКАТ", "№ 2025/85226",
        "Настоящий сертификат подтверждает, что", "Касымов Ерлан Ерланович", post_then_iin,
        "прошел(а) обучение по программе «Наладка станков с ЧПУ»",
        "в объеме 120 академических часов с 20.11.2025 по 15.12.2025",
        "Директор Касымова Д. Б.", "Дата выдачи: 15 декабря 2025 г.",
    ], step=16), landscape=True)


def test_a_trainees_iin_after_a_post_closed_by_a_full_stop_is_no_party() -> None:
    for line in (f"наладчик оборудования. ИИН {TRAINEE}", f"наладчик оборудования, ИИН {TRAINEE}"):
        page = read(certificate(line), source=PageSource.ocr)
        fields = fields_of([page], DocType.training_certificate, applicant_bin=APPLICANT)
        assert [(p.bin, p.role) for p in fields.parties] == [(CENTRE, Role.executor)], line
