"""Rows written on the path every polled mail takes, through the DBAPI cursor.

SQLAlchemy's statement execution costs several times the SQLite work itself
(measured on one mail: 0.26 ms of SQLite inserts and commit, 1.2 ms through Core
statements). On the hot path, rows are therefore written with SQL and parameter
conversions prepared once per table and column list from the models' own column
types (``TypeEngine.bind_processor``: JSON, UTC timestamps, booleans) and Python-side
defaults, inside the transaction of the caller's SQLAlchemy connection. A database
whose driver does not take ``?`` parameters gets the same rows through Core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Prepared:
    sql: str
    columns: tuple[str, ...]       # the parameters, in order
    processors: tuple[Processor, ...]

    def params(self, values: dict[str, Any]) -> list[Any]:
        return [value if process is None else process(value)
                for process, value in zip(self.processors, (values[c] for c in self.columns),
                                          strict=True)]


def insert_row(conn: Connection, table: Table, values: dict[str, Any]) -> int:
    """Insert one row (Python-side defaults filled in); its primary key."""
    values = _with_defaults(table, values)
    if not _fast(conn):
        key = conn.execute(insert(table), values).inserted_primary_key
        assert key is not None
        return int(key[0])
    prepared = _insert(table, tuple(values), conn.dialect)
    cursor = _cursor(conn)
    cursor.execute(prepared.sql, prepared.params(values))
    return int(cursor.lastrowid)


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows that all name the same columns."""
    if not rows:
        return
    rows = [_with_defaults(table, row) for row in rows]
    if not _fast(conn):
        conn.execute(insert(table), rows)
        return
    prepared = _insert(table, tuple(rows[0]), conn.dialect)
    _cursor(conn).executemany(prepared.sql, [prepared.params(row) for row in rows])


def update_row(conn: Connection, table: Table, row_id: int, values: dict[str, Any]) -> None:
    """Set ``values`` on the row whose primary key ``id`` is ``row_id``."""
    if not _fast(conn):
        conn.execute(update(table).where(table.c.id == row_id).values(values))
        return
    prepared = _update(table, tuple(values), conn.dialect)
    _cursor(conn).execute(prepared.sql, [*prepared.params(values), row_id])


def first_id(conn: Connection, table: Table, where: str, params: Sequence[Any]) -> int | None:
    """The smallest id of the rows matching ``where`` (columns compared with ``?``
    parameters, no conversion: text and numbers only)."""
    if not _fast(conn):
        found = conn.execute(select(table.c.id).where(_core_where(table, where, params))
                             .order_by(table.c.id).limit(1)).scalar()
        return None if found is None else int(found)
    row = _cursor(conn).execute(
        f"SELECT id FROM {table.name} WHERE {where} ORDER BY id LIMIT 1", list(params)
    ).fetchone()
    return None if row is None else int(row[0])


@contextmanager
def savepoint(db: Connection | Session) -> Iterator[None]:
    """A savepoint: what the block writes is rolled back when it raises. On a bare
    connection it is issued on the DBAPI cursor (SQLAlchemy's nested transaction costs
    more than the rows it protects); a session gets ``begin_nested``, made to emit its
    SAVEPOINT at once (it would wait for the session's next statement, and rows written
    through the cursor are none)."""
    if isinstance(db, Session) or not _fast(db):
        with db.begin_nested():
            if isinstance(db, Session):
                db.connection()  # a session emits its SAVEPOINT when it next connects: now
            yield
        return
    cursor = _cursor(db)
    cursor.execute("SAVEPOINT petition_rows")
    try:
        yield
    except BaseException:
        cursor.execute("ROLLBACK TO SAVEPOINT petition_rows")
        cursor.execute("RELEASE SAVEPOINT petition_rows")
        raise
    cursor.execute("RELEASE SAVEPOINT petition_rows")


# ------------------------------------------------------------------------ internals

def _fast(conn: Connection) -> bool:
    if conn.dialect.paramstyle != "qmark":
        return False
    if not conn.in_transaction():  # the caller's BEGIN must come first: never autocommit
        raise RuntimeError("rows are written inside the caller's transaction")
    return True


def _cursor(conn: Connection) -> Any:
    return conn.connection.cursor()


def _with_defaults(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    missing = {}
    for column in table.columns:
        default = column.default
        if column.name in values or column.primary_key or default is None:
            continue
        if getattr(default, "is_scalar", False):
            missing[column.name] = default.arg  # type: ignore[attr-defined]
        elif getattr(default, "is_callable", False):
            missing[column.name] = default.arg(None)  # type: ignore[attr-defined]
    return {**values, **missing} if missing else values


@lru_cache(maxsize=64)
def _insert(table: Table, columns: tuple[str, ...], dialect: Dialect) -> _Prepared:
    marks = ", ".join("?" for _ in columns)
    return _Prepared(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})",
                     columns, _processors(table, columns, dialect))


@lru_cache(maxsize=64)
def _update(table: Table, columns: tuple[str, ...], dialect: Dialect) -> _Prepared:
    sets = ", ".join(f"{c} = ?" for c in columns)
    return _Prepared(f"UPDATE {table.name} SET {sets} WHERE id = ?", columns,
                     _processors(table, columns, dialect))


def _processors(table: Table, columns: tuple[str, ...], dialect: Dialect
                ) -> tuple[Processor, ...]:
    return tuple(table.c[c].type.bind_processor(dialect) for c in columns)


def _core_where(table: Table, where: str, params: Sequence[Any]) -> Any:
    from sqlalchemy import text  # other databases: the same condition, bound by name

    names = [f"p{i}" for i in range(len(params))]
    sql = where
    for name in names:
        sql = sql.replace("?", f":{name}", 1)
    return text(sql).bindparams(**dict(zip(names, params, strict=True)))
