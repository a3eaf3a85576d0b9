"""Templates and copies in the web app: save a program as a template from
its page, the templates list, start a client's program from one on the
new-program page, copy a program to another client; errors in plain words;
another trainer's templates and clients are out of reach."""
from __future__ import annotations

import html

import pytest

from planner.extensions import db
from planner.models import Program, ProgramTemplate

from tests.support.clinical_cases import ANTICOAGULANT_CLIENT, KNEE_VALGUS_CLIENT, RED_FLAG_CLIENT, enrol, generate


@pytest.fixture
def knee_program(web):
    client, _ = enrol(web.api, KNEE_VALGUS_CLIENT)
    program = generate(web.api, client, equipment=["foam_roller", "mini_band"]).get_json()
    return client, program


def save(web, program, name="Knee valgus"):
    return web.post(f"/programs/{program['id']}/template", {"name": name})


def follow(web, response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)
    return html.unescape(web.page(response.headers["Location"]))


def test_save_a_program_as_a_template_and_see_it_listed(web, knee_program):
    _, program = knee_program
    page = web.page(f"/programs/{program['id']}")
    assert '<label for="template-name">Template name</label>' in page and "Save as template" in page
    assert '<label for="copy-client">Copy to client</label>' in page
    listed = follow(web, save(web, program))
    assert "Saved as the template “Knee valgus”" in listed
    assert "<h2 id=\"template-" in listed and "Knee valgus" in listed and "Knees move inward" in listed
    assert "6 weeks × 3 sessions" in listed
    # The client's name appears only among the clients a template can be used for.
    assert "Val Gus" not in listed.split("</nav>", 1)[1].split("Start a program for")[0]


def test_a_taken_name_is_said_in_plain_words_on_the_program_page(web, knee_program):
    _, program = knee_program
    save(web, program)
    page = follow(web, save(web, program, "KNEE valgus"))
    assert "Not saved as a template: name: you already have a template named 'KNEE valgus'" in page
    page = follow(web, save(web, program, ""))
    assert "Not saved as a template: name: must not be empty." in page
    assert db.session.scalar(db.select(db.func.count(ProgramTemplate.id))) == 1


def test_start_an_anticoagulant_clients_program_from_the_template(web, knee_program):
    _, program = knee_program
    save(web, program)
    template = db.session.scalar(db.select(ProgramTemplate))
    client, assessment = enrol(web.api, ANTICOAGULANT_CLIENT)
    form = web.page(f"/clients/{client['id']}/programs/new?template_id={template.id}")
    assert '<label for="t-template_id">Template</label>' in form and "Start from template" in form
    assert f'<option value="{template.id}" selected>Knee valgus' in form
    response = web.post(f"/clients/{client['id']}/programs/new", {
        "template_id": str(template.id), "assessment_id": str(assessment["id"]), "start_date": "2026-12-07"})
    page = follow(web, response)
    created = db.session.scalar(db.select(Program).filter_by(client_id=client["id"]))
    assert response.headers["Location"].endswith(f"/programs/{created.id}")
    assert "Draft for Walt Farren made from the template “Knee valgus”" in page
    assert "dropped" in page and "takes anticoagulants" in page
    assert "not in the template" in page  # their own findings the template leaves out
    assert created.start_date.isoformat() == "2026-12-07" and created.weeks == 6


def test_template_form_errors_are_shown_beside_the_field(web, knee_program):
    _, program = knee_program
    save(web, program)
    client, assessment = enrol(web.api, ANTICOAGULANT_CLIENT)
    response = web.post(f"/clients/{client['id']}/programs/new", {
        "template_id": "999999", "assessment_id": str(assessment["id"]), "start_date": "someday"})
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert 'id="template_id-error">choose one of your templates' in page
    assert 'id="start_date-error">must be a date as YYYY-MM-DD' in page
    assert 'value="someday"' in page
    flagged, red = enrol(web.api, RED_FLAG_CLIENT)
    template = db.session.scalar(db.select(ProgramTemplate))
    response = web.post(f"/clients/{flagged['id']}/programs/new", {
        "template_id": str(template.id), "assessment_id": str(red["id"])})
    assert response.status_code == 409 and "refer before exercise" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Program.id))) == 1


def test_copy_a_program_to_another_client(web, knee_program):
    _, program = knee_program
    client, _ = enrol(web.api, ANTICOAGULANT_CLIENT)
    page = web.page(f"/programs/{program['id']}")
    assert f'<option value="{client["id"]}">Walt Farren</option>' in page
    response = web.post(f"/programs/{program['id']}/copy", {"client_id": str(client["id"])})
    shown = follow(web, response)
    copied = db.session.scalar(db.select(Program).filter_by(client_id=client["id"]))
    assert copied is not None and copied.status == "draft"
    assert "Draft for Walt Farren made from Val Gus's program" in shown and "takes anticoagulants" in shown
    shown = follow(web, web.post(f"/programs/{program['id']}/copy", {"client_id": ""}))
    assert "Not copied: choose one of your clients to copy the program to." in shown


def test_another_trainers_templates_and_clients_are_out_of_reach(web, make_web_trainer, knee_program):
    _, program = knee_program
    save(web, program)
    template = db.session.scalar(db.select(ProgramTemplate))
    other = make_web_trainer(email="bob@clinic.example")
    their_client, their_assessment = enrol(other.api, ANTICOAGULANT_CLIENT)
    assert "Knee valgus" not in other.page("/templates")
    assert other.get(f"/templates/{template.id}/use?client_id={their_client['id']}").status_code == 404
    assert other.post(f"/templates/{template.id}/delete").status_code == 404
    assert other.post(f"/programs/{program['id']}/template", {"name": "Mine"}).status_code == 404
    assert other.post(f"/programs/{program['id']}/copy", {"client_id": str(their_client["id"])}).status_code == 404
    response = other.post(f"/clients/{their_client['id']}/programs/new", {
        "template_id": str(template.id), "assessment_id": str(their_assessment["id"])})
    assert response.status_code == 422 and "choose one of your templates" in response.get_data(as_text=True)
    # Nor can Ann copy her program to Bob's client.
    shown = follow(web, web.post(f"/programs/{program['id']}/copy", {"client_id": str(their_client["id"])}))
    assert "Not copied" in shown
    assert db.session.scalar(db.select(db.func.count(Program.id))) == 1


def test_use_from_the_list_and_delete(web, knee_program):
    client, program = knee_program
    save(web, program)
    template = db.session.scalar(db.select(ProgramTemplate))
    response = web.get(f"/templates/{template.id}/use?client_id={client['id']}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/clients/{client['id']}/programs/new?template_id={template.id}#from-template")
    page = follow(web, web.post(f"/templates/{template.id}/delete"))
    assert "Template “Knee valgus” deleted" in page and "No templates yet" in page
