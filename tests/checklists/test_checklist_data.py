"""The shipped checklist data, tested as data (Prowler-style): it parses, ids are unique, every citation
exists in the regulation text and names the document the item asks for, and the versions split exactly
at the Order 442 p.4 boundaries."""

import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
import yaml

from checklists.load import BASE_VERSION, boundaries, checklist_for, load_items, parse_items
from checklists.names import COST_TYPE_NAMES, DOC_TYPE_NAMES, FLAG_NAMES, SERVICE_NAMES
from models.checklist import ChecklistItem
from models.vocab import CostType, DocType

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO / "checklists" / "data"
REGULATION_DIR = REPO.parent / "shared" / "regulation"
REGULATION_FILE = REGULATION_DIR / "000_6054b853f54b7591.txt"

KTP_FROM = date(2026, 1, 1)
ITEMS = load_items()

CITATION = re.compile(
    r"^App\.(?P<app>\d+(?:-\d+)?) item (?P<item>\d+)\((?P<sub>\d+)\)"
    r"(?:, (?P<section>[^;]+))?"
    r"(?P<extras>(?:; [^;]+)*)$"
)
EXTRA_PARAGRAPH = re.compile(r"^p\.(?P<n>\d+(?:-\d+)?)$")
EXTRA_ORDER = re.compile(r"^Order 442 p\.(?P<n>\d+)\((?P<sub>\d+)\)$")

# App.4 item 8 holds four lists; a citation names the list, the text's heading holds this phrase.
APP4_SECTIONS = {
    "энергоаудит": "на проведение энергоаудита",
    "шеф-монтаж": "по шеф-монтажу оборудования",
    "монтаж": "по затратам по монтажу",
    "технологическое оборудование": "на приобретение технологического оборудования",
}
# Id prefix of each appendix / App.4 list.
ID_PREFIX = {
    ("3", None): "app3",
    ("4", "энергоаудит"): "app4_audit",
    ("4", "шеф-монтаж"): "app4_supervised",
    ("4", "монтаж"): "app4_installation",
    ("4", "технологическое оборудование"): "app4_equipment",
    ("5", None): "app5",
    ("5-1", None): "app5_1",
}
# Words the cited sub-item must contain for each document type the item accepts (test oracle).
KEYWORDS: dict[DocType, tuple[str, ...]] = {
    DocType.application: ("заявк",),
    DocType.applicant_report: ("отчет заявителя",),
    DocType.contract: ("договор",),
    DocType.act: ("акт",),
    DocType.invoice: ("счетов-фактур",),
    DocType.payment_order: ("платежных документов",),
    DocType.settlement_document: ("аккредитивной форме расчетов", "взаимозачете", "неустойки"),
    DocType.priority_goods: ("приоритетных товаров",),
    DocType.ktp_extract: ("реестра казахстанских товаропроизводителей",),
    DocType.tax_exemption: ("освобождение заявителя от уплаты налогов",),
    DocType.order: ("приказа о направлении",),
    DocType.training_certificate: ("сертификата",),
    DocType.travel_document: ("проезда",),
    DocType.accommodation_document: ("проживания",),
    DocType.manufacturer_document: ("изготовителя",),
    DocType.acceptance_certificate: ("акт приемки-передачи",),
    DocType.waybill: ("накладная на отпуск запасов",),
    DocType.technical_passport: ("технической документации", "технический паспорт"),
    DocType.photo: ("фотографии",),
}
# The one reading that departs from the literal order p.4(2): in the technological-equipment list the
# order names sub 7 (tax exemption), evidently meaning sub 6 (priority goods). See RULES.md.
P4_READINGS = {("4", "технологическое оборудование", 7): ("4", "технологическое оборудование", 6)}


def parse_citation(citation: str) -> re.Match[str]:
    m = CITATION.match(citation)
    assert m, f"citation {citation!r} is not of the form 'App.N item 8(k)[, list][; p.N]...'"
    return m


def extras(m: re.Match[str]) -> list[str]:
    return [e for e in m["extras"].split("; ") if e]


# --- the regulation text -------------------------------------------------------------------------


