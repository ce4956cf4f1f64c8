"""Tables: users, packages, their files, reports and the audit log."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    """`ru` or `kk`: the pages' language chosen by the user (none: the browser's)."""
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    """Set by an operator: the user can no longer sign in, and tokens already issued stop working."""


class OneTimeLink(Base):
    """An invitation or a password reset: a link usable once before it expires (only its hash is kept)."""

    __tablename__ = "one_time_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    """`invite` (a new account) or `reset` (a new password for an existing one)."""
    email: Mapped[str] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Package(Base):
    __tablename__ = "packages"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    cost_type: Mapped[str] = mapped_column(String(64))
    application_date: Mapped[date] = mapped_column(Date)
    applicant_bin: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    stage: Mapped[str | None] = mapped_column(String(32), nullable=True)
    pages_done: Mapped[int] = mapped_column(Integer, default=0)
    pages_total: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """The worker (host:pid) that took the package for processing."""
    rerun: Mapped[bool] = mapped_column(default=False, server_default=false())
    """Checked again when the running pass ends (a re-check or new files arrived while processing)."""
    derived: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    """Cache entries written or read for the package (`namespace/key`), deleted with it."""
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    complete: Mapped[bool | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    files: Mapped[list[PackageFile]] = relationship(back_populates="package", order_by="PackageFile.position",
                                                    cascade="all, delete-orphan")
    report: Mapped[Report | None] = relationship(back_populates="package", cascade="all, delete-orphan")


class PackageFile(Base):
    __tablename__ = "package_files"
    __table_args__ = (UniqueConstraint("package_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    package: Mapped[Package] = relationship(back_populates="files")


class Report(Base):
    __tablename__ = "reports"

    package_id: Mapped[str] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"), primary_key=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    package: Mapped[Package] = relationship(back_populates="report")


class PageRow(Base):
    """A page as read: where its words came from and how sure the reading is."""

    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("package_id", "file", "page"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"), index=True)
    file: Mapped[str] = mapped_column(String(512))
    page: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(16), nullable=True)
    document_id: Mapped[str | None] = mapped_column(String(32), nullable=True)


class DocumentRow(Base):
    """A document of a package as classified (an officer may correct the type)."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("package_id", "doc_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"), index=True)
    doc_id: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(32), index=True)
    confidence: Mapped[float] = mapped_column()
    fields: Mapped[list[FieldRow]] = relationship(back_populates="document", cascade="all, delete-orphan")


class FieldRow(Base):
    """One value read from a document (number, date, total, a party), with its evidence."""

    __tablename__ = "fields"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(512))
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    file: Mapped[str | None] = mapped_column(String(512), nullable=True)
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)
    bbox: Mapped[list[float] | None] = mapped_column(JSON, nullable=True)
    confidence: Mapped[float | None] = mapped_column(nullable=True)
    document: Mapped[DocumentRow] = relationship(back_populates="fields")


class FindingRow(Base):
    """A finding of the latest check; officers resolve or override them."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64), index=True)
    severity: Mapped[str] = mapped_column(String(16), index=True)
    message: Mapped[str] = mapped_column(Text)
    citation: Mapped[str] = mapped_column(String(255))
    doc_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    documents: Mapped[list[str]] = mapped_column(JSON, default=list)
    file: Mapped[str | None] = mapped_column(String(512), nullable=True)
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)
    resolution: Mapped[str | None] = mapped_column(String(16), nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(64))
    package_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Correction(Base):
    """An officer's correction of what was read: a document's type, a field's value or a party's role.

    Kept apart from the report so that a later re-processing of the package applies it again.
    """

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    doc_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    """`type`, `field` (key: number, date or total) or `role` (key: the party's index)."""
    key: Mapped[str] = mapped_column(String(32), default="")
    value: Mapped[str] = mapped_column(String(512))


class Decision(Base):
    """The officer's decision on a package (for the quarterly report of App.7)."""

    __tablename__ = "decisions"

    package_id: Mapped[str] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16))
    """`approved` or `rejected`."""
    amount: Mapped[str | None] = mapped_column(String(32), nullable=True)
    """Reimbursement granted (KZT, decimal string) when approved."""
    comment: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RevokedToken(Base):
    """A signed-out session: its token is refused until it would have expired anyway."""

    __tablename__ = "revoked_tokens"

    token_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
