"""What the applicant states about the package at upload."""

from datetime import date

from pydantic import field_validator

from models.base import Frozen
from models.vocab import CostType


class PackageRequest(Frozen):
    """The package's stated facts: they enter the pipeline once and are read from here."""

    cost_type: CostType
    application_date: date
    applicant_bin: str

    @field_validator("applicant_bin")
    @classmethod
    def _twelve_digits(cls, v: str) -> str:
        if len(v) != 12 or not v.isdigit():
            raise ValueError("БИН/ИИН должен состоять из 12 цифр")
        return v
