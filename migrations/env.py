"""Alembic environment, run by petition.storage.db (no alembic.ini).

The caller passes an open connection in ``config.attributes["connection"]``
(inside its transaction, holding the write lock); with a ``sqlalchemy.url``
main option instead, a connection is opened here. Offline (--sql) mode renders
the SQL for that URL.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from sqlalchemy import Connection

from petition.storage.models import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Write our UTC timestamp type as the plain type it stores, so that the
    migrations never import the models."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


OPTIONS = {"target_metadata": target_metadata, "render_as_batch": True, "compare_type": True,
           "render_item": render_item}


def run_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                      **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def run_on(connection: Connection) -> None:
    context.configure(connection=connection, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    from petition.storage.db import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        run_on(conn)


if context.is_offline_mode():
    run_offline()
else:
    run_online()
