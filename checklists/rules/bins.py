"""Identifiers: BIN/IIN check digit on every party, and the applicant's BIN found on the documents."""

from collections.abc import Sequence

from checklists.rules._text import describe, locate, sentence
from models.documents import Document
from models.findings import Finding
from models.package import PackageRequest
from models.vocab import Role, Severity

INVALID_CODE = "invalid_bin"
INVALID_SEVERITY = Severity.error
INVALID_CITATION = "БИН/ИИН: контрольный разряд (опубликованный алгоритм; не норма Правил)"

MISMATCH_CODE = "bin_mismatch"
MISMATCH_SEVERITY = Severity.warning
MISMATCH_CITATION = "БИН/ИИН заявителя: сверка с документами пакета (проверка продукта; не норма Правил)"


def invalid_bins(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """`invalid_bin` for every party whose BIN/IIN fails the check digit (`Party.valid` is False)."""
    findings: list[Finding] = []
    for doc in documents:
        for party in doc.fields.parties:
            if party.valid:
                continue
            who = ", ".join(x for x in (party.name, party.position) if x)
            file, page, bbox = locate(doc, party)
            findings.append(
                Finding(
                    code=INVALID_CODE,
                    severity=INVALID_SEVERITY,
                    message=(
                        f"{sentence(describe(doc))}: БИН/ИИН {party.bin}"
                        + (f" ({who})" if who else "")
                        + " не проходит проверку контрольного разряда — ошибка в номере или в распознавании."
                    ),
                    citation=INVALID_CITATION,
                    doc_type=doc.type,
                    documents=(doc.id,),
                    file=file,
                    page=page,
                    bbox=bbox,
                )
            )
    return tuple(findings)


def applicant_bin_mismatch(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """`bin_mismatch` when the BIN given at upload is on no document as the applicant's.

    Silent for an empty package (completeness already reports it); points at the documents whose
    applicant carries another BIN.
    """
    if not documents:
        return ()
    others = [
        (doc, party)
        for doc in documents
        for party in doc.fields.parties
        if party.role == Role.applicant and party.bin != request.applicant_bin
    ]
    if any(
        party.role == Role.applicant and party.bin == request.applicant_bin
        for doc in documents
        for party in doc.fields.parties
    ):
        return ()
    message = (
        f"БИН/ИИН заявителя {request.applicant_bin}, указанный при загрузке, не найден ни в одном документе "
        "пакета в качестве заявителя"
    )
    if others:
        message += "; заявитель в документах указан с БИН/ИИН " + ", ".join(
            sorted({party.bin for _, party in others})
        )
    file, page, bbox = locate(others[0][0], others[0][1]) if others else (None, None, None)
    return (
        Finding(
            code=MISMATCH_CODE,
            severity=MISMATCH_SEVERITY,
            message=message + ".",
            citation=MISMATCH_CITATION,
            documents=tuple(dict.fromkeys(doc.id for doc, _ in others)),
            file=file,
            page=page,
            bbox=bbox,
        ),
    )


def bins(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """Invalid BINs first, then the applicant BIN check."""
    return invalid_bins(request, documents) + applicant_bin_mismatch(request, documents)
