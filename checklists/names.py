"""Russian names of document types, cost types and package flags: the one place the report and pages read."""

import re
from types import MappingProxyType

from models.vocab import CostType, DocType

DOC_TYPE_NAMES: MappingProxyType[DocType, str] = MappingProxyType(
    {
        DocType.contract: "договор",
        DocType.act: "акт оказанных услуг (выполненных работ)",
        DocType.invoice: "счет-фактура",
        DocType.payment_order: "платежное поручение",
        DocType.ktp_extract: "выписка из реестра казахстанских товаропроизводителей",
        DocType.application: "заявка (приложение 1 к Правилам)",
        DocType.applicant_report: "отчет заявителя",
        DocType.order: "приказ о направлении работников на обучение",
        DocType.training_certificate: "сертификат о подготовке, переподготовке или повышении квалификации",
        DocType.acceptance_certificate: "акт приема-передачи",
        DocType.waybill: "накладная на отпуск запасов на сторону (З-2)",
        DocType.technical_passport: "техническая документация (технический паспорт)",
        DocType.photo: "фотографии оборудования",
        DocType.priority_goods: "документы о производстве приоритетных товаров (сертификаты, декларации)",
        DocType.travel_document: "проездные документы",
        DocType.accommodation_document: "документы о проживании",
        DocType.tax_exemption: "документы об освобождении от уплаты налогов",
        DocType.manufacturer_document: "документы, подтверждающие предприятие-изготовителя",
        DocType.settlement_document: (
            "документы об оплате аккредитивом, взаимозачетом или удержанием неустойки"
        ),
        DocType.foreign_registration: "документы о регистрации исполнителя-нерезидента",
        DocType.tax_statement: "выписка из лицевого счета по налогам",
        DocType.power_of_attorney: "доверенность",
        DocType.other: "прочий документ",
    }
)
"""DocType → Russian name (nominative, lower case)."""

COST_TYPE_NAMES: MappingProxyType[CostType, str] = MappingProxyType(
    {
        CostType.staff_competence: (
            "повышение компетенции работников: профессиональная подготовка и/или переподготовка и/или "
            "повышение квалификации инженерно-технического персонала, производственного персонала, "
            "в том числе топ-менеджеров"
        ),
        CostType.process_energy_audit: "совершенствование технологических процессов: проведение энергоаудита",
        CostType.process_supervised_installation: (
            "совершенствование технологических процессов: шеф-монтаж оборудования, "
            "включая инструктаж (обучение) по работе с оборудованием"
        ),
        CostType.process_installation: (
            "совершенствование технологических процессов: монтаж оборудования, "
            "включая инструктаж (обучение) по работе с оборудованием"
        ),
        CostType.process_equipment: (
            "совершенствование технологических процессов: приобретение технологического оборудования "
            "(не бывшего в эксплуатации оборудования)"
        ),
        CostType.production_efficiency: (
            "повышение эффективности организации производства: внедрение прогрессивных управленческих "
            "и производственных технологий (энергоэффективные и зеленые технологии, элементы бережливого "
            "производства – Kaizen, TPM, Six Sigma, 5S и Kanban)"
        ),
        CostType.digital_equipment: (
            "внедрение цифровых технологий: приобретение цифрового оборудования (3D-сканер, 3D-принтер, "
            "плоттер-широкоформатный принтер с функциями сканера и копирования, не бывшего в эксплуатации "
            "оборудования)"
        ),
    }
)
"""CostType → the measure and cost type as p.12 of the Rules words them."""

SERVICE_NAMES: MappingProxyType[CostType, str] = MappingProxyType(
    {
        CostType.staff_competence: "Возмещение затрат на повышение компетенции работников",
        CostType.process_energy_audit: "Возмещение затрат на совершенствование технологических процессов",
        CostType.process_supervised_installation: (
            "Возмещение затрат на совершенствование технологических процессов"
        ),
        CostType.process_installation: "Возмещение затрат на совершенствование технологических процессов",
        CostType.process_equipment: "Возмещение затрат на совершенствование технологических процессов",
        CostType.production_efficiency: (
            "Возмещение затрат на повышение эффективности организации производства"
        ),
        CostType.digital_equipment: "Возмещение затрат на внедрение цифровых технологий",
    }
)
"""CostType → the name of the state service (headings of App.3, 4, 5, 5-1)."""

FLAG_NAMES: MappingProxyType[str, str] = MappingProxyType(
    {
        "tax_exempt": "заявитель освобожден от уплаты налогов",
        "travel_claimed": "заявлены расходы на проезд к месту обучения и обратно",
        "accommodation_claimed": "заявлены расходы на проживание в период обучения",
        "non_resident_executor": "исполнитель (поставщик) — нерезидент Республики Казахстан",
        "ie_applicant": "заявитель — индивидуальный предприниматель",
    }
)
"""Package flag (a ChecklistItem.condition) → Russian statement of the fact it stands for."""

KNOWN_FLAGS: frozenset[str] = frozenset(FLAG_NAMES)


APPENDIX: dict[CostType, str] = {
    CostType.staff_competence: "App.3",
    CostType.process_energy_audit: "App.4",
    CostType.process_supervised_installation: "App.4",
    CostType.process_installation: "App.4",
    CostType.process_equipment: "App.4",
    CostType.production_efficiency: "App.5",
    CostType.digital_equipment: "App.5-1",
}
"""The appendix of the Rules that lists each cost type's documents (item 8) and refusal grounds (item 9)."""


_CITE_PARTS: tuple[tuple[str, str], ...] = (
    (r"Order (\d+) p\.", r"приказ № \1, п. "),
    (r"App\.([\d-]+) item ", r"прил. \1, п. "),
    (r"App\.([\d-]+)", r"прил. \1"),
    (r"(?<![\w.])p\.", "п. "),
)


_NUM = r"([\d-]+(?:\(\d+\))?)"
_CITE_PARTS_KK: tuple[tuple[str, str], ...] = (
    (r"Order (\d+) p\." + _NUM, r"№ \1 бұйрық, \2-т."),
    (r"App\.([\d-]+) item " + _NUM, r"\1-қосымша, \2-т."),
    (r"App\.([\d-]+)", r"\1-қосымша"),
    (r"(?<![\w.])p\." + _NUM, r"\1-т."),
)


def ru_citation(citation: str) -> str:
    """A citation in the applicant's language: `App.5-1 item 8(4); p.17` → `прил. 5-1, п. 8(4); п. 17`;
    Russian text already in it (a list name, a reading) stays as it is."""
    out = citation
    for pattern, repl in _CITE_PARTS:
        out = re.sub(pattern, repl, out)
    return out


def local_citation(citation: str, lang: str) -> str:
    """A citation in Russian (`ru_citation`) or Kazakh: `App.5-1 item 8(4); p.17` → `5-1-қосымша, 8(4);
    17-т.`."""
    if lang != "kk":
        return ru_citation(citation)
    out = citation
    for pattern, repl in _CITE_PARTS_KK:
        out = re.sub(pattern, repl, out)
    return out
