"""Migrations: they agree with the models, go down and up, and first runs are safe."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, inspect, select, text
from sqlalchemy.orm import Session

from petition.storage import db
from petition.storage.db import (
    SchemaError,
    current_revision,
    downgrade,
    ensure_schema,
    head_revision,
    make_engine,
    upgrade,
)
from petition.storage.models import Base, Message

TABLES = {"message", "signatory", "mandate", "event", "checkpoint", "run"}
VERSIONS = Path(db.__file__).resolve().parent.parent / "migrations" / "versions"


def differences(engine, metadata: MetaData = Base.metadata) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, metadata)


def user_tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_models_and_migrations_agree(engine):
    assert differences(engine) == []
    assert user_tables(engine) == TABLES


def schema_sql(engine) -> dict[tuple[str, str], list[str]]:
    """Every table's and index's SQL, its lines sorted (constraint order aside)."""
    query = ("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
             "AND name != 'alembic_version'")
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(query).fetchall()
    return {(kind, name): sorted(line.strip().rstrip(",") for line in sql.splitlines())
            for kind, name, sql in rows}


def test_migrations_make_the_very_ddl_of_the_models(engine, tmp_path):
    """Stricter than autogenerate: CHECK constraints, ON DELETE and AUTOINCREMENT too."""
    direct = make_engine(f"sqlite:///{tmp_path / 'direct.db'}")
    Base.metadata.create_all(direct)
    assert schema_sql(engine) == schema_sql(direct)
    assert any("AUTOINCREMENT" in line for line in schema_sql(engine)[("table", "signatory")])


def test_the_comparison_can_see_a_difference(engine):
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["signatory"].append_column(Column("shoe_size", Integer))
    diff = differences(engine, changed)
    assert [d[0] for d in diff] == ["add_column"]
    assert diff[0][3].name == "shoe_size"


def test_downgrade_to_base_and_back(engine):
    assert current_revision(engine) == head_revision()
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert user_tables(engine) == set()
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert differences(engine) == []


def test_migrations_accept_a_url(db_url):
    upgrade(db_url)
    assert current_revision(db_url) == head_revision()
    downgrade(db_url, "base")
    assert current_revision(db_url) is None


def test_foreign_keys_are_back_on_after_a_migration(engine):
    downgrade(engine, "base")
    upgrade(engine)
    for _ in range(3):  # every pooled connection
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_ensure_schema_creates_an_empty_database(db_url):
    engine = make_engine(db_url)
    assert current_revision(engine) is None
    ensure_schema(engine)
    assert current_revision(engine) == head_revision()
    assert user_tables(engine) == TABLES
    ensure_schema(engine)  # the second time does nothing
    assert current_revision(engine) == head_revision()


def test_ensure_schema_keeps_the_data(engine):
    with Session(engine) as s, s.begin():
        s.add(Message(sha256="a" * 64, source_kind="file", source="a.eml", raw=b"x", size=1,
                      status="received"))
    ensure_schema(engine)
    with Session(engine) as s:
        assert s.scalars(select(Message.source)).all() == ["a.eml"]


def test_a_database_newer_than_the_code_is_refused(engine):
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(SchemaError, match="newer petition") as info:
        ensure_schema(engine)
    assert "9999_future" in str(info.value) and "\n" not in str(info.value)
    with pytest.raises(SchemaError):
        upgrade(engine)


def test_a_database_of_something_else_is_refused(db_url):
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    with pytest.raises(SchemaError, match="not a petition database"):
        ensure_schema(engine)
    assert user_tables(engine) == {"invoices"}


def test_migrations_never_import_the_models():
    files = [p for p in VERSIONS.glob("*.py") if p.name != "__init__.py"]
    assert files
    for path in files:
        assert "petition" not in path.read_text(encoding="utf-8"), path.name


def test_head_is_the_initial_migration():
    assert head_revision() == "0001"


FIRST_RUN = """
import sys, time
from petition.storage.db import ensure_schema, make_engine, current_revision
engine = make_engine(sys.argv[1])
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # all start together
ensure_schema(engine)
print(current_revision(engine))
"""


def test_concurrent_first_runs_upgrade_once(db_url):
    """Four processes start on one empty file at the same instant. (Without the
    write lock, three of them fail with 'database is locked'.)"""
    start = str(time.time() + 3)
    procs = [subprocess.Popen([sys.executable, "-c", FIRST_RUN, db_url, start],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == head_revision()
    engine = make_engine(db_url)
    assert differences(engine) == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
