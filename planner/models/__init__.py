"""SQLAlchemy models, one module per aggregate."""
from .assessment import Assessment, MuscleFinding, MuscleTest, PainScore, ScreenFinding
from .library import Compensation, CompensationMuscle, Exercise, ExerciseTarget, MovementScreen, Muscle
from .messaging import CheckIn, Dispatch, Message
from .people import Client, SignInFailure, Trainer
from .program import Program, ProgramChange, ProgramItem, ProgramSession
from .progress import Alert, Digest, ProgramReview

__all__ = [
    "Assessment", "MuscleFinding", "MuscleTest", "PainScore", "ScreenFinding",
    "Compensation", "CompensationMuscle", "Exercise", "ExerciseTarget", "MovementScreen", "Muscle",
    "CheckIn", "Dispatch", "Message",
    "Client", "SignInFailure", "Trainer",
    "Program", "ProgramChange", "ProgramItem", "ProgramSession",
    "Alert", "Digest", "ProgramReview",
]
