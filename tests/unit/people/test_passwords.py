"""The password rule (NIST SP 800-63B, OWASP ASVS 2.1), without an app."""
from __future__ import annotations

import pytest

from planner.people.passwords import MAX_LENGTH, MIN_LENGTH, counted_length, password_problem

EMAIL, NAME = "ann@clinic.example", "Ann Trainer"


@pytest.mark.parametrize("password", ["1234567890", "aaaaaaaaaa", "password12", " " * 10, "short", "x" * 11])
def test_short_passwords_are_refused_saying_so(password):
    problem = password_problem(password, EMAIL, NAME)
    assert problem.startswith("is too short") and f"at least {MIN_LENGTH}" in problem


def test_a_run_of_spaces_counts_as_one_character():
    assert counted_length(" " * 10) == 1
    assert counted_length("correct  horse   battery") == len("correct horse battery")
    assert "it has 1 character, counting a run of spaces as one" in password_problem(" " * 20)


@pytest.mark.parametrize("password, why", [
    ("password1234", "very common password"),
    ("aaaaaaaaaaaa", 'Repeats like "aaa"'),
    ("123456789012", "similar to a commonly used password"),
    ("qwertyuiopas", "similar to a commonly used password"),
    ("abcdefghijklmnop", "Sequences like \"abc\""),
])
def test_long_enough_but_common_or_patterned_passwords_are_refused_with_zxcvbns_reason(password, why):
    problem = password_problem(password, EMAIL, NAME)
    assert problem.startswith("is too easy to guess") and "breached" in problem
    assert why.lower() in problem.lower()


def test_a_password_made_of_the_trainers_own_email_is_refused_naming_that():
    assert "contains your email or name" in password_problem("ann@clinic.example1", EMAIL, NAME)
    # zxcvbn needs to be told whose password it is to see this.
    assert password_problem("ann@clinic.example1") is None


@pytest.mark.parametrize("password", ["correct horse battery", "bridge-and-plank-demo", "Tr4ining-plans-2026"])
def test_strong_passwords_are_accepted(password):
    assert password_problem(password, EMAIL, NAME) is None


def test_long_passphrases_are_allowed_up_to_the_asvs_limit():
    phrase = "glute bridges before breakfast, planks after lunch, and a long walk in the evening " * 2
    assert password_problem(phrase[:MAX_LENGTH], EMAIL, NAME) is None
    assert "too long" in password_problem(phrase + "x" * MAX_LENGTH, EMAIL, NAME)


def test_an_empty_password_is_refused():
    assert password_problem("", EMAIL, NAME) == "must not be empty"
