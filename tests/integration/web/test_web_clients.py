"""The trainer's pages about clients: list, create and edit, the client's
page with its conversation and check-ins, and the dashboard."""
from __future__ import annotations

import re
from datetime import date, timedelta

from planner.extensions import db
from planner.models import CheckIn, Client, Message
from planner.local_time import today_in

from tests.support.sms import ASSESSMENT

NEW_CLIENT = {"name": "Grace Hopper", "phone": "+1 415 555 2671", "timezone": "America/New_York",
              "reminder_time": "07:30", "checkin_time": "19:00", "sms_consent": "yes"}


def new_client_form(**changes):
    fields = NEW_CLIENT | changes
    pairs = [(k, v) for k, v in fields.items() if v is not None]
    return pairs + [("training_days", d) for d in ("mon", "wed", "fri")]


def test_create_a_client_then_see_and_edit_them(web):
    response = web.post("/clients/new", new_client_form())
    assert response.status_code == 302
    client = db.session.scalar(db.select(Client).filter_by(trainer_id=web.id))
    assert response.headers["Location"] == f"/clients/{client.id}"
    assert (client.name, client.phone, client.timezone, client.training_days, client.sms_consent) == \
        ("Grace Hopper", "+14155552671", "America/New_York", ["mon", "wed", "fri"], True)
    assert client.reminder_time.strftime("%H:%M") == "07:30"

    page = web.page(f"/clients/{client.id}")
    assert "Grace Hopper" in page and "+14155552671" in page and "Mon, Wed, Fri" in page
    assert "Grace Hopper" in web.page("/clients")

    edit = web.page(f"/clients/{client.id}/edit")
    assert 'value="07:30"' in edit and 'value="wed" checked' in edit
    response = web.post(f"/clients/{client.id}/edit", new_client_form(name="Grace B. Hopper", reminder_time="06:45:00")
                        [:-3] + [("training_days", "tue"), ("training_days", "sat")])
    assert response.status_code == 302
    db.session.expire_all()
    assert client.name == "Grace B. Hopper" and client.training_days == ["tue", "sat"]
    assert client.reminder_time.strftime("%H:%M") == "06:45"


