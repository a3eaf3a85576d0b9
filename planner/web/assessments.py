"""Entering an assessment: the muscle test grid, the overhead squat checklist,
pain by region; and one assessment's page with the findings and their sources.

The form is parsed into the API's AssessmentCreate and stored by the same
record_assessment, so the web app and the API accept exactly the same things.
"""
from __future__ import annotations

from datetime import date

from flask import flash, g, redirect, render_template, request, url_for

from planner.assessments.recording import OVERHEAD_SQUAT, record_assessment, screen_mapping
from planner.extensions import db
from planner.models import Assessment, Client, Compensation, Muscle
from planner.people.ownership import client_of
from planner.local_time import today_in
from planner.validation import InputError
from planner.vocabularies import MAX_PAIN, MIN_PAIN
from planner.web.blueprint import bp, found, trainer_id
from planner.web.assessment_form import (GENERAL, GRADE_CHOICES, PAIN_REGION_LABELS, SIDE_LABELS, TESTED_SIDES,
                              CheckableCompensation, FormLayout, GridMuscle, compensation_field, grade_field,
                              inhibited_field, pain_field, read_form, region_label, submit)


def form_layout() -> FormLayout:
    """What the form shows: every muscle that has a manual muscle test, in
    catalog order, and the overhead squat's compensations."""
    muscles = db.session.scalars(db.select(Muscle).where(Muscle.can_test_weak).order_by(Muscle.position))
    compensations = db.session.scalars(db.select(Compensation).where(Compensation.screen_slug == OVERHEAD_SQUAT)
                                       .order_by(Compensation.position))
    return FormLayout(muscles=tuple(GridMuscle(m.slug, m.name, m.region) for m in muscles),
                      compensations=tuple(CheckableCompensation(c.slug, c.name, c.view) for c in compensations))


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
        ), status


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


@bp.get("/clients/<int:client_id>/assessments/<int:assessment_id>")
def assessment(client_id: int, assessment_id: int):
    client = found(client_of(trainer_id(), client_id))
    row = found(db.session.scalar(
        db.select(Assessment).filter_by(id=assessment_id, client_id=client.id)
        .options(db.selectinload(Assessment.muscle_tests), db.selectinload(Assessment.screen_findings),
                 db.selectinload(Assessment.pain_scores), db.selectinload(Assessment.findings))))
    compensation_names = {slug: c.name for slug, c in screen_mapping(OVERHEAD_SQUAT).items()}
    return render_template(
        "assessments/show.html", client=client, assessment=row, findings=row.findings,
        compensation_names=compensation_names, pain_labels=PAIN_REGION_LABELS,
        )
