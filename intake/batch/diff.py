"""What changed between a package's previous check and this one, and why.

Findings are matched by (code, document type, file): a finding that moved to another paragraph or got
another message is the same finding. The reasons name what differs in the inputs of the check: the
request (cost type, application date), the checklist version, the files, the documents as read, and
otherwise the rules themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from models.base import Frozen

FindingKey = tuple[str, str, str]


class FindingRef(Frozen):
    code: str
    severity: str
    doc_type: str | None = None
    file: str | None = None
    message: str = ""


class Diff(Frozen):
    previous: bool
    """False: no earlier check to compare with (everything is new)."""
    verdict_before: bool | None = None
    verdict_after: bool | None = None
    added: tuple[FindingRef, ...] = ()
    removed: tuple[FindingRef, ...] = ()
    reasons: tuple[str, ...] = ()

    @property
    def verdict_changed(self) -> bool:
        return self.previous and self.verdict_before != self.verdict_after

    @property
    def changed(self) -> bool:
        return self.verdict_changed or bool(self.added or self.removed)

    def line(self) -> str:
        """One line for the summary: verdict change, findings added/removed, reasons."""
        if not self.previous:
            return "no previous check"
        parts = []
        if self.verdict_changed:
            parts.append(f"verdict {_verdict(self.verdict_before)} → {_verdict(self.verdict_after)}")
        if self.added:
            parts.append("+" + ",".join(sorted({f.code for f in self.added})))
        if self.removed:
            parts.append("-" + ",".join(sorted({f.code for f in self.removed})))
        if not parts:
            return "unchanged"
        return "; ".join(parts) + (f" ({'; '.join(self.reasons)})" if self.reasons else "")


def _verdict(complete: bool | None) -> str:
    return "?" if complete is None else ("complete" if complete else "incomplete")


def _key(f: Mapping[str, Any]) -> FindingKey:
    return (str(f.get("code")), str(f.get("doc_type") or ""), str(f.get("file") or ""))


def _ref(f: Mapping[str, Any]) -> FindingRef:
    return FindingRef(
        code=str(f.get("code")),
        severity=str(f.get("severity")),
        doc_type=f.get("doc_type"),
        file=f.get("file"),
        message=str(f.get("message") or ""),
    )


def _multiset_minus(a: list[Mapping[str, Any]], b: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    left = Counter(_key(f) for f in b)
    out = []
    for f in a:
        k = _key(f)
        if left[k]:
            left[k] -= 1
        else:
            out.append(f)
    return out


def _reasons(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    out = []
    op, np_ = old.get("package") or {}, new.get("package") or {}
    for field in ("cost_type", "application_date"):
        if op.get(field) != np_.get(field):
            out.append(f"{field} {op.get(field)} → {np_.get(field)}")
    oc, nc = old.get("checklist") or {}, new.get("checklist") or {}
    if (oc.get("id"), oc.get("version")) != (nc.get("id"), nc.get("version")):
        out.append(f"checklist {oc.get('id')}@{oc.get('version')} → {nc.get('id')}@{nc.get('version')}")
    files_old = {(f.get("name"), f.get("sha256")) for f in old.get("files") or ()}
    files_new = {(f.get("name"), f.get("sha256")) for f in new.get("files") or ()}
    if files_old != files_new:
        out.append(f"files changed (+{len(files_new - files_old)} -{len(files_old - files_new)})")
    docs_old = Counter(d.get("type") for d in old.get("documents") or ())
    docs_new = Counter(d.get("type") for d in new.get("documents") or ())
    if docs_old != docs_new:
        plus = sorted((docs_new - docs_old).elements())
        minus = sorted((docs_old - docs_new).elements())
        out.append(
            "documents read differently"
            + (f" +{','.join(plus)}" if plus else "")
            + (f" -{','.join(minus)}" if minus else "")
        )
    elif [d.get("fields") for d in old.get("documents") or ()] != [
        d.get("fields") for d in new.get("documents") or ()
    ]:
        out.append("fields read differently")
    return out


def diff_reports(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> Diff:
    """The change from `old` (None: no previous check) to `new` (both `intake.report/1` JSON)."""
    new_findings = list(new.get("findings") or ())
    after = bool(new.get("complete"))
    if old is None:
        return Diff(previous=False, verdict_after=after)
    old_findings = list(old.get("findings") or ())
    added = _multiset_minus(new_findings, old_findings)
    removed = _multiset_minus(old_findings, new_findings)
    before = bool(old.get("complete"))
    reasons = _reasons(old, new)
    if (added or removed or before != after) and not reasons:
        reasons = ["rules changed"]
    return Diff(
        previous=True,
        verdict_before=before,
        verdict_after=after,
        added=tuple(_ref(f) for f in added),
        removed=tuple(_ref(f) for f in removed),
        reasons=tuple(reasons),
    )
