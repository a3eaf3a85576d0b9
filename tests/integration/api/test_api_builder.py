"""The builder's edits through the API (issue 13): "following" reaches every
later session with the item, and a dose change keeps the planned
progression, shifted; the program says how it was built."""
from tests.support.clinical_cases import KNEE_VALGUS_CLIENT, all_items, enrol, generate

KIT = ["foam_roller", "mini_band"]


def by_slot(program, slot):
    return [(w["week"], s["index"], i) for w in program["weeks"] for s in w["sessions"] for i in s["items"]
            if i["slot"] == slot]


def test_a_dose_change_for_following_sessions_shifts_the_planned_progression(trainer):
    client, _ = enrol(trainer, KNEE_VALGUS_CLIENT)
    program = generate(trainer, client, equipment=KIT).get_json()
    first = next(i for i in program["weeks"][0]["sessions"][0]["items"] if i["phase"] == "activate")
    planned = by_slot(program, first["slot"])
    assert len({i["reps"] for _, _, i in planned}) > 1, "the plan progresses"
    sessions = {(w, s) for w, s, _ in planned}
    assert len({s for _, s in sessions}) >= 2, "the item is in more than one session of the week"

    response = trainer.patch(f"/api/v1/programs/{program['id']}/items/{first['id']}",
                             json={"reps": first["reps"] - 2, "rest_seconds": 60, "apply_to": "following"})
    assert response.status_code == 200, response.get_json()
    changed = {(w, s): i for w, s, i in by_slot(response.get_json(), first["slot"])}
    assert set(changed) == sessions  # every later session with the item, whichever day of the week
    for week, session, before in planned:
        after = changed[(week, session)]
        assert after["reps"] == max(1, before["reps"] - 2), (week, session)
        assert after["sets"] == before["sets"] and after["rest_seconds"] == 60
    history = trainer.get(f"/api/v1/programs/{program['id']}/changes").get_json()[-1]
    assert history["details"]["apply_to"] == "following" and len(history["details"]["items"]) == len(planned)


def test_a_change_to_one_item_leaves_the_others(trainer):
    client, _ = enrol(trainer, KNEE_VALGUS_CLIENT)
    program = generate(trainer, client, equipment=KIT).get_json()
    first = next(i for i in program["weeks"][0]["sessions"][0]["items"] if i["phase"] == "activate")
    updated = trainer.patch(f"/api/v1/programs/{program['id']}/items/{first['id']}", json={"sets": 1}).get_json()
    others = [i for _, _, i in by_slot(updated, first["slot"]) if i["id"] != first["id"]]
    assert others == [i for _, _, i in by_slot(program, first["slot"]) if i["id"] != first["id"]]


def test_the_program_says_how_it_was_built(trainer):
    client, _ = enrol(trainer, KNEE_VALGUS_CLIENT)
    program = generate(trainer, client, equipment=KIT).get_json()
    rules = program["rules"]
    assert any("NASM" in r and "same session" in r for r in rules)
    assert any("Henry et al., Phys Ther 1999" in r for r in rules)
    assert all(all_items(program))
