"""The database schema, as SQLAlchemy 2 typed models.

The schema itself is made by the alembic migrations (migrations/versions); a test
checks that the two agree. Every timestamp is timezone-aware UTC.

    message     one row per mail received, raw bytes first, then what parsing found
    signatory   one row per person a signature message names, with a status
    mandate     the offices of a signatory, in the order stated
    event       the audit log: every status change, by the system or by staff
    checkpoint  the last IMAP UID seen per account and folder
    run         the history of ingest, requeue and poll runs
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SOURCE_KINDS = ("imap", "file")
MESSAGE_STATUSES = ("received", "processed", "error")
SIGNATORY_STATUSES = ("pending", "published", "rejected", "withdrawn")
SYSTEM = "system"
# Ids named in events and reasons ("already published as signatory #12") must never
# point to another row later: SQLite's AUTOINCREMENT never hands out an id again.
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and always read back timezone-aware UTC.

    SQLite keeps no offset, so aware values are converted to UTC on the way in
    and tagged UTC on the way out; a naive value given in is taken as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


class Message(Base):
    """One mail as received: the raw bytes are stored before anything else."""

    __tablename__ = "message"
    __table_args__ = (
        UniqueConstraint("imap_account", "imap_folder", "imap_uidvalidity", "imap_uid"),
        CheckConstraint(_in("source_kind", SOURCE_KINDS), name="source_kind"),
        CheckConstraint(_in("status", MESSAGE_STATUSES), name="status"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str | None] = mapped_column(Text, index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source_kind: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(Text)
    imap_account: Mapped[str | None] = mapped_column(Text)
    imap_folder: Mapped[str | None] = mapped_column(Text)
    imap_uidvalidity: Mapped[int | None] = mapped_column(Integer)
    imap_uid: Mapped[int | None] = mapped_column(Integer)
    sender: Mapped[str | None] = mapped_column(Text, index=True)
    subject: Mapped[str | None] = mapped_column(Text)
    date: Mapped[datetime | None]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None]
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(16), default="received", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    extractor_version: Mapped[str | None] = mapped_column(String(32))
    decision: Mapped[str | None] = mapped_column(String(16))
    official_address: Mapped[bool | None] = mapped_column(Boolean)
    reasons: Mapped[list[str] | None] = mapped_column(JSON)

    signatories: Mapped[list[Signatory]] = relationship(
        back_populates="message", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Signatory.id")


class Signatory(Base):
    """A person who signed; only status 'published' is ever shown to the public."""

    __tablename__ = "signatory"
    __table_args__ = (
        CheckConstraint(_in("status", SIGNATORY_STATUSES), name="status"),
        Index(None, "name_key", "status"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(Text)
    name_key: Mapped[str | None] = mapped_column(Text)
    party: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    official_address: Mapped[bool] = mapped_column(Boolean, default=False)
    reasons: Mapped[list[str] | None] = mapped_column(JSON)
    confidence: Mapped[dict[str, float] | None] = mapped_column(JSON)
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("message.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    message: Mapped[Message | None] = relationship(back_populates="signatories")
    mandates: Mapped[list[Mandate]] = relationship(
        back_populates="signatory", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Mandate.position")


class Mandate(Base):
    """One elected office of a signatory (see the parse contract's mandate types)."""

    __tablename__ = "mandate"

    id: Mapped[int] = mapped_column(primary_key=True)
    signatory_id: Mapped[int] = mapped_column(
        ForeignKey("signatory.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)
    departement: Mapped[str | None] = mapped_column(String(3))

    signatory: Mapped[Signatory] = relationship(back_populates="mandates")


class Event(Base):
    """The audit log. Rows outlive the signatory or message they name."""

    __tablename__ = "event"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(primary_key=True)
    signatory_id: Mapped[int | None] = mapped_column(
        ForeignKey("signatory.id", ondelete="SET NULL"), index=True)
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("message.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    actor: Mapped[str] = mapped_column(Text, default=SYSTEM)
    reason: Mapped[str | None] = mapped_column(Text)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    # One-way links, so that an event can be written before its rows have ids.
    signatory: Mapped[Signatory | None] = relationship()
    message: Mapped[Message | None] = relationship()


class Checkpoint(Base):
    """The last IMAP UID processed in one folder of one account."""

    __tablename__ = "checkpoint"
    __table_args__ = (UniqueConstraint("account", "folder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(Text)
    folder: Mapped[str] = mapped_column(Text)
    uidvalidity: Mapped[int] = mapped_column(Integer)
    last_uid: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Run(Base):
    """One ingest, requeue or IMAP poll: when, whether it went well, its counts."""

    __tablename__ = "run"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]
    ok: Mapped[bool | None] = mapped_column(Boolean)
    counts: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
