"""storage.rows: rows written through the DBAPI cursor read back as Core writes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from petition.storage.models import Event, Mandate, Message, Signatory
from petition.storage.rows import first_id, insert_row, insert_rows, savepoint, update_row

MESSAGE, SIGNATORY, MANDATE, EVENT = (m.__table__ for m in (Message, Signatory, Mandate, Event))
PARIS = timezone(timedelta(hours=1))


def message_values(n: int) -> dict:
    return {"message_id": f"<m{n}@example.org>", "sha256": f"{n:064d}", "raw": b"\x00raw\xff",
            "size": 5, "status": "received", "source_kind": "file", "source": f"m{n}.eml"}


def both_ways(engine, table, values: dict) -> tuple[dict, dict]:
    """The row as Core writes it and as insert_row writes it, read back the same way."""
    with Session(engine) as session, session.begin():
        conn = session.connection()
        core = conn.execute(insert(table), values).inserted_primary_key[0]
        fast = insert_row(conn, table, {**values, **_unique(table, values)})
    with engine.connect() as conn:
        rows = {r.id: r._asdict() for r in conn.execute(select(table))}
    a, b = rows[core], rows[fast]
    for key in ("id", *_unique(table, values)):
        a.pop(key), b.pop(key)
    return a, b


def _unique(table, values: dict) -> dict:
    if table is MESSAGE:
        return {"sha256": "f" * 64, "message_id": "<other@example.org>"}
    return {}


def test_message_row_the_same_as_core(engine):
    values = {**message_values(1), "date": datetime(2026, 11, 3, 10, 41, tzinfo=PARIS),
              "reasons": ["kind signature", "é ✓"], "official_address": True}
    core, fast = both_ways(engine, MESSAGE, values)
    assert fast["received_at"].tzinfo == UTC  # the Python-side default, filled in
    core.pop("received_at"), fast.pop("received_at")
    assert core == fast
    assert fast["date"] == datetime(2026, 11, 3, 9, 41, tzinfo=UTC)


def test_signatory_and_event_rows_the_same_as_core(engine):
    with Session(engine) as session, session.begin():
        message_id = insert_row(session.connection(), MESSAGE, message_values(2))
    signatory = {"name": "Zoé <b>Martin</b>", "name_key": "zoe martin", "party": None,
                 "status": "pending", "reasons": None, "confidence": {"name": 0.9},
                 "message_id": message_id}
    core, fast = both_ways(engine, SIGNATORY, signatory)
    for row in (core, fast):
        row.pop("created_at"), row.pop("updated_at")
    assert core == fast and fast["official_address"] is False
    event = {"signatory_id": None, "message_id": message_id, "action": "created",
             "reason": "x", "before": None, "after": {"status": "pending"}}
    core, fast = both_ways(engine, EVENT, event)
    core.pop("at"), fast.pop("at")
    assert core == fast and fast["actor"] == "system"


def test_many_rows_update_and_lookup(engine):
    with Session(engine) as session, session.begin():
        conn = session.connection()
        message_id = insert_row(conn, MESSAGE, message_values(3))
        signatory_id = insert_row(conn, SIGNATORY, {"name": "A B", "name_key": "a b",
                                                    "status": "published",
                                                    "message_id": message_id})
        insert_rows(conn, MANDATE, [
            {"signatory_id": signatory_id, "position": i, "type": "maire", "label": "maire",
             "place": place, "departement": "12"} for i, place in enumerate(("Millau", "Nant"))])
        update_row(conn, MESSAGE, message_id, {"kind": "signature", "reasons": ["r"]})
        assert first_id(conn, SIGNATORY, "name_key = ? AND status = 'published'",
                        ("a b",)) == signatory_id
        assert first_id(conn, MESSAGE, "sha256 = ? OR message_id = ?",
                        ("none", None)) is None
    with Session(engine) as session:
        stored = session.get(Message, message_id)
        assert stored.kind == "signature" and stored.reasons == ["r"]
        assert [m.place for m in stored.signatories[0].mandates] == ["Millau", "Nant"]


def test_outside_a_transaction_nothing_is_written(engine):
    with engine.connect() as conn, pytest.raises(RuntimeError, match="transaction"):
        insert_row(conn, MESSAGE, message_values(4))


def stored_ids(engine) -> list[str]:
    with Session(engine) as s:
        return list(s.scalars(select(Message.message_id).order_by(Message.id)))


@pytest.mark.parametrize("session", [False, True], ids=["connection", "session"])
def test_a_savepoint_rolls_back_its_block_alone(engine, session):
    with (Session(engine) if session else engine.connect()) as db, db.begin():
        conn = db.connection() if session else db
        insert_row(conn, MESSAGE, message_values(5))
        with pytest.raises(ValueError), savepoint(db):
            insert_row(conn, MESSAGE, message_values(6))
            raise ValueError("the block failed")
        with savepoint(db):
            insert_row(conn, MESSAGE, message_values(7))
    assert stored_ids(engine) == ["<m5@example.org>", "<m7@example.org>"]
