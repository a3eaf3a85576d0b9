"""SQLAlchemy models, one module per aggregate."""
from planner.models.assessment import (Assessment, Clearance, MuscleFinding, MuscleLengthTest, MuscleTest, PainScore,
                                       ScreenFinding)
from planner.models.library import (Compensation, CompensationMuscle, Exercise, ExerciseTarget, MovementScreen, Muscle,
                                    LengthTest, LibraryStamp, ScreeningQuestion)
from planner.models.follow_up import FollowUpAnswer
from planner.models.media import ExerciseMedia
from planner.models.messaging import CheckIn, Dispatch, Message
from planner.models.people import Client, SignInFailure, Trainer, WebSession
from planner.models.program import ExerciseTick, Program, ProgramChange, ProgramItem, ProgramSession
from planner.models.psfs import PsfsScore
from planner.models.template import ProgramTemplate
from planner.models.progress import Alert, Digest, ProgramReview

__all__ = [
    "Assessment", "Clearance", "MuscleFinding", "MuscleLengthTest", "MuscleTest", "PainScore", "ScreenFinding",
    "FollowUpAnswer",
    "ExerciseMedia",
    "Compensation", "CompensationMuscle", "Exercise", "ExerciseTarget", "MovementScreen", "Muscle",
    "LengthTest", "LibraryStamp", "ScreeningQuestion",
    "CheckIn", "Dispatch", "Message",
    "Client", "SignInFailure", "Trainer", "WebSession",
    "ExerciseTick", "Program", "ProgramChange", "ProgramItem", "ProgramSession", "ProgramTemplate",
    "Alert", "Digest", "ProgramReview",
    "PsfsScore",
]
