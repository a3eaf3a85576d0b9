"""Seeding the demo practice: each story of planner/demo/stories.py becomes
a client with its assessment, program, texts, check-ins, alerts, follow-up
answers and tonight's review, made by the domain functions real use goes
through (recording an assessment, generating and publishing a program,
reading a reply, recording a check-in, alerting on a flare, reviewing a
program), so the seed stays true as their rules change.

Idempotent: a story whose client (by phone number) the demo trainer already
has is left alone, so a second run changes nothing. Changes and flushes;
the caller commits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from planner.assessments.recording import record_assessment
from planner.demo.stories import STORIES, Story
from planner.extensions import db
from planner.inputs import AssessmentCreate, ClientCreate, ProgramCreate
from planner.local_time import local_instant, today_in
from planner.messaging import texts
from planner.messaging.follow_up_replies import record_follow_up_answer
from planner.messaging.inbound import record_checkin
from planner.messaging.outbound import outbound_message
from planner.messaging.replies import SESSION_EVENING, parse_checkin
from planner.messaging.session_links import program_url
from planner.messaging.settings import SmsSettings
from planner.models import Client, Dispatch, Message, Program, ProgramReview, Trainer
from planner.models.people import utcnow
from planner.people.clients import create_client
from planner.programs.store import create_program, publish_program
from planner.progress.alerts import alert_on_latest_flare
from planner.progress.report_rules import Thresholds
from planner.progress.reviews import claim_review, fill_in_review

DEMO_PRACTICE_NAME = "Riverside Movement Clinic"
# How long after the evening prompt a demo reply arrives.
REPLY_AFTER = timedelta(minutes=25)


@dataclass(frozen=True)
class SeedReport:
    created: tuple[str, ...]  # "Maya Ortiz: lasting relief ..."
    kept: int  # stories whose client was already there

    def summary(self) -> str:
        if not self.created:
            return f"demo clients already there ({self.kept}); nothing changed"
        return "\n".join([f"{len(self.created)} demo clients added:"] + [f"  {line}" for line in self.created])


def seed_demo(trainer: Trainer, settings: SmsSettings, thresholds: Thresholds, follow_up_weeks: tuple[int, ...],
              may_text: bool) -> SeedReport:
    """The demo clients the trainer does not have yet, with their history.
    `may_text`: whether the clients agree to texts (only when texts go to
    the console: the numbers are fictional, and a demo still texts no one)."""
    if trainer.practice_name is None:
        trainer.practice_name = DEMO_PRACTICE_NAME
    known = set(db.session.scalars(db.select(Client.phone).filter_by(trainer_id=trainer.id)))
    created = []
    for story in STORIES:
        if story.client["phone"] in known:
            continue
        _tell(trainer, story, settings, thresholds, follow_up_weeks, may_text)
        created.append(f"{story.client['name']}: {story.title}")
    return SeedReport(tuple(created), len(STORIES) - len(created))


def _tell(trainer: Trainer, story: Story, settings: SmsSettings, thresholds: Thresholds,
          follow_up_weeks: tuple[int, ...], may_text: bool) -> None:
    zone = ZoneInfo(story.client["timezone"])
    today = today_in(story.client["timezone"])
    client = create_client(trainer, ClientCreate.model_validate(story.client | {"sms_consent": may_text}), "US")
    start = today - timedelta(days=story.starts_days_ago)
    client.created_at = local_instant(today - timedelta(days=story.assessed_days_ago + 1), time(12), zone)
    if may_text:
        client.sms_consent_at = client.created_at
    assessment = record_assessment(client, AssessmentCreate.model_validate(
        story.assessment | {"performed_on": (today - timedelta(days=story.assessed_days_ago)).isoformat()}), today)
    db.session.flush()
    if not story.program:
        return
    program = create_program(client, trainer, ProgramCreate.model_validate(
        story.program | {"assessment_id": assessment.id, "start_date": start.isoformat()}), today)
    db.session.flush()
    if not story.publish:
        return
    publish_program(program, trainer)
    program.published_at = local_instant(start - timedelta(days=1), time(17), zone)
    db.session.flush()
    _conversation(client, program, story, zone, today, settings, may_text)
    _follow_ups(client, program, story, zone, today, settings, follow_up_weeks)
    alert_on_latest_flare(client.id, thresholds)
    _review_tonight(program, today, thresholds)


def _text(client: Client, kind: str, body: str, at: datetime, settings: SmsSettings) -> Message:
    message = outbound_message(client, client.phone, kind, body, settings.sender_for(client.trainer.sms_from_number))
    message.status, message.attempts, message.created_at, message.updated_at = "delivered", 1, at, at
    return message


def _reply(client: Client, kind: str, body: str, at: datetime) -> Message:
    message = Message(client_id=client.id, direction="inbound", kind=kind, from_number=client.phone,
                      to_number=None, body=body, status="processed", created_at=at, updated_at=at)
    db.session.add(message)
    return message


def _conversation(client: Client, program: Program, story: Story, zone: ZoneInfo, today: date,
                  settings: SmsSettings, may_text: bool) -> None:
    """The texts of each past session day and the client's replies, read
    by the reply parser and recorded as the worker records them."""
    practice = client.trainer.practice
    sessions = sorted((s for s in program.sessions if s.date < today), key=lambda s: s.date)
    if may_text and sessions:
        first = local_instant(sessions[0].date - timedelta(days=1), time(17, 5), zone)
        _text(client, "opt_in", texts.opt_in_confirmation(practice), first, settings)
        client.opt_in_sent_at = first
    for session, reply in zip(sessions, story.replies):
        morning = local_instant(session.date, client.reminder_time, zone)
        evening = local_instant(session.date, client.checkin_time, zone)
        _text(client, "reminder", texts.reminder(client.name, practice, program_url(program.id, program.link_version, settings)),
              morning, settings)
        _text(client, "checkin_prompt", texts.checkin_prompt(client.name, practice), evening, settings)
        if reply is None:
            continue
        message = _reply(client, "reply", reply, evening + REPLY_AFTER)
        db.session.flush()
        record_checkin(client, session.date, parse_checkin(reply, SESSION_EVENING), "sms", message)
        _text(client, "confirmation", texts.THANKS, evening + REPLY_AFTER + timedelta(seconds=5), settings)
    for days_ago, question in story.questions:
        _reply(client, "unparsed", question, local_instant(today - timedelta(days=days_ago), time(9, 40), zone))
    db.session.flush()


def _follow_ups(client: Client, program: Program, story: Story, zone: ZoneInfo, today: date,
                settings: SmsSettings, follow_up_weeks: tuple[int, ...]) -> None:
    """The follow-up questions weeks after the last session, and the answers."""
    last_session = max(s.date for s in program.sessions)
    for weeks, answer in story.follow_ups:
        due = last_session + timedelta(weeks=weeks)
        if weeks not in follow_up_weeks or due >= today:
            continue  # not asked (yet) under this instance's settings
        asked = local_instant(due, client.checkin_time, zone)
        dispatch = Dispatch(client_id=client.id, kind="follow_up", local_date=due, due_at=asked, state="sent",
                            created_at=asked)
        db.session.add(dispatch)
        db.session.flush()
        prompt = _text(client, "follow_up", texts.follow_up_prompt(client.name, client.trainer.practice), asked,
                       settings)
        prompt.dispatch_id = dispatch.id
        message = _reply(client, "reply", answer, asked + REPLY_AFTER)
        db.session.flush()
        record_follow_up_answer(client, due, parse_checkin(answer).pain, message)
        _text(client, "confirmation", texts.THANKS, asked + REPLY_AFTER + timedelta(seconds=5), settings)


def _review_tonight(program: Program, today: date, thresholds: Thresholds) -> None:
    """Tonight's nightly review, as the scheduler hands one to a worker:
    what it proposes waits for the trainer (or is applied, for a client on
    automatic adjustment)."""
    if max(s.date for s in program.sessions) < today:
        return  # nothing left to adjust
    review = ProgramReview(program_id=program.id, client_id=program.client_id, reviewed_on=today, status="pending",
                           reason="", evidence=[], changes=[], created_at=utcnow())
    db.session.add(review)
    db.session.flush()
    if claim_review(review.id):
        fill_in_review(review.id, thresholds)
    db.session.flush()
