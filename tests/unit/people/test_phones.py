"""Phone numbers: read into E.164, or refused with what is wrong."""
import pytest

from planner.people.phones import to_e164


@pytest.mark.parametrize("raw", ["+14155552671", "+1 (415) 555-2671", " +1 415 555 2671 "])
def test_a_mobile_number_in_any_layout_is_read_into_e164(raw):
    assert to_e164(raw) == "+14155552671"


@pytest.mark.parametrize("raw, extension", [("+1 415 555 2671 ext 5", "5"), ("+1 415 555 2671 x12", "12"),
                                            ("+14155552671;ext=5", "5"), ("+14155552671#5", "5"),
                                            ("(415) 555-2671 ext. 7", "7")])
def test_an_extension_is_refused_not_dropped(raw, extension):
    with pytest.raises(ValueError) as refused:
        to_e164(raw, "US")
    assert str(refused.value).endswith(f"has an extension ({extension}): a text message cannot reach an extension, "
                                       "so give the client's own mobile number")


def test_a_long_refused_number_is_quoted_short():
    with pytest.raises(ValueError) as refused:
        to_e164("+1" + "5" * 5000)
    assert str(refused.value) == "'+1" + "5" * 35 + "…' is not a phone number"
