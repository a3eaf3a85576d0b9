"""Assessments of a client, and the findings derived from them."""
from __future__ import annotations

from flask import abort, jsonify, url_for
from planner.assessments.clearance import NotClearable, record_clearance
from planner.assessments.recording import record_assessment
from planner.extensions import db
from planner.models import Assessment
from planner.local_time import today_in
from planner.api.blueprint import bp
from planner.api.auth import current_trainer, owned_client, token_required
from planner.api.errors import validated_body
from planner.api.representations import assessment_json
from planner.inputs import AssessmentCreate, ClearanceCreate
from planner.people.ownership import assessment_of

_WITH_DETAILS = (db.selectinload(Assessment.muscle_tests), db.selectinload(Assessment.screen_findings),
                 db.selectinload(Assessment.length_tests),
                 db.selectinload(Assessment.pain_scores), db.selectinload(Assessment.findings),
                 db.selectinload(Assessment.clearance), db.selectinload(Assessment.psfs_scores))


@bp.app_errorhandler(NotClearable)
def _not_clearable(exc: NotClearable):
    return jsonify(error=str(exc)), 409


@bp.post("/clients/<int:client_id>/assessments")
@token_required
def create_assessment(client_id: int):
    client = owned_client(client_id)
    body = validated_body(AssessmentCreate)
    assessment = record_assessment(client, body, today_in(client.timezone))
    db.session.commit()
    response = jsonify(assessment_json(assessment))
    response.headers["Location"] = url_for("api.get_assessment", client_id=client.id,
                                           assessment_id=assessment.id)
    return response, 201


@bp.get("/clients/<int:client_id>/assessments")
@token_required
def list_assessments(client_id: int):
    client = owned_client(client_id)
    rows = db.session.scalars(
        db.select(Assessment).filter_by(client_id=client.id).options(*_WITH_DETAILS)
        .order_by(Assessment.performed_on.desc(), Assessment.id.desc()))
    return jsonify([assessment_json(a) for a in rows])


@bp.get("/clients/<int:client_id>/assessments/<int:assessment_id>")
@token_required
def get_assessment(client_id: int, assessment_id: int):
    client = owned_client(client_id)
    row = db.session.scalar(db.select(Assessment).filter_by(id=assessment_id, client_id=client.id)
                            .options(*_WITH_DETAILS))
    if row is None:
        abort(404)
    return jsonify(assessment_json(row))


@bp.post("/assessments/<int:assessment_id>/clearance")
@token_required
def clear_assessment(assessment_id: int):
    """A clinician's clearance to exercise despite the assessment's red flags."""
    assessment = assessment_of(current_trainer().id, assessment_id)
    if assessment is None:
        abort(404)
    body = validated_body(ClearanceCreate)
    record_clearance(assessment, body, current_trainer(), today_in(assessment.client.timezone))
    db.session.commit()
    return jsonify(assessment_json(assessment)), 201
