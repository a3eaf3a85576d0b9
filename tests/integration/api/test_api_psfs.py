"""The Patient-Specific Functional Scale through the API: recorded with an
assessment, refused when malformed, and read back by the report."""
from __future__ import annotations

from datetime import timedelta

import pytest

from planner.extensions import db
from planner.local_time import today_in
from planner.models import Assessment, PsfsScore

ZONE = "Europe/London"


def assess(trainer, client_id: int, performed_on, psfs: list[dict]):
    return trainer.post(f"/api/v1/clients/{client_id}/assessments",
                        json={"performed_on": performed_on.isoformat(), "psfs": psfs})


def test_two_assessments_give_the_report_its_series_and_an_important_improvement(trainer):
    client = trainer.create_client(timezone=ZONE)
    today = today_in(ZONE)
    first = assess(trainer, client["id"], today - timedelta(days=40),
                   [{"activity": "Climbing stairs", "score": 2}, {"activity": "Running", "score": 3},
                    {"activity": "Kneeling", "score": 1}])
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["psfs"] == [{"activity": "Climbing stairs", "score": 2},
                                        {"activity": "Running", "score": 3}, {"activity": "Kneeling", "score": 1}]
    later = assess(trainer, client["id"], today - timedelta(days=2),
                   [{"activity": "Climbing stairs", "score": 6}, {"activity": "Running", "score": 4},
                    {"activity": "Kneeling", "score": 2}])
    assert later.status_code == 201, later.get_json()

    report = trainer.get(f"/api/v1/clients/{client['id']}/report").get_json()
    assert [(p["date"], p["mean"]) for p in report["psfs"]] == [
        ((today - timedelta(days=40)).isoformat(), 2.0), ((today - timedelta(days=2)).isoformat(), 4.0)]
    assert report["psfs"][1]["activities"][0] == {"activity": "Climbing stairs", "score": 6}
    assert report["psfs_change"] == {"points": 2.0, "mid_points": 2.0, "verdict": "improved"}


def test_a_report_without_psfs_says_there_is_no_change_to_judge(trainer):
    client = trainer.create_client(timezone=ZONE)
    report = trainer.get(f"/api/v1/clients/{client['id']}/report").get_json()
    assert report["psfs"] == []
    assert report["psfs_change"]["verdict"] is None


@pytest.mark.parametrize("psfs, path, message", [
    ([{"activity": f"activity {i}", "score": 5} for i in range(6)], "psfs", "at most 5"),
    ([{"activity": "Running", "score": 11}], "psfs[0].score", "must be at most 10 (got 11)"),
    ([{"activity": "Running", "score": "7"}], "psfs[0].score", "must be a whole number"),
    ([{"activity": "", "score": 7}], "psfs[0].activity", "must not be empty"),
    ([{"activity": "Run\nning", "score": 7}], "psfs[0].activity", ""),
    ([{"activity": "x" * 121, "score": 7}], "psfs[0].activity", "at most 120"),
    ([{"activity": "Running", "score": 7}, {"activity": "running ", "score": 3}], "psfs", "names an activity twice"),
])
def test_a_malformed_psfs_is_a_422_naming_the_field_and_nothing_is_written(trainer, psfs, path, message):
    client = trainer.create_client(timezone=ZONE)
    response = assess(trainer, client["id"], today_in(ZONE), psfs)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert path in errors and message in errors[path], errors
    assert db.session.scalar(db.select(db.func.count()).select_from(Assessment)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(PsfsScore)) == 0
