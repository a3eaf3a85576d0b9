"""Clients: list, create, edit, each client's page and their conversation."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from planner.inputs import MAX_SMS_LENGTH, CheckInCreate
from planner.caseload.client_overview import client_overview
from planner.people.clients import checked_phone, create_client, update_client
from planner.library.screening import PRECAUTION, questions
from planner.messaging.conversation import CannotMessage, mark_handled, record_trainer_checkin, send_manual_message
from planner.messaging.settings import SmsSettings
from planner.progress.alerts import alert_text
from planner.extensions import db
from planner.models import Client
from planner.people.ownership import client_of
from planner.local_time import readable_day, today_in
from planner.time_zones import zone_choices
from planner.validation import InputError, control_character_problem, quoted, search_text, whole_number
from planner.vocabularies import DAYS, MAX_PAIN, MIN_PAIN
from planner.web.blueprint import bp, found, trainer_id
from workers.broker import commit_then_send
from workers.tasks import check_flare, send_messages
from planner.web.client_form import client_fields, parse_client
from planner.web.form_input import validated

def _form(template: str, client: Client | None, values: dict, errors: dict | None = None, status: int = 200):
    return render_template(template, client=client, values=values, errors=errors or {}, days=DAYS,
                           zones=zone_choices(), precautions=questions(PRECAUTION)), status


def _values_of(client: Client) -> dict:
    return {"name": client.name, "phone": client.phone, "timezone": client.timezone,
            "reminder_time": client.reminder_time.strftime("%H:%M"),
            "checkin_time": client.checkin_time.strftime("%H:%M"),
            "training_days": client.training_days, "sms_consent": client.sms_consent,
            "auto_adjust": client.auto_adjust, "precautions": list(client.precautions)}


@bp.get("/clients")
def clients():
    q = search_text(request.args.get("q", "")).strip()
    query = db.select(Client).where(Client.trainer_id == trainer_id()).order_by(Client.name, Client.id)
    if q:
        query = query.where(Client.name.ilike(f"%{q}%") | Client.phone.contains(q))
    return render_template("clients/index.html", clients=db.session.scalars(query).all(), q=q)


@bp.route("/clients/new", methods=["GET", "POST"])
def new_client():
    if request.method == "GET":
        return _form("clients/form.html", None, {"timezone": current_user.timezone, "reminder_time": "08:00",
                                                 "checkin_time": "19:00", "training_days": ["mon", "wed", "fri"]})
    values = client_fields(request.form)
    try:
        region = current_app.config["DEFAULT_PHONE_REGION"]
        check = lambda raw: checked_phone(current_user, raw, region)  # noqa: E731
        client = create_client(current_user, parse_client(values, creating=True, check_phone=check), region)
    except InputError as exc:
        db.session.rollback()
        return _form("clients/form.html", None, values, exc.errors, 422)
    db.session.commit()
    flash(f"{client.name} added. Next: enter an assessment.")
    return redirect(url_for("web.client", client_id=client.id))


@bp.route("/clients/<int:client_id>/edit", methods=["GET", "POST"])
def edit_client(client_id: int):
    client = found(client_of(trainer_id(), client_id))
    if request.method == "GET":
        return _form("clients/form.html", client, _values_of(client))
    values = client_fields(request.form)
    try:
        region = current_app.config["DEFAULT_PHONE_REGION"]
        check = lambda raw: checked_phone(current_user, raw, region, exclude_client_id=client.id)  # noqa: E731
        update_client(client, parse_client(values, creating=False, check_phone=check).model_dump(), region)
    except InputError as exc:
        db.session.rollback()
        return _form("clients/form.html", client, values, exc.errors, 422)
    db.session.commit()
    flash("Saved.")
    return redirect(url_for("web.client", client_id=client.id))


def _client_page(client: Client, message_errors: dict | None = None, checkin_errors: dict | None = None,
                 typed: dict | None = None, status: int = 200):
    return render_template(
        "clients/show.html", overview=client_overview(client), client=client, alert_text=alert_text,
        pain_range=range(MIN_PAIN, MAX_PAIN + 1), max_sms=MAX_SMS_LENGTH,
        message_errors=message_errors or {}, checkin_errors=checkin_errors or {}, typed=typed or {}), status


@bp.get("/clients/<int:client_id>")
def client(client_id: int):
    return _client_page(found(client_of(trainer_id(), client_id)))


@bp.post("/clients/<int:client_id>/messages")
def send_message(client_id: int):
    client = found(client_of(trainer_id(), client_id))
    body = request.form.get("body", "").strip()
    if not body:
        return _client_page(client, message_errors={"body": "write a message first"}, status=422)
    problem = f"must be at most {MAX_SMS_LENGTH} characters" if len(body) > MAX_SMS_LENGTH \
        else control_character_problem(body, multiline=True)
    if problem:
        return _client_page(client, message_errors={"body": problem}, typed={"body": body}, status=422)
    try:
        queued = send_manual_message(client, body, SmsSettings.from_config(current_app.config))
    except CannotMessage as refused:
        return _client_page(client, message_errors={"body": str(refused)}, typed={"body": body}, status=409)
    commit_then_send(send_messages.send, [queued.send_order])
    flash("Message queued; its delivery status shows in the conversation.")
    return redirect(url_for("web.client", client_id=client.id, _anchor="conversation"))


@bp.post("/clients/<int:client_id>/messages/<int:message_id>/handled")
def message_handled(client_id: int, message_id: int):
    client = found(client_of(trainer_id(), client_id))
    found(mark_handled(client, message_id))
    db.session.commit()
    return redirect(url_for("web.client", client_id=client.id, _anchor="conversation"))


# The pain-monitoring model's scores a check-in holds: usual pain that day,
# during that day's session, on waking (planner/progress/pain_monitoring.py).
CHECKIN_SCORES = ("pain", "exercise_pain", "morning_pain")


def _checkin_fields(form) -> tuple[dict, dict, dict]:
    """(fields for CheckInCreate, errors, what was typed) of the check-in form."""
    typed = {k: form.get(k, "").strip() for k in ("date", "done", *CHECKIN_SCORES)}
    fields: dict = {"date": typed["date"], "done": {"yes": True, "no": False}.get(typed["done"])}
    errors: dict[str, str] = {}
    for name in CHECKIN_SCORES:
        if typed[name]:
            fields[name] = whole_number(typed[name], MIN_PAIN, MAX_PAIN)
            if fields[name] is None:
                errors[name] = f"must be a whole number from {MIN_PAIN} to {MAX_PAIN} (got {quoted(typed[name])})"
    return fields, errors, typed


@bp.post("/clients/<int:client_id>/checkins")
def record_checkin(client_id: int):
    client = found(client_of(trainer_id(), client_id))
    fields, errors, typed = _checkin_fields(request.form)
    try:
        body = validated(CheckInCreate, fields, errors)
        record_trainer_checkin(client, body.date, body.pain, body.done, today_in(client.timezone),
                               body.exercise_pain, body.morning_pain)
    except InputError as exc:
        db.session.rollback()
        return _client_page(client, checkin_errors=exc.errors, typed=typed, status=422)
    commit_then_send(check_flare.send, [client.id])
    flash(f"Check-in for {readable_day(body.date)} recorded.")
    return redirect(url_for("web.client", client_id=client.id, _anchor="checkins"))
