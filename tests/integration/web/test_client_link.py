"""The client's link: one signed link per program that opens the session
page on every day of it, stops when the program ends, is archived or the
trainer revokes it (a friendly page then says to text LINK), saves ticks
per exercise and answers "I did my session" where the client tapped."""
from __future__ import annotations

import base64
import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from planner.extensions import db
from planner.local_time import local_instant, today_in
from planner.messaging.session_links import program_link_token, session_link_token
from planner.messaging.settings import SmsSettings
from planner.models import Client, ExerciseTick, Program, Trainer
from workers.scheduler import tick

from tests.support.sms import active_client, inbound
from tests.support.waiting import drain

EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def started_days_ago(days: int) -> str:
    return (today_in("America/New_York") - timedelta(days=days)).isoformat()


def link_of(app, program_id: int) -> str:
    program = db.session.get(Program, program_id)
    with app.test_request_context():
        return f"/p/{program_link_token(program.id, program.link_version, SmsSettings.from_config(app.config))}"


def sessions_of(client: dict) -> list[dict]:
    return [s for week in client["program"]["weeks"] for s in week["sessions"]]


def remind(app, broker, worker, client: dict, day: str) -> None:
    """The scheduler's tick at the client's reminder time on `day` (simulated time)."""
    row = db.session.get(Client, client["id"])
    due = local_instant(date.fromisoformat(day), row.reminder_time, ZoneInfo(row.timezone))
    assert tick(due + timedelta(seconds=30)).created >= 1
    drain(broker, worker)


def path_in(body: str, app) -> str:
    return re.search(r"https?://\S+", body).group(0).removeprefix(app.config["PUBLIC_BASE_URL"])


def test_one_link_opens_every_day_of_the_program_and_names_the_practice(app, http, trainer, worker, broker,
                                                                        fake_twilio):
    db.session.get(Trainer, trainer.id).practice_name = "Northside Knee Clinic"
    db.session.commit()
    client = active_client(trainer, started_days_ago(3), EVERY_DAY, weeks=2)
    days = [s["date"] for s in sessions_of(client)]
    today = today_in("America/New_York").isoformat()
    later = [d for d in days if d > today]
    remind(app, broker, worker, client, later[0])
    remind(app, broker, worker, client, later[1])
    reminders = fake_twilio.bodies_to(client["phone"])
    assert len(reminders) == 2 and path_in(reminders[0], app) == path_in(reminders[1], app)
    link = path_in(reminders[0], app)
    assert link == link_of(app, client["program"]["id"]) and link.startswith("/p/")

    page = http.get(link).get_data(as_text=True)
    assert "Northside Knee Clinic" in page and "Today's session" in page
    assert "The week ahead" in page and "Past days" in page
    for past in days[:3]:  # the three days before today, each with what was recorded
        assert f'day={past}' in page
    assert page.count("Not recorded") == 3
    for day in (days[0], later[1]):  # the same link, another day of the program
        response = http.get(f"{link}?day={day}")
        assert response.status_code == 200
        assert f"/days/{day}/ticks" in response.get_data(as_text=True) or day > today
    assert "still to come" in http.get(f"{link}?day={later[1]}").get_data(as_text=True)


def test_the_link_stops_when_the_program_is_archived_or_over(app, http, trainer):
    client = active_client(trainer, started_days_ago(1), ["mon", "wed", "fri"])
    link = link_of(app, client["program"]["id"])
    assert http.get(link).status_code == 200
    newer = trainer.post(f"/api/v1/clients/{client['id']}/programs", json={
        "start_date": started_days_ago(0), "weeks": 4, "sessions_per_week": 3}).get_json()
    assert trainer.post(f"/api/v1/programs/{newer['id']}/publish").status_code == 200
    response = http.get(link)
    assert response.status_code == 410
    page = response.get_data(as_text=True)
    assert "This program has ended" in page and "LINK" in page and "app.css" in page  # the planner's own layout

    over = active_client(trainer, started_days_ago(60), ["mon", "wed", "fri"], phone="+14155552673",
                         name="Bo Over", weeks=4)
    response = http.get(link_of(app, over["program"]["id"]))
    assert response.status_code == 410 and "This program has ended" in response.get_data(as_text=True)


