"""Red flags and the clinician's clearance that lifts them.

A "yes" to any red flag (IFOMPT framework, Finucane et al., JOSPT 2020)
means the client is referred before exercise: no program is generated from
that assessment until a clinician's clearance is recorded on it. The
functions change and flush; the caller commits."""
from __future__ import annotations

from datetime import date

from planner.extensions import db
from planner.library.screening import labels
from planner.models import Assessment, Clearance, Trainer
from planner.validation import InputError


class NotClearable(Exception):
    """The assessment has nothing to clear, or is cleared already (409)."""


def refusal(assessment: Assessment) -> str | None:
    """Why no program may be generated from this assessment, or None."""
    if not assessment.red_flags or assessment.clearance is not None:
        return None
    names = labels()
    flags = ", ".join(names.get(slug, slug.replace("_", " ")).lower() for slug in assessment.red_flags)
    return (f"refer before exercise: the assessment of {assessment.performed_on.isoformat()} records red flags "
            f"({flags}; IFOMPT framework, Finucane et al. 2020). Record a clinician's clearance on the "
            f"assessment (POST /api/v1/assessments/{assessment.id}/clearance) to generate a program.")


def date_problems(assessment: Assessment, cleared_on: date, today: date) -> dict[str, str]:
    """{"cleared_on": why} when the date cannot be a clearance of this assessment."""
    if cleared_on > today:
        return {"cleared_on": f"{cleared_on.isoformat()} is in the future (today is {today.isoformat()})"}
    if cleared_on < assessment.performed_on:
        return {"cleared_on": f"{cleared_on.isoformat()} is before the assessment "
                              f"({assessment.performed_on.isoformat()}): a clearance answers its red flags"}
    return {}


def record_clearance(assessment: Assessment, body, trainer: Trainer, today: date) -> Clearance:
    """Record `body` (a ClearanceCreate) on an assessment with red flags.
    Raises NotClearable, or InputError naming every bad field."""
    if not assessment.red_flags:
        raise NotClearable("this assessment records no red flag: there is nothing to clear")
    if assessment.clearance is not None:
        done = assessment.clearance
        raise NotClearable(f"already cleared by {done.cleared_by} on {done.cleared_on.isoformat()}")
    errors = date_problems(assessment, body.cleared_on, today)
    if errors:
        raise InputError(errors)
    assessment.clearance = Clearance(cleared_by=body.cleared_by, cleared_on=body.cleared_on, note=body.note,
                                     recorded_by=trainer.id)
    db.session.flush()
    return assessment.clearance