@cache
def regulation() -> str:
    if not REGULATION_DIR.is_dir():
        pytest.skip(f"regulation folder {REGULATION_DIR} is absent: citations cannot be checked")
    return REGULATION_FILE.read_text(encoding="utf-8")


def appendix_item8(app: str) -> str:
    """Item 8 (list of documents) of Rules appendix `app`, up to item 9 (refusal grounds)."""
    text = regulation()
    head = re.search(rf"^\tПриложение {re.escape(app)}\s*\n\s*к Правилам", text, re.M)
    assert head, f"App.{app} of the Rules not found in the regulation text"
    body = text[head.end() :]
    start = body.index("Перечень документов и сведений, истребуемых")
    return body[start : body.index("Основания для отказа", start)]


def lists_of(app: str) -> dict[str | None, str]:
    """The lists of item 8 («При получении возмещения…») keyed by the citation's section name."""
    chunks = re.split(r"^(?=При получении возмещения)", appendix_item8(app), flags=re.M)[1:]
    if app != "4":
        assert len(chunks) == 1, f"App.{app} item 8 should hold one list"
        return {None: chunks[0]}
    found: dict[str | None, str] = {}
    for name, phrase in APP4_SECTIONS.items():
        matching = [c for c in chunks if phrase in c.splitlines()[0]]
        assert len(matching) == 1, f"App.4 list {name!r} not found exactly once"
        found[name] = matching[0]
    return found


def subs_of(section: str) -> dict[int, str]:
    """Numbered sub-items `k) …` of one list, keyed by k."""
    return {int(n): body for n, body in re.findall(r"^(\d+)\)\s*(.*)$", section, re.M)}


def non_resident_paragraph(section: str) -> str:
    marker = "В случае, если исполнителем выступает нерезидент"
    lines = [ln for ln in section.splitlines() if ln.startswith(marker)]
    assert len(lines) == 1
    return lines[0]


def order_p4(sub: int) -> str:
    text = regulation()
    start = text.index("4. Настоящий приказ вводится в действие")
    m = re.search(rf"^\s*{sub}\)(.*)$", text[start : start + 3000], re.M)
    assert m, f"Order 442 p.4({sub}) not found"
    return m[1]


def order_to_rules_appendix() -> dict[str, str]:
    """Order 442 appendix number → Rules appendix it replaces, from the order's own p.1 sentence."""
    m = re.search(
        r"приложение ([\d\-, и]+) изложить в новой редакции согласно приложениям ([\d, и]+) к настоящему",
        regulation(),
    )
    assert m

    def split(s: str) -> list[str]:
        return re.findall(r"\d+(?:-\d+)?", s)

    rules, order = split(m[1]), split(m[2])
    assert len(rules) == len(order)
    return dict(zip(order, rules, strict=True))


# --- shape of the data ---------------------------------------------------------------------------


def test_every_yaml_item_parses_and_is_loaded() -> None:
    files = sorted(DATA_DIR.glob("*.yaml"))
    assert len(files) == 7, "one data file per list: App.3, App.4 x4, App.5, App.5-1"
    total = 0
    for path in files:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = parse_items(raw, path.name)
        assert len(items) == len(raw["items"]) > 0
        assert all(isinstance(i, ChecklistItem) for i in items)
        total += len(items)
    assert len(ITEMS) == total, "load_items() (importlib.resources) must see every data file"


def test_ids_unique() -> None:
    ids = [i.id for i in ITEMS]
    assert len(ids) == len(set(ids))


def test_every_item_has_cost_and_doc_types() -> None:
    for item in ITEMS:
        assert item.cost_types, item.id
        assert item.doc_types, item.id
        assert len(set(item.doc_types)) == len(item.doc_types), item.id
        assert item.title.strip(), item.id


def test_conditions_are_known_flags() -> None:
    for item in ITEMS:
        assert item.condition is None or item.condition in FLAG_NAMES, item.id


