"""Clients: list, create, edit, each client's page and their conversation."""
from __future__ import annotations

from datetime import date
from zoneinfo import available_timezones

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from planner.inputs import MAX_SMS_LENGTH
from planner.caseload.client_overview import client_overview
from planner.people.clients import create_client, update_client
from planner.library.screening import PRECAUTION, questions
from planner.messaging.conversation import CannotMessage, mark_handled, record_trainer_checkin, send_manual_message
from planner.messaging.settings import SmsSettings
from planner.progress.alerts import alert_text
from planner.extensions import db
from planner.models import Client
from planner.people.ownership import client_of
from planner.local_time import today_in
from planner.validation import InputError
from planner.vocabularies import DAYS, MAX_PAIN, MIN_PAIN
from planner.web.blueprint import bp, found, trainer_id
from workers.broker import commit_then_send
from workers.tasks import check_flare, send_message as send_message_actor
from planner.web.client_form import client_fields, parse_client

ZONES = sorted(available_timezones())


def _form(template: str, client: Client | None, values: dict, errors: dict | None = None, status: int = 200):
    return render_template(template, client=client, values=values, errors=errors or {}, days=DAYS,
                           zones=ZONES, precautions=questions(PRECAUTION)), status


def _values_of(client: Client) -> dict:
    return {"name": client.name, "phone": client.phone, "timezone": client.timezone,
            "reminder_time": client.reminder_time.strftime("%H:%M"),
            "checkin_time": client.checkin_time.strftime("%H:%M"),
            "training_days": client.training_days, "sms_consent": client.sms_consent,
            "auto_adjust": client.auto_adjust, "precautions": list(client.precautions)}


@bp.get("/clients")
def clients():
    q = request.args.get("q", "").strip()
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
        client = create_client(current_user, parse_client(values, creating=True),
                               current_app.config["DEFAULT_PHONE_REGION"])
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
        body = parse_client(values, creating=False)
        update_client(client, body.model_dump(), current_app.config["DEFAULT_PHONE_REGION"])
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
    if len(body) > MAX_SMS_LENGTH:
        return _client_page(client, message_errors={"body": f"must be at most {MAX_SMS_LENGTH} characters"},
                            typed={"body": body}, status=422)
    try:
        message = send_manual_message(client, body, SmsSettings.from_config(current_app.config))
    except CannotMessage as refused:
        return _client_page(client, message_errors={"body": str(refused)}, typed={"body": body}, status=409)
    commit_then_send(send_message_actor.send, [message.id])
    flash("Message queued; its delivery status shows in the conversation.")
    return redirect(url_for("web.client", client_id=client.id, _anchor="conversation"))


@bp.post("/clients/<int:client_id>/messages/<int:message_id>/handled")
def message_handled(client_id: int, message_id: int):
    client = found(client_of(trainer_id(), client_id))
    found(mark_handled(client, message_id))
    db.session.commit()
    return redirect(url_for("web.client", client_id=client.id, _anchor="conversation"))


def _checkin_fields(form) -> tuple[dict, dict, dict]:
    """(parsed values, errors, what was typed) of the check-in form."""
    typed = {k: form.get(k, "").strip() for k in ("date", "pain", "done")}
    errors: dict[str, str] = {}
    parsed: dict = {}
    try:
        parsed["date"] = date.fromisoformat(typed["date"])
    except ValueError:
        errors["date"] = f"must be a date as YYYY-MM-DD (got {typed['date']!r})"
    if typed["pain"] == "":
        parsed["pain"] = None
    elif typed["pain"].isdigit() and MIN_PAIN <= int(typed["pain"]) <= MAX_PAIN:
        parsed["pain"] = int(typed["pain"])
    else:
        errors["pain"] = f"must be a whole number from {MIN_PAIN} to {MAX_PAIN} (got {typed['pain']!r})"
    parsed["done"] = {"yes": True, "no": False}.get(typed["done"])
    return parsed, errors, typed


@bp.post("/clients/<int:client_id>/checkins")
def record_checkin(client_id: int):
    client = found(client_of(trainer_id(), client_id))
    parsed, errors, typed = _checkin_fields(request.form)
    try:
        if errors:
            raise InputError(errors)
        record_trainer_checkin(client, parsed["date"], parsed["pain"], parsed["done"], today_in(client.timezone))
    except InputError as exc:
        db.session.rollback()
        return _client_page(client, checkin_errors=exc.errors, typed=typed, status=422)
    commit_then_send(check_flare.send, [client.id])
    flash(f"Check-in for {parsed['date'].isoformat()} recorded.")
    return redirect(url_for("web.client", client_id=client.id, _anchor="checkins"))