def test_a_bad_client_form_names_each_problem_and_keeps_what_was_typed(web):
    response = web.post("/clients/new", new_client_form(phone="12", timezone="Mars/Olympus", reminder_time="7pm",
                                                        name="Typed Name"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Mars/Olympus" in page and "is not a time zone or a city we know" in page
    assert "7pm" in page and "HH:MM" in page
    assert 'value="Typed Name"' in page and 'value="wed" checked' in page
    assert db.session.scalar(db.select(db.func.count(Client.id))) == 0
    # The phone is checked by the domain once the form itself is valid.
    response = web.post("/clients/new", new_client_form(phone="12"))
    assert response.status_code == 422
    assert 'aria-invalid="true" aria-describedby="phone-error"' in response.get_data(as_text=True)


def test_a_phone_already_used_by_another_client_is_refused(web):
    assert web.post("/clients/new", new_client_form()).status_code == 302
    response = web.post("/clients/new", new_client_form(name="Someone Else"))
    assert response.status_code == 422
    assert "already belongs to another of your clients" in response.get_data(as_text=True)


def test_the_client_list_searches_by_name_or_phone(web):
    web.api.create_client(name="Ada Lovelace", phone="+14155552671")
    web.api.create_client(name="Alan Turing", phone="+14155552672")
    page = web.page("/clients?q=turing")
    assert "Alan Turing" in page and "Ada Lovelace" not in page
    page = web.page("/clients?q=2671")
    assert "Ada Lovelace" in page and "Alan Turing" not in page


def test_another_trainers_clients_are_not_found_anywhere(make_web_trainer):
    ann = make_web_trainer()
    bob = make_web_trainer(email="bob@clinic.example", name="Bob")
    client = ann.api.create_client()
    assert ann.api.post(f"/api/v1/clients/{client['id']}/assessments", json=ASSESSMENT).status_code == 201
    program = ann.api.post(f"/api/v1/clients/{client['id']}/programs", json={}).get_json()
    item = program["weeks"][0]["sessions"][0]["items"][0]
    cid, pid = client["id"], program["id"]
    for path in (f"/clients/{cid}", f"/clients/{cid}/edit", f"/clients/{cid}/programs/new", f"/programs/{pid}",
                 f"/programs/{pid}/handout", f"/programs/{pid}/items/{item['id']}"):
        assert bob.get(path).status_code == 404, path
    for path in (f"/clients/{cid}/edit", f"/clients/{cid}/messages", f"/clients/{cid}/checkins",
                 f"/programs/{pid}/publish", f"/programs/{pid}/regenerate", f"/programs/{pid}/items/{item['id']}",
                 f"/programs/{pid}/items/{item['id']}/remove"):
        assert bob.post(path, {"body": "hi", "name": "x"}).status_code == 404, path
    assert "Ada Lovelace" not in bob.page("/clients") and "Ada Lovelace" not in bob.page("/dashboard")
    assert ann.get(f"/clients/{cid}").status_code == 200


def test_a_manual_message_is_queued_and_shown_in_the_conversation(web, worker, broker, fake_twilio):
    from tests.support.sms import mark_opted_in_long_ago
    from tests.support.waiting import drain

    client = web.api.create_client()
    mark_opted_in_long_ago(client["id"])  # not the first text: test_sms_routing.py follows that one
    response = web.post(f"/clients/{client['id']}/messages", {"body": "See you Thursday at 5!"})
    assert response.status_code == 302
    drain(broker, worker)
    message = db.session.scalar(db.select(Message).filter_by(client_id=client["id"]))
    assert (message.kind, message.status, message.body) == ("manual", "queued", "See you Thursday at 5!")  # as Twilio accepted it
    assert fake_twilio.bodies_to("+14155552671") == ["See you Thursday at 5!"]
    page = web.page(f"/clients/{client['id']}")
    assert re.search(r'class="outbound" data-message="\d+">\s*See you Thursday at 5!', page)


def test_a_message_to_an_opted_out_client_is_refused_with_the_reason(web):
    client = web.api.create_client()
    db.session.get(Client, client["id"]).sms_opted_out_at = date(2026, 1, 1)
    db.session.commit()
    response = web.post(f"/clients/{client['id']}/messages", {"body": "Are you there?"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "replied STOP" in page and "Are you there?" in page  # kept in the box
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0


def test_the_trainer_records_a_check_in_taken_by_phone(web):
    client = web.api.create_client(timezone="Europe/London")
    today = today_in("Europe/London")
    response = web.post(f"/clients/{client['id']}/checkins", {"date": today.isoformat(), "pain": "4", "done": "yes"})
    assert response.status_code == 302
    checkin = db.session.scalar(db.select(CheckIn).filter_by(client_id=client["id"]))
    assert (checkin.date, checkin.pain, checkin.done, checkin.source) == (today, 4, True, "trainer")

    tomorrow = (today + timedelta(days=1)).isoformat()
    response = web.post(f"/clients/{client['id']}/checkins", {"date": tomorrow, "pain": "11", "done": ""})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "from 0 to 10" in page and f'value="{tomorrow}"' in page and 'value="11"' in page
    response = web.post(f"/clients/{client['id']}/checkins", {"date": tomorrow, "pain": "3", "done": ""})
    assert "is in the future" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(CheckIn.id))) == 1


def _checkin(client_id: int, day: date, pain: int | None, done: bool | None = True) -> None:
    db.session.add(CheckIn(client_id=client_id, date=day, pain=pain, done=done, source="trainer"))


def test_the_dashboard_puts_who_needs_attention_first(web):
    calm = web.api.create_client(name="Calm Client", phone="+14155550001", timezone="UTC")
    rising = web.api.create_client(name="Rising Pain", phone="+14155550002", timezone="UTC")
    stopped = web.api.create_client(name="Said Stop", phone="+14155550003", timezone="UTC")
    confused = web.api.create_client(name="Unclear Replies", phone="+14155550004", timezone="UTC")
    today = today_in("UTC")
    for days_ago in range(1, 14):
        day = today - timedelta(days=days_ago)
        _checkin(calm["id"], day, 3)
        _checkin(rising["id"], day, 2 if days_ago >= 7 else 6)
    db.session.get(Client, stopped["id"]).sms_opted_out_at = date(2026, 1, 1)
    unparsed = Message(client_id=confused["id"], direction="inbound", kind="unparsed", body="what?", status="received")
    db.session.add(unparsed)
    db.session.commit()

    page = web.page("/dashboard")
    order = re.findall(r'<tr data-client="(\d+)">', page)
    assert order == [str(stopped["id"]), str(rising["id"]), str(confused["id"]), str(calm["id"])]
    assert "Opted out of SMS" in page and "Pain up 4 points on last week" in page and "1 reply to read" in page
    assert "▲ 4.0" in page

    # Dealing with the reply takes the client off the attention list.
    response = web.post(f"/clients/{confused['id']}/messages/{unparsed.id}/handled")
    assert response.status_code == 302
    page = web.page("/dashboard")
    assert "1 reply to read" not in page
    assert re.findall(r'<tr data-client="(\d+)">', page)[-2:] in ([str(calm["id"]), str(confused["id"])],
                                                                  [str(confused["id"]), str(calm["id"])])


def test_the_dashboard_reads_the_caseload_in_a_fixed_number_of_queries(web, app):
    from sqlalchemy import event

    def count_queries() -> int:
        seen = []
        listener = lambda *args: seen.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            web.page("/dashboard")
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    web.api.create_client(phone="+14155550001")
    few = count_queries()
    for i in range(2, 12):
        client = web.api.create_client(name=f"Client {i}", phone=f"+141555500{i:02d}")
        _checkin(client["id"], today_in(client["timezone"]) - timedelta(days=1), 3)
    db.session.commit()
    assert count_queries() == few


def test_a_program_published_today_is_not_yet_behind(web):
    from tests.support.sms import ASSESSMENT

    client = web.api.create_client(timezone="UTC", training_days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    today = today_in("UTC")
    # Done check-ins from before this program: they count for neither adherence nor silence.
    for days_ago in range(1, 40, 3):
        _checkin(client["id"], today - timedelta(days=days_ago), 3)
    db.session.commit()
    assert web.api.post(f"/api/v1/clients/{client['id']}/assessments", json=ASSESSMENT).status_code == 201
    program = web.api.post(f"/api/v1/clients/{client['id']}/programs",
                           json={"start_date": today.isoformat()}).get_json()
    assert web.api.post(f"/api/v1/programs/{program['id']}/publish").status_code == 200
    row = re.search(rf'<tr data-client="{client["id"]}">.*?</tr>', web.page("/dashboard"), re.S).group(0)
    assert "sessions done" not in row and "No check-in" not in row
    assert "%" not in row.split("</td>")[4]  # no adherence yet: nothing was due before today


def test_dashboard_adherence_counts_this_programs_sessions_up_to_yesterday(web):
    from tests.support.sms import ASSESSMENT

    client = web.api.create_client(timezone="UTC", training_days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    today = today_in("UTC")
    assert web.api.post(f"/api/v1/clients/{client['id']}/assessments", json=ASSESSMENT).status_code == 201
    program = web.api.post(f"/api/v1/clients/{client['id']}/programs",
                           json={"start_date": (today - timedelta(days=13)).isoformat(),
                                 "sessions_per_week": 7}).get_json()
    assert web.api.post(f"/api/v1/programs/{program['id']}/publish").status_code == 200
    for days_ago in (1, 3, 5, 7, 9):
        _checkin(client["id"], today - timedelta(days=days_ago), 3)
    _checkin(client["id"], today - timedelta(days=2), 3, done=False)
    db.session.commit()
    row = re.search(rf'<tr data-client="{client["id"]}">.*?</tr>', web.page("/dashboard"), re.S).group(0)
    # 13 sessions were due before today (today's is not due until done); 5 were done.
    assert "38% of sessions done in two weeks" in row and ">38%<" in row


def test_the_dashboard_pages_a_long_caseload_worst_first(web, monkeypatch):
    import planner.web.dashboard as dashboard

    monkeypatch.setattr(dashboard, "PAGE_SIZE", 2)
    for i, name in enumerate(("Amy", "Ben", "Cal")):
        web.api.create_client(name=name, phone=f"+1415555000{i}")
    stopped = db.session.scalar(db.select(Client).filter_by(name="Cal"))
    stopped.sms_opted_out_at = date(2026, 1, 1)
    db.session.commit()
    first, second = web.page("/dashboard"), web.page("/dashboard?page=2")
    names = lambda page: re.findall(r'<tr data-client="\d+">\s*<td><a href="/clients/\d+">(\w+)</a>', page)  # noqa: E731
    assert names(first) == ["Cal", "Amy"] and names(second) == ["Ben"]
    assert "Page 1 of 2" in first and "showing 1-2" in first and "showing 3-3" in second
    assert names(web.page("/dashboard?page=9")) == ["Ben"]  # past the end: the last page