def test_a_revoked_link_stops_and_the_next_reminder_carries_the_new_one(app, http, web, make_trainer, worker,
                                                                        broker, fake_twilio):
    client = active_client(web.api, started_days_ago(2), EVERY_DAY, weeks=2)
    program_id = client["program"]["id"]
    old = link_of(app, program_id)
    shown = web.page(f"/programs/{program_id}")
    assert 'id="client-link"' in shown and "Revoke the link" in shown and old in shown
    with app.test_request_context():  # a daily link from an older reminder, signed before the revocation
        session = sessions_of(client)[2]["id"]
        daily = f"/s/{session_link_token(client['id'], session, SmsSettings.from_config(app.config))}"
    assert http.get(daily).status_code == 303
    response = web.post(f"/programs/{program_id}/link/revoke")
    assert response.status_code == 302 and response.location.endswith("#client-link")
    assert "Last revoked" in web.page(f"/programs/{program_id}")

    response = http.get(old)
    assert response.status_code == 410
    page = response.get_data(as_text=True)
    assert "This link has been replaced" in page and "Text <strong>LINK</strong>" in page
    assert http.post(f"{old}/days/{started_days_ago(0)}/done", data={}).status_code == 410
    assert http.get(daily).status_code == 410

    tomorrow = (today_in("America/New_York") + timedelta(days=1)).isoformat()
    remind(app, broker, worker, client, tomorrow)
    new = path_in(fake_twilio.bodies_to(client["phone"])[-1], app)
    assert new != old and new == link_of(app, program_id)
    assert http.get(new).status_code == 200

    # The same through the API; another trainer cannot reach it.
    answer = web.api.post(f"/api/v1/programs/{program_id}/link/revoke")
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["program_id"] == program_id and body["link_version"] == 2 and body["revoked_at"]
    assert http.get(new).status_code == 410
    assert http.get(body["url"].removeprefix(app.config["PUBLIC_BASE_URL"])).status_code == 200
    stranger = make_trainer(email="bo@elsewhere.example", name="Bo Elsewhere")
    assert stranger.post(f"/api/v1/programs/{program_id}/link/revoke").status_code == 404
    actions = [c["action"] for c in web.api.get(f"/api/v1/programs/{program_id}/changes").get_json()]
    assert actions.count("link_revoked") == 2


def test_ticks_are_saved_and_shown_on_reload(app, http, trainer):
    client = active_client(trainer, started_days_ago(1), EVERY_DAY, weeks=1)
    link = link_of(app, client["program"]["id"])
    today = today_in("America/New_York").isoformat()
    session = next(s for s in sessions_of(client) if s["date"] == today)
    first, second = (item["id"] for item in session["items"][:2])

    response = http.post(f"{link}/days/{today}/ticks", data={"done_item": [str(first), str(second)]})
    assert response.status_code == 303 and response.location.endswith(f"#ticks-{today}")
    page = http.get(response.location).get_data(as_text=True)
    assert "Ticks saved." in page
    checked = re.findall(r'id="tick-(\d+)" name="done_item" value="\d+" data-tick="item-\d+" checked', page)
    assert sorted(map(int, checked)) == sorted([first, second])

    # Unticking one, as session.js does on each change.
    assert http.post(f"{link}/days/{today}/ticks", data={"done_item": str(first)},
                     headers={"X-Requested-With": "fetch"}).status_code == 204
    page = http.get(link).get_data(as_text=True)
    assert re.findall(r'id="tick-(\d+)" name="done_item" value="\d+" data-tick="item-\d+" checked', page) == [
        str(first)]
    ticks = list(db.session.scalars(db.select(ExerciseTick).order_by(ExerciseTick.program_item_id)))
    assert [(t.program_item_id, t.done, t.date.isoformat()) for t in ticks] == [
        (first, True, today), (second, False, today)]

    # Yesterday's session, ticked late, counts on the past days' list.
    yesterday = sessions_of(client)[0]
    http.post(f"{link}/days/{yesterday['date']}/ticks", data={"done_item": str(yesterday["items"][0]["id"])})
    assert f"1 of {len(yesterday['items'])} exercises ticked" in http.get(link).get_data(as_text=True)


