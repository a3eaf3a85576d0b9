"""When a practice's next text must be its opt-in confirmation."""
from datetime import datetime, timedelta
from types import SimpleNamespace

from planner.messaging.bindings import CONFIRMATION_WINDOW, opt_in_due

NOW = datetime(2026, 3, 2, 12, 0)


def binding(state: str, sent_days_ago: float | None):
    return SimpleNamespace(phone_binding=state,
                           opt_in_sent_at=None if sent_days_ago is None else NOW - timedelta(days=sent_days_ago))


def test_a_practices_first_text_is_its_opt_in_confirmation():
    assert opt_in_due(binding("confirmed", None), NOW)
    assert opt_in_due(binding("awaiting", None), NOW)


def test_a_confirmed_binding_is_asked_once():
    assert not opt_in_due(binding("confirmed", 0), NOW)
    assert not opt_in_due(binding("confirmed", 400), NOW)


def test_an_unanswered_request_is_repeated_only_after_the_window():
    assert CONFIRMATION_WINDOW == timedelta(days=7)
    assert not opt_in_due(binding("awaiting", 6.9), NOW)
    assert opt_in_due(binding("awaiting", 7.1), NOW)
