"""Small helpers shared by the rules: Russian wording and where a value was read."""

from datetime import date
from decimal import Decimal

from checklists.wording import said as said
from models.base import BBox
from models.documents import Document, Evidence
from models.message import Message, msg
from models.vocab import DocType

NOTHING = Message(id="")
"""An optional part of a message left out (renders as nothing in every language)."""


def N_(message: str) -> str:
    """Mark a text for the message catalogues (`python -m intake.i18n_extract`)."""
    return message


def ru_date(day: date) -> str:
    """`05.03.2024`."""
    return day.strftime("%d.%m.%Y")


CASES: dict[DocType, tuple[str, str, str, str, str]] = {
    # type: (gender, nominative, genitive, dative, prepositional) of one document of the type
    DocType.contract: ("m", "договор", "договора", "договору", "договоре"),
    DocType.act: ("m", "акт оказанных услуг (выполненных работ)", "акта оказанных услуг (выполненных работ)",
                  "акту оказанных услуг (выполненных работ)", "акте оказанных услуг (выполненных работ)"),
    DocType.invoice: ("m", "счет-фактура", "счета-фактуры", "счету-фактуре", "счете-фактуре"),
    DocType.payment_order: ("n", "платежное поручение", "платежного поручения", "платежному поручению",
                            "платежном поручении"),
    DocType.ktp_extract: ("f", "выписка из реестра казахстанских товаропроизводителей",
                          "выписки из реестра казахстанских товаропроизводителей",
                          "выписке из реестра казахстанских товаропроизводителей",
                          "выписке из реестра казахстанских товаропроизводителей"),
    DocType.application: ("f", "заявка (приложение 1 к Правилам)", "заявки (приложение 1 к Правилам)",
                          "заявке (приложение 1 к Правилам)", "заявке (приложение 1 к Правилам)"),
    DocType.applicant_report: ("m", "отчет заявителя", "отчета заявителя", "отчету заявителя",
                               "отчете заявителя"),
    DocType.order: ("m", "приказ о направлении работников на обучение",
                    "приказа о направлении работников на обучение",
                    "приказу о направлении работников на обучение",
                    "приказе о направлении работников на обучение"),
    DocType.training_certificate: ("m", "сертификат о подготовке, переподготовке или повышении квалификации",
                                   "сертификата о подготовке, переподготовке или повышении квалификации",
                                   "сертификату о подготовке, переподготовке или повышении квалификации",
                                   "сертификате о подготовке, переподготовке или повышении квалификации"),
    DocType.acceptance_certificate: ("m", "акт приема-передачи", "акта приема-передачи",
                                     "акту приема-передачи", "акте приема-передачи"),
    DocType.waybill: ("f", "накладная на отпуск запасов на сторону (З-2)",
                      "накладной на отпуск запасов на сторону (З-2)",
                      "накладной на отпуск запасов на сторону (З-2)",
                      "накладной на отпуск запасов на сторону (З-2)"),
    DocType.technical_passport: ("f", "техническая документация (технический паспорт)",
                                 "технической документации (технического паспорта)",
                                 "технической документации (техническому паспорту)",
                                 "технической документации (техническом паспорте)"),
    DocType.photo: ("f", "фотография оборудования", "фотографии оборудования", "фотографии оборудования",
                    "фотографии оборудования"),
    DocType.priority_goods: ("m", "документ о производстве приоритетных товаров",
                             "документа о производстве приоритетных товаров",
                             "документу о производстве приоритетных товаров",
                             "документе о производстве приоритетных товаров"),
    DocType.travel_document: ("m", "проездной документ", "проездного документа", "проездному документу",
                              "проездном документе"),
    DocType.accommodation_document: ("m", "документ о проживании", "документа о проживании",
                                     "документу о проживании", "документе о проживании"),
    DocType.tax_exemption: ("m", "документ об освобождении от уплаты налогов",
                            "документа об освобождении от уплаты налогов",
                            "документу об освобождении от уплаты налогов",
                            "документе об освобождении от уплаты налогов"),
    DocType.manufacturer_document: ("m", "документ изготовителя", "документа изготовителя",
                                    "документу изготовителя", "документе изготовителя"),
    DocType.settlement_document: ("m", "документ об оплате (аккредитив, взаимозачет, удержание неустойки)",
                                  "документа об оплате (аккредитив, взаимозачет, удержание неустойки)",
                                  "документу об оплате (аккредитив, взаимозачет, удержание неустойки)",
                                  "документе об оплате (аккредитив, взаимозачет, удержание неустойки)"),
    DocType.foreign_registration: ("m", "документ о регистрации исполнителя-нерезидента",
                                   "документа о регистрации исполнителя-нерезидента",
                                   "документу о регистрации исполнителя-нерезидента",
                                   "документе о регистрации исполнителя-нерезидента"),
    DocType.tax_statement: ("f", "выписка из лицевого счета по налогам",
                            "выписки из лицевого счета по налогам", "выписке из лицевого счета по налогам",
                            "выписке из лицевого счета по налогам"),
    DocType.power_of_attorney: ("f", "доверенность", "доверенности", "доверенности", "доверенности"),
    DocType.other: ("m", "прочий документ", "прочего документа", "прочему документу", "прочем документе"),
}
"""One document of each type in Russian: its gender and its name in four cases (the list names of
`names.DOC_TYPE_NAMES` are plural for some types; a sentence about one document uses these)."""

