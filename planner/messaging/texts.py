"""What the planner says by SMS. Health data stays out: no finding, no
diagnosis, no score; only the first name, the practice's name, the prompt
and a link. Every text to a client opens with the practice's name (CTIA:
a text names the program it comes from), written in the GSM-7 alphabet
where it can be (planner/messaging/segments.py).

The opt-in confirmation, HELP and STOP wording follow the CTIA Messaging
Principles and Best Practices (2023: an opt-in confirmation names the
program, says how often it texts, that message and data rates may apply,
and how to get help and stop) and Twilio's keyword handling. The opt-in
confirmation reads the same for every number, so nothing in a practice's
conversation tells whether another practice knows the number."""
from __future__ import annotations

from planner.messaging.segments import gsm7_name


def first_name(name: str) -> str:
    return name.strip().split()[0] if name.strip() else "there"


def signed(practice: str, text: str) -> str:
    """The text as the practice's: its name first."""
    return f"{gsm7_name(practice)}: {text}"


def reminder(name: str, practice: str, link: str) -> str:
    return signed(practice, f"Hi {first_name(name)}, today is a training day. Your session: {link}")


# The pain-monitoring model (Silbernagel et al. 2007) needs the usual pain
# of the day, the pain during a session and the pain on waking the next
# morning. At most two scheduled texts a day (our product choice): a session
# day has its reminder and its evening prompt; the question about waking
# rides on the reminder when the morning after a session is a session day
# too, and is a text of its own otherwise. Each asks for one or two numbers
# (planner/messaging/replies.py reads them by the question).
WAKING_QUESTION = "How is your pain on waking, 0 to 10? Reply with one number, e.g. 2"


def checkin_prompt(name: str, practice: str) -> str:
    """The evening prompt of a session day."""
    return signed(practice, f"Hi {first_name(name)}, how was today? Reply with your pain from 0 to 10: your usual "
                            f"pain today, then during the exercises, e.g. 3 4. Skipped the session? Reply e.g. 3 n")


def morning_prompt(name: str, practice: str) -> str:
    """The morning after a session, on a day without one."""
    return signed(practice, f"Hi {first_name(name)}, good morning. {WAKING_QUESTION}")


def morning_reminder(name: str, practice: str, link: str) -> str:
    """A session day's reminder when the day before was a session day too."""
    return f"{reminder(name, practice, link)} {WAKING_QUESTION}"


def safety_line(practice: str) -> str:
    """The answer to a severe score (planner/progress/flares.py): no score
    in it, and where to turn. Urgent-care symptoms: the red flags of the
    IFOMPT framework (Finucane et al. 2020), in plain words."""
    return signed(practice, "thanks. If your pain is much worse than usual, please contact us. Get urgent care now "
                            "for new numbness, weakness, or loss of bladder or bowel control.")


def follow_up_prompt(name: str, practice: str) -> str:
    """Weeks after the program: the client may not expect a text, so it
    names the practice; one question, answered with one number."""
    return signed(practice, f"Hi {first_name(name)}, checking in after your program. What is your usual pain "
                            f"these days, from 0 to 10? Reply with one number, for example: 3")


# The one question back to a reply the parser could not read for sure
# (planner/messaging/replies.py, question_about), by what it asks about.
# Asked once: an unclear answer to it is left for the trainer.
CLARIFYING_QUESTIONS = {
    "pain_and_done": "What was your pain today, from 0 to 10, and did you do your session, Y or N? For example: 3 Y",
    "pain": "What was your pain today, from 0 to 10? One number, for example: 3",
    "done": "Did you do your session today? Reply Y or N",
    "evening": ("What was your pain from 0 to 10: usual today, then during the exercises? "
                "For example: 3 4 (or 3 N if you skipped)"),
    "waking": "How is your pain on waking, from 0 to 10? One number, for example: 2",
    "follow_up": "What is your usual pain these days, from 0 to 10? One number, for example: 3",
}


def clarifying_question(practice: str, about: str) -> str:
    return signed(practice, f"thanks! {CLARIFYING_QUESTIONS[about]}")


def opt_in_confirmation(practice: str) -> str:
    """A practice's first text to a number."""
    return signed(practice, "you'll get training reminders and check-in texts on your training days. "
                            "Msg & data rates may apply. Reply YES to confirm, HELP for help, STOP to stop.")


def confirmed(practice: str) -> str:
    """The answer to a YES that confirms a practice's opt-in."""
    return signed(practice, "thanks, you're confirmed. Reply HELP for help, STOP to stop.")


def help_for(practice: str) -> str:
    """The answer to HELP from a number the practice texts."""
    return signed(practice, "your training reminders and check-ins. Reply with pain 0-10 and y/n, e.g. 3 y. "
                            "Reply STOP to stop messages, START to restart, LINK for your session page.")


def opted_in(practice: str) -> str:
    """The answer to START (STOP has none of ours: Twilio and the carriers
    confirm it, and a text after STOP would be refused, error 21610)."""
    return signed(practice, "you will get training reminders again. Reply STOP to stop.")


def session_link(name: str, practice: str, link: str) -> str:
    """The answer to LINK: the current link to the client's session page."""
    return signed(practice, f"Hi {first_name(name)}, here is the link to your sessions: {link}")


def no_program(practice: str) -> str:
    """The answer to LINK when no program is running."""
    return signed(practice, "you have no program running just now, so there is no session link. Please contact us.")


# HELP from a number no practice it confirmed texts from this number: no name to give.
HELP = ("Training reminders and check-ins. Reply with pain 0-10 and y/n, e.g. 3 y. "
        "Reply STOP to stop messages, START to restart.")
UNKNOWN_NUMBER = "Sorry, this number is not linked to a training plan. Please contact your trainer or clinic."
THANKS = "Thanks, noted."
# START from a number no single practice it reaches can be named for.
OPTED_IN = "You will get training reminders again. Reply STOP to stop."
