"""The client's link: one signed link per program that opens the client's
session page while the program runs, until the trainer revokes it.

The link carries the program's id and its link version, signed with the
app's secret; nothing else is needed to open the page, so it is the key.
Revoking raises the version: every link signed before stops, and the next
reminder carries the new one. A program's link opens its page while the
program is active, up to LINK_GRACE_DAYS after its last session.

Reminders sent before these links carried a signed, timed link to one
day's session (client and session ids); those keep opening the page until
they expire (SESSION_LINK_MAX_AGE_HOURS), unless the link was revoked after
they were signed."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer

from planner.extensions import db
from planner.messaging.settings import SmsSettings
from planner.models import Program, ProgramItem, ProgramSession, Trainer
from planner.models.people import utcnow
from planner.programs.history import record_change

SALT = "session-page"  # the older daily links
PROGRAM_SALT = "program-link"
# Our product choice: the last session's evening question and the next
# morning's still reach a page that opens.
LINK_GRACE_DAYS = 2

# Why a link does not open the page; the page says so in plain words.
UNKNOWN, REVOKED, ENDED = "unknown", "revoked", "ended"


@lru_cache(maxsize=8)
def _serializer(secret_key: str, salt: str) -> URLSafeTimedSerializer:
    # Built once per secret: every reminder in a fan-out signs a link.
    return URLSafeTimedSerializer(secret_key, salt=salt)


@lru_cache(maxsize=8)
def _program_serializer(secret_key: str) -> URLSafeSerializer:
    # No timestamp: the program's dates and link version decide how long it opens.
    return URLSafeSerializer(secret_key, salt=PROGRAM_SALT)


def program_link_token(program_id: int, link_version: int, settings: SmsSettings) -> str:
    return _program_serializer(settings.secret_key).dumps([program_id, link_version])


def program_url(program_id: int, link_version: int, settings: SmsSettings) -> str:
    return f"{settings.public_base_url}/p/{program_link_token(program_id, link_version, settings)}"


def program_urls(program_session_ids: list[int], settings: SmsSettings) -> dict[int, str]:
    """The current link of each session's program, by session id, in one query."""
    if not program_session_ids:
        return {}
    rows = db.session.execute(db.select(ProgramSession.id, Program.id, Program.link_version)
                              .join(Program, ProgramSession.program_id == Program.id)
                              .where(ProgramSession.id.in_(set(program_session_ids))))
    return {session_id: program_url(program_id, version, settings) for session_id, program_id, version in rows}


@dataclass(frozen=True)
class Opened:
    program: Program | None  # None when the link does not open the page
    refusal: str | None = None  # UNKNOWN, REVOKED or ENDED
    day: date | None = None  # the session a daily link was for


def _valid(program: Program, today: date) -> str | None:
    if program.status != "active":
        return ENDED if program.status == "archived" else UNKNOWN
    last = max((s.date for s in program.sessions), default=program.start_date)
    if today > last + timedelta(days=LINK_GRACE_DAYS):
        return ENDED
    return None


def current_link(client_id: int, settings: SmsSettings, today: date) -> str | None:
    """The link of the client's running program, or None if none runs."""
    program = db.session.scalar(db.select(Program).where(Program.client_id == client_id, Program.status == "active"))
    if program is None or _valid(program, today) is not None:
        return None
    return program_url(program.id, program.link_version, settings)


def open_program_link(token: str, settings: SmsSettings, today_of: Callable[[Program], date]) -> Opened:
    """The program a link opens today (`today_of` gives the client's local
    date), or why it does not."""
    try:
        program_id, version = _program_serializer(settings.secret_key).loads(token)
        program_id, version = int(program_id), int(version)
    except (BadSignature, TypeError, ValueError):
        return Opened(None, UNKNOWN)
    # The page shows every session with its exercises: loaded in a fixed number of queries.
    program = db.session.scalar(db.select(Program).where(Program.id == program_id).options(
        db.selectinload(Program.sessions).selectinload(ProgramSession.items).joinedload(ProgramItem.exercise)))
    if program is None:
        return Opened(None, UNKNOWN)
    if version != program.link_version:
        return Opened(None, REVOKED)
    refusal = _valid(program, today_of(program))
    return Opened(None if refusal else program, refusal)


def session_link_token(client_id: int, program_session_id: int, settings: SmsSettings) -> str:
    """An older daily link, as reminders carried before program links."""
    return _serializer(settings.secret_key, SALT).dumps({"c": client_id, "s": program_session_id})


def open_daily_link(token: str, settings: SmsSettings, today_of: Callable[[Program], date]) -> Opened:
    """The program and day an older daily link opens, or why it does not."""
    try:
        data, signed_at = _serializer(settings.secret_key, SALT).loads(
            token, max_age=settings.link_max_age_hours * 3600, return_timestamp=True)
        client_id, session_id = int(data["c"]), int(data["s"])
    except (BadSignature, TypeError, ValueError, KeyError):
        return Opened(None, UNKNOWN)
    session = db.session.scalar(db.select(ProgramSession).join(Program).where(
        ProgramSession.id == session_id, Program.client_id == client_id))
    if session is None:
        return Opened(None, UNKNOWN)
    program = session.program
    revoked_at = program.link_revoked_at
    if revoked_at is not None and signed_at.replace(tzinfo=None) <= revoked_at:
        return Opened(None, REVOKED)
    refusal = _valid(program, today_of(program))
    return Opened(None if refusal else program, refusal, session.date)


def revoke(program: Program, trainer: Trainer | None, now: datetime | None = None) -> None:
    """Stop every link to this program's page, and say so in the program's
    history; the next reminder carries a new one. Flushed; the caller commits."""
    program.link_version = (program.link_version or 0) + 1
    program.link_revoked_at = now or utcnow()
    record_change(program, trainer, "link_revoked", {"link_version": program.link_version})
    db.session.flush()