def test_done_answers_where_the_client_tapped(app, http, trainer):
    client = active_client(trainer, started_days_ago(0), EVERY_DAY, weeks=1)
    link = link_of(app, client["program"]["id"])
    today = today_in("America/New_York").isoformat()
    response = http.post(f"{link}/days/{today}/done", data={"pain": "3"})
    assert response.status_code == 303 and response.location.endswith("#confirmation")
    page = http.get(response.location).get_data(as_text=True)
    confirmation = page.index('id="confirmation"')
    assert 'tabindex="-1" role="status"' in page[confirmation:confirmation + 80]
    assert confirmation < page.index("I did my session") and "Saved. Thank you!" in page
    assert "Recorded as done, pain 3/10" in page
    assert "Saved. Thank you!" not in http.get(link).get_data(as_text=True)  # only just after tapping

    tomorrow = (today_in("America/New_York") + timedelta(days=1)).isoformat()
    response = http.post(f"{link}/days/{tomorrow}/done", data={"pain": "3"})
    assert response.status_code == 422 and "still to come" in response.get_data(as_text=True)


def test_a_tampered_link_or_another_clients_ids_get_the_friendly_page(app, http, trainer):
    ada = active_client(trainer, started_days_ago(0), EVERY_DAY, weeks=1)
    bo = active_client(trainer, started_days_ago(0), EVERY_DAY, weeks=1, phone="+14155552672", name="Bo Other")
    link = link_of(app, ada["program"]["id"])
    payload, signature = link.removeprefix("/p/").split(".")
    assert base64.urlsafe_b64decode(payload + "==") == f"[{ada['program']['id']},0]".encode()
    bos = base64.urlsafe_b64encode(f"[{bo['program']['id']},0]".encode()).decode().rstrip("=")
    today = today_in("America/New_York").isoformat()
    for path in (f"/p/{bos}.{signature}", link[:-3] + "abc", "/p/not-a-link", f"{link}/days/not-a-day/ticks"):
        response = http.get(path) if "/days/" not in path else http.post(path)
        assert response.status_code == 404, path
        page = response.get_data(as_text=True)
        assert "This link does not work" in page and "LINK" in page and "Ada" not in page
    bos_item = sessions_of(bo)[0]["items"][0]["id"]
    response = http.post(f"{link}/days/{today}/ticks", data={"done_item": [str(bos_item), "x"]})
    assert response.status_code == 422 and "Ticks not saved" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(ExerciseTick.id))) == 0


def test_link_texts_the_current_link(app, http, trainer, worker, broker, fake_twilio):
    db.session.get(Trainer, trainer.id).practice_name = "Northside Knee Clinic"
    db.session.commit()
    client = active_client(trainer, started_days_ago(1), EVERY_DAY)
    response = inbound(http, app, client["phone"], "LINK", "SM-link-1")
    assert response.status_code == 200
    drain(broker, worker)
    text = fake_twilio.bodies_to(client["phone"])[-1]
    assert "Northside Knee Clinic" in text and re.search(r"\d", text.split("http")[0]) is None  # no score
    assert path_in(text, app) == link_of(app, client["program"]["id"])
    assert http.get(path_in(text, app)).status_code == 200

    trainer.post(f"/api/v1/programs/{client['program']['id']}/link/revoke")
    inbound(http, app, client["phone"], "link", "SM-link-2")
    drain(broker, worker)
    assert path_in(fake_twilio.bodies_to(client["phone"])[-1], app) == link_of(app, client["program"]["id"])

    inbound(http, app, client["phone"], "Link.", "SM-link-3")
    inbound(http, app, client["phone"], "LINK", "SM-link-4")  # a fourth in a day: not answered
    drain(broker, worker)
    assert len(fake_twilio.bodies_to(client["phone"])) == 3

    # A client who replied STOP gets nothing.
    stopped = active_client(trainer, started_days_ago(1), EVERY_DAY, phone="+14155552674", name="Cy Stopped")
    inbound(http, app, stopped["phone"], "STOP", "SM-stop")
    inbound(http, app, stopped["phone"], "LINK", "SM-link-5")
    drain(broker, worker)
    assert fake_twilio.bodies_to(stopped["phone"]) == []


def test_link_without_a_running_program_says_so(app, http, trainer, worker, broker, fake_twilio):
    client = active_client(trainer, started_days_ago(60), ["mon", "wed", "fri"], weeks=4)
    inbound(http, app, client["phone"], "LINK", "SM-link-old")
    drain(broker, worker)
    text = fake_twilio.bodies_to(client["phone"])[-1]
    assert "no program running" in text and "http" not in text
    answer = inbound(http, app, "+14155550999", "LINK", "SM-link-stranger").get_data(as_text=True)
    assert "not linked to a training plan" in answer
