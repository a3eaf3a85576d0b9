"""How rows look in JSON."""
from __future__ import annotations

from datetime import datetime

from planner.models import Assessment, Client, Exercise, Muscle


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


def assessment_json(assessment: Assessment) -> dict:
    return {
        "id": assessment.id,
        "client_id": assessment.client_id,
        "performed_on": assessment.performed_on.isoformat(),
        "notes": assessment.notes,
        "muscle_tests": [{"muscle": t.muscle_slug, "side": t.side, "grade": t.grade, "inhibited": t.inhibited}
                         for t in assessment.muscle_tests],
        "overhead_squat": [{"compensation": s.compensation_slug, "side": s.side}
                           for s in assessment.screen_findings],
        "pain": [{"region": p.region, "score": p.score} for p in assessment.pain_scores],
        "findings": [{"muscle": f.muscle_slug, "side": f.side, "status": f.status, "sources": f.sources}
                     for f in assessment.findings],
        "created_at": iso(assessment.created_at),
    }
