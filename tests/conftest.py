"""Shared fixtures: a real SQLite file with the real migrations, and mail builders.

    db_url        "sqlite:///<tmp_path>/petition.db", a fresh file (not created yet)
    engine        make_engine(db_url) with every migration applied (alembic upgrade head)
    session       a Session on that engine, closed after the test
    settings      Settings() whose [database] url is db_url
    make_email    make_email(body, sender=..., subject=..., headers=..., message_id=...,
                  attachments=...) -> bytes: a small RFC 5322 message, UTF-8, with a
                  fresh Message-ID unless message_id= is given (None: no Message-ID)
    make_record   make_record(name=..., mandates=..., decision=..., kind=..., ...) -> Record:
                  a parse Record built directly, for storage tests that must not depend
                  on the parser

The people are fictional; communes, départements and parties are real.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from petition.intake.record import Mandate, Record, Signatory
from petition.settings import DatabaseSettings, Settings
from petition.storage.db import make_engine, upgrade

DEFAULT_SENDER = "Claire Vasseur <claire.vasseur@grenoble.fr>"
DEFAULT_SUBJECT = "Signature de la pétition contre la VSA"
GRENOBLE = Mandate(type="conseiller_municipal", label="conseillère municipale de Grenoble",
                   place="Grenoble", departement="38")
_ids = itertools.count(1)


def build_email(body: str, sender: str = DEFAULT_SENDER, subject: str = DEFAULT_SUBJECT,
                headers: Mapping[str, str] | None = None,
                message_id: str | bool | None = True,
                attachments: Sequence[tuple[str, bytes, str]] = ()) -> bytes:
    """Raw bytes of a message to petition@technopolice.fr.

    message_id: True (default) for a fresh unique one, a string for that one, None
    for no Message-ID header. attachments: (filename, data, "maintype/subtype").
    """
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = "petition@technopolice.fr"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime(2026, 11, 3, 9, 0, tzinfo=UTC))
    if message_id is True:
        message_id = f"<test-{next(_ids)}@grenoble.fr>"
    if message_id:
        msg["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    for filename, data, content_type in attachments:
        maintype, subtype = content_type.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()


def build_record(name: str | None = "Claire Vasseur", mandates: Sequence[Mandate] = (GRENOBLE,),
                 party: str | None = "EELV", kind: str = "signature",
                 decision: str = "publish", sender: str | None = "claire.vasseur@grenoble.fr",
                 official: bool = True, message_id: str | None = None,
                 signatories: Sequence[Signatory] | None = None) -> Record:
    """A Record as the parser would give it, built directly."""
    if signatories is None:
        signatories = (Signatory(name=name, mandates=tuple(mandates), party=party,
                                 confidence={"name": 0.9}, reasons=("name: sign-off",)),)
    return Record(file="test.eml", message_id=message_id, sender=sender, kind=kind,
                  official_address=official, decision=decision,
                  signatories=tuple(signatories), subject=DEFAULT_SUBJECT,
                  date="2026-11-03T10:00:00+01:00", reasons=(f"decision: {decision}",))


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'petition.db'}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    upgrade(eng, "head")
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as s:
        yield s


@pytest.fixture
def settings(db_url: str) -> Settings:
    return replace(Settings(), database=DatabaseSettings(url=db_url))


@pytest.fixture
def make_email():
    return build_email


@pytest.fixture
def make_record():
    return build_record
