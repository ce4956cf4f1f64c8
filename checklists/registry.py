"""The registry of finding codes: each rule's code, severities, citation and one-sentence description.

Codes and severities are taken from the rule modules themselves; a new finding code is one more row
here. `README.md` (Findings) and `checklists/README.md` (Finding codes of the rules) are tested against
this table (`tests/checklists/test_rule_registry.py`). The citation is the short reference the tables
show; each finding carries its own full citation (a checklist item's, the cost type's appendix).
"""

from __future__ import annotations

from checklists.rules import (
    amounts,
    conditions,
    dates,
    eligibility,
    grounds,
    history,
    reimbursement,
    relevance,
    travel,
)
from checklists.rules.bins import (
    BRANCH_CODE,
    BRANCH_SEVERITY,
    INVALID_CODE,
    INVALID_DOUBT_SEVERITY,
    INVALID_SEVERITY,
    MISMATCH_CODE,
    MISMATCH_SEVERITY,
)
from checklists.rules.bins import MISREAD_CODE as BIN_MISREAD_CODE
from checklists.rules.bins import MISREAD_DOUBT_SEVERITY as BIN_MISREAD_DOUBT_SEVERITY
from checklists.rules.bins import MISREAD_SEVERITY as BIN_MISREAD_SEVERITY
from checklists.rules.completeness import CODE as MISSING_CODE
from checklists.rules.window import CODE as WINDOW_CODE
from checklists.rules.window import DOUBTFUL_SEVERITY as WINDOW_DOUBT_SEVERITY
from checklists.rules.window import SEVERITY as WINDOW_SEVERITY
from models.base import Frozen
from models.vocab import Severity

ERROR, WARNING, INFO = Severity.error, Severity.warning, Severity.info


class Rule(Frozen):
    code: str
    severities: tuple[Severity, ...]
    """Every severity the code is raised with."""
    citation: str
    description: str
    """One sentence, English (the findings themselves speak Russian)."""
    source: str
    """Where the finding is made."""


def _rule(code: str, severities: tuple[Severity, ...], citation: str, description: str, source: str) -> Rule:
    return Rule(code=code, severities=severities, citation=citation, description=description, source=source)


