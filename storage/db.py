"""Engine, sessions and schema migrations.

SQLite connections get WAL, synchronous=NORMAL, foreign keys and a 5 s busy
timeout, so one process can write while others read. The driver's own implicit
transactions are turned off and BEGIN is emitted explicitly (the SQLAlchemy
recipe), so that savepoints work and writers can take the write lock up front
with BEGIN IMMEDIATE (`session_factory(engine, write=True)`).

The schema is made only by the alembic migrations shipped in the package
(`petition:migrations`); no alembic.ini is needed.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

SCRIPT_LOCATION = "petition:migrations"
BUSY_TIMEOUT_MS = 5000
IMMEDIATE = "petition_begin_immediate"
# busy_timeout first: switching a new file to WAL needs a lock that another process
# may hold for a moment, and without a busy handler that fails at once.
SQLITE_PRAGMAS = (
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
)


class SchemaError(Exception):
    """The database's schema cannot be used by this version of petition."""


def make_engine(url: str) -> Engine:
    """An engine for URL; SQLite connections get the pragmas above."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        _ensure_wal(cursor)
    finally:
        cursor.close()


def _ensure_wal(cursor: Any) -> None:
    """Switch the file to WAL (persistent) unless it already is.

    The switch needs every other connection out of the way, and SQLite may answer
    "locked" at once without calling the busy handler (another process is creating
    the schema): retry until the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(IMMEDIATE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The same engine, but its transactions take the write lock when they begin.

    In WAL mode a transaction that reads then writes can fail at once with
    'database is locked' when another process wrote in between; taking the lock
    up front makes it wait (busy timeout) instead.
    """
    return engine.execution_options(**{IMMEDIATE: True})


def session_factory(engine: Engine, write: bool = False) -> sessionmaker[Session]:
    """Sessions on ENGINE; with write=True each transaction begins IMMEDIATE."""
    return sessionmaker(bind=writer(engine) if write else engine, expire_on_commit=False)


# --------------------------------------------------------------------------- migrations

def alembic_config(connection: Connection | None = None) -> Config:
    """The alembic configuration, built in code (no alembic.ini)."""
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest revision this version of petition knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def _engine(engine_or_url: Engine | str) -> Engine:
    return make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url


@contextmanager
def _migration_connection(engine: Engine) -> Iterator[Connection]:
    """One connection holding the write lock, foreign keys off, for migrations.

    Foreign keys are off because batch migrations copy and drop tables, and a
    DROP TABLE with them on would cascade deletes. They are checked before commit.
    The write lock (BEGIN IMMEDIATE) makes concurrent first runs wait for each other.
    """
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
            conn.execution_options(**{IMMEDIATE: True})
        try:
            with conn.begin():
                yield conn
                if sqlite:
                    _check_foreign_keys(conn)
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(conn: Connection) -> None:
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise SchemaError(f"migration left {len(broken)} broken foreign keys, e.g. {broken[0]}")


def _revision_of(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine_or_url: Engine | str, revision: str = "head") -> None:
    """Upgrade the schema to REVISION, in one transaction."""
    engine = _engine(engine_or_url)
    with _migration_connection(engine) as conn:
        _refuse_newer(conn)
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine_or_url: Engine | str, revision: str) -> None:
    """Downgrade the schema to REVISION ('base' drops every table)."""
    engine = _engine(engine_or_url)
    with _migration_connection(engine) as conn:
        _refuse_newer(conn)
        command.downgrade(alembic_config(conn), revision)


def current_revision(engine_or_url: Engine | str) -> str | None:
    """The database's revision, None for an empty (base) database."""
    with _engine(engine_or_url).connect() as conn:
        return _revision_of(conn)


def ensure_schema(engine: Engine) -> None:
    """Bring the schema to head before use.

    An empty database is created, an older schema upgraded; a database written by
    a newer petition, or tables that alembic did not make, raise SchemaError.
    Safe when several processes start at once: they take turns on the write lock.
    """
    head = head_revision()
    with engine.connect() as conn:
        if _revision_of(conn) == head:
            return
    with _migration_connection(engine) as conn:
        current = _refuse_newer(conn)
        if current == head:
            return
        if current is None:
            _refuse_foreign_tables(conn)
        log.info("upgrading the database schema from %s to %s", current or "base", head)
        command.upgrade(alembic_config(conn), "head")


def _refuse_newer(conn: Connection) -> str | None:
    current = _revision_of(conn)
    if current is None:
        return None
    script = ScriptDirectory.from_config(alembic_config())
    try:
        script.get_revision(current)
    except CommandError:
        raise SchemaError(
            f"the database is at schema revision {current}, which this version of petition "
            f"does not know (newest: {head_revision()}); it was written by a newer petition: "
            "upgrade petition, or use another database"
        ) from None
    return current


def _refuse_foreign_tables(conn: Connection) -> None:
    tables = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
    if tables:
        raise SchemaError(
            f"the database has tables ({', '.join(sorted(tables)[:5])}) but no petition schema "
            "revision; it is not a petition database: use another [database] url")