def test_validity_ranges_are_ordered() -> None:
    for item in ITEMS:
        if item.valid_from and item.valid_until:
            assert item.valid_from < item.valid_until, item.id


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.id)
def test_id_agrees_with_citation(item: ChecklistItem) -> None:
    m = parse_citation(item.citation)
    prefix = ID_PREFIX[(m["app"], m["section"])]
    assert item.id.startswith(f"{prefix}.{m['item']}.{m['sub']}."), item.id


def test_each_list_serves_one_cost_type() -> None:
    by_list: dict[tuple[str, str | None], set[CostType]] = {}
    for item in ITEMS:
        m = parse_citation(item.citation)
        by_list.setdefault((m["app"], m["section"]), set()).update(item.cost_types)
    assert set(by_list) == set(ID_PREFIX)
    assert all(len(v) == 1 for v in by_list.values()), by_list
    assert {ct for v in by_list.values() for ct in v} == set(CostType)


# --- citations against the regulation text -------------------------------------------------------


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.id)
def test_citation_exists_and_names_the_document(item: ChecklistItem) -> None:
    m = parse_citation(item.citation)
    assert m["item"] == "8", "checklists cite item 8 (list of documents) of an appendix"
    assert (m["section"] is not None) == (m["app"] == "4"), "only App.4 has several lists"
    section = lists_of(m["app"])[m["section"]]
    subs = subs_of(section)
    sub = int(m["sub"])
    assert sub in subs, f"{item.citation}: no sub-item {sub}"
    text = subs[sub]
    for doc_type in item.doc_types:
        if doc_type == DocType.foreign_registration:
            # The substitute for invoices lives in the paragraph after the list, naming the invoice sub.
            paragraph = non_resident_paragraph(section)
            assert f"подпункте {sub})" in paragraph and "регистрацию" in paragraph, item.citation
            assert "счетов-фактур" in text, f"{item.citation}: the substituted sub-item is not the invoices"
        else:
            words = KEYWORDS[doc_type]
            assert any(w in text for w in words), f"{item.citation}: {doc_type} ({words}) not in {text!r}"
    if DocType.technical_passport in item.doc_types:
        assert ("при наличии" in item.title) == ("технический паспорт при наличии" in text), item.id


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.id)
def test_citation_extras_exist(item: ChecklistItem) -> None:
    for extra in extras(parse_citation(item.citation)):
        if p := EXTRA_PARAGRAPH.match(extra):
            assert re.search(rf'"{re.escape(p["n"])}\. \S', regulation()), f"{extra} not in the text"
        elif o := EXTRA_ORDER.match(extra):
            assert o["n"] == "4"
            assert order_p4(int(o["sub"])), extra
        else:
            pytest.fail(f"{item.id}: unknown citation part {extra!r}")


def test_every_sub_item_of_every_list_is_covered() -> None:
    """No orphans: each numbered document of each list is some item's citation."""
    cited = set()
    for item in ITEMS:
        m = parse_citation(item.citation)
        cited.add((m["app"], m["section"], int(m["sub"])))
    for app in ("3", "4", "5", "5-1"):
        for name, section in lists_of(app).items():
            for sub in subs_of(section):
                where = f"App.{app} {name or ''} item 8({sub})"
                assert (app, name, sub) in cited, f"{where} has no checklist item"


def test_dated_items_follow_order_p4() -> None:
    """valid_from 2026-01-01 = order p.4(1); valid_until 2026-01-01 = order p.4(2) (with the one reading)."""
    to_rules = order_to_rules_appendix()
    assert to_rules == {"1": "1", "2": "3", "3": "4", "4": "5", "5": "5-1", "6": "6"}

    def expected(p4_sub: int) -> set[tuple[str, str | None, int]]:
        out: set[tuple[str, str | None, int]] = set()
        for sub, order_app in re.findall(r"подпункта (\d+)\)? пункта 8 приложения (\d+)", order_p4(p4_sub)):
            app = to_rules[order_app]
            for name in lists_of(app):
                key = (app, name, int(sub))
                out.add(P4_READINGS.get(key, key) if p4_sub == 2 else key)
        return out

    def actual(attr: str) -> set[tuple[str, str | None, int]]:
        out = set()
        for item in ITEMS:
            if getattr(item, attr) is not None:
                assert getattr(item, attr) == KTP_FROM, item.id
                m = parse_citation(item.citation)
                out.add((m["app"], m["section"], int(m["sub"])))
        return out

    assert actual("valid_from") == expected(1)
    assert actual("valid_until") == expected(2)
    for item in ITEMS:
        if item.valid_from:
            assert item.doc_types == (DocType.ktp_extract,), item.id
        if item.valid_until:
            assert item.doc_types == (DocType.priority_goods,), item.id


