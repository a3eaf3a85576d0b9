"""INSERT ... ON CONFLICT DO NOTHING, the way the scheduler creates rows
that must exist once (a reminder slot, a night's review, a week's digest):
whichever process gets there first creates the row, the others see nothing."""
from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite

from planner.extensions import db

ROWS_PER_STATEMENT = 1000  # bound parameters stay well under the drivers' limits


def insert_new(model, rows: list[dict], key: list[str], returning: tuple = ()) -> list[tuple]:
    """Insert the rows whose `key` is not taken yet; return the new rows'
    `returning` columns (the primary key when none are named)."""
    if not rows:
        return []
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(model).on_conflict_do_nothing(index_elements=key).returning(*(returning or (model.id,)))
    created = []
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        created += [tuple(row) for row in db.session.execute(statement, rows[start:start + ROWS_PER_STATEMENT])]
    return created