_CASE = {"nom": 1, "gen": 2, "dat": 3, "prep": 4}
_ENDINGS = {"m": "", "f": "а", "n": "о"}


def one_name(doc_type: DocType, case: str = "nom") -> str:
    """The Russian name of one document of this type (lower case) in `case` (nom, gen, dat, prep)."""
    return CASES[doc_type][_CASE[case]]


def days(n: int) -> Message:
    """`1 день`, `3 дня`, `11 дней` (the Russian plural of «день»); Kazakh says `3 күн` after any number."""
    if n % 10 == 1 and n % 100 != 11:
        return msg(N_("%(n)s день"), n=n)
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return msg(N_("%(n)s дня"), n=n)
    return msg(N_("%(n)s дней"), n=n)


def by_gender(doc_type: DocType, masculine: str, feminine: str, neuter: str) -> str:
    """One of three msgids by the Russian gender of the type's name (the Kazakh texts are alike)."""
    return {"m": masculine, "f": feminine, "n": neuter}[CASES[doc_type][0]]


def name(doc_type: DocType, case: str = "nom") -> Message:
    """`one_name` as a message (the Kazakh catalogue gives the name; the template asks its case)."""
    return Message(id=one_name(doc_type, case))


def doc_ref(doc: Document, case: str = "nom") -> Message:
    """`describe` as a message: Kazakh puts the date and number before the name, so the name's case
    ending closes the phrase (`05.03.2024 ж. № 17 төлем тапсырмасынан`)."""
    number = doc.fields.number.value if doc.fields.number else None
    day = ru_date(doc.fields.date.value) if doc.fields.date else None
    title = name(doc.type, case)
    if number and day:
        return msg(N_("%(name)s № %(number)s от %(date)s"), name=title, number=number, date=day)
    if number:
        return msg(N_("%(name)s № %(number)s"), name=title, number=number)
    if day:
        return msg(N_("%(name)s без номера от %(date)s"), name=title, date=day)
    return msg(N_("%(name)s без номера"), name=title)


def joined(parts: "list[Message] | tuple[Message, ...]", sep: str = "; ") -> Message:
    """Messages one after another (`a; b; c`): the separator is the same in both languages."""
    return Message(id=sep.join(f"%(p{i})s" for i in range(len(parts))),
                   params={f"p{i}": p for i, p in enumerate(parts)})


def agree(doc_type: DocType, short_participle: str) -> str:
    """`датирован` → `датировано` for a payment order, `датирована` for an extract (the type's gender)."""
    return short_participle + _ENDINGS[CASES[doc_type][0]]


def describe(doc: Document, case: str = "nom") -> str:
    """`платежное поручение № 17 от 05.03.2024` from the document's type, number and date (`case`: nom,
    gen, dat or prep of the name)."""
    parts = [one_name(doc.type, case)]
    parts.append(f"№ {doc.fields.number.value}" if doc.fields.number else "без номера")
    if doc.fields.date:
        parts.append(f"от {ru_date(doc.fields.date.value)}")
    return " ".join(parts)


def locate(doc: Document, evidence: Evidence | None) -> tuple[str | None, int | None, BBox | None]:
    """File, page and box of a value: the evidence's own, else the document's first page (no box)."""
    first = doc.pages[0] if doc.pages else None
    file = evidence.file if evidence and evidence.file else (first.file if first else None)
    page = evidence.page if evidence and evidence.page is not None else (first.page if first else None)
    return file, page, evidence.bbox if evidence else None


def sentence(text: str) -> str:
    """Upper-case the first letter only (unlike str.capitalize, keeps `№ KZ-17` intact)."""
    return text[:1].upper() + text[1:]


def ru_money(amount: Decimal, currency: str = "KZT") -> str:
    """`5 140 356,48 KZT`: groups of three, decimal comma, two decimals."""
    text = format(amount.quantize(Decimal("0.01")), "f")
    whole, _, frac = text.partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return f"{sign}{' '.join(groups) or '0'},{frac} {currency}"
