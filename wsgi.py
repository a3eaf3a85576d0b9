"""WSGI entry point for production servers: `gunicorn wsgi:app`."""
from planner.app import create_app
from planner.startup import freeze_startup_objects

app = create_app()
freeze_startup_objects()
