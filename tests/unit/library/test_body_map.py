"""The body map has a region for every muscle of the catalog, on both sides,
and its figures are well-formed SVG that mark what they are given."""
import xml.etree.ElementTree as ET

import pytest
from pydantic import ValidationError

from planner.library.body_map import VIEW_WIDTH, body_map, mirrored, parse_body_map
from planner.library.figures import exercise_figure, findings_figure, map_status, safe_id
from planner.library.loader import read_library

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def catalog():
    return read_library().muscles


def regions_of(svg: str) -> list[dict]:
    return [element.attrib for element in ET.fromstring(svg).iter(f"{SVG}polygon") if "data-muscle" in element.attrib]


def test_every_catalog_muscle_has_a_region_on_each_side(catalog):
    sides = {(r.muscle, r.side) for r in body_map().regions}
    missing = [m.slug for m in catalog if not {(m.slug, "left"), (m.slug, "right")} <= sides]
    assert missing == [], f"muscles without a region in body_map.yaml: {missing}"


def test_the_map_names_no_muscle_outside_the_catalog(catalog):
    assert body_map().muscles - {m.slug for m in catalog} == set()


def test_a_view_shows_the_bodys_right_on_the_viewers_left_from_the_front_and_the_reverse_from_the_back():
    regions = [r for r in body_map().regions if r.muscle == "gluteus_maximus"]
    back = {r.side: r for r in regions if r.view == "back"}
    assert float(back["left"].points.split()[0].split(",")[0]) < VIEW_WIDTH / 2
    assert float(back["right"].points.split()[0].split(",")[0]) > VIEW_WIDTH / 2
    front = {r.side: r for r in body_map().regions if r.muscle == "pectoralis_major" and r.view == "front"}
    assert float(front["right"].points.split()[0].split(",")[0]) < VIEW_WIDTH / 2


def test_mirroring_reflects_across_the_midline():
    assert mirrored("90,10 100,20 80,30") == "110,10 100,20 120,30"


def test_a_point_outside_the_left_half_is_refused_with_the_field_named():
    text = ('outline: "100,0 90,10 100,20"\nhead: {cx: 100, cy: 20, rx: 10, ry: 10}\n'
            'muscles:\n  soleus:\n    shapes:\n      - {view: back, points: "150,10 90,20 95,30"}\n')
    with pytest.raises(ValidationError, match="outside the view's left half"):
        parse_body_map(text)


def test_an_exercise_figure_marks_its_roles_on_both_sides_and_every_muscle_once_per_side(catalog):
    svg = exercise_figure("Bridge <with> \"band\" & more", (("gluteus_maximus", "primary"),
                                                               ("semitendinosus", "secondary")), (), "f1")
    root = ET.fromstring(svg)  # parses: the name's markup characters are escaped
    assert root.find(f"{SVG}title").text == 'Muscles worked by Bridge <with> "band" & more'
    assert root.get("role") == "img" and root.get("aria-labelledby") == "f1-title f1-desc"
    regions = regions_of(svg)
    assert {m.slug for m in catalog} == {r["data-muscle"] for r in regions}
    roles = {(r["data-muscle"], r["data-side"]): r.get("data-role") for r in regions}
    assert roles[("gluteus_maximus", "left")] == roles[("gluteus_maximus", "right")] == "primary"
    assert roles[("semitendinosus", "left")] == "secondary"
    assert {muscle for (muscle, _), role in roles.items() if role} == {"gluteus_maximus", "semitendinosus"}


def test_a_thumbnail_has_no_legend():
    with_legend = exercise_figure("Bridge", (("gluteus_maximus", "primary"),), (), "a")
    without = exercise_figure("Bridge", (("gluteus_maximus", "primary"),), (), "a", False)
    assert "data-legend" in with_legend and "data-legend" not in without


def test_findings_mark_their_side_and_the_first_status_in_treatment_order():
    svg = findings_figure((("gluteus_medius", "left", "weak"), ("gluteus_medius", "left", "inhibited"),
                           ("psoas_major", "bilateral", "short")), (("gluteus_medius", "Gluteus medius"),))
    status = {(r["data-muscle"], r["data-side"]): r.get("data-status") for r in regions_of(svg)}
    assert status[("gluteus_medius", "left")] == "weak"
    assert status[("gluteus_medius", "right")] is None
    assert status[("psoas_major", "left")] == status[("psoas_major", "right")] == "short"
    assert "Weak: Gluteus medius (left)." in ET.fromstring(svg).find(f"{SVG}desc").text


def test_an_overactive_muscle_a_length_test_found_short_shows_as_short():
    assert map_status("overactive", [{"kind": "length_test", "result": "short"}]) == "short"
    assert map_status("overactive", [{"kind": "overhead_squat", "compensation": "x"}]) == "overactive"
    assert map_status("weak", [{"kind": "muscle_test", "grade": 3}]) == "weak"


def test_ids_are_made_safe_for_xml():
    assert safe_id("item 3/<x>") == "item-3--x-"
    assert safe_id("3") == "f-3"
