"""Watching what reaches the database from tests."""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event


@contextmanager
def statements_with_nul():
    """The statements run meanwhile whose parameters hold a NUL character.
    PostgreSQL refuses such text (a 500), SQLite stores it: watching the
    parameters makes a test on SQLite fail where PostgreSQL would."""
    from planner.extensions import db

    found: list[str] = []

    def watch(conn, cursor, statement, parameters, context, executemany):
        for row in (parameters if executemany else [parameters]):
            values = row.values() if isinstance(row, dict) else (row or ())
            if any(isinstance(value, str) and "\x00" in value for value in values):
                found.append(statement)

    event.listen(db.engine, "before_cursor_execute", watch)
    try:
        yield found
    finally:
        event.remove(db.engine, "before_cursor_execute", watch)