# --- versions ------------------------------------------------------------------------------------


@pytest.mark.parametrize("cost_type", list(CostType))
def test_versions_differ_exactly_in_priority_goods_and_ktp(cost_type: CostType) -> None:
    before = checklist_for(cost_type, KTP_FROM - timedelta(days=1))
    after = checklist_for(cost_type, KTP_FROM)
    assert before.id == after.id == cost_type.value
    assert before.version == BASE_VERSION == "2022-06-01"
    assert after.version == "2026-01-01"
    ids_before = {i.id for i in before.items}
    ids_after = {i.id for i in after.items}
    only_before = [i for i in before.items if i.id not in ids_after]
    only_after = [i for i in after.items if i.id not in ids_before]
    assert [i.doc_types for i in only_before] == [(DocType.priority_goods,)]
    assert [i.doc_types for i in only_after] == [(DocType.ktp_extract,)]


@pytest.mark.parametrize("cost_type", list(CostType))
def test_versions_do_not_overlap(cost_type: CostType) -> None:
    """Each version is one contiguous date range with one item set; the next starts where it ends."""
    own = [i for i in ITEMS if cost_type in i.cost_types]
    cuts = boundaries(own)
    assert cuts == (KTP_FROM,)
    probes = sorted(
        {date(2022, 6, 1), date(2030, 1, 1)} | {d + timedelta(days=k) for d in cuts for k in (-1, 0, 1)}
    )
    content: dict[str, frozenset[str]] = {}
    seen_order: list[str] = []
    for day in probes:
        cl = checklist_for(cost_type, day)
        ids = frozenset(i.id for i in cl.items)
        assert content.setdefault(cl.version, ids) == ids, f"version {cl.version} has two contents"
        if not seen_order or seen_order[-1] != cl.version:
            assert cl.version not in seen_order, f"version {cl.version} comes back after another"
            seen_order.append(cl.version)
    assert seen_order == [BASE_VERSION, "2026-01-01"]
    priority = [i for i in own if DocType.priority_goods in i.doc_types]
    ktp = [i for i in own if DocType.ktp_extract in i.doc_types]
    assert len(priority) == len(ktp) == 1
    assert priority[0].valid_until == ktp[0].valid_from, "priority goods and the КТП extract never both apply"


@pytest.mark.parametrize("when", [date(2025, 6, 1), date(2026, 6, 1)])
@pytest.mark.parametrize("cost_type", list(CostType))
def test_core_items_present(cost_type: CostType, when: date) -> None:
    """Application, report, contract, invoice-or-substitute and payment: always required."""
    items = [i for i in checklist_for(cost_type, when).items if i.condition is None]

    def has(*types: DocType) -> bool:
        return any(set(types) <= set(i.doc_types) for i in items)

    assert has(DocType.application)
    assert has(DocType.applicant_report)
    assert has(DocType.contract)
    assert has(DocType.invoice, DocType.foreign_registration)
    assert has(DocType.payment_order, DocType.settlement_document)


def test_every_item_with_a_doubtful_reading_says_so() -> None:
    slip = [i for i in ITEMS if "описк" in (i.note or "")]
    assert {i.id for i in slip} == {"app4_equipment.8.6.priority_goods", "app4_equipment.8.7.tax_exemption"}
    assert all(i.note for i in ITEMS if i.valid_from or i.valid_until)


def test_names_cover_the_vocabularies() -> None:
    assert set(DOC_TYPE_NAMES) == set(DocType)
    assert set(COST_TYPE_NAMES) == set(CostType) == set(SERVICE_NAMES)
    assert all(re.search("[а-я]", n) for n in [*DOC_TYPE_NAMES.values(), *COST_TYPE_NAMES.values()])
