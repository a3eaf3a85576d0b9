"""The response schemas of API v1's OpenAPI document: what each operation
returns. Request schemas come from the pydantic models (planner/inputs.py)."""
from __future__ import annotations

from planner.vocabularies import (EQUIPMENT, FINDING_SEVERITIES, FINDING_STATUSES, MEDIA_CAPTION_MAX, MEDIA_KINDS,
                                  PAIN_REGIONS, PHASES, SIDES)

REF = "#/components/schemas/{model}"


def ref(name: str) -> dict:
    return {"$ref": REF.format(model=name)}


def _string_list(values) -> dict:
    return {"type": "array", "items": {"type": "string", "enum": list(values)}}


RESPONSE_SCHEMAS = {
    "Client": {"type": "object", "required": ["id", "name", "phone", "timezone", "reminder_time", "training_days"],
               "properties": {
                   "id": {"type": "integer"}, "name": {"type": "string"},
                   "phone": {"type": "string", "description": "E.164"},
                   "timezone": {"type": "string"}, "reminder_time": {"type": "string", "example": "08:00"},
                   "training_days": {"type": "array", "items": {"type": "string"}},
                   "checkin_time": {"type": "string", "example": "19:00"},
                   "sms_consent": {"type": "boolean"},
                   "sms_consent_at": {"type": ["string", "null"], "format": "date-time"},
                   "sms_opted_out": {"type": "boolean"},
                   "sms_opted_out_at": {"type": ["string", "null"], "format": "date-time"},
                   "auto_adjust": {"type": "boolean"},
                   "precautions": {"type": "array", "items": {"type": "string"},
                                   "description": "precaution slugs from /screening"},
                   "created_at": {"type": "string", "format": "date-time"},
                   "updated_at": {"type": "string", "format": "date-time"}}},
    "Muscle": {"type": "object", "required": ["slug", "name", "region"], "properties": {
        "slug": {"type": "string"}, "name": {"type": "string"}, "region": {"type": "string"},
        "actions": {"type": "array", "items": {"type": "string"}},
        "antagonists": {"type": "array", "items": {"type": "string"}},
        "can_test_weak": {"type": "boolean"}, "can_be_overactive": {"type": "boolean"}}},
    "ExerciseSummary": {"type": "object", "required": ["slug", "name", "phase", "level"], "properties": {
        "slug": {"type": "string"}, "name": {"type": "string"},
        "phase": {"type": "string", "enum": list(PHASES)}, "level": {"type": "integer", "minimum": 1, "maximum": 5},
        "equipment": _string_list(EQUIPMENT),
        "targets": {"type": "array", "items": {"type": "object", "properties": {
            "muscle": {"type": "string"}, "role": {"type": "string", "enum": ["primary", "secondary"]}}}},
        "contraindications": _string_list(PAIN_REGIONS),
        "precautions": {"type": "array", "items": {"type": "string"},
                        "description": "screening precautions (GET /screening) that rule it out"},
        "custom": {"type": "boolean", "description": "a trainer's own exercise"}}},
    "Exercise": {"allOf": [ref("ExerciseSummary"), {"type": "object", "properties": {
        "position": {"type": "string"}, "per_side": {"type": "boolean"},
        "dosage": {"type": "object", "properties": {
            "sets": {"type": "integer"}, "reps": {"type": ["integer", "null"]},
            "hold_seconds": {"type": ["integer", "null"]}, "tempo": {"type": ["string", "null"]},
            "rest_seconds": {"type": "integer"}}},
        "instructions": {"type": "string"}, "cues": {"type": "array", "items": {"type": "string"}},
        "progression": {"type": ["string", "null"]}, "regression": {"type": ["string", "null"]},
        "media": {"type": "array", "items": ref("ExerciseMedia"),
                  "description": "your practice's own photos and video links, oldest first"}}}]},
    "ExerciseMedia": {"type": "object", "required": ["id", "kind", "url"], "properties": {
        "id": {"type": "integer"}, "kind": {"type": "string", "enum": list(MEDIA_KINDS)},
        "url": {"type": "string", "description": "a photo: a signed link that opens it for "
                                                 "MEDIA_LINK_MAX_AGE_HOURS (fetch the exercise again for a fresh "
                                                 "one); a video: its link"},
        "caption": {"type": ["string", "null"]},
        "width": {"type": ["integer", "null"], "description": "a photo's, in pixels"},
        "height": {"type": ["integer", "null"]},
        "created_at": {"type": "string", "format": "date-time"}}},
    "PhotoUpload": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "the photo: PNG, JPEG or WebP, at most MEDIA_MAX_BYTES (5 MiB unless set)"},
        "caption": {"type": "string", "maxLength": MEDIA_CAPTION_MAX}}},
    "Finding": {"type": "object", "required": ["muscle", "side", "status", "sources"], "properties": {
        "muscle": {"type": "string"}, "side": {"type": "string", "enum": list(SIDES)},
        "status": {"type": "string", "enum": list(FINDING_STATUSES),
                   "description": "conflicting: the screens alone say both overactive and underactive; test it"},
        "severity": {"type": "string", "enum": list(FINDING_SEVERITIES),
                     "description": "MRC grade 4 mild, 3 moderate, 0-2 severe; suggested by a screen only: mild"},
        "confirmed": {"type": "boolean", "description": "a muscle or length test stands behind it"},
        "sources": {"type": "array", "items": {"type": "object", "properties": {
            "kind": {"type": "string", "description": "muscle_test, length_test, or the screen's slug"},
            "summary": {"type": "string"}}}}}},
    "Assessment": {"type": "object", "required": ["id", "performed_on", "findings"], "properties": {
        "id": {"type": "integer"}, "client_id": {"type": "integer"},
        "performed_on": {"type": "string", "format": "date"}, "notes": {"type": "string"},
        "red_flags": {"type": "array", "items": {"type": "string"},
                      "description": "red-flag slugs answered yes: refer before exercise"},
        "clearance": {"oneOf": [{"type": "null"}, ref("Clearance")]},
        "muscle_tests": {"type": "array", "items": {"type": "object"}},
        "overhead_squat": {"type": "array", "items": {"type": "object"}},
        "length_tests": {"type": "array", "items": {"type": "object", "properties": {
            "test": {"type": "string"}, "side": {"type": "string", "enum": list(SIDES)},
            "result": {"type": "string", "enum": ["short", "normal"]}}}},
        "pain": {"type": "array", "items": {"type": "object"}},
        "psfs": {"type": "array", "description": "Patient-Specific Functional Scale (Stratford et al. 1995), in "
                                                 "the order the client named the activities",
                 "items": {"type": "object", "properties": {
                     "activity": {"type": "string"}, "score": {"type": "integer", "minimum": 0, "maximum": 10}}}},
        "findings": {"type": "array", "items": ref("Finding")},
        "created_at": {"type": "string", "format": "date-time"}}},
    "Clearance": {"type": "object", "required": ["cleared_by", "cleared_on"], "properties": {
        "cleared_by": {"type": "string"}, "cleared_on": {"type": "string", "format": "date"},
        "note": {"type": "string"}, "recorded_at": {"type": "string", "format": "date-time"}}},
    "LengthTest": {"type": "object", "required": ["slug", "name", "muscles", "source"], "properties": {
        "slug": {"type": "string"}, "name": {"type": "string"},
        "muscles": {"type": "array", "items": {"type": "string"}, "description": "muscles a short result implicates"},
        "how": {"type": "string"}, "source": {"type": "string"}}},
    "ScreeningQuestion": {"type": "object", "required": ["slug", "kind", "label", "question", "source"],
                          "properties": {
        "slug": {"type": "string"}, "kind": {"type": "string", "enum": ["red_flag", "precaution"]},
        "label": {"type": "string"}, "question": {"type": "string"},
        "excludes": {"type": ["string", "null"], "description": "what a precaution rules out"},
        "advice": {"type": ["string", "null"]}, "source": {"type": "string"}}},
    "MovementScreen": {"type": "object", "properties": {
        "screen": {"type": "string"}, "name": {"type": "string"}, "source": {"type": "string"},
        "compensations": {"type": "array", "items": {"type": "object", "properties": {
            "slug": {"type": "string"}, "name": {"type": "string"}, "view": {"type": "string"},
            "overactive": {"type": "array", "items": {"type": "string"}},
            "underactive": {"type": "array", "items": {"type": "string"}}}}}}},
    "Vocabularies": {"type": "object", "properties": {
        "pain_regions": _string_list(PAIN_REGIONS), "equipment": _string_list(EQUIPMENT),
        "phases": _string_list(PHASES), "sides": _string_list(SIDES)}},
    "ProgramItem": {"type": "object", "required": ["id", "exercise", "phase", "sets"], "properties": {
        "id": {"type": "integer"}, "exercise": {"type": "string"}, "name": {"type": "string"},
        "phase": {"type": "string", "enum": list(PHASES)}, "sets": {"type": "integer"},
        "reps": {"type": ["integer", "null"]}, "hold_seconds": {"type": ["integer", "null"]},
        "tempo": {"type": ["string", "null"]}, "rest_seconds": {"type": "integer"},
        "side": {"type": ["string", "null"], "enum": list(SIDES) + [None]},
        "targets": {"type": "array", "items": {"type": "object", "properties": {
            "muscle": {"type": "string"}, "side": {"type": "string"}, "status": {"type": "string"}}}},
        "rationale": {"type": "string"}, "locked": {"type": "boolean"},
        "slot": {"type": "string", "description": "the same piece of work across weeks, even when the exercise "
                                                  "moves up its chain"}}},
    "Program": {"type": "object", "required": ["id", "status", "client_id", "start_date", "uncovered", "weeks"],
                "properties": {
        "id": {"type": "integer"}, "status": {"type": "string", "enum": ["draft", "active", "archived"]},
        "client_id": {"type": "integer"}, "assessment_id": {"type": ["integer", "null"]},
        "start_date": {"type": "string", "format": "date"}, "end_date": {"type": "string", "format": "date"},
        "parameters": {"type": "object"},
        "published_at": {"type": ["string", "null"]}, "archived_at": {"type": ["string", "null"]},
        "uncovered": {"type": "array", "items": {"type": "object", "properties": {
            "muscle": {"type": "string"}, "side": {"type": "string"}, "status": {"type": "string"},
            "phase": {"type": ["string", "null"], "description": "null for a finding to test first"},
            "reason": {"type": "string"}}}},
        "rules": {"type": "array", "items": {"type": "string"},
                  "description": "the rules the generator followed, each with its source or marked a product choice"},
        "adaptations": {"type": "array", "items": ref("Adaptation"),
                        "description": "only in the answer that made it from a template or a copy: what was changed "
                                       "for this client, and why"},
        "weeks": {"type": "array", "items": {"type": "object", "properties": {
            "week": {"type": "integer"}, "deload": {"type": "boolean",
                                                    "description": "the lighter week for loaded work"},
            "sessions": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "integer"}, "index": {"type": "integer"}, "day": {"type": "string"},
                "date": {"type": "string", "format": "date"}, "minutes": {"type": "integer"},
                "items": {"type": "array", "items": ref("ProgramItem")}}}}}}}}},
    "Adaptation": {"type": "object", "required": ["kind", "item", "change", "reason", "weeks"], "properties": {
        "kind": {"type": "string", "enum": ["swapped", "dropped", "side", "no_finding", "uncovered"],
                 "description": "swapped or dropped: the client cannot use the exercise; side: one-sided work moved "
                                "to the client's side; no_finding: kept though no finding of the client calls for "
                                "it; uncovered: a finding of the client no item serves"},
        "item": {"type": "string", "description": "the template's exercise, or the client's finding"},
        "change": {"type": "string"}, "reason": {"type": "string"},
        "weeks": {"type": "array", "items": {"type": "integer"}, "description": "the weeks it applies to"}}},
    "TemplateSummary": {"type": "object", "required": ["id", "name", "parameters", "built_for"], "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
        "parameters": {"type": "object", "properties": {
            "weeks": {"type": "integer"}, "sessions_per_week": {"type": "integer"},
            "minutes_per_session": {"type": "integer"}, "equipment": _string_list(EQUIPMENT)}},
        "built_for": {"type": "object", "description": "what the program it was saved from was built for",
                      "properties": {
                          "findings": {"type": "array", "items": {"type": "object", "properties": {
                              "muscle": {"type": "string"}, "side": {"type": "string", "enum": list(SIDES)},
                              "status": {"type": "string", "enum": list(FINDING_STATUSES)}}}},
                          "compensations": {"type": "array", "items": {"type": "string"}}}}}},
    "Template": {"allOf": [ref("TemplateSummary"), {"type": "object", "required": ["weeks"], "properties": {
        "weeks": {"type": "array", "items": {"type": "object", "properties": {
            "week": {"type": "integer"}, "deload": {"type": "boolean"},
            "sessions": {"type": "array", "items": {"type": "object", "properties": {
                "index": {"type": "integer"},
                "items": {"type": "array", "items": {"type": "object", "properties": {
                    "exercise": {"type": "string"}, "name": {"type": "string"},
                    "phase": {"type": "string", "enum": list(PHASES)}, "sets": {"type": "integer"},
                    "reps": {"type": ["integer", "null"]}, "hold_seconds": {"type": ["integer", "null"]},
                    "tempo": {"type": ["string", "null"]}, "rest_seconds": {"type": "integer"},
                    "side": {"type": ["string", "null"], "enum": list(SIDES) + [None]},
                    "targets": {"type": "array", "items": {"type": "object"}},
                    "slot": {"type": "string"}, "locked": {"type": "boolean"},
                    "note": {"type": ["string", "null"],
                             "description": "the trainer's words on an item they added"}}}}}}}}}}}}]},
    "ProgramSummary": {"type": "object", "properties": {
        "id": {"type": "integer"}, "status": {"type": "string"}, "assessment_id": {"type": ["integer", "null"]},
        "start_date": {"type": "string", "format": "date"}, "weeks": {"type": "integer"},
        "created_at": {"type": "string", "format": "date-time"}}},
    "Alternative": {"type": "object", "properties": {
        "exercise": {"type": "string"}, "name": {"type": "string"}, "phase": {"type": "string"},
        "level": {"type": "integer"}, "equipment": {"type": "array", "items": {"type": "string"}},
        "why": {"type": "string"}}},
    "ProgramChange": {"type": "object", "properties": {
        "id": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
        "trainer_id": {"type": ["integer", "null"]}, "action": {"type": "string"}, "details": {"type": "object"}}},
    "ProgramLink": {"type": "object", "required": ["program_id", "url", "link_version"], "properties": {
        "program_id": {"type": "integer"},
        "url": {"type": "string", "description": "the client's link to the session page from now on"},
        "link_version": {"type": "integer"},
        "revoked_at": {"type": ["string", "null"], "format": "date-time",
                       "description": "when the links before this one stopped"}}},
    "Message": {"type": "object", "properties": {
        "id": {"type": "integer"}, "direction": {"type": "string", "enum": ["outbound", "inbound"]},
        "kind": {"type": "string"}, "body": {"type": "string"}, "status": {"type": "string"},
        "error_code": {"type": ["integer", "null"]}, "created_at": {"type": "string", "format": "date-time"},
        "corrects_message_id": {"type": ["integer", "null"], "description": (
            "set on a reply that changed what an earlier reply of the same day answered: that earlier "
            "message's id (both stay in the conversation; the later answer wins for the fields it gives)")}}},
    "CheckIn": {"type": "object", "properties": {
        "id": {"type": "integer"}, "date": {"type": "string", "format": "date"},
        "pain": {"type": ["integer", "null"], "minimum": 0, "maximum": 10, "description": "usual pain that day"},
        "done": {"type": ["boolean", "null"]},
        "exercise_pain": {"type": ["integer", "null"], "minimum": 0, "maximum": 10,
                          "description": "pain during that day's session"},
        "morning_pain": {"type": ["integer", "null"], "minimum": 0, "maximum": 10,
                         "description": "pain on waking that morning"},
        "source": {"type": "string", "enum": ["sms", "session_page", "trainer"]},
        "message_id": {"type": ["integer", "null"]}}},
    "Report": {"type": "object",
               "description": "Progress: pain against baseline, adherence, relief, flares and session load. "
                              "The rules and their sources: the report page's 'How this report decides'.",
               "required": ["baseline_pain", "current_pain", "change_points", "change_pct", "pain_series",
                            "rolling_mean", "adherence", "relief", "flares", "spikes", "pain_monitoring", "alerts",
                            "thresholds"],
               "properties": {
        "as_of": {"type": "string", "format": "date"},
        "baseline_pain": {"type": ["number", "null"]}, "current_pain": {"type": ["number", "null"]},
        "change_points": {"type": ["number", "null"], "description": "current minus baseline; negative is better"},
        "change_pct": {"type": ["number", "null"], "description": "null when the baseline is 0"},
        "pain_series": {"type": "array", "items": {"type": "object", "properties": {
            "date": {"type": "string", "format": "date"}, "score": {"type": "integer"},
            "source": {"type": "string", "enum": ["checkin", "assessment"]}}}},
        "rolling_mean": {"type": "array", "items": {"type": "object", "properties": {
            "date": {"type": "string", "format": "date"}, "value": {"type": "number"}}}},
        "adherence": {"type": "object", "properties": {
            "pct": {"type": ["number", "null"]}, "done": {"type": "integer"}, "prescribed": {"type": "integer"},
            "by_week": {"type": "array", "items": {"type": "object", "properties": {
                "week_start": {"type": "string", "format": "date"}, "done": {"type": "integer"},
                "prescribed": {"type": "integer"}}}}}},
        "relief": {"type": "object", "properties": {
            "status": {"type": "string", "enum": ["none", "improving", "lasting", "relapsed"]},
            "since": {"type": ["string", "null"], "format": "date"},
            "relapses": {"type": "array", "items": {"type": "string", "format": "date"}},
            "reason": {"type": ["string", "null"]},
            "lasting_clock_since": {"type": ["string", "null"], "format": "date"},
            "episodes": {"type": "array", "description": "each stretch of relief, oldest first",
                         "items": {"type": "object", "properties": {
                             "improving_since": {"type": "string", "format": "date"},
                             "lasting_since": {"type": ["string", "null"], "format": "date"},
                             "ended_on": {"type": ["string", "null"], "format": "date"}}}},
            "days_held": {"type": ["integer", "null"],
                          "description": "days since the current stretch of relief began; null without one"}}},
        "flares": {"type": "array", "description": "check-ins of flares: raised and still raised at the next one",
                   "items": {"type": "object", "properties": {
                       "date": {"type": "string", "format": "date"}, "score": {"type": "integer"},
                       "since": {"type": "string", "format": "date", "description": "the flare's first day"}}}},
        "spikes": {"type": "array", "description": "raised scores that settled by the next check-in",
                   "items": {"type": "object", "properties": {
                       "date": {"type": "string", "format": "date"}, "score": {"type": "integer"}}}},
        "severe": {"type": "array", "description": "severe scores, which alert the trainer at once",
                   "items": {"type": "object", "properties": {
                       "date": {"type": "string", "format": "date"}, "score": {"type": "integer"}}}},
        "unsettled": {"type": ["object", "null"], "description": "the latest raised score, before its next check-in",
                      "properties": {"date": {"type": "string", "format": "date"}, "score": {"type": "integer"}}},
        "pain_monitoring": {"type": "array", "description": "each session's load (Silbernagel et al. 2007)",
                            "items": {"type": "object", "properties": {
                                "date": {"type": "string", "format": "date"},
                                "exercise_pain": {"type": ["integer", "null"]},
                                "morning_pain": {"type": ["integer", "null"], "description": "the next morning's"},
                                "pain_before": {"type": ["integer", "null"]},
                                "verdict": {"type": ["string", "null"],
                                            "enum": ["safe", "acceptable", "too_much", None]}}}},
        "follow_up": {"type": "array",
                      "description": "after the program: the follow-up prompts due at follow_up_weeks after its "
                                     "last session, the client's answer to each, and whether relief held (usual "
                                     "pain still at least RELIEF_MCID_PERCENT and RELIEF_MIN_POINTS below the "
                                     "baseline: Farrar et al. 2001, IMMPACT); null while unanswered",
                      "items": {"type": "object", "properties": {
                          "due_on": {"type": "string", "format": "date"},
                          "answered_on": {"type": ["string", "null"], "format": "date"},
                          "pain": {"type": ["integer", "null"]},
                          "relief_held": {"type": ["boolean", "null"]}}}},
        "psfs": {"type": "array", "description": "function beside pain: the Patient-Specific Functional Scale "
                                                 "(Stratford et al. 1995) at each assessment that has one, oldest "
                                                 "first; mean of its activities, 0-10, higher is better",
                 "items": {"type": "object", "properties": {
                     "date": {"type": "string", "format": "date"}, "mean": {"type": "number"},
                     "activities": {"type": "array", "items": {"type": "object", "properties": {
                         "activity": {"type": "string"}, "score": {"type": "integer"}}}}}}},
        "psfs_change": {"type": "object", "description": "the PSFS mean's change from the first to the latest "
                                                         "assessment, against the minimal important difference "
                                                         "(2 points: Horn et al. 2012)",
                        "properties": {
                            "points": {"type": ["number", "null"], "description": "positive is better"},
                            "mid_points": {"type": "number"},
                            "verdict": {"type": ["string", "null"],
                                        "enum": ["improved", "worsened", "no_important_change", None],
                                        "description": "null with fewer than two assessments with a PSFS"}}},
        "follow_up_weeks": {"type": "array", "items": {"type": "integer"},
                            "description": "weeks after the program's last session (FOLLOW_UP_WEEKS)"},
        "alerts": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "kind": {"type": "string"},
            "created_at": {"type": "string", "format": "date-time"},
            "resolved_at": {"type": ["string", "null"], "format": "date-time"},
            "resolution_note": {"type": ["string", "null"]}}}},
        "thresholds": {"type": "object", "additionalProperties": {"type": "number"}}}},
    "Error": {"type": "object", "properties": {"error": {"type": "string"}}},
    "ValidationErrors": {"type": "object", "properties": {"errors": {
        "type": "object", "additionalProperties": {"type": "string"},
        "description": "field path (e.g. muscle_tests[0].grade) -> what is wrong"}}},
}
