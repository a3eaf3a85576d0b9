"""The assessment form's reading, without Flask or a database."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from planner.validation import InputError
from planner.web.assessment_form import (GENERAL, CheckableCompensation, FormLayout, GridMuscle, checked_body,
                                         on_the_form, read_form, submit)

LAYOUT = FormLayout(
    muscles=(GridMuscle("gluteus_medius", "Gluteus medius", "hip"), GridMuscle("soleus", "Soleus", "ankle_foot"),
             GridMuscle("psoas_major", "Psoas major", "hip")),
    compensations=(CheckableCompensation("knees_move_inward", "Knees move inward", "anterior"),
                   CheckableCompensation("head_juts_forward", "Head juts forward", "lateral")),
    pain_regions=("knee", "low_back"))


def test_regions_keep_the_catalogs_first_mention_order():
    assert [(region, [m.slug for m in muscles]) for region, muscles in LAYOUT.regions()] == [
        ("hip", ["gluteus_medius", "psoas_major"]), ("ankle_foot", ["soleus"])]


def test_the_form_reads_as_the_apis_fields():
    reading = read_form(MultiDict({
        "performed_on": " 2026-11-20 ", "notes": "  ok ", "grade-soleus-right": "4", "inhibited-soleus-right": "yes",
        "grade-gluteus_medius-left": "3", "grade-gluteus_medius-right": "3",
        "squat-knees_move_inward-right": "yes", "squat-head_juts_forward": "yes",
        "squat-head_juts_forward-left": "yes",  # not a box the form shows: ignored
        "grade-biceps_brachii-left": "1",  # not on the form: ignored
        "pain-knee": "0", "pain-low_back": ""}), LAYOUT)
    assert reading.errors == {}
    assert reading.fields == {
        "performed_on": "2026-11-20", "notes": "ok",
        "muscle_tests": [{"muscle": "gluteus_medius", "side": "bilateral", "grade": 3, "inhibited": False},
                         {"muscle": "soleus", "side": "right", "grade": 4, "inhibited": True}],
        "overhead_squat": [{"compensation": "knees_move_inward", "side": "right"},
                           {"compensation": "head_juts_forward", "side": "bilateral"}],
        "pain": [{"region": "knee", "score": 0}]}
    assert checked_body(reading).muscle_tests[1].inhibited is True


def test_api_error_paths_land_on_their_inputs():
    reading = read_form(MultiDict({"performed_on": "2026-11-20", "grade-gluteus_medius-left": "3",
                                   "grade-gluteus_medius-right": "3", "grade-soleus-left": "2",
                                   "squat-knees_move_inward-left": "yes", "pain-low_back": "4"}), LAYOUT)
    assert on_the_form(reading, {
        "muscle_tests[0]": "twice", "muscle_tests[1].grade": "too high", "muscle_tests[1].inhibited": "odd",
        "overhead_squat[0].side": "bad side", "pain[0].score": "too much", "performed_on": "future",
        "body": "broken", "muscle_tests[7].grade": "no such test"}) == {
        "grade-gluteus_medius-left": "twice", "grade-gluteus_medius-right": "twice",
        "grade-soleus-left": "too high", "inhibited-soleus-left": "odd",
        "squat-knees_move_inward-left": "bad side", "pain-low_back": "too much", "performed_on": "future",
        GENERAL: "broken"}


def test_the_domains_refusal_comes_back_keyed_by_input():
    reading = read_form(MultiDict({"performed_on": "2026-11-20", "pain-knee": "3"}), LAYOUT)

    def refuse(body):
        raise InputError({"pain[0].region": "already scored", "performed_on": "in the future"})

    with pytest.raises(InputError) as refused:
        submit(reading, refuse)
    assert refused.value.errors == {"pain-knee": "already scored", "performed_on": "in the future"}
    assert submit(reading, lambda body: body.pain[0].score) == 3


def test_reading_and_model_errors_come_together_and_an_empty_date_is_required():
    reading = read_form(MultiDict({"performed_on": "", "grade-soleus-left": "six", "inhibited-psoas_major-right": "yes",
                                   "pain-knee": "12"}), LAYOUT)
    with pytest.raises(InputError) as refused:
        checked_body(reading)
    assert refused.value.errors == {
        "performed_on": "is required", "grade-soleus-left": "must be a whole number from 0 to 5 (got 'six')",
        "grade-psoas_major-right": "choose the grade the inhibited muscle tested at",
        "pain-knee": "must be at most 10 (got 12)"}
