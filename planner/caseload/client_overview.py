"""Everything the client's page shows, read in a fixed number of queries:
assessments with their findings, programs, the conversation, check-ins,
open alerts and the nightly review's proposals and recent adjustments."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from planner.assessments.summary import FindingGroups, group_findings
from planner.extensions import db
from planner.library.compensations import compensation_names
from planner.models import Alert, Assessment, CheckIn, Client, Exercise, Message, Program, ProgramReview
from planner.local_time import today_in

CONVERSATION_LIMIT = 200  # the newest; older messages stay in the API
CHECKINS_SHOWN = 30
ADJUSTMENTS_SHOWN = 3


@dataclass
class ClientOverview:
    client: Client
    today: date
    assessments: list[Assessment]
    programs: list[Program]
    messages: list[Message]  # oldest first
    checkins: list[CheckIn]  # newest first
    alerts: list[Alert]
    proposals: list[ProgramReview]
    applied: list[ProgramReview]
    exercise_names: dict[str, str] = field(default_factory=dict)  # for the proposals' swaps

    @property
    def findings(self):
        return self.assessments[0].findings if self.assessments else []

    @property
    def finding_groups(self) -> FindingGroups:
        return group_findings(self.findings)

    @property
    def compensation_names(self) -> dict[str, str]:
        return compensation_names()

    def programs_with(self, status: str) -> list[Program]:
        return [p for p in self.programs if p.status == status]


def client_overview(client: Client) -> ClientOverview:
    def rows(query):
        return db.session.scalars(query).all()

    reviews = db.select(ProgramReview).where(ProgramReview.client_id == client.id)
    overview = ClientOverview(
        client=client,
        today=today_in(client.timezone),
        assessments=rows(db.select(Assessment).filter_by(client_id=client.id)
                         .options(db.selectinload(Assessment.findings))
                         .order_by(Assessment.performed_on.desc(), Assessment.id.desc())),
        programs=rows(db.select(Program).filter_by(client_id=client.id)
                      .order_by(Program.created_at.desc(), Program.id.desc())),
        messages=list(reversed(rows(db.select(Message).filter_by(client_id=client.id)
                                    .order_by(Message.created_at.desc(), Message.id.desc())
                                    .limit(CONVERSATION_LIMIT)))),
        checkins=rows(db.select(CheckIn).filter_by(client_id=client.id)
                      .order_by(CheckIn.date.desc()).limit(CHECKINS_SHOWN)),
        alerts=rows(db.select(Alert).where(Alert.client_id == client.id, Alert.resolved_at.is_(None))
                    .order_by(Alert.created_at)),
        proposals=rows(reviews.where(ProgramReview.status == "proposed")),
        applied=rows(reviews.where(ProgramReview.status == "applied")
                     .order_by(ProgramReview.decided_at.desc()).limit(ADJUSTMENTS_SHOWN)),
    )
    slugs = {change[side].get("exercise") for review in overview.proposals for change in review.changes
             for side in ("before", "after")} - {None}
    if slugs:
        overview.exercise_names = dict(db.session.execute(
            db.select(Exercise.slug, Exercise.name).where(Exercise.slug.in_(slugs))).all())
    return overview

