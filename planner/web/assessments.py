"""Entering an assessment: the muscle test grid, the overhead squat checklist,
pain by region; and one assessment's page with the findings and their sources.

The form is parsed into the API's AssessmentCreate and stored by the same
record_assessment, so the web app and the API accept exactly the same things.
"""
from __future__ import annotations

from datetime import date

from flask import flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from planner.assessments.clearance import NotClearable, date_problems, record_clearance, refusal
from planner.assessments.recording import OVERHEAD_SQUAT, record_assessment, screen_mapping
from planner.extensions import db
from planner.inputs import ISO_DATE, ClearanceCreate
from planner.library.screening import RED_FLAG, labels, questions
from planner.models import Assessment, Client, Compensation, LengthTest, Muscle
from planner.people.ownership import client_of
from planner.local_time import today_in
from planner.validation import InputError
from planner.vocabularies import MAX_PAIN, MIN_PAIN
from planner.web.blueprint import bp, found, trainer_id
from planner.web.assessment_form import (GENERAL, GRADE_CHOICES, PAIN_REGION_LABELS, SIDE_LABELS, TESTED_SIDES,
                              LENGTH_RESULTS, CheckableCompensation, FormLayout, GridMuscle, LengthTestRow, Question,
                              compensation_field, grade_field, inhibited_field, length_field, pain_field, read_form,
                              PSFS_ROWS, psfs_activity_field, psfs_score_field,
                              red_flag_field, region_label, submit)
from planner.web.form_input import validated


def form_layout() -> FormLayout:
    """What the form shows: the red-flag questions, every muscle that has a
    manual muscle test, in catalog order, and the overhead squat's
    compensations."""
    muscles = db.session.scalars(db.select(Muscle).where(Muscle.can_test_weak).order_by(Muscle.position))
    compensations = db.session.scalars(db.select(Compensation).where(Compensation.screen_slug == OVERHEAD_SQUAT)
                                       .order_by(Compensation.position))
    return FormLayout(muscles=tuple(GridMuscle(m.slug, m.name, m.region) for m in muscles),
                      compensations=tuple(CheckableCompensation(c.slug, c.name, c.view) for c in compensations),
                      red_flags=tuple(Question(q.slug, q.label, q.question) for q in questions(RED_FLAG)),
                      length_tests=tuple(LengthTestRow(t.slug, t.name, _muscle_list(t.muscles)) for t in
                                         db.session.scalars(db.select(LengthTest).order_by(LengthTest.position))))


def _muscle_list(slugs: list[str]) -> str:
    return ", ".join(muscle_name(slug).lower() for slug in slugs)


@bp.app_template_filter("muscle_name")
def muscle_name(slug: str) -> str:
    """A muscle's catalog name; one query per request however many findings
    a page lists (the findings partial is included by other pages too)."""
    if "muscle_names" not in g:
        g.muscle_names = dict(db.session.execute(db.select(Muscle.slug, Muscle.name)).all())
    return g.muscle_names.get(slug) or slug.replace("_", " ").capitalize()


@bp.app_template_filter("side_label")
def side_label(side: str) -> str:
    return SIDE_LABELS.get(side, side)


def _form_page(client: Client, layout: FormLayout, today: date, typed, errors: dict[str, str], status: int = 200):
    return render_template(
        "assessments/new.html", client=client, layout=layout, typed=typed, errors=errors, today=today,
        labels=layout.labels(), general=GENERAL, grades=GRADE_CHOICES, sides=TESTED_SIDES,
        pain_range=(MIN_PAIN, MAX_PAIN), region_label=region_label, grade_field=grade_field,
        inhibited_field=inhibited_field, compensation_field=compensation_field, pain_field=pain_field,
        red_flag_field=red_flag_field, length_field=length_field, length_results=LENGTH_RESULTS,
        psfs_rows=PSFS_ROWS, psfs_activity_field=psfs_activity_field, psfs_score_field=psfs_score_field), status


@bp.route("/clients/<int:client_id>/assessments/new", methods=["GET", "POST"])
def new_assessment(client_id: int):
    client = found(client_of(trainer_id(), client_id))
    layout = form_layout()
    today = today_in(client.timezone)
    if request.method == "GET":
        return _form_page(client, layout, today, {"performed_on": today.isoformat()}, {})
    try:
        assessment = submit(read_form(request.form, layout), lambda body: record_assessment(client, body, today))
        db.session.commit()
    except InputError as refused:
        db.session.rollback()
        return _form_page(client, layout, today, request.form, refused.errors, 422)
    count = len(assessment.findings)
    flash(f"Assessment saved: {count} finding{'s' if count != 1 else ''}.")
    return redirect(url_for("web.assessment", client_id=client.id, assessment_id=assessment.id))


def _assessment_page(client: Client, row: Assessment, errors: dict | None = None, typed: dict | None = None,
                     status: int = 200):
    compensation_names = {slug: c.name for slug, c in screen_mapping(OVERHEAD_SQUAT).items()}
    return render_template(
        "assessments/show.html", client=client, assessment=row, findings=row.findings,
        compensation_names=compensation_names, pain_labels=PAIN_REGION_LABELS, screening_labels=labels(),
        length_test_names=dict(db.session.execute(db.select(LengthTest.slug, LengthTest.name)).all()),
        refusal=refusal(row), errors=errors or {}, typed=typed or {}, today=today_in(client.timezone)), status


def _owned_assessment(client: Client, assessment_id: int) -> Assessment:
    return found(db.session.scalar(
        db.select(Assessment).filter_by(id=assessment_id, client_id=client.id)
        .options(db.selectinload(Assessment.muscle_tests), db.selectinload(Assessment.screen_findings),
                 db.selectinload(Assessment.length_tests), db.selectinload(Assessment.pain_scores),
                 db.selectinload(Assessment.findings), db.selectinload(Assessment.psfs_scores))))


@bp.get("/clients/<int:client_id>/assessments/<int:assessment_id>")
def assessment(client_id: int, assessment_id: int):
    client = found(client_of(trainer_id(), client_id))
    return _assessment_page(client, _owned_assessment(client, assessment_id))


CLEARANCE_FIELDS = ("cleared_by", "cleared_on", "note")


@bp.post("/clients/<int:client_id>/assessments/<int:assessment_id>/clearance")
def clear_assessment(client_id: int, assessment_id: int):
    """Record a clinician's clearance: the red flags no longer stop a program."""
    client = found(client_of(trainer_id(), client_id))
    row = _owned_assessment(client, assessment_id)
    typed = {name: (request.form.get(name) or "").strip() for name in CLEARANCE_FIELDS}
    today = today_in(client.timezone)
    try:
        # The date's own problems join the others, so every error shows at once.
        when = date.fromisoformat(typed["cleared_on"]) if ISO_DATE.match(typed["cleared_on"]) else None
        problems = date_problems(row, when, today) if when else {}
        body = validated(ClearanceCreate, {k: v for k, v in typed.items() if v or k != "cleared_on"}, problems)
        record_clearance(row, body, current_user, today)
        db.session.commit()
    except InputError as refused:
        db.session.rollback()
        return _assessment_page(client, row, refused.errors, typed, 422)
    except NotClearable as refused:
        db.session.rollback()
        return _assessment_page(client, row, {"form": str(refused)}, typed, 409)
    flash(f"Clearance by {body.cleared_by} recorded: a program can now be generated from this assessment.")
    return redirect(url_for("web.assessment", client_id=client.id, assessment_id=row.id))
