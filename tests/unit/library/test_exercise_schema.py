"""An exercise entry's text is bounded: no control characters, short
instructions and cues; the built-in library fits well inside."""
import pytest
from pydantic import ValidationError

from planner.library.schema import MAX_CUE, MAX_INSTRUCTIONS, ExerciseEntry
from planner.validation import errors_from

ENTRY = {"slug": "wall_slide_lift_off", "name": "Wall slide with lift-off", "phase": "activate", "level": 2,
         "position": "standing", "per_side": False, "targets": [{"muscle": "lower_trapezius", "role": "primary"}],
         "dosage": {"sets": 2, "reps": 10, "tempo": "3-1-2"}, "instructions": "Forearms on the wall, slide up.",
         "cues": ["Ribs down"]}


@pytest.mark.parametrize("change, errors", [
    ({"instructions": "Slide. " * 30_000}, {"instructions": f"must be at most {MAX_INSTRUCTIONS} characters"}),
    ({"cues": ["Ribs down", "x" * (MAX_CUE + 1)]}, {"cues[1]": f"must be at most {MAX_CUE} characters"}),
    ({"cues": [""]}, {"cues[0]": "must not be empty"}),
    ({"name": "Wall\x00slide"}, {"name": "must not contain control characters (found NUL at character 5)"}),
    ({"instructions": "Slide\x1b up."}, {"instructions": "must not contain control characters "
                                                         "(found U+001B at character 6)"}),
    ({"progression": "glute\x00bridge"}, {"progression": "must not contain control characters "
                                                         "(found NUL at character 6)"}),
    ({"dosage": {"sets": 2, "reps": 10, "tempo": "٣-١-٢"}},
     {"dosage.tempo": "tempo '٣-١-٢' must be eccentric-pause-concentric seconds, like '4-2-1'"}),
])
def test_text_out_of_bounds_is_refused_naming_the_field(change, errors):
    with pytest.raises(ValidationError) as refused:
        ExerciseEntry.model_validate(ENTRY | change)
    assert errors_from(refused.value) == errors


def test_instructions_keep_their_line_breaks():
    entry = ExerciseEntry.model_validate(ENTRY | {"instructions": "Forearms on the wall.\r\n\tSlide up."})
    assert entry.instructions == "Forearms on the wall.\r\n\tSlide up."
