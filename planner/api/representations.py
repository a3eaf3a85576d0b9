"""How rows look in JSON."""
from __future__ import annotations

from datetime import datetime

from flask import current_app, url_for

from planner.models import (Assessment, Clearance, Client, Exercise, LengthTest, Muscle, MuscleFinding, Program, ProgramChange,
                            ProgramTemplate, ScreeningQuestion)
from planner.library.media import MediaSettings, photo_link_token
from planner.models.media import PHOTO, ExerciseMedia
from planner.programs.history import item_snapshot, parameters_snapshot
from planner.programs.rationale import RULES


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds") + "Z"


def client_json(client: Client) -> dict:
    return {
        "id": client.id,
        "name": client.name,
        "phone": client.phone,
        "timezone": client.timezone,
        "reminder_time": client.reminder_time.strftime("%H:%M"),
        "training_days": client.training_days,
        "checkin_time": client.checkin_time.strftime("%H:%M"),
        "sms_consent": client.sms_consent,
        "sms_consent_at": iso(client.sms_consent_at),
        "sms_opted_out": client.sms_opted_out,
        "sms_opted_out_at": iso(client.sms_opted_out_at),
        "auto_adjust": client.auto_adjust,
        "precautions": list(client.precautions),
        "created_at": iso(client.created_at),
        "updated_at": iso(client.updated_at),
    }


def muscle_json(muscle: Muscle) -> dict:
    return {
        "slug": muscle.slug, "name": muscle.name, "region": muscle.region,
        "actions": muscle.actions, "antagonists": muscle.antagonists,
        "can_test_weak": muscle.can_test_weak, "can_be_overactive": muscle.can_be_overactive,
    }


def exercise_summary_json(exercise: Exercise) -> dict:
    return {
        "slug": exercise.slug, "name": exercise.name, "phase": exercise.phase, "level": exercise.level,
        "equipment": exercise.equipment,
        "targets": [{"muscle": t.muscle_slug, "role": t.role} for t in exercise.targets],
        "contraindications": exercise.contraindications,
        "precautions": list(exercise.precautions or ()),
        "custom": exercise.trainer_id is not None,
    }


def exercise_json(exercise: Exercise) -> dict:
    return exercise_summary_json(exercise) | {
        "position": exercise.position,
        "per_side": exercise.per_side,
        "dosage": {"sets": exercise.sets, "reps": exercise.reps, "hold_seconds": exercise.hold_seconds,
                   "tempo": exercise.tempo, "rest_seconds": exercise.rest_seconds},
        "instructions": exercise.instructions,
        "cues": exercise.cues,
        "progression": exercise.progression.slug if exercise.progression else None,
        "regression": exercise.regression.slug if exercise.regression else None,
    }


def media_json(item: ExerciseMedia) -> dict:
    """A photo's url is a signed link that opens it for MEDIA_LINK_MAX_AGE_HOURS
    (fetch the exercise again for a fresh one); a video's is its link."""
    if item.kind == PHOTO:
        token = photo_link_token(item, MediaSettings.from_config(current_app.config))
        url = url_for("media.photo", token=token, _external=True)
    else:
        url = item.video_url
    return {"id": item.id, "kind": item.kind, "url": url, "caption": item.caption, "width": item.width,
            "height": item.height, "created_at": iso(item.created_at)}


def assessment_json(assessment: Assessment) -> dict:
    return {
        "id": assessment.id,
        "client_id": assessment.client_id,
        "performed_on": assessment.performed_on.isoformat(),
        "notes": assessment.notes,
        "red_flags": list(assessment.red_flags),
        "clearance": clearance_json(assessment.clearance),
        "muscle_tests": [{"muscle": t.muscle_slug, "side": t.side, "grade": t.grade, "inhibited": t.inhibited}
                         for t in assessment.muscle_tests],
        "overhead_squat": [{"compensation": s.compensation_slug, "side": s.side}
                           for s in assessment.screen_findings],
        "length_tests": [{"test": t.test_slug, "side": t.side, "result": t.result} for t in assessment.length_tests],
        "pain": [{"region": p.region, "score": p.score} for p in assessment.pain_scores],
        "psfs": [{"activity": s.activity, "score": s.score} for s in assessment.psfs_scores],
        "findings": [finding_json(f) for f in assessment.findings],
        "created_at": iso(assessment.created_at),
    }


def finding_json(finding: MuscleFinding) -> dict:
    return {"muscle": finding.muscle_slug, "side": finding.side, "status": finding.status,
            "severity": finding.severity, "confirmed": finding.confirmed, "sources": finding.sources}


def clearance_json(clearance: Clearance | None) -> dict | None:
    if clearance is None:
        return None
    return {"cleared_by": clearance.cleared_by, "cleared_on": clearance.cleared_on.isoformat(),
            "note": clearance.note, "recorded_at": iso(clearance.recorded_at)}


def length_test_json(test: LengthTest) -> dict:
    return {"slug": test.slug, "name": test.name, "muscles": list(test.muscles), "how": test.how,
            "source": test.source}


def screening_json(question: ScreeningQuestion) -> dict:
    return {"slug": question.slug, "kind": question.kind, "label": question.label, "question": question.question,
            "excludes": question.excludes, "advice": question.advice, "source": question.source}


# An item and a program's parameters read in the API as the change log records them.
item_json = item_snapshot


def program_json(program: Program) -> dict:
    weeks: dict[int, dict] = {}
    for session in program.sessions:
        week = weeks.setdefault(session.week, {"week": session.week, "deload": session.deload, "sessions": []})
        week["sessions"].append({"id": session.id, "index": session.index, "day": session.day,
                                 "date": session.date.isoformat(), "minutes": session.minutes,
                                 "items": [item_json(i) for i in session.items]})
    end = max((s.date for s in program.sessions), default=program.start_date)
    return {
        "id": program.id, "status": program.status, "client_id": program.client_id,
        "assessment_id": program.assessment_id, "start_date": program.start_date.isoformat(),
        "end_date": end.isoformat(), "parameters": parameters_snapshot(program),
        "published_at": iso(program.published_at), "archived_at": iso(program.archived_at),
        "uncovered": program.uncovered, "weeks": [weeks[w] for w in sorted(weeks)], "rules": list(RULES),
    }


def change_json(change: ProgramChange) -> dict:
    return {"id": change.id, "at": iso(change.at), "trainer_id": change.trainer_id, "action": change.action,
            "details": change.details}


def template_summary_json(template: ProgramTemplate) -> dict:
    return {"id": template.id, "name": template.name, "created_at": iso(template.created_at),
            "parameters": {"weeks": template.weeks, "sessions_per_week": template.sessions_per_week,
                           "minutes_per_session": template.minutes_per_session,
                           "equipment": list(template.equipment)},
            "built_for": {"findings": list(template.findings), "compensations": list(template.compensations)}}


def template_json(template: ProgramTemplate) -> dict:
    return template_summary_json(template) | {"weeks": template.schedule}
