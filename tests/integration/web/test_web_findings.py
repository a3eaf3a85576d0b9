"""Findings on the client's page: confirmed ones row by row, the squat's
suggestions one line per compensation (expandable), contradictions to test."""
from __future__ import annotations

import re

from tests.support.clinical_cases import CONTRADICTION_CLIENT, enrol


def test_the_client_page_groups_suggested_findings_by_compensation(web):
    client, assessment = enrol(web.api, CONTRADICTION_CLIENT)
    page = web.page(f"/clients/{client['id']}")
    section = page[page.index('id="h-findings"'):page.index('id="conversation"')]
    confirmed = re.findall(r'data-confirmed="([a-z_]+)/([a-z]+)/([a-z]+)"', section)
    assert confirmed == [(f["muscle"], f["side"], f["status"]) for f in assessment["findings"] if f["confirmed"]]
    groups = re.findall(r'<li data-compensation-group="([a-z_]+)"><details>\s*<summary>(.*?)</summary>', section, re.S)
    assert {slug for slug, _ in groups} == {"low_back_arches", "excessive_forward_lean", "feet_turn_out"}
    summaries = dict(groups)
    assert "<strong>Low back arches</strong>" in summaries["low_back_arches"]
    assert re.search(r"\d+ muscles \(\d+ overactive, \d+ underactive\)", summaries["feet_turn_out"])
    # One line per compensation instead of a row per muscle.
    assert section.count("<tr data-") == len(confirmed)
    to_test = re.findall(r'data-to-test="([a-z_]+)/([a-z]+)"', section)
    assert set(to_test) == {("erector_spinae", "bilateral"), ("gastrocnemius_medial", "bilateral")}
    assert "a muscle or length test settles it" in section


def test_the_assessment_page_keeps_every_finding_with_its_severity(web):
    client, assessment = enrol(web.api, CONTRADICTION_CLIENT)
    page = web.page(f"/clients/{client['id']}/assessments/{assessment['id']}")
    rows = re.findall(r'<tr data-finding="([a-z_]+)/([a-z]+)/([a-z]+)">(.*?)</tr>', page, re.S)
    assert [(m, s, k) for m, s, k, _ in rows] == [(f["muscle"], f["side"], f["status"]) for f in assessment["findings"]]
    first = rows[0][3]
    assert "moderate" in first and "(suggested)" not in first
    assert "mild <span class=\"muted\">(suggested)</span>" in page
