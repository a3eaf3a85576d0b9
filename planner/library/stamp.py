"""The built-in library's stamp: a new random value each time `planner
library load` writes it. Readers compare it with the stamp they read
before, one small query instead of reading the whole library again."""
from __future__ import annotations

import uuid

from planner.extensions import db
from planner.models import LibraryStamp

STAMP_ROW = 1


def library_stamp() -> str | None:
    return db.session.scalar(db.select(LibraryStamp.stamp).where(LibraryStamp.id == STAMP_ROW))


def renew_library_stamp() -> None:
    """A new stamp, for the caller's transaction: every process reads the
    library again once it commits."""
    row = db.session.get(LibraryStamp, STAMP_ROW)
    if row is None:
        db.session.add(LibraryStamp(id=STAMP_ROW, stamp=uuid.uuid4().hex))
    else:
        row.stamp = uuid.uuid4().hex
