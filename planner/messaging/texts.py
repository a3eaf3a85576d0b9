"""What the planner says by SMS. Health data stays out: no finding, no
diagnosis, no score; only the first name, the prompt and a link."""
from __future__ import annotations


def first_name(name: str) -> str:
    return name.strip().split()[0] if name.strip() else "there"


def reminder(name: str, link: str) -> str:
    return f"Hi {first_name(name)}, today is a training day. Your session: {link}"


def checkin_prompt(name: str) -> str:
    return (f"Hi {first_name(name)}, how was today? Reply with your pain from 0 to 10 and y if you did "
            f"your session or n if not, for example: 3 y")


HINT = "Sorry, we did not catch that. Reply with your pain from 0 to 10 and y or n, for example: 3 y"
HELP = ("Training reminders from your coach. Reply with pain 0-10 and y/n, e.g. 3 y. "
        "Reply STOP to stop messages, START to restart.")
UNKNOWN_NUMBER = "Sorry, this number is not linked to a training plan. Please contact your coach."
THANKS = "Thanks, noted."
OPTED_IN = "You will get training reminders again. Reply STOP to stop."
