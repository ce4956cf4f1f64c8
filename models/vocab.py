"""Closed vocabularies of the report contract (shared/contract/README.md)."""

from enum import StrEnum


class CostType(StrEnum):
    """Cost types of p.12 of the Rules."""

    staff_competence = "staff_competence"
    process_energy_audit = "process_energy_audit"
    process_supervised_installation = "process_supervised_installation"
    process_installation = "process_installation"
    process_equipment = "process_equipment"
    production_efficiency = "production_efficiency"
    digital_equipment = "digital_equipment"


class DocType(StrEnum):
    """Document types of the contract vocabulary."""

    contract = "contract"
    act = "act"
    invoice = "invoice"
    payment_order = "payment_order"
    ktp_extract = "ktp_extract"
    application = "application"
    applicant_report = "applicant_report"
    order = "order"
    training_certificate = "training_certificate"
    acceptance_certificate = "acceptance_certificate"
    waybill = "waybill"
    technical_passport = "technical_passport"
    photo = "photo"
    priority_goods = "priority_goods"
    travel_document = "travel_document"
    accommodation_document = "accommodation_document"
    tax_exemption = "tax_exemption"
    manufacturer_document = "manufacturer_document"
    settlement_document = "settlement_document"
    foreign_registration = "foreign_registration"
    tax_statement = "tax_statement"
    power_of_attorney = "power_of_attorney"
    other = "other"


class Role(StrEnum):
    """Role of a party in the deal."""

    applicant = "applicant"
    executor = "executor"
    other = "other"


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class PageSource(StrEnum):
    text_layer = "text_layer"
    ocr = "ocr"
    mixed = "mixed"


EQUIPMENT_COST_TYPES = frozenset({CostType.process_equipment, CostType.digital_equipment})
"""Cost types that are purchases of equipment (p.14-1); the rest are services (p.14)."""
