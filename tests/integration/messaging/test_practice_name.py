"""Every text to a client, the HELP and START answers, the session page and
the handout name the practice (account settings), not "your coach": the
real scheduler tick, worker, twilio library against the fake Twilio, and
signed webhooks."""
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from planner.extensions import db
from planner.messaging.segments import segments
from planner.models import Trainer
from planner.vocabularies import DAYS
from workers.scheduler import tick

from tests.support.sms import active_client, inbound
from tests.support.waiting import drain

ZONE = ZoneInfo("America/New_York")
MONDAY = date(2026, 3, 2)


def utc(day: date, hhmm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), ZONE).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def name_the_practice(trainer_id: int, name: str) -> None:
    db.session.get(Trainer, trainer_id).practice_name = name
    db.session.commit()


def test_reminders_and_questions_name_the_practice_within_two_segments(trainer, worker, broker, fake_twilio):
    name_the_practice(trainer.id, "Northside Sports Physio")
    client = active_client(trainer, MONDAY.isoformat(), ["mon", "tue"], checkin="19:00", weeks=1,
                           opted_in_long_ago=False)
    for day in range(3):
        for hhmm in ("08:00", "19:00"):
            tick(utc(date(2026, 3, 2 + day), hhmm))
            drain(broker, worker)
    bodies = fake_twilio.bodies_to(client["phone"])
    # The opt-in confirmation, Monday's reminder and prompt, Tuesday's reminder (with the waking
    # question) and prompt, Wednesday's morning question.
    assert len(bodies) == 6, bodies
    assert all(body.startswith("Northside Sports Physio: ") for body in bodies), bodies
    assert bodies[0].startswith("Northside Sports Physio: you'll get training reminders")
    assert bodies[1].startswith("Northside Sports Physio: Hi Ada, today is a training day.")
    assert bodies[5].startswith("Northside Sports Physio: Hi Ada, good morning.")
    assert all("coach" not in body and segments(body) <= 2 for body in bodies)


def test_an_accented_practice_name_keeps_texts_in_gsm7(trainer, worker, broker, fake_twilio):
    name_the_practice(trainer.id, "Physio Zoë")
    client = active_client(trainer, MONDAY.isoformat(), ["mon"], weeks=1)
    tick(utc(MONDAY, "08:00"))
    drain(broker, worker)
    [body] = fake_twilio.bodies_to(client["phone"])
    assert body.startswith("Physio Zoe: Hi Ada, today is a training day.") and segments(body) == 1


def test_help_and_start_answers_name_the_practice(app, http, trainer):
    name_the_practice(trainer.id, "Knee Clinic")
    client = active_client(trainer, MONDAY.isoformat(), ["mon"], weeks=1)
    help_answer = inbound(http, app, client["phone"], "HELP", "SM-help").get_data(as_text=True)
    assert "Knee Clinic: your training reminders and check-ins." in help_answer and "coach" not in help_answer
    inbound(http, app, client["phone"], "STOP", "SM-stop")
    start_answer = inbound(http, app, client["phone"], "START", "SM-start").get_data(as_text=True)
    assert "Knee Clinic: you will get training reminders again." in start_answer


def test_without_a_practice_name_texts_name_the_trainer(app, http, trainer):
    client = active_client(trainer, MONDAY.isoformat(), ["mon"], weeks=1)
    assert "Ann Trainer: your training reminders" in inbound(http, app, client["phone"], "HELP", "SM-h").get_data(
        as_text=True)


def test_the_session_page_and_the_handout_show_the_practice(app, web, worker, broker, fake_twilio):
    name_the_practice(web.id, "Knee Clinic")
    today = datetime.now(ZONE).date()  # the link opens while the program runs
    client = active_client(web.api, today.isoformat(), [DAYS[today.weekday()]], weeks=1)
    tick(utc(today, "08:00"))
    drain(broker, worker)
    link = fake_twilio.bodies_to(client["phone"])[0].split("Your session: ")[1]
    page = app.test_client().get(link.removeprefix(app.config["PUBLIC_BASE_URL"]), headers={}).get_data(as_text=True)
    assert '<p class="practice-name">Knee Clinic</p>' in page
    handout = web.page(f"/programs/{client['program']['id']}/handout")
    assert '<p class="practice">Knee Clinic</p>' in handout


def test_the_account_page_says_how_texts_write_the_practice_name(web):
    assert web.post("/account/texting", {"practice_name": "Physio Zoë", "sms_from_number": ""}).status_code == 302
    assert "Saved. Texts write it as “Physio Zoe”" in web.page("/account")
    web.post("/account/texting", {"practice_name": "東京整体", "sms_from_number": ""})
    assert "goes as UCS-2: 70 characters a segment instead of 160" in web.page("/account")
    web.post("/account/texting", {"practice_name": "Knee Clinic", "sms_from_number": ""})
    page = web.page("/account")
    assert "Saved." in page and "GSM-7" not in page
