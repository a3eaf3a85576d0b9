"""Helpers shared by tests in more than one folder: the fake Twilio server,
the API and web trainers, SMS set-ups, and waiting for workers."""