RULES: tuple[Rule, ...] = (
    _rule(MISSING_CODE, (ERROR, WARNING), "App.3–5-1 item 8(n)",
          "A document the checklist of the cost type requires is absent.",
          "checklists/rules/completeness.py"),
    _rule("rejected_file", (ERROR,), "item 9 of the appendix",
          "A file cannot be read at all (corrupt, encrypted, empty, unsupported, too large, a bomb).",
          "intake/findings.py"),
    _rule("unreadable_document", (ERROR, WARNING), "item 9 of the appendix",
          "A page failed to read or yielded no text.", "intake/findings.py"),
    _rule(WINDOW_CODE, (WINDOW_SEVERITY, WINDOW_DOUBT_SEVERITY), "p.14 / p.14-1",
          "A cost or the last equipment payment is older than 24 months before the application.",
          "checklists/rules/window.py"),
    _rule(conditions.CODE, (conditions.SEVERITY,), "App.3–5-1 item 8(n); p.13(5)",
          "A condition the package shows switches a conditional checklist item on, with its evidence.",
          "checklists/rules/conditions.py"),
    _rule(amounts.CODE, (amounts.SEVERITY, amounts.PRIMARY_SEVERITY), "p.17",
          "Payments, invoices, acts, the contract or acceptance documents do not add up.",
          "checklists/rules/amounts.py"),
    _rule(amounts.MISREAD_CODE, (amounts.MISREAD_SEVERITY,), "p.17",
          "A total that looks misread (a lost digit group, the VAT line) is left out of the comparison.",
          "checklists/rules/amounts.py"),
    _rule(amounts.UNREAD_CODE, (amounts.UNREAD_SEVERITY,), "p.17",
          "A document whose total was not read keeps a comparison of amounts from being made.",
          "checklists/rules/amounts.py"),
    _rule(dates.CODE, (dates.SEVERITY, dates.DOUBTFUL_SEVERITY), "p.17; p.14, p.14-1",
          "An act, invoice or payment predates the contract, or a claimed document follows the application.",
          "checklists/rules/dates.py"),
    _rule(INVALID_CODE, (INVALID_SEVERITY, INVALID_DOUBT_SEVERITY), "BIN/IIN check digit",
          "A BIN/IIN fails its check digit (a warning where OCR read it unsurely).",
          "checklists/rules/bins.py"),
    _rule(BIN_MISREAD_CODE, (BIN_MISREAD_SEVERITY, BIN_MISREAD_DOUBT_SEVERITY), "BIN/IIN check digit",
          "An unsure OCR reading of a BIN one or two digits off a valid BIN of the package.",
          "checklists/rules/bins.py"),
    _rule(MISMATCH_CODE, (MISMATCH_SEVERITY,), "product check",
          "The applicant, payer or executor differs across documents or from the upload.",
          "checklists/rules/bins.py"),
    _rule(BRANCH_CODE, (BRANCH_SEVERITY,), "BIN structure",
          "A branch BIN signs for the applicant.", "checklists/rules/bins.py"),
    _rule(reimbursement.CAP_CODE, (reimbursement.CAP_SEVERITY,), "p.14 / p.14-1",
          "40 % of the eligible costs exceeds the yearly cap of the cost type.",
          "checklists/rules/reimbursement.py"),
    _rule(reimbursement.RATE_CODE, (reimbursement.RATE_SEVERITY,), "p.19",
          "A foreign-currency payment has no NBK rate on its date, so it is left out of the amount.",
          "checklists/rules/reimbursement.py"),
    _rule(eligibility.EXCLUDED_CODE, (eligibility.WARNING,), "p.5(8)",
          "An equipment contract names logistics, refrigeration, cranes, vehicles or loaders.",
          "checklists/rules/eligibility.py"),
    _rule(eligibility.TRAINING_CODE, (eligibility.WARNING,), "p.12(1)",
          "Training takes over 3 months from the order to the last certificate.",
          "checklists/rules/eligibility.py"),
    _rule(eligibility.STAY_CODE, (eligibility.WARNING,), "p.20(3); App.3 item 8(12)",
          "Accommodation lasts over 1 month (3 for long trips).", "checklists/rules/eligibility.py"),
    _rule(eligibility.DUPLICATE_CODE, (eligibility.WARNING,), "p.17",
          "The same document is submitted twice (counted once in sums).", "checklists/rules/eligibility.py"),
    _rule(travel.TRAVEL_CODE, (travel.SEVERITY,), "p.20(2); App.3 item 8(11); p.23",
          "A ticket above the class the Rules allow, or a trip beyond one round trip, is left out.",
          "checklists/rules/travel.py"),
    _rule(travel.STAY_CODE, (travel.SEVERITY,), "p.20(3); App.3 item 8(12); p.23",
          "A room above standard, a per diem or nights beyond the allowed stay are left out.",
          "checklists/rules/travel.py"),
    _rule(grounds.TAX_CODE, (grounds.SEVERITY,), "p.13(5); App.1 item 13",
          "The application's tax payments over 3 years do not grow every year.",
          "checklists/rules/grounds.py"),
    _rule(grounds.USED_CODE, (grounds.SEVERITY,), "p.12(2), p.12(3)",
          "The deal's documents show used equipment or a manufacture date before the required year.",
          "checklists/rules/grounds.py"),
    _rule(grounds.DIGITAL_CODE, (grounds.SEVERITY,), "p.12(2)",
          "A digital-equipment contract names no device of the closed list.",
          "checklists/rules/grounds.py"),
    _rule(grounds.REGISTER_CODE, (grounds.SEVERITY,), "p.13(6)",
          "The register extract names another BIN or is not in force on the application date.",
          "checklists/rules/grounds.py"),
    _rule(grounds.TRAINEE_CODE, (grounds.SEVERITY,), "p.12(1)",
          "The order sends finance, administrative or legal staff to training.",
          "checklists/rules/grounds.py"),
    _rule(history.REUSED_CODE, (history.SEVERITY,), "p.14; p.17",
          "A cost document or file was already submitted in another package of the applicant.",
          "checklists/rules/history.py"),
    _rule(history.AGREEMENT_CODE, (history.SEVERITY,), "p.14",
          "Another package of the same cost type was approved in the same calendar year.",
          "checklists/rules/history.py"),
    _rule(history.CAP_CODE, (history.SEVERITY,), "p.14 / p.14-1",
          "This year's grants under the same cap plus this package's amount exceed the cap.",
          "checklists/rules/history.py"),
    _rule(relevance.WRONG_CODE, (relevance.WARNING,), "item 8; item 9 of the appendix",
          "A paper of no kind the Rules list, or a deal document between parties foreign to the package.",
          "checklists/rules/relevance.py"),
    _rule(relevance.LOW_CODE, (relevance.WARNING,), "item 8; item 9 of the appendix",
          "The calibrated confidence in a document's type is below 0.9: an officer confirms the type.",
          "checklists/rules/relevance.py"),
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
