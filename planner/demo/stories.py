"""The demo clients: who they are, what their assessment found, and how
their weeks went, written as the SMS replies they sent. Days count back
from the client's today, so every story ends now whenever the seed runs.

Every number is in the range that the North American Numbering Plan keeps
for fiction (555-0100 to 555-0199, in any area code): no text to them can
reach a person."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Story:
    title: str  # what the trainer should see, for the seed's summary
    client: dict  # a ClientCreate body
    assessment: dict  # an AssessmentCreate body without its date
    assessed_days_ago: int
    program: dict = field(default_factory=dict)  # a ProgramCreate body without its start date; {} for none
    starts_days_ago: int = 0
    publish: bool = True
    # The evening replies, one per session day from the first on, as typed:
    # "4 2" is the usual pain then the pain during the session, "4 n" a
    # skipped session; None, no reply that day.
    replies: tuple[str | None, ...] = ()
    # (weeks after the last session, the reply to the follow-up question).
    follow_ups: tuple[tuple[int, str], ...] = ()
    # A question the client sent in their own words, kept for the trainer:
    # (days ago, text).
    questions: tuple[tuple[int, str], ...] = ()


def _weeks(*weeks: tuple[str | None, ...]) -> tuple[str | None, ...]:
    return tuple(reply for week in weeks for reply in week)


STORIES: tuple[Story, ...] = (
    Story(
        title="lasting relief: knee pain from 6 to 2, held for over four weeks",
        client={"name": "Maya Ortiz", "phone": "+16175550142", "timezone": "America/New_York",
                "training_days": ["mon", "wed", "fri"], "reminder_time": "07:30", "checkin_time": "19:00",
                "sms_consent": True},
        assessment={"overhead_squat": ["knees_move_inward"], "pain": [{"region": "knee", "score": 6}],
                    "muscle_tests": [{"muscle": "gluteus_medius", "side": "right", "grade": 3, "inhibited": False}],
                    "psfs": [{"activity": "going down stairs", "score": 4}, {"activity": "running 5 km", "score": 2}],
                    "notes": "Right knee aches after runs; knees cave in on the squat, worse on the right."},
        assessed_days_ago=52, program={"weeks": 8}, starts_days_ago=50,
        replies=_weeks(("5 3", "5 3", "4 2"), ("4 2", "3 2", "3 1"), ("3 1", "2 1", "3 1"), ("2 1", "2 0", "2 1"),
                       ("2 0", "1 0", "2 0"), ("2 1", "1 0", "2 0"), ("1 0", "2 0", "1 0"), ("1 0", "1 0", "1 0"))),
    Story(
        title="a flare: low back pain steady at 3-4, then 7 after a weekend of lifting",
        client={"name": "Tom Becker", "phone": "+13125550117", "timezone": "America/Chicago",
                "training_days": ["tue", "thu", "sat"], "reminder_time": "07:00", "checkin_time": "20:00",
                "sms_consent": True},
        assessment={"overhead_squat": ["low_back_arches", "excessive_forward_lean"],
                    "pain": [{"region": "low_back", "score": 4}],
                    "muscle_tests": [{"muscle": "gluteus_maximus", "side": "bilateral", "grade": 4,
                                      "inhibited": True}],
                    "notes": "Desk job; low back stiff in the mornings. No red flags."},
        assessed_days_ago=33, program={"weeks": 6}, starts_days_ago=31,
        replies=_weeks(("4 3", "4 3", "3 2"), ("4 3", "3 2", "3 2"), ("3 2", "4 3", "3 2"), ("3 2", "4 3", "7 6"),
                       ("7 6", "7 5", None)),
        questions=((3, "Moved furniture on Sunday and my back has been bad since. Should I keep doing the bridges?"),)),
    Story(
        title="improving: shoulder pain from 6 to 4 in three weeks; the nightly review proposes a progression",
        client={"name": "Priya Shah", "phone": "+14155550163", "timezone": "America/Los_Angeles",
                "training_days": ["mon", "wed", "fri"], "reminder_time": "08:00", "checkin_time": "18:30",
                "sms_consent": True},
        assessment={"overhead_squat": ["arms_fall_forward"], "pain": [{"region": "shoulder", "score": 6}],
                    "muscle_tests": [{"muscle": "infraspinatus", "side": "right", "grade": 4, "inhibited": False}],
                    "psfs": [{"activity": "reaching the top shelf", "score": 3}],
                    "notes": "Right shoulder pain reaching overhead; swims twice a week."},
        assessed_days_ago=25, program={"weeks": 6}, starts_days_ago=24,
        replies=_weeks(("6 2", "6 2", "5 2"), ("5 2", "5 1", "5 1"), ("4 1", "4 1", "4 1"), ("4 1", "3 1", "4 0"))),
    Story(
        title="low adherence: a third of the sessions done; the review proposes shorter sessions",
        client={"name": "Sam Okafor", "phone": "+12065550188", "timezone": "America/Los_Angeles",
                "training_days": ["mon", "wed", "fri"], "reminder_time": "06:30", "checkin_time": "21:00",
                "sms_consent": True, "precautions": ["anticoagulants"]},
        assessment={"overhead_squat": ["feet_turn_out", "knees_move_inward"], "pain": [{"region": "hip", "score": 3}],
                    "notes": "On warfarin: no foam rolling. Busy shifts; prefers short sessions."},
        assessed_days_ago=22, program={"weeks": 6, "minutes_per_session": 25}, starts_days_ago=21,
        replies=_weeks(("3 2", "3 n", None), ("3 n", "3 2", None), (None, "4 n", "3 n"))),
    Story(
        title="after the program: relief held at the 4- and 12-week follow-ups",
        client={"name": "Lena Fischer", "phone": "+17205550126", "timezone": "America/Denver",
                "training_days": ["tue", "thu", "sat"], "reminder_time": "07:45", "checkin_time": "19:30",
                "sms_consent": True},
        assessment={"overhead_squat": ["knees_move_inward"], "pain": [{"region": "knee", "score": 5}],
                    "muscle_tests": [{"muscle": "gluteus_medius", "side": "left", "grade": 4, "inhibited": False}],
                    "notes": "Left knee pain on hikes."},
        assessed_days_ago=132, program={"weeks": 6}, starts_days_ago=130,
        replies=_weeks(("5 3", "4 2", "4 2"), ("4 2", "3 2", "3 1"), ("3 1", "3 1", "2 1"), ("2 1", "3 1", "2 1"),
                       ("2 0", "2 1", "2 0"), ("2 0", "1 0", "1 0")),
        follow_ups=((4, "2"), (12, "1"))),
    Story(
        title="new: assessed yesterday, a draft program waiting for the trainer",
        client={"name": "Noah Kim", "phone": "+15035550171", "timezone": "America/Los_Angeles",
                "training_days": ["tue", "thu", "sat"], "reminder_time": "07:00", "checkin_time": "19:00",
                "sms_consent": True},
        assessment={"overhead_squat": ["feet_turn_out", "low_back_arches"], "pain": [{"region": "ankle_foot", "score": 4}],
                    "length_tests": [{"test": "knee_to_wall", "side": "left", "result": "short"}],
                    "notes": "Rolled the left ankle in the spring; stiff since."},
        assessed_days_ago=1, program={"weeks": 6}, starts_days_ago=-6, publish=False),
)
