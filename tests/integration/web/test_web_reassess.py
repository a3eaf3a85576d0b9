"""The dashboard asks for a reassessment 4 weeks into a program until one is
recorded, and flags 'not responding: consider referral' after 6 weeks of
good adherence without a clinically important change."""
from __future__ import annotations

from datetime import timedelta

from planner.extensions import db
from planner.local_time import today_in
from planner.models import CheckIn, Program

ASSESSMENT = {"muscle_tests": [{"muscle": "gluteus_medius", "side": "right", "grade": 3, "inhibited": False}],
              "overhead_squat": ["knees_move_inward"], "pain": [{"region": "knee", "score": 6}]}


def test_reassess_then_refer_on_the_dashboard(web):
    today = today_in("UTC")
    start = today - timedelta(weeks=7)
    client = web.api.create_client(name="Flat Pain", phone="+14155550001", timezone="UTC")
    assessment = ASSESSMENT | {"performed_on": (start - timedelta(days=1)).isoformat()}
    assert web.api.post(f"/api/v1/clients/{client['id']}/assessments", json=assessment).status_code == 201
    program = web.api.post(f"/api/v1/clients/{client['id']}/programs",
                           json={"start_date": start.isoformat(), "weeks": 8, "sessions_per_week": 3}).get_json()
    assert web.api.post(f"/api/v1/programs/{program['id']}/publish").status_code == 200
    for session in db.session.get(Program, program["id"]).sessions:
        if session.date < today:  # every session done, pain stuck at 5 against 6
            db.session.add(CheckIn(client_id=client["id"], date=session.date, pain=5, done=True, source="trainer"))
    db.session.commit()

    page = web.page("/dashboard")
    assert "Reassessment due: 7 weeks into the program" in page
    assert "Not responding: consider referral" in page and "100% of sessions done" in page

    retest = ASSESSMENT | {"performed_on": (today - timedelta(days=1)).isoformat()}
    assert web.api.post(f"/api/v1/clients/{client['id']}/assessments", json=retest).status_code == 201
    page = web.page("/dashboard")
    assert "Reassessment due" not in page
    assert "Not responding: consider referral" in page
