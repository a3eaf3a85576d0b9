"""The program builder a trainer reads between two clients (issue 13):
what is not covered summarised by reason, the findings grouped, adding an
exercise by its name, and the rules with their sources."""
from __future__ import annotations

import re

from planner.extensions import db
from planner.models import Program

from tests.support.clinical_cases import ANTICOAGULANT_CLIENT, KNEE_VALGUS_CLIENT, enrol


def generated(web, case, equipment=("foam_roller", "mini_band")) -> Program:
    client, _ = enrol(web.api, case)
    response = web.api.post(f"/api/v1/clients/{client['id']}/programs",
                            json={"start_date": "2026-11-23", "equipment": list(equipment)})
    assert response.status_code == 201, response.get_json()
    return db.session.get(Program, response.get_json()["id"])


def test_what_is_not_covered_is_a_count_and_reasons_folded_away(web):
    program = generated(web, KNEE_VALGUS_CLIENT)
    page = web.page(f"/programs/{program.id}")
    block = page[page.index('id="uncovered"') - 40:page.index('<nav class="row weeks')]
    assert block.startswith('<details class="card" id="uncovered">') or '<details class="card" id="uncovered">' in block
    assert "open" not in block.split(">")[0]
    summary = re.search(r"<summary><strong>(\d+) findings? not fully covered</strong>:(.*?)</summary>", block, re.S)
    assert summary
    assert int(summary.group(1)) == len({(u["muscle"], u["side"], u["status"]) for u in program.uncovered})
    assert "no room in the sessions" in summary.group(2) and "to test before treating" in summary.group(2)
    groups = re.findall(r'data-uncovered="([a-z]+)"', block)
    assert groups[0] == "room" and "test" in groups
    # One line per entry inside each group, not one row per muscle on the page.
    assert block.count("<li>") == len(program.uncovered)


def test_the_builder_groups_the_findings_and_shows_the_precautions_and_rules(web):
    program = generated(web, ANTICOAGULANT_CLIENT)
    page = web.page(f"/programs/{program.id}")
    assert 'data-compensation-group="knees_move_inward"' in page and 'data-compensation-group="low_back_arches"' in page
    assert "data-precautions" in page and "Takes anticoagulants" in page
    assert "How this program was built" in page and "Henry et al., Phys Ther 1999" in page
    assert "left out by the equipment, a painful region or a precaution" in page


def test_an_exercise_is_added_by_its_name(web):
    program = generated(web, KNEE_VALGUS_CLIENT)
    session = program.sessions[0]
    page = web.page(f"/programs/{program.id}")
    options = re.findall(r'<datalist id="exercise-names">(.*?)</datalist>', page, re.S)[0]
    assert '<option value="Glute bridge">' in options and 'value="glute_bridge"' not in options
    assert 'list="exercise-names"' in page and "Add an exercise by name" in page

    before = len(session.items)
    response = web.post(f"/programs/{program.id}/sessions/{session.id}/items", {"exercise": "  glute   BRIDGE "})
    assert response.status_code == 302
    db.session.expire_all()
    assert len(session.items) == before + 1 and "glute_bridge" in [i.exercise.slug for i in session.items]

    missing = web.post(f"/programs/{program.id}/sessions/{session.id}/items", {"exercise": "bridge"})
    message = web.page(missing.headers["Location"])
    assert "unknown exercise &#39;bridge&#39;; did you mean" in message or "unknown exercise 'bridge'; did you mean" in message
    assert "Glute bridge" in message
